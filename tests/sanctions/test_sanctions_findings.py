"""What the sanctions engine's findings say beyond which rules fire (fields, citations,
explanations), and its other entry points: many events, jurisdictions, what-if, an
explicit rulebook."""

from __future__ import annotations

import datetime as dt

from enginekit import AT, CAATSA, DPRK_IN, DPRK_OUT, DPRK_TA, DPRK_WORK, LD, SENTENCE, make_event

from armswatch.model import Span
from armswatch.sanctions import findings_for_event, findings_for_events, load_rulebook, what_if


def test_finding_fields() -> None:
    event = make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024-05")
    [finding] = findings_for_event(event, None)
    assert finding.event == "a1:e0"
    assert finding.date == "2024-05-01"
    assert finding.citation and finding.citation.startswith("http")
    assert finding.contested is False
    assert finding.provision == "paragraph 9 (number unconfirmed)"
    assert finding.evidence == [Span(text=SENTENCE, start=0, end=len(SENTENCE))]
    text = finding.explanation
    for part in (
        "North Korea",
        "ammunition",
        "Russia",
        "(2024-05)",
        "UNSCR 1874",
        "since 2009-06-12",
    ):
        assert part in text


def test_unknown_date_explained() -> None:
    [finding] = findings_for_event(make_event(AT, ["PRK"], ["RUS"], ["ammunition"]), None)
    assert finding.in_force is None and finding.date is None
    assert "date is unknown" in finding.explanation


def test_partial_period_explained() -> None:
    [finding] = findings_for_event(make_event(AT, ["IRN"], ["RUS"], ["uav"], "2023-10"), None)
    assert "only part of the event's period" in finding.explanation
    assert "2023-10-18" in finding.explanation


def test_snapback_is_contested() -> None:
    [finding] = findings_for_event(make_event(AT, ["IRN"], ["RUS"], [], "2025-09-29"), None)
    assert finding.contested is True
    assert "Contested:" in finding.explanation
    assert finding.date == "2025-09-29"


def test_workers_2018_and_2020_cite_different_provisions() -> None:
    early = findings_for_event(make_event(LD, ["PRK"], ["RUS"], [], "2018-06-01"), None)
    late = findings_for_event(make_event(LD, ["PRK"], ["RUS"], [], "2020-06-01"), None)
    assert (early[0].instrument, early[0].provision) == ("UNSCR 2375 (2017)", "paragraph 17")
    assert (late[0].instrument, late[0].provision) == ("UNSCR 2397 (2017)", "paragraph 8")


def test_plan_status_in_explanation() -> None:
    event = make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024", status="planned")
    [finding] = findings_for_event(event, None)
    assert "status planned" in finding.explanation


def test_findings_for_events_concatenates() -> None:
    events = [
        make_event(AT, ["PRK"], ["RUS"], ["ammunition"]),
        make_event(LD, ["PRK"], ["RUS"], []),
        make_event("troop_deployment", ["PRK"], ["RUS"], []),
    ]
    findings = findings_for_events(events, dt.date(2024, 10, 30))
    assert [f.rule for f in findings] == [DPRK_OUT, DPRK_WORK]


def test_jurisdictions_filter() -> None:
    event = make_event(AT, ["RUS"], ["PRK"], ["missile"], "2024")
    assert {f.rule for f in findings_for_event(event, None)} == {DPRK_IN, CAATSA}
    only_un = findings_for_event(event, None, jurisdictions={"un"})
    assert [f.rule for f in only_un] == [DPRK_IN]


def test_what_if_matches_engine() -> None:
    findings = what_if("arms_transfer", ["PRK"], ["RUS"], ["ammunition"], dt.date(2024, 5, 1))
    assert [(f.rule, f.in_force, f.event) for f in findings] == [(DPRK_OUT, True, "what-if")]
    training = what_if(
        "military_cooperation", ["RUS"], ["PRK"], [], dt.date(2024, 5, 1), "training"
    )
    assert [f.rule for f in training] == [DPRK_TA]
    assert what_if("arms_transfer", ["IRN"], ["RUS"], ["uav"], None)[0].in_force is None


def test_explicit_rulebook_argument() -> None:
    book = load_rulebook()
    event = make_event(AT, ["PRK"], ["RUS"], ["ammunition"], "2024")
    assert findings_for_event(event, None, book) == findings_for_event(event, None)
