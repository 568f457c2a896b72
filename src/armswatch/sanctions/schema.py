"""Schemas of the rulebook data files (``sanctions/data/rules.yaml``, ``groups.yaml``).

The YAML is validated into these typed objects when loaded (unknown keys rejected);
``data/rules.schema.json`` and ``data/groups.schema.json`` are generated from them with
``python -m armswatch.sanctions.docs``, and a test checks they are current.
Category, event-type and party names are plain strings here and checked by the
loader (``sanctions/checks.py``), which names the rule and field of every bad value.
"""

from __future__ import annotations

import datetime as dt
import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from armswatch.model import CATEGORIES, EVENT_TYPES
from armswatch.sanctions.regions import RegionFile

Direction = Literal["supply_to", "supply_from", "supply_both", "services_both", "workers"]
TargetKind = Literal["state", "non_government_in", "group", "listed_only", "region"]
GovernmentMode = Literal["none", "approval", "notification", "exempt"]
Binding = Literal["binding", "political", "partial"]
ALL_ITEMS = "all"
DATA_DIR = Path(__file__).parent / "data"


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class InForce(Entry):
    """One period during which the prohibition applied: days ``start <= d < end``."""

    start: dt.date = Field(description="First day the prohibition applied.")
    end: dt.date | None = Field(
        description="The day it ceased to apply (exclusive; null while in force)."
    )
    end_reason: str | None = Field(
        default=None, description="Why it ended; required when `end` is set."
    )
    unconfirmed: str | None = Field(
        default=None,
        description="Which of these dates the sources leave UNCONFIRMED (EMBARGOES.md [U]); "
        "the dates are still used, and explanations flag them.",
    )


class GovernmentSlice(Entry):
    """How the target state's own government (its forces and organs) is treated on days
    ``start <= d < end``: ``none`` (targeted like anyone), ``approval`` (supplies need
    the sanctions committee's prior approval: still a finding unless an approval is
    reported), ``notification`` (allowed after notifying the committee: no finding) or
    ``exempt`` (outside the embargo: no finding)."""

    start: dt.date
    end: dt.date | None = Field(description="First day of the next treatment, or null.")
    mode: GovernmentMode
    instrument: str = Field(description="The instrument that set this treatment.")
    unconfirmed: str | None = Field(default=None, description="What the sources leave open.")


class ItemException(Entry):
    """Some item categories treated apart from the rest of an entry on days
    ``start <= d < end``: heavy weapons that stay banned for a government otherwise
    exempt (Somalia 2013-2023), non-lethal materiel outside a lethal-only embargo (Côte
    d'Ivoire 2015-2016) or exempt (Liberia 2009-2016).

    ``items`` are the categories the exception certainly concerns; ``possibly`` those it
    may concern but the item vocabulary cannot tell (``military_equipment`` may be
    non-lethal; ``artillery`` may or may not be on a heavy-weapons list): for those the
    finding is conditional (``in_force`` null) with ``scope`` quoted as the condition.
    """

    start: dt.date
    end: dt.date | None = Field(description="First day the exception no longer applies, or null.")
    recipients: Literal["government", "everyone"] = Field(
        description="government: the target's government (its forces and organs), its "
        "treatment overriding `government` for these items; everyone: all recipients."
    )
    mode: GovernmentMode = Field(
        description="none or approval: these items are targeted (a finding); notification "
        "or exempt: they are not. `everyone` takes only notification or exempt."
    )
    items: list[str] = Field(
        default_factory=list,
        description="Item categories the exception certainly concerns.",
        json_schema_extra={"items": {"enum": list(CATEGORIES)}},
    )
    possibly: list[str] = Field(
        default_factory=list,
        description="Item categories it may concern (the text cannot tell): conditional.",
        json_schema_extra={"items": {"enum": list(CATEGORIES)}},
    )
    scope: str = Field(description="What the exception covers, in words (quoted in findings).")
    instrument: str = Field(description="The instrument that set it.")
    unconfirmed: str | None = Field(default=None, description="What the sources leave open.")


class Rule(Entry):
    """One prohibition of one instrument; several entries may share a rule id."""

    id: str = Field(
        pattern=r"^[a-z0-9_]+(\.[a-z0-9_]+)+$",
        description="Rule id (OUTPUT.md); the first segment is the jurisdiction (un, eu, us).",
    )
    regime: str = Field(description="The sanctions regime, for people.")
    instrument: str = Field(description="Resolution, act or regulation ('UNSCR 1874 (2009)').")
    provision: str = Field(description="Operative paragraph or article ('paragraph 9').")
    provision_confirmed: bool = Field(
        default=True,
        description="False when sanctions/FACTS.md marks the paragraph number unconfirmed [U].",
    )
    prohibits: str = Field(description="What is prohibited, read after '<provision> prohibits'.")
    direction: Direction = Field(
        description="supply_to: items going to `target`; supply_from: items coming from it; "
        "supply_both: either; services_both: training/assistance with `target` either side; "
        "workers: nationals of `target` sent to work abroad."
    )
    target: str = Field(description="The sanctioned state (ISO alpha-3) or a group id.")
    target_kind: TargetKind = Field(
        default="state",
        description="state: everyone in or of the target state, its government as "
        "`government` says; non_government_in: everyone except the target's government "
        "(its forces and organs); group: only the actor slugs of `groups`; listed_only: "
        "designated persons and entities (the list is not checked: findings are "
        "conditional); region: everyone in `region` of the target, government included as "
        "`government` says.",
    )
    groups: list[str] = Field(
        default_factory=list,
        description="Actor slugs (non-state actors of OUTPUT.md) that are targets as such: "
        "the named groups, or the target's non-governmental forces the rule names.",
    )
    region: str | None = Field(
        default=None,
        description="A region id of data/regions.yaml: the recipient must be located there "
        "(non_government_in, region).",
    )
    government: list[GovernmentSlice] = Field(
        default_factory=list,
        description="Time-sliced treatment of the target's government; days not covered "
        "count as `none` for state/region targets and `exempt` otherwise.",
    )
    item_exceptions: list[ItemException] = Field(
        default_factory=list,
        description="Item categories treated apart on some days (heavy weapons, non-lethal "
        "materiel); see ItemException.",
    )
    binding: Binding = Field(
        default="binding",
        description="binding: a legal obligation; political: a political commitment "
        "(findings say 'contrary to', never 'breach'); partial: partly national "
        "commitments (UNCONFIRMED).",
    )
    aliases: list[str] = Field(
        default_factory=list, description="Former ids of this entry, kept for stored findings."
    )
    unconfirmed: list[str] = Field(
        default_factory=list,
        description="Facts of this entry that EMBARGOES.md/FACTS.md mark UNCONFIRMED.",
    )
    bound: str = Field(
        description="Who is bound: a group id (un_member_states, eu_bound, any_person) or a "
        "state; the counterparty of `target` must be bound at the event date."
    )
    items: list[str] = Field(
        default_factory=list,
        description="Item categories covered, or ['all']; required for supply directions.",
        json_schema_extra={"items": {"enum": [*CATEGORIES, ALL_ITEMS]}},
    )
    event_types: list[str] = Field(
        min_length=1,
        description="Event types the rule applies to.",
        json_schema_extra={"items": {"enum": list(EVENT_TYPES)}},
    )
    subtypes: list[str] | None = Field(
        default=None, description="If set, only events with one of these subtypes."
    )
    in_force: list[InForce] = Field(min_length=1, description="Disjoint periods of force.")
    contested: bool = Field(default=False, description="Whether the rule's force is disputed.")
    contested_note: str | None = Field(default=None, description="Who disputes it; required.")
    note: str | None = Field(default=None, description="Scope decisions and caveats.")
    source: str = Field(pattern=r"^https?://", description="URL of the legal text or source.")


class Mirror(Entry):
    """An EU embargo copying a UN one (EMBARGOES.md B.11) whose own act or dates the
    sources leave UNCONFIRMED: the loader makes one entry per entry of the UN rule (`of`),
    with the UN scope (target, groups, region, government, items, exceptions) and periods,
    cut to `since`/`until` when the EU's own dates are known, binding EU member states
    (`eu_bound`) instead of all UN members."""

    id: str = Field(pattern=r"^eu\.[a-z0-9_]+\.arms$", description="eu.<target>.arms.")
    of: str = Field(description="The UN rule id it copies (un.<regime>.arms).")
    regime: str
    instrument: str = Field(description="The EU act, or what is known of it.")
    since: dt.date | None = Field(
        default=None, description="The EU embargo's own start, where the sources give it."
    )
    until: dt.date | None = Field(
        default=None, description="The EU embargo's own end (exclusive), where known."
    )
    until_reason: str | None = Field(default=None, description="Why it ended; with `until`.")
    unconfirmed: list[str] = Field(
        min_length=1, description="What EMBARGOES.md leaves UNCONFIRMED (at least the act)."
    )
    note: str | None = None
    source: str | None = Field(
        default=None, pattern=r"^https?://", description="Source of the EU facts, if any."
    )


class RulebookFile(Entry):
    version: int
    rules: list[Rule]
    mirrors: list[Mirror] = Field(
        default_factory=list, description="EU copies of UN embargoes (see Mirror)."
    )


class Membership(Entry):
    """A state's membership of a group: days ``start <= d < end``."""

    state: str = Field(pattern=r"^[A-Z]{3}$", description="ISO alpha-3.")
    start: dt.date
    end: dt.date | None = Field(description="First day no longer bound (exclusive), or null.")
    note: str | None = None


class Group(Entry):
    """A set of states whose membership changes over time (or everyone)."""

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    description: str
    universal: bool = Field(default=False, description="Everyone is a member; no list.")
    members: list[Membership] = Field(default_factory=list)
    source: str | None = None


class GroupFile(Entry):
    version: int
    names: dict[str, str] = Field(
        default_factory=dict,
        description="Display names (ISO alpha-3 → name) of states the rules and groups name; "
        "explanations use them first, then the knowledge base's actors.yaml, then the key.",
    )
    groups: list[Group]


SCHEMAS: dict[str, type[BaseModel]] = {
    "rules": RulebookFile,
    "groups": GroupFile,
    "regions": RegionFile,
}


def render_schema(name: str) -> str:
    """The JSON Schema text for the data file ``name`` (rules, groups or regions)."""
    return json.dumps(SCHEMAS[name].model_json_schema(), indent=2, sort_keys=True) + "\n"


def schema_path(name: str) -> Path:
    return DATA_DIR / f"{name}.schema.json"


def write_schemas() -> None:
    for name in SCHEMAS:
        schema_path(name).write_text(render_schema(name), encoding="utf-8")
