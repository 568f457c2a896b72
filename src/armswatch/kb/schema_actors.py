"""Schemas of the files of actors: ``actors.yaml`` (states, organisations, groups, with
their people and ambiguous forms), ``companies.yaml`` and ``outlets.yaml``."""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from armswatch.kb.schema_entry import Entry
from armswatch.model import ActorKind


class Person(Entry):
    """A named person who stands for an actor ("Putin" → RUS, kind leader)."""

    name: str = Field(description="Full name as written in English news.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings, surname.")
    kind: ActorKind = "official"
    role: str | None = Field(default=None, description="Office held, for the record.")


class ActorEntry(Entry):
    """A state, organisation, group, company, territory or outlet."""

    id: str = Field(description="ISO alpha-3 for states, lowercase slug otherwise.")
    name: str = Field(description="Canonical English short name.")
    kind: ActorKind
    country: str | None = Field(description="ISO alpha-3 of the state it belongs to, or null.")
    iso2: str | None = None
    names: list[str] = Field(default_factory=list, description="Proper names and formal names.")
    abbreviations: list[str] = Field(
        default_factory=list, description="Upper-case codes matched case-sensitively (DPRK)."
    )
    adjectives: list[str] = Field(
        default_factory=list,
        description="Adjectives/demonym adjectives ('North Korean'); hyphenated forms "
        "('North Korean-made') are derived by the matcher.",
    )
    demonyms: list[str] = Field(default_factory=list, description="Plural people ('Russians').")
    capitals: list[str] = Field(
        default_factory=list,
        description="Capitals and seats of government used as metonyms ('Moscow', 'the Kremlin').",
    )
    short: list[str] = Field(
        default_factory=list,
        description="Anaphoric short forms ('the North') resolved only after the actor "
        "has been introduced in the article.",
    )
    people: list[Person] = Field(default_factory=list)
    members: list[str] = Field(
        default_factory=list,
        description="For a group that stands for named actors ('the E3' → GBR, FRA, DEU): "
        "a mention resolves to each member.",
    )
    operates_in: list[str] = Field(
        default_factory=list,
        description="For armed groups and forces: the states (ISO alpha-3) or territories "
        "(slugs) they operate in, e.g. houthis → [YEM]. For the record and for rules "
        "keyed on a place; evaluation still keys the group by its id.",
    )
    affiliation: list[str] = Field(
        default_factory=list,
        description="Ids of the organisations it belongs to or is an affiliate of "
        "(aqap → [al_qaida]; viv_ansanm → [haiti_gangs]).",
    )
    note: str | None = None


class Candidate(Entry):
    """One actor an ambiguous form may name, with the words that choose it."""

    actor: str = Field(description="The actor id.")
    kind: ActorKind | None = Field(
        default=None,
        description="The kind a mention stands for, if not the actor's (SAF → military).",
    )
    cues: list[str] = Field(
        default_factory=list,
        description="Words or names (case-sensitive) that, anywhere in the article, choose "
        "this actor; its own unambiguous names, capitals and people count too.",
    )


class AmbiguousForm(Entry):
    """A surface form that names more than one actor, and how to choose.

    Example: ``{form: Congo, candidates: [{actor: COD, cues: [Kinshasa, Goma]},
    {actor: COG, cues: [Brazzaville]}], default: null}``: "Congo" in an article that
    mentions Kinshasa is COD, with Brazzaville COG, with neither no actor at all.
    """

    forms: list[str] = Field(min_length=1, description="The forms as written ('Congo').")
    kind: Literal["name", "adjective", "demonym"] = "name"
    candidates: list[Candidate] = Field(min_length=2)
    default: str | None = Field(
        default=None,
        description="The actor chosen when no cue decides; null drops the mention.",
    )
    note: str | None = None


class ActorFile(Entry):
    version: int
    actors: list[ActorEntry]
    ambiguous: list[AmbiguousForm] = Field(
        default_factory=list,
        description="Forms shared by several actors, each with its disambiguation rule.",
    )


class Company(Entry):
    """A defence manufacturer or exporter, keyed to the state where it is based
    (ANNOTATION.md: companies and private persons)."""

    id: str = Field(description="Lowercase slug.")
    name: str = Field(description="Canonical name as written in English news.")
    country: str | None = Field(
        description="ISO alpha-3 of the state where it is based; null for a multinational "
        "with no single home state (MBDA)."
    )
    names: list[str] = Field(default_factory=list, description="Other names, former names.")
    abbreviations: list[str] = Field(default_factory=list, description="Upper-case codes.")
    parent: str | None = Field(default=None, description="Id of the owning company.")
    people: list[Person] = Field(default_factory=list)
    note: str | None = None

    def as_actor(self) -> ActorEntry:
        """The actor entry the matcher and the extractor use (kind ``company``)."""
        return ActorEntry(
            id=self.id,
            name=self.name,
            kind="company",
            country=self.country,
            names=self.names,
            abbreviations=self.abbreviations,
            people=self.people,
            affiliation=[self.parent] if self.parent else [],
            note=self.note,
        )


class CompanyFile(Entry):
    version: int
    companies: list[Company]


OutletType = Literal[
    "wire", "newspaper", "broadcaster", "magazine", "website", "think_tank", "monitor", "ngo"
]


class Outlet(Entry):
    """A news outlet, wire, think tank or monitor cited as a source, by slug.

    Its actor ``country`` stays null (OUTPUT.md: outlets and research bodies, state media
    included, are cited by slug); ``based_in`` records where it is published.
    """

    id: str = Field(description="Lowercase slug (reuters, ap, nyt, isw …).")
    name: str
    type: OutletType
    based_in: str | None = Field(default=None, description="ISO alpha-3, for the record.")
    state_media: bool = False
    names: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    note: str | None = None

    def as_actor(self) -> ActorEntry:
        """The actor entry the matcher and the extractor use (kind ``media``)."""
        return ActorEntry(
            id=self.id,
            name=self.name,
            kind="media",
            country=None,
            names=self.names,
            abbreviations=self.abbreviations,
            note=self.note,
        )


class OutletFile(Entry):
    version: int
    outlets: list[Outlet]
