"""One document's gold against its system analysis: matched, missed and spurious tuples
(events, findings, findings_ext) and the attributes of matched arms transfers."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from armswatch.evaluate.gold import EXT_RULE, KNOWN_RULES, GoldDoc, GoldEvent, GoldFinding
from armswatch.model import SYMMETRIC_TYPES, Analysis, Event, Time

Pair = tuple[str, str, str]
"""A scored tuple within one document: (event type or rule, source key, target key)."""
_PRECISION_CHARS = {"year": 4, "month": 7, "day": 10}


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
