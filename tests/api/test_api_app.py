"""The REST API in process (TestClient): filters, pages, stories, limits, auth, errors."""

from __future__ import annotations

from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings, make_app
from armswatch.pipeline import Analyzer
from dashkit import IMG, SCRIPT, build_store

PROBLEM_KEYS = {"type", "title", "status", "detail", "instance", "code", "ok", "error", "errors"}


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    return build_store(tmp_path_factory.mktemp("api") / "api.duckdb", analyzer)


@pytest.fixture(scope="module")
def client(db: Path, analyzer: Analyzer) -> TestClient:
    return TestClient(make_app(db, ApiSettings(), analyzer=analyzer))


def problem(response: object, status: int, code: str) -> dict[str, object]:
    assert response.status_code == status, response.text  # type: ignore[attr-defined]
    assert response.headers["content-type"] == "application/problem+json"  # type: ignore[attr-defined]
    body: dict[str, object] = response.json()  # type: ignore[attr-defined]
    assert set(body) == PROBLEM_KEYS and body["ok"] is False and body["code"] == code
    assert body["status"] == status and body["error"] == body["detail"] and body["errors"]
    return body


def test_health_counts_articles_and_sees_incidents(client: TestClient) -> None:
    assert client.get("/api/health").json() == {
        "ok": True,
        "version": "0.1.0",
        "articles": 5,
        "incidents": True,
    }


@pytest.mark.parametrize(
    ("query", "expected"),
    [
        ("", 4),
        ("actor=PRK", 3),
        ("actor=prk&counterpart=RUS", 3),
        ("source=IRN", 1),
        ("target=PRK", 0),
        ("type=arms_transfer&category=uav", 1),
        ("system=shahed", 1),
        ("rule=un.iran.missile_uav", 1),
        ("certainty=negated", 0),
        ("since=2023-01-01&until=2023-12-31", 2),
        ("min_sources=2", 2),
        ("q=last month", 1),
        ("q=%25", 0),
        ("in_force=false", 0),
    ],
)
def test_findings_filters(client: TestClient, query: str, expected: int) -> None:
    body = client.get(f"/api/findings?{query}").json()
    assert body["total"] == expected == len(body["findings"]), body


def test_finding_rows_carry_rule_dyad_date_certainty_sources(client: TestClient) -> None:
    row = client.get("/api/findings?rule=un.iran.missile_uav").json()["findings"][0]
    assert row["source"] == [{"key": "IRN", "name": "Iran"}]
    assert row["target"][0]["key"] == "RUS" and row["date"] and row["certainty"] == "asserted"
    assert row["sources"] == 1 and row["incident"].startswith("inc_")
    assert row["citation"].startswith("http") and row["evidence"]
    page = client.get(f"/api/findings/{row['id']}").json()
    assert page["story"] == f"/incidents/{row['incident']}"


def test_pages_are_stable_and_complete(client: TestClient) -> None:
    full = [e["id"] for e in client.get("/api/events?limit=100&sort=date").json()["events"]]
    paged: list[str] = []
    offset: int | None = 0
    while offset is not None:
        body = client.get(f"/api/events?limit=2&offset={offset}&sort=date").json()
        paged += [e["id"] for e in body["events"]]
        offset = body["next_offset"]
    assert paged == full and len(set(full)) == len(full) >= 5
    assert client.get("/api/events?sort=-date&limit=100").json()["events"][0]["date"] >= "2024"


def test_event_filters_cover_status_certainty_and_type(client: TestClient) -> None:
    assert client.get("/api/events?type=sanction_imposed").json()["total"] == 1
    statuses = {e["status"] for e in client.get("/api/events?limit=100").json()["events"]}
    for status in statuses:
        rows = client.get(f"/api/events?status={status}").json()["events"]
        assert rows and {r["status"] for r in rows} == {status}


def test_incident_story_marks_evidence_and_cites_rules(client: TestClient) -> None:
    listed = client.get("/api/incidents?min_sources=2").json()
    assert listed["available"] and listed["total"] == 1
    incident = listed["incidents"][0]
    story = client.get(f"/api/incidents/{incident['id']}").json()
    assert story["kind"] == "incident" and len(story["events"]) == 2
    assert story["independent_sources"] == len(story["sources"]) == 2  # keys, as the CLI
    assert [e["date"] for e in story["events"]] == sorted(e["date"] for e in story["events"])
    for step in story["events"]:
        marked = [s["text"] for s in step["segments"] if s["mark"]]
        assert marked and "".join(s["text"] for s in step["segments"]).startswith("North Korea")
        assert step["provenance"] and step["findings"]
    rule = story["rule_texts"][0]
    assert story["rules"] == [rule["id"]]
    assert rule["id"] == "un.dprk.arms_export" and rule["in_force"][0]["start"] == "2009-06-12"
    assert "in force" in rule["in_force_text"] and story["origins"]


def test_event_page_is_a_story_of_one(client: TestClient) -> None:
    event = client.get("/api/events?source=IRN").json()["events"][0]
    story = client.get(f"/api/events/{event['id']}").json()
    assert story["kind"] == "event" and story["events"][0]["event"]["id"] == event["id"]
    assert any(s["mark"] == "trigger" for s in story["events"][0]["segments"])


def test_articles_actors_graph_timeline_rules(client: TestClient) -> None:
    articles = client.get("/api/articles?q=Caspian").json()["articles"]
    assert [a["id"] for a in articles] == ["drones-ap"]
    page = client.get("/api/articles/drones-ap").json()
    assert page["events"] and any(s["mark"] == "evidence" for s in page["segments"])
    actors = {a["key"]: a for a in client.get("/api/actors").json()["actors"]}
    assert actors["RUS"]["as_target"] == 4 and actors["PRK"]["findings"] == 3
    graph = client.get("/api/graph").json()
    edges = {(e["source"], e["target"]): e for e in graph["edges"]}
    assert edges[("PRK", "RUS")]["weight"] == 2 and edges[("PRK", "RUS")]["events"] == 3
    assert ("USA", "IRN") not in edges
    assert ("USA", "IRN") in {
        (e["source"], e["target"]) for e in client.get("/api/graph?all_types=true").json()["edges"]
    }
    timeline = client.get("/api/timeline?type=arms_transfer").json()
    assert timeline["months"][0] == "2022-08" and sum(c["count"] for c in timeline["cells"]) == 4
    rules = client.get("/api/rules").json()["rules"]
    assert {"un.dprk.arms_export", "un.iran.missile_uav"} <= {r["id"] for r in rules}
    assert client.get("/api/rules/un.iran.missile_uav").json()["rules"]


def test_csv_download_has_the_same_rows(client: TestClient) -> None:
    response = client.get("/api/events.csv?actor=PRK&limit=100")
    assert response.headers["content-type"].startswith("text/csv")
    lines = response.text.strip().splitlines()
    assert lines[0].startswith("id,date,type") and len(lines) == 1 + 4
    findings = client.get("/api/findings.csv").text.splitlines()
    assert len(findings) == 1 + 4 and "un.dprk.arms_export" in findings[1] + findings[2]


def test_incident_pages_count_every_incident_and_do_not_overlap(client: TestClient) -> None:
    everything = client.get("/api/incidents?limit=500").json()
    assert everything["total"] == len(everything["incidents"]) >= 3
    pages = [client.get(f"/api/incidents?limit=2&offset={n}").json() for n in (0, 2)]
    assert {page["total"] for page in pages} == {everything["total"]}
    assert pages[0]["next_offset"] == 2
    paged = [i["id"] for page in pages for i in page["incidents"]]
    assert paged == [i["id"] for i in everything["incidents"]][:4]


def test_dossier_json(client: TestClient) -> None:
    body = client.get("/api/dossier?from=PRK&to=RUS").json()
    assert len(body["findings"]) == 3 and body["quotes"] and len(body["sources"]) == 3
    assert {i["independent_sources"] for i in body["incidents"]} == {1, 2}


def test_analyze_returns_the_contract(client: TestClient) -> None:
    text = "Iran delivered Shahed-136 drones to Russia in August, a U.S. official said."
    body = client.post("/api/analyze", json={"text": text, "published": "2022-09-06"}).json()
    assert body["doc"]["published"] == "2022-09-06"
    assert [e["type"] for e in body["events"]] == ["arms_transfer"] and body["findings"]


@pytest.mark.parametrize(
    ("method", "url", "kwargs", "status", "code"),
    [
        ("get", "/api/events/nope", {}, 404, "AW050"),
        ("get", "/api/incidents/nope", {}, 404, "AW050"),
        ("get", "/api/articles/nope", {}, 404, "AW050"),
        ("get", "/api/rules/no.such.rule", {}, 404, "AW050"),
        ("get", "/api/nowhere", {}, 404, "AW050"),
        ("get", "/api/findings?type=bogus", {}, 422, "AW051"),
        ("get", "/api/events?since=yesterday", {}, 422, "AW051"),
        ("get", "/api/events?limit=501", {}, 422, "AW051"),
        ("get", "/api/events?actor=%3Cscript%3E", {}, 422, "AW051"),
        ("get", "/api/dossier?from=PRK", {}, 422, "AW051"),
        ("post", "/api/analyze", {"json": {"title": "no text"}}, 422, "AW051"),
        (
            "post",
            "/api/analyze",
            {"content": b"{not json", "headers": {"content-type": "application/json"}},
            422,
            "AW051",
        ),
        ("post", "/api/analyze", {"json": {"text": "x" * 100_001}}, 413, "AW053"),
        ("post", "/api/ingest", {"json": {"articles": [{"text": "x"}]}}, 401, "AW052"),
        ("delete", "/api/findings", {}, 405, "AW051"),
    ],
)
def test_errors_are_problem_details(
    client: TestClient, method: str, url: str, kwargs: dict[str, object], status: int, code: str
) -> None:
    problem(getattr(client, method)(url, **kwargs), status, code)


def test_body_limit(db: Path) -> None:
    client = TestClient(make_app(db, ApiSettings(max_body=2048)))
    body = problem(client.post("/api/analyze", json={"text": "x" * 5000}), 413, "AW053")
    assert "ARMSWATCH_API_MAX_BODY" in str(body["detail"])


def test_token_guards_every_route(db: Path) -> None:
    client = TestClient(make_app(db, ApiSettings(token="s3cret")))
    problem(client.get("/api/findings"), 401, "AW052")
    assert client.get("/", headers={"accept": "text/html"}).status_code == 401
    assert client.get("/static/armswatch.css").status_code == 401
    assert client.get("/api/findings", headers={"Authorization": "Bearer wrong"}).status_code == 401
    assert (
        client.get("/api/findings", headers={"Authorization": "Bearer s3cret"}).status_code == 200
    )
    first = client.get("/?token=s3cret")  # exchanged for a cookie, then redirected
    assert first.status_code == 200 and "token" not in str(first.url)
    assert "HttpOnly" in first.history[0].headers["set-cookie"]
    assert client.get("/api/events").status_code == 200  # the cookie now


def test_ingest_with_token_stores_articles(tmp_path: Path, analyzer: Analyzer) -> None:
    db = build_store(tmp_path / "ingest.duckdb", analyzer)
    client = TestClient(make_app(db, ApiSettings(ingest_token="feed"), analyzer=analyzer))
    article = {
        "id": "new",
        "published": "2024-05-02",
        "text": "Belarus delivered T-72 tanks to Russia in April, officials said.",
    }
    headers = {"Authorization": "Bearer feed"}
    problem(client.post("/api/ingest", json={"articles": [article]}), 401, "AW052")
    done = client.post("/api/ingest", json={"articles": [article]}, headers=headers)
    assert done.status_code == 200, done.text
    assert done.json()["run"]["articles_stored"] == 1
    assert client.get("/api/events?source=BLR", headers=headers).json()["total"] == 1
    again = client.post("/api/ingest", json={"articles": [article]}, headers=headers).json()
    assert again["run"]["articles_skipped"] == 1


def test_security_headers_and_no_cdn(client: TestClient) -> None:
    response = client.get("/", headers={"accept": "text/html"})
    assert "script-src 'self'" in response.headers["content-security-policy"]
    assert response.headers["x-content-type-options"] == "nosniff"
    assert "//" not in "".join(
        line for line in response.text.splitlines() if "src=" in line or "stylesheet" in line
    )
    assert client.get("/docs").status_code == 404  # Swagger UI would load a CDN


def test_pages_render_what_their_json_twin_says(client: TestClient) -> None:
    html = client.get("/", headers={"accept": "text/html"}).text
    for row in client.get("/api/findings").json()["findings"]:
        assert row["rule"] in html and (row["incident"] or row["event"]) in html
    assert 'href="/api/findings"' in html
    for path in [
        "/events",
        "/timeline",
        "/network",
        "/actors",
        "/articles",
        "/rules",
        "/incidents",
        "/about",
    ]:
        assert client.get(path).status_code == 200, path
    error = client.get("/events/nope", headers={"accept": "text/html"})
    assert error.status_code == 404 and "AW050" in error.text


def test_untrusted_text_is_escaped_in_every_page(client: TestClient) -> None:
    event = client.get("/api/events?q=__xss").json()["events"][0]
    pages = [
        "/",
        "/events",
        f"/events/{event['id']}",
        f"/incidents/{event['incident']}",
        "/articles",
        "/articles/xss",
        "/dossier?from=PRK&to=RUS",
    ]
    for path in pages:
        html = client.get(path).text
        assert SCRIPT not in html and IMG not in html, path
        assert '="javascript:' not in html, path
    assert "&lt;script&gt;window.__xss=1&lt;/script&gt;" in client.get("/articles/xss").text
