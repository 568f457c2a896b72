"""Generated files stay in step with the rulebook data and models."""

from __future__ import annotations

import json

import pytest

from armswatch.sanctions import load_rulebook
from armswatch.sanctions.docs import DOCS_PATH, render, stale_files
from armswatch.sanctions.schema import SCHEMAS, render_schema, schema_path

REGENERATE = "stale: run `python -m armswatch.sanctions.docs`"


def test_rulebook_docs_are_current() -> None:
    assert DOCS_PATH.read_text(encoding="utf-8") == render(load_rulebook()), REGENERATE


@pytest.mark.parametrize("name", sorted(SCHEMAS))
def test_schema_is_current(name: str) -> None:
    assert schema_path(name).read_text(encoding="utf-8") == render_schema(name), REGENERATE


def test_nothing_stale() -> None:
    assert stale_files(load_rulebook()) == []


def test_docs_cover_every_rule_and_check() -> None:
    text = DOCS_PATH.read_text(encoding="utf-8")
    for rule_id in load_rulebook().rule_ids():
        assert f"### `{rule_id}`" in text
    for check in ("intervals_disjoint", "items_known", "parties_known", "event_types_known"):
        assert f"`{check}`" in text


def test_schema_rejects_unknown_keys_and_lists_categories() -> None:
    schema = json.loads(schema_path("rules").read_text(encoding="utf-8"))
    rule = schema["$defs"]["Rule"]
    assert rule["additionalProperties"] is False
    assert "uav" in rule["properties"]["items"]["items"]["enum"]
