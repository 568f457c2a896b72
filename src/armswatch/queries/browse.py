"""Articles, actors and incidents as lists, and the article page."""

from __future__ import annotations

from typing import Any

from armswatch.errors import NotFoundError
from armswatch.queries import incidents
from armswatch.queries.common import count, keyed_findings, list_info, name_of
from armswatch.queries.events import event_rows
from armswatch.queries.models import (
    ActorList,
    ActorRow,
    ArticleList,
    ArticlePage,
    ArticleRow,
    IncidentList,
)
from armswatch.queries.paged import incident_page
from armswatch.queries.params import ActorQuery, ArticleQuery, IncidentQuery, conditions, like
from armswatch.queries.story import highlight
from armswatch.store.view import View


def list_articles(view: View, query: ArticleQuery) -> ArticleList:
    """Current articles, by publication date then sha256."""
    parts, params = ["a.current"], []
    if query.outlet:
        parts.append("a.outlet = ?")
        params.append(query.outlet)
    if query.q:
        parts.append("(a.title ILIKE ? ESCAPE '\\' OR a.text ILIKE ? ESCAPE '\\')")
        params += [like(query.q)] * 2
    for op, day in ((">=", query.since), ("<=", query.until)):
        if day:
            parts.append(f"left(a.published, 10) {op} ?")
            params.append(day.isoformat())
    where = " AND ".join(parts)
    total = count(view, f"SELECT count(*) FROM articles a WHERE {where}", [*params])
    order = "ASC" if query.sort == "date" else "DESC"
    found = view.sql(
        "SELECT a.sha256, a.id, a.title, a.outlet, a.published, "
        "(SELECT count(*) FROM events e WHERE e.sha256 = a.sha256), "
        "(SELECT count(*) FROM findings f WHERE f.sha256 = a.sha256) "
        f"FROM articles a WHERE {where} ORDER BY a.published {order} NULLS LAST, a.sha256 "
        "LIMIT ? OFFSET ?",
        [*params, query.limit, query.offset],
    )
    names = ("sha256", "id", "title", "outlet", "published", "events", "findings")
    rows = [ArticleRow(**dict(zip(names, row, strict=True))) for row in found.rows]
    info = list_info(total, query.limit, query.offset, query.model_dump(mode="json"))
    return ArticleList(**info.model_dump(), articles=rows)


def article_page(view: View, key: str) -> ArticlePage:
    """An article (by sha256 or input id) with every evidence sentence marked."""
    article = view.article(key)
    if article is None:
        raise NotFoundError(f"no article {key!r}")
    ids = [
        r[0]
        for r in view.sql(
            "SELECT id FROM events WHERE sha256 = ? ORDER BY ordinal", [article.sha256]
        ).rows
    ]
    rows = event_rows(view, ids)
    events = [view.event(i) for i in ids]
    marks = [
        mark
        for event in events
        if event is not None
        for ev in event.evidence
        for mark in ((ev.start, ev.end, "evidence"), (ev.trigger.start, ev.trigger.end, "trigger"))
    ]
    findings = keyed_findings(view, "f.sha256 = ?", [article.sha256])
    return ArticlePage(
        article=article,
        segments=highlight(article.text, marks),
        events=rows,
        findings=list(findings.values()),
    )


ACTORS = """
WITH x AS (
    SELECT DISTINCT coalesce(ac.country, ac.id) AS key, ac.role, ac.event_id
    FROM actors ac JOIN events e ON e.id = ac.event_id
    WHERE {where}
),
per_event AS (SELECT event, count(*) AS n FROM findings GROUP BY event),
found AS (
    SELECT d.key, sum(p.n) AS n FROM (SELECT DISTINCT key, event_id FROM x) d
    JOIN per_event p ON p.event = d.event_id GROUP BY d.key
)
SELECT x.key, count(DISTINCT x.event_id) AS events,
    count(DISTINCT x.event_id) FILTER (WHERE x.role = 'source') AS as_source,
    count(DISTINCT x.event_id) FILTER (WHERE x.role = 'target') AS as_target,
    coalesce(any_value(found.n), 0) AS findings
FROM x LEFT JOIN found ON found.key = x.key
GROUP BY x.key
"""


def list_actors(view: View, query: ActorQuery) -> ActorList:
    """Actors of the matching events, most events first, then by key."""
    where, params = conditions(query)
    sql = ACTORS.format(where=where)
    total = count(view, f"SELECT count(*) FROM ({sql})", params)
    found = view.sql(
        f"{sql} ORDER BY events DESC, x.key LIMIT ? OFFSET ?", [*params, query.limit, query.offset]
    )
    rows = [
        ActorRow(key=k, name=name_of(k), events=e, as_source=s, as_target=t, findings=int(f))
        for k, e, s, t, f in found.rows
    ]
    info = list_info(total, query.limit, query.offset, query.model_dump(mode="json"))
    return ActorList(**info.model_dump(), actors=rows)


def list_incident_page(view: View, query: IncidentQuery) -> IncidentList:
    """Incidents, as fused; ``available`` is False when the store has none. A page comes
    from the store's page tables when they keep its filter (``queries.paged``)."""
    filters: dict[str, Any] = query.model_dump(mode="json")
    available = incidents.available(view)
    if (paged := incident_page(view, query)) is not None:
        info = list_info(paged[0], query.limit, query.offset, filters)
        return IncidentList(**info.model_dump(), available=available, incidents=paged[1])
    found = incidents.list_incidents(
        view,
        actor=query.actor,
        since=query.since,
        min_sources=query.min_sources,
        limit=query.limit,
        offset=query.offset,
    )
    total = incidents.count_incidents(
        view, actor=query.actor, since=query.since, min_sources=query.min_sources
    )
    info = list_info(total, query.limit, query.offset, filters)
    return IncidentList(**info.model_dump(), available=available, incidents=found)
