"""Builders for the sanctions engine's tests: invented events by actor keys, items and
dates, and the rule ids they should fire."""

from __future__ import annotations

from collections.abc import Sequence

from armswatch.model import Actor, Event, Evidence, Item, Span, Time
from armswatch.sanctions.timing import parse_partial

SENTENCE = "North Korea is supplying Russia with artillery shells."


def actor(key: str) -> Actor:
    if key.isupper():
        return Actor(id=key, name=key, country=key, kind="state")
    return Actor(id=key, name=key, country=None, kind="armed_group")


def time_of(when: str | None) -> Time | None:
    """``2024-05-01`` → a day, ``2024-05`` → a month, ``2024`` → a year."""
    if when is None:
        return None
    span = parse_partial(when)
    assert span is not None
    precision = {10: "day", 7: "month", 4: "year"}[len(when)]
    return Time.model_validate(
        {
            "text": when,
            "start": span[0].isoformat(),
            "end": span[1].isoformat(),
            "precision": precision,
        }
    )


def make_event(
    kind: str,
    source: list[str],
    target: list[str],
    items: Sequence[str] = (),
    when: str | None = None,
    status: str = "delivered",
    certainty: str = "asserted",
    subtype: str | None = None,
) -> Event:
    return Event.model_validate(
        {
            "id": "a1:e0",
            "type": kind,
            "source": [actor(k) for k in source],
            "target": [actor(k) for k in target],
            "items": [Item.model_validate({"text": c, "category": c}) for c in items],
            "status": status,
            "certainty": certainty,
            "subtype": subtype,
            "time": time_of(when),
            "evidence": [
                Evidence(
                    text=SENTENCE,
                    start=0,
                    end=len(SENTENCE),
                    trigger=Span(text="supplying", start=15, end=24),
                )
            ],
            "confidence": 0.9,
        }
    )


AT = "arms_transfer"
MC = "military_cooperation"
LD = "labor_dispatch"
DPRK_OUT = "un.dprk.arms_export"
DPRK_IN = "un.dprk.arms_import"
DPRK_TA = "un.dprk.technical_assistance"
DPRK_WORK = "un.dprk.overseas_workers"
IRN_OUT = "un.iran.arms_export"
IRN_IN = "un.iran.arms_import"
IRN_MU = "un.iran.missile_uav"
EU_OUT = "eu.rus.arms"
EU_IN = "eu.rus.arms"
ITAR = "us.itar.126_1.russia"
CAATSA = "us.caatsa.231"
