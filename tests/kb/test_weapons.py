"""The weapon gazetteer (``kb/data/weapons.yaml``): schema, uniqueness, aliases, coverage."""

from __future__ import annotations

import csv
import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from armswatch.errors import KnowledgeBaseError
from armswatch.kb import DATA_DIR, load_kb, load_yaml_model
from armswatch.kb.schema import WeaponFile
from armswatch.model import CATEGORIES, GENERIC_CATEGORY
from armswatch.nlp.gazetteer import weapon_families, weapon_surface_forms

SHARED = Path(__file__).resolve().parents[2].parent / "shared"
SIPRI_CSV = SHARED / "reference" / "sipri" / "subset_RU_IR_KP_BY_UA_orders_2014plus.csv"


@lru_cache(maxsize=1)
def weapons() -> WeaponFile:
    return load_yaml_model(DATA_DIR / "weapons.yaml", WeaponFile)


def surface_forms() -> dict[str, list[str]]:
    """Case-folded surface form (name or alias) -> canonical names of the systems using it."""
    owners: dict[str, list[str]] = defaultdict(list)
    for system in weapons().systems:
        for form in {f.casefold() for f in (system.name, *system.aliases)}:
            owners[form].append(system.name)
    return owners


def lookup(surface: str) -> tuple[str, str]:
    """(canonical name, category) of the system ``surface`` names."""
    (name,) = surface_forms()[surface.casefold()]
    system = next(s for s in weapons().systems if s.name == name)
    return system.name, system.category


def generic_terms() -> dict[str, str]:
    return {term: g.category for g in weapons().generics for term in g.terms}


def test_loads_with_enough_systems() -> None:
    assert len(weapons().systems) >= 300


def test_system_names_unique() -> None:
    names = [s.name for s in weapons().systems]
    assert len(names) == len(set(names))


def test_no_surface_form_shared_by_two_systems() -> None:
    shared = {form: owners for form, owners in surface_forms().items() if len(owners) > 1}
    assert shared == {}


def test_no_surface_form_shared_ignoring_spaces_and_hyphens() -> None:
    """'Tor M1' and 'Tor-M1' must not lead to two different systems."""
    owners: dict[str, set[str]] = defaultdict(set)
    for system in weapons().systems:
        for form in (system.name, *system.aliases):
            owners[re.sub(r"[\s-]+", "", form.casefold())].add(system.name)
    assert {k: v for k, v in owners.items() if len(v) > 1} == {}


def test_no_alias_repeated_within_a_system() -> None:
    repeated = {}
    for system in weapons().systems:
        forms = [f.casefold() for f in (system.name, *system.aliases)]
        if len(forms) != len(set(forms)):
            repeated[system.name] = sorted({f for f in forms if forms.count(f) > 1})
    assert repeated == {}


def test_surface_forms_are_trimmed_and_non_trivial() -> None:
    """No padding, nothing shorter than three characters ("K9" is also the police dog)."""
    bad = [
        form
        for system in weapons().systems
        for form in (system.name, *system.aliases)
        if form != form.strip() or "  " in form or len(form) < 3
    ]
    assert bad == []


def test_generic_terms_unique_lower_case_and_not_system_forms() -> None:
    seen: dict[str, int] = defaultdict(int)
    for generic in weapons().generics:
        for term in generic.terms:
            seen[term.casefold()] += 1
            assert term == term.lower(), term
            assert term == term.strip() and term, repr(term)
    assert {t: n for t, n in seen.items() if n > 1} == {}
    clashes = sorted(set(seen) & set(surface_forms()))
    assert clashes == []


@pytest.mark.parametrize("category", [c for c in CATEGORIES if c != GENERIC_CATEGORY])
def test_every_category_has_a_generic(category: str) -> None:
    assert category in {g.category for g in weapons().generics}


def test_every_category_valid() -> None:
    for system in weapons().systems:
        assert system.category in CATEGORIES, system.name
    for generic in weapons().generics:
        assert generic.category in CATEGORIES, generic.terms


def test_origins_are_iso_alpha3() -> None:
    bad = {
        s.name: s.origin
        for s in weapons().systems
        if s.origin is None or not re.fullmatch(r"[A-Z]{3}", s.origin)
    }
    assert bad == {}


def test_every_system_has_a_description() -> None:
    assert [s.name for s in weapons().systems if not s.description] == []


# Surface forms are matched case-insensitively (nlp/gazetteer.py), so ordinary English
# words, personal and place names, and names shared by several systems are never a
# plain surface form on their own (some are `context_aliases`: matched as spelled and
# only in a military context).
UNSAFE_WORDS = [
    "Tor", "Storm", "Orion", "Kub", "Bayraktar", "Abrams", "Bradley", "Archer", "Spike",
    "Milan", "Quds", "Saqr", "Sayyad", "Typhoon", "Puma", "Cobra", "Hawk", "Arrow", "Leopard",
    "Hind", "Havoc", "Backfire", "Fulcrum", "Tiger", "Titan", "Eagle", "Island", "Guardian",
    "Mamba", "Spartan", "Avenger", "Jericho", "Kozak", "Heron", "Club", "Shield", "Thunder",
    "Apache", "Chinook", "Boxer", "Dingo", "Viking", "Sparrow", "Bushmaster", "Cougar",
    "Senator", "Penguin", "Phoenix", "Ghost", "Lightning", "Falcon", "Tamir", "Akash", "Tejas",
    "Anka", "Akinci", "Zuzana", "Dana", "Caesar", "Hammer", "Sentinel", "Harm", "Tow", "Scalp",
    "Arthur", "Vampire", "Dita", "Spyder", "Lora", "Onyx", "Stunner", "Rodong", "Blackhawks",
    "CH4", "X-59", "M30", "M101", "K9", "F-7", "AT-4", "M1", "M2", "M4", "K2", "S-70", "Osa",
    "Bastion", "Metis", "Talwar", "Type 63", "Kalashnikov",
]  # fmt: skip


@pytest.mark.parametrize("word", UNSAFE_WORDS)
def test_unsafe_word_is_not_a_surface_form(word: str) -> None:
    assert surface_forms().get(word.casefold(), []) == []


@pytest.mark.parametrize(
    ("surface", "name", "category"),
    [
        ("Geran-2", "Shahed-136", "uav"),
        ("Geran 2", "Shahed-136", "uav"),
        ("Shahed 136", "Shahed-136", "uav"),
        ("shahed136", "Shahed-136", "uav"),
        ("Shahed-series", "Shahed-136", "uav"),
        ("Kochevnik", "Shahed-136", "uav"),
        ("Geran-1", "Shahed-131", "uav"),
        ("Geran-3", "Shahed-238", "uav"),
        ("Mohajer 6", "Mohajer-6", "uav"),
        ("Hwasong-11", "KN-23", "missile"),
        ("Hwasong-11Ga", "KN-23", "missile"),
        ("KN-23", "KN-23", "missile"),
        ("Hwasong-11B", "KN-24", "missile"),
        ("M-1978 170mm", "Koksan", "artillery"),
        ("M1989", "Koksan", "artillery"),
        ("170mm guns", "Koksan", "artillery"),
        ("240mm multiple rocket launchers", "M1991 MRL", "artillery"),
        ("Fateh-360", "Fath-360", "missile"),
        ("Fateh 360", "Fath-360", "missile"),
        ("Fath-360", "Fath-360", "missile"),
        ("Fateh-110", "Fateh-110", "missile"),
        ("Burkan-2H", "Qiam-1", "missile"),
        ("HIMARS", "HIMARS", "artillery"),
        ("M142 HIMARS", "HIMARS", "artillery"),
        ("M270", "M270", "artillery"),
        ("M777", "M777", "artillery"),
        ("Iskander-M", "Iskander-M", "missile"),
        ("Iskander", "Iskander-M", "missile"),
        ("9M723", "Iskander-M", "missile"),
        ("Kinzhal", "Kinzhal", "missile"),
        ("Tsirkon", "Zircon", "missile"),
        ("Kh-101", "Kh-101", "missile"),
        ("Kalibr", "Kalibr", "missile"),
        ("S-400", "S-400", "air_defence"),
        ("S-300PMU-2", "S-300", "air_defence"),
        ("Pantsyr-S1", "Pantsir", "air_defence"),
        ("Tor-M1", "Tor-M2", "air_defence"),
        ("Buk-M2", "Buk", "air_defence"),
        ("Patriot", "Patriot", "air_defence"),
        ("PAC-3", "Patriot", "air_defence"),
        ("NASAMS", "NASAMS", "air_defence"),
        ("IRIS-T", "IRIS-T SLM", "air_defence"),
        ("Stinger", "Stinger", "air_defence"),
        ("Grad", "BM-21 Grad", "artillery"),
        ("Leopard 2", "Leopard 2", "armoured_vehicle"),
        ("Leopard 2A6", "Leopard 2", "armoured_vehicle"),
        ("Leopard 1A5", "Leopard 1", "armoured_vehicle"),
        ("Challenger 2", "Challenger 2", "armoured_vehicle"),
        ("Bradley fighting vehicles", "M2 Bradley", "armoured_vehicle"),
        ("T-72B3", "T-72", "armoured_vehicle"),
        ("F-16", "F-16", "aircraft"),
        ("Su-35", "Su-35", "aircraft"),
        ("Ka-52", "Ka-52", "helicopter"),
        ("Mi-8", "Mi-8", "helicopter"),
        ("Javelin", "Javelin", "missile"),
        ("FGM-148 Javelin", "Javelin", "missile"),
        ("NLAW", "NLAW", "missile"),
        ("ATACMS", "ATACMS", "missile"),
        ("Storm Shadow", "Storm Shadow", "missile"),
        ("SCALP-EG", "Storm Shadow", "missile"),
        ("Taurus", "Taurus", "missile"),
        ("Neptune", "Neptune", "missile"),
        ("Bayraktar TB2", "Bayraktar TB2", "uav"),
        ("TB2", "Bayraktar TB2", "uav"),
        ("Lancet", "Lancet", "uav"),
        ("Orlan-10", "Orlan-10", "uav"),
        ("Switchblade 600", "Switchblade", "uav"),
        ("Phoenix Ghost", "Phoenix Ghost", "uav"),
        ("K9 Thunder", "K9 Thunder", "artillery"),
        ("Homar-K", "K239 Chunmoo", "artillery"),
        ("FA-50", "FA-50", "aircraft"),
        ("HQ-9", "HQ-9", "air_defence"),
        ("Wing Loong II", "Wing Loong", "uav"),
        ("BrahMos", "BrahMos", "missile"),
        ("GMLRS", "GMLRS", "ammunition"),
        ("Excalibur", "M982 Excalibur", "ammunition"),
        ("MILAN missiles", "MILAN anti-tank missile", "missile"),
        ("Mistral-class", "Mistral-class ship", "naval"),
        ("Kometa", "Kometa antenna", "components"),
        ("AK-47", "AK-47", "small_arms"),
    ],
)
def test_alias_resolves(surface: str, name: str, category: str) -> None:
    assert lookup(surface) == (name, category)


@pytest.mark.parametrize(
    ("term", "category"),
    [
        ("artillery shells", "ammunition"),
        ("shells", "ammunition"),
        ("152mm shells", "ammunition"),
        ("152 mm shells", "ammunition"),
        ("122mm rockets", "ammunition"),
        ("rockets", "ammunition"),
        ("mortar rounds", "ammunition"),
        ("cluster munitions", "ammunition"),
        ("munitions", "ammunition"),
        ("howitzers", "artillery"),
        ("guns", "artillery"),
        ("firearms", "small_arms"),
        ("multiple rocket launchers", "artillery"),
        ("mrls", "artillery"),
        ("missiles", "missile"),
        ("short-range ballistic missiles", "missile"),
        ("anti-tank missiles", "missile"),
        ("drones", "uav"),
        ("one-way attack drones", "uav"),
        ("loitering munitions", "uav"),
        ("fighter jets", "aircraft"),
        ("attack helicopters", "helicopter"),
        ("tanks", "armoured_vehicle"),
        ("infantry fighting vehicles", "armoured_vehicle"),
        ("air defense systems", "air_defence"),
        ("air defence systems", "air_defence"),
        ("interceptors", "air_defence"),
        ("anti-aircraft artillery", "air_defence"),
        ("warships", "naval"),
        ("rifles", "small_arms"),
        ("rocket-propelled grenades", "ammunition"),  # the rounds (OUTPUT.md: rockets)
        ("rocket-propelled grenade launchers", "small_arms"),  # their launchers
        ("machine tools", "components"),
        ("dual-use goods", "components"),
        ("military technology", "components"),
        ("weapons", "military_equipment"),
        ("arms", "military_equipment"),
        ("lethal aid", "military_equipment"),
    ],
)
def test_generic_resolves(term: str, category: str) -> None:
    assert generic_terms()[term] == category


# SIPRI designations that are deliberately not surface forms (unsafe in running text),
# with the system that covers them.
SIPRI_UNSAFE = {
    "Quds": "Quds-1",  # bare "Quds" is the Quds Force / al-Quds
    "Saqr": "358 missile",  # bare "Saqr" is a common Gulf personal name
}
# SIPRI weapon_description fragment -> expected category (first match wins).
SIPRI_DESCRIPTION_CATEGORY = [
    ("UAV", "uav"),
    ("drone", "uav"),
    ("SAM", "air_defence"),
    ("missile boat", "naval"),
    ("missile", "missile"),
    ("aircraft", "aircraft"),
    ("rocket launcher", "artillery"),
    ("gun", "artillery"),
]


def sipri_rows() -> list[dict[str, str]]:
    if not SIPRI_CSV.is_file():
        pytest.skip(f"../shared not found: {SIPRI_CSV} is missing (SIPRI reference subset)")
    with SIPRI_CSV.open(encoding="utf-8", newline="") as handle:
        return list(csv.DictReader(handle))


def test_sipri_iran_and_north_korea_designations_covered() -> None:
    rows = [r for r in sipri_rows() if r["supplier"] in {"Iran", "North Korea"}]
    assert rows, "no Iranian or North Korean supplier rows in the SIPRI subset"
    names = {s.name: s for s in weapons().systems}
    forms = surface_forms()
    missing, wrong_category = [], []
    for row in rows:
        designation = row["weapon_designation"]
        if designation in SIPRI_UNSAFE:
            system = names.get(SIPRI_UNSAFE[designation])
        elif designation.casefold() in forms:
            system = names[forms[designation.casefold()][0]]
        else:
            system = None
        if system is None:
            missing.append(designation)
            continue
        expected = next(
            (cat for frag, cat in SIPRI_DESCRIPTION_CATEGORY if frag in row["weapon_description"]),
            None,
        )
        if expected is not None and system.category != expected:
            wrong_category.append((designation, system.category, expected))
    assert missing == []
    assert wrong_category == []


def test_sipri_unsafe_designations_are_not_surface_forms() -> None:
    forms = surface_forms()
    assert [d for d in SIPRI_UNSAFE if d.casefold() in forms] == []


def test_malformed_file_raises_knowledge_base_error(tmp_path: Path) -> None:
    bad = tmp_path / "weapons.yaml"
    bad.write_text(
        "version: 1\n"
        "systems:\n"
        "  - name: Shahed-136\n"
        "    category: uav\n"
        "  - name: Bogus-1\n"
        "    category: laser_sword\n"
        "generics: []\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(bad, WeaponFile)
    error = info.value
    assert error.code == "AW010"
    assert "weapons.yaml" in str(error)
    assert "[systems -> 1 -> category]" in str(error)
    assert any("systems -> 1 -> category" in line for line in error.errors)


def test_unknown_key_raises_knowledge_base_error(tmp_path: Path) -> None:
    bad = tmp_path / "weapons.yaml"
    bad.write_text(
        "version: 1\n"
        "systems:\n"
        "  - name: Shahed-136\n"
        "    category: uav\n"
        "    range_km: 2500\n"
        "generics: []\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"systems -> 0 -> range_km"):
        load_yaml_model(bad, WeaponFile)


def test_context_alias_that_is_also_an_alias_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "weapons.yaml"
    bad.write_text(
        "version: 1\n"
        "systems:\n"
        "  - name: FV103 Spartan\n"
        "    aliases: [Spartan]\n"
        "    context_aliases: [Spartan]\n"
        "    category: armoured_vehicle\n"
        "generics: []\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"systems -> 0\].*FV103 Spartan.*spartan"):
        load_yaml_model(bad, WeaponFile)


def test_other_sense_naming_no_system_names_the_entry(tmp_path: Path) -> None:
    bad = tmp_path / "weapons.yaml"
    bad.write_text(
        "version: 1\n"
        "systems:\n"
        "  - name: D-30\n"
        "    category: artillery\n"
        "    other_senses:\n"
        "      - {words: [engine], system: D-30 turbofan}\n"
        "generics: []\n",
        encoding="utf-8",
    )
    with pytest.raises(KnowledgeBaseError, match=r"systems -> 0 \(D-30\).*'D-30 turbofan'"):
        load_yaml_model(bad, WeaponFile)


def test_context_aliases_are_written_as_names() -> None:
    """Context-only names match only as spelled ('Island', not 'the island'), so they
    start with a capital or a digit."""
    bad = [
        alias
        for system in weapons().systems
        for alias in system.context_aliases
        if not (alias[0].isupper() or alias[0].isdigit())
    ]
    assert bad == []


@pytest.mark.parametrize(
    ("word", "name"),
    [
        ("Spartan", "FV103 Spartan"),
        ("Cougar", "Cougar MRAP"),
        ("Bushmaster", "Bushmaster PMV"),
        ("Penguin", "Penguin C"),
        ("Patriot", "Patriot"),
        ("Mirage", "Mirage 2000"),
        ("Island", "Island-class patrol boat"),
        ("MILAN", "MILAN anti-tank missile"),
    ],
)
def test_ordinary_word_names_are_context_only(word: str, name: str) -> None:
    forms = weapon_surface_forms(load_kb())
    form = forms[word.lower()]
    assert (form.system, form.needs_context, form.spelling) == (name, True, word)


def test_plurals_are_derived() -> None:
    forms = weapon_surface_forms(load_kb())
    assert (forms["f-16s"].system, forms["f-16s"].needs_context) == ("F-16", False)
    assert (forms["rafales"].system, forms["rafales"].spelling) == ("Rafale", "Rafales")
    assert (forms["mirages"].system, forms["mirages"].spelling) == ("Mirage 2000", "Mirages")
    assert forms["spartans"].needs_context
    assert "himarss" not in forms


def test_families_are_plain_designations_ending_in_a_digit() -> None:
    families = weapon_families(weapon_surface_forms(load_kb()))
    assert {"su-30", "mi-8", "t-90", "leopard 2", "s-300"} <= families.keys()
    assert "spartan" not in families and "shells" not in families


def test_d30_has_an_engine_sense() -> None:
    systems = {s.name: s for s in weapons().systems}
    (sense,) = systems["D-30"].other_senses
    assert "engine" in sense.words
    assert systems[sense.system].category == "components"
