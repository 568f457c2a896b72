"""Whether one rule entry reaches one event, and when.

Each predicate is a small named function; ``match_rule`` combines them into a
``Match``: the actor pairs the rule reaches, the event's item categories it covers,
and the windows of days during which it applied to those parties (the rule's
``in_force`` periods intersected with the parties' group memberships).
"""

from __future__ import annotations

from dataclasses import dataclass

from armswatch.model import CATEGORIES, GENERIC_CATEGORY, Actor, Event
from armswatch.sanctions.rulebook import Rulebook, rule_windows
from armswatch.sanctions.schema import ALL_ITEMS, Rule
from armswatch.sanctions.windows import Window, intersect_all

NOT_REPORTABLE_STATUSES = frozenset({"denied", "cancelled"})
SUPPLY = frozenset({"supply_to", "supply_from", "supply_both"})
REACHES_TARGET_SIDE = frozenset({"supply_to", "supply_both", "services_both"})
REACHES_SOURCE_SIDE = frozenset({"supply_from", "supply_both", "services_both", "workers"})


@dataclass(frozen=True)
class Match:
    """A rule entry that reaches an event: who, which items, and on which days."""

    rule: Rule
    pairs: tuple[tuple[str, str], ...]
    items: tuple[str, ...]
    windows: tuple[Window, ...]


def event_reportable(event: Event) -> bool:
    """Denied or cancelled events, and negated statements, give no finding."""
    return event.status not in NOT_REPORTABLE_STATUSES and event.certainty != "negated"


def event_type_covered(rule: Rule, event: Event) -> bool:
    """The rule names the event's type (and its subtype, when the rule lists subtypes)."""
    if event.type not in rule.event_types:
        return False
    return rule.subtypes is None or event.subtype in rule.subtypes


def event_categories(event: Event) -> tuple[str, ...]:
    """The event's item categories; a transfer naming no item is ``military_equipment``."""
    found = tuple(dict.fromkeys(item.category for item in event.items))
    return found or (GENERIC_CATEGORY,)


def covered_items(rule: Rule, event: Event) -> tuple[str, ...]:
    """The event's categories that the rule covers (all of them for ``items: [all]``)."""
    if rule.direction not in SUPPLY:
        return ()
    scope = CATEGORIES if ALL_ITEMS in rule.items else rule.items
    return tuple(c for c in event_categories(event) if c in scope)


def actor_keys(actors: list[Actor]) -> list[str]:
    """Evaluation keys: ``country`` where set, else ``id``."""
    return list(dict.fromkeys(actor.country or actor.id for actor in actors))


def pair_windows(rule: Rule, book: Rulebook, source: str, target: str) -> list[Window]:
    """Days on which the rule reached ``source`` → ``target`` (empty if never)."""
    base = rule_windows(rule)
    found: list[Window] = []
    if rule.direction in REACHES_TARGET_SIDE:
        found += _reach(rule, book, base, sanctioned=target, counterparty=source)
    if rule.direction in REACHES_SOURCE_SIDE:
        found += _reach(rule, book, base, sanctioned=source, counterparty=target)
    return found


def _reach(
    rule: Rule, book: Rulebook, base: list[Window], *, sanctioned: str, counterparty: str
) -> list[Window]:
    targeted = intersect_all(base, book.party_windows(rule.target, sanctioned))
    return intersect_all(targeted, book.party_windows(rule.bound, counterparty))


def match_rule(rule: Rule, event: Event, book: Rulebook) -> Match | None:
    """The Match of ``rule`` on ``event``, or None when the rule never reaches it."""
    if not event_type_covered(rule, event):
        return None
    items = covered_items(rule, event)
    if rule.direction in SUPPLY and not items:
        return None
    pairs: list[tuple[str, str]] = []
    windows: list[Window] = []
    for source in actor_keys(event.source):
        for target in actor_keys(event.target):
            reached = pair_windows(rule, book, source, target) if source != target else []
            if reached:
                pairs.append((source, target))
                windows += reached
    if not pairs:
        return None
    return Match(rule, tuple(pairs), items, tuple(windows))
