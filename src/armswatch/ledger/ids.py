"""Content-derived ids: the same fact gets the same id however often it is analysed.

An event's id hashes what identifies it (FollowTheMoney's ``make_entity_id``, as zavod's
``context.make_id``): the article (its text's SHA-256, the store's article identity:
two versions of one URL are two texts stored side by side), the event type, and the
supplier and recipient keys. Only when two events of one article share all of these is
the span of the first evidence sentence added, and only if that still ties, their order
(``#1``, ``#2``). A finding's id hashes its event's id and its rule.

Migration 7 (``ledger.schema``) computes the same ids in SQL for stores written before:
keep ``event_key_parts`` and that SQL in step.
"""

from __future__ import annotations

from collections.abc import Sequence

from followthemoney.util import make_entity_id

from armswatch.model import Event

EVENT_PREFIX = "ev_"
FINDING_PREFIX = "fi_"
DIGITS = 24
"""Hex digits of SHA-1 kept: 96 bits, no collision in any ledger this side of 10^12 events."""


def make_id(prefix: str, *parts: str) -> str:
    """``prefix`` + the first ``DIGITS`` hex digits of SHA-1 over the parts, concatenated."""
    digest = make_entity_id(*parts)
    assert digest is not None, "an id needs at least one non-empty part"
    return prefix + digest[:DIGITS]


def event_key_parts(sha256: str, event: Event) -> tuple[str, ...]:
    """What identifies an event within the ledger, before any tie-break."""
    source = ",".join(dict.fromkeys(actor.key for actor in event.source))
    target = ",".join(dict.fromkeys(actor.key for actor in event.target))
    return (sha256, event.type, f"from:{source}", f"to:{target}")


def span_part(event: Event) -> str:
    """The tie-break: the span of the event's first evidence sentence."""
    first = event.evidence[0] if event.evidence else None
    return f"span:{first.start}-{first.end}" if first else "span:-"


def event_ids(sha256: str, events: Sequence[Event]) -> list[str]:
    """The stable id of each of an article's events, in order."""
    keys = [event_key_parts(sha256, event) for event in events]
    spanned = [
        (*key, span_part(event)) if keys.count(key) > 1 else key
        for key, event in zip(keys, events, strict=True)
    ]
    ids: list[str] = []
    for n, key in enumerate(spanned):
        if spanned.count(key) > 1:
            key = (*key, f"#{spanned[: n + 1].count(key)}")
        ids.append(make_id(EVENT_PREFIX, *key))
    return ids


def finding_id(event_id: str, rule: str) -> str:
    """The stable id of the finding of ``rule`` on the event ``event_id``."""
    return make_id(FINDING_PREFIX, event_id, rule)
