"""Item-level exceptions and EU copies of UN embargoes (issue 13).

One table: an event and what one rule id gives on it, ``True`` (a finding in force),
``None`` (a finding the text cannot decide) or ``ABSENT``, on both sides of each
exception's boundaries; then malformed exceptions and mirrors, which must fail at load
naming the entry and the field.
"""

from __future__ import annotations

import copy
from pathlib import Path
from typing import Any

import pytest
import yaml
from test_embargoes import ABSENT, Case, Expected, transfer

from armswatch.errors import RulebookError
from armswatch.sanctions import findings_for_event, load_rulebook

SOM, CIV, LBR, HTI, LBY = (
    "un.somalia.arms",
    "un.cote_divoire.arms",
    "un.liberia.arms",
    "un.haiti.arms",
    "un.libya.arms",
)

CASES: list[Case] = [
    # Somalia 2013-2023: the government needs only notification, heavy weapons stay banned
    Case("SOM gov small arms 2013-03-05", transfer("ETH", "SOM:military", "2013-03-05"), SOM, True),
    Case(
        "SOM gov small arms 2013-03-07", transfer("ETH", "SOM:military", "2013-03-07"), SOM, ABSENT
    ),
    Case(
        "SOM gov SAM 2013-03-07",
        transfer("ETH", "SOM:military", "2013-03-07", ["air_defence"]),
        SOM,
        True,
    ),
    Case(
        "SOM gov artillery 2020 (heavy list UNCONFIRMED)",
        transfer("ETH", "SOM:military", "2020-05-01", ["artillery"]),
        SOM,
        None,
    ),
    Case(
        "SOM gov SAM 2023-12-02 (lifted)",
        transfer("ETH", "SOM:military", "2023-12-02", ["air_defence"]),
        SOM,
        ABSENT,
    ),
    Case(
        "EU SOM gov SAM 2015",
        transfer("ITA", "SOM:military", "2015-05-01", ["air_defence"]),
        "eu.som.arms",
        True,
    ),
    # Côte d'Ivoire: heavy weapons to the government need approval from 2014 (conditional)
    Case(
        "CIV gov armour 2014-04-28 (approval)",
        transfer("FRA", "CIV:military", "2014-04-28", ["armoured_vehicle"]),
        CIV,
        True,
    ),
    Case(
        "CIV gov armour 2014-04-30 (heavy? approval)",
        transfer("FRA", "CIV:military", "2014-04-30", ["armoured_vehicle"]),
        CIV,
        None,
    ),
    Case(
        "CIV gov small arms 2014-04-30 (notification)",
        transfer("FRA", "CIV:military", "2014-04-30"),
        CIV,
        ABSENT,
    ),
    # lethal-only (CIV 2015) and non-lethal exemptions keep generic findings, with a caveat
    Case(
        "CIV company equipment 2015-06-01",
        transfer("FRA", "CIV:company", "2015-06-01", ["military_equipment"]),
        CIV,
        True,
        "UNSCR 2219",
    ),
    Case(
        "LBR company equipment 2012",
        transfer("FRA", "LBR:company", "2012-01-01", ["military_equipment"]),
        LBR,
        True,
        "UNSCR 1903",
    ),
    Case(
        "HTI gang equipment 2025",
        transfer("USA", "viv_ansanm", "2025-05-01", ["military_equipment"]),
        HTI,
        True,
        "UNSCR 2752",
    ),
    Case(
        "LBY gov equipment 2020",
        transfer("TUR", "LBY:military", "2020-05-01", ["military_equipment"]),
        LBY,
        True,
        "UNSCR 2095",
    ),
    # EU copies of UN embargoes: EU suppliers only, EU dates where known
    Case("EU LBY from Germany", transfer("DEU", "lna", "2020-05-01"), "eu.lby.arms", True),
    Case("EU LBY from Russia", transfer("RUS", "lna", "2020-05-01"), "eu.lby.arms", ABSENT),
    Case("EU LBR 2001-05-31", transfer("FRA", "LBR", "2001-05-31"), "eu.lbr.arms", ABSENT),
    Case("EU LBR 2001-06-02", transfer("FRA", "LBR", "2001-06-02"), "eu.lbr.arms", True),
    Case("EU CAR 2013-12-22", transfer("FRA", "CAF", "2013-12-22"), "eu.car.arms", ABSENT),
    Case("EU CAR 2013-12-24", transfer("FRA", "CAF", "2013-12-24"), "eu.car.arms", True),
    Case(
        "EU IRQ 1992 (pre-Maastricht)", transfer("FRA", "IRQ", "1992-05-01"), "eu.irq.arms", ABSENT
    ),
    Case("EU IRQ 1994", transfer("FRA", "IRQ", "1994-05-01"), "eu.irq.arms", True),
    Case(
        "EU DPRK procurement",
        transfer("PRK", "POL", "2020-05-01", ["artillery"]),
        "eu.prk.arms",
        True,
    ),
    Case(
        "EU Yemen Houthis from the UK after Brexit",
        transfer("GBR", "houthis", "2021-06-01"),
        "eu.yem.arms",
        ABSENT,
    ),
]


def outcome(case: Case) -> tuple[Expected, str]:
    found = [f for f in findings_for_event(case.event, None) if f.rule == case.rule]
    if not found:
        return ABSENT, ""
    return found[0].in_force, found[0].explanation


@pytest.mark.issue(13)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_item_exceptions_and_mirrors(case: Case) -> None:
    got, explanation = outcome(case)
    assert got == case.expect, explanation
    if case.cites is not None:
        assert case.cites in explanation, "the finding names the exception as a caveat"


@pytest.mark.issue(13)
def test_mirrored_entries_flag_dates_that_are_the_uns() -> None:
    book = load_rulebook()
    libya = [r for r in book.rules if r.id == "eu.lby.arms"]
    assert libya and all(r.bound == "eu_bound" for r in libya)
    assert all("EU decision number and dates" in r.unconfirmed for r in libya)
    assert "the UN start is used" in (libya[0].in_force[0].unconfirmed or "")
    [car_2013, _] = [r for r in book.rules if r.id == "eu.car.arms"]
    assert car_2013.in_force[0].start.isoformat() == "2013-12-23"
    assert "UN start" not in (car_2013.in_force[0].unconfirmed or "")


RULE: dict[str, Any] = {
    "id": "un.testland.arms",
    "regime": "UN arms embargo on testland",
    "instrument": "UNSCR 9999 (2030)",
    "provision": "paragraph 1",
    "prohibits": "the supply of arms to testland",
    "direction": "supply_to",
    "target": "SOM",
    "bound": "un_member_states",
    "items": ["all"],
    "event_types": ["arms_transfer"],
    "in_force": [{"start": "2030-01-01", "end": None}],
    "source": "https://example.org/res9999",
}
EXCEPTION: dict[str, Any] = {
    "start": "2030-01-01",
    "end": None,
    "recipients": "government",
    "mode": "none",
    "items": ["air_defence"],
    "scope": "heavy weapons stay banned",
    "instrument": "UNSCR 9999 (2030)",
}
MIRROR: dict[str, Any] = {
    "id": "eu.tst.arms",
    "of": "un.testland.arms",
    "regime": "EU copy",
    "instrument": "EU act (number UNCONFIRMED)",
    "unconfirmed": ["EU act"],
}

# (name, exception changes, mirror changes, fragments that must appear in one error line)
MALFORMED: list[tuple[str, dict[str, Any], dict[str, Any], tuple[str, ...]]] = [
    (
        "unknown category",
        {"items": ["lasers"]},
        {},
        ("[rules -> 0 -> item_exceptions -> 0 -> items -> 0]", "rule un.testland.arms", "lasers"),
    ),
    (
        "no category",
        {"items": []},
        {},
        ("[rules -> 0 -> item_exceptions -> 0]", "names no category"),
    ),
    (
        "everyone with mode none",
        {"recipients": "everyone"},
        {},
        ("[rules -> 0 -> item_exceptions -> 0 -> mode]", "adds nothing"),
    ),
    (
        "end before start",
        {"end": "2029-01-01"},
        {},
        ("[rules -> 0 -> item_exceptions -> 0 -> end]", "not after start"),
    ),
    (
        "category in items and possibly",
        {"possibly": ["air_defence"]},
        {},
        ("[rules -> 0 -> item_exceptions -> 0 -> possibly]", "also in items"),
    ),
    (
        "unknown recipients",
        {"recipients": "allies"},
        {},
        ("[rules -> 0 -> item_exceptions -> 0 -> recipients]", "rule un.testland.arms"),
    ),
    (
        "mirror of an unknown rule",
        {},
        {"of": "un.atlantis.arms"},
        ("[mirrors -> 0 -> of]", "mirror eu.tst.arms", "un.atlantis.arms"),
    ),
    (
        "mirror until without reason",
        {},
        {"until": "2031-01-01"},
        ("[mirrors -> 0 -> until_reason]", "mirror eu.tst.arms"),
    ),
    (
        "mirror dates leave nothing",
        {},
        {"until": "2029-01-01", "until_reason": "x"},
        ("[mirrors -> 0 -> since]", "no period"),
    ),
    (
        "mirror without unconfirmed",
        {},
        {"unconfirmed": []},
        ("[mirrors -> 0 -> unconfirmed]", "rule eu.tst.arms"),
    ),
    (
        "mirror id not eu",
        {},
        {"id": "un.tst.arms"},
        ("[mirrors -> 0 -> id]",),
    ),
]


def write(tmp_path: Path, exception: dict[str, Any], mirror: dict[str, Any]) -> Path:
    rule = copy.deepcopy(RULE)
    rule["item_exceptions"] = [{**EXCEPTION, **exception}]
    path = tmp_path / "rules.yaml"
    data = {"version": 1, "rules": [rule], "mirrors": [{**MIRROR, **mirror}]}
    path.write_text(yaml.safe_dump(data), encoding="utf-8")
    return path


@pytest.mark.issue(13)
def test_well_formed_exceptions_and_mirrors_load(tmp_path: Path) -> None:
    book = load_rulebook(write(tmp_path, {}, {}))
    assert [r.id for r in book.rules] == ["un.testland.arms", "eu.tst.arms"]
    assert book.rules[1].item_exceptions == book.rules[0].item_exceptions


@pytest.mark.issue(13)
@pytest.mark.parametrize(
    ("name", "exception", "mirror", "fragments"), MALFORMED, ids=[m[0] for m in MALFORMED]
)
def test_malformed_exceptions_and_mirrors_name_entry_and_field(
    tmp_path: Path,
    name: str,
    exception: dict[str, Any],
    mirror: dict[str, Any],
    fragments: tuple[str, ...],
) -> None:
    with pytest.raises(RulebookError) as info:
        load_rulebook(write(tmp_path, exception, mirror))
    errors = info.value.errors
    assert any(all(f in line for f in fragments) for line in errors), errors
