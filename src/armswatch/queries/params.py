"""The filters analysts ask for, declared once: query parameters of the API and the pages.

``EventFilters`` narrows events (and the findings, graph and timeline built on them);
each filter becomes one SQL condition over ``events e`` (``conditions``), without a join
with ``articles``: events carry their list day (``e.day``) and whether their article is
the current version (``e.current``).
Actor codes match an actor's country or id, case-insensitively (``PRK``, ``wagner``);
country codes are matched in the events' key lists, without a join.
"""

from __future__ import annotations

import datetime as dt
import re
from functools import lru_cache
from typing import Annotated, Any, Literal

from pydantic import BaseModel, BeforeValidator, ConfigDict, Field, model_validator

from armswatch.ledger.tables import REJECTED_EVENTS
from armswatch.model import Category, Certainty, EventType, Status
from armswatch.sanctions.rulebook import same_rule_ids

Code = Annotated[
    str,
    Field(
        min_length=1,
        max_length=40,
        pattern=r"^[A-Za-z0-9_.-]+$",
        description="An actor's country (ISO alpha-3) or knowledge-base id, e.g. PRK, wagner.",
    ),
]
ISO_DAY = re.compile(r"^\d{4}-\d{2}-\d{2}$")


def iso_day(value: Any) -> Any:
    """Only ``YYYY-MM-DD`` (pydantic alone would take numbers as Unix times)."""
    if isinstance(value, dt.date) or (isinstance(value, str) and ISO_DAY.match(value)):
        return value
    raise ValueError("give a date as YYYY-MM-DD")


Day = Annotated[dt.date, BeforeValidator(iso_day)]
DAY = "e.day"
"""The date of an event: its own time, else its article's publication date."""
CURRENT = "e.current"
"""Events of current article versions (``events.current`` copies ``articles.current``)."""
SIDE = "lower(?) IN (lower({t}.country), lower({t}.id))"
ROLES = ("source", "target")


@lru_cache(maxsize=1)
def country_codes() -> frozenset[str]:
    """The knowledge base's country codes: the key of every actor that has a country."""
    from armswatch.kb import load_kb

    return frozenset(a.country for a in load_kb().actors.actors if a.country)


def side_condition(code: str, roles: tuple[str, ...]) -> tuple[str, list[Any]]:
    """Events with an actor ``code`` in one of ``roles``.

    A country code is looked up in the events' own key lists (``source_keys``,
    ``target_keys``: an actor's key is its country, else its id), which needs no join;
    any other code (an id such as ``wagner``, whose key is its country) in ``actors``.
    """
    key = code.upper()
    if key in country_codes():
        either = " OR ".join(f"list_contains(e.{role}_keys, ?)" for role in roles)
        return f"({either})", [key] * len(roles)
    role = "" if len(roles) > 1 else f"x.role = '{roles[0]}' AND "
    return f"e.id IN (SELECT event_id FROM actors x WHERE {role}{SIDE.format(t='x')})", [code]


def dyad_condition(code: str, other: str) -> tuple[str, list[Any]]:
    """Events with ``code`` on one side and ``other`` on the other."""
    keys = (code.upper(), other.upper())
    if all(key in country_codes() for key in keys):
        one_way = "list_contains(e.source_keys, ?) AND list_contains(e.target_keys, ?)"
        return f"(({one_way}) OR ({one_way}))", [*keys, *reversed(keys)]
    return (
        "e.id IN (SELECT x.event_id FROM actors x JOIN actors y ON x.event_id = y.event_id "
        f"AND x.role <> y.role WHERE {SIDE.format(t='x')} AND {SIDE.format(t='y')})",
        [code, other],
    )


class QueryModel(BaseModel):
    """Query parameters, parsed the same way everywhere (API, pages, CLI).

    An empty field (a blank form input, ``?actor=``) counts as absent, and unknown
    parameters (``token``, ``_format``) are ignored.
    """

    model_config = ConfigDict(extra="ignore")

    @model_validator(mode="before")
    @classmethod
    def drop_empty(cls, data: Any) -> Any:
        if isinstance(data, dict):
            return {k: v for k, v in data.items() if not (isinstance(v, str) and not v.strip())}
        return data


class NoQuery(QueryModel):
    """A page without parameters (every parameter is ignored)."""


class EventFilters(QueryModel):
    """Filters over events; every one is optional and they combine with AND."""

    actor: Code | None = Field(default=None, description="An actor on either side.")
    counterpart: Code | None = Field(
        default=None, description="An actor on the other side from `actor` (else on any side)."
    )
    source: Code | None = Field(
        default=None, description="The supplier, sender or acting side (OUTPUT.md `source`)."
    )
    target: Code | None = Field(default=None, description="The recipient or other side.")
    type: EventType | None = Field(default=None, description="Event type.")
    category: Category | None = Field(default=None, description="Item category.")
    system: str | None = Field(
        default=None, min_length=1, max_length=80, description="Weapon system (substring)."
    )
    rule: str | None = Field(
        default=None, min_length=1, max_length=80, description="Events with a finding of this rule."
    )
    certainty: Certainty | None = None
    status: Status | None = None
    since: Day | None = Field(default=None, description="Events on or after this day.")
    until: Day | None = Field(default=None, description="Events on or before this day.")
    min_sources: int | None = Field(
        default=None, ge=1, le=1000, description="At least this many independent sources."
    )
    q: str | None = Field(
        default=None, min_length=1, max_length=200, description="Free text in the evidence."
    )
    include_rejected: bool = Field(
        default=False, description="Also the events analysts rejected (left out by default)."
    )


class FindingFilters(EventFilters):
    """Event filters plus the finding's own: whether the rule was in force, contested."""

    in_force: bool | None = Field(default=None, description="The rule was in force (true/false).")
    contested: bool | None = Field(default=None, description="The rule's force is disputed.")


class Paging(QueryModel):
    """Which slice of a list, in a stable order (ties broken by article and position)."""

    limit: int = Field(default=50, ge=1, le=5000, description="Rows per page.")
    offset: int = Field(default=0, ge=0, le=10_000_000, description="Rows to skip.")
    sort: Literal["date", "-date"] = Field(
        default="-date", description="By date, ascending or (`-date`) descending."
    )


class EventQuery(EventFilters, Paging):
    """Query parameters of the event list."""


class FindingQuery(FindingFilters, Paging):
    """Query parameters of the finding list."""


class GraphQuery(EventFilters):
    """Query parameters of the actor network (default: arms transfers only)."""

    type: EventType | None = Field(
        default="arms_transfer", description="Event type of the edges (default arms_transfer)."
    )
    all_types: bool = Field(default=False, description="Edges of every event type.")


def like(text: str) -> str:
    """A contains-pattern for ILIKE … ESCAPE '\\' that matches ``text`` literally."""
    escaped = text.replace("\\", "\\\\").replace("%", "\\%").replace("_", "\\_")
    return f"%{escaped}%"


def rule_condition(column: str, rule_id: str) -> tuple[str, list[str]]:
    """``column`` holds ``rule_id`` or another id of the same rule: stored findings under
    a former id (``eu.russia.arms_export``) and filters naming one both match the
    current id (``eu.rus.arms``)."""
    ids = same_rule_ids(rule_id)
    return f"{column} IN ({', '.join('?' * len(ids))})", ids


def conditions(
    f: EventFilters, extra: tuple[str, list[Any]] | None = None
) -> tuple[str, list[Any]]:
    """The WHERE text (over ``events e``) and its parameters.

    extra (tuple | None): one more condition and its parameters (``min_sources``, which
        the incidents adapter resolves).
    """
    parts: list[tuple[str, list[Any]]] = [(CURRENT, [])]
    if not f.include_rejected:
        parts.append((not_rejected("e.id"), []))

    def add(sql: str, *params: Any) -> None:
        parts.append((sql, list(params)))

    if f.actor and f.counterpart:
        parts.append(dyad_condition(f.actor, f.counterpart))
    else:
        for code in (f.actor, f.counterpart):
            if code:
                parts.append(side_condition(code, ROLES))
    for role, code in (("source", f.source), ("target", f.target)):
        if code:
            parts.append(side_condition(code, (role,)))
    for column, value in (("type", f.type), ("certainty", f.certainty), ("status", f.status)):
        if value:
            add(f"e.{column} = ?", value)
    if f.category:
        add("e.id IN (SELECT event_id FROM items WHERE category = ?)", f.category)
    if f.system:
        add("e.id IN (SELECT event_id FROM items WHERE system ILIKE ? ESCAPE '\\')", like(f.system))
    if f.rule:
        sql, ids = rule_condition("rule", f.rule)
        add(f"e.id IN (SELECT event FROM findings WHERE {sql})", *ids)
    if f.q:
        add("e.id IN (SELECT event_id FROM evidence WHERE text ILIKE ? ESCAPE '\\')", like(f.q))
    if f.since:
        add(f"{DAY} >= ?", f.since.isoformat())
    if f.until:
        add(f"{DAY} <= ?", f.until.isoformat())
    if extra is not None:
        add(extra[0], *extra[1])
    return " AND ".join(sql for sql, _ in parts), [p for _, params in parts for p in params]


def not_rejected(column: str) -> str:
    """``column`` (an event id) is not one analysts rejected (``ledger.tables``)."""
    return f"{column} NOT IN ({REJECTED_EVENTS})"


def finding_conditions(f: FindingFilters) -> tuple[str, list[Any]]:
    """The finding's own conditions (over ``findings f``): its event not rejected unless
    ``include_rejected``."""
    parts: list[str] = ["TRUE" if f.include_rejected else not_rejected("f.event")]
    params: list[Any] = []
    if f.rule is not None:
        sql, ids = rule_condition("f.rule", f.rule)
        parts.append(sql)
        params += ids
    for column, value in (("in_force", f.in_force), ("contested", f.contested)):
        if value is not None:
            parts.append(f"f.{column} = ?")
            params.append(value)
    return " AND ".join(parts), params


class ArticleQuery(Paging):
    """Query parameters of the article list."""

    outlet: str | None = Field(default=None, min_length=1, max_length=200)
    q: str | None = Field(
        default=None, min_length=1, max_length=200, description="Free text in title or text."
    )
    since: Day | None = Field(default=None, description="Published on or after this day.")
    until: Day | None = Field(default=None, description="Published on or before this day.")


class ActorQuery(EventFilters):
    """Actors of the events matching the filters, most active first."""

    limit: int = Field(default=100, ge=1, le=5000)
    offset: int = Field(default=0, ge=0, le=10_000_000)


class IncidentQuery(QueryModel):
    """Query parameters of the incident list."""

    actor: Code | None = Field(default=None, description="An actor on either side.")
    since: Day | None = Field(default=None, description="Incidents ending on or after.")
    min_sources: int | None = Field(default=None, ge=1, le=1000)
    limit: int = Field(default=50, ge=1, le=5000)
    offset: int = Field(default=0, ge=0, le=10_000_000)
