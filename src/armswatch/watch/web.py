"""The dashboard's Sources and Alerts pages, their JSON twins, and ``/alerts.atom``.

``/sources`` (``/api/sources``): every watched source and its health. ``/alerts``
(``/api/alerts``): the latest alerts, what matched, the evidence, where each was sent
and whether it arrived. ``/alerts.atom``: the same alerts as an Atom feed (feedgen), one
entry per alert (not per channel), for feed readers. All read the store through a
read-only ``View``; a store made before the watch tables existed shows empty lists.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Annotated, Any

from fastapi import APIRouter, Depends, Query
from fastapi.responses import HTMLResponse, Response
from pydantic import BaseModel, Field
from starlette.requests import Request

from armswatch.api.deps import get_view
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.settings import get_setting
from armswatch.store.view import View
from armswatch.watch.alerts import Alert, mask
from armswatch.watch.tables import ALERTS, SOURCES, AlertRecord, Source, select
from armswatch.web.render import render

ViewDep = Annotated[View, Depends(get_view)]
Limit = Annotated[int, Query(ge=1, le=500, description="How many alerts, newest first.")]


class SourceList(BaseModel):
    """Watched sources with their health (``armswatch sources list``)."""

    sources: list[Source]


class AlertRow(BaseModel):
    """One alert and its deliveries."""

    key: str
    watch_rule: str
    created_at: datetime
    alert: Alert
    channels: list[dict[str, Any]] = Field(
        description="Per channel (secrets masked): sent_at, attempts, error."
    )


class AlertList(BaseModel):
    """The latest alerts, newest first."""

    alerts: list[AlertRow]


def list_sources(view: View) -> SourceList:
    if "sources" not in view.tables():
        return SourceList(sources=[])
    rows = select(view.con, SOURCES, "TRUE ORDER BY added_at, url")
    return SourceList(sources=[Source.model_validate(row) for row in rows])


def list_alerts(view: View, limit: int = 100) -> AlertList:
    """The latest ``limit`` alerts, each with the channels it went to."""
    if "alerts" not in view.tables():
        return AlertList(alerts=[])
    keys = [
        row[0]
        for row in view.con.execute(
            "SELECT key FROM alerts GROUP BY key ORDER BY max(created_at) DESC, key LIMIT ?",
            [limit],
        ).fetchall()
    ]
    if not keys:
        return AlertList(alerts=[])
    records = [
        AlertRecord.model_validate(row)
        for row in select(view.con, ALERTS, "key = ANY(?) ORDER BY created_at, channel", [keys])
    ]
    grouped: dict[str, list[AlertRecord]] = {}
    for record in records:
        grouped.setdefault(record.key, []).append(record)
    rows = []
    for key in keys:
        found = grouped[key]
        first = found[0]
        channels = [
            {
                "channel": mask(r.channel),
                "sent_at": r.sent_at,
                "attempts": r.attempts,
                "error": r.error,
            }
            for r in found
            if r.channel != "none"
        ]
        alert = Alert.model_validate_json(first.body)
        rows.append(
            AlertRow(
                key=key,
                watch_rule=first.watch_rule,
                created_at=first.created_at,
                alert=alert,
                channels=channels,
            )
        )
    return AlertList(alerts=rows)


def alerts_atom(view: View, limit: int = 100) -> bytes:
    """The latest alerts as an Atom feed (RFC 4287)."""
    from feedgen.feed import FeedGenerator

    base = get_setting("ARMSWATCH_PUBLIC_URL").rstrip("/")
    feed = FeedGenerator()
    feed.id(f"{base}/alerts.atom")
    feed.title("armswatch alerts")
    feed.link(href=f"{base}/alerts.atom", rel="self")
    feed.link(href=f"{base}/alerts", rel="alternate")
    feed.author({"name": "armswatch"})
    rows = list_alerts(view, limit).alerts
    feed.updated(_utc(rows[0].created_at) if rows else datetime(2000, 1, 1, tzinfo=UTC))
    for row in reversed(rows):  # feedgen lists the last added first
        entry = feed.add_entry()
        entry.id(f"{base}/alerts#{row.key}")
        entry.title(row.alert.headline())
        entry.updated(_utc(row.created_at))
        entry.content(row.alert.text(), type="text")
        link = row.alert.incident_url or row.alert.url
        if link:
            entry.link(href=link)
    data: bytes = feed.atom_str(pretty=True)
    return data


def _utc(value: datetime) -> datetime:
    return value.replace(tzinfo=UTC) if value.tzinfo is None else value


api_router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES, tags=["watch"])
page_router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)


@api_router.get("/sources")
def sources_api(view: ViewDep) -> SourceList:
    """Watched sources and their health: last fetch, status, new items, errors, next due."""
    return list_sources(view)


@api_router.get("/alerts")
def alerts_api(view: ViewDep, limit: Limit = 100) -> AlertList:
    """The latest alerts: what matched, the event, the finding, the evidence, deliveries."""
    return list_alerts(view, limit)


@page_router.get("/sources")
def sources_page(request: Request, view: ViewDep) -> HTMLResponse:
    data = list_sources(view)
    return HTMLResponse(render("sources.html", request, data, api="/api/sources", title="Sources"))


@page_router.get("/alerts")
def alerts_page(request: Request, view: ViewDep, limit: Limit = 100) -> HTMLResponse:
    data = list_alerts(view, limit)
    return HTMLResponse(render("alerts.html", request, data, api="/api/alerts", title="Alerts"))


@page_router.get("/alerts.atom")
def alerts_feed(view: ViewDep, limit: Limit = 100) -> Response:
    return Response(alerts_atom(view, limit), media_type="application/atom+xml")
