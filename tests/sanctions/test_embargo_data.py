"""The embargo data of issue 13: malformed regimes fail at load naming the rule and field;
regions are found in text and nest; the CLI, the dashboard's rulebook page and the
gold-events mode show and use every regime."""

from __future__ import annotations

import copy
import json
from pathlib import Path
from typing import Any

import pytest
import yaml
from typer.testing import CliRunner

from armswatch.errors import RulebookError
from armswatch.evaluate import GoldDoc
from armswatch.model import Article
from armswatch.sanctions import load_rulebook
from armswatch.sanctions.cli import rules_app
from armswatch.sanctions.gold_events import gold_analysis, gold_time
from armswatch.sanctions.regions import event_places, load_regions

runner = CliRunner()

REGIME: dict[str, Any] = {
    "id": "un.testland.arms",
    "regime": "UN arms embargo on testland",
    "instrument": "UNSCR 9999 (2030)",
    "provision": "paragraph 1",
    "prohibits": "the supply of arms to testland's armed groups",
    "direction": "supply_to",
    "target": "SDN",
    "target_kind": "non_government_in",
    "region": "darfur",
    "groups": ["rsf"],
    "government": [{"start": "2030-01-01", "end": None, "mode": "exempt", "instrument": "x"}],
    "bound": "un_member_states",
    "items": ["all"],
    "event_types": ["arms_transfer"],
    "in_force": [{"start": "2030-01-01", "end": None}],
    "source": "https://example.org/res9999",
}

# (name, changes to REGIME, fragments that must all appear in one error line)
MALFORMED: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    (
        "unknown target kind",
        {"target_kind": "everyone"},
        ("[rules -> 0 -> target_kind]", "rule un.testland.arms"),
    ),
    (
        "group kind without groups",
        {"target_kind": "group", "region": None, "groups": []},
        ("[rules -> 0 -> groups]", "rule un.testland.arms", "required for target_kind group"),
    ),
    (
        "unknown region",
        {"region": "atlantis"},
        ("[rules -> 0 -> region]", "rule un.testland.arms", "unknown region 'atlantis'"),
    ),
    (
        "region on a state rule",
        {"target_kind": "state"},
        ("[rules -> 0 -> region]", "rule un.testland.arms", "not allowed for target_kind state"),
    ),
    (
        "region kind without region",
        {"target_kind": "region", "region": None},
        ("[rules -> 0 -> region]", "rule un.testland.arms", "required for target_kind region"),
    ),
    (
        "overlapping government slices",
        {
            "government": [
                {"start": "2030-01-01", "end": None, "mode": "exempt", "instrument": "a"},
                {"start": "2031-01-01", "end": None, "mode": "approval", "instrument": "b"},
            ]
        },
        ("[rules -> 0 -> government -> 1]", "rule un.testland.arms", "overlaps government -> 0"),
    ),
    (
        "unknown government mode",
        {"government": [{"start": "2030-01-01", "end": None, "mode": "maybe", "instrument": "a"}]},
        ("[rules -> 0 -> government -> 0 -> mode]", "rule un.testland.arms"),
    ),
    (
        "bad binding",
        {"binding": "sometimes"},
        ("[rules -> 0 -> binding]", "rule un.testland.arms"),
    ),
    (
        "group slug not a slug",
        {"groups": ["RSF"]},
        ("[rules -> 0 -> groups -> 0]", "rule un.testland.arms", "not an actor slug"),
    ),
    (
        "alias equal to id",
        {"aliases": ["un.testland.arms"]},
        ("[rules -> 0 -> aliases -> 0]", "rule un.testland.arms"),
    ),
]


def regime(**changes: Any) -> dict[str, Any]:
    rule = copy.deepcopy(REGIME)
    for key, value in changes.items():
        if value is None:
            rule.pop(key, None)
        else:
            rule[key] = value
    return rule


@pytest.mark.issue(13)
def test_a_well_formed_regime_loads(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "rules": [regime()]}), encoding="utf-8")
    (rule,) = load_rulebook(path).rules
    assert (rule.target_kind, rule.region, rule.binding) == (
        "non_government_in",
        "darfur",
        "binding",
    )


@pytest.mark.issue(13)
@pytest.mark.parametrize(("name", "changes", "fragments"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_regime_names_rule_and_field(
    tmp_path: Path, name: str, changes: dict[str, Any], fragments: tuple[str, ...]
) -> None:
    good = regime(id="un.other.arms")
    path = tmp_path / "rules.yaml"
    path.write_text(
        yaml.safe_dump({"version": 1, "rules": [regime(**changes), good]}), encoding="utf-8"
    )
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    errors = info.value.errors
    assert any(all(f in line for f in fragments) for line in errors), errors
    assert all("un.other.arms" not in line for line in errors), "the good entry has no error"


@pytest.mark.issue(13)
def test_regions_are_found_and_nest() -> None:
    regions = load_regions()
    places = regions.find("Drones hit El Fasher and Port Sudan; Goma fell.", "evidence")
    assert [p.region for p in places] == ["el_fasher", "port_sudan", "goma"]
    assert regions.inside("el_fasher", "darfur") and regions.inside("goma", "kivus_ituri")
    assert not regions.inside("port_sudan", "darfur")
    assert regions.find("Nyalas and Gomaland", "evidence") == [], "whole words only"


@pytest.mark.issue(13)
def test_evidence_places_come_before_the_article() -> None:
    article = "Fighting in South Darfur. Elsewhere, arms reached Khartoum."
    evidence = "Elsewhere, arms reached Khartoum."
    found = event_places([(evidence, article.index(evidence))], article)
    assert [(p.region, p.scope) for p in found] == [("khartoum", "evidence")]
    assert article[found[0].start : found[0].end] == "Khartoum"
    assert [p.scope for p in event_places([("Arms arrived.", 0)], article)] == ["article"] * 2


@pytest.mark.issue(13)
def test_rules_list_shows_every_un_and_eu_regime() -> None:
    result = runner.invoke(rules_app, ["list", "--json"])
    assert result.exit_code == 0, result.output
    ids = {rule["id"] for rule in json.loads(result.stdout)}
    assert len({i for i in ids if i.startswith("un.") and i.endswith(".arms")}) >= 24
    assert len({i for i in ids if i.startswith("eu.") and i.endswith(".arms")}) >= 11
    text = runner.invoke(rules_app, ["list"]).stdout
    assert "un.sudan_darfur.arms" in text and "political" in text


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("region", "expected"), [("el_fasher", True), ("port_sudan", None), (None, "undecided")]
)
def test_rules_check_region(region: str | None, expected: bool | str | None) -> None:
    args = ["check", "--type", "arms_transfer", "--from", "ARE", "--to", "rsf"]
    args += ["--date", "2024-05-01", "--json"] + (["--region", region] if region else [])
    result = runner.invoke(rules_app, args)
    assert result.exit_code == 0, result.output
    darfur = [f for f in json.loads(result.stdout) if f["rule"] == "un.sudan_darfur.arms"]
    if expected is None:
        assert darfur == []
    elif expected == "undecided":
        assert [f["in_force"] for f in darfur] == [None]
    else:
        assert [f["in_force"] for f in darfur] == [True]


@pytest.mark.issue(13)
def test_rules_check_unknown_region_is_one_line_error() -> None:
    args = ["check", "--type", "arms_transfer", "--from", "ARE", "--to", "rsf", "--region", "oz"]
    result = runner.invoke(rules_app, args)
    assert result.exit_code == 1
    assert result.stderr.splitlines()[0].startswith("error: ") and "'oz'" in result.stderr


@pytest.mark.issue(13)
def test_dashboard_rulebook_page_lists_every_regime_with_its_intervals() -> None:
    from armswatch import queries
    from armswatch.web.render import render

    html = render("rules.html", None, queries.list_rules(), title="Rulebook")
    for rule in load_rulebook().rules:
        assert rule.id in html
        for period in rule.in_force:
            assert period.start.isoformat() in html, (rule.id, period.start)


@pytest.mark.issue(13)
def test_gold_events_feed_the_engine_with_the_article_date_and_text() -> None:
    text = "Iranian missiles for the Houthis were seized. Some reached fighters in Nyala."
    article = Article(id="t1", text=text, published="2024-02-01")
    gold = GoldDoc.model_validate(
        {
            "id": "t1",
            "events": [
                {"type": "arms_transfer", "source": ["IRN"], "target": ["houthis"]},
                {"type": "arms_transfer", "source": ["ARE"], "target": ["rsf"], "time": "2024"},
                {"type": "meeting", "source": ["IRN"], "target": ["RUS"], "optional": True},
                {
                    "type": "arms_transfer",
                    "source": ["IRN"],
                    "target": ["hezbollah"],
                    "status": "denied",
                    "certainty": "negated",
                },
            ],
        }
    )
    analysis = gold_analysis(article, gold)
    assert [e.id for e in analysis.events] == ["t1:g0", "t1:g1", "t1:g3"]
    got = {(f.event, f.rule): f.in_force for f in analysis.findings}
    assert got[("t1:g0", "un.yemen.arms")] is True
    assert got[("t1:g1", "un.sudan_darfur.arms")] is True
    assert not any(event == "t1:g3" for event, _ in got), "a denial gives no finding"
    assert gold_time("2016-03") is not None and gold_time("2016-03").end == "2016-03-31"  # type: ignore[union-attr]
