"""What the read endpoints and the dashboard pages return: one model per page.

Each dashboard page renders one of these, and its JSON twin is the same object
(``model_dump(mode="json")``), so the two cannot drift. Field descriptions flow into
the OpenAPI document.
"""

from __future__ import annotations

from typing import Any, Literal

from pydantic import BaseModel, Field, computed_field

from armswatch.fuse.models import IncidentStory, IncidentSummary, Source
from armswatch.model import Span
from armswatch.sanctions.schema import Binding
from armswatch.sanctions.standing import standing
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding


class ActorRef(BaseModel):
    """An actor as the dashboard shows it: its key (country, else id) and a display name."""

    key: str = Field(description="ISO alpha-3 of the actor's state, else its id.")
    name: str


class ListInfo(BaseModel):
    """Where a page sits in its list: ``total`` rows match the filters."""

    total: int
    limit: int
    offset: int
    next_offset: int | None = Field(description="Offset of the next page, null on the last.")
    filters: dict[str, Any] = Field(default_factory=dict, description="The filters applied.")


class ArticleRef(BaseModel):
    """The article a piece of evidence comes from."""

    sha256: str
    id: str
    title: str | None = None
    outlet: str | None = None
    url: str | None = None
    published: str | None = None


class EventRow(BaseModel):
    """One event as a table row (and a CSV line)."""

    id: str
    date: str | None = Field(description="The event's time, else its article's date.")
    type: str
    subtype: str | None = None
    status: str
    certainty: str
    confidence: float
    source: list[ActorRef]
    target: list[ActorRef]
    items: list[str] = Field(description="Category, with the named system after a colon.")
    evidence: str = Field(description="The first evidence sentence.")
    rules: list[str] = Field(description="Rules of the event's findings.")
    incident: str | None = Field(description="The incident the event belongs to, if fused.")
    sources: int = Field(description="Independent sources (of its incident, else 1).")
    article: ArticleRef
    review: str | None = Field(
        default=None, description="The analysts' review: confirmed, rejected, unsure or null."
    )


class EventList(ListInfo):
    events: list[EventRow]


class FindingRow(BaseModel):
    """One finding with its event's dyad, date, certainty and independent sources."""

    id: str = Field(description="``<sha256>:f<n>``: the article and the finding's position.")
    rule: str
    regime: str
    instrument: str
    provision: str
    in_force: bool | None
    binding: Binding = Field(
        default="binding",
        description="The cited entry's force: binding, political (never a breach) or partial.",
    )
    contested: bool
    explanation: str
    citation: str | None
    date: str | None = Field(description="The date the rule was checked at.")
    event: str
    type: str
    status: str
    certainty: str
    source: list[ActorRef]
    target: list[ActorRef]
    evidence: list[Span]
    incident: str | None
    sources: int
    article: ArticleRef
    review: str | None = Field(
        default=None, description="Its event's review: confirmed, rejected, unsure or null."
    )

    @computed_field(  # type: ignore[prop-decorator]
        description="How the finding stands: 'contrary to the EU's political embargo' "
        "(political), 'in force', 'not in force' or 'undecided'."
    )
    @property
    def standing(self) -> str:
        return standing(self.binding, self.in_force)


class FindingList(ListInfo):
    findings: list[FindingRow]


class Segment(BaseModel):
    """A piece of article text; ``mark`` says whether it is evidence or its trigger word."""

    text: str
    mark: Literal["evidence", "trigger"] | None = None


class AttributionChain(BaseModel):
    """Who says so, step by step: the source, the outlet that carried it, the article."""

    steps: list[str]
    anonymous: bool
    quote: str


class Period(BaseModel):
    start: str
    end: str | None
    end_reason: str | None = None


class RuleText(BaseModel):
    """One rulebook entry as cited: what it prohibits and when it was in force."""

    id: str
    regime: str
    instrument: str
    provision: str
    prohibits: str
    target: str
    in_force: list[Period]
    in_force_text: str
    binding: Binding = Field(
        default="binding",
        description="binding; political (a political commitment: 'calls for', never a "
        "breach); partial (partly national commitments).",
    )
    contested: bool = False
    note: str | None = None
    source: str


class RuleList(BaseModel):
    rules: list[RuleText]


class StoryEvent(BaseModel):
    """One event in a story: its evidence inside its article, who says so, its findings."""

    date: str | None
    summary: str
    event: StoredEvent
    source: list[ActorRef]
    target: list[ActorRef]
    article: ArticleRef
    segments: list[Segment] = Field(description="The article text, evidence marked.")
    attribution: list[AttributionChain]
    provenance: list[str] = Field(
        default_factory=list, description="article → outlet → original source, per claim."
    )
    findings: list[StoredFinding]


class Story(BaseModel):
    """A single event told as a story, with the rules its findings cite (an incident's page
    is ``IncidentPage``; ``kind`` tells them apart)."""

    kind: Literal["incident", "event"]
    id: str
    title: str
    first: str | None
    last: str | None
    sources: int = Field(description="Independent sources.")
    articles: int
    source: list[ActorRef]
    target: list[ActorRef]
    events: list[StoryEvent]
    rules: list[RuleText]
    score: float | None = Field(default=None, description="Corroboration score, 0–1.")
    reasons: list[str] = Field(default_factory=list, description="What the score is made of.")
    conflicts: list[str] = Field(default_factory=list, description="Reports that disagree.")
    origins: list[Source] = Field(default_factory=list, description="Original sources.")


class ArticleRow(BaseModel):
    sha256: str
    id: str
    title: str | None
    outlet: str | None
    published: str | None
    events: int
    findings: int


class ArticleList(ListInfo):
    articles: list[ArticleRow]


class ArticlePage(BaseModel):
    """An article with all its evidence marked, its events and findings."""

    article: StoredArticle
    segments: list[Segment]
    events: list[EventRow]
    findings: list[StoredFinding]


class ActorRow(BaseModel):
    key: str
    name: str
    events: int
    as_source: int
    as_target: int
    findings: int


class ActorList(ListInfo):
    actors: list[ActorRow]


class GraphNode(BaseModel):
    id: str
    name: str
    events: int
    findings: int


class GraphEdge(BaseModel):
    """``source`` → ``target`` for one event type; ``weight`` counts incidents."""

    source: str
    target: str
    type: str
    weight: int = Field(description="Incidents (events not in an incident count one each).")
    events: int
    findings: int
    confirmed: int = Field(default=0, description="Of its events, those analysts confirmed.")
    rejected: int = Field(
        default=0, description="Of its events, those analysts rejected (shown when asked)."
    )


class Graph(BaseModel):
    filters: dict[str, Any] = Field(default_factory=dict)
    nodes: list[GraphNode]
    edges: list[GraphEdge]


class TimelineCell(BaseModel):
    month: str = Field(description="YYYY-MM")
    type: str
    count: int


class Timeline(BaseModel):
    filters: dict[str, Any] = Field(default_factory=dict)
    months: list[str]
    types: list[str]
    cells: list[TimelineCell]
    undated: int = Field(description="Matching events with no date at all.")


class IncidentList(ListInfo):
    """A page of incidents: each row is ``fuse``'s ``IncidentSummary`` (as ``armswatch
    incidents --json`` prints it), not a copy."""

    available: bool = Field(description="False when the store has no incidents (not fused).")
    incidents: list[IncidentSummary]


class IncidentPage(IncidentStory):
    """The incident page: ``fuse``'s ``IncidentStory`` (as ``armswatch incident ID --json``
    prints it) plus what the page shows of it: each event inside its article text, and the
    text of every rule cited."""

    kind: Literal["incident"] = "incident"
    first: str | None = Field(description="Earliest date of its events (own time, else article).")
    last: str | None
    events: list[StoryEvent] = Field(description="Its events by date, evidence marked.")
    rule_texts: list[RuleText] = Field(description="The rulebook entries its findings cite.")


class FindingPage(BaseModel):
    """One finding, and where to read its story."""

    finding: FindingRow
    story: str = Field(description="Path of the incident (or event) page.")


Page = (
    EventList
    | FindingList
    | Story
    | ArticleList
    | ArticlePage
    | ActorList
    | Graph
    | Timeline
    | RuleList
    | IncidentList
    | IncidentPage
)
EventsById = dict[str, StoredEvent]
ArticlesBySha = dict[str, StoredArticle]


class Place(BaseModel):
    """An actor on the map: its key, name and its country's centroid (degrees)."""

    key: str
    name: str
    lat: float
    lon: float
    events: int
    findings: int


class FlowMap(BaseModel):
    """Supplier → recipient flows between placed actors (the network's edges on a map)."""

    filters: dict[str, Any] = Field(default_factory=dict)
    places: list[Place]
    flows: list[GraphEdge] = Field(description="Edges whose two ends are placed.")
    unplaced: list[GraphNode] = Field(
        description="Actors without a country (armed groups, IGOs …): not on the map."
    )


class Counterpart(BaseModel):
    """Another actor of an actor's events, and where to read their dossier."""

    actor: ActorRef
    supplies: int = Field(description="Events from the actor to this counterpart.")
    receives: int = Field(description="Events from this counterpart to the actor.")
    mutual: int = Field(description="Events of symmetric types (meetings, agreements …).")
    dossier: str = Field(description="Path of the dyad's dossier (supplier first).")


class ActorPage(BaseModel):
    """One actor: transfers as supplier and recipient, all its events, findings, incidents."""

    actor: ActorRef
    supplied: EventList = Field(description="Arms transfers with the actor as supplier.")
    received: EventList = Field(description="Arms transfers with the actor as recipient.")
    events: EventList = Field(description="All its events, every type.")
    findings: FindingList
    incidents: list[IncidentSummary]
    counterparts: list[Counterpart]
    review: dict[str, Any] | None = Field(
        default=None, description="The analysts' review state (when the ledger records it)."
    )
