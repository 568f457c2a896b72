"""Sentences a person can read: who did what when, and which provision it falls under.

"North Korea is reported as supplier of ammunition to Russia (2024-05); UNSCR 1874
(2009), paragraph 9 (number unconfirmed), prohibits the export by the DPRK of any arms
…, in force since 2009-06-12."
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from functools import lru_cache

from armswatch.errors import ArmswatchError
from armswatch.model import Event
from armswatch.sanctions.matching import Match
from armswatch.sanctions.schema import Rule
from armswatch.sanctions.timing import Period
from armswatch.sanctions.windows import Coverage, Window, describe

ITEM_WORDS = {
    "ammunition": "ammunition",
    "artillery": "artillery",
    "missile": "missiles",
    "uav": "drones (UAVs)",
    "aircraft": "aircraft",
    "helicopter": "helicopters",
    "armoured_vehicle": "armoured vehicles",
    "air_defence": "air-defence systems",
    "naval": "naval vessels",
    "small_arms": "small arms",
    "components": "military components",
    "military_equipment": "arms and related materiel",
}
PLAN_STATUSES = frozenset({"planned", "negotiating", "agreed"})


@lru_cache(maxsize=1)
def kb_names() -> dict[str, str]:
    """Display names from the knowledge base's actors.yaml (empty if it cannot be read)."""
    from armswatch.kb import load_kb

    try:
        actors = load_kb().actors.actors
    except ArmswatchError:
        return {}
    return {actor.id: actor.name for actor in actors}


def display_names(names: Mapping[str, str]) -> dict[str, str]:
    """The rulebook's names over the knowledge base's."""
    return {**kb_names(), **names}


def join(words: list[str]) -> str:
    """``a``, ``a and b``, ``a, b and c``."""
    return words[0] if len(words) == 1 else ", ".join(words[:-1]) + " and " + words[-1]


def provision_text(rule: Rule) -> str:
    """The provision, flagged when FACTS.md leaves its number unconfirmed."""
    return rule.provision if rule.provision_confirmed else f"{rule.provision} (number unconfirmed)"


def in_force_text(rule: Rule, reasons: bool = True) -> str:
    """``in force since 2006-10-14`` / ``in force from A until B (reason)``; periods whose
    dates the sources leave unconfirmed say so."""
    parts = []
    for period in rule.in_force:
        reason = f" ({period.end_reason})" if reasons and period.end_reason else ""
        doubt = f" [UNCONFIRMED: {period.unconfirmed}]" if reasons and period.unconfirmed else ""
        parts.append(describe(Window(period.start, period.end)) + reason + doubt)
    return "in force " + "; ".join(parts)


def cited(rule: Rule) -> str:
    """``UNSCR 1874 (2009), paragraph 9 (number unconfirmed)``."""
    return f"{rule.instrument}, {provision_text(rule)}"


def fact(event: Event, match: Match, period: Period | None, names: Mapping[str, str]) -> str:
    """What the event reports, with its date and, for plans, its status."""
    sources = join([names.get(s, s) for s in dict.fromkeys(s for s, _ in match.pairs)])
    targets = join([names.get(t, t) for t in dict.fromkeys(t for _, t in match.pairs)])
    when = period.label if period is not None else "date unknown"
    if event.status in PLAN_STATUSES:
        when += f", status {event.status}"
    if event.type == "arms_transfer":
        items = join([ITEM_WORDS[c] for c in match.items])
        return f"{sources} is reported as supplier of {items} to {targets} ({when})"
    if event.type == "military_cooperation":
        kind = (event.subtype or "cooperation").replace("_", " ")
        return f"{sources} and {targets} are reported in military {kind} ({when})"
    if event.type == "labor_dispatch":
        return f"{sources} is reported as sending workers to {targets} ({when})"
    return f"{sources} and {targets} are reported in a {event.type.replace('_', ' ')} ({when})"


def law(rule: Rule) -> str:
    """``UNSCR 1718 (2006), paragraph 8(b), prohibits …, in force since 2006-10-14``; a
    political embargo "calls for" rather than "prohibits"."""
    if rule.binding == "political":
        return (
            f"this would be contrary to the EU's political embargo: {cited(rule)}, not a "
            f"legal prohibition, calls for {rule.prohibits}, "
            f"{in_force_text(rule).replace('in force', 'in effect', 1)}"
        )
    if rule.binding == "partial":
        return (
            f"{cited(rule)}, resting partly on national commitments (binding force "
            f"UNCONFIRMED), restricts {rule.prohibits}, {in_force_text(rule)}"
        )
    return f"{cited(rule)}, prohibits {rule.prohibits}, {in_force_text(rule)}"


def caveats(
    match: Match,
    period: Period | None,
    cover: Coverage,
    helpers: list[Match],
    conditions: list[str] | None = None,
) -> str:
    """Why in_force is null, which other entry covers the rest of the period, disputes,
    conditions the text does not settle and notes (approval, location)."""
    notes = [
        text
        for window, text in match.notes
        if period is None or window.intersect(period_window(period)) is not None
    ]
    notes += conditions or []
    if match.rule.binding == "political":
        notes.append(
            "A political embargo, not legally binding: its scope is left to each member "
            "state, so whether it covered this transfer is not decided (in_force null)."
        )
    if period is None:
        if match.rule.binding != "political":
            notes.append(
                "The event's date is unknown, so whether the rule was in force cannot be decided."
            )
        if helpers:
            others = "; ".join(other_provision(other) for other in helpers)
            notes.append(f"Other provisions under this rule: {others}.")
    elif cover == "partial":
        notes.append(
            f"The rule was in force on only part of the event's period "
            f"({period.first} to {period.last}), so whether it applied cannot be "
            f"decided from the date."
        )
    else:
        notes += [f"The rest of the period falls under {other_provision(o)}." for o in helpers]
    if match.rule.contested and match.rule.contested_note:
        notes.append(f"Contested: {match.rule.contested_note}")
    return "".join(" " + note for note in notes)


def period_window(period: Period) -> Window:
    """The days of ``period`` as a half-open window."""
    return Window(period.first, period.last + dt.timedelta(days=1))


def other_provision(match: Match) -> str:
    """``UNSCR 1747 (2007), paragraph 5, in force from … until …``."""
    return f"{cited(match.rule)}, {in_force_text(match.rule, reasons=False)}"


def explain(
    event: Event,
    match: Match,
    period: Period | None,
    cover: Coverage,
    helpers: list[Match],
    names: Mapping[str, str],
    conditions: list[str] | None = None,
) -> str:
    """The finding's explanation sentence(s)."""
    notes = caveats(match, period, cover, helpers, conditions)
    text = f"{fact(event, match, period, names)}; {law(match.rule)}.{notes}"
    return text[:1].upper() + text[1:]
