"""The knowledge base: actors, weapons and triggers, loaded from versioned YAML data.

``load_kb()`` validates every file against its schema (``kb/schema.py``) and reports
*every* problem with its location, e.g. ``[actors -> 12 -> kind] Input should be ...``.
"""

from __future__ import annotations

from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import TypeVar

import yaml
from pydantic import BaseModel, ValidationError

from armswatch import model
from armswatch.errors import KnowledgeBaseError
from armswatch.kb import schema
from armswatch.kb.cache import cached, digest
from armswatch.kb.schema import ActorFile, CompanyFile, OutletFile, TriggerFile, WeaponFile

DATA_DIR = Path(__file__).parent / "data"
M = TypeVar("M", bound=BaseModel)
SAFE_LOADER = getattr(yaml, "CSafeLoader", yaml.SafeLoader)  # libyaml when available: ~10× faster


def format_validation_error(source: str, error: ValidationError) -> list[str]:
    """One line per problem: ``source: [loc -> loc] message``."""
    lines = []
    for problem in error.errors():
        loc = " -> ".join(str(part) for part in problem["loc"])
        lines.append(f"{source}: [{loc}] {problem['msg']}")
    return lines


def load_yaml_model(path: Path, model: type[M]) -> M:
    """Read ``path`` and validate it as ``model``; raise KnowledgeBaseError listing all errors."""
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise KnowledgeBaseError(f"{path}: cannot read: {exc}") from exc
    try:
        return model.model_validate(raw)
    except ValidationError as exc:
        errors = format_validation_error(path.name, exc)
        raise KnowledgeBaseError(
            f"{path}: {len(errors)} problem(s): " + "; ".join(errors[:5]), errors=errors
        ) from exc


def check_unique(source: str, keys: list[str]) -> None:
    seen: set[str] = set()
    dupes = sorted({k for k in keys if k in seen or seen.add(k)})  # type: ignore[func-returns-value]
    if dupes:
        raise KnowledgeBaseError(f"{source}: duplicate ids {dupes}")


@dataclass(frozen=True)
class KnowledgeBase:
    actors: ActorFile
    weapons: WeaponFile
    triggers: TriggerFile


def load_actors(data_dir: Path) -> ActorFile:
    """actors.yaml with the companies of companies.yaml and the outlets of outlets.yaml
    appended as actor entries (kinds ``company`` and ``media``); ids unique across all."""
    actors = load_yaml_model(data_dir / "actors.yaml", ActorFile)
    companies = load_yaml_model(data_dir / "companies.yaml", CompanyFile).companies
    outlets = load_yaml_model(data_dir / "outlets.yaml", OutletFile).outlets
    merged = [*actors.actors, *(c.as_actor() for c in companies), *(o.as_actor() for o in outlets)]
    check_unique("actors.yaml, companies.yaml and outlets.yaml", [a.id for a in merged])
    return actors.model_copy(update={"actors": merged})


def load_kb_from(data_dir: Path) -> KnowledgeBase:
    """The knowledge base of ``data_dir``, validated; from the cache (kb/cache.py) when
    neither the data files nor the code that validates them changed."""
    kb = cached("kb", kb_key(data_dir), lambda: read_kb(data_dir))
    check_trigger_slots(data_dir / "triggers.yaml", kb.triggers)  # slot code may change
    return kb


def read_kb(data_dir: Path) -> KnowledgeBase:
    actors = load_actors(data_dir)
    weapons = load_yaml_model(data_dir / "weapons.yaml", WeaponFile)
    check_unique("weapons.yaml", [w.name for w in weapons.systems])
    triggers = load_yaml_model(data_dir / "triggers.yaml", TriggerFile)
    return KnowledgeBase(actors=actors, weapons=weapons, triggers=triggers)


def kb_key(data_dir: Path) -> str:
    """A hash of the data files and of the code that validates them (``kb/schema*.py``:
    the schemas, declared per kind of file)."""
    schemas = sorted(Path(schema.__file__).parent.glob("schema*.py"))
    code = [*schemas, Path(model.__file__), Path(__file__)]
    files = [*sorted(data_dir.glob("*.yaml")), *code]
    try:
        return digest(*(p.name for p in files), *(p.read_bytes() for p in files))
    except OSError as exc:
        raise KnowledgeBaseError(f"{data_dir}: cannot read: {exc}") from exc


def check_trigger_slots(path: Path, triggers: TriggerFile) -> None:
    """Every slot a frame names must be a registered slot function (extract/slots.py)."""
    from armswatch.extract.slots import check_frames

    try:
        check_frames(triggers.triggers, source=str(path))
    except ValueError as exc:
        raise KnowledgeBaseError(str(exc)) from None


@lru_cache(maxsize=1)
def load_kb() -> KnowledgeBase:
    """The packaged knowledge base (cached: load once per process)."""
    return load_kb_from(DATA_DIR)
