"""Reading gold folders (every problem listed) and the real gold sets scored against
themselves."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from armswatch.errors import GoldError
from armswatch.evaluate import GoldDoc, evaluate, explain, load_gold, score
from armswatch.model import Analysis, Article, Attribution, Item, Time
from evalkit import AT, actor, analysis, event, finding, ge

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


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
