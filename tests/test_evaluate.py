"""The GOLD.md scorer: event tuples, attributes, findings, gold loading."""

from __future__ import annotations

import json
from collections.abc import Sequence
from pathlib import Path
from typing import Any

import pytest
from rich.console import Console

from armswatch.errors import GoldError
from armswatch.evaluate import (
    GoldDoc,
    GoldEvent,
    Scores,
    evaluate,
    explain,
    load_gold,
    render_scores,
    score,
)
from armswatch.model import (
    Actor,
    Analysis,
    Article,
    Attribution,
    Doc,
    Event,
    Finding,
    Item,
    Time,
)

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
DOC = "d1"


# ---------------------------------------------------------------- builders


def actor(key: str, country: str | None = None) -> Actor:
    """A state for an upper-case ISO key, else a slug actor; ``country`` overrides."""
    state = key.isupper() and len(key) == 3
    return Actor(
        id=key,
        name=key,
        country=country if country is not None else (key if state else None),
        kind="state" if state else "igo",
    )


def event(
    type_: str,
    source: Sequence[str | Actor],
    target: Sequence[str | Actor],
    index: int = 0,
    **fields: Any,
) -> Event:
    return Event.model_validate(
        {
            "id": f"{DOC}:e{index}",
            "type": type_,
            "source": [a if isinstance(a, Actor) else actor(a) for a in source],
            "target": [a if isinstance(a, Actor) else actor(a) for a in target],
            "evidence": [],
            "confidence": 0.9,
            **fields,
        }
    )


def finding(rule: str, event_id: str, in_force: bool | None) -> Finding:
    return Finding(
        rule=rule,
        regime="r",
        instrument="i",
        provision="p",
        event=event_id,
        in_force=in_force,
        explanation="x",
    )


def analysis(events: Sequence[Event], findings: Sequence[Finding] = (), doc: str = DOC) -> Analysis:
    return Analysis(doc=Doc(id=doc, sha256="0" * 64), events=list(events), findings=list(findings))


def gold(
    *events: dict[str, Any],
    findings: Sequence[dict[str, Any]] = (),
    findings_ext: Sequence[dict[str, Any]] = (),
) -> GoldDoc:
    return GoldDoc.model_validate(
        {
            "id": DOC,
            "events": list(events),
            "findings": list(findings),
            "findings_ext": list(findings_ext),
        }
    )


def ge(type_: str, source: list[str], target: list[str], **fields: Any) -> dict[str, Any]:
    return {"type": type_, "source": source, "target": target, **fields}


def run(gold_doc: GoldDoc, system: Analysis) -> Scores:
    return score({gold_doc.id: gold_doc}, {system.doc.id: system})


def counts(prf: Any) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn


AT = "arms_transfer"

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


# ---------------------------------------------------------------- loading gold


def write_gold(folder: Path, articles: list[dict[str, Any]], golds: list[Any]) -> Path:
    folder.mkdir(parents=True, exist_ok=True)
    (folder / "articles.jsonl").write_text("".join(json.dumps(a) + "\n" for a in articles))
    lines = [g if isinstance(g, str) else json.dumps(g) for g in golds]
    (folder / "gold.jsonl").write_text("".join(line + "\n" for line in lines))
    return folder


def test_load_gold_and_evaluate(tmp_path: Path) -> None:
    folder = write_gold(
        tmp_path / "g",
        [{"id": "a1", "text": "North Korea sells shells to Russia."}, {"id": "a2", "text": "x"}],
        [
            {"id": "a1", "events": [ge(AT, ["PRK"], ["RUS"], status="ongoing")], "findings": []},
            {"id": "a2", "events": [], "findings": []},
        ],
    )
    articles, golds = load_gold(folder)
    assert [a.id for a in articles] == ["a1", "a2"]
    assert golds["a1"].events[0].status == "ongoing"

    def analyze(article: Article) -> Analysis:
        found = [event(AT, ["PRK"], ["RUS"], status="ongoing")] if article.id == "a1" else []
        return analysis(found, doc=article.doc_id)

    scores = evaluate(folder, analyze)
    assert scores.documents == 2
    assert scores.events.f1 == 1.0
    assert scores.attributes["status"].score == 1.0


def test_gold_folder_missing(tmp_path: Path) -> None:
    with pytest.raises(GoldError, match="gold folder not found") as info:
        load_gold(tmp_path / "nope")
    assert info.value.code == "AW030"


def test_gold_file_missing(tmp_path: Path) -> None:
    (tmp_path / "articles.jsonl").write_text('{"text": "x"}\n')
    with pytest.raises(GoldError, match=r"lacks gold\.jsonl"):
        load_gold(tmp_path)


def test_malformed_gold_lists_every_problem(tmp_path: Path) -> None:
    folder = write_gold(
        tmp_path / "g",
        [{"id": f"a{i}", "text": "t"} for i in range(1, 7)] + [{"text": ""}],
        [
            {"id": "a1", "events": [ge("arms_sale", ["PRK"], ["RUS"])]},
            {"id": "a2", "events": [ge(AT, ["PRK"], ["RUS"], time="2022-13")]},
            {"id": "a3", "events": [], "findings": [{"rule": "r", "event": 0}]},
            {"id": "a4", "events": [ge(AT, ["PRK"], ["RUS"], colour="red")]},
            '{"id": "a5", ',
            {"id": "a1", "events": []},
            {"id": "zz", "events": []},
        ],
    )
    with pytest.raises(GoldError) as info:
        load_gold(folder)
    errors = info.value.errors
    assert errors[0] == f"{folder / 'articles.jsonl'}:7: [AW001] empty text"
    assert errors[1].startswith("gold.jsonl:1: events -> 0 -> type: Input should be")
    assert errors[2].startswith("gold.jsonl:2: events -> 0 -> time: Value error, time '2022-13'")
    assert errors[3].startswith("gold.jsonl:3: line: Value error, findings[0].event 0 has no")
    assert errors[4].startswith("gold.jsonl:4: events -> 0 -> colour: Extra inputs")
    assert errors[5].startswith("gold.jsonl:5: malformed JSON")
    assert errors[6] == "gold.jsonl:6: duplicate id 'a1'"
    assert "gold.jsonl: no gold line for article 'a5'" in errors
    assert "gold.jsonl: 'zz' is not in articles.jsonl" in errors
    assert str(info.value).startswith("[AW030] malformed gold in")


# ---------------------------------------------------------------- real gold against itself


def analysis_from_gold(doc: GoldDoc) -> Analysis:
    """The system output a perfect analyser would give for a gold document."""
    events = []
    for index, g in enumerate(doc.events):
        precision = {4: "year", 7: "month", 10: "day"}[len(g.time)] if g.time else None
        start = (g.time + "-01-01"[: 10 - len(g.time)]) if g.time else None
        fields: dict[str, Any] = {
            "items": [Item(text=c, category=c) for c in g.items or []],
            "attribution": [Attribution(source=actor(k), text=k) for k in g.attributed_to or []],
            "time": Time(text=g.time, start=start, precision=precision) if g.time else None,
        }
        if g.status:
            fields["status"] = g.status
        if g.certainty:
            fields["certainty"] = g.certainty
        events.append(event(g.type, g.source, g.target, index, **fields))
    findings = [finding(f.rule, events[f.event].id, True) for f in doc.findings]
    return analysis(events, findings, doc=doc.id)


@pytest.mark.parametrize("name", ["dev", "seed"])
def test_real_gold_against_itself_is_perfect(name: str) -> None:
    folder = SHARED / "gold" / name
    if not folder.is_dir():
        pytest.skip(f"shared gold set not found at {folder} (expected ../shared beside the repo)")
    articles, golds = load_gold(folder)
    assert len(articles) == len(golds) > 0
    scores = score(golds, {doc_id: analysis_from_gold(doc) for doc_id, doc in golds.items()})
    assert scores.events.f1 == 1.0
    assert scores.arms_transfer.f1 == 1.0
    assert scores.findings.f1 == 1.0
    assert all(s.score in (None, 1.0) for s in scores.attributes.values())
    assert scores.attributes["status"].n > 0
    assert explain(golds, {d: analysis_from_gold(g) for d, g in golds.items()}) == []
