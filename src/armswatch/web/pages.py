"""The dashboard's pages: each calls the ``armswatch.queries`` function of its JSON twin.

``/`` findings · ``/incidents`` and ``/incidents/{id}`` · ``/events`` (table, CSV) and
``/events/{id}`` · ``/timeline`` · ``/network`` · ``/actors`` · ``/articles`` and
``/articles/{key}`` · ``/rules`` · ``/dossier`` · ``/about`` (the API). The JSON twin of
``/x?…`` is ``/api/x?…`` (of ``/``: ``/api/findings``).
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends
from fastapi.responses import FileResponse, HTMLResponse, RedirectResponse
from starlette.requests import Request

from armswatch import queries
from armswatch.api.config import ApiSettings
from armswatch.api.deps import get_view, parse_query, settings_of
from armswatch.export.dossier import DossierQuery, build_dossier
from armswatch.export.report import render_html, style_policy
from armswatch.queries.events import finding_rows
from armswatch.queries.params import (
    ActorQuery,
    ArticleQuery,
    EventFilters,
    EventQuery,
    FindingQuery,
    GraphQuery,
    IncidentQuery,
)
from armswatch.store.view import View
from armswatch.web import charts
from armswatch.web.ledger import ledger_context
from armswatch.web.render import STATIC, render

router = APIRouter(include_in_schema=False, default_response_class=HTMLResponse)
ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]


def page(
    request: Request, template: str, data: Any, api: str | None, **context: Any
) -> HTMLResponse:
    return HTMLResponse(render(template, request, data, api=api, **context))


@router.get("/")
def findings_page(request: Request, view: ViewDep, settings: SettingsDep) -> HTMLResponse:
    query = parse_query(request, FindingQuery)
    settings.check_limit(query.limit)
    data = queries.list_findings(view, query)
    return page(request, "findings.html", data, "/api/findings", title="Findings")


@router.get("/findings/{finding_id}")
def finding_page(view: ViewDep, finding_id: str) -> RedirectResponse:
    rows = finding_rows(view, [finding_id])
    if not rows:
        return RedirectResponse("/", status_code=303)
    row = rows[0]
    target = f"/incidents/{row.incident}" if row.incident else f"/events/{row.event}"
    return RedirectResponse(target, status_code=303)


@router.get("/events")
def events_page(request: Request, view: ViewDep, settings: SettingsDep) -> HTMLResponse:
    query = parse_query(request, EventQuery)
    settings.check_limit(query.limit)
    data = queries.list_events(view, query)
    csv_limit = settings.max_limit * 10
    return page(request, "events.html", data, "/api/events", title="Events", csv_limit=csv_limit)


@router.get("/events/{event_id}")
def event_page(
    request: Request, view: ViewDep, settings: SettingsDep, event_id: str
) -> HTMLResponse:
    data = queries.event_story(view, event_id)
    ledger = ledger_context(view, event_id, request, settings)
    api = f"/api/events/{event_id}"
    return page(request, "story.html", data, api, title=data.title, ledger=ledger)


@router.get("/incidents")
def incidents_page(request: Request, view: ViewDep, settings: SettingsDep) -> HTMLResponse:
    query = parse_query(request, IncidentQuery)
    settings.check_limit(query.limit)
    data = queries.list_incident_page(view, query)
    return page(request, "incidents.html", data, "/api/incidents", title="Incidents")


@router.get("/incidents/{incident_id}")
def incident_page(
    request: Request, view: ViewDep, settings: SettingsDep, incident_id: str
) -> HTMLResponse:
    data = queries.incident_story(view, incident_id)
    ledger = ledger_context(view, incident_id, request, settings)
    api = f"/api/incidents/{incident_id}"
    return page(request, "story.html", data, api, title=data.title, ledger=ledger)


@router.get("/timeline")
def timeline_page(request: Request, view: ViewDep) -> HTMLResponse:
    data = queries.timeline(view, parse_query(request, EventFilters))
    chart = charts.timeline_chart(data)
    return page(request, "timeline.html", data, "/api/timeline", title="Timeline", chart=chart)


@router.get("/network")
def network_page(request: Request, view: ViewDep) -> HTMLResponse:
    data = queries.actor_graph(view, parse_query(request, GraphQuery))
    chart = charts.network_chart(data)
    return page(request, "network.html", data, "/api/graph", title="Network", chart=chart)


@router.get("/actors")
def actors_page(request: Request, view: ViewDep, settings: SettingsDep) -> HTMLResponse:
    query = parse_query(request, ActorQuery)
    settings.check_limit(query.limit)
    data = queries.list_actors(view, query)
    return page(request, "actors.html", data, "/api/actors", title="Actors")


@router.get("/articles")
def articles_page(request: Request, view: ViewDep, settings: SettingsDep) -> HTMLResponse:
    query = parse_query(request, ArticleQuery)
    settings.check_limit(query.limit)
    data = queries.list_articles(view, query)
    return page(request, "articles.html", data, "/api/articles", title="Articles")


@router.get("/articles/{key}")
def article_page(request: Request, view: ViewDep, key: str) -> HTMLResponse:
    data = queries.article_page(view, key)
    title = data.article.title or data.article.id
    return page(request, "article.html", data, f"/api/articles/{key}", title=title)


@router.get("/rules")
def rules_page(request: Request) -> HTMLResponse:
    data = queries.list_rules()
    return page(request, "rules.html", data, "/api/rules", title="Rulebook")


@router.get("/dossier")
def dossier_page(request: Request, view: ViewDep) -> HTMLResponse:
    data = build_dossier(view, parse_query(request, DossierQuery))
    return HTMLResponse(render_html(data), headers={"Content-Security-Policy": style_policy()})


@router.get("/favicon.ico")
def favicon() -> FileResponse:
    return FileResponse(STATIC / "favicon.svg", media_type="image/svg+xml")


@router.get("/about")
def about_page(request: Request) -> HTMLResponse:
    spec = request.app.openapi()
    endpoints = [
        (method.upper(), path, op.get("summary", ""), op.get("description", ""))
        for path, methods in spec["paths"].items()
        for method, op in methods.items()
    ]
    return page(request, "about.html", None, "/openapi.json", title="API", endpoints=endpoints)
