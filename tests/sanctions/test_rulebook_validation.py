"""Rulebook loading: the packaged data is valid; every malformation is reported with its rule
and field, all at once."""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml

from armswatch.errors import RulebookError, UnknownRuleError
from armswatch.sanctions import load_rulebook
from armswatch.sanctions.rulebook import RULES_PATH

GOOD: dict[str, Any] = {
    "id": "un.test.rule",
    "regime": "UN sanctions on testland",
    "instrument": "UNSCR 9999 (2030)",
    "provision": "paragraph 1",
    "prohibits": "the supply of arms to testland",
    "direction": "supply_to",
    "target": "PRK",
    "bound": "un_member_states",
    "items": ["all"],
    "event_types": ["arms_transfer"],
    "in_force": [{"start": "2030-01-01", "end": None}],
    "source": "https://example.org/res9999",
}


def write_rules(tmp_path: Path, *rules: dict[str, Any], **extra: Any) -> Path:
    path = tmp_path / "rules.yaml"
    path.write_text(yaml.safe_dump({"version": 1, "rules": list(rules), **extra}), encoding="utf-8")
    return path


def variant(rule_id: str = "un.test.rule", **changes: Any) -> dict[str, Any]:
    rule = copy.deepcopy(GOOD)
    rule["id"] = rule_id
    for key, value in changes.items():
        if value is None and key in rule:
            del rule[key]
        else:
            rule[key] = value
    return rule


def errors_of(path: Path) -> list[str]:
    with pytest.raises(RulebookError) as info:
        load_rulebook(path)
    assert info.value.code == "AW020"
    return info.value.errors


def test_packaged_rulebook_is_valid() -> None:
    book = load_rulebook()
    assert book is load_rulebook(), "the default rulebook is cached"
    assert load_rulebook(RULES_PATH).rules == book.rules
    for rule_id in (
        "un.dprk.arms_export",
        "un.dprk.arms_import",
        "un.dprk.technical_assistance",
        "un.dprk.overseas_workers",
        "un.iran.arms_export",
        "un.iran.arms_import",
        "un.iran.missile_uav",
    ):
        assert book.entries(rule_id)


def test_unknown_rule_id() -> None:
    with pytest.raises(UnknownRuleError) as info:
        load_rulebook().entries("un.nowhere")
    assert "un.nowhere" in str(info.value) and info.value.code == "AW021"


def test_valid_custom_rule_loads(tmp_path: Path) -> None:
    book = load_rulebook(write_rules(tmp_path, variant()))
    assert book.rule_ids() == ["un.test.rule"]


# (name, rule changes, fragments every one of which must appear in one error line)
MALFORMED: list[tuple[str, dict[str, Any], tuple[str, ...]]] = [
    (
        "missing field",
        {"instrument": None},
        ("[rules -> 0 -> instrument]", "rule un.bad", "Field required"),
    ),
    (
        "missing start",
        {"in_force": [{"end": None}]},
        ("[rules -> 0 -> in_force -> 0 -> start]", "rule un.bad", "Field required"),
    ),
    (
        "overlapping intervals",
        {"in_force": [{"start": "2010-01-01", "end": None}, {"start": "2012-01-01", "end": None}]},
        ("[rules -> 0 -> in_force -> 1]", "rule un.bad", "overlaps in_force -> 0"),
    ),
    (
        "end before start",
        {"in_force": [{"start": "2016-01-16", "end": "2015-01-01", "end_reason": "x"}]},
        ("[rules -> 0 -> in_force -> 0 -> end]", "rule un.bad", "is not after start"),
    ),
    (
        "end without reason",
        {"in_force": [{"start": "2016-01-16", "end": "2017-01-01"}]},
        ("[rules -> 0 -> in_force -> 0 -> end_reason]", "rule un.bad", "required"),
    ),
    (
        "unknown category",
        {"items": ["tanks"]},
        ("[rules -> 0 -> items -> 0]", "rule un.bad", "'tanks'"),
    ),
    ("all mixed", {"items": ["all", "uav"]}, ("[rules -> 0 -> items]", "rule un.bad", "'all'")),
    (
        "supply rule without items",
        {"items": []},
        ("[rules -> 0 -> items]", "required for direction"),
    ),
    (
        "unknown event type",
        {"event_types": ["arms_sale"]},
        ("[rules -> 0 -> event_types -> 0]", "rule un.bad", "unknown event type 'arms_sale'"),
    ),
    (
        "unknown group",
        {"bound": "eu_members"},
        ("[rules -> 0 -> bound]", "rule un.bad", "unknown group 'eu_members'"),
    ),
    (
        "unknown key",
        {"expires": "2030"},
        ("[rules -> 0 -> expires]", "rule un.bad", "Extra inputs"),
    ),
    ("bad direction", {"direction": "inbound"}, ("[rules -> 0 -> direction]", "rule un.bad")),
    (
        "contested without note",
        {"contested": True},
        ("[rules -> 0 -> contested_note]", "rule un.bad"),
    ),
]


@pytest.mark.issue(3)
@pytest.mark.parametrize(("name", "changes", "fragments"), MALFORMED, ids=[m[0] for m in MALFORMED])
def test_malformed_rule_names_rule_and_field(
    tmp_path: Path, name: str, changes: dict[str, Any], fragments: tuple[str, ...]
) -> None:
    errors = errors_of(write_rules(tmp_path, variant("un.bad", **changes)))
    assert any(all(f in line for f in fragments) for line in errors), errors
    assert all(line.startswith("rules.yaml: [rules -> 0") for line in errors), errors


def test_every_bad_rule_is_reported(tmp_path: Path) -> None:
    path = write_rules(
        tmp_path,
        variant("un.ok"),
        variant("un.first", instrument=None),
        variant("un.second", items=["tanks"]),
        variant(
            "un.third",
            in_force=[{"start": "2010-01-01", "end": None}, {"start": "2011-01-01", "end": None}],
        ),
    )
    errors = errors_of(path)
    assert [line.split("] ")[1].split(":")[0] for line in errors] == [
        "rule un.first",
        "rule un.second",
        "rule un.third",
    ]


def test_duplicate_entry(tmp_path: Path) -> None:
    errors = errors_of(write_rules(tmp_path, variant("un.dup"), variant("un.dup")))
    expected = "rule un.dup: duplicates rules -> 0 (UNSCR 9999 (2030) paragraph 1)"
    assert errors == [f"rules.yaml: [rules -> 1] {expected}"]


def test_unreadable_yaml(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("rules: [unclosed\n", encoding="utf-8")
    with pytest.raises(RulebookError, match="cannot read"):
        load_rulebook(path)


def test_not_a_mapping(tmp_path: Path) -> None:
    path = tmp_path / "rules.yaml"
    path.write_text("- just a list\n", encoding="utf-8")
    assert errors_of(path)


def test_groups_beside_rules_are_checked(tmp_path: Path) -> None:
    groups = {
        "version": 1,
        "groups": [
            {
                "id": "club",
                "name": "club",
                "description": "a club",
                "members": [
                    {"state": "FRA", "start": "2000-01-01", "end": None},
                    {"state": "FRA", "start": "2005-01-01", "end": None},
                ],
            }
        ],
    }
    (tmp_path / "groups.yaml").write_text(yaml.safe_dump(groups), encoding="utf-8")
    errors = errors_of(write_rules(tmp_path, variant(bound="club")))
    assert errors == [
        "groups.yaml: [groups -> 0 -> members -> 1] group club: overlaps members -> 0"
    ]
