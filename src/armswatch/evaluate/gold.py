"""The gold format of ``spec/GOLD.md`` (``gold.jsonl``) and ``load_gold``, which reads a
gold folder and lists every problem in it."""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from datetime import date
from pathlib import Path

from pydantic import BaseModel, ConfigDict, Field, ValidationError, field_validator, model_validator

from armswatch.errors import GoldError
from armswatch.ingest import InputProblem, iter_articles
from armswatch.model import Article, Category, Certainty, EventType, Status

KNOWN_RULES = frozenset(
    {
        "un.dprk.arms_export",
        "un.dprk.arms_import",
        "un.dprk.technical_assistance",
        "un.dprk.overseas_workers",
        "un.iran.arms_export",
        "un.iran.arms_import",
        "un.iran.missile_uav",
    }
)
"""The rule ids of spec/OUTPUT.md scored as ``findings``; findings under other rules are
scored as ``findings_ext`` when they are other arms embargoes, else not at all."""
EXT_RULE = re.compile(r"^(?:un\.[a-z][a-z0-9_]*|eu\.[a-z]{3})\.arms$")
"""Other arms embargoes of OUTPUT.md (``un.<regime>.arms``, ``eu.<target>.arms``): the
``findings_ext`` of GOLD.md §4. Rules of other jurisdictions (``us.…``) are never scored."""


class GoldEvent(BaseModel):
    """One gold event; actors are evaluation keys (ISO alpha-3, else the id slug)."""

    model_config = ConfigDict(extra="forbid")

    type: EventType
    source: list[str] = Field(min_length=1)
    target: list[str] = Field(min_length=1)
    items: list[Category] | None = None
    systems: list[str] | None = Field(default=None, description="Named systems (not scored).")
    status: Status | None = None
    certainty: Certainty | None = None
    time: str | None = Field(default=None, description="YYYY, YYYY-MM or YYYY-MM-DD.")
    attributed_to: list[str] | None = Field(default=None, description="Primary source first.")
    anonymous: bool | None = Field(default=None, description="Not scored.")
    optional: bool = Field(default=False, description="Neither rewarded nor penalised.")

    @field_validator("time")
    @classmethod
    def _partial_date(cls, value: str | None) -> str | None:
        if value is None:
            return None
        padding = {4: "-01-01", 7: "-01", 10: ""}.get(len(value))
        try:
            date.fromisoformat(value + (padding if padding is not None else "?"))
        except ValueError:
            raise ValueError(f"time {value!r} is not YYYY, YYYY-MM or YYYY-MM-DD") from None
        return value


class GoldFinding(BaseModel):
    """A finding the gold records, resting on ``events[event]``."""

    model_config = ConfigDict(extra="forbid")

    rule: str
    event: int = Field(ge=0, description="Index of the gold event it rests on.")


class GoldDoc(BaseModel):
    """One line of ``gold.jsonl``: the facts a careful analyst records for an article."""

    model_config = ConfigDict(extra="forbid")

    id: str
    events: list[GoldEvent] = Field(default_factory=list)
    findings: list[GoldFinding] = Field(default_factory=list)
    findings_ext: list[GoldFinding] = Field(
        default_factory=list, description="Other arms embargoes (GOLD.md §4)."
    )

    @model_validator(mode="after")
    def _findings_rest_on_events(self) -> GoldDoc:
        for key in ("findings", "findings_ext"):
            for index, finding in enumerate(getattr(self, key)):
                if finding.event >= len(self.events):
                    raise ValueError(f"{key}[{index}].event {finding.event} has no gold event")
        for index, finding in enumerate(self.findings_ext):
            if not EXT_RULE.match(finding.rule):
                raise ValueError(
                    f"findings_ext[{index}].rule {finding.rule!r} is not un.<regime>.arms "
                    "or eu.<target>.arms"
                )
        return self


def load_gold(gold_dir: Path) -> tuple[list[Article], dict[str, GoldDoc]]:
    """Read ``articles.jsonl`` and ``gold.jsonl`` from a gold folder.

    RETURNS (tuple): the articles in file order, and the gold documents by id.
    Raises GoldError listing every problem (missing files, bad lines, id mismatches).
    """
    if not gold_dir.is_dir():
        raise GoldError(f"gold folder not found: {gold_dir}")
    missing = [n for n in ("articles.jsonl", "gold.jsonl") if not (gold_dir / n).is_file()]
    if missing:
        raise GoldError(f"gold folder {gold_dir} lacks {' and '.join(missing)}")
    errors: list[str] = []
    articles: list[Article] = []
    for item in iter_articles([gold_dir / "articles.jsonl"]):
        if isinstance(item, InputProblem):
            errors.append(str(item))
        else:
            articles.append(item)
    gold, seen = _read_gold_lines(gold_dir / "gold.jsonl", errors)
    ids = [a.doc_id for a in articles]
    errors += [f"articles.jsonl: duplicate id {i!r}" for i in _duplicates(ids)]
    errors += [f"gold.jsonl: no gold line for article {i!r}" for i in ids if i not in seen]
    errors += [f"gold.jsonl: {i!r} is not in articles.jsonl" for i in sorted(seen - set(ids))]
    if errors:
        raise GoldError(f"malformed gold in {gold_dir}: {errors[0]}", errors=errors)
    return articles, gold


def _read_gold_lines(path: Path, errors: list[str]) -> tuple[dict[str, GoldDoc], set[str]]:
    """The valid gold documents by id, and every id seen (valid or not)."""
    gold: dict[str, GoldDoc] = {}
    seen: set[str] = set()
    with path.open(encoding="utf-8") as handle:
        for lineno, line in enumerate(handle, start=1):
            where = f"{path.name}:{lineno}"
            if not line.strip():
                continue
            try:
                raw = json.loads(line)
            except json.JSONDecodeError as exc:
                errors.append(f"{where}: malformed JSON ({exc.msg} at column {exc.colno})")
                continue
            if isinstance(raw, dict) and isinstance(raw.get("id"), str):
                if raw["id"] in seen:
                    errors.append(f"{where}: duplicate id {raw['id']!r}")
                seen.add(raw["id"])
            try:
                doc = GoldDoc.model_validate(raw)
            except ValidationError as exc:
                errors += [f"{where}: {_loc(e['loc'])}: {e['msg']}" for e in exc.errors()]
                continue
            gold.setdefault(doc.id, doc)
    return gold, seen


def _loc(loc: tuple[int | str, ...]) -> str:
    return " -> ".join(map(str, loc)) or "line"


def _duplicates(values: list[str]) -> Iterator[str]:
    seen: set[str] = set()
    for value in values:
        if value in seen:
            yield value
        seen.add(value)
