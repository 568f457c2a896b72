"""Jinja2 rendering: one environment, autoescape always on, strict undefined names."""

from __future__ import annotations

import re
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlencode

from jinja2 import Environment, FileSystemLoader, StrictUndefined
from markupsafe import Markup, escape
from pydantic import BaseModel
from starlette.requests import Request

from armswatch import __version__
from armswatch.model import CATEGORIES, CERTAINTIES, EVENT_TYPES, STATUSES, SYMMETRIC_TYPES
from armswatch.queries.common import name_of
from armswatch.sanctions.standing import finding_binding, finding_standing, obligation_verb
from armswatch.web import charts

URL = re.compile(r"^https?://[^\s\x00-\x1f]+$", re.IGNORECASE)
HYPHENATED = re.compile(r"\w[\w.,/]*(?:-[\w.,/]+)+")
"""Words with a hyphen (dates, ``KN-23``, ``Shahed-136``), which browsers would break."""
TEMPLATES = Path(__file__).parent / "templates"
STATIC = Path(__file__).parent / "static"
NAV = (
    ("/", "Findings"),
    ("/incidents", "Incidents"),
    ("/events", "Events"),
    ("/timeline", "Timeline"),
    ("/network", "Network"),
    ("/map", "Map"),
    ("/actors", "Actors"),
    ("/articles", "Articles"),
    ("/rules", "Rulebook"),
    ("/sources", "Sources"),
    ("/alerts", "Alerts"),
    ("/about", "API"),
)


@lru_cache(maxsize=1)
def environment() -> Environment:
    env = Environment(
        loader=FileSystemLoader(TEMPLATES),
        autoescape=True,
        undefined=StrictUndefined,
        trim_blocks=True,
        lstrip_blocks=True,
    )
    env.globals.update(
        nav=NAV,
        version=__version__,
        event_types=EVENT_TYPES,
        categories=CATEGORIES,
        certainties=CERTAINTIES,
        statuses=STATUSES,
        colour=charts.colour,
        symmetric_types=SYMMETRIC_TYPES,
        name_of=name_of,
        label=lambda value: str(value).replace("_", " "),
        finding_standing=finding_standing,
        finding_binding=finding_binding,
        obligation_verb=obligation_verb,
    )
    env.filters["qs"] = query_string
    env.filters["url"] = safe_url
    env.filters["whole"] = whole_words
    return env


def safe_url(value: object) -> str | None:
    """A plain http(s) address as given, else None (no ``javascript:`` links from articles)."""
    text = str(value or "").strip()
    return text if URL.match(text) else None


def whole_words(value: object) -> Markup:
    """``value`` escaped, each hyphenated word kept on one line (``2009-06-12`` is not
    split after ``2009-``); the text copies out unchanged."""
    text = str(escape(value))
    return Markup(HYPHENATED.sub(lambda m: f'<span class="whole">{m.group(0)}</span>', text))


def query_string(filters: dict[str, Any], **changes: Any) -> str:
    """``?a=1&b=2`` of ``filters`` with ``changes`` applied (None drops a key)."""
    merged = {**filters, **changes}
    pairs = {k: str(v).lower() if isinstance(v, bool) else v for k, v in merged.items()}
    return "?" + urlencode({k: v for k, v in pairs.items() if v is not None and v != ""})


def render(name: str, request: Request | None, data: BaseModel | None, **context: Any) -> str:
    """Template ``name`` with ``data`` (the page's model) and the JSON twin's address."""
    path = request.url.path if request else ""
    query = request.url.query if request else ""
    params = [
        (k, v) for k, v in (request.query_params.multi_items() if request else []) if k != "token"
    ]
    twin = context.pop("api", None)
    json_url = f"{twin}?{urlencode(params)}" if twin and params else twin
    return (
        environment()
        .get_template(name)
        .render(data=data, path=path, query=query, json_url=json_url, **context)
    )


def render_error(request: Request, problem: BaseModel) -> str:
    return render("error.html", request, problem, title=getattr(problem, "title", "Error"))


def inline_css() -> str:
    """The stylesheet, for self-contained files (the dossier)."""
    return (STATIC / "armswatch.css").read_text(encoding="utf-8")
