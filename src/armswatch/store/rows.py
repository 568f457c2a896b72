"""One analysis as table rows: a pure function, shared by every engine.

``analysis_to_rows`` runs where the analysis is made (a local worker, a Dask task), so
the rows can go to ``StoreWriter.add_rows`` or to Parquet with the tables' Arrow schemas.
Event and finding ids are content-derived (``armswatch.ledger.ids``): the same article
analysed again by the same extractor gives the same ids; findings point to their events.
"""

from __future__ import annotations

import hashlib

from armswatch.errors import StoreError
from armswatch.ledger.ids import event_ids, finding_id
from armswatch.model import Actor, Analysis, Event
from armswatch.store.neardup import signature
from armswatch.store.records import Signature, StoredArticle
from armswatch.store.sql import Row, record_row
from armswatch.store.tables import CONTENT_TABLES

Rows = dict[str, list[Row]]
"""Table name → rows, for the tables of ``CONTENT_TABLES``."""

ROLES = ("source", "target")


def analysis_to_rows(analysis: Analysis, text: str, fingerprint: str | None = None) -> Rows:
    """The rows of one article: articles, events and their parts, findings, mentions, minhash.

    text (str): the article text the analysis was made from (its sha256 must match).
    fingerprint (str | None): the extractor's (``Analyzer.fingerprint``), kept on the
        article row so that ``armswatch reanalyze --stale`` knows what to run again.
    RETURNS (Rows): one list per table of ``CONTENT_TABLES``; the ``articles`` row has
        version 1, current, its own cluster; the writer sets these against the store.
    """
    sha = analysis.doc.sha256
    if hashlib.sha256(text.encode("utf-8")).hexdigest() != sha:
        raise StoreError(f"article {analysis.doc.id}: text does not match doc.sha256")
    rows: Rows = {name: [] for name in CONTENT_TABLES}
    article = StoredArticle(
        **analysis.doc.model_dump(), text=text, cluster=sha, fingerprint=fingerprint
    )
    rows["articles"].append(record_row("articles", article))
    ids = dict(zip([e.id for e in analysis.events], event_ids(sha, analysis.events), strict=True))
    for n, event in enumerate(analysis.events):
        add_event(rows, sha, n, event.model_copy(update={"id": ids[event.id]}), article.published)
    for n, finding in enumerate(analysis.findings):
        stored = finding.model_copy(update={"event": ids.get(finding.event, finding.event)})
        key = finding_id(stored.event, stored.rule)
        rows["findings"].append(record_row("findings", stored, sha256=sha, ordinal=n, id=key))
    for n, mention in enumerate(analysis.mentions):
        rows["mentions"].append(record_row("mentions", mention, sha256=sha, ordinal=n))
    rows["minhashes"].append(
        record_row("minhashes", Signature(sha256=sha, signature=signature(text)))
    )
    return rows


def add_event(rows: Rows, sha: str, ordinal: int, event: Event, published: str | None) -> None:
    """The event row and the rows of its actors, items, evidence and attributions.

    published (str | None): the article's publication date (the event's day when the
        event has no time of its own).
    """
    dyad = {f"{role}_keys": actor_keys(getattr(event, role)) for role in ROLES}
    day = event_day(event, published)
    keys = {"sha256": sha, "ordinal": ordinal, "day": day, "current": True}
    rows["events"].append(record_row("events", event, **keys, **dyad))
    keys = {"sha256": sha, "event_id": event.id}
    for role in ROLES:
        for n, actor in enumerate(getattr(event, role)):
            rows["actors"].append(record_row("actors", actor, **keys, role=role, ordinal=n))
    for n, item in enumerate(event.items):
        rows["items"].append(record_row("items", item, **keys, ordinal=n))
    for n, evidence in enumerate(event.evidence):
        rows["evidence"].append(record_row("evidence", evidence, **keys, ordinal=n))
    for n, attribution in enumerate(event.attribution):
        rows["attributions"].append(record_row("attributions", attribution, **keys, ordinal=n))


def event_day(event: Event, published: str | None) -> str | None:
    """The day event lists sort by: the event's own start, else the publication day."""
    if event.time and event.time.start:
        return event.time.start
    return published[:10] if published else None


def actor_keys(actors: list[Actor]) -> list[str]:
    """The distinct keys (country, else id) of the actors, in order."""
    return list(dict.fromkeys(actor.key for actor in actors))
