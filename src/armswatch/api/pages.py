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
from armswatch.export.report import render_html, style_policy
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
    standalone (callable | None): for a page that is a file of its own (the dossier):
        its HTML and headers, instead of a template in the dashboard's frame.
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
    standalone: Callable[[Any], tuple[str, dict[str, str]]] | None = None
    reviewed: bool = False  # the page shows the review panel and "what changed" (ledger)

    @property
    def keyed(self) -> bool:
        return "{key}" in self.path

    def twin(self, key: str | None) -> str:
        return self.api.replace("{key}", key or "")


def chart_context(draw: Callable[[Any], Any]) -> Context:
    return lambda data, csv_limit: {"chart": draw(data)}


def dossier_file(dossier: Dossier) -> tuple[str, dict[str, str]]:
    """The self-contained dossier (inline style only, allowed by its hash)."""
    return render_html(dossier), {"Content-Security-Policy": style_policy()}


PAGES: tuple[ReadPage, ...] = (
    ReadPage(
        name="findings", path="/", api="/api/findings", load=queries.list_findings,
        model=m.FindingList, query=p.FindingQuery, template="findings.html",
        title=lambda d: "Findings", tag="findings",
        summary="Sanctions findings with rule, dyad, date, certainty and independent sources.",
    ),
    ReadPage(
        name="events", path="/events", api="/api/events", load=queries.list_events,
        model=m.EventList, query=p.EventQuery, template="events.html",
        title=lambda d: "Events", tag="events",
        context=lambda data, csv_limit: {"csv_limit": csv_limit},
        summary="Events (all types) with the analysts' filters, paginated, in a stable order.",
    ),
    ReadPage(
        name="event", path="/events/{key}", api="/api/events/{key}", load=queries.event_story,
        model=m.Story, template="story.html", title=lambda d: d.title, tag="events",
        summary="One event as a story: evidence marked in its article, attribution, rules.",
        reviewed=True,
    ),
    ReadPage(
        name="incidents", path="/incidents", api="/api/incidents",
        load=queries.list_incident_page, model=m.IncidentList, query=p.IncidentQuery,
        template="incidents.html", title=lambda d: "Incidents", tag="incidents",
        summary="Cross-article incidents (empty, ``available: false``, until the store is "
        "fused); each row as ``armswatch incidents --json`` prints it.",
    ),
    ReadPage(
        name="incident", path="/incidents/{key}", api="/api/incidents/{key}",
        load=queries.incident_story, model=m.IncidentPage, template="incident.html",
        title=lambda d: d.title, tag="incidents",
        summary="The incident page (as ``armswatch incident ID --json``): its story over "
        "time, evidence, attribution chain, sources, score and rule texts.",
        reviewed=True,
    ),
    ReadPage(
        name="timeline", path="/timeline", api="/api/timeline", load=queries.timeline,
        model=m.Timeline, query=p.EventFilters, template="timeline.html",
        title=lambda d: "Timeline", tag="events", context=chart_context(charts.timeline_chart),
        summary="Events per month and type.",
    ),
    ReadPage(
        name="network", path="/network", api="/api/graph", load=queries.actor_graph,
        model=m.Graph, query=p.GraphQuery, template="network.html",
        title=lambda d: "Network", tag="actors", context=chart_context(charts.network_chart),
        summary="The actor network: who supplies whom; edge weight = incidents.",
    ),
    ReadPage(
        name="map", path="/map", api="/api/map", load=queries.flow_map, model=m.FlowMap,
        query=p.GraphQuery, template="map.html", title=lambda d: "Map", tag="actors",
        context=chart_context(charts.map_chart),
        summary="Supplier → recipient flows between placed actors (a country's centroid), "
        "with the network's filters.",
    ),
    ReadPage(
        name="actors", path="/actors", api="/api/actors", load=queries.list_actors,
        model=m.ActorList, query=p.ActorQuery, template="actors.html",
        title=lambda d: "Actors", tag="actors",
        summary="Actors of the matching events, with counts as source, target and of findings.",
    ),
    ReadPage(
        name="actor", path="/actors/{key}", api="/api/actors/{key}", load=queries.actor_page,
        model=m.ActorPage, template="actor.html", title=lambda d: d.actor.name, tag="actors",
        summary="One actor: its transfers as supplier and as recipient, all its events, "
        "findings, incidents and counterparts (each with its dossier).",
    ),
    ReadPage(
        name="articles", path="/articles", api="/api/articles", load=queries.list_articles,
        model=m.ArticleList, query=p.ArticleQuery, template="articles.html",
        title=lambda d: "Articles", tag="articles",
        summary="Stored articles (current versions), newest first.",
    ),
    ReadPage(
        name="article", path="/articles/{key}", api="/api/articles/{key}",
        load=queries.article_page, model=m.ArticlePage, template="article.html",
        title=lambda d: d.article.title or d.article.id, tag="articles",
        summary="An article by sha256 or input id, every evidence sentence marked.",
    ),
    ReadPage(
        name="rules", path="/rules", api="/api/rules", load=lambda view, q: queries.list_rules(),
        model=m.RuleList, query=p.NoQuery, template="rules.html",
        title=lambda d: "Rulebook", tag="rules",
        summary="The sanctions rulebook: every entry with its in-force periods and source.",
    ),
    ReadPage(
        name="rule", path="/rules/{key}", api="/api/rules/{key}",
        load=lambda view, key: queries.list_rules(key), model=m.RuleList,
        template="rules.html", title=lambda d: "Rulebook", tag="rules",
        summary="The entries of one rule id (several legal bases may share it).",
    ),
    ReadPage(
        name="dossier", path="/dossier", api="/api/dossier", load=build_dossier,
        model=Dossier, query=DossierQuery, standalone=dossier_file, tag="exports",
        summary="The dossier of one dyad: incidents, findings with citations, quotes, "
        "sources, timeline.",
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
