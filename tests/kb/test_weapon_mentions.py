"""Weapon mentions in running text (``nlp/mentions.py`` over ``kb/data/weapons.yaml``).

Sub-variants map to their family, names that are ordinary words need a military
context, a shared designation takes the sense its neighbours select, plurals and
enumerations give one mention per system, and a system followed by its generic noun is
one mention that carries the noun's number.
"""

from __future__ import annotations

import pytest
from spacy.tokens import Doc

from armswatch.extract.quantity import QuantityReader
from armswatch.model import Article
from armswatch.nlp.mentions import WeaponMention
from armswatch.pipeline import Analyzer

pytestmark = pytest.mark.slow


def weapons_in(analyzer: Analyzer, text: str) -> list[WeaponMention]:
    doc: Doc = analyzer.nlp(text)
    return list(doc._.aw_weapons or [])


def systems_in(analyzer: Analyzer, text: str) -> list[str | None]:
    return [m.weapon.system for m in weapons_in(analyzer, text)]


@pytest.mark.parametrize(
    ("text", "family"),
    [
        ("Russia delivered 20 Mi-8AMT helicopters to Kazakhstan.", "Mi-8"),
        ("Russia agreed to sell 14 Su-30SME jets to Myanmar.", "Su-30"),
        ("Algeria received T-90SK command tanks from Russia.", "T-90"),
        ("Russia upgraded its T-72B3M tanks.", "T-72"),
        ("Slovakia handed over S-300PMU-2 launchers.", "S-300"),
        ("Kazakhstan ordered Mi-17V-5 helicopters.", "Mi-17"),
        ("Germany will deliver Leopard 2A8 tanks to Lithuania.", "Leopard 2"),
    ],
)
def test_sub_variant_maps_to_its_family(analyzer: Analyzer, text: str, family: str) -> None:
    assert family in systems_in(analyzer, text)


def test_variant_code_must_start_with_a_letter(analyzer: Analyzer) -> None:
    """'Su-300' is no Su-30 variant, 'Mi-80' no Mi-8."""
    assert systems_in(analyzer, "Neither the Su-300 nor the Mi-80 exists.") == []


@pytest.mark.parametrize(
    ("text", "system"),
    [
        ("Latvia supplied Spartan vehicles to Ukraine.", "FV103 Spartan"),
        ("Britain sent Cougar vehicles to Kyiv.", "Cougar MRAP"),
        ("Australia supplied 90 Bushmaster to Ukraine.", "Bushmaster PMV"),
        ("Latvia delivered Penguin drones to Ukraine.", "Penguin C"),
        ("Germany delivered a Patriot battery to Ukraine.", "Patriot"),
        ("The United States supplied Patriot to Poland.", "Patriot"),
    ],
)
def test_ordinary_word_names_count_in_military_context(
    analyzer: Analyzer, text: str, system: str
) -> None:
    assert system in systems_in(analyzer, text)


@pytest.mark.parametrize(
    "text",
    [
        "The Spartan Race attracted thousands of runners in Sparta.",
        "A cougar was seen near the ranch.",
        "He called himself a true patriot at the rally.",
        "Bushmaster is the name of a snake.",
        "Penguin Random House published the memoir.",
        "China opposes arms sales to the island.",
    ],
)
def test_ordinary_word_names_are_no_weapons_elsewhere(analyzer: Analyzer, text: str) -> None:
    named = [m for m in weapons_in(analyzer, text) if m.weapon.system is not None]
    assert named == []


def test_d30_engine_is_not_the_howitzer(analyzer: Analyzer) -> None:
    engine = "Ukraine sold D-30 jet engines for the Il-76 to China."
    howitzer = "Russia supplied D-30 howitzers to Mali."
    bare = "Russia supplied 12 D-30 to Mali."
    assert "D-30 engine" in systems_in(analyzer, engine)
    assert "D-30" not in systems_in(analyzer, engine)
    assert systems_in(analyzer, howitzer) == ["D-30"]
    assert systems_in(analyzer, bare) == ["D-30"]


def test_enumerated_plurals_give_one_mention_each(analyzer: Analyzer) -> None:
    mentions = weapons_in(analyzer, "The US supplied F-16s, Mirages and Gripens to Ukraine.")
    assert [(m.span.text, m.weapon.system, m.weapon.category) for m in mentions] == [
        ("F-16s", "F-16", "aircraft"),
        ("Mirages", "Mirage 2000", "aircraft"),
        ("Gripens", "Gripen", "aircraft"),
    ]


def test_coordinated_systems_give_one_mention_each(analyzer: Analyzer) -> None:
    text = "Iran supplied Shahed-131 and Shahed-136 drones to Russia."
    assert systems_in(analyzer, text) == ["Shahed-131", "Shahed-136"]


def test_system_and_its_generic_noun_are_one_mention_with_the_number(
    analyzer: Analyzer,
) -> None:
    (mention,) = weapons_in(analyzer, "Iran supplied 100 Shahed-131 one-way attack drones.")
    assert mention.weapon.system == "Shahed-131"
    assert mention.span.text == "Shahed-131 one-way attack drones"
    quantity = QuantityReader(analyzer.kb.triggers.lexicon.quantity_words).read(mention.span)
    assert quantity is not None and quantity.min == 100


def test_system_before_ammunition_stays_apart(analyzer: Analyzer) -> None:
    """'HIMARS rockets': the rockets are the item; HIMARS names whose rounds they are, so
    it is ammunition too (weapons.yaml ``munitions_of``), not the launcher."""
    mentions = weapons_in(analyzer, "The US sent HIMARS rockets to Ukraine.")
    assert [(m.weapon.category, m.weapon.system) for m in mentions] == [
        ("ammunition", "HIMARS"),
        ("ammunition", None),
    ]


@pytest.mark.parametrize(
    ("text", "system", "number"),
    [
        ("Iran supplied 100 Shahed-131 to Russia.", "Shahed-131", 100),
        ("The United States supplied 12 Switchblade-600 to Ukraine.", "Switchblade", 12),
    ],
)
def test_designation_after_a_number_gives_a_transfer(
    analyzer: Analyzer, text: str, system: str, number: int
) -> None:
    """The parser reads '100' as the object and the designation as punctuation; the
    mention component gives the designation the object's place and the number."""
    analysis = analyzer.analyze(Article(text=text, published="2024-06-01"))
    items = [i for e in analysis.events if e.type == "arms_transfer" for i in e.items]
    assert [(i.system, i.quantity.min if i.quantity else None) for i in items] == [(system, number)]


@pytest.mark.parametrize(
    ("text", "expected"),
    [
        (
            "Iran has sent 100 Shahed-131 and 200 Shahed-136 drones to Russia.",
            {("Shahed-131", 100), ("Shahed-136", 200)},
        ),
        (
            "Iran supplied Shahed-131, Shahed-136 and Mohajer-6 drones to Russia.",
            {("Shahed-131", None), ("Shahed-136", None), ("Mohajer-6", None)},
        ),
        (
            "Russia delivered 12 Su-30SME, 20 Mi-8AMT helicopters and 30 T-90SK tanks to Algeria.",
            {("Su-30", 12), ("Mi-8", 20), ("T-90", 30)},
        ),
    ],
)
def test_coordinated_systems_are_all_items_of_the_transfer(
    analyzer: Analyzer, text: str, expected: set[tuple[str, int | None]]
) -> None:
    """The parser hangs the last conjunct off the verb; the mention component makes it a
    conjunct of the first system, so every system is an item with its own number."""
    analysis = analyzer.analyze(Article(text=text, published="2024-06-01"))
    items = {
        (i.system, int(i.quantity.min) if i.quantity and i.quantity.min else None)
        for e in analysis.events
        if e.type == "arms_transfer"
        for i in e.items
    }
    assert items == expected
