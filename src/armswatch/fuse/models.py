"""The records of fusion: claims, independent sources, incidents and their stories.

Declared once here; the tables (``armswatch.fuse.tables``) derive from them, and the API
returns ``IncidentSummary`` and ``IncidentStory`` as JSON.
"""

from __future__ import annotations

from typing import Literal

from pydantic import Field

from armswatch.ledger.models import ReviewStatus
from armswatch.model import ActorKind, Category, Certainty, EventType, Record, Status
from armswatch.store.records import StoredEvent, StoredFinding

SourceClass = Literal["party", "igo", "intelligence", "government", "media", "other"]
Origin = Literal["attribution", "via", "outlet"]
Stance = Literal["supports", "denies"]


class Reason(Record):
    """One term of the corroboration score."""

    weight: float = Field(description="What it adds to (or takes from) the score.")
    text: str = Field(description="The term as an analyst reads it, weight first.")


class ItemRange(Record):
    """What the reports say about one category of weapon."""

    category: Category
    systems: list[str] = Field(description="Named systems, as reported.")
    quantity_min: float | None = Field(description="Lowest quantity any report gives.")
    quantity_max: float | None = Field(description="Highest quantity any report gives.")
    quantities: list[str] = Field(description="The quantities as worded, one per report.")


class StatusStep(Record):
    """A status and the first date it was reported."""

    status: Status
    since: str | None


class Claim(Record):
    """One report of an incident: article → outlet that carried it → original source."""

    incident_id: str
    event_id: str
    sha256: str = Field(description="The article that reports it.")
    article_id: str
    outlet: str | None = Field(description="Who published the article.")
    published: str | None
    cluster: str | None = Field(description="sha256 of the first article of its copy group.")
    copy_of: str | None = Field(description="Id of the article it is a near-copy of.")
    source_key: str = Field(description="The original source: attributed actor, else outlet.")
    source_name: str
    source_kind: ActorKind | None
    source_class: SourceClass
    anonymous: bool
    via: str | None = Field(description="The outlet the text says carried the claim.")
    origin: Origin = Field(
        description="attribution: a named source; via: only the carrying outlet is named; "
        "outlet: the publisher's own voice (no attribution)."
    )
    attribution: str | None = Field(description="The attributing words, quoted.")
    stance: Stance
    status: Status
    certainty: Certainty
    counted_as: str | None = Field(description="The independent source it counts for, or null.")
    note: str | None = Field(description="Why it counts for another source, or for none.")


class Source(Record):
    """An independent source of an incident, however many articles repeat it."""

    key: str
    name: str
    source_class: SourceClass
    role: str | None = Field(description="Its part in the incident when it is a party.")
    supports: bool
    denies: bool
    certainty: Certainty = Field(description="The firmest wording of its supporting claims.")
    anonymous: bool = Field(description="Every claim of it is anonymous.")
    claims: int
    articles: int


class IncidentFacts(Record):
    """One real-world fact reported across articles: the merged description and its score
    (what fusion stores; ``IncidentSummary`` reads it with the analysts' review)."""

    id: str
    type: EventType
    title: str = Field(description="One line: who, what, which weapons.")
    dyad: str = Field(description="PRK>RUS (directed) or PRK+RUS (symmetric); ? if unknown.")
    source: list[str] = Field(description="Keys of the source side (every party if symmetric).")
    target: list[str]
    symmetric: bool
    items: list[ItemRange]
    first_reported: str | None = Field(description="Earliest publication date of a report.")
    last_reported: str | None
    time_start: str | None = Field(description="Earliest day of the event's own time.")
    time_end: str | None
    progression: list[StatusStep] = Field(description="Statuses in the order first reported.")
    conflicts: list[str] = Field(description="Reports that disagree, side by side.")
    event_ids: list[str] = Field(description="Its events, in the order they were reported.")
    articles: int
    independent_sources: int = Field(description="Distinct original sources that assert it.")
    sources: list[str] = Field(description="Their keys.")
    denied_by: list[str] = Field(description="Keys of the sources that deny it.")
    rules: list[str] = Field(description="Sanctions rules its events' findings cite.")
    score: float = Field(ge=0.0, le=1.0, description="Corroboration, with its reasons.")
    reasons: list[Reason]


class IncidentSummary(IncidentFacts):
    """An incident as the read side shows it: its facts and the analysts' review."""

    review: ReviewStatus | None = Field(
        default=None, description="The analysts' review: confirmed, rejected, unsure or null."
    )


class IncidentRow(IncidentFacts):
    """An incident as stored: its facts plus what incremental matching needs."""

    block: str = Field(description="type|dyad: incidents are matched within a block.")
    categories: list[str] = Field(description="Specific categories (matching profile).")
    systems: list[str]
    statuses: list[str] = Field(description="Every status reported (matching profile).")
    first_key: str = Field(description="Sort key of its first event (ties between incidents).")

    def summary(self, review: str | None = None) -> IncidentSummary:
        return IncidentSummary.model_validate(
            {name: getattr(self, name) for name in IncidentFacts.model_fields} | {"review": review}
        )


class IncidentEvent(Record):
    """An event's membership of an incident, and why it joined."""

    incident_id: str
    event_id: str
    sha256: str
    block: str
    sort_key: str = Field(description="Publication date, article and event: the fusing order.")
    reason: str = Field(description="The rules' details when it joined (or 'first report').")


class StoryEntry(Record):
    """One report in an incident's story: the article, its event and its claims."""

    date: str | None
    article_id: str
    title: str | None
    url: str | None
    outlet: str | None
    event: StoredEvent
    claims: list[Claim]
    chains: list[str] = Field(description="article → outlet → source, per claim.")


class IncidentStory(IncidentSummary):
    """The whole story of an incident: its summary, reports over time, sources, findings."""

    entries: list[StoryEntry] = Field(description="The reports, in date order (undated last).")
    origins: list[Source] = Field(description="The original sources, with class and stance.")
    findings: list[StoredFinding]
