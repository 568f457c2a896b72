"""Where the map puts an actor: its country's centroid, from ``data/places.yaml``.

The file is knowledge as data (``CODE: [lat, lon]``), checked when it loads: a bad entry
is a KnowledgeBaseError naming the file, the entry and the problem.
"""

from __future__ import annotations

from functools import lru_cache
from pathlib import Path

import yaml
from pydantic import BaseModel, Field, ValidationError

from armswatch.errors import KnowledgeBaseError

PLACES = Path(__file__).parent / "data" / "places.yaml"


class Point(BaseModel):
    """A centroid in degrees."""

    lat: float = Field(ge=-90, le=90)
    lon: float = Field(ge=-180, le=180)


def parse_places(data: object, source: str) -> dict[str, Point]:
    """``{CODE: [lat, lon]}`` as points; every bad entry is reported, by name."""
    if not isinstance(data, dict):
        raise KnowledgeBaseError(f"{source}: expected a mapping CODE: [lat, lon]")
    found: dict[str, Point] = {}
    problems: list[str] = []
    for code, pair in data.items():
        if not (isinstance(code, str) and len(code) == 3 and code.isupper()):
            problems.append(f"{source} [{code}]: the key must be an ISO alpha-3 code")
            continue
        try:
            lat, lon = pair
            found[code] = Point(lat=lat, lon=lon)
        except (TypeError, ValueError, ValidationError) as exc:
            detail = str(exc).splitlines()[-1] if isinstance(exc, ValidationError) else str(exc)
            problems.append(f"{source} [{code}]: give [lat, lon] in degrees ({detail.strip()})")
    if problems:
        raise KnowledgeBaseError(problems[0], errors=problems)
    return found


@lru_cache(maxsize=1)
def places() -> dict[str, Point]:
    """Country code → centroid (``data/places.yaml``)."""
    return parse_places(yaml.safe_load(PLACES.read_text(encoding="utf-8")), PLACES.name)
