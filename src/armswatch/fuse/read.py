"""Reading incidents through a read-only ``View``: the list, and one incident's story.

These are the functions the CLI and the API share; both return pydantic models.
"""

from __future__ import annotations

import re
import sqlite3

from pydantic import BaseModel

from armswatch.errors import InvalidRequestError
from armswatch.fuse.facts import Dyad
from armswatch.fuse.independence import independent_sources
from armswatch.fuse.models import Claim, IncidentRow, IncidentStory, IncidentSummary, StoryEntry
from armswatch.fuse.provenance import chain
from armswatch.fuse.tables import CLAIMS, load_incidents, load_rows
from armswatch.ledger.review import review_statuses
from armswatch.store import docs, readmodel
from armswatch.store.assemble import (
    Filter,
    load_articles,
    load_events_by_id,
    load_findings,
    where,
)
from armswatch.store.records import StoredEvent, StoredFinding
from armswatch.store.view import View

ISO_DATE = re.compile(r"^\d{4}-\d{2}-\d{2}$")
ORDER = "last_reported DESC NULLS LAST, score DESC, id"
LATEST_DAY = "coalesce(greatest(last_reported, time_end), last_reported, time_end)"


def actor_key(actor: str) -> str:
    """How actors are stored: ISO alpha-3 codes upper case, slugs lower case."""
    iso = len(actor) == 3 and actor.isalpha() and actor.isascii()
    return actor.upper() if iso else actor.lower()


def list_incidents(
    view: View,
    actor: str | None = None,
    since: str | None = None,
    min_sources: int | None = None,
    limit: int = 50,
    offset: int = 0,
    *,
    type: str | None = None,
    ids: list[str] | None = None,
) -> list[IncidentSummary]:
    """Incidents, latest reported first.

    actor (str | None): a country code or actor id on either side ("PRK", "wagner").
    since (str | None): ISO date; incidents reported (or dated) on or after it.
    min_sources (int | None): at least this many independent sources assert it.
    type (str | None): one event type.
    ids (list[str] | None): only these incidents.
    """
    condition, params = incident_conditions(actor, since, min_sources, type, ids)
    rows = load_incidents(
        view.con, f"{condition} ORDER BY {ORDER} LIMIT ? OFFSET ?", [*params, limit, offset]
    )
    reviewed = review_statuses(view.con, "incident", [row.id for row in rows])
    return [row.summary(reviewed.get(row.id)) for row in rows]


def count_incidents(
    view: View,
    actor: str | None = None,
    since: str | None = None,
    min_sources: int | None = None,
    *,
    type: str | None = None,
) -> int:
    """How many incidents ``list_incidents`` would list with these filters, unpaged."""
    condition, params = incident_conditions(actor, since, min_sources, type, None)
    found = view.con.execute(f"SELECT count(*) FROM incidents WHERE {condition}", params)
    return int(found.fetchall()[0][0])


def incident_conditions(
    actor: str | None,
    since: str | None,
    min_sources: int | None,
    type: str | None,
    ids: list[str] | None,
) -> tuple[str, list[object]]:
    if since is not None and not ISO_DATE.match(since):
        raise InvalidRequestError(f"--since {since!r}: give an ISO date such as 2024-01-01")
    filters: list[Filter] = [
        ("list_contains(list_concat(source, target), ?)", actor and actor_key(actor)),
        (f"{LATEST_DAY} >= ?", since),
        ("independent_sources >= ?", min_sources),
        ("type = ?", type),
        ("id = ANY(?)", ids),
    ]
    return where(filters)


def get_incident(view: View, incident_id: str) -> IncidentStory | None:
    """The whole story of one incident, or None when there is no such incident."""
    # in a list: None inside is "no such incident", None instead is "read the store"
    kept = readmodel.reading(view, lambda con: [incident_from_read_model(con, incident_id)])
    if kept is not None:
        return kept[0]
    found = load_incidents(view.con, "id = ?", [incident_id])
    if not found:
        return None
    row = found[0]
    rows = load_rows(view.con, CLAIMS, "incident_id = ?", [incident_id])
    claims = [Claim.model_validate(r) for r in rows]
    event_ids = sorted({c.event_id for c in claims})
    events = load_events_by_id(view.con, event_ids)
    findings = load_findings(view.con, *in_events("f.event", event_ids), MAX_FINDINGS, 0)
    review = review_statuses(view.con, "incident", [incident_id]).get(incident_id)
    shas = sorted({e.sha256 for e in events})
    articles = load_articles(view.con, "a.sha256 = ANY(?)", [shas], len(shas), 0)
    refs = {a.sha256: ArticleFields.model_validate(a, from_attributes=True) for a in articles}
    return story(row, review, claims, events, findings, refs)


MAX_FINDINGS = 1000
"""An incident's findings shown at most."""


def incident_from_read_model(con: sqlite3.Connection, incident_id: str) -> IncidentStory | None:
    """``get_incident`` from the read model (``store.docs``): the same story."""
    doc = docs.incident_doc(con, incident_id)
    if doc is None:
        return None
    event_ids = sorted({c.event_id for c in doc.claims})
    found = docs.event_docs(con, event_ids)
    events = [found[i].event for i in event_ids if i in found]
    refs = {d.event.sha256: ArticleFields.model_validate(d.article) for d in found.values()}
    keyed = [(key, f) for d in found.values() for key, f in d.findings.items()]
    keyed.sort(key=lambda pair: position(pair[0]))
    keyed.sort(key=lambda pair: dated(refs[pair[1].sha256].published), reverse=True)
    findings = [finding for _, finding in keyed[:MAX_FINDINGS]]
    return story(doc.row, doc.review, doc.claims, events, findings, refs)


def position(key: str) -> tuple[str, int]:
    """A finding's article and place in it (``key`` is ``<sha256>:f<ordinal>``)."""
    sha, ordinal = key.rsplit(":f", 1)
    return sha, int(ordinal)


def dated(published: str | None) -> tuple[bool, str]:
    """Sorted in reverse, latest published first and undated last (``load_findings``)."""
    return published is not None, published or ""


def story(
    row: IncidentRow,
    review: str | None,
    claims: list[Claim],
    events: list[StoredEvent],
    findings: list[StoredFinding],
    refs: dict[str, ArticleFields],
) -> IncidentStory:
    dyad = Dyad(tuple(row.source), tuple(row.target), row.symmetric)
    return IncidentStory(
        **row.summary(review).model_dump(),
        entries=entries(events, claims, refs),
        origins=independent_sources(claims, dyad, row.type),
        findings=findings,
    )


def in_events(column: str, ids: list[str]) -> tuple[str, list[object]]:
    return where([(f"{column} = ANY(?)", ids)])


class ArticleFields(BaseModel):
    """What a story entry shows of its article."""

    id: str
    title: str | None = None
    url: str | None = None
    outlet: str | None = None
    published: str | None = None


def entries(
    events: list[StoredEvent], claims: list[Claim], articles: dict[str, ArticleFields]
) -> list[StoryEntry]:
    """One entry per report, in date order (undated last)."""
    found = []
    for event in events:
        article = articles[event.sha256]
        own = [c for c in claims if c.event_id == event.id]
        day = article.published[:10] if article.published else None
        found.append(
            StoryEntry(
                date=day or (event.time.start if event.time else None),
                article_id=article.id,
                title=article.title,
                url=article.url,
                outlet=article.outlet,
                event=event,
                claims=own,
                chains=[chain(c) for c in own],
            )
        )
    return sorted(found, key=lambda e: (e.date or "~", e.article_id, e.event.id))
