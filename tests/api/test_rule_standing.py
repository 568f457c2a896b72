"""Former rule ids and political embargoes in every view (issue 13).

A store written before the Russia rules were renamed holds findings under
``eu.russia.arms_export``; filters naming either id must find them, and story pages and
dossiers must cite the rule they now belong to. A finding under the EU's China embargo
(a political declaration) must read "contrary to the EU's political embargo", never as a
breach or as in force, in the finding list, its JSON and CSV twins, story pages,
dossiers (HTML, Markdown), FtM exports, alerts and the CLI. The store is written from
hand-made analyses: no trained model.
"""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from fastapi.testclient import TestClient

from armswatch.api.app import make_app
from armswatch.api.config import ApiSettings
from armswatch.export.dossier import DossierFormat, DossierQuery, build_dossier
from armswatch.export.ftm import write_ftm
from armswatch.export.report import render_dossier
from armswatch.model import Actor, Analysis, Article, Doc, Event, Evidence, Finding, Item, Span
from armswatch.render import finding_line
from armswatch.sanctions import what_if
from armswatch.sanctions.standing import POLITICAL, finding_standing
from armswatch.store.rows import analysis_to_rows
from armswatch.store.store import open_store
from armswatch.store.view import open_view
from armswatch.watch.alerts import Alert
from armswatch.watch.watchlist import WatchRule

OLD_ID, NEW_ID = "eu.russia.arms_export", "eu.rus.arms"
GERMANY = "Germany sold howitzers to Russia in 2016, the ministry said."
FRANCE = "France delivered helicopters to China in May 2020, officials said."


def analysis(text: str, key: str, source: str, target: str, finding: Finding) -> Analysis:
    article = Article(id=key, text=text, published="2021-01-01")
    sentence = Evidence(
        text=text, start=0, end=len(text), trigger=Span(text=text.split()[1], start=0, end=1)
    )
    event = Event(
        id=f"{Doc.of(article).sha256}:e0",
        type="arms_transfer",
        source=[Actor(id=source, name=source, country=source, kind="state")],
        target=[Actor(id=target, name=target, country=target, kind="state")],
        items=[Item(text="weapons", category="artillery")],
        status="delivered",
        certainty="asserted",
        evidence=[sentence],
        confidence=0.9,
    )
    finding = finding.model_copy(update={"event": event.id})
    return Analysis(doc=Doc.of(article), events=[event], findings=[finding])


def political_finding() -> Finding:
    [found] = [
        f
        for f in what_if("arms_transfer", ["FRA"], ["CHN"], ["helicopter"], None)
        if f.rule == "eu.chn.arms"
    ]
    return found


def old_russia_finding() -> Finding:
    return Finding(
        rule=OLD_ID,
        regime="EU restrictive measures against Russia (Decision 2014/512/CFSP)",
        instrument="Council Decision 2014/512/CFSP and Regulation (EU) No 833/2014",
        provision="Article 2(1)",
        event="-",
        in_force=True,
        explanation="Germany is reported as supplier of artillery to Russia (2016).",
        date="2016-01-01",
    )


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory) -> Path:
    path = tmp_path_factory.mktemp("standing") / "s.duckdb"
    rows = [
        analysis_to_rows(analysis(GERMANY, "de", "DEU", "RUS", old_russia_finding()), GERMANY),
        analysis_to_rows(analysis(FRANCE, "fr", "FRA", "CHN", political_finding()), FRANCE),
    ]
    with open_store(path) as store:
        run = store.start_run("test", ["standing"])
        with store.writer(run, batch_size=10) as writer:
            for row in rows:
                writer.add_rows(row)
        store.finish_run(run, "completed")
    return path


@pytest.fixture(scope="module")
def client(db: Path) -> TestClient:
    return TestClient(make_app(db, ApiSettings()))


@pytest.mark.issue(13)
@pytest.mark.parametrize("rule", [OLD_ID, NEW_ID, "eu.russia.arms_import"])
def test_rule_filters_find_findings_stored_under_a_former_id(client: TestClient, rule: str) -> None:
    body = client.get(f"/api/findings?rule={rule}").json()
    assert [f["rule"] for f in body["findings"]] == [OLD_ID]
    events = client.get(f"/api/events?rule={rule}").json()["events"]
    assert len(events) == 1
    page = client.get(f"/?rule={rule}")
    assert page.status_code == 200 and OLD_ID in page.text and "eu.chn.arms" not in page.text


@pytest.mark.issue(13)
def test_other_rules_do_not_match_the_former_id(client: TestClient) -> None:
    assert client.get("/api/findings?rule=eu.chn.arms").json()["total"] == 1
    assert client.get("/api/findings?rule=un.dprk.arms_export").json()["total"] == 0


@pytest.mark.issue(13)
def test_the_view_and_watchlists_resolve_former_ids(db: Path) -> None:
    with open_view(db) as view:
        assert [f.rule for f in view.findings(rule=NEW_ID)] == [OLD_ID]
        assert view.findings(rule="eu.chn.arms")[0].rule == "eu.chn.arms"
    assert WatchRule("ru", rules=(OLD_ID,)).rules == (OLD_ID,)
    from armswatch.watch.watchlist import _rule_match

    assert _rule_match((OLD_ID,), NEW_ID) and _rule_match((NEW_ID,), OLD_ID)
    assert not _rule_match((OLD_ID,), "eu.chn.arms")


@pytest.mark.issue(13)
def test_story_pages_and_rule_pages_cite_the_current_rule(client: TestClient) -> None:
    [row] = client.get(f"/api/findings?rule={OLD_ID}").json()["findings"]
    story = client.get(f"/events/{row['event']}")
    assert story.status_code == 200
    assert (
        "Article 2(1)" in story.text
        and "the sale, supply, transfer or export to Russia" in story.text
    )
    entries = client.get(f"/api/rules/{OLD_ID}").json()["rules"]
    assert entries and {r["id"] for r in entries} == {NEW_ID}


@pytest.mark.issue(13)
def test_political_findings_are_never_breaches_in_the_finding_list(client: TestClient) -> None:
    [row] = client.get("/api/findings?rule=eu.chn.arms").json()["findings"]
    assert (row["binding"], row["standing"], row["in_force"]) == ("political", POLITICAL, None)
    [russia] = client.get(f"/api/findings?rule={NEW_ID}").json()["findings"]
    assert (russia["binding"], russia["standing"]) == ("binding", "in force")
    html = client.get("/?rule=eu.chn.arms").text
    assert "badge political" in html and "contrary to the EU&#39;s political embargo" in html
    assert "breach" not in html.lower()
    csv = client.get("/api/findings.csv?rule=eu.chn.arms").text
    assert "political" in csv.splitlines()[1] and POLITICAL in csv


@pytest.mark.issue(13)
def test_political_findings_on_story_pages_and_rulebook(client: TestClient) -> None:
    [row] = client.get("/api/findings?rule=eu.chn.arms").json()["findings"]
    story = client.get(f"/events/{row['event']}").text
    assert "badge political" in story and "calls for" in story
    assert "undecided" not in story, "the finding is not shown as an undecided legal rule"
    rules = client.get("/rules").text
    assert "badge political" in rules


@pytest.mark.issue(13)
def test_political_findings_in_dossiers_and_ftm(db: Path, tmp_path: Path) -> None:
    with open_view(db) as view:
        dossier = build_dossier(view, DossierQuery(source="FRA", target="CHN"))
    [card] = dossier.findings
    assert card.standing == POLITICAL
    markdown = render_dossier(dossier, DossierFormat.md)
    assert POLITICAL in markdown and "calls for" in markdown and "prohibits" not in markdown
    html = render_dossier(dossier, DossierFormat.html)
    assert "badge political" in html
    with open_view(db) as view:
        write_ftm(view, tmp_path / "ftm.json")
    notes = [
        json.loads(line)
        for line in (tmp_path / "ftm.json").read_text().splitlines()
        if '"Note"' in line
    ]
    political = [n for n in notes if n["properties"].get("programId") == ["eu.chn.arms"]]
    assert political and POLITICAL in political[0]["properties"]["notes"][0]
    [russia] = [n for n in notes if n["properties"].get("programId") == [OLD_ID]]
    assert len(russia["properties"]["entity"]) == 2, "linked to the event and to Russia"
    sanctions = [
        json.loads(line)
        for line in (tmp_path / "ftm.json").read_text().splitlines()
        if '"Sanction"' in line
    ]
    china = [x for x in sanctions if x["properties"]["programId"] == ["eu.chn.arms"]]
    assert china and "calls for" in china[0]["properties"]["provisions"][0]


@pytest.mark.issue(13)
def test_political_findings_in_alerts_and_the_cli() -> None:
    finding = political_finding()
    state = finding_standing(finding.rule, finding.instrument, finding.provision, None)
    alert = Alert(
        watch_rule="china",
        kind="finding",
        rule=finding.rule,
        regime=finding.regime,
        provision=finding.provision,
        standing=state,
        event="x:e0",
        event_type="arms_transfer",
        supplier=["France (FRA)"],
        recipient=["China (CHN)"],
        items=["helicopter"],
        status="delivered",
        certainty="asserted",
        who_says=[],
        evidence="France delivered helicopters to China.",
        article="fr",
    )
    assert POLITICAL in alert.headline() and f"({POLITICAL})" in alert.text()
    line = finding_line(finding).plain
    assert f"; {POLITICAL})" in line and "in force" not in line and "breach" not in line
