"""The sanctions engine on hand-built events: one CASES table of event × date → rule ids.

Each row says which rule ids fire (with their ``in_force``) and, where it matters,
which instrument the finding must cite; every rule id not listed must not fire.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from types import MappingProxyType
from typing import NamedTuple

import pytest
from enginekit import (
    AT,
    CAATSA,
    DPRK_IN,
    DPRK_OUT,
    DPRK_TA,
    DPRK_WORK,
    EU_IN,
    EU_OUT,
    IRN_IN,
    IRN_MU,
    IRN_OUT,
    ITAR,
    LD,
    MC,
    make_event,
)

from armswatch.model import Event
from armswatch.sanctions import findings_for_event


class Case(NamedTuple):
    name: str
    event: Event
    expect: dict[str, bool | None]
    published: dt.date | None = None
    cites: Mapping[str, str] = MappingProxyType({})


CASES: list[Case] = [
    # DPRK arms, both directions, item scope over time
    Case(
        "dprk ammunition 2024-05",
        make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024-05"),
        {DPRK_OUT: True},
        cites={DPRK_OUT: "1874"},
    ),
    Case(
        "dprk missile cites 1718",
        make_event(AT, ["PRK"], ["RUS"], ["missile"], "2024-05-01"),
        {DPRK_OUT: True},
        cites={DPRK_OUT: "1718"},
    ),
    Case(
        "dprk missile+ammo cites 1874",
        make_event(AT, ["PRK"], ["RUS"], ["missile", "ammunition"], "2024"),
        {DPRK_OUT: True},
        cites={DPRK_OUT: "1874"},
    ),
    Case(
        "dprk ammunition 2008: 1718 only heavy",
        make_event(AT, ["PRK"], ["SYR"], ["ammunition"], "2008-01-01"),
        {},
    ),
    Case(
        "dprk artillery 2008",
        make_event(AT, ["PRK"], ["SYR"], ["artillery"], "2008-01-01"),
        {DPRK_OUT: True},
        cites={DPRK_OUT: "1718"},
    ),
    Case(
        "dprk ammunition 2009: partly before 1874",
        make_event(AT, ["PRK"], ["SYR"], ["ammunition"], "2009"),
        {DPRK_OUT: None},
    ),
    Case("dprk before 1718", make_event(AT, ["PRK"], ["SYR"], ["missile"], "2006-10-13"), {}),
    Case(
        "dprk on 1718 adoption day",
        make_event(AT, ["PRK"], ["SYR"], ["missile"], "2006-10-14"),
        {DPRK_OUT: True},
    ),
    Case("no items = all arms", make_event(AT, ["PRK"], ["RUS"], [], "2023-10"), {DPRK_OUT: True}),
    Case(
        "to dprk aircraft 2024",
        make_event(AT, ["RUS"], ["PRK"], ["aircraft"], "2024"),
        {DPRK_IN: True, CAATSA: True},
    ),
    Case(
        "to dprk small arms 2012: SALW notify only",
        make_event(AT, ["CHN"], ["PRK"], ["small_arms"], "2012-01-01"),
        {},
    ),
    Case(
        "to dprk small arms 2017: 2270",
        make_event(AT, ["CHN"], ["PRK"], ["small_arms"], "2017-01-01"),
        {DPRK_IN: True},
        cites={DPRK_IN: "2270"},
    ),
    Case(
        "dprk to armed group (slug)",
        make_event(AT, ["PRK"], ["hamas"], ["small_arms"], "2023-10-07"),
        {DPRK_OUT: True},
    ),
    # status and certainty
    Case("denied", make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024", status="denied"), {}),
    Case(
        "cancelled",
        make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024", status="cancelled"),
        {},
    ),
    Case(
        "negated", make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024", certainty="negated"), {}
    ),
    Case(
        "planned warns",
        make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024", status="planned"),
        {DPRK_OUT: True},
    ),
    Case(
        "possible and unknown status",
        make_event(
            AT, ["PRK"], ["RUS"], ["ammunition"], "2024", status="unknown", certainty="possible"
        ),
        {DPRK_OUT: True},
    ),
    # unknown dates and the article date
    Case("no date at all", make_event(AT, ["PRK"], ["RUS"], ["ammunition"]), {DPRK_OUT: None}),
    Case(
        "article date used",
        make_event(AT, ["PRK"], ["RUS"], ["ammunition"]),
        {DPRK_OUT: True},
        published=dt.date(2024, 2, 7),
    ),
    Case("iran no date", make_event(AT, ["IRN"], ["RUS"], ["uav"]), {IRN_MU: None, IRN_OUT: None}),
    Case(
        "iran article date 2024: no rule",
        make_event(AT, ["IRN"], ["RUS"], ["uav"]),
        {},
        published=dt.date(2024, 6, 1),
    ),
    # Iran: 2231 expiry of the missile/UAV paragraph (exclusive end 2023-10-18)
    Case(
        "uav from iran 2023-10-17",
        make_event(AT, ["IRN"], ["RUS"], ["uav"], "2023-10-17"),
        {IRN_MU: True},
    ),
    Case("uav from iran 2023-10-18", make_event(AT, ["IRN"], ["RUS"], ["uav"], "2023-10-18"), {}),
    Case("uav from iran 2023-10-19", make_event(AT, ["IRN"], ["RUS"], ["uav"], "2023-10-19"), {}),
    Case(
        "uav from iran 2023-10: partial",
        make_event(AT, ["IRN"], ["RUS"], ["uav"], "2023-10"),
        {IRN_MU: None},
    ),
    Case("uav from iran 2022", make_event(AT, ["IRN"], ["RUS"], ["uav"], "2022"), {IRN_MU: True}),
    Case(
        "uav+missile from iran 2019",
        make_event(AT, ["IRN"], ["houthis"], ["uav", "missile"], "2019-05-01"),
        {IRN_OUT: True, IRN_MU: True, "un.yemen.arms": True},
        cites={IRN_OUT: "2231"},
    ),
    Case(
        "iran small arms 2021: gap",
        make_event(AT, ["IRN"], ["RUS"], ["small_arms"], "2021-06-01"),
        {},
    ),
    Case(
        "iran 2016 spans 1747 and 2231",
        make_event(AT, ["IRN"], ["SYR"], ["small_arms"], "2016"),
        {IRN_OUT: True},
        cites={IRN_OUT: "1747"},
    ),
    Case(
        "iran 2015 1747",
        make_event(AT, ["IRN"], ["SYR"], ["small_arms"], "2015-01-01"),
        {IRN_OUT: True},
        cites={IRN_OUT: "1747"},
    ),
    Case(
        "iran uav 2015: no 2231 yet",
        make_event(AT, ["IRN"], ["SYR"], ["uav"], "2015-01-01"),
        {IRN_OUT: True},
    ),
    # Iran: the 2025 snapback (from 2025-09-28, contested)
    Case("iran arms 2025-09-27", make_event(AT, ["IRN"], ["RUS"], [], "2025-09-27"), {}),
    Case(
        "iran arms 2025-09-28", make_event(AT, ["IRN"], ["RUS"], [], "2025-09-28"), {IRN_OUT: True}
    ),
    Case(
        "iran arms 2025-09-29",
        make_event(AT, ["IRN"], ["RUS"], ["ammunition"], "2025-09-29"),
        {IRN_OUT: True},
        cites={IRN_OUT: "snapback"},
    ),
    Case(
        "iran uav after snapback: arms_export only",
        make_event(AT, ["IRN"], ["RUS"], ["uav"], "2025-10-01"),
        {IRN_OUT: True},
    ),
    Case(
        "iran arms 2025-09: partial",
        make_event(AT, ["IRN"], ["RUS"], ["uav"], "2025-09"),
        {IRN_OUT: None},
    ),
    # Iran: arms to Iran (heavy categories only)
    Case(
        "to iran aircraft 2012",
        make_event(AT, ["RUS"], ["IRN"], ["aircraft"], "2012-01-01"),
        {IRN_IN: True},
        cites={IRN_IN: "1929"},
    ),
    Case(
        "to iran small arms 2012: vigilance only",
        make_event(AT, ["RUS"], ["IRN"], ["small_arms"], "2012-01-01"),
        {},
    ),
    Case(
        "to iran missile 2020",
        make_event(AT, ["RUS"], ["IRN"], ["missile"], "2020-05-01"),
        {IRN_IN: True, IRN_MU: True, CAATSA: True},
        cites={IRN_IN: "2231"},
    ),
    Case(
        "to iran aircraft 2021",
        make_event(AT, ["RUS"], ["IRN"], ["aircraft"], "2021-06-01"),
        {CAATSA: True},
    ),
    Case(
        "to iran missile after snapback",
        make_event(AT, ["CHN"], ["IRN"], ["missile"], "2025-10-01"),
        {IRN_IN: True},
        cites={IRN_IN: "snapback"},
    ),
    # multi-actor events
    Case(
        "PRK and IRN to RUS",
        make_event(AT, ["PRK", "IRN"], ["RUS"], ["ammunition"], "2025-10-01"),
        {DPRK_OUT: True, IRN_OUT: True},
    ),
    Case(
        "PRK to RUS and SYR: one finding",
        make_event(AT, ["PRK"], ["RUS", "SYR"], ["ammunition"], "2024"),
        {DPRK_OUT: True},
    ),
    # DPRK technical assistance (symmetric; subtype decides)
    Case(
        "training PRK-RUS",
        make_event(MC, ["PRK"], ["RUS"], [], "2024", subtype="training"),
        {DPRK_TA: True},
    ),
    Case(
        "technical assistance RUS-PRK",
        make_event(MC, ["RUS"], ["PRK"], [], "2024", subtype="technical_assistance"),
        {DPRK_TA: True},
    ),
    Case(
        "defence pact: none",
        make_event(MC, ["RUS"], ["PRK"], [], "2024", subtype="defence_pact"),
        {},
    ),
    Case("generic cooperation: none", make_event(MC, ["RUS"], ["PRK"], [], "2024"), {}),
    Case(
        "training IRN-RUS: none",
        make_event(MC, ["IRN"], ["RUS"], [], "2024", subtype="training"),
        {},
    ),
    # DPRK workers
    Case("workers 2016: none", make_event(LD, ["PRK"], ["RUS"], [], "2016-01-01"), {}),
    Case(
        "workers 2017-08-20: 2371",
        make_event(LD, ["PRK"], ["RUS"], [], "2017-08-20"),
        {DPRK_WORK: True},
        cites={DPRK_WORK: "2371"},
    ),
    Case(
        "workers 2018: 2375 para 17",
        make_event(LD, ["PRK"], ["RUS"], [], "2018-06-01"),
        {DPRK_WORK: True},
        cites={DPRK_WORK: "2375"},
    ),
    Case(
        "workers 2019: 2375 para 17",
        make_event(LD, ["PRK"], ["CHN"], [], "2019"),
        {DPRK_WORK: True},
        cites={DPRK_WORK: "2375"},
    ),
    Case(
        "workers 2020: 2397 para 8",
        make_event(LD, ["PRK"], ["RUS"], [], "2020-06-01"),
        {DPRK_WORK: True},
        cites={DPRK_WORK: "2397"},
    ),
    Case(
        "workers planned, article date",
        make_event(LD, ["PRK"], ["RUS"], [], status="planned"),
        {DPRK_WORK: True},
        published=dt.date(2022, 9, 6),
        cites={DPRK_WORK: "2397"},
    ),
    Case("workers from CHN: none", make_event(LD, ["CHN"], ["RUS"], [], "2020"), {}),
    Case("troops: no rule", make_event("troop_deployment", ["PRK"], ["RUS"], [], "2024-10"), {}),
    # Russia: EU embargo, who is bound (Brexit), US rules
    Case(
        "UK to RUS 2019 (EU member)",
        make_event(AT, ["GBR"], ["RUS"], ["small_arms"], "2019-06-01"),
        {EU_OUT: True},
    ),
    Case(
        "UK to RUS 2020 (transition)",
        make_event(AT, ["GBR"], ["RUS"], ["small_arms"], "2020-06-01"),
        {EU_OUT: True},
    ),
    Case(
        "UK to RUS 2021 (left)", make_event(AT, ["GBR"], ["RUS"], ["small_arms"], "2021-06-01"), {}
    ),
    Case("UK to RUS year 2020", make_event(AT, ["GBR"], ["RUS"], [], "2020"), {EU_OUT: True}),
    Case(
        "FRA to RUS before embargo", make_event(AT, ["FRA"], ["RUS"], ["naval"], "2014-07-31"), {}
    ),
    Case(
        "FRA to RUS 2014-08-01",
        make_event(AT, ["FRA"], ["RUS"], ["naval"], "2014-08-01"),
        {EU_OUT: True},
    ),
    Case(
        "RUS to DEU 2016: import ban",
        make_event(AT, ["RUS"], ["DEU"], [], "2016-05-01"),
        {EU_IN: True},
    ),
    Case(
        "USA to RUS 2022: ITAR",
        make_event(AT, ["USA"], ["RUS"], ["components"], "2022"),
        {ITAR: True},
    ),
    Case(
        "USA to RUS 2020: before 126.1",
        make_event(AT, ["USA"], ["RUS"], ["components"], "2020"),
        {},
    ),
    Case(
        "RUS to TUR 2019: CAATSA",
        make_event(AT, ["RUS"], ["TUR"], ["air_defence"], "2019-07-12"),
        {CAATSA: True},
    ),
    Case(
        "RUS to TUR 2017-08-01: before CAATSA",
        make_event(AT, ["RUS"], ["TUR"], ["missile"], "2017-08-01"),
        {},
    ),
]


@pytest.mark.issue(3)
@pytest.mark.parametrize("case", CASES, ids=[c.name for c in CASES])
def test_rule_table(case: Case) -> None:
    findings = findings_for_event(case.event, case.published)
    got = {f.rule: f.in_force for f in findings}
    assert got == case.expect
    assert len(findings) == len(got), "one finding per (rule id, event)"
    for rule, fragment in case.cites.items():
        finding = next(f for f in findings if f.rule == rule)
        assert fragment in finding.instrument, finding.instrument
