"""Load-time checks on rules that passed schema validation.

Each check is a small named function whose docstring is its documentation (listed in
``docs/rulebook.md``). It returns ``(field, problem)`` pairs; the loader turns them into
``rules.yaml: [rules -> 3 -> in_force -> 1] rule un.x.y: problem`` lines and reports
every problem of every rule at once.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Mapping
from itertools import pairwise

from armswatch.model import CATEGORIES, EVENT_TYPES
from armswatch.sanctions.schema import ALL_ITEMS, Group, InForce, Rule

Problem = tuple[str, str]
Check = Callable[[Rule, Mapping[str, Group]], list[Problem]]
STATE = re.compile(r"^[A-Z]{3}$")
SUPPLY = frozenset({"supply_to", "supply_from", "supply_both"})


def interval_ends_after_start(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Every in_force period ends after it starts, and a period that ends says why."""
    problems: list[Problem] = []
    for i, period in enumerate(rule.in_force):
        if period.end is not None and period.end <= period.start:
            problems.append(
                (f"in_force -> {i} -> end", f"end {period.end} is not after start {period.start}")
            )
        if period.end is not None and not period.end_reason:
            problems.append((f"in_force -> {i} -> end_reason", "required when end is set"))
    return problems


def intervals_disjoint(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """The in_force periods of one entry do not overlap (ends are exclusive)."""
    ordered = sorted(enumerate(rule.in_force), key=lambda pair: pair[1].start)
    problems: list[Problem] = []
    for (i, earlier), (j, later) in pairwise(ordered):
        if earlier.end is None or later.start < earlier.end:
            problems.append(
                (
                    f"in_force -> {j}",
                    f"overlaps in_force -> {i} ({_span(earlier)} and {_span(later)})",
                )
            )
    return problems


def items_known(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Items are known categories (or ``all`` alone); supply rules name their items."""
    problems: list[Problem] = [
        (f"items -> {i}", f"unknown category {item!r} (known: {', '.join(CATEGORIES)}, all)")
        for i, item in enumerate(rule.items)
        if item not in CATEGORIES and item != ALL_ITEMS
    ]
    if ALL_ITEMS in rule.items and len(rule.items) > 1:
        problems.append(("items", "'all' cannot be combined with categories"))
    if rule.direction in SUPPLY and not rule.items:
        problems.append(("items", f"required for direction {rule.direction}"))
    return problems


def event_types_known(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Event types are those of spec/OUTPUT.md."""
    return [
        (f"event_types -> {i}", f"unknown event type {kind!r} (known: {', '.join(EVENT_TYPES)})")
        for i, kind in enumerate(rule.event_types)
        if kind not in EVENT_TYPES
    ]


def parties_known(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """``target`` and ``bound`` are ISO alpha-3 states or group ids of groups.yaml."""
    problems: list[Problem] = []
    for field in ("target", "bound"):
        value = getattr(rule, field)
        if not STATE.match(value) and value not in groups:
            known = ", ".join(sorted(groups))
            problems.append((field, f"unknown group {value!r} (known: {known}, or ISO alpha-3)"))
    target = groups.get(rule.target)
    if target is not None and target.universal and rule.target_kind not in ("group", "listed_only"):
        problems.append(
            ("target", f"group {rule.target!r} is universal; name a state (or list `groups`)")
        )
    return problems


def contest_explained(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """A contested rule says who contests it (``contested_note``)."""
    if rule.contested and not rule.contested_note:
        return [("contested_note", "required when contested is true")]
    return []


SLUG = re.compile(r"^[a-z][a-z0-9_]*$")


def target_kind_consistent(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """``group`` and ``listed_only`` rules name their ``groups``; ``region`` rules (and
    only rules of kind ``region`` or ``non_government_in``) name a ``region``."""
    problems: list[Problem] = []
    if rule.target_kind in ("group", "listed_only") and not rule.groups:
        problems.append(("groups", f"required for target_kind {rule.target_kind}"))
    if rule.target_kind == "region" and rule.region is None:
        problems.append(("region", "required for target_kind region"))
    if rule.region is not None and rule.target_kind not in ("region", "non_government_in"):
        problems.append(("region", f"not allowed for target_kind {rule.target_kind}"))
    problems += [
        (f"groups -> {i}", f"{slug!r} is not an actor slug (lowercase, e.g. houthis)")
        for i, slug in enumerate(rule.groups)
        if not SLUG.match(slug)
    ]
    return problems


def region_known(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """``region`` is an id of data/regions.yaml."""
    from armswatch.sanctions.regions import load_regions

    if rule.region is None:
        return []
    known = load_regions().by_id
    if rule.region not in known:
        return [("region", f"unknown region {rule.region!r} (known: {', '.join(sorted(known))})")]
    return []


def government_slices_ordered(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Government treatment slices end after they start and do not overlap."""
    problems: list[Problem] = []
    for i, piece in enumerate(rule.government):
        if piece.end is not None and piece.end <= piece.start:
            problems.append(
                (f"government -> {i} -> end", f"end {piece.end} is not after start {piece.start}")
            )
    ordered = sorted(enumerate(rule.government), key=lambda pair: pair[1].start)
    for (i, earlier), (j, later) in pairwise(ordered):
        if earlier.end is None or later.start < earlier.end:
            problems.append((f"government -> {j}", f"overlaps government -> {i}"))
    return problems


def aliases_are_ids(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Aliases look like rule ids and differ from the entry's own id."""
    return [
        (f"aliases -> {i}", f"{alias!r} is not a rule id other than {rule.id!r}")
        for i, alias in enumerate(rule.aliases)
        if alias == rule.id or not re.match(r"^[a-z0-9_]+(\.[a-z0-9_]+)+$", alias)
    ]


def item_exceptions_valid(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """Item exceptions end after they start, name known categories (in ``items`` or
    ``possibly``, not both), and an exception for ``everyone`` takes items out
    (``notification`` or ``exempt``): everyone else is targeted already."""
    problems: list[Problem] = []
    for i, exc in enumerate(rule.item_exceptions):
        at = f"item_exceptions -> {i}"
        if exc.end is not None and exc.end <= exc.start:
            problems.append((f"{at} -> end", f"end {exc.end} is not after start {exc.start}"))
        if not exc.items and not exc.possibly:
            problems.append((at, "names no category in items or possibly"))
        for field in ("items", "possibly"):
            problems += [
                (
                    f"{at} -> {field} -> {j}",
                    f"unknown category {c!r} (known: {', '.join(CATEGORIES)})",
                )
                for j, c in enumerate(getattr(exc, field))
                if c not in CATEGORIES
            ]
        problems += [
            (f"{at} -> possibly", f"{c!r} is also in items")
            for c in sorted(set(exc.items) & set(exc.possibly))
        ]
        if exc.recipients == "everyone" and exc.mode in ("none", "approval"):
            problems.append(
                (
                    f"{at} -> mode",
                    f"{exc.mode} for everyone adds nothing: use notification or exempt",
                )
            )
    return problems


CHECKS: tuple[Check, ...] = (
    interval_ends_after_start,
    intervals_disjoint,
    items_known,
    event_types_known,
    parties_known,
    contest_explained,
    target_kind_consistent,
    region_known,
    government_slices_ordered,
    aliases_are_ids,
    item_exceptions_valid,
)


def check_rule(rule: Rule, groups: Mapping[str, Group]) -> list[Problem]:
    """All problems of one rule entry, in check order."""
    return [problem for check in CHECKS for problem in check(rule, groups)]


def duplicate_entries(rules: list[Rule]) -> list[tuple[int, str]]:
    """Entries repeating another's (id, instrument, provision, direction)."""
    seen: dict[tuple[str, str, str, str], int] = {}
    problems: list[tuple[int, str]] = []
    for i, rule in enumerate(rules):
        key = (rule.id, rule.instrument, rule.provision, rule.direction)
        if key in seen:
            problems.append(
                (i, f"duplicates rules -> {seen[key]} ({rule.instrument} {rule.provision})")
            )
        seen.setdefault(key, i)
    return problems


def check_group(group: Group) -> list[Problem]:
    """A group's memberships end after they start and do not overlap for one state."""
    problems: list[Problem] = []
    if group.universal and group.members:
        problems.append(("members", "a universal group lists no members"))
    by_state: dict[str, list[tuple[int, InForce]]] = {}
    for i, member in enumerate(group.members):
        window = InForce(start=member.start, end=member.end, end_reason="membership")
        by_state.setdefault(member.state, []).append((i, window))
        if member.end is not None and member.end <= member.start:
            problems.append((f"members -> {i} -> end", f"end {member.end} is not after start"))
    for windows in by_state.values():
        ordered = sorted(windows, key=lambda pair: pair[1].start)
        for (i, earlier), (j, later) in pairwise(ordered):
            if earlier.end is None or later.start < earlier.end:
                problems.append((f"members -> {j}", f"overlaps members -> {i}"))
    return problems


def _span(period: InForce) -> str:
    return f"{period.start}–{period.end or 'open'}"
