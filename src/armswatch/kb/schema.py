"""Schemas of the knowledge-base data files (``kb/data/*.yaml``).

The YAML files are validated into these typed objects when loaded; the JSON Schemas in
``kb/schema/*.json`` are generated from them (``python -m armswatch.kb.schema``) and a
test checks they are current. The models are declared per kind of file, in
``schema_actors`` (actors, companies, outlets), ``schema_weapons``, ``schema_triggers``
and ``schema_lexicon``; this module names each file's schema.
"""

from __future__ import annotations

import json
from pathlib import Path

from pydantic import BaseModel

from armswatch.kb.schema_actors import (
    ActorEntry,
    ActorFile,
    AmbiguousForm,
    Candidate,
    Company,
    CompanyFile,
    Outlet,
    OutletFile,
    OutletType,
    Person,
)
from armswatch.kb.schema_entry import Entry
from armswatch.kb.schema_lexicon import WORD_LISTS, Lexicon
from armswatch.kb.schema_triggers import Frame, Role, Trigger, TriggerFile
from armswatch.kb.schema_weapons import GenericWeapon, OtherSense, WeaponFile, WeaponSystem

__all__ = [
    "SCHEMAS",
    "SCHEMA_DIR",
    "WORD_LISTS",
    "ActorEntry",
    "ActorFile",
    "AmbiguousForm",
    "Candidate",
    "Company",
    "CompanyFile",
    "Entry",
    "Frame",
    "GenericWeapon",
    "Lexicon",
    "OtherSense",
    "Outlet",
    "OutletFile",
    "OutletType",
    "Person",
    "Role",
    "Trigger",
    "TriggerFile",
    "WeaponFile",
    "WeaponSystem",
    "render_schema",
    "write_schemas",
]


SCHEMAS: dict[str, type[BaseModel]] = {
    "actors": ActorFile,
    "companies": CompanyFile,
    "outlets": OutletFile,
    "weapons": WeaponFile,
    "triggers": TriggerFile,
}
SCHEMA_DIR = Path(__file__).parent / "schema"


def render_schema(name: str) -> str:
    """The JSON Schema text for the data file ``name``."""
    return json.dumps(SCHEMAS[name].model_json_schema(), indent=2, sort_keys=True) + "\n"


def write_schemas() -> None:
    for name in SCHEMAS:
        (SCHEMA_DIR / f"{name}.schema.json").write_text(render_schema(name), encoding="utf-8")


if __name__ == "__main__":
    write_schemas()
