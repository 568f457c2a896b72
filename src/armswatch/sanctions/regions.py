"""Places that scope an embargo (Darfur, the Kivus and Ituri …) and where a text puts an event.

    from armswatch.sanctions.regions import load_regions, places_in

``data/regions.yaml`` lists regions and towns with the region they lie ``within``;
``places_in(text)`` finds them in a text ("El Fasher" → ``el_fasher``), and
``Regions.inside(place, region)`` says whether a place lies in a region (El Fasher →
North Darfur → Darfur). The engine uses the places named in an event's evidence
sentences, else those of the article, to decide a rule's territorial scope
(``matching.territory``).
"""

from __future__ import annotations

import re
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Literal

import yaml
from pydantic import BaseModel, ConfigDict, Field, ValidationError

from armswatch.errors import RulebookError
from armswatch.kb import SAFE_LOADER

REGIONS_PATH = Path(__file__).parent / "data" / "regions.yaml"
Scope = Literal["evidence", "article"]


class Region(BaseModel):
    """A region or town: its id, the state it lies in, the region it lies within."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(pattern=r"^[a-z][a-z0-9_]*$")
    name: str
    country: str = Field(pattern=r"^[A-Z]{3}$", description="ISO alpha-3 of the state.")
    within: str | None = Field(default=None, description="The id of the enclosing region.")
    names: list[str] = Field(min_length=1, description="Surface forms, matched as written.")


class RegionFile(BaseModel):
    model_config = ConfigDict(extra="forbid")

    version: int
    regions: list[Region]


@dataclass(frozen=True)
class Place:
    """A region named in a text: which, where (character offsets), and in which part
    (an evidence sentence of the event, or elsewhere in the article)."""

    region: str
    text: str
    start: int
    end: int
    scope: Scope


@dataclass(frozen=True)
class Regions:
    """Validated regions by id, with the pattern that finds their names."""

    by_id: dict[str, Region]
    pattern: re.Pattern[str] | None
    by_name: dict[str, str]

    def inside(self, place: str, region: str) -> bool:
        """Whether ``place`` is ``region`` or lies within it (transitively)."""
        seen: set[str] = set()
        current: str | None = place
        while current is not None and current not in seen:
            if current == region:
                return True
            seen.add(current)
            found = self.by_id.get(current)
            current = found.within if found is not None else None
        return False

    def country(self, place: str) -> str | None:
        found = self.by_id.get(place)
        return found.country if found is not None else None

    def name(self, place: str) -> str:
        found = self.by_id.get(place)
        return found.name if found is not None else place

    def find(self, text: str, scope: Scope, offset: int = 0) -> list[Place]:
        """Every region name in ``text`` (offsets shifted by ``offset``).

        >>> load_regions().find("RSF fighters entered El Fasher.", "evidence")[0].region
        'el_fasher'
        """
        if self.pattern is None:
            return []
        return [
            Place(self.by_name[m.group(0)], m.group(0), m.start() + offset, m.end() + offset, scope)
            for m in self.pattern.finditer(text)
        ]


def validate_regions(source: str, raw: object) -> tuple[RegionFile | None, list[str]]:
    """The parsed file and every problem, each naming the file and the entry."""
    try:
        parsed = RegionFile.model_validate(raw)
    except ValidationError as exc:
        errors = []
        for problem in exc.errors():
            where = " -> ".join(str(part) for part in problem["loc"])
            errors.append(f"{source}: [{where}] {problem['msg']}")
        return None, errors
    errors = []
    ids = [region.id for region in parsed.regions]
    owners: dict[str, str] = {}
    for i, region in enumerate(parsed.regions):
        where = f"{source}: [regions -> {i}] region {region.id}"
        if ids.count(region.id) > 1:
            errors.append(f"{where}: duplicate id")
        if region.within is not None and region.within not in ids:
            errors.append(f"{where}: within {region.within!r} is not a region of the file")
        for name in region.names:
            if name in owners and owners[name] != region.id:
                errors.append(f"{where}: name {name!r} also belongs to {owners[name]}")
            owners.setdefault(name, region.id)
    return parsed, errors


def load_regions(path: Path | None = None) -> Regions:
    """The regions at ``path`` (default: the packaged file, loaded once per process).
    Raises RulebookError listing every problem with its file and entry."""
    return _default_regions() if path is None else load_regions_from(path)


@lru_cache(maxsize=1)
def _default_regions() -> Regions:
    return load_regions_from(REGIONS_PATH)


def load_regions_from(path: Path) -> Regions:
    try:
        raw = yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RulebookError(f"{path}: cannot read: {exc}".replace("\n", " ")) from exc
    parsed, errors = validate_regions(path.name, raw)
    if parsed is None or errors:
        shown = "; ".join(errors[:3]) + ("; …" if len(errors) > 3 else "")
        raise RulebookError(f"{path.name}: {len(errors)} problem(s): {shown}", errors=errors)
    by_name = {name: region.id for region in parsed.regions for name in region.names}
    longest_first = sorted(by_name, key=len, reverse=True)
    pattern = (
        re.compile(r"(?<!\w)(?:" + "|".join(map(re.escape, longest_first)) + r")(?!\w)")
        if longest_first
        else None
    )
    return Regions({region.id: region for region in parsed.regions}, pattern, by_name)


def event_places(evidence: list[tuple[str, int | None]], article: str | None) -> list[Place]:
    """The places an event's evidence sentences name; when they name none, the places
    named anywhere in the article (``scope="article"``).

    evidence (list[tuple[str, int | None]]): each sentence with its offset in the article.
    article (str | None): the article text, if known.
    """
    regions = load_regions()
    found = [
        place
        for sentence, offset in evidence
        for place in regions.find(sentence, "evidence", offset or 0)
    ]
    if found or not article:
        return found
    return regions.find(article, "article")
