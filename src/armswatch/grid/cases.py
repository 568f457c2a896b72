"""The grid's data (templates, predicates, fillers) and the cases generated from it.

A template is one construction of one event type ("passive with by", "possessive
nominal", "refusal") written with placeholders; ``generate_cases`` fills every template
``per_template`` times with different actors, weapons, quantities and predicates, each
case with the tuples a careful analyst records for it (``Expectation``). Generation is
deterministic: the same data always gives the same cases.

Example::

    template  "{A} {v.past} {W} to {B} {month}."    family transfer_to
    expect    "arms_transfer A>B status=done certainty=asserted items=W"
    case      "Kenya shipped towed howitzers to Peru in May."
              arms_transfer KEN>PER status=delivered certainty=asserted items={artillery}
"""

from __future__ import annotations

import random
import re
import string
import zlib
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field

from armswatch.errors import KnowledgeBaseError
from armswatch.evaluate import Pair, expand
from armswatch.kb import load_yaml_model
from armswatch.model import (
    CATEGORIES,
    CERTAINTIES,
    EVENT_TYPES,
    STATUSES,
    SYMMETRIC_TYPES,
    Category,
    Certainty,
    EventType,
    Status,
)

DATA_DIR = Path(__file__).parent / "data"
PER_TEMPLATE = 8
"""Cases generated per template (about 300 templates: some 2,400 cases)."""
ACTOR_SLOTS = ("A", "B", "C", "D")
SlotKind = Literal["states", "groups", "companies", "organisations", "contested"]

# ------------------------------------------------------------------ data files


class _Strict(BaseModel):
    model_config = ConfigDict(extra="forbid", frozen=True)


class StateFiller(_Strict):
    key: str
    name: str
    capital: str
    adjective: str


class NamedFiller(_Strict):
    """A group, company, organisation or contested entity: its key and how news names it."""

    key: str
    name: str


class WeaponFiller(_Strict):
    text: str
    category: Category
    system: str | None = None


class SystemPairFiller(_Strict):
    text: str
    category: Category


class Anaphors(_Strict):
    state: list[str] = Field(min_length=1)
    pair: list[str] = Field(min_length=1)


class Fillers(_Strict):
    """``fillers.yaml``: who, what, how many, when and where."""

    version: Literal[1]
    states: list[StateFiller] = Field(min_length=4)
    groups: list[NamedFiller] = Field(min_length=1)
    organisations: list[NamedFiller] = Field(min_length=1)
    contested: list[NamedFiller] = Field(min_length=1)
    companies: list[NamedFiller] = Field(min_length=1)
    weapons: list[WeaponFiller] = Field(min_length=2)
    system_pairs: list[SystemPairFiller] = Field(min_length=1)
    quantities: list[str] = Field(min_length=1)
    anaphors: Anaphors
    days: list[str] = Field(min_length=1)
    months: list[str] = Field(min_length=1)
    venues: list[str] = Field(min_length=1)


class Predicate(_Strict):
    """One word or phrase of a family, with its forms and the stage of the completed act."""

    forms: str = Field(description="base|3rd person|past|past participle|gerund")
    noun: str | None = None
    done: Status | None = None
    passive: bool = True


class Verbs(_Strict):
    """``verbs.yaml``: predicates grouped by the frame they fit."""

    version: Literal[1]
    families: dict[str, list[Predicate]]


class Template(_Strict):
    id: str
    construction: str
    text: str
    expect: list[str]
    family: str | None = None
    slots: dict[str, SlotKind] = Field(default_factory=dict)
    headline: bool = False
    needs: list[Literal["passive"]] = Field(default_factory=list)


class TemplateDefaults(_Strict):
    slots: dict[str, SlotKind] = Field(default_factory=dict)


class TemplateGroup(_Strict):
    type: EventType
    family: str | None = None
    defaults: TemplateDefaults = TemplateDefaults()
    templates: list[Template] = Field(min_length=1)


class Templates(_Strict):
    """``templates.yaml``: the templates, grouped by event type."""

    version: Literal[1]
    groups: list[TemplateGroup]


# ------------------------------------------------------------------ expectations


@dataclass(frozen=True)
class ExpectedEvent:
    """One event an analyst records for a case; actors are evaluation keys."""

    type: EventType
    source: tuple[str, ...]
    target: tuple[str, ...]
    status: Status | None = None
    certainty: Certainty | None = None
    items: frozenset[Category] | None = None
    optional: bool = False

    def pairs(self) -> set[Pair]:
        """The scored tuples (type, source, target); symmetric types sorted (GOLD.md §1)."""
        return expand(self.type, self.type, self.source, self.target)

    def describe(self) -> str:
        arrow = "-" if self.type in SYMMETRIC_TYPES else ">"
        text = f"{self.type} {','.join(self.source)}{arrow}{','.join(self.target)}"
        for name in ("status", "certainty"):
            if getattr(self, name):
                text += f" {name}={getattr(self, name)}"
        if self.items:
            text += f" items={','.join(sorted(self.items))}"
        return text + (" (optional)" if self.optional else "")


@dataclass(frozen=True)
class Case:
    """One generated sentence (or two) with the events it reports."""

    id: str
    template: str
    type: EventType
    construction: str
    text: str
    expected: tuple[ExpectedEvent, ...]
    predicate: str = ""
    """The family and base form of the predicate the case was written with, if any."""


@dataclass
class _Fill:
    """The values drawn for one case: actors by slot, weapons, the predicate."""

    actors: dict[str, _Actor]
    weapons: dict[str, frozenset[Category]]
    predicate: Predicate | None
    values: dict[str, object] = field(default_factory=dict)


@dataclass(frozen=True)
class _Actor:
    key: str
    name: str
    capital: str = ""
    adj: str = ""

    @property
    def poss(self) -> str:
        return self.name + ("'" if self.name.endswith("s") else "'s")

    def __format__(self, spec: str) -> str:
        return self.name


@dataclass(frozen=True)
class _Forms:
    base: str
    s: str
    past: str
    pp: str
    ing: str
    noun: str


_EXPECT = re.compile(
    r"^(?P<type>[a-z_]+) (?P<src>[A-D](?:[,+][A-D])*)(?:[->](?P<tgt>[A-D](?:,[A-D])*))?$"
)
_ATTRIBUTE = re.compile(r"^(status|certainty|items)=(\S+)$")
_WEAPON_SLOTS = ("W", "W2", "P")


def _parse_expectation(spec: str, fill: _Fill, where: str) -> ExpectedEvent:
    """``"arms_transfer A,C>B status=done items=W optional"`` → an ExpectedEvent."""
    head, *rest = spec.split(" ")
    words = [head, rest[0]] if rest else [head]
    match = _EXPECT.match(" ".join(words))
    if not match or match["type"] not in EVENT_TYPES:
        raise KnowledgeBaseError(f"{where}: expectation {spec!r} is not '<type> <src>><tgt> …'")
    event_type: EventType = match["type"]  # type: ignore[assignment]
    if "+" in match["src"]:  # every pair among the listed actors
        keys = [fill.actors[s].key for s in match["src"].split("+")]
        sources: tuple[str, ...] = tuple(keys)
        targets: tuple[str, ...] = tuple(keys)
    else:
        if not match["tgt"]:
            raise KnowledgeBaseError(f"{where}: expectation {spec!r} has no target")
        sources = tuple(fill.actors[s].key for s in match["src"].split(","))
        targets = tuple(fill.actors[s].key for s in match["tgt"].split(","))
    status: Status | None = None
    certainty: Certainty | None = None
    items: frozenset[Category] | None = None
    optional = False
    for word in rest[1:]:
        if word == "optional":
            optional = True
            continue
        attribute = _ATTRIBUTE.match(word)
        if not attribute:
            raise KnowledgeBaseError(f"{where}: expectation {spec!r}: cannot read {word!r}")
        name, value = attribute.groups()
        if name == "status":
            status = _status(value, fill, spec, where)
        elif name == "certainty":
            if value not in CERTAINTIES:
                raise KnowledgeBaseError(f"{where}: unknown certainty {value!r} in {spec!r}")
            certainty = value  # type: ignore[assignment]
        else:
            items = _items(value, fill, spec, where)
    if "+" in match["src"]:
        return _AllPairs(event_type, sources, targets, status, certainty, items, optional)
    return ExpectedEvent(event_type, sources, targets, status, certainty, items, optional)


class _AllPairs(ExpectedEvent):
    """Every pair among the listed actors (three-party meetings, agreements, drills)."""

    def pairs(self) -> set[Pair]:
        keys = sorted(set(self.source))
        return {(self.type, a, b) for i, a in enumerate(keys) for b in keys[i + 1 :]}

    def describe(self) -> str:
        return f"{self.type} {'+'.join(self.source)} (every pair)"


def _status(value: str, fill: _Fill, spec: str, where: str) -> Status | None:
    if value == "done":
        if fill.predicate is None:
            raise KnowledgeBaseError(f"{where}: status=done in {spec!r} needs a family")
        return fill.predicate.done
    if value not in STATUSES:
        raise KnowledgeBaseError(f"{where}: unknown status {value!r} in {spec!r}")
    return value  # type: ignore[return-value]


def _items(value: str, fill: _Fill, spec: str, where: str) -> frozenset[Category]:
    found: set[Category] = set()
    for part in value.split(","):
        if part in fill.weapons:
            found |= fill.weapons[part]
        elif part in CATEGORIES:
            found.add(part)  # type: ignore[arg-type]
        else:
            raise KnowledgeBaseError(f"{where}: items {part!r} in {spec!r} is no weapon slot")
    return frozenset(found)


# ------------------------------------------------------------------ generation


@dataclass(frozen=True)
class GridData:
    fillers: Fillers
    verbs: Verbs
    templates: Templates


def load_grid_data(data_dir: Path = DATA_DIR) -> GridData:
    """Read and validate the three data files; errors name the file and the entry."""
    data = GridData(
        fillers=load_yaml_model(data_dir / "fillers.yaml", Fillers),
        verbs=load_yaml_model(data_dir / "verbs.yaml", Verbs),
        templates=load_yaml_model(data_dir / "templates.yaml", Templates),
    )
    seen: set[str] = set()
    for group in data.templates.groups:
        for template in group.templates:
            where = f"templates.yaml: {group.type}/{template.id}"
            if f"{group.type}/{template.id}" in seen:
                raise KnowledgeBaseError(f"{where}: duplicate template id")
            seen.add(f"{group.type}/{template.id}")
            family = template.family or group.family
            if family is not None and family not in data.verbs.families:
                raise KnowledgeBaseError(f"{where}: unknown family {family!r} (verbs.yaml)")
    return data


def generate_cases(data: GridData | None = None, per_template: int = PER_TEMPLATE) -> list[Case]:
    """Every template filled ``per_template`` times; deterministic for the same data."""
    data = data or load_grid_data()
    cases: list[Case] = []
    for group in data.templates.groups:
        for template in group.templates:
            cases.extend(_expand(data, group, template, per_template))
    return cases


@lru_cache(maxsize=1)
def default_cases() -> tuple[Case, ...]:
    """The grid of the packaged data (cached)."""
    return tuple(generate_cases())


def _expand(data: GridData, group: TemplateGroup, template: Template, n: int) -> list[Case]:
    name = f"{group.type}/{template.id}"
    where = f"templates.yaml: {name}"
    family_name = template.family or group.family
    predicates = _usable_predicates(data, family_name, template)
    if family_name and not predicates:
        raise KnowledgeBaseError(f"{where}: no predicate of {family_name!r} fits the template")
    rng = random.Random(zlib.crc32(name.encode()))
    slots = {**group.defaults.slots, **template.slots}
    fields = {f for _, f, _, _ in string.Formatter().parse(template.text) if f}
    cases = []
    for i in range(n):
        fill = _draw(data, rng, slots, predicates[i % len(predicates)] if predicates else None)
        try:
            text = template.text.format(**fill.values)
        except (KeyError, AttributeError) as exc:
            raise KnowledgeBaseError(f"{where}: unknown placeholder {exc} in {fields}") from exc
        text = title_case(text) if template.headline else _sentence_case(text)
        expected = tuple(_parse_expectation(e, fill, where) for e in template.expect)
        cases.append(
            Case(
                id=f"{name}#{i}",
                template=name,
                type=group.type,
                construction=template.construction,
                text=text,
                expected=expected,
                predicate=f"{family_name}: {fill.predicate.forms.split('|')[0]}"
                if fill.predicate
                else "",
            )
        )
    return cases


def _usable_predicates(data: GridData, family: str | None, template: Template) -> list[Predicate]:
    if family is None:
        return []
    usable = data.verbs.families[family]
    if "{v.noun}" in template.text:
        usable = [p for p in usable if p.noun]
    if "passive" in template.needs:
        usable = [p for p in usable if p.passive]
    return usable


def _draw(
    data: GridData, rng: random.Random, slots: dict[str, SlotKind], predicate: Predicate | None
) -> _Fill:
    f = data.fillers
    pools: dict[SlotKind, list[_Actor]] = {
        "states": [_Actor(s.key, s.name, s.capital, s.adjective) for s in f.states],
        "groups": [_Actor(g.key, g.name) for g in f.groups],
        "companies": [_Actor(c.key, c.name) for c in f.companies],
        "organisations": [_Actor(o.key, o.name) for o in f.organisations],
        "contested": [_Actor(c.key, c.name) for c in f.contested],
    }
    actors: dict[str, _Actor] = {}
    for slot in ACTOR_SLOTS:  # distinct keys: no actor plays two roles in one case
        taken = {a.key for a in actors.values()}
        choices = [a for a in pools[slots.get(slot, "states")] if a.key not in taken]
        actors[slot] = rng.choice(choices)
    first, second = rng.sample(f.weapons, 2)
    while second.category == first.category:
        second = rng.choice(f.weapons)
    pair = rng.choice(f.system_pairs)
    weapons = {
        "W": frozenset({first.category}),
        "W2": frozenset({second.category}),
        "P": frozenset({pair.category}),
    }
    values: dict[str, object] = {
        **actors,
        "W": first.text,
        "W2": second.text,
        "P": pair.text,
        "N": rng.choice(f.quantities),
        "X": rng.choice(f.anaphors.state),
        "XX": rng.choice(f.anaphors.pair),
        "day": rng.choice(f.days),
        "month": rng.choice(f.months),
        "venue": rng.choice(f.venues),
    }
    if predicate is not None:
        base, s, past, pp, ing = predicate.forms.split("|")
        values["v"] = _Forms(base, s, past, pp, ing, predicate.noun or "")
    return _Fill(actors=actors, weapons=weapons, predicate=predicate, values=values)


_SMALL_UNCHANGED = re.compile(r"^[a-z]")


def title_case(text: str) -> str:
    """Headline style: every word capitalised ("Morocco Confirms Delivery Of …")."""
    return " ".join(
        w[:1].upper() + w[1:] if _SMALL_UNCHANGED.match(w) else w for w in text.split(" ")
    )


def _sentence_case(text: str) -> str:
    """Capitalise the first letter of every sentence ("the Houthis" → "The Houthis")."""
    return re.sub(r"(^|[.!?] )([a-z])", lambda m: m[1] + m[2].upper(), text)
