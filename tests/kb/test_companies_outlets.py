"""The company and outlet registries (kb/data/companies.yaml, kb/data/outlets.yaml)."""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import pytest

from armswatch.errors import KnowledgeBaseError
from armswatch.kb import DATA_DIR, load_actors, load_yaml_model
from armswatch.kb.schema import (
    SCHEMA_DIR,
    ActorEntry,
    Company,
    CompanyFile,
    Outlet,
    OutletFile,
    render_schema,
)


@lru_cache(maxsize=1)
def companies() -> tuple[Company, ...]:
    return tuple(load_yaml_model(DATA_DIR / "companies.yaml", CompanyFile).companies)


@lru_cache(maxsize=1)
def outlets() -> tuple[Outlet, ...]:
    return tuple(load_yaml_model(DATA_DIR / "outlets.yaml", OutletFile).outlets)


@lru_cache(maxsize=1)
def all_actors() -> tuple[ActorEntry, ...]:
    """Every actor entry as the engine loads them (actors, companies, outlets)."""
    return tuple(load_actors(DATA_DIR).actors)


@lru_cache(maxsize=1)
def states() -> frozenset[str]:
    return frozenset(a.id for a in all_actors() if a.kind == "state")


def resolve(form: str) -> set[str]:
    """Evaluation keys of the entries (all actor files) that list ``form``."""
    found = set()
    for actor in all_actors():
        if form in [actor.name, *actor.names, *actor.abbreviations]:
            found.add(actor.country or actor.id)
    return found


# Companies the issue names, as news writes them, with the state they are keyed to.
COMPANY_CASES = [
    ("Lockheed Martin", "USA"), ("RTX", "USA"), ("Raytheon", "USA"), ("Rheinmetall", "DEU"),
    ("KNDS Deutschland", "DEU"), ("KNDS France", "FRA"), ("Hanwha Aerospace", "KOR"),
    ("Hyundai Rotem", "KOR"), ("KAI", "KOR"), ("Baykar", "TUR"), ("Roketsan", "TUR"),
    ("Aselsan", "TUR"), ("Elbit Systems", "ISR"), ("IAI", "ISR"), ("Rafael", "ISR"),
    ("Norinco", "CHN"), ("AVIC", "CHN"), ("CASC", "CHN"), ("Rosoboronexport", "RUS"),
    ("Almaz-Antey", "RUS"), ("Kalashnikov Concern", "RUS"), ("Zala Aero", "RUS"),
    ("BAE Systems", "GBR"), ("Thales", "FRA"), ("Leonardo", "ITA"), ("Saab", "SWE"),
    ("Nammo", "NOR"), ("Patria", "FIN"), ("Embraer", "BRA"), ("HAL", "IND"), ("BEL", "IND"),
    ("BrahMos Aerospace", "IND"), ("EDGE Group", "ARE"), ("Denel", "ZAF"), ("Poongsan", "KOR"),
    ("Kongsberg", "NOR"), ("TUSAS", "TUR"), ("Turkish Aerospace Industries", "TUR"),
    ("Wagner Group", "RUS"), ("Ukroboronprom", "UKR"), ("Yugoimport SDPR", "SRB"),
]  # fmt: skip

# Outlet, wire, think-tank and monitor slugs named by the issue and OUTPUT.md.
OUTLET_SLUGS = [
    "reuters", "ap", "afp", "dpa", "bloomberg", "ft", "wsj", "nyt", "times", "washington_post",
    "guardian", "bbc", "cnn", "al_jazeera", "yonhap", "kyodo", "nikkei", "scmp", "tass", "ria",
    "kcna", "irna", "tasnim", "anadolu", "pti", "ani", "ukrinform", "defense_news", "janes",
    "sipri", "isw", "iiss", "csis", "rusi", "amnesty", "hrw",
]  # fmt: skip


def test_at_least_300_companies() -> None:
    assert len(companies()) >= 300


@pytest.mark.parametrize(("form", "key"), COMPANY_CASES)
def test_company_resolves_to_its_state(form: str, key: str) -> None:
    assert resolve(form) == {key}


def test_company_country_is_a_state_or_a_noted_multinational() -> None:
    bad = [
        c.id
        for c in companies()
        if (c.country is None and not c.note) or (c.country and c.country not in states())
    ]
    assert bad == []


def test_company_parents_are_companies() -> None:
    ids = {c.id for c in companies()}
    assert [(c.id, c.parent) for c in companies() if c.parent and c.parent not in ids] == []


def test_companies_load_as_company_actors() -> None:
    entries = {a.id: a for a in all_actors()}
    assert all(entries[c.id].kind == "company" for c in companies())


@pytest.mark.parametrize("slug", OUTLET_SLUGS)
def test_outlet_slug_is_listed(slug: str) -> None:
    assert slug in {o.id for o in outlets()}


def test_outlets_are_media_with_no_country() -> None:
    entries = {a.id: a for a in all_actors()}
    bad = [o.id for o in outlets() if entries[o.id].kind != "media" or entries[o.id].country]
    assert bad == []


def test_outlet_home_is_a_state() -> None:
    assert [o.id for o in outlets() if o.based_in and o.based_in not in states()] == []


@pytest.mark.parametrize("name", ["actors", "companies", "outlets", "weapons", "triggers"])
def test_actor_schemas_are_current(name: str) -> None:
    current = (SCHEMA_DIR / f"{name}.schema.json").read_text(encoding="utf-8")
    assert current == render_schema(name), "run: python -m armswatch.kb.schema"


MALFORMED = """\
version: 1
companies:
  - {id: acme, name: Acme Arms, country: USA}
  - {id: bad, name: Bad Arms, country: USA, colour: red}
  - {id: worse, name: Worse Arms}
"""


def test_malformed_company_names_the_entry_and_field(tmp_path: Path) -> None:
    path = tmp_path / "companies.yaml"
    path.write_text(MALFORMED, encoding="utf-8")
    with pytest.raises(KnowledgeBaseError) as info:
        load_yaml_model(path, CompanyFile)
    errors = "\n".join(info.value.errors)
    assert "[companies -> 1 -> colour]" in errors
    assert "[companies -> 2 -> country]" in errors
    assert "companies -> 0" not in errors
