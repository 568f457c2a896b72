"""SVG geometry of the timeline, the actor network (circle layout) and the flow map.

Pure functions from the query models to shapes; the templates draw the shapes, with
every label escaped.
"""

from __future__ import annotations

import json
import math
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path

from armswatch.model import SYMMETRIC_TYPES
from armswatch.queries.models import FlowMap, Graph, GraphEdge, Timeline

WORLD = Path(__file__).parent / "data" / "world.json"
CHAR_WIDTH = 6.6
"""Width of a label character at the charts' font size (12px sans), to keep labels in view."""

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
    view_box: str = ""


def network_chart(graph: Graph, size: int = 640) -> NetworkChart:
    """Nodes on a circle (most active first), edges as arcs bent to their right.

    Bending keeps A → B and B → A apart; width grows with the log of the weight; an edge
    of a symmetric type (meeting, agreement …) has no arrowhead (``kind`` empty).
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
    drawn = [e for e in graph.edges if e.source in nodes and e.target in nodes]
    edges = flow_edges(drawn, nodes, first_bend=0.15, base_width=1.5, width_step=2.5)
    kinds = sorted({e.type for e in graph.edges})
    left, top, right, bottom = label_bounds(list(nodes.values()), size)
    return NetworkChart(
        round(right - left),
        round(bottom - top),
        list(nodes.values()),
        edges,
        [(k, colour(k)) for k in kinds],
        f"{left:.0f} {top:.0f} {right - left:.0f} {bottom - top:.0f}",
    )


def flow_edges(
    drawn: list[GraphEdge],
    nodes: dict[str, Node],
    first_bend: float,
    base_width: float,
    width_step: float,
) -> list[Edge]:
    """The drawn edges of the network and the map: arcs fanned apart between the same
    two actors, width by incidents, an arrowhead only for directed types."""
    return [
        Edge(
            e.source,
            e.target,
            arc(nodes[e.source], nodes[e.target], bend),
            round(base_width + width_step * math.log2(1 + e.weight), 1),
            colour(e.type),
            f"{nodes[e.source].name} {'–' if e.type in SYMMETRIC_TYPES else '→'} "
            f"{nodes[e.target].name}: {e.type.replace('_', ' ')}, "
            f"{e.weight} incident(s), {e.events} event(s), {e.findings} finding(s)",
            e.weight,
            e.type if e.type not in SYMMETRIC_TYPES else "",
        )
        for e, bend in zip(drawn, fanned(drawn, first_bend), strict=True)
    ]


def label_bounds(nodes: list[Node], size: int) -> tuple[float, float, float, float]:
    """The box holding every node and its whole label (so no label is clipped): at
    least ``size`` square, wider where a long name sticks out."""
    left, top, right, bottom = 0.0, 0.0, float(size), float(size)
    for n in nodes:
        width = len(n.name) * CHAR_WIDTH
        start = {"start": n.label_x, "end": n.label_x - width}.get(n.anchor, n.label_x - width / 2)
        left, right = min(left, start - 8), max(right, start + width + 8)
        top, bottom = min(top, n.label_y - 16), max(bottom, n.label_y + 8)
    return left, top, right, bottom


def fanned(edges: list[GraphEdge], first: float) -> list[float]:
    """How much to bend each edge: edges between the same two actors (several types)
    fan out instead of drawing over one another."""
    lanes: dict[frozenset[str], int] = {}
    bends = []
    for e in edges:
        pair = frozenset((e.source, e.target))
        lanes[pair] = lanes.get(pair, -1) + 1
        bends.append(first + 0.1 * lanes[pair])
    return bends


def arc(a: Node, b: Node, bend_factor: float = 0.15) -> str:
    """A quadratic curve from the rim of ``a`` to the rim of ``b``, bent to the right."""
    dx, dy = b.x - a.x, b.y - a.y
    length = math.hypot(dx, dy) or 1.0
    ux, uy = dx / length, dy / length
    sx, sy = a.x + ux * a.r, a.y + uy * a.r
    ex, ey = b.x - ux * (b.r + 6), b.y - uy * (b.r + 6)
    bend = bend_factor * length
    cx, cy = (sx + ex) / 2 - uy * bend, (sy + ey) / 2 + ux * bend
    return f"M{sx:.1f},{sy:.1f} Q{cx:.1f},{cy:.1f} {ex:.1f},{ey:.1f}"


@dataclass(frozen=True)
class Spot:
    """A placed actor: its dot and its label (beside the dot, clear of the others)."""

    key: str
    name: str
    x: float
    y: float
    r: float
    events: int
    findings: int
    label_x: float = 0.0
    label_y: float = 0.0
    anchor: str = "start"


Box = tuple[float, float, float, float]


def overlaps(a: Box, b: Box) -> bool:
    return a[0] < b[2] and b[0] < a[2] and a[1] < b[3] and b[1] < a[3]


def place_labels(spots: list[Spot]) -> list[Spot]:
    """Each label right, left, above or below its dot: the first place that overlaps
    no label placed before it (busiest actors first) and no dot."""
    taken: list[Box] = [(s.x - s.r, s.y - s.r, s.x + s.r, s.y + s.r) for s in spots]
    placed = []
    for s in sorted(spots, key=lambda s: -s.events):
        width, gap = len(s.name) * CHAR_WIDTH * 11 / 12, s.r + 3
        options = [
            (s.x + gap, s.y + 4, "start", (s.x + gap, s.y - 8, s.x + gap + width, s.y + 5)),
            (s.x - gap, s.y + 4, "end", (s.x - gap - width, s.y - 8, s.x - gap, s.y + 5)),
            (
                s.x,
                s.y - gap - 2,
                "middle",
                (s.x - width / 2, s.y - gap - 13, s.x + width / 2, s.y - gap),
            ),
            (
                s.x,
                s.y + gap + 10,
                "middle",
                (s.x - width / 2, s.y + gap, s.x + width / 2, s.y + gap + 13),
            ),
        ]
        own = (s.x - s.r, s.y - s.r, s.x + s.r, s.y + s.r)
        free = [o for o in options if not any(overlaps(o[3], t) for t in taken if t != own)]
        x, y, anchor, box = (free or options)[0]
        taken.append(box)
        placed.append(Spot(s.key, s.name, s.x, s.y, s.r, s.events, s.findings, x, y, anchor))
    return sorted(placed, key=lambda s: -s.events)


@dataclass(frozen=True)
class MapChart:
    width: int
    height: int
    land: list[str]
    spots: list[Spot]
    flows: list[Edge]
    kinds: list[tuple[str, str]]
    graticule: list[str]


NORTH, SOUTH = 84.0, -58.0
"""The latitudes the map shows (Antarctica left out)."""


def project(lon: float, lat: float, width: int) -> tuple[float, float]:
    """Equirectangular: longitude and latitude to x and y in a ``width``-wide map."""
    scale = width / 360
    return round((lon + 180) * scale, 1), round((NORTH - lat) * scale, 1)


@lru_cache(maxsize=4)
def land_paths(width: int) -> tuple[str, ...]:
    """The land masses of ``web/data/world.json`` as SVG paths (hand-drawn, coarse)."""
    shapes: dict[str, list[list[float]]] = json.loads(WORLD.read_text(encoding="utf-8"))["shapes"]
    paths = []
    for points in shapes.values():
        xy = [project(lon, lat, width) for lon, lat in points]
        paths.append("M" + " L".join(f"{x},{y}" for x, y in xy) + " Z")
    return tuple(paths)


def graticule(width: int, height: int) -> list[str]:
    """Meridians and parallels every 30 degrees."""
    lines = [f"M{project(lon, 0, width)[0]},0 V{height}" for lon in range(-150, 180, 30)]
    lines += [f"M0,{project(0, lat, width)[1]} H{width}" for lat in range(-30, 84, 30)]
    return lines


def map_chart(flows: FlowMap, width: int = 960) -> MapChart:
    """Placed actors as dots (area ~ events) and each flow as an arc bent to its right,
    so A → B and B → A stay apart; symmetric types have no arrowhead."""
    height = round((NORTH - SOUTH) * width / 360)
    peak = max((p.events for p in flows.places), default=1) or 1
    spots = {}
    for p in flows.places:
        x, y = project(p.lon, p.lat, width)
        r = round(3 + 7 * math.sqrt(p.events / peak), 1)
        spots[p.key] = Spot(p.key, p.name, x, y, r, p.events, p.findings)
    nodes = {k: Node(k, s.name, s.x, s.y, s.r, s.events, s.findings) for k, s in spots.items()}
    drawn = [e for e in flows.flows if e.source in nodes and e.target in nodes]
    drawn = [e for e in drawn if e.source != e.target]
    edges = flow_edges(drawn, nodes, first_bend=0.12, base_width=1.2, width_step=2.0)
    kinds = sorted({e.type for e in flows.flows})
    return MapChart(
        width,
        height,
        list(land_paths(width)),
        place_labels(list(spots.values())),
        edges,
        [(k, colour(k)) for k in kinds],
        graticule(width, height),
    )
