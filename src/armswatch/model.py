"""The analysis contract of spec/OUTPUT.md, declared once.

Every other layer (CLI, evaluation, sanctions engine, JSON Schema in
``docs/schema/analysis.schema.json``) is derived from these models. Fields may be
added; the contract's fields keep their names, meanings and vocabularies.
"""

from __future__ import annotations

import hashlib
from typing import Literal, get_args

from pydantic import BaseModel, ConfigDict, Field

EventType = Literal[
    "arms_transfer",
    "military_cooperation",
    "troop_deployment",
    "labor_dispatch",
    "diplomatic_recognition",
    "diplomatic_break",
    "meeting",
    "agreement",
    "sanction_imposed",
    "condemnation",
    "military_exercise",
]
Category = Literal[
    "ammunition",
    "artillery",
    "missile",
    "uav",
    "aircraft",
    "helicopter",
    "armoured_vehicle",
    "air_defence",
    "naval",
    "small_arms",
    "components",
    "military_equipment",
]
Status = Literal[
    "planned", "negotiating", "agreed", "ongoing", "delivered", "denied", "cancelled", "unknown"
]
Certainty = Literal["asserted", "probable", "possible", "negated"]
ActorKind = Literal[
    "state",
    "government",
    "military",
    "intelligence",
    "leader",
    "official",
    "company",
    "armed_group",
    "igo",
    "territory",
    "media",
    "group",
]
Precision = Literal["day", "month", "year", "range"]
MentionType = Literal["actor", "weapon", "quantity", "time"]

EVENT_TYPES: tuple[str, ...] = get_args(EventType)
CATEGORIES: tuple[str, ...] = get_args(Category)
STATUSES: tuple[str, ...] = get_args(Status)
CERTAINTIES: tuple[str, ...] = get_args(Certainty)
ACTOR_KINDS: tuple[str, ...] = get_args(ActorKind)
SYMMETRIC_TYPES: frozenset[str] = frozenset(
    {"military_cooperation", "meeting", "agreement", "military_exercise"}
)
GENERIC_CATEGORY = "military_equipment"


class Record(BaseModel):
    """Base of every contract record: unknown fields are rejected."""

    model_config = ConfigDict(extra="forbid")


class Span(Record):
    """A quoted piece of the article: ``text == article.text[start:end]``."""

    text: str
    start: int = Field(ge=0, description="Character offset (Python str index) of the first char.")
    end: int = Field(ge=0, description="Character offset one past the last char.")


class Article(Record):
    """One input article (a line of the JSON Lines input)."""

    model_config = ConfigDict(extra="ignore")

    text: str = Field(description="The article body; the only required field.")
    id: str | None = Field(default=None, description="Defaults to the SHA-256 of the text.")
    url: str | None = None
    title: str | None = None
    published: str | None = Field(
        default=None, description="ISO date or date-time; anchors relative dates."
    )
    outlet: str | None = None

    @property
    def sha256(self) -> str:
        return hashlib.sha256(self.text.encode("utf-8")).hexdigest()

    @property
    def doc_id(self) -> str:
        return self.id or self.sha256


class Doc(Record):
    """Identity and metadata of the analysed article."""

    id: str
    url: str | None = None
    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    language: str = "en"
    sha256: str

    @classmethod
    def of(cls, article: Article) -> Doc:
        """The record of ``article``'s identity (id defaults to the text's SHA-256)."""
        return cls(
            id=article.doc_id,
            url=article.url,
            title=article.title,
            published=article.published,
            outlet=article.outlet,
            sha256=article.sha256,
        )


class Mention(Span):
    """A recognised actor, weapon, quantity or time expression in the text."""

    type: MentionType
    id: str | None = Field(default=None, description="Knowledge-base id, when resolved.")


class Actor(Record):
    """A participant resolved to the knowledge base."""

    id: str = Field(description="ISO alpha-3 for a state and its organs, else a lowercase slug.")
    name: str = Field(description="The words of the text that name the actor.")
    country: str | None = Field(description="ISO alpha-3 of the actor's state, else null.")
    kind: ActorKind
    start: int | None = Field(default=None, description="Offset of `name` in the text.")
    end: int | None = None

    @property
    def key(self) -> str:
        """The evaluation key: the country where set, else the id."""
        return self.country or self.id


class Quantity(Record):
    """How many, as a range: ``min`` and ``max`` are null when unbounded or unknown."""

    text: str
    min: float | None = None
    max: float | None = None


class Item(Record):
    """A weapon, munition or piece of materiel named in an event."""

    text: str
    category: Category
    system: str | None = Field(default=None, description="Canonical name of a named system.")
    quantity: Quantity | None = None
    start: int | None = Field(default=None, description="Offset of `text` in the article.")
    end: int | None = None


class Time(Record):
    """The event's own time, resolved against the article's date."""

    text: str
    start: str | None = Field(default=None, description="ISO date of the first day.")
    end: str | None = Field(default=None, description="ISO date of the last day.")
    precision: Precision | None = None


class Attribution(Record):
    """Who the article says is the source of a claim."""

    source: Actor | None = None
    anonymous: bool = False
    via: str | None = Field(default=None, description="The outlet that carried the claim.")
    text: str
    start: int | None = None
    end: int | None = None


class Evidence(Span):
    """A sentence that reports the event, with the word that triggered it."""

    trigger: Span


class Event(Record):
    """A document-level fact: one (type, source, target) with all its evidence."""

    id: str
    type: EventType
    source: list[Actor]
    target: list[Actor]
    items: list[Item] = Field(default_factory=list)
    subtype: str | None = Field(
        default=None,
        description="Finer kind where the trigger says it: training, technical_assistance, "
        "defence_pact, joint_production, aid_package, recall …",
    )
    status: Status = "unknown"
    time: Time | None = None
    certainty: Certainty = "asserted"
    attribution: list[Attribution] = Field(default_factory=list)
    evidence: list[Evidence]
    confidence: float = Field(ge=0.0, le=1.0)
    extractor: str = Field(
        default="armswatch.event_extractor.v1",
        description="Registered name and version of the component that found the event.",
    )


class Finding(Record):
    """A reported event that, if true, would fall under a prohibition in force."""

    rule: str
    regime: str
    instrument: str
    provision: str
    event: str = Field(description="Id of the event the finding rests on.")
    in_force: bool | None = Field(description="Null when the event's date is unknown.")
    explanation: str
    citation: str | None = Field(default=None, description="URL of the legal text.")
    date: str | None = Field(default=None, description="The date the rule was checked at.")
    contested: bool = False
    evidence: list[Span] = Field(default_factory=list, description="Quoted sentences.")


class Analysis(Record):
    """Everything armswatch found in one article."""

    doc: Doc
    mentions: list[Mention] = Field(default_factory=list)
    events: list[Event] = Field(default_factory=list)
    findings: list[Finding] = Field(default_factory=list)
