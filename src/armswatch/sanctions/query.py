"""Synthetic events for what-if checks (``armswatch rules check``)."""

from __future__ import annotations

import datetime as dt
import re

from armswatch.errors import RuleQueryError
from armswatch.model import CATEGORIES, EVENT_TYPES, Actor, Event, Item, Time

STATE = re.compile(r"^[A-Z]{3}$")
WHAT_IF_ID = "what-if"


def make_actor(key: str) -> Actor:
    """An actor from its key: ISO alpha-3 → a state; anything else → a slug with no country."""
    if STATE.match(key):
        return Actor(id=key, name=key, country=key, kind="state")
    return Actor(id=key, name=key, country=None, kind="group")


def query_problems(event_type: str, items: list[str]) -> list[str]:
    """Names a what-if query uses that the contract does not know."""
    problems = []
    if event_type not in EVENT_TYPES:
        problems.append(f"unknown event type {event_type!r} (known: {', '.join(EVENT_TYPES)})")
    problems += [
        f"unknown item category {item!r} (known: {', '.join(CATEGORIES)})"
        for item in items
        if item not in CATEGORIES
    ]
    return problems


def make_event(
    event_type: str,
    source: list[str],
    target: list[str],
    items: list[str],
    on: dt.date | None,
    subtype: str | None = None,
) -> Event:
    """An asserted event of unknown status with no evidence; RuleQueryError if names are bad."""
    problems = query_problems(event_type, items)
    if problems:
        raise RuleQueryError("; ".join(problems), errors=problems)
    day = on.isoformat() if on is not None else None
    return Event.model_validate(
        {
            "id": WHAT_IF_ID,
            "type": event_type,
            "source": [make_actor(key) for key in source],
            "target": [make_actor(key) for key in target],
            "items": [Item.model_validate({"text": item, "category": item}) for item in items],
            "subtype": subtype,
            "time": Time(text=day, start=day, end=day, precision="day") if day else None,
            "evidence": [],
            "confidence": 1.0,
        }
    )


def parse_day(text: str) -> dt.date:
    """``YYYY-MM-DD`` as a date; RuleQueryError otherwise."""
    try:
        return dt.date.fromisoformat(text)
    except ValueError as exc:
        raise RuleQueryError(f"invalid date {text!r}: expected YYYY-MM-DD") from exc
