"""Scoring against a gold set, exactly as ``spec/GOLD.md`` says.

``load_gold`` reads a gold folder, ``score`` compares gold with system analyses,
``evaluate`` runs an analyser over the gold articles and scores it, ``explain`` lists
what differs per document, and ``render_scores`` turns the numbers into tables.

Decisions where GOLD.md leaves room (each also stated where it is implemented):

- Tuples are sets per document: duplicates collapse. A gold tuple that is required in
  one event and optional in another is required. Self-pairs are ordinary tuples.
- A ratio whose denominator is 0 is 1.0 when there was nothing to find and nothing
  was found (tp = fp = fn = 0), else 0.0.
- Attributes are scored once per matched required ``arms_transfer`` tuple, against the
  first required gold event and the first system event (by order) carrying the tuple.
  ``items`` is the macro-average over those tuples of the category-set F1.
- An attribute the gold event leaves out is not scored for that tuple (``n`` counts
  the tuples scored), except ``time``: an absent gold time means the text states none,
  so it is scored as correct iff the system event has no time either.
- Only findings under the rule ids of OUTPUT.md (``KNOWN_RULES``) are scored.
- Documents the gold does not contain are ignored; a gold document with no system
  analysis counts as one with no events and no findings.
"""

from __future__ import annotations

import json
import re
from collections.abc import Callable, Iterable, Iterator, Mapping
from dataclasses import dataclass, field
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator
from rich.console import Group
from rich.table import Table

from armswatch.errors import GoldError
from armswatch.ingest import InputProblem, iter_articles
from armswatch.model import (
    EVENT_TYPES,
    SYMMETRIC_TYPES,
    Analysis,
    Article,
    Category,
    Certainty,
    Event,
    EventType,
    Status,
    Time,
)

Pair = tuple[str, str, str]
"""A scored tuple within one document: (event type or rule, source key, target key)."""

ATTRIBUTES = ("items", "status", "certainty", "time", "attribution")
KNOWN_RULES = frozenset(
    {
        "un.dprk.arms_export",
        "un.dprk.arms_import",
        "un.dprk.technical_assistance",
        "un.dprk.overseas_workers",
        "un.iran.arms_export",
        "un.iran.arms_import",
        "un.iran.missile_uav",
    }
)
"""The rule ids of spec/OUTPUT.md scored as ``findings``; findings under other rules are
scored as ``findings_ext`` when they are other arms embargoes, else not at all."""
EXT_RULE = re.compile(r"^(?:un\.[a-z][a-z0-9_]*|eu\.[a-z]{3})\.arms$")
"""Other arms embargoes of OUTPUT.md (``un.<regime>.arms``, ``eu.<target>.arms``): the
``findings_ext`` of GOLD.md §4. Rules of other jurisdictions (``us.…``) are never scored."""
_PRECISION_CHARS = {"year": 4, "month": 7, "day": 10}

# ---------------------------------------------------------------- gold format


class GoldEvent(BaseModel):
    """One gold event; actors are evaluation keys (ISO alpha-3, else the id slug)."""

    model_config = ConfigDict(extra="forbid")

    type: EventType
    source: list[str] = Field(min_length=1)
    target: list[str] = Field(min_length=1)
    items: list[Category] | None = None
    systems: list[str] | None = Field(default=None, description="Named systems (not scored).")
    status: Status | None = None
    certainty: Certainty | None = None
    time: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    attributed_to: list[str] | None = Field(default=None, description="Primary source first.")
    anonymous: bool | None = Field(default=None, description="Not scored.")
    optional: bool = Field(default=False, description="Neither rewarded nor penalised.")

    @field_validator("time")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        padding = {4: "-01-01", 7: "-01", 10: ""}.get(len(value))
        try:
            date.fromisoformat(value + (padding if padding is not None else "?"))
        except ValueError:
            raise ValueError(f"time {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
        return value


class GoldFinding(BaseModel):
    """A finding the gold records, resting on ``events[event]``."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    event: int = Field(ge=0, description="Index of the gold event it rests on.")


class GoldDoc(BaseModel):
    """One line of ``gold.jsonl``: the facts a careful analyst records for an article."""

    model_config = ConfigDict(extra="forbid")

    id: str
    events: list[GoldEvent] = Field(default_factory=list)
    findings: list[GoldFinding] = Field(default_factory=list)
    findings_ext: list[GoldFinding] = Field(
        default_factory=list, description="Other arms embargoes (GOLD.md §4)."
    )

    @model_validator(mode="after")
    def _findings_rest_on_events(self) -> GoldDoc:
        for key in ("findings", "findings_ext"):
            for index, finding in enumerate(getattr(self, key)):
                if finding.event >= len(self.events):
                    raise ValueError(f"{key}[{index}].event {finding.event} has no gold event")
        for index, finding in enumerate(self.findings_ext):
            if not EXT_RULE.match(finding.rule):
                raise ValueError(
                    f"findings_ext[{index}].rule {finding.rule!r} is not un.<regime>.arms "
                    "or eu.<target>.arms"
                )
        return self


# ---------------------------------------------------------------- scores


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


# ---------------------------------------------------------------- per document


@dataclass(frozen=True)
class AttributeCheck:
    """One attribute of one matched arms-transfer tuple: gold vs system and the score."""

    pair: Pair
    attribute: str
    gold: object
    system: object
    score: float


@dataclass
class DocComparison:
    """What one document's gold and system share and where they differ."""

    doc: str
    matched: set[Pair] = field(default_factory=set)
    missed: set[Pair] = field(default_factory=set)
    spurious: set[Pair] = field(default_factory=set)
    findings_matched: set[Pair] = field(default_factory=set)
    findings_missed: set[Pair] = field(default_factory=set)
    findings_spurious: set[Pair] = field(default_factory=set)
    ext_matched: set[Pair] = field(default_factory=set)
    ext_missed: set[Pair] = field(default_factory=set)
    ext_spurious: set[Pair] = field(default_factory=set)
    checks: list[AttributeCheck] = field(default_factory=list)
    notes: list[str] = field(default_factory=list)


def expand(kind: str, event_type: str, sources: Iterable[str], targets: Iterable[str]) -> set[Pair]:
    """All source × target tuples; the pair is sorted for symmetric event types."""
    symmetric = event_type in SYMMETRIC_TYPES
    pairs: set[Pair] = set()
    for source in sources:
        for target in targets:
            first, second = sorted((source, target)) if symmetric else (source, target)
            pairs.add((kind, first, second))
    return pairs


def gold_pairs(event: GoldEvent) -> set[Pair]:
    return expand(event.type, event.type, event.source, event.target)


def system_pairs(event: Event, kind: str | None = None) -> set[Pair]:
    """The event's tuples by ``Actor.key``, labelled with ``kind`` (default: its type)."""
    sources, targets = [a.key for a in event.source], [a.key for a in event.target]
    return expand(kind or event.type, event.type, sources, targets)


def _union(pair_sets: Iterable[set[Pair]]) -> set[Pair]:
    return set().union(*pair_sets)


def compare_doc(gold: GoldDoc, system: Analysis | None) -> DocComparison:
    """Compare one document (see the module docstring for the decisions)."""
    result = DocComparison(gold.id)
    events = system.events if system else []
    required = _union(gold_pairs(e) for e in gold.events if not e.optional)
    optional = _union(gold_pairs(e) for e in gold.events if e.optional) - required
    found = _union(system_pairs(e) for e in events) - optional
    result.matched, result.missed, result.spurious = (
        found & required,
        required - found,
        found - required,
    )
    for pair in sorted(p for p in result.matched if p[0] == "arms_transfer"):
        gold_event = next(e for e in gold.events if not e.optional and pair in gold_pairs(e))
        system_event = next(e for e in events if pair in system_pairs(e))
        result.checks += check_attributes(pair, gold_event, system_event)
    _compare_findings(result, gold, system)
    return result


def _compare_findings(result: DocComparison, gold: GoldDoc, system: Analysis | None) -> None:
    """Finding tuples: only system findings with ``in_force is True`` count (not null);
    ``findings`` over the rules of OUTPUT.md, ``findings_ext`` over other arms embargoes."""
    expected = _gold_finding_pairs(gold, gold.findings)
    expected_ext = _gold_finding_pairs(gold, gold.findings_ext)
    found: set[Pair] = set()
    found_ext: set[Pair] = set()
    by_id = {e.id: e for e in system.events} if system else {}
    for sys_finding in system.findings if system else []:
        rule = sys_finding.rule
        if sys_finding.in_force is not True:
            continue
        if rule in KNOWN_RULES:
            into = found
        elif EXT_RULE.match(rule):
            into = found_ext
        else:
            continue
        sys_event = by_id.get(sys_finding.event)
        if sys_event is None:
            unknown = f"unknown event {sys_finding.event!r}"
            result.notes.append(f"finding {rule} rests on {unknown} (not scored)")
            continue
        into |= system_pairs(sys_event, kind=rule)
    result.findings_matched = found & expected
    result.findings_missed = expected - found
    result.findings_spurious = found - expected
    result.ext_matched = found_ext & expected_ext
    result.ext_missed = expected_ext - found_ext
    result.ext_spurious = found_ext - expected_ext


def _gold_finding_pairs(gold: GoldDoc, findings: list[GoldFinding]) -> set[Pair]:
    pairs: set[Pair] = set()
    for finding in findings:
        event = gold.events[finding.event]
        pairs |= expand(finding.rule, event.type, event.source, event.target)
    return pairs


def check_attributes(pair: Pair, gold: GoldEvent, system: Event) -> list[AttributeCheck]:
    """Score the attributes the gold event states; time only where the gold states one
    (GOLD.md §2), at the gold's precision (``time_correct``)."""
    checks: list[AttributeCheck] = []

    def add(attribute: str, gold_value: object, system_value: object, score: float) -> None:
        checks.append(AttributeCheck(pair, attribute, gold_value, system_value, score))

    if gold.items is not None:
        categories = sorted({item.category for item in system.items})
        add("items", sorted(gold.items), categories, set_f1(set(gold.items), set(categories)))
    if gold.status is not None:
        add("status", gold.status, system.status, float(gold.status == system.status))
    if gold.certainty is not None:
        add(
            "certainty", gold.certainty, system.certainty, float(gold.certainty == system.certainty)
        )
    if gold.time is not None:
        start = system.time.start if system.time else None
        add("time", gold.time, start, float(time_correct(gold.time, system.time)))
    if gold.attributed_to:
        sources = sorted({a.source.key for a in system.attribution if a.source is not None})
        add("attribution", gold.attributed_to[0], sources, float(gold.attributed_to[0] in sources))
    return checks


def set_f1(gold: set[str], system: set[str]) -> float:
    """F1 of two sets; two empty sets agree perfectly."""
    if not gold and not system:
        return 1.0
    common = len(gold & system)
    return 2 * common / (len(gold) + len(system))


def time_correct(gold: str | None, system: Time | None) -> bool:
    """Does the system's time start match the gold's at the gold's precision?

    An absent gold time means the text states none: correct iff the system has no
    start either. A system time coarser than the gold (year for a gold month) is wrong
    even if its first day happens to share the prefix.
    """
    if system is None or system.start is None:
        return gold is None
    if gold is None:
        return False
    coarser = _PRECISION_CHARS.get(system.precision or "", len(gold)) < len(gold)
    return not coarser and system.start[: len(gold)] == gold


# ---------------------------------------------------------------- whole set


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


# ---------------------------------------------------------------- I/O and reports


def load_gold(gold_dir: Path) -> tuple[list[Article], dict[str, GoldDoc]]:
    """Read ``articles.jsonl`` and ``gold.jsonl`` from a gold folder.

    RETURNS (tuple): the articles in file order, and the gold documents by id.
    Raises GoldError listing every problem (missing files, bad lines, id mismatches).
    """
    if not gold_dir.is_dir():
        raise GoldError(f"gold folder not found: {gold_dir}")
    missing = [n for n in ("articles.jsonl", "gold.jsonl") if not (gold_dir / n).is_file()]
    if missing:
        raise GoldError(f"gold folder {gold_dir} lacks {' and '.join(missing)}")
    errors: list[str] = []
    articles: list[Article] = []
    for item in iter_articles([gold_dir / "articles.jsonl"]):
        if isinstance(item, InputProblem):
            errors.append(str(item))
        else:
            articles.append(item)
    gold, seen = _read_gold_lines(gold_dir / "gold.jsonl", errors)
    ids = [a.doc_id for a in articles]
    errors += [f"articles.jsonl: duplicate id {i!r}" for i in _duplicates(ids)]
    errors += [f"gold.jsonl: no gold line for article {i!r}" for i in ids if i not in seen]
    errors += [f"gold.jsonl: {i!r} is not in articles.jsonl" for i in sorted(seen - set(ids))]
    if errors:
        raise GoldError(f"malformed gold in {gold_dir}: {errors[0]}", errors=errors)
    return articles, gold


def _read_gold_lines(path: Path, errors: list[str]) -> tuple[dict[str, GoldDoc], set[str]]:
    """The valid gold documents by id, and every id seen (valid or not)."""
    gold: dict[str, GoldDoc] = {}
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                if raw["id"] in seen:
                    errors.append(f"{where}: duplicate id {raw['id']!r}")
                seen.add(raw["id"])
            try:
                doc = GoldDoc.model_validate(raw)
            except ValidationError as exc:
                errors += [f"{where}: {_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
                continue
            gold.setdefault(doc.id, doc)
    return gold, seen


def _loc(loc: tuple[int | str, ...]) -> str:
    return " -> ".join(map(str, loc)) or "line"


def _duplicates(values: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            yield value
        seen.add(value)


def evaluate(gold_dir: Path, analyze: Callable[[Article], Analysis]) -> Scores:
    """Run ``analyze`` on every gold article and score the analyses."""
    articles, gold = load_gold(gold_dir)
    return score(gold, {article.doc_id: analyze(article) for article in articles})


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
