"""SVG geometry of the timeline (stacked bars) and the actor network (circle layout).

Pure functions from the query models to shapes; the templates draw the shapes, with
every label escaped.
"""

from __future__ import annotations

import math
from dataclasses import dataclass

from armswatch.queries.models import Graph, Timeline

PALETTE = {
    "arms_transfer": "#c0392b",
    "military_cooperation": "#d35400",
    "troop_deployment": "#8e44ad",
    "labor_dispatch": "#7f8c8d",
    "diplomatic_recognition": "#16a085",
    "diplomatic_break": "#2c3e50",
    "meeting": "#2980b9",
    "agreement": "#27ae60",
    "sanction_imposed": "#f39c12",
    "condemnation": "#e84393",
    "military_exercise": "#6c5ce7",
}


def colour(kind: str) -> str:
    return PALETTE.get(kind, "#555555")


@dataclass(frozen=True)
class Dot:
    x: float
    y: float
    r: float
    kind: str
    month: str
    count: int
    label: str


@dataclass(frozen=True)
class Label:
    x: float
    y: float
    text: str


@dataclass(frozen=True)
class TimelineChart:
    """One lane per event type; a dot per month, its area proportional to the count."""

    width: int
    height: int
    left: int
    lanes: list[Label]
    dots: list[Dot]
    ticks: list[Label]
    kinds: list[str]


LANE = 34


def timeline_chart(timeline: Timeline, width: int = 960) -> TimelineChart:
    """Lanes by event type, months left to right, a year tick at each January."""
    left, top = 170, 16
    months = timeline.months or []
    kinds = timeline.types
    slot = (width - left - 16) / max(len(months), 1)
    peak = max((c.count for c in timeline.cells), default=1) or 1
    position = {m: i for i, m in enumerate(months)}
    lanes = [Label(8, top + i * LANE + 4, k.replace("_", " ")) for i, k in enumerate(kinds)]
    dots = [
        Dot(
            round(left + (position[c.month] + 0.5) * slot, 1),
            top + kinds.index(c.type) * LANE,
            round(3 + 9 * math.sqrt(c.count / peak), 1),
            c.type,
            c.month,
            c.count,
            f"{c.month}: {c.count} {c.type.replace('_', ' ')}",
        )
        for c in timeline.cells
        if c.month in position and c.type in kinds
    ]
    height = top + len(kinds) * LANE + 14
    step = max(1, math.ceil(len(months) / 12))
    ticks = [
        Label(round(left + i * slot, 1), height - 2, m if len(months) <= 24 else m[:4])
        for i, m in enumerate(months)
        if (len(months) <= 24 and i % step == 0) or (len(months) > 24 and m.endswith("-01"))
    ]
    return TimelineChart(width, height + 4, left, lanes, dots, ticks, kinds)


@dataclass(frozen=True)
class Node:
    id: str
    name: str
    x: float
    y: float
    r: float
    events: int
    findings: int
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "middle"


@dataclass(frozen=True)
class Edge:
    source: str
    target: str
    path: str
    width: float
    colour: str
    label: str
    weight: int
    kind: str


@dataclass(frozen=True)
class NetworkChart:
    width: int
    height: int
    nodes: list[Node]
    edges: list[Edge]
    kinds: list[tuple[str, str]]


def network_chart(graph: Graph, size: int = 640) -> NetworkChart:
    """Nodes on a circle (most active first), edges as arcs bent to their right.

    Bending keeps A → B and B → A apart; width grows with the log of the weight.
    """
    centre, radius = size / 2, size / 2 - 90
    count = max(len(graph.nodes), 1)
    peak = max((n.events for n in graph.nodes), default=1) or 1
    nodes = {}
    for i, node in enumerate(graph.nodes):
        angle = 2 * math.pi * i / count - math.pi / 2
        cos, sin = math.cos(angle), math.sin(angle)
        r = round(6 + 14 * math.sqrt(node.events / peak), 1)
        outward = radius + r + 10
        nodes[node.id] = Node(
            node.id,
            node.name,
            round(centre + radius * cos, 1),
            round(centre + radius * sin, 1),
            r,
            node.events,
            node.findings,
            round(centre + outward * cos, 1),
            round(centre + outward * sin + 4 + 6 * sin, 1),
            "middle" if abs(cos) < 0.3 else "start" if cos > 0 else "end",
        )
    edges = [
        Edge(
            e.source,
            e.target,
            arc(nodes[e.source], nodes[e.target]),
            round(1.5 + 2.5 * math.log2(1 + e.weight), 1),
            colour(e.type),
            f"{nodes[e.source].name} → {nodes[e.target].name}: {e.type.replace('_', ' ')}, "
            f"{e.weight} incident(s), {e.events} event(s), {e.findings} finding(s)",
            e.weight,
            e.type,
        )
        for e in graph.edges
        if e.source in nodes and e.target in nodes
    ]
    kinds = sorted({e.type for e in graph.edges})
    return NetworkChart(
        size,
        size,
        list(nodes.values()),
        edges,
        [(k, colour(k)) for k in kinds],
    )


def arc(a: Node, b: Node) -> str:
    """A quadratic curve from the rim of ``a`` to the rim of ``b``, bent to the right."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    sx, sy = a.x + ux * a.r, a.y + uy * a.r
    ex, ey = b.x - ux * (b.r + 6), b.y - uy * (b.r + 6)
    bend = 0.15 * length
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"
