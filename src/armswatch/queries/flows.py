"""The map: the network's edges between actors that have a place (a country centroid)."""

from __future__ import annotations

from armswatch.queries.charts import actor_graph
from armswatch.queries.models import FlowMap, Place
from armswatch.queries.params import GraphQuery
from armswatch.queries.places import places
from armswatch.store.view import View


def flow_map(view: View, query: GraphQuery) -> FlowMap:
    """Supplier → recipient flows with the network's filters, placed at country
    centroids; actors without a country are listed apart (``unplaced``)."""
    graph = actor_graph(view, query)
    where = places()
    placed = [
        Place(
            key=n.id,
            name=n.name,
            lat=where[n.id].lat,
            lon=where[n.id].lon,
            events=n.events,
            findings=n.findings,
        )
        for n in graph.nodes
        if n.id in where
    ]
    return FlowMap(
        filters=graph.filters,
        places=placed,
        flows=[e for e in graph.edges if e.source in where and e.target in where],
        unplaced=[n for n in graph.nodes if n.id not in where],
    )
