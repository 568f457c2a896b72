"""``armswatch dossier --from PRK --to RUS``: a self-contained report on one dyad.

``build_dossier`` gathers, through ``armswatch.queries``: the incidents between the two
actors, the findings with their citations, every evidence quote with its article, the
sources, and a timeline; ``render_markdown`` and ``render_html`` write it out (HTML
with its style inlined and no external resource, so the file can be mailed or archived).
Events from ``from`` to ``to`` are included, and events of symmetric types (meetings,
agreements, cooperation, exercises) between the two in either order.
"""

from __future__ import annotations

import datetime as dt
from enum import StrEnum

from pydantic import BaseModel, ConfigDict, Field

from armswatch import __version__
from armswatch.errors import DossierError
from armswatch.fuse.models import IncidentSummary
from armswatch.model import SYMMETRIC_TYPES
from armswatch.queries import incidents
from armswatch.queries.common import events_by_id, name_of
from armswatch.queries.events import list_events, list_findings
from armswatch.queries.models import (
    ActorRef,
    ArticleRef,
    EventRow,
    FindingRow,
    RuleText,
)
from armswatch.queries.params import Code, EventQuery, FindingQuery, QueryModel
from armswatch.queries.story import rule_texts
from armswatch.sanctions import load_rulebook
from armswatch.store.records import StoredFinding
from armswatch.store.view import View

MAX_ROWS = 5000


class DossierFormat(StrEnum):
    html = "html"
    md = "md"


class DossierQuery(QueryModel):
    """The dyad: ``from`` (supplier, sender, acting side) and ``to``."""

    model_config = ConfigDict(populate_by_name=True, extra="ignore")

    source: Code = Field(alias="from", description="Actor code of the supplying/acting side.")
    target: Code = Field(alias="to", description="Actor code of the receiving/other side.")


class Quote(BaseModel):
    """An evidence sentence and where it comes from."""

    event: str
    date: str | None
    type: str
    text: str
    article: ArticleRef


class Source(BaseModel):
    """An article the dossier cites, with how many of its events it uses."""

    article: ArticleRef
    events: int


class Dossier(BaseModel):
    source: ActorRef
    target: ActorRef
    generated: str = Field(description="The day the dossier was made (UTC).")
    version: str = Field(description="The armswatch version that made it.")
    incidents: list[IncidentSummary]
    findings: list[FindingRow]
    rules: list[RuleText]
    timeline: list[EventRow] = Field(description="The dyad's events, oldest first.")
    quotes: list[Quote]
    sources: list[Source]


def build_dossier(view: View, query: DossierQuery) -> Dossier:
    """The dossier of ``query.source`` → ``query.target`` (empty when they are the same)."""
    src, dst = query.source.upper(), query.target.upper()
    pair = {"actor": query.source, "counterpart": query.target, "limit": MAX_ROWS}
    events = [
        e
        for e in list_events(view, EventQuery(**pair, sort="date")).events
        if in_dyad(e.type, e.source, e.target, src, dst)
    ]
    findings = [
        f
        for f in list_findings(view, FindingQuery(**pair, sort="date")).findings
        if in_dyad(f.type, f.source, f.target, src, dst)
    ]
    return Dossier(
        source=ActorRef(key=src, name=name_of(src)),
        target=ActorRef(key=dst, name=name_of(dst)),
        generated=dt.datetime.now(dt.UTC).date().isoformat(),
        version=__version__,
        incidents=dyad_incidents(view, {e.id for e in events}),
        findings=findings,
        rules=rule_texts([stored(f) for f in findings]),
        timeline=events,
        quotes=quotes(view, events),
        sources=sources(events),
    )


def in_dyad(kind: str, source: list[ActorRef], target: list[ActorRef], a: str, b: str) -> bool:
    """From ``a`` to ``b``; symmetric types either way round."""
    left, right = {r.key.upper() for r in source}, {r.key.upper() for r in target}
    forward = a in left and b in right
    return forward or (kind in SYMMETRIC_TYPES and b in left and a in right)


def dyad_incidents(view: View, event_ids: set[str]) -> list[IncidentSummary]:
    return incidents.incidents_of_events(view, sorted(event_ids))


def stored(row: FindingRow) -> StoredFinding:
    """Enough of a finding to look its rule entry up (under the rule's current id when
    the store holds a former one, e.g. ``eu.russia.arms_export`` → ``eu.rus.arms``)."""
    return StoredFinding(
        rule=load_rulebook().canonical_id(row.rule),
        regime=row.regime,
        instrument=row.instrument,
        provision=row.provision,
        event=row.event,
        in_force=row.in_force,
        explanation=row.explanation,
        sha256=row.article.sha256,
    )


def quotes(view: View, events: list[EventRow]) -> list[Quote]:
    """Every evidence sentence of the events, in timeline order."""
    full = events_by_id(view, [row.id for row in events])
    return [
        Quote(event=row.id, date=row.date, type=row.type, text=ev.text, article=row.article)
        for row in events
        for ev in full[row.id].evidence
    ]


def sources(events: list[EventRow]) -> list[Source]:
    counts: dict[str, int] = {}
    refs: dict[str, ArticleRef] = {}
    for row in events:
        counts[row.article.sha256] = counts.get(row.article.sha256, 0) + 1
        refs[row.article.sha256] = row.article
    ordered = sorted(refs.values(), key=lambda a: (a.published or "", a.sha256))
    return [Source(article=a, events=counts[a.sha256]) for a in ordered]


def require_content(dossier: Dossier) -> Dossier:
    """The dossier, or DossierError when the store has nothing on the dyad."""
    if dossier.source.key == dossier.target.key:
        raise DossierError(f"--from and --to are the same actor ({dossier.source.key})")
    if not dossier.timeline:
        raise DossierError(
            f"no events from {dossier.source.key} to {dossier.target.key} in the store "
            "(actor codes are ISO alpha-3 or knowledge-base ids: see `armswatch serve`, /actors)"
        )
    return dossier
