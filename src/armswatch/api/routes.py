"""The read endpoints (``/api/…``): each one calls one ``armswatch.queries`` function.

The dashboard pages call the same functions (``armswatch.web.pages``), so each page's
JSON twin is the endpoint of the same name under ``/api``.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from armswatch import __version__, queries
from armswatch.api.config import ApiSettings
from armswatch.api.deps import get_view, settings_of
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.errors import NotFoundError
from armswatch.export.dossier import Dossier, DossierQuery, build_dossier
from armswatch.export.table import to_csv
from armswatch.queries import incidents
from armswatch.queries.events import finding_rows
from armswatch.queries.models import (
    ActorList,
    ArticleList,
    ArticlePage,
    EventList,
    FindingList,
    FindingPage,
    Graph,
    IncidentList,
    RuleList,
    Story,
    Timeline,
)
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

router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES)
ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]
Id = Annotated[str, Path(min_length=1, max_length=200)]
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "CSV, one row per line."}
}


class Health(BaseModel):
    ok: bool
    version: str
    articles: int
    incidents: bool


@router.get("/health", tags=["meta"])
def health(view: ViewDep) -> Health:
    """Whether the store can be read; its article count; whether incidents are fused."""
    found = view.sql("SELECT count(*) FROM articles WHERE current").rows
    return Health(
        ok=True, version=__version__, articles=int(found[0][0]), incidents=incidents.available(view)
    )


@router.get("/findings", tags=["findings"])
def findings(
    view: ViewDep, settings: SettingsDep, query: Annotated[FindingQuery, Query()]
) -> FindingList:
    """Sanctions findings with rule, dyad, date, certainty and independent sources."""
    settings.check_limit(query.limit)
    return queries.list_findings(view, query)


@router.get("/findings.csv", tags=["findings"], response_class=Response, responses=CSV)
def findings_csv(
    view: ViewDep, settings: SettingsDep, query: Annotated[FindingQuery, Query()]
) -> Response:
    """The same findings as CSV (limit up to 10× the page maximum)."""
    settings.check_limit(query.limit, factor=10)
    return csv_response(to_csv(queries.list_findings(view, query).findings), "findings.csv")


@router.get("/findings/{finding_id}", tags=["findings"])
def finding(view: ViewDep, finding_id: Id) -> FindingPage:
    """One finding (``<sha256>:f<n>``) and the path of its incident (or event) page."""
    rows = finding_rows(view, [finding_id])
    if not rows:
        raise NotFoundError(f"no finding {finding_id!r}")
    row = rows[0]
    story = f"/incidents/{row.incident}" if row.incident else f"/events/{row.event}"
    return FindingPage(finding=row, story=story)


@router.get("/events", tags=["events"])
def events(
    view: ViewDep, settings: SettingsDep, query: Annotated[EventQuery, Query()]
) -> EventList:
    """Events (all types) with the analysts' filters, paginated, in a stable order."""
    settings.check_limit(query.limit)
    return queries.list_events(view, query)


@router.get("/events.csv", tags=["events"], response_class=Response, responses=CSV)
def events_csv(
    view: ViewDep, settings: SettingsDep, query: Annotated[EventQuery, Query()]
) -> Response:
    """The same events as CSV (limit up to 10× the page maximum)."""
    settings.check_limit(query.limit, factor=10)
    return csv_response(to_csv(queries.list_events(view, query).events), "events.csv")


@router.get("/events/{event_id}", tags=["events"])
def event(view: ViewDep, event_id: Id) -> Story:
    """One event as a story: evidence marked in its article, attribution, rules."""
    return queries.event_story(view, event_id)


@router.get("/incidents", tags=["incidents"])
def incident_list(
    view: ViewDep, settings: SettingsDep, query: Annotated[IncidentQuery, Query()]
) -> IncidentList:
    """Cross-article incidents (empty, ``available: false``, until the store is fused)."""
    settings.check_limit(query.limit)
    return queries.list_incident_page(view, query)


@router.get("/incidents/{incident_id}", tags=["incidents"])
def incident(view: ViewDep, incident_id: Id) -> Story:
    """The incident page: its events over time, evidence, attribution chain, rule texts."""
    return queries.incident_story(view, incident_id)


@router.get("/articles", tags=["articles"])
def articles(
    view: ViewDep, settings: SettingsDep, query: Annotated[ArticleQuery, Query()]
) -> ArticleList:
    """Stored articles (current versions), newest first."""
    settings.check_limit(query.limit)
    return queries.list_articles(view, query)


@router.get("/articles/{key}", tags=["articles"])
def article(view: ViewDep, key: Id) -> ArticlePage:
    """An article by sha256 or input id, every evidence sentence marked."""
    return queries.article_page(view, key)


@router.get("/actors", tags=["actors"])
def actors(
    view: ViewDep, settings: SettingsDep, query: Annotated[ActorQuery, Query()]
) -> ActorList:
    """Actors of the matching events, with counts as source, target and of findings."""
    settings.check_limit(query.limit)
    return queries.list_actors(view, query)


@router.get("/graph", tags=["actors"])
def graph(view: ViewDep, query: Annotated[GraphQuery, Query()]) -> Graph:
    """The actor network: who supplies whom; edge weight = incidents."""
    return queries.actor_graph(view, query)


@router.get("/timeline", tags=["events"])
def timeline_(view: ViewDep, query: Annotated[EventFilters, Query()]) -> Timeline:
    """Events per month and type."""
    return queries.timeline(view, query)


@router.get("/rules", tags=["rules"])
def rules() -> RuleList:
    """The sanctions rulebook: every entry with its in-force periods and source."""
    return queries.list_rules()


@router.get("/rules/{rule_id}", tags=["rules"])
def rule(rule_id: Id) -> RuleList:
    """The entries of one rule id (several legal bases may share it)."""
    return queries.list_rules(rule_id)


@router.get("/dossier", tags=["exports"])
def dossier(view: ViewDep, query: Annotated[DossierQuery, Query()]) -> Dossier:
    """The dossier of one dyad: incidents, findings with citations, quotes, sources, timeline."""
    return build_dossier(view, query)


def csv_response(text: str, name: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
