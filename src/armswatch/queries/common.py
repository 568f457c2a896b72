"""Small shared pieces: display names, actor and article references, loading by id."""

from __future__ import annotations

from collections.abc import Iterable
from functools import lru_cache

from armswatch.ledger.review import review_statuses as ledger_statuses
from armswatch.model import SYMMETRIC_TYPES, Actor
from armswatch.queries.models import ActorRef, ArticleRef, ArticlesBySha, EventsById, ListInfo
from armswatch.store import docs, readmodel
from armswatch.store.assemble import load_articles, load_events_by_id
from armswatch.store.columns import nest
from armswatch.store.docs import EventDoc
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding
from armswatch.store.sql import LOOKUP_CHUNK, rows_of
from armswatch.store.tables import TABLE
from armswatch.store.view import View

IN_LIST = "= ANY(?::VARCHAR[])"
"""A lookup by a list of values (one parameter): indexed columns are read by index."""


@lru_cache(maxsize=1)
def names() -> dict[str, str]:
    """Display names of actor keys: the rulebook's, else the knowledge base's."""
    from armswatch.sanctions import load_rulebook
    from armswatch.sanctions.explain import display_names

    return display_names(load_rulebook().names)


def name_of(key: str) -> str:
    return names().get(key, key)


def actor_refs(actors: Iterable[Actor]) -> list[ActorRef]:
    """One reference per distinct key, in order."""
    return key_refs(actor.key for actor in actors)


def key_refs(keys: Iterable[str]) -> list[ActorRef]:
    """One reference per distinct actor key, in order, with its display name."""
    return [ref_of(key) for key in dict.fromkeys(keys) if key]


@lru_cache(maxsize=4096)
def ref_of(key: str) -> ActorRef:
    """The reference of an actor key (made once per key: a list page has hundreds; the
    models that hold one never change it)."""
    return ActorRef(key=key, name=name_of(key))


def dyad(source: list[ActorRef], target: list[ActorRef], kind: str | None = None) -> str:
    """``North Korea → Russia`` (names joined by commas on each side); for a symmetric
    type (meeting, agreement …) both parties: ``North Korea – Russia``."""
    if kind in SYMMETRIC_TYPES or (kind is None and not target and len(source) > 1):
        return " – ".join(dict.fromkeys(a.name for a in [*source, *target])) or "?"
    left = ", ".join(a.name for a in source) or "?"
    right = ", ".join(a.name for a in target) or "?"
    return f"{left} → {right}"


def article_ref(article: StoredArticle) -> ArticleRef:
    return ArticleRef(
        sha256=article.sha256,
        id=article.id,
        title=article.title,
        outlet=article.outlet,
        url=article.url,
        published=article.published,
    )


def event_date(event: StoredEvent, published: str | None) -> str | None:
    """The event's own start date, else its article's publication day."""
    if event.time and event.time.start:
        return event.time.start
    return published[:10] if published else None


def event_docs(view: View, ids: list[str]) -> dict[str, EventDoc] | None:
    """These events as the read model keeps them (``store.docs``), or None when it is not
    fresh (then the caller reads the store)."""
    return readmodel.reading(view, lambda con: docs.event_docs(con, ids))


def events_by_id(view: View, ids: list[str]) -> EventsById:
    if not ids:
        return {}
    found = event_docs(view, ids)
    if found is not None:
        return {event_id: doc.event for event_id, doc in found.items()}
    return {event.id: event for event in load_events_by_id(view.con, ids)}


def articles_by_sha(view: View, shas: Iterable[str]) -> ArticlesBySha:
    wanted = list(dict.fromkeys(shas))
    if not wanted:
        return {}
    kept = readmodel.reading(view, lambda con: docs.articles(con, wanted))
    if kept is not None:
        return kept
    found: ArticlesBySha = {}
    for part in chunks(wanted):
        for article in load_articles(view.con, f"a.sha256 {IN_LIST}", [part], len(part), 0):
            found[article.sha256] = article
    return found


def article_refs(view: View, shas: Iterable[str]) -> dict[str, ArticleRef]:
    """References to these articles (no text: a list row needs only these columns)."""
    found: dict[str, ArticleRef] = {}
    for part in chunks(list(dict.fromkeys(shas))):
        for row in rows_of(
            view.con, f"SELECT {REF_COLUMNS} FROM articles WHERE sha256 {IN_LIST}", [part]
        ):
            found[row["sha256"]] = ArticleRef.model_validate(row)
    return found


REF_COLUMNS = ", ".join(ArticleRef.model_fields)


def chunks(values: list[str]) -> list[list[str]]:
    """``values`` in lists short enough to be looked up by index (``LOOKUP_CHUNK``)."""
    return [values[i : i + LOOKUP_CHUNK] for i in range(0, len(values), LOOKUP_CHUNK)]


def keyed_findings(view: View, condition: str, params: list[object]) -> dict[str, StoredFinding]:
    """Findings (over ``findings f``) by id ``<sha256>:f<n>``, in article and position order."""
    rows = rows_of(
        view.con,
        f"SELECT f.* FROM findings f WHERE {condition} ORDER BY f.sha256, f.ordinal",
        params,
    )
    columns = TABLE["findings"].columns
    return {
        f"{r['sha256']}:f{r['ordinal']}": StoredFinding.model_validate(
            {**nest(r, columns), "sha256": r["sha256"]}
        )
        for r in rows
    }


def findings_of_events(view: View, ids: list[str]) -> dict[str, dict[str, StoredFinding]]:
    """The findings resting on these events (by finding id), grouped by event."""
    found = event_docs(view, ids)
    if found is not None:
        return {event_id: doc.findings for event_id, doc in found.items() if doc.findings}
    grouped: dict[str, dict[str, StoredFinding]] = {}
    for part in chunks(ids):
        for key, finding in keyed_findings(view, f"f.event {IN_LIST}", [part]).items():
            grouped.setdefault(finding.event, {})[key] = finding
    return grouped


def review_statuses(view: View, ids: list[str]) -> dict[str, str]:
    """The analysts' review status of these events (``ledger.review``), by event id;
    unreviewed events are absent."""
    return ledger_statuses(view.con, "event", ids)


def list_info(total: int, limit: int, offset: int, filters: dict[str, object]) -> ListInfo:
    following = offset + limit
    return ListInfo(
        total=total,
        limit=limit,
        offset=offset,
        next_offset=following if following < total else None,
        filters={k: v for k, v in filters.items() if v is not None},
    )


def count(view: View, query: str, params: list[object]) -> int:
    """The ``count(*)`` of ``query``: a list's total, kept per filter while the store is
    unchanged (``View.remembered``): paging, the page and its JSON twin ask it again."""

    def counted() -> int:
        rows = view.sql(query, params).rows
        return int(rows[0][0]) if rows else 0

    return view.remembered(query, params, counted)
