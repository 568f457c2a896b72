"""The word lists of the extraction lexicon are data (triggers.yaml: ``lexicon``):
checked when the knowledge base loads, errors pointing at the entry, and the readers
take them from there (changing the data changes the reading)."""

from __future__ import annotations

import dataclasses
from pathlib import Path

import pytest
import yaml

from armswatch.errors import KnowledgeBaseError
from armswatch.kb import DATA_DIR, load_kb, load_yaml_model
from armswatch.kb.schema import WORD_LISTS, TriggerFile
from armswatch.model import Article
from armswatch.pipeline import Analyzer


def triggers_with(tmp_path: Path, **lists: object) -> Path:
    """A copy of triggers.yaml whose lexicon has ``lists`` replaced (None: removed)."""
    data = yaml.safe_load((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8"))
    for name, value in lists.items():
        if value is None:
            del data["lexicon"][name]
        else:
            data["lexicon"][name] = value
    path = tmp_path / "triggers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    return path


@pytest.mark.parametrize("name", WORD_LISTS)
def test_word_lists_are_in_the_lexicon(name: str) -> None:
    words = getattr(load_kb().triggers.lexicon, name)
    assert words, name
    assert len(words) == len(set(words)), f"{name} repeats a word"


def test_a_capitalised_entry_is_reported_with_its_place(tmp_path: Path) -> None:
    path = triggers_with(tmp_path, title_words=["prime", "Minister"])
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, TriggerFile)
    assert "lexicon -> title_words -> 1 ('Minister')" in str(info.value)


def test_a_non_word_entry_is_reported_with_its_place(tmp_path: Path) -> None:
    path = triggers_with(tmp_path, media_nouns=["website", {"paper": 1}])
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, TriggerFile)
    assert "[lexicon -> media_nouns -> 1]" in "\n".join(info.value.errors)


def test_a_missing_list_is_named(tmp_path: Path) -> None:
    path = triggers_with(tmp_path, interdiction_verbs=None)
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, TriggerFile)
    assert "[lexicon -> interdiction_verbs] Field required" in "\n".join(info.value.errors)


@pytest.mark.slow
def test_interdiction_verbs_come_from_the_lexicon(analyzer: Analyzer) -> None:
    """'was impounded' reads as an interdicted shipment (ongoing) because 'impound' is in
    the list; without it the passive past reads as a delivery."""
    text = "Sudanese rifles sent to Chad were impounded at the border."
    article = Article(text=text, published="2024-03-02")
    kb = analyzer.kb
    lexicon = kb.triggers.lexicon
    without = lexicon.model_copy(
        update={"interdiction_verbs": [v for v in lexicon.interdiction_verbs if v != "impound"]}
    )
    other_kb = dataclasses.replace(kb, triggers=kb.triggers.model_copy(update={"lexicon": without}))
    other = Analyzer(nlp=analyzer.nlp, kb=other_kb)
    statuses = [
        {e.status for e in a.analyze(article).events if e.type == "arms_transfer"}
        for a in (analyzer, other)
    ]
    assert statuses == [{"ongoing"}, {"delivered"}]


def without_word(analyzer: Analyzer, name: str, word: str) -> Analyzer:
    """An analyzer whose lexicon list ``name`` lacks ``word``."""
    kb = analyzer.kb
    lexicon = kb.triggers.lexicon
    smaller = lexicon.model_copy(update={name: [w for w in getattr(lexicon, name) if w != word]})
    other_kb = dataclasses.replace(kb, triggers=kb.triggers.model_copy(update={"lexicon": smaller}))
    return Analyzer(nlp=analyzer.nlp, kb=other_kb)


def deployments(analyzer: Analyzer, text: str) -> set[tuple[str, ...]]:
    analysis = analyzer.analyze(Article(text=text, published="2024-03-02"))
    return {
        (*(a.id for a in e.source), *(a.id for a in e.target))
        for e in analysis.events
        if e.type == "troop_deployment"
    }


@pytest.mark.slow
@pytest.mark.parametrize(
    ("name", "word", "text", "pair"),
    [
        ("fighting_verbs", "fight", "Bolivian soldiers fought alongside Paraguayan forces.",
         ("BOL", "PRY")),
        ("serving_verbs", "serve", "Ghanaian soldiers served with the Togolese army.",
         ("GHA", "TGO")),
        ("helping_verbs", "assist", "Zambian troops crossed over and assisted Malawi.",
         ("ZMB", "MWI")),
    ],
)  # fmt: skip
def test_verbs_of_siding_come_from_the_lexicon(
    analyzer: Analyzer, name: str, word: str, text: str, pair: tuple[str, str]
) -> None:
    """The side troops fight, serve or help is read through the lexicon's verbs: take the
    verb out and the side is no longer found."""
    assert pair in deployments(analyzer, text)
    assert pair not in deployments(without_word(analyzer, name, word), text)


@pytest.mark.slow
def test_flight_verbs_come_from_the_lexicon(analyzer: Analyzer) -> None:
    """Soldiers who fled into a state were not sent there, because 'flee' is a flight
    verb; without it the same sentence reads as a deployment."""
    text = "Hundreds of Laotian soldiers fled into Thailand after the rebels took their base."
    assert ("LAO", "THA") not in deployments(analyzer, text)
    assert ("LAO", "THA") in deployments(without_word(analyzer, "flight_verbs", "flee"), text)


def test_a_civil_topic_written_with_a_capital_is_reported(tmp_path: Path) -> None:
    path = triggers_with(tmp_path, civil_topics=["energy", "Trade"])
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, TriggerFile)
    assert "lexicon -> civil_topics -> 1 ('Trade')" in str(info.value)


def test_a_misspelt_civil_topic_guard_on_a_trigger_is_reported(tmp_path: Path) -> None:
    data = yaml.safe_load((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8"))
    index = next(i for i, t in enumerate(data["triggers"]) if t["lemma"] == "cooperation")
    data["triggers"][index]["excludes_civil_topics"] = True
    path = tmp_path / "triggers.yaml"
    path.write_text(yaml.safe_dump(data, allow_unicode=True), encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, TriggerFile)
    assert f"[triggers -> {index} -> excludes_civil_topics]" in "\n".join(info.value.errors)


@pytest.mark.slow
def test_civil_topics_come_from_the_lexicon(analyzer: Analyzer) -> None:
    """'tourism cooperation' is no military cooperation because 'tourism' is a civil
    topic; without it the same sentence reads as military cooperation."""
    text = "Senegal and Guinea agreed to expand their tourism cooperation."
    kinds = [
        {e.type for e in a.analyze(Article(text=text, published="2024-03-02")).events}
        for a in (analyzer, without_word(analyzer, "civil_topics", "tourism"))
    ]
    assert "military_cooperation" not in kinds[0]
    assert "military_cooperation" in kinds[1]
