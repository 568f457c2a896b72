"""The GOLD.md scorer: event tuples, attributes, findings, and its reports."""

from __future__ import annotations

from typing import Any

import pytest
from rich.console import Console

from armswatch.evaluate import GoldDoc, GoldEvent, explain, render_scores, score
from armswatch.model import Event
from evalkit import AT, DOC, actor, analysis, counts, event, finding, ge, gold, run

# ---------------------------------------------------------------- event tuples

TUPLE_CASES = [
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"]), ge("meeting", ["RUS"], ["PRK"])],
        [event(AT, ["PRK"], ["RUS"]), event("meeting", ["RUS"], ["PRK"], 1)],
        (2, 0, 0),
        id="perfect",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"]), ge("meeting", ["RUS"], ["PRK"])],
        [event(AT, ["PRK"], ["RUS"])],
        (1, 0, 1),
        id="missed",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"])],
        [event(AT, ["PRK"], ["RUS"]), event("condemnation", ["USA"], ["PRK"], 1)],
        (1, 1, 0),
        id="spurious",
    ),
    pytest.param(
        [ge("meeting", ["RUS"], ["PRK"]), ge("military_exercise", ["USA"], ["KOR"])],
        [event("meeting", ["PRK"], ["RUS"]), event("military_exercise", ["KOR"], ["USA"], 1)],
        (2, 0, 0),
        id="symmetric-order",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"])],
        [event(AT, ["RUS"], ["PRK"])],
        (0, 1, 1),
        id="directed-reversed",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"]), ge("meeting", ["PRK"], ["dpr", "lpr"], optional=True)],
        [event(AT, ["PRK"], ["RUS"]), event("meeting", ["lpr", "dpr"], ["PRK"], 1)],
        (1, 0, 0),
        id="optional-produced",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"]), ge("meeting", ["PRK"], ["dpr", "lpr"], optional=True)],
        [event(AT, ["PRK"], ["RUS"])],
        (1, 0, 0),
        id="optional-omitted",
    ),
    pytest.param(
        [ge("meeting", ["RUS"], ["PRK"]), ge("meeting", ["PRK"], ["RUS"], optional=True)],
        [],
        (0, 0, 1),
        id="required-beats-optional",
    ),
    pytest.param(
        [ge("condemnation", ["USA", "KOR", "JPN"], ["PRK", "RUS"])],
        [event("condemnation", ["USA", "KOR"], ["PRK", "RUS"])],
        (4, 0, 2),
        id="multi-actor",
    ),
    pytest.param(
        [ge(AT, ["RUS"], ["un"])],
        [event(AT, [actor("wagner", country="RUS")], [actor("un")])],
        (1, 0, 0),
        id="key-country-else-id",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"])],
        [event(AT, ["PRK"], ["RUS"]), event(AT, ["PRK"], ["RUS"], 1)],
        (1, 0, 0),
        id="duplicates-collapse",
    ),
    pytest.param(
        [ge(AT, ["PRK"], ["RUS"])],
        [event(AT, ["PRK"], ["RUS"]), event("meeting", ["RUS"], ["RUS"], 1)],
        (1, 1, 0),
        id="self-pair-is-a-tuple",
    ),
    pytest.param([], [], (0, 0, 0), id="nothing-either-side"),
]


@pytest.mark.parametrize(("gold_events", "system_events", "expected"), TUPLE_CASES)
def test_event_tuples(
    gold_events: list[dict[str, Any]], system_events: list[Event], expected: tuple[int, int, int]
) -> None:
    scores = run(gold(*gold_events), analysis(system_events))
    assert counts(scores.events) == expected
    if expected[1:] == (0, 0):
        assert scores.events.f1 == 1.0


def test_prf_values_and_breakdown() -> None:
    gold_doc = gold(
        ge(AT, ["PRK"], ["RUS"]),
        ge(AT, ["IRN"], ["RUS"]),
        ge("meeting", ["RUS"], ["PRK"]),
    )
    system = analysis(
        [
            event(AT, ["PRK"], ["RUS"]),
            event(AT, ["CHN"], ["RUS"], 1),
            event("meeting", ["PRK"], ["RUS"], 2),
        ]
    )
    scores = run(gold_doc, system)
    assert counts(scores.events) == (2, 1, 1)
    assert scores.events.precision == pytest.approx(2 / 3)
    assert scores.events.f1 == pytest.approx(2 / 3)
    assert counts(scores.arms_transfer) == (1, 1, 1)
    assert scores.arms_transfer.f1 == pytest.approx(0.5)
    assert list(scores.by_type) == ["arms_transfer", "meeting"]
    assert scores.by_type["meeting"].f1 == 1.0


def test_micro_average_across_documents() -> None:
    golds = {
        "a": GoldDoc(id="a", events=[GoldEvent.model_validate(ge(AT, ["PRK"], ["RUS"]))]),
        "b": GoldDoc(id="b", events=[GoldEvent.model_validate(ge(AT, ["IRN"], ["RUS"]))]),
    }
    # the same tuple in another document does not match: tuples are per document
    system = {
        "a": analysis([event(AT, ["PRK"], ["RUS"])], doc="a"),
        "b": analysis([event(AT, ["PRK"], ["RUS"])], doc="b"),
        "extra": analysis([event(AT, ["USA"], ["UKR"])], doc="extra"),
    }
    scores = score(golds, system)
    assert scores.documents == 2
    assert counts(scores.events) == (1, 1, 1)


def test_missing_system_document_counts_as_empty() -> None:
    scores = score({DOC: gold(ge(AT, ["PRK"], ["RUS"]))}, {})
    assert counts(scores.events) == (0, 0, 1)
    assert scores.events.f1 == 0.0


# ---------------------------------------------------------------- attributes


def at(**fields: Any) -> Event:
    return event(AT, ["PRK"], ["RUS"], **fields)


def time(start: str | None, precision: str | None) -> dict[str, Any]:
    return {"text": "t", "start": start, "precision": precision}


def items(*categories: str) -> list[dict[str, Any]]:
    return [{"text": c, "category": c} for c in categories]


def said_by(*keys: str | None) -> list[dict[str, Any]]:
    return [{"source": None if k is None else actor(k), "text": "said"} for k in keys]


ATTRIBUTE_CASES = [
    # (gold attributes, system event fields, attribute, expected (n, total))
    ({"items": ["uav"]}, {"items": items("uav")}, "items", (1, 1.0)),
    ({"items": ["missile", "uav"]}, {"items": items("missile")}, "items", (1, 2 / 3)),
    ({"items": ["uav"]}, {}, "items", (1, 0.0)),
    ({"items": []}, {}, "items", (1, 1.0)),
    ({}, {"items": items("uav")}, "items", (0, 0.0)),
    ({"status": "delivered"}, {"status": "delivered"}, "status", (1, 1.0)),
    ({"status": "delivered"}, {"status": "ongoing"}, "status", (1, 0.0)),
    ({}, {"status": "ongoing"}, "status", (0, 0.0)),
    ({"certainty": "probable"}, {"certainty": "probable"}, "certainty", (1, 1.0)),
    ({"certainty": "probable"}, {}, "certainty", (1, 0.0)),
    ({}, {"certainty": "negated"}, "certainty", (0, 0.0)),
    ({"time": "2022-09"}, {"time": time("2022-09-01", "month")}, "time", (1, 1.0)),
    ({"time": "2022-09"}, {"time": time("2022-09-14", "day")}, "time", (1, 1.0)),
    ({"time": "2022-09"}, {"time": time("2022-08-01", "month")}, "time", (1, 0.0)),
    ({"time": "2022-09"}, {"time": time("2022-09-01", "year")}, "time", (1, 0.0)),
    ({"time": "2022"}, {"time": time("2022-08-01", "month")}, "time", (1, 1.0)),
    ({"time": "2022-09-05"}, {"time": time("2022-09-05", "range")}, "time", (1, 1.0)),
    ({"time": "2022-09"}, {}, "time", (1, 0.0)),
    ({"time": "2022-09"}, {"time": time(None, None)}, "time", (1, 0.0)),
    ({}, {}, "time", (0, 0.0)),  # GOLD.md: only tuples whose gold event states a time
    ({}, {"time": time(None, None)}, "time", (0, 0.0)),
    ({}, {"time": time("2022-01-01", "year")}, "time", (0, 0.0)),
    (
        {"attributed_to": ["USA", "KOR"]},
        {"attribution": said_by("KOR", "USA")},
        "attribution",
        (1, 1.0),
    ),
    ({"attributed_to": ["USA", "KOR"]}, {"attribution": said_by("KOR")}, "attribution", (1, 0.0)),
    ({"attributed_to": ["USA"]}, {"attribution": said_by(None)}, "attribution", (1, 0.0)),
    ({"attributed_to": ["nyt"]}, {"attribution": said_by("nyt")}, "attribution", (1, 1.0)),
    ({"attributed_to": []}, {"attribution": said_by("USA")}, "attribution", (0, 0.0)),
]


@pytest.mark.parametrize(("gold_fields", "system_fields", "attribute", "expected"), ATTRIBUTE_CASES)
def test_attribute(
    gold_fields: dict[str, Any],
    system_fields: dict[str, Any],
    attribute: str,
    expected: tuple[int, float],
) -> None:
    scores = run(gold(ge(AT, ["PRK"], ["RUS"], **gold_fields)), analysis([at(**system_fields)]))
    result = scores.attributes[attribute]
    assert (result.n, result.total) == pytest.approx(expected)
    assert result.score == (None if expected[0] == 0 else pytest.approx(expected[1]))


def test_attributes_macro_average_over_matched_tuples_only() -> None:
    gold_doc = gold(
        ge(AT, ["PRK"], ["RUS", "SYR"], items=["ammunition"], status="delivered"),
        ge(AT, ["IRN"], ["RUS"], items=["uav"], status="delivered"),  # not matched
        ge(AT, ["CHN"], ["RUS"], items=["uav"], optional=True, status="delivered"),
    )
    system = analysis(
        [
            event(AT, ["PRK"], ["RUS"], items=items("ammunition"), status="delivered"),
            event(AT, ["PRK"], ["SYR"], 1, items=items("missile"), status="delivered"),
            event(AT, ["CHN"], ["RUS"], 2, items=items("naval"), status="planned"),
        ]
    )
    scores = run(gold_doc, system)
    assert scores.attributes["items"].n == 2
    assert scores.attributes["items"].score == pytest.approx(0.5)
    assert scores.attributes["status"].score == 1.0


def test_attributes_use_the_first_system_event_carrying_the_tuple() -> None:
    gold_doc = gold(ge(AT, ["PRK"], ["RUS"], status="delivered"))
    system = analysis(
        [
            event(AT, ["PRK", "BLR"], ["RUS"], status="ongoing"),
            event(AT, ["PRK"], ["RUS"], 1, status="delivered"),
        ]
    )
    assert run(gold_doc, system).attributes["status"].score == 0.0


def test_attributes_only_for_arms_transfers() -> None:
    gold_doc = gold(ge("troop_deployment", ["PRK"], ["RUS"], certainty="probable"))
    system = analysis([event("troop_deployment", ["PRK"], ["RUS"], certainty="asserted")])
    assert run(gold_doc, system).attributes["certainty"].n == 0


# ---------------------------------------------------------------- findings

FINDING_CASES = [
    pytest.param(True, (1, 0, 0), id="in-force-true-counts"),
    pytest.param(None, (0, 0, 1), id="in-force-null-does-not"),
    pytest.param(False, (0, 0, 1), id="in-force-false-does-not"),
]


@pytest.mark.parametrize(("in_force", "expected"), FINDING_CASES)
def test_findings_in_force(in_force: bool | None, expected: tuple[int, int, int]) -> None:
    gold_doc = gold(
        ge("meeting", ["RUS"], ["PRK"]),
        ge(AT, ["PRK"], ["RUS"]),
        findings=[{"rule": "un.dprk.arms_export", "event": 1}],
    )
    e0 = event("meeting", ["RUS"], ["PRK"])
    e1 = event(AT, ["PRK"], ["RUS"], 1)
    system = analysis([e0, e1], [finding("un.dprk.arms_export", e1.id, in_force)])
    assert counts(run(gold_doc, system).findings) == expected


def test_findings_tuples_rule_and_pairs() -> None:
    gold_doc = gold(
        ge(AT, ["PRK"], ["RUS", "SYR"]),
        findings=[{"rule": "un.dprk.arms_export", "event": 0}],
    )
    e0 = event(AT, ["PRK"], ["RUS"])
    e1 = event(AT, ["RUS"], ["PRK"], 1)
    system = analysis(
        [e0, e1],
        [
            finding("un.dprk.arms_export", e0.id, True),
            finding("un.dprk.arms_import", e0.id, True),  # wrong rule
            finding("un.dprk.arms_import", e1.id, True),  # no gold finding
            finding("un.dprk.arms_export", "d1:e99", True),  # dangling: no tuples
        ],
    )
    scores = run(gold_doc, system)
    assert counts(scores.findings) == (1, 2, 1)
    assert counts(scores.findings_by_rule["un.dprk.arms_import"]) == (0, 2, 0)
    lines = explain({DOC: gold_doc}, {DOC: system})
    assert "d1: missed finding un.dprk.arms_export PRK→SYR" in lines
    assert "d1: spurious finding un.dprk.arms_import RUS→PRK" in lines
    assert "d1: finding un.dprk.arms_export rests on unknown event 'd1:e99' (not scored)" in lines


def test_findings_ext_scored_apart_from_findings() -> None:
    """GOLD.md §4: other embargoes score as findings_ext; us.… rules are never scored."""
    gold_doc = gold(
        ge(AT, ["IRN"], ["houthis"]),
        ge(AT, ["ARE"], ["rsf"]),
        findings=[{"rule": "un.iran.arms_export", "event": 0}],
        findings_ext=[
            {"rule": "un.yemen.arms", "event": 0},
            {"rule": "un.sudan_darfur.arms", "event": 1},
        ],
    )
    e0 = event(AT, ["IRN"], ["houthis"])
    e1 = event(AT, ["ARE"], ["rsf"], 1)
    system = analysis(
        [e0, e1],
        [
            finding("un.iran.arms_export", e0.id, True),
            finding("un.yemen.arms", e0.id, True),
            finding("eu.irn.arms", e0.id, True),  # no gold: spurious in findings_ext
            finding("us.itar.proscribed", e0.id, True),  # other jurisdiction: not scored
        ],
    )
    scores = run(gold_doc, system)
    assert counts(scores.findings) == (1, 0, 0)
    assert counts(scores.findings_ext) == (1, 1, 1)
    assert counts(scores.findings_ext_by_rule["un.sudan_darfur.arms"]) == (0, 0, 1)
    assert "us.itar.proscribed" not in scores.findings_ext_by_rule
    lines = explain({DOC: gold_doc}, {DOC: system})
    assert "d1: missed finding_ext un.sudan_darfur.arms ARE→rsf" in lines
    assert "d1: spurious finding_ext eu.irn.arms IRN→houthis" in lines


@pytest.mark.parametrize("rule", ["un.dprk.arms_export", "us.itar", "eu.russia.arms", "un..arms"])
def test_findings_ext_rejects_rules_outside_its_pattern(rule: str) -> None:
    with pytest.raises(ValueError, match=r"findings_ext\[0\]\.rule"):
        gold(ge(AT, ["IRN"], ["YEM"]), findings_ext=[{"rule": rule, "event": 0}])


def test_no_findings_either_side_is_perfect() -> None:
    scores = run(gold(ge(AT, ["USA"], ["UKR"])), analysis([event(AT, ["USA"], ["UKR"])]))
    assert counts(scores.findings) == (0, 0, 0)
    assert scores.findings.f1 == 1.0


# ---------------------------------------------------------------- explain and render


def test_explain_lists_differences() -> None:
    gold_doc = gold(
        ge(AT, ["PRK"], ["RUS"], status="delivered"),
        ge("meeting", ["RUS"], ["PRK"]),
    )
    system = analysis(
        [event(AT, ["PRK"], ["RUS"], status="ongoing"), event("meeting", ["USA"], ["KOR"], 1)]
    )
    assert explain({DOC: gold_doc}, {DOC: system, "other": analysis([], doc="other")}) == [
        "d1: missed event meeting PRK–RUS",
        "d1: spurious event meeting KOR–USA",
        "d1: arms_transfer PRK→RUS status: gold 'delivered', system 'ongoing'",
        "other: not in the gold (ignored)",
    ]
    assert explain({DOC: gold_doc}, {})[0] == "d1: no system analysis"


def test_render_scores_shows_counts() -> None:
    scores = run(gold(ge(AT, ["PRK"], ["RUS"])), analysis([event(AT, ["PRK"], ["RUS"])]))
    console = Console(record=True, width=120)
    console.print(render_scores(scores))
    out = console.export_text()
    for label in ("Event tuples", "arms_transfer", "Arms-transfer attributes", "Findings"):
        assert label in out
    assert "1.000" in out
