"""The analyst's screens (issue 15) through the API: an actor's page, the map, symmetric
incidents with both parties, every dyad linked to its dossier."""

from __future__ import annotations

import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings, make_app
from armswatch.pipeline import Analyzer
from dashkit import AGREEMENT, ARTICLES, build_store

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
HTML = {"accept": "text/html"}


@pytest.fixture(scope="module")
def client(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> TestClient:
    path = tmp_path_factory.mktemp("screens") / "screens.duckdb"
    db = build_store(path, analyzer, [*ARTICLES, AGREEMENT])
    return TestClient(make_app(db, ApiSettings(), analyzer=analyzer))


def test_actor_page_has_its_transfers_both_ways_findings_and_incidents(
    client: TestClient,
) -> None:
    korea = client.get("/api/actors/prk").json()
    assert korea["actor"] == {"key": "PRK", "name": "North Korea"}
    supplied = korea["supplied"]["events"]
    assert supplied and all(e["source"][0]["key"] == "PRK" for e in supplied)
    assert {e["type"] for e in supplied} == {"arms_transfer"} and korea["received"]["total"] == 0
    assert korea["findings"]["total"] >= 1 and korea["incidents"]
    assert korea["events"]["total"] > korea["supplied"]["total"]  # the agreement too
    russia = client.get("/api/actors/RUS").json()
    received_from = {e["source"][0]["key"] for e in russia["received"]["events"]}
    assert received_from == {"PRK", "IRN"} and russia["supplied"]["total"] == 0


def test_counterparts_link_their_dossier_supplier_first(client: TestClient) -> None:
    russia = {c["actor"]["key"]: c for c in client.get("/api/actors/RUS").json()["counterparts"]}
    korea = russia["PRK"]
    assert korea["receives"] >= 1 and korea["mutual"] == 1
    assert korea["dossier"] == "/dossier?from=PRK&to=RUS"
    dossier = client.get(korea["dossier"], headers=HTML)
    assert dossier.status_code == 200 and "North Korea" in dossier.text


def test_unknown_actor_is_a_404_problem(client: TestClient) -> None:
    for code in ("nobody", "a b"):
        response = client.get(f"/api/actors/{code}")
        assert response.status_code == 404 and response.json()["code"] == "AW050"


def test_map_places_countries_and_takes_the_network_filters(client: TestClient) -> None:
    flows = client.get("/api/map").json()
    places = {p["key"]: p for p in flows["places"]}
    assert {"PRK", "RUS", "IRN"} <= set(places)
    assert 35 < places["PRK"]["lat"] < 45 and 120 < places["PRK"]["lon"] < 135
    pairs = {(f["source"], f["target"], f["type"]) for f in flows["flows"]}
    assert ("PRK", "RUS", "arms_transfer") in pairs and ("IRN", "RUS", "arms_transfer") in pairs
    narrowed = client.get("/api/map?actor=IRN").json()
    assert {(f["source"], f["target"]) for f in narrowed["flows"]} == {("IRN", "RUS")}
    every = client.get("/api/map?all_types=true").json()
    assert {f["type"] for f in every["flows"]} > {"arms_transfer"}
    unplaced = {n["id"] for n in every["unplaced"]}
    assert not unplaced & set(places)
    page = client.get("/map?actor=IRN", headers=HTML)
    assert page.status_code == 200 and 'id="map"' in page.text and "Iran" in page.text


def test_symmetric_incident_shows_both_parties(client: TestClient) -> None:
    listed = client.get("/api/incidents?actor=PRK&limit=100").json()["incidents"]
    [treaty] = [i for i in listed if i["type"] == "agreement"]
    assert treaty["symmetric"] and set(treaty["source"]) == {"PRK", "RUS"}
    for html in (
        client.get("/incidents?actor=PRK", headers=HTML).text,
        client.get(f"/incidents/{treaty['id']}", headers=HTML).text,
    ):
        row = html[html.index(treaty["title"]) :]
        assert "↔" in row[:2000] and '<span class="muted">?</span>' not in html  # not "A, B → ?"
    page = client.get(f"/api/incidents/{treaty['id']}").json()
    assert "→" not in page["events"][0]["summary"] and "North Korea" in page["events"][0]["summary"]


def test_every_directed_dyad_links_its_dossier(client: TestClient) -> None:
    for path in ("/", "/events", "/incidents", "/network", "/map", "/actors/PRK"):
        html = client.get(path, headers=HTML).text
        assert 'href="/dossier?from=PRK&amp;to=RUS"' in html, path
