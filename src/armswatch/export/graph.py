"""The actor network as GraphML or GEXF (networkx), for Gephi, yEd or Cytoscape.

One node per actor key (attributes: label, events, findings); one directed edge per
(source, target, event type) with ``event_type``, ``weight`` (= incidents), ``events``,
``findings`` and ``confirmed`` (events analysts confirmed; rejected events are left
out, as on the network page by default), symmetric types with their pair sorted. Built
by the same ``armswatch.queries.actor_graph`` as the dashboard's network, with every
event type.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

import networkx as nx

from armswatch.queries import actor_graph
from armswatch.queries.models import Graph
from armswatch.queries.params import GraphQuery
from armswatch.store.view import View


def to_networkx(graph: Graph) -> Any:
    """A ``networkx.MultiDiGraph``: edges keyed by event type."""
    found = nx.MultiDiGraph(name="armswatch actor network")
    for node in graph.nodes:
        found.add_node(node.id, label=node.name, events=node.events, findings=node.findings)
    for edge in graph.edges:
        found.add_edge(
            edge.source,
            edge.target,
            key=edge.type,
            event_type=edge.type,
            weight=edge.weight,
            events=edge.events,
            findings=edge.findings,
            confirmed=edge.confirmed,
        )
    return found


def write_graph(view: View, path: Path, fmt: str, query: GraphQuery | None = None) -> int:
    """Write the network to ``path`` as ``graphml`` or ``gexf``; RETURNS the edge count."""
    graph = actor_graph(view, query or GraphQuery(all_types=True))
    found = to_networkx(graph)
    if fmt == "gexf":
        nx.write_gexf(found, path)
    else:
        nx.write_graphml(found, path)
    return len(graph.edges)
