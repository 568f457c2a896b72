"""The sanctions engine: events in, findings out.

For each rule id, the entries that reach the event (``matching.py``) are pooled. With
a known date the rule id gives a finding when its entries together applied on at least
one day of the event's period: ``in_force`` is True when they applied on every day,
null when only on some (the date cannot decide it), when the date is unknown, when
they apply only under a condition the text does not settle (the recipient's location
for a territorial embargo, a listing) and for political (non-binding) embargoes, whose
scope each state interprets. One finding per (rule id, event) cites the best entry
(``preference``).
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Collection, Iterable, Mapping

from armswatch.errors import RuleQueryError
from armswatch.model import CATEGORIES, Event, Finding, Span
from armswatch.sanctions.explain import display_names, explain, provision_text
from armswatch.sanctions.matching import Match, event_reportable, match_rule
from armswatch.sanctions.query import make_event
from armswatch.sanctions.regions import Place, event_places, load_regions
from armswatch.sanctions.rulebook import Rulebook, load_rulebook
from armswatch.sanctions.schema import ALL_ITEMS
from armswatch.sanctions.timing import Period, event_period, latest, written_after
from armswatch.sanctions.windows import Coverage, Window, coverage

Preference = tuple[bool, bool, int, int, int]


def findings_for_event(
    event: Event,
    published: dt.date | None,
    rulebook: Rulebook | None = None,
    *,
    jurisdictions: Collection[str] | None = None,
    not_before: dt.date | None = None,
    text: str | None = None,
    places: list[Place] | None = None,
) -> list[Finding]:
    """The findings for one event, at most one per rule id, in rulebook order.

    event (Event): the reported event (its time, type, subtype, actors, items, status).
    published (date | None): the article date, used when the event has no time.
    rulebook (Rulebook | None): defaults to the packaged rulebook.
    jurisdictions (Collection[str] | None): keep only rules whose id starts with one of
        these (``{"un"}`` for the rules spec/OUTPUT.md evaluates); None keeps all.
    not_before (date | None): for undated events in undated articles, the earliest day
        the text allows (e.g. the start of the war it ties the event to); the engine
        also takes the latest year the text says something has lasted "since".
    text (str | None): the article text, where the places that scope territorial
        embargoes are looked for when the event's evidence names none.
    places (list[Place] | None): where the event took place, when the caller knows it
        (what-if checks); None looks the places up in the evidence and ``text``.
    RETURNS (list[Finding]): empty for denied, cancelled or negated events.
    """
    book = rulebook if rulebook is not None else load_rulebook()
    if not event_reportable(event):
        return []
    if published is None:
        not_before = latest(not_before, written_after(text))
    period = event_period(event, published, not_before)
    places = places if places is not None else places_of(event, text)
    matches = [
        match
        for rule in book.rules
        if jurisdictions is None or rule.id.split(".")[0] in jurisdictions
        if (match := match_rule(rule, event, book, places)) is not None
    ]
    names = display_names(book.names)
    findings = (
        decide(event, period, same_rule(matches, rule_id), names) for rule_id in ids(matches)
    )
    return [finding for finding in findings if finding is not None]


def findings_for_events(
    events: Iterable[Event],
    published: dt.date | None,
    rulebook: Rulebook | None = None,
    *,
    jurisdictions: Collection[str] | None = None,
    not_before: dt.date | None = None,
    text: str | None = None,
) -> list[Finding]:
    """The findings of every event of one article (``text``), in event order."""
    return [
        finding
        for event in events
        for finding in findings_for_event(
            event,
            published,
            rulebook,
            jurisdictions=jurisdictions,
            not_before=not_before,
            text=text,
        )
    ]


def places_of(event: Event, text: str | None) -> list[Place]:
    """The places the event's evidence sentences name, else those of the article."""
    return event_places([(e.text, e.start) for e in event.evidence], text)


def ids(matches: list[Match]) -> list[str]:
    return list(dict.fromkeys(match.rule.id for match in matches))


def same_rule(matches: list[Match], rule_id: str) -> list[Match]:
    return [match for match in matches if match.rule.id == rule_id]


def decide(
    event: Event, period: Period | None, matches: list[Match], names: Mapping[str, str]
) -> Finding | None:
    """The finding of one rule id (its entries' matches) on the event, or None."""
    if period is None:
        chosen = min(matches, key=lambda m: preference(m, None))
        others = [m for m in matches if m is not chosen]
        conditions = [text for m in matches for _, text in m.conditional]
        text = explain(event, chosen, None, "none", others, names, conditions)
        return make_finding(event, chosen, None, text)
    cover = coverage(pooled(matches), period.first, period.last)
    conditions = conditions_on(matches, period) if cover != "full" else []
    if cover == "none" and not conditions:
        return None
    live = [m for m in matches if reaches(m, period)]
    chosen = min(live, key=lambda m: preference(m, period))
    text = explain(
        event, chosen, period, cover, helpers(chosen, live, period, cover), names, conditions
    )
    decided = cover == "full" and chosen.rule.binding == "binding"
    return make_finding(event, chosen, period, text, in_force=True if decided else None)


def conditions_on(matches: list[Match], period: Period) -> list[str]:
    """The conditions of the conditional windows that overlap the period, once each."""
    found = [
        text
        for match in matches
        for window, text in match.conditional
        if coverage([window], period.first, period.last) != "none"
    ]
    return list(dict.fromkeys(found))


def reaches(match: Match, period: Period) -> bool:
    """The match applies (for certain or under a condition) on a day of the period."""
    windows = [*match.windows, *(w for w, _ in match.conditional)]
    return coverage(windows, period.first, period.last) != "none"


def helpers(chosen: Match, live: list[Match], period: Period, cover: Coverage) -> list[Match]:
    """Other entries needed to cover the period when the chosen one covers only part."""
    if cover != "full" or coverage(chosen.windows, period.first, period.last) == "full":
        return []
    return [match for match in live if match is not chosen]


def pooled(matches: list[Match]) -> list[Window]:
    return [window for match in matches for window in match.windows]


def preference(match: Match, period: Period | None) -> Preference:
    """Sort key, best first: in force on the period's first day, not contested, covering
    most of the event's items, narrowest item scope, then the most recent obligation."""
    first = period.first if period is not None else None
    windows = [*match.windows, *(w for w, _ in match.conditional)]
    at_start = first is not None and any(w.contains(first) for w in windows)
    last = period.last if period is not None else dt.date.max
    starts = [w.start for w in windows if w.start <= last] or [dt.date.min]
    scope = len(CATEGORIES) if ALL_ITEMS in match.rule.items else len(match.rule.items)
    return (not at_start, match.rule.contested, -len(match.items), scope, -max(starts).toordinal())


def make_finding(
    event: Event, match: Match, period: Period | None, text: str, in_force: bool | None = None
) -> Finding:
    """A Finding citing ``match.rule``, with the event's evidence spans copied."""
    return Finding(
        rule=match.rule.id,
        regime=match.rule.regime,
        instrument=match.rule.instrument,
        provision=provision_text(match.rule),
        event=event.id,
        in_force=in_force,
        explanation=text,
        citation=match.rule.source,
        date=period.first.isoformat() if period is not None else None,
        contested=match.rule.contested,
        evidence=[Span(text=e.text, start=e.start, end=e.end) for e in event.evidence],
    )


def what_if(
    event_type: str,
    source: list[str],
    target: list[str],
    items: list[str],
    on: dt.date | None,
    subtype: str | None = None,
    *,
    rulebook: Rulebook | None = None,
    region: str | None = None,
) -> list[Finding]:
    """Findings for a synthetic event built from codes (``armswatch rules check``).

    event_type (str): an OUTPUT.md event type. source, target (list[str]): actor keys
        (ISO alpha-3 or slugs). items (list[str]): item categories. on (date | None): the
        event's day (None: unknown). subtype (str | None): e.g. ``training``.
    region (str | None): a region id of data/regions.yaml where the recipient is (e.g.
        ``darfur``, ``el_fasher``); None: the location is unknown.
    RETURNS (list[Finding]): as findings_for_event. Raises RuleQueryError for unknown names.
    """
    event = make_event(event_type, source, target, items, on, subtype)
    places = [region_place(region)] if region is not None else []
    return findings_for_event(event, None, rulebook, places=places)


def region_place(region: str) -> Place:
    """A what-if location: the region itself, as if the evidence named it."""
    regions = load_regions()
    if region not in regions.by_id:
        known = ", ".join(sorted(regions.by_id))
        raise RuleQueryError(f"unknown region {region!r} (known: {known})")
    name = regions.name(region)
    return Place(region, name, 0, len(name), "evidence")
