"""The page table: every read page once, with its query, template and JSON renderer.

One ``ReadPage`` gives a dashboard page (``/events``) and its JSON twin (``/api/events``):
``api.endpoints`` makes both routes from the entry, so they parse the query with the same
model (``queries.params.QueryModel``: an empty field counts as absent), call the same
``armswatch.queries`` function and differ only in the renderer (Datasette's one view,
many renderers). ``armswatch page NAME`` prints the same document (``load_page``).
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import dataclass, field
from typing import Any

from pydantic import BaseModel, ValidationError

from armswatch import queries
from armswatch.errors import InvalidRequestError, NotFoundError
from armswatch.export.dossier import Dossier, DossierQuery, build_dossier
from armswatch.queries import models as m
from armswatch.queries import params as p
from armswatch.store.view import View
from armswatch.web import charts

Loader = Callable[[View, Any], BaseModel]
Context = Callable[[Any, int], dict[str, Any]]


@dataclass(frozen=True)
class ReadPage:
    """A page and its JSON twin.

    name (str): its name (``armswatch page NAME``); path (str): the page's address,
        ``{key}`` for one item; api (str): the JSON twin's address.
    load (Loader): the ``queries`` function, given the view and the parsed query (list
        pages) or the key (item pages).
    model (type): what ``load`` returns (the JSON schema of the twin).
    query (type | None): the query parameters of a list page; None for an item page.
    template (str): the page's template; title: the page's title from the document.
    context (Context | None): more for the template (charts), from the document and
        the CSV limit.
    """

    name: str
    path: str
    api: str
    load: Loader
    model: type[BaseModel]
    summary: str
    tag: str
    query: type[p.QueryModel] | None = None
    template: str = ""
    title: Callable[[Any], str] = field(default=lambda data: "armswatch")
    context: Context | None = None

    @property
    def keyed(self) -> bool:
        return "{key}" in self.path

    def twin(self, key: str | None) -> str:
        return self.api.replace("{key}", key or "")


def chart_context(draw: Callable[[Any], Any]) -> Context:
    return lambda data, csv_limit: {"chart": draw(data)}


PAGES: tuple[ReadPage, ...] = (
    ReadPage(
        "findings", "/", "/api/findings", queries.list_findings, m.FindingList,
        "Sanctions findings with rule, dyad, date, certainty and independent sources.",
        "findings", p.FindingQuery, "findings.html", lambda d: "Findings",
    ),
    ReadPage(
        "events", "/events", "/api/events", queries.list_events, m.EventList,
        "Events (all types) with the analysts' filters, paginated, in a stable order.",
        "events", p.EventQuery, "events.html", lambda d: "Events",
        lambda data, csv_limit: {"csv_limit": csv_limit},
    ),
    ReadPage(
        "event", "/events/{key}", "/api/events/{key}", queries.event_story, m.Story,
        "One event as a story: evidence marked in its article, attribution, rules.",
        "events", None, "story.html", lambda d: d.title,
    ),
    ReadPage(
        "incidents", "/incidents", "/api/incidents", queries.list_incident_page, m.IncidentList,
        "Cross-article incidents (empty, ``available: false``, until the store is fused); "
        "each row as ``armswatch incidents --json`` prints it.",
        "incidents", p.IncidentQuery, "incidents.html", lambda d: "Incidents",
    ),
    ReadPage(
        "incident", "/incidents/{key}", "/api/incidents/{key}", queries.incident_story,
        m.IncidentPage,
        "The incident page (as ``armswatch incident ID --json``): its story over time, "
        "evidence, attribution chain, sources, score and rule texts.",
        "incidents", None, "incident.html", lambda d: d.title,
    ),
    ReadPage(
        "timeline", "/timeline", "/api/timeline", queries.timeline, m.Timeline,
        "Events per month and type.", "events", p.EventFilters, "timeline.html",
        lambda d: "Timeline", chart_context(charts.timeline_chart),
    ),
    ReadPage(
        "network", "/network", "/api/graph", queries.actor_graph, m.Graph,
        "The actor network: who supplies whom; edge weight = incidents.", "actors",
        p.GraphQuery, "network.html", lambda d: "Network", chart_context(charts.network_chart),
    ),
    ReadPage(
        "map", "/map", "/api/map", queries.flow_map, m.FlowMap,
        "Supplier → recipient flows between placed actors (a country's centroid), with the "
        "network's filters.",
        "actors", p.GraphQuery, "map.html", lambda d: "Map", chart_context(charts.map_chart),
    ),
    ReadPage(
        "actors", "/actors", "/api/actors", queries.list_actors, m.ActorList,
        "Actors of the matching events, with counts as source, target and of findings.",
        "actors", p.ActorQuery, "actors.html", lambda d: "Actors",
    ),
    ReadPage(
        "actor", "/actors/{key}", "/api/actors/{key}", queries.actor_page, m.ActorPage,
        "One actor: its transfers as supplier and as recipient, other events, findings, "
        "incidents and counterparts (each with its dossier).",
        "actors", None, "actor.html", lambda d: d.actor.name,
    ),
    ReadPage(
        "articles", "/articles", "/api/articles", queries.list_articles, m.ArticleList,
        "Stored articles (current versions), newest first.", "articles", p.ArticleQuery,
        "articles.html", lambda d: "Articles",
    ),
    ReadPage(
        "article", "/articles/{key}", "/api/articles/{key}", queries.article_page,
        m.ArticlePage, "An article by sha256 or input id, every evidence sentence marked.",
        "articles", None, "article.html", lambda d: d.article.title or d.article.id,
    ),
    ReadPage(
        "rules", "/rules", "/api/rules", lambda view, query: queries.list_rules(), m.RuleList,
        "The sanctions rulebook: every entry with its in-force periods and source.", "rules",
        p.NoQuery, "rules.html", lambda d: "Rulebook",
    ),
    ReadPage(
        "rule", "/rules/{key}", "/api/rules/{key}", lambda view, key: queries.list_rules(key),
        m.RuleList, "The entries of one rule id (several legal bases may share it).", "rules",
        None, "rules.html", lambda d: "Rulebook",
    ),
    ReadPage(
        "dossier", "/dossier", "/api/dossier", build_dossier, Dossier,
        "The dossier of one dyad: incidents, findings with citations, quotes, sources, "
        "timeline.", "exports", DossierQuery,
    ),
)  # fmt: skip
BY_NAME: dict[str, ReadPage] = {page.name: page for page in PAGES}


def page_named(name: str) -> ReadPage:
    """The page called ``name``; NotFoundError listing the names otherwise."""
    if name not in BY_NAME:
        raise NotFoundError(f"no page {name!r}: use one of {', '.join(BY_NAME)}")
    return BY_NAME[name]


def parse_query(page: ReadPage, params: Mapping[str, str]) -> BaseModel | None:
    """``params`` as the page's query model; InvalidRequestError listing every bad one."""
    if page.query is None:
        return None
    try:
        return page.query.model_validate(dict(params))
    except ValidationError as exc:
        problems = [f"[{' -> '.join(map(str, e['loc']))}] {e['msg']}" for e in exc.errors()]
        raise InvalidRequestError(
            f"invalid filter: {'; '.join(problems[:3])}", errors=problems
        ) from None


def load_page(
    view: View, page: ReadPage, key: str | None = None, params: Mapping[str, str] | None = None
) -> BaseModel:
    """The document of ``page`` (its key, or its query parameters): what the JSON twin
    returns and the page renders."""
    if page.keyed:
        if not key:
            raise InvalidRequestError(f"page {page.name!r} needs a key ({page.path})")
        return page.load(view, key)
    return page.load(view, parse_query(page, params or {}))
