"""The slot registry: every slot function finds the heads its own example cases name, and
an unknown slot name in a trigger file is a load error naming the trigger."""

from __future__ import annotations

from pathlib import Path

import pytest
import yaml

from armswatch.errors import KnowledgeBaseError
from armswatch.extract import slots
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import MentionIndex
from armswatch.kb import DATA_DIR, load_kb_from
from armswatch.pipeline import Analyzer

CASES = [
    pytest.param(name, case, id=f"{name}: {case.text}")
    for name, registered in sorted(slots.SLOTS.items())
    for case in registered.cases
]


@pytest.mark.slow
@pytest.mark.parametrize(("name", "case"), CASES)
def test_slot_finds_the_actors_of_its_cases(
    analyzer: Analyzer, name: str, case: slots.SlotCase
) -> None:
    doc = analyzer.nlp(case.text)
    filler = RoleFiller.of_lexicon(MentionIndex.of(doc), analyzer.kb.triggers.lexicon, {})
    filler.doc = doc
    trigger = next(t for t in doc if t.lemma_.lower() == case.lemma and t.pos_ == case.pos)
    heads = slots.SLOTS[name](filler, trigger, case.argument)
    found = [actor.key for head in heads for actor in filler.actors_at(head)]
    assert tuple(dict.fromkeys(found)) == case.actors


def test_every_slot_documents_itself() -> None:
    for name, registered in slots.SLOTS.items():
        assert registered.doc, f"slot {name} has no docstring"


def test_family_slots_take_their_argument() -> None:
    found = slots.lookup("prep:from")
    assert found is not None and found[0].name == "prep:*" and found[1] == "from"
    assert slots.lookup("prep:") is None
    assert slots.lookup("object") is None


def test_unknown_slot_is_a_load_error_naming_the_trigger(tmp_path: Path) -> None:
    for name in ("actors.yaml", "companies.yaml", "outlets.yaml", "weapons.yaml"):
        (tmp_path / name).write_text((DATA_DIR / name).read_text(encoding="utf-8"))
    triggers = yaml.safe_load((DATA_DIR / "triggers.yaml").read_text(encoding="utf-8"))
    triggers["triggers"].append(
        {"lemma": "bestow", "type": "arms_transfer", "frame": {"recipient": "target"}}
    )
    (tmp_path / "triggers.yaml").write_text(yaml.safe_dump(triggers), encoding="utf-8")
    with pytest.raises(
        KnowledgeBaseError, match=r"\(bestow, arms_transfer\): unknown slot 'recipient'"
    ):
        load_kb_from(tmp_path)
