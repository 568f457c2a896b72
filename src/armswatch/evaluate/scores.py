"""The numbers of a whole gold set: precision, recall and F1 per event type and rule,
attribute scores, micro-averaged over documents (``score``)."""

from __future__ import annotations

from collections.abc import Iterable, Mapping

from pydantic import BaseModel, Field

from armswatch.evaluate.compare import AttributeCheck, DocComparison, Pair, compare_doc
from armswatch.evaluate.gold import GoldDoc
from armswatch.model import EVENT_TYPES, Analysis

ATTRIBUTES = ("items", "status", "certainty", "time", "attribution")


class PRF(BaseModel):
    """Counts and the precision, recall and F1 computed from them."""

    tp: int
    fp: int
    fn: int
    precision: float
    recall: float
    f1: float


class AttributeScore(BaseModel):
    """An attribute over matched arms-transfer tuples: ``score = total / n``."""

    n: int = Field(description="Matched tuples on which the attribute was scored.")
    total: float = Field(description="Correct ones (for items: the sum of set F1s).")
    score: float | None = Field(description="Accuracy (items: mean F1); null when n = 0.")


class Scores(BaseModel):
    """Everything GOLD.md asks for, with the counts behind every number."""

    documents: int
    events: PRF = Field(description="All event tuples, micro-averaged.")
    arms_transfer: PRF
    by_type: dict[str, PRF]
    attributes: dict[str, AttributeScore] = Field(description="Keys: " + ", ".join(ATTRIBUTES))
    findings: PRF
    findings_by_rule: dict[str, PRF]
    findings_ext: PRF = Field(description="Other UN and EU arms embargoes (GOLD.md §4).")
    findings_ext_by_rule: dict[str, PRF]


def make_prf(tp: int, fp: int, fn: int) -> PRF:
    """PRF from counts; an empty denominator gives 1.0 only if all counts are 0."""
    nothing = tp == fp == fn == 0
    precision = tp / (tp + fp) if tp + fp else float(nothing)
    recall = tp / (tp + fn) if tp + fn else float(nothing)
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return PRF(tp=tp, fp=fp, fn=fn, precision=precision, recall=recall, f1=f1)


def score(gold: Mapping[str, GoldDoc], system: Mapping[str, Analysis]) -> Scores:
    """Score system analyses (by document id) against gold documents (by id)."""
    comparisons = [compare_doc(doc, system.get(doc_id)) for doc_id, doc in gold.items()]
    return _aggregate(comparisons)


def _aggregate(comparisons: list[DocComparison]) -> Scores:
    events = _prf_by_kind(comparisons, "matched", "spurious", "missed")
    findings = _prf_by_kind(comparisons, "findings_matched", "findings_spurious", "findings_missed")
    ext = _prf_by_kind(comparisons, "ext_matched", "ext_spurious", "ext_missed")
    order = {name: i for i, name in enumerate(EVENT_TYPES)}
    by_type = {k: events[k] for k in sorted(events, key=lambda k: order.get(k, len(order)))}
    checks = [check for c in comparisons for check in c.checks]
    return Scores(
        documents=len(comparisons),
        events=_total(events.values()),
        arms_transfer=events.get("arms_transfer", make_prf(0, 0, 0)),
        by_type=by_type,
        attributes={name: _attribute_score(checks, name) for name in ATTRIBUTES},
        findings=_total(findings.values()),
        findings_by_rule=dict(sorted(findings.items())),
        findings_ext=_total(ext.values()),
        findings_ext_by_rule=dict(sorted(ext.items())),
    )


def _prf_by_kind(comparisons: list[DocComparison], tp: str, fp: str, fn: str) -> dict[str, PRF]:
    counts: dict[str, list[int]] = {}
    for comparison in comparisons:
        for slot, name in enumerate((tp, fp, fn)):
            pairs: set[Pair] = getattr(comparison, name)
            for kind, _, _ in pairs:
                counts.setdefault(kind, [0, 0, 0])[slot] += 1
    return {kind: make_prf(*values) for kind, values in counts.items()}


def _total(parts: Iterable[PRF]) -> PRF:
    parts = list(parts)
    return make_prf(sum(p.tp for p in parts), sum(p.fp for p in parts), sum(p.fn for p in parts))


def _attribute_score(checks: list[AttributeCheck], attribute: str) -> AttributeScore:
    scores = [check.score for check in checks if check.attribute == attribute]
    total = sum(scores)
    return AttributeScore(n=len(scores), total=total, score=total / len(scores) if scores else None)
