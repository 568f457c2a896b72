"""What a person reads: the differences per document (``explain``) and the score
tables for a terminal (``render_scores``)."""

from __future__ import annotations

from collections.abc import Mapping

from rich.console import Group
from rich.table import Table

from armswatch.evaluate.compare import Pair, compare_doc
from armswatch.evaluate.gold import GoldDoc
from armswatch.evaluate.scores import PRF, Scores
from armswatch.model import SYMMETRIC_TYPES, Analysis


def explain(gold: Mapping[str, GoldDoc], system: Mapping[str, Analysis]) -> list[str]:
    """One line per difference: missed and spurious tuples, attribute mismatches."""
    lines: list[str] = []
    for doc_id, doc in gold.items():
        result = compare_doc(doc, system.get(doc_id))
        if doc_id not in system:
            lines.append(f"{doc_id}: no system analysis")
        for label, pairs in (
            ("missed event", result.missed),
            ("spurious event", result.spurious),
            ("missed finding", result.findings_missed),
            ("spurious finding", result.findings_spurious),
            ("missed finding_ext", result.ext_missed),
            ("spurious finding_ext", result.ext_spurious),
        ):
            lines += [f"{doc_id}: {label} {format_pair(pair)}" for pair in sorted(pairs)]
        for check in result.checks:
            if check.score < 1.0:
                what = f"{format_pair(check.pair)} {check.attribute}"
                lines.append(f"{doc_id}: {what}: gold {check.gold!r}, system {check.system!r}")
        lines += [f"{doc_id}: {note}" for note in result.notes]
    lines += [f"{doc_id}: not in the gold (ignored)" for doc_id in system if doc_id not in gold]
    return lines


def format_pair(pair: Pair) -> str:
    """``arms_transfer PRK→RUS``; symmetric types as ``meeting KOR–USA``."""
    kind, source, target = pair
    return f"{kind} {source}{'–' if kind in SYMMETRIC_TYPES else '→'}{target}"


def render_scores(scores: Scores) -> Group:
    """Tables for a terminal: event tuples, attributes, findings."""
    events = _prf_table("Event tuples", {"all": scores.events, **scores.by_type})
    attributes = Table("attribute", "n", "correct", "score", title="Arms-transfer attributes")
    for name, value in scores.attributes.items():
        shown = "–" if value.score is None else f"{value.score:.3f}"
        attributes.add_row(name, str(value.n), f"{value.total:g}", shown)
    findings = _prf_table("Findings", {"all": scores.findings, **scores.findings_by_rule})
    ext = _prf_table(
        "Findings under other arms embargoes (findings_ext)",
        {"all": scores.findings_ext, **scores.findings_ext_by_rule},
    )
    return Group(events, attributes, findings, ext)


def _prf_table(title: str, rows: Mapping[str, PRF]) -> Table:
    table = Table("", "tp", "fp", "fn", "P", "R", "F1", title=title)
    for name, prf in rows.items():
        counts = (str(prf.tp), str(prf.fp), str(prf.fn))
        table.add_row(name, *counts, *(f"{x:.3f}" for x in (prf.precision, prf.recall, prf.f1)))
    return table
