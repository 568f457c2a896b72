"""The actor knowledge base (kb/data/actors.yaml with companies.yaml and outlets.yaml):
coverage, consistency, resolution."""

from __future__ import annotations

import re
from collections import defaultdict
from functools import lru_cache
from pathlib import Path

import pytest

from armswatch.errors import KnowledgeBaseError
from armswatch.kb import DATA_DIR, load_actors, load_yaml_model
from armswatch.kb.schema import ActorEntry, ActorFile

# ISO 3166-1 alpha-3 codes of the 193 UN member states, written out independently of the data.
UN_MEMBERS_TEXT = """
AFG ALB DZA AND AGO ATG ARG ARM AUS AUT AZE BHS BHR BGD BRB BLR BEL BLZ BEN BTN
BOL BIH BWA BRA BRN BGR BFA BDI CPV KHM CMR CAN CAF TCD CHL CHN COL COM COG COD
CRI CIV HRV CUB CYP CZE DNK DJI DMA DOM ECU EGY SLV GNQ ERI EST SWZ ETH FJI FIN
FRA GAB GMB GEO DEU GHA GRC GRD GTM GIN GNB GUY HTI HND HUN ISL IND IDN IRN IRQ
IRL ISR ITA JAM JPN JOR KAZ KEN KIR PRK KOR KWT KGZ LAO LVA LBN LSO LBR LBY LIE
LTU LUX MDG MWI MYS MDV MLI MLT MHL MRT MUS MEX FSM MDA MCO MNG MNE MAR MOZ MMR
NAM NRU NPL NLD NZL NIC NER NGA MKD NOR OMN PAK PLW PAN PNG PRY PER PHL POL PRT
QAT ROU RUS RWA KNA LCA VCT WSM SMR STP SAU SEN SRB SYC SLE SGP SVK SVN SLB SOM
ZAF SSD ESP LKA SDN SUR SWE CHE SYR TJK TZA THA TLS TGO TON TTO TUN TUR TKM TUV
UGA UKR ARE GBR USA URY UZB VUT VEN VNM YEM ZMB ZWE
"""
UN_MEMBERS = UN_MEMBERS_TEXT.split()
OTHER_STATES = ["VAT", "PSE", "TWN", "XKX"]

SLUG = re.compile(r"^[a-z][a-z0-9_]*$")
STATE_ID = re.compile(r"^[A-Z]{3}$")
ISO2 = re.compile(r"^[A-Z]{2}$")

# (surface form as written in news, expected evaluation key: country where set, else id)
RESOLUTION_CASES: list[tuple[str, str]] = [
    ("Moscow", "RUS"),
    ("the Kremlin", "RUS"),
    ("Putin", "RUS"),
    ("Vladimir Putin", "RUS"),
    ("Lavrov", "RUS"),
    ("Russian Federation", "RUS"),
    ("Pyongyang", "PRK"),
    ("Kim Jong Un", "PRK"),
    ("Kim", "PRK"),
    ("DPRK", "PRK"),
    ("the North", "PRK"),
    ("Tehran", "IRN"),
    ("IRGC", "IRN"),
    ("Islamic Republic of Iran", "IRN"),
    ("Washington", "USA"),
    ("the White House", "USA"),
    ("the Pentagon", "USA"),
    ("Blinken", "USA"),
    ("U.S.", "USA"),
    ("Seoul", "KOR"),
    ("ROK", "KOR"),
    ("the South", "KOR"),
    ("Kyiv", "UKR"),
    ("Kiev", "UKR"),
    ("Zelensky", "UKR"),
    ("Zelenskyy", "UKR"),
    ("Beijing", "CHN"),
    ("PRC", "CHN"),
    ("Taipei", "TWN"),
    ("TECRO", "TWN"),
    ("Republic of China", "TWN"),
    ("Britain", "GBR"),
    ("Downing Street", "GBR"),
    ("Türkiye", "TUR"),
    ("Ivory Coast", "CIV"),
    ("Jerusalem", "ISR"),
    ("Security Council", "un"),
    ("United Nations", "un"),
    ("NATO", "nato"),
    ("Brussels", "eu"),
    ("IAEA", "iaea"),
    ("MSMT", "msmt"),
    ("Wagner", "RUS"),
    ("Rosoboronexport", "RUS"),
    ("Alabuga", "RUS"),
    ("Donetsk People's Republic", "dpr"),
    ("LPR", "lpr"),
    ("Houthis", "houthis"),
    ("Ansar Allah", "houthis"),
    ("Hizballah", "hezbollah"),
    ("Islamic Resistance Movement", "hamas"),
    ("PIJ", "pij"),
    ("Kataib Hezbollah", "kataib_hezbollah"),
    ("Peshmerga", "peshmerga"),
    ("Kurdistan Regional Government", "peshmerga"),
    ("Popular Mobilization Forces", "iraqi_militias"),
    ("Iraqi militias", "iraqi_militias"),
    ("Rapid Support Forces", "rsf"),
    ("Sudanese Armed Forces", "SDN"),
    ("Burhan", "SDN"),
    ("Haftar", "lna"),
    ("al-Shabab", "al_shabaab"),
    ("ISIL", "isil"),
    ("ISWAP", "isil"),
    ("Daesh", "isil"),
    ("al-Qaeda", "al_qaida"),
    ("AQAP", "aqap"),
    ("JNIM", "jnim"),
    ("Taliban", "taliban"),
    ("Pakistani Taliban", "ttp"),
    ("March 23 Movement", "m23"),
    ("Allied Democratic Forces", "adf"),
    ("FDLR", "fdlr"),
    ("anti-balaka", "car_armed_groups"),
    ("Viv Ansanm", "viv_ansanm"),
    ("400 Mawozo", "haiti_gangs"),
    ("Sinaloa Cartel", "sinaloa_cartel"),
    ("CJNG", "cjng"),
    ("Tatmadaw", "MMR"),
    ("State Administration Council", "MMR"),
    ("People's Defence Force", "pdf"),
    ("Three Brotherhood Alliance", "myanmar_eaos"),
    ("PKK", "pkk"),
    ("YPG", "ypg"),
    ("Syrian Democratic Forces", "sdf"),
    ("Africa Corps", "RUS"),
    ("Ben Wallace", "GBR"),
    ("Ruto", "KEN"),
    ("Dbeibah", "LBY"),
    ("Sheinbaum", "MEX"),
    ("Tinubu", "NGA"),
    ("Kristersson", "SWE"),
    ("Pham Minh Chinh", "VNM"),
    ("Rashad al-Alimi", "YEM"),
    ("the West", "west"),
    ("The New York Times", "nyt"),
    ("The Times of London", "times"),
    ("Institute for the Study of War", "isw"),
]


@lru_cache(maxsize=1)
def actor_file() -> ActorFile:
    """actors.yaml with the companies and outlets appended, as the engine loads them."""
    return load_actors(DATA_DIR)


def actors() -> tuple[ActorEntry, ...]:
    return tuple(actor_file().actors)


def key(actor: ActorEntry) -> str:
    """The evaluation key: the country where set, else the id."""
    return actor.country or actor.id


def surface_forms(actor: ActorEntry) -> list[str]:
    """Every string that can name the actor (the matcher uses `name` too), people included."""
    forms = [actor.name, *actor.names, *actor.abbreviations, *actor.capitals, *actor.short]
    forms += [*actor.adjectives, *actor.demonyms]
    for person in actor.people:
        forms += [person.name, *person.aliases]
    return forms


def normalise(form: str) -> str:
    """Fold case and a leading article, so near-duplicates count as the same form."""
    folded = form.casefold()
    return folded.removeprefix("the ")


def surface_index() -> dict[str, set[str]]:
    """Surface form (as written) → evaluation keys of the actors it names."""
    index: dict[str, set[str]] = defaultdict(set)
    for actor in actors():
        for form in surface_forms(actor):
            index[form].add(key(actor))
    return index


def states() -> list[ActorEntry]:
    return [a for a in actors() if a.kind == "state"]


def test_ids_are_unique() -> None:
    ids = [a.id for a in actors()]
    assert len(ids) == len(set(ids)), sorted({i for i in ids if ids.count(i) > 1})


def test_at_least_197_states() -> None:
    assert len(states()) >= 197


def test_every_un_member_and_observer_is_present() -> None:
    assert len(set(UN_MEMBERS)) == 193
    present = {a.id for a in states()}
    assert set(UN_MEMBERS + OTHER_STATES) - present == set()


@pytest.mark.parametrize("actor", states(), ids=lambda a: a.id)
def test_state_is_complete(actor: ActorEntry) -> None:
    assert STATE_ID.match(actor.id)
    assert actor.country == actor.id
    assert actor.iso2 is not None and ISO2.match(actor.iso2)
    assert actor.names and actor.name in actor.names
    assert actor.adjectives, "needs at least one adjective"
    assert actor.capitals, "needs at least one capital"


def test_iso2_codes_are_unique() -> None:
    codes = [a.iso2 for a in states()]
    assert len(codes) == len(set(codes))


def test_non_state_ids_are_slugs() -> None:
    bad = [a.id for a in actors() if a.kind != "state" and not SLUG.match(a.id)]
    assert bad == []


def unresolved_clashes(data: ActorFile) -> dict[str, set[str]]:
    """Forms that name two entries and have no disambiguation rule covering them all."""
    owners: dict[str, set[str]] = defaultdict(set)
    for actor in data.actors:
        for form in surface_forms(actor):
            owners[normalise(form)].add(actor.id)
    ruled: dict[str, set[str]] = {}
    for rule in data.ambiguous:
        for form in rule.forms:
            ruled[normalise(form)] = {c.actor for c in rule.candidates}
    return {
        form: ids
        for form, ids in owners.items()
        if len(ids) > 1 and not ids <= ruled.get(form, set())
    }


def test_no_surface_form_names_two_actors_without_a_rule() -> None:
    assert unresolved_clashes(actor_file()) == {}


SHARED_ALIAS = """\
version: 1
actors:
  - {id: COD, name: Democratic Republic of the Congo, kind: state, country: COD, names: [Congo]}
  - {id: COG, name: Republic of the Congo, kind: state, country: COG, names: [Congo]}
"""
RULE = """\
ambiguous:
  - forms: [Congo]
    candidates: [{actor: COD, cues: [Kinshasa]}, {actor: COG, cues: [Brazzaville]}]
"""


def test_a_shared_alias_fails_until_a_rule_decides_it(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(SHARED_ALIAS, encoding="utf-8")
    assert unresolved_clashes(load_yaml_model(path, ActorFile)) == {"congo": {"COD", "COG"}}
    path.write_text(SHARED_ALIAS + RULE, encoding="utf-8")
    assert unresolved_clashes(load_yaml_model(path, ActorFile)) == {}


def test_disambiguation_rules_name_known_actors() -> None:
    ids = {a.id for a in actors()}
    for rule in actor_file().ambiguous:
        candidates = [c.actor for c in rule.candidates]
        assert set(candidates) <= ids, rule.forms
        assert rule.default is None or rule.default in candidates, rule.forms


def test_congo_alone_is_never_silently_the_drc() -> None:
    rule = next(r for r in actor_file().ambiguous if "Congo" in r.forms)
    assert {c.actor for c in rule.candidates} == {"COD", "COG"}
    assert rule.default is None
    assert "Congo" not in surface_index()


# Slugs of non-state groups that the sanctions rulebook matches embargoes on
# (../shared/sanctions/EMBARGOES.md, modelling notes; OUTPUT.md).
EMBARGO_GROUP_SLUGS = [
    "houthis", "hezbollah", "al_shabaab", "isil", "al_qaida", "aqap", "hts", "taliban",
    "rsf", "lna", "m23", "adf", "fdlr", "car_armed_groups", "haiti_gangs", "viv_ansanm",
]  # fmt: skip


@pytest.mark.parametrize("slug", EMBARGO_GROUP_SLUGS)
def test_embargo_group_slug_exists(slug: str) -> None:
    entry = next((a for a in actors() if a.id == slug), None)
    assert entry is not None and entry.kind == "armed_group" and entry.country is None
    assert entry.operates_in, "armed groups say where they operate"


def test_operating_areas_and_affiliations_are_known() -> None:
    ids = {a.id for a in actors()}
    bad = [
        (a.id, place)
        for a in actors()
        for place in [*a.operates_in, *a.affiliation]
        if place not in ids
    ]
    assert bad == []


def test_every_armed_group_says_where_it_operates() -> None:
    assert [a.id for a in actors() if a.kind == "armed_group" and not a.operates_in] == []


def test_abbreviations_are_upper_case() -> None:
    bad = [x for a in actors() for x in a.abbreviations if x != x.upper()]
    assert bad == []


def test_country_is_a_state_or_null() -> None:
    state_ids = {a.id for a in states()}
    bad = [a.id for a in actors() if a.country is not None and a.country not in state_ids]
    assert bad == []


def test_only_states_their_organs_and_companies_have_a_country() -> None:
    organs = {"state", "government", "military", "intelligence", "company"}
    bad = [a.id for a in actors() if a.country and a.kind not in organs]
    assert bad == []


def test_members_exist() -> None:
    ids = {a.id for a in actors()}
    missing = [(a.id, m) for a in actors() for m in a.members if m not in ids]
    assert missing == []


def test_people_are_leaders_or_officials() -> None:
    kinds = {p.kind for a in actors() for p in a.people}
    assert kinds <= {"leader", "official"}


def test_required_people_are_listed() -> None:
    for country in ["RUS", "USA", "PRK", "IRN", "UKR", "CHN", "KOR", "JPN", "GBR", "FRA"]:
        entry = next(a for a in actors() if a.id == country)
        assert len(entry.people) >= 5, country


@pytest.mark.parametrize(("form", "expected"), RESOLUTION_CASES)
def test_surface_form_resolves(form: str, expected: str) -> None:
    assert surface_index().get(form) == {expected}


@pytest.mark.parametrize("form", ["Korea", "Korean", "the Times", "CAR", "Lee", "Wang"])
def test_ambiguous_forms_are_unassigned(form: str) -> None:
    assert form not in surface_index()


MALFORMED = """\
version: 1
actors:
  - {id: RUS, name: Russia, kind: state, country: RUS}
  - {id: xx, name: Nowhere, kind: planet, country: null, colour: blue}
"""


def test_malformed_file_reports_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "actors.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, ActorFile)
    errors = "\n".join(info.value.errors)
    assert "[actors -> 1 -> kind]" in errors
    assert "[actors -> 1 -> colour]" in errors
    assert "actors -> 0" not in errors
