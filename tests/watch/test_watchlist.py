"""Watchlists: YAML rules with a schema; errors name the file, line and rule (issue 14)."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armswatch.errors import WatchlistError
from armswatch.model import Actor, Event, Finding, Item
from armswatch.watch.watchlist import DEFAULT_RULE, load_watchlist, parse_watchlist

pytestmark = pytest.mark.issue(14)

EXAMPLE = """\
rules:
  - name: dprk-to-russia
    supplier: PRK
    recipient: RUS
    types: [arms_transfer]
  - name: uav-suppliers
    categories: [uav]
    min_certainty: probable
    findings_only: false
  - name: un-dprk
    rules: [un.dprk.*]
    min_sources: 2
"""


def actor(key: str) -> Actor:
    return Actor(id=key, name=key, country=key, kind="state")


def event(source: str, target: str, category: str = "ammunition", **kw: object) -> Event:
    return Event(
        id="e",
        type="arms_transfer",
        source=[actor(source)],
        target=[actor(target)],
        items=[Item(text="x", category=category)],  # type: ignore[arg-type]
        evidence=[],
        confidence=0.9,
        **kw,  # type: ignore[arg-type]
    )


FINDING = Finding(
    rule="un.dprk.arms_export",
    regime="UN",
    instrument="UNSCR 1718",
    provision="8(b)",
    event="e",
    in_force=True,
    explanation="x",
)


def test_example_rules_match_what_they_say(tmp_path: Path) -> None:
    path = tmp_path / "watch.yaml"
    path.write_text(EXAMPLE, encoding="utf-8")
    dprk, uav, un = load_watchlist(path)
    assert dprk.matches(event("PRK", "RUS"), FINDING, 1)
    assert not dprk.matches(event("RUS", "PRK"), FINDING, 1)  # direction matters
    assert not dprk.matches(event("PRK", "RUS"), None, 1)  # findings only by default
    assert uav.matches(event("IRN", "RUS", "uav"), None, 1)
    assert not uav.matches(event("IRN", "RUS", "uav", certainty="possible"), None, 1)
    assert not uav.matches(event("IRN", "RUS", "missile"), None, 1)
    assert un.matches(event("PRK", "RUS"), FINDING, 2)
    assert not un.matches(event("PRK", "RUS"), FINDING, 1)  # one independent source only


def test_no_watchlist_means_every_finding() -> None:
    assert DEFAULT_RULE.matches(event("BLR", "RUS"), FINDING, None)
    assert not DEFAULT_RULE.matches(event("BLR", "RUS"), None, None)


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "rules:\n  - name: a\n    types: [arms]\n",
            "w.yaml:3: rule 'a', rules.0.types.0: 'arms' is not one of",
        ),
        (
            "rules:\n  - name: a\n  - name: b\n    colour: red\n",
            "w.yaml:3: rule 'b', rules.1: Additional properties",
        ),
        ("rules:\n  - supplier: PRK\n", "w.yaml:2: rules.0: 'name' is a required property"),
        ("rules: [\n", "w.yaml:2: invalid YAML"),
        ("rules:\n  - name: a\n  - name: a\n", "w.yaml: rule names must be unique (a)"),
        ("rules:\n  - name: a\n    min_sources: 0\n", "w.yaml:3: rule 'a', rules.0.min_sources"),
    ],
)
def test_errors_name_the_file_line_and_rule(text: str, expected: str) -> None:
    with pytest.raises(WatchlistError) as caught:
        parse_watchlist(text, "w.yaml")
    assert caught.value.message.startswith(expected), caught.value.message
    assert "\n" not in caught.value.message


def test_an_unreadable_file_is_named(tmp_path: Path) -> None:
    with pytest.raises(WatchlistError, match=r"missing\.yaml: cannot read"):
        load_watchlist(tmp_path / "missing.yaml")


REPO = Path(__file__).resolve().parents[2]


@pytest.mark.parametrize("doc", ["README.md", "docs/watch.md"])
def test_the_documented_watchlists_are_valid(doc: str) -> None:
    text = (REPO / doc).read_text(encoding="utf-8")
    blocks = re.findall(r"```yaml\n(.*?)```", text, re.DOTALL)
    assert blocks
    for block in blocks:
        assert parse_watchlist(block, doc)
