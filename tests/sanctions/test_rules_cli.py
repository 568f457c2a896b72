"""``armswatch rules`` (the typer sub-app) in process, with CliRunner."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from typer.testing import CliRunner

from armswatch.sanctions.cli import rules_app

runner = CliRunner()


def test_list_text() -> None:
    result = runner.invoke(rules_app, ["list"])
    assert result.exit_code == 0, result.output
    for rule_id in ("un.dprk.arms_export", "un.iran.missile_uav", "eu.rus.arms"):
        assert rule_id in result.stdout


def test_list_json() -> None:
    result = runner.invoke(rules_app, ["list", "--json"])
    assert result.exit_code == 0
    rules = json.loads(result.stdout)
    assert {"un.iran.missile_uav", "us.caatsa.231"} <= {rule["id"] for rule in rules}
    assert all(rule["in_force"] for rule in rules)


def test_show_text() -> None:
    result = runner.invoke(rules_app, ["show", "un.iran.missile_uav"])
    assert result.exit_code == 0, result.output
    assert "Annex B paragraph 4" in result.stdout
    assert "2023-10-18" in result.stdout


def test_show_json() -> None:
    result = runner.invoke(rules_app, ["show", "un.iran.arms_export", "--json"])
    entries = json.loads(result.stdout)
    assert [e["contested"] for e in entries] == [False, False, True]
    assert entries[2]["in_force"] == [
        {"start": "2025-09-28", "end": None, "end_reason": None, "unconfirmed": None}
    ]


@pytest.mark.parametrize("args", [["show", "un.nowhere"], ["show", "un.nowhere", "--json"]])
def test_unknown_rule_is_one_line_error(args: list[str]) -> None:
    result = runner.invoke(rules_app, args)
    assert result.exit_code == 1
    assert result.stdout == ""
    lines = result.stderr.splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("error: [AW021] no rule 'un.nowhere'")


def test_check_text() -> None:
    args = ["check", "--type", "arms_transfer", "--from", "PRK", "--to", "RUS"]
    result = runner.invoke(rules_app, [*args, "--items", "ammunition", "--date", "2024-05-01"])
    assert result.exit_code == 0, result.output
    assert "un.dprk.arms_export" in result.stdout
    assert "in force" in result.stdout


def test_check_json_boundaries() -> None:
    def rules_on(day: str) -> list[str]:
        args = [
            "check",
            "--type",
            "arms_transfer",
            "--from",
            "IRN",
            "--to",
            "RUS",
            "--items",
            "uav",
        ]
        result = runner.invoke(rules_app, [*args, "--date", day, "--json"])
        assert result.exit_code == 0, result.output
        return [finding["rule"] for finding in json.loads(result.stdout)]

    assert rules_on("2023-10-17") == ["un.iran.missile_uav"]
    assert rules_on("2023-10-19") == []
    assert rules_on("2025-09-29") == ["un.iran.arms_export"]


def test_check_subtype_and_several_actors() -> None:
    args = ["check", "--type", "military_cooperation", "--from", "RUS", "--to", "PRK"]
    result = runner.invoke(
        rules_app, [*args, "--subtype", "training", "--date", "2024-06-19", "--json"]
    )
    assert [f["rule"] for f in json.loads(result.stdout)] == ["un.dprk.technical_assistance"]
    args = ["check", "--type", "arms_transfer", "--from", "PRK", "--from", "IRN", "--to", "RUS"]
    result = runner.invoke(
        rules_app, [*args, "--items", "ammunition,uav", "--date", "2025-10-01", "--json"]
    )
    assert [f["rule"] for f in json.loads(result.stdout)] == [
        "un.dprk.arms_export",
        "un.iran.arms_export",
    ]


def test_check_no_finding_and_no_date() -> None:
    args = ["check", "--type", "troop_deployment", "--from", "PRK", "--to", "RUS"]
    result = runner.invoke(rules_app, [*args, "--date", "2024-10-01"])
    assert result.exit_code == 0
    assert "No finding" in result.stdout
    args = ["check", "--type", "arms_transfer", "--from", "PRK", "--to", "RUS", "--json"]
    findings = json.loads(runner.invoke(rules_app, args).stdout)
    assert [(f["rule"], f["in_force"]) for f in findings] == [("un.dprk.arms_export", None)]


@pytest.mark.parametrize(
    ("extra", "message"),
    [
        (["--items", "tanks"], "error: [AW022] unknown item category 'tanks'"),
        (["--date", "2024-13-01"], "error: [AW022] invalid date '2024-13-01'"),
    ],
)
def test_check_bad_query(extra: list[str], message: str) -> None:
    args = ["check", "--type", "arms_transfer", "--from", "PRK", "--to", "RUS", *extra]
    result = runner.invoke(rules_app, args)
    assert result.exit_code == 1
    assert result.stderr.startswith(message)


def test_malformed_rulebook_reports_every_problem(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("version: 1\nrules:\n  - {id: un.bad}\n", encoding="utf-8")
    result = runner.invoke(rules_app, ["list", "--rulebook", str(path)])
    assert result.exit_code == 1
    first, *details = result.stderr.splitlines()
    assert first.startswith("error: [AW020] rules.yaml:")
    assert any("[rules -> 0 -> instrument] rule un.bad: Field required" in line for line in details)
