"""The SVG geometry of the network and the map (no store, no model): labels stay in view
and clear of each other, parallel flows fan out, every place is on the map."""

from __future__ import annotations

import re

import pytest

from armswatch.errors import KnowledgeBaseError
from armswatch.queries.models import FlowMap, Graph, GraphEdge, GraphNode, Place
from armswatch.queries.places import parse_places, places
from armswatch.web import charts

pytestmark = pytest.mark.issue(15)
LONG = "Democratic People's Republic of Korea"


def node(key: str, name: str, events: int = 1) -> GraphNode:
    return GraphNode(id=key, name=name, events=events, findings=0)


def edge(source: str, target: str, kind: str = "arms_transfer") -> GraphEdge:
    return GraphEdge(source=source, target=target, type=kind, weight=1, events=1, findings=0)


def label_box(n: charts.Node) -> tuple[float, float]:
    width = len(n.name) * charts.CHAR_WIDTH
    start = {"start": n.label_x, "end": n.label_x - width}.get(n.anchor, n.label_x - width / 2)
    return start, start + width


@pytest.mark.parametrize("count", [2, 3, 6, 12])
def test_network_labels_fit_inside_the_view_box(count: int) -> None:
    names = [LONG, "Islamic Republic of Iran Revolutionary Guard Corps", "Russia"]
    nodes = [node(f"A{i}", names[i % 3] + f" {i}", events=count - i) for i in range(count)]
    graph = Graph(nodes=nodes, edges=[edge("A0", f"A{i}") for i in range(1, count)])
    chart = charts.network_chart(graph)
    left, top, width, height = map(float, chart.view_box.split())
    for n in chart.nodes:
        start, end = label_box(n)
        assert left <= start and end <= left + width, n.name
        assert top <= n.label_y - 12 and n.label_y <= top + height, n.name


def test_edges_between_the_same_actors_do_not_draw_over_each_other() -> None:
    graph = Graph(
        nodes=[node("PRK", "North Korea"), node("RUS", "Russia")],
        edges=[edge("PRK", "RUS"), edge("PRK", "RUS", "agreement"), edge("PRK", "RUS", "x")],
    )
    edges = charts.network_chart(graph).edges
    assert len({e.path for e in edges}) == 3
    assert [e.kind for e in edges] == ["arms_transfer", "", "x"]  # no arrowhead: symmetric


def flow_map(keys: list[str]) -> FlowMap:
    where = places()
    return FlowMap(
        places=[
            Place(key=k, name=k, lat=where[k].lat, lon=where[k].lon, events=1, findings=0)
            for k in keys
        ],
        flows=[edge(keys[0], k) for k in keys[1:]] + [edge(keys[1], keys[0], "meeting")],
        unplaced=[],
    )


def test_map_labels_of_neighbours_do_not_overlap() -> None:
    chart = charts.map_chart(flow_map(["PRK", "KOR", "RUS", "JPN", "CHN"]))
    boxes = []
    for s in chart.spots:
        width = len(s.name) * charts.CHAR_WIDTH * 11 / 12
        start = {"start": s.label_x, "end": s.label_x - width}.get(s.anchor, s.label_x - width / 2)
        boxes.append((start, s.label_y - 12, start + width, s.label_y + 1))
    for i, a in enumerate(boxes):
        for b in boxes[i + 1 :]:
            assert not charts.overlaps(a, b), (a, b)


def test_map_draws_land_flows_and_arrowheads_only_for_directed_types() -> None:
    chart = charts.map_chart(flow_map(["PRK", "RUS", "IRN"]))
    assert len(chart.land) > 20 and all(p.startswith("M") and p.endswith("Z") for p in chart.land)
    kinds = {e.label.split(": ")[1].split(",")[0]: e.kind for e in chart.flows}
    assert kinds == {"arms transfer": "arms_transfer", "meeting": ""}
    xs = [float(x) for p in chart.land for x in re.findall(r"[ML](-?[\d.]+),", p)]
    assert min(xs) >= 0 and max(xs) <= chart.width
    korea = next(s for s in chart.spots if s.key == "PRK")
    russia = next(s for s in chart.spots if s.key == "RUS")
    assert korea.x > russia.x and korea.y > russia.y  # east and south of Russia's centre


def test_every_country_of_the_knowledge_base_has_a_place() -> None:
    from armswatch.kb import load_kb

    countries = {a.country for a in load_kb().actors.actors if a.country}
    assert countries - set(places()) == set()


def test_a_bad_place_names_its_entry() -> None:
    with pytest.raises(KnowledgeBaseError) as caught:
        parse_places({"PRK": [40.0, 127.5], "RUS": [95, 45], "xx": [1, 2]}, "places.yaml")
    assert "places.yaml [RUS]" in str(caught.value) and len(caught.value.errors) == 2
