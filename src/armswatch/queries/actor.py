"""One actor's page: its transfers as supplier and recipient, all its events, findings,
incidents, and every counterpart with the dyad's dossier."""

from __future__ import annotations

import re
from urllib.parse import urlencode

from armswatch.errors import NotFoundError
from armswatch.model import SYMMETRIC_TYPES
from armswatch.queries import incidents
from armswatch.queries.charts import actor_graph
from armswatch.queries.common import name_of, names
from armswatch.queries.events import list_events, list_findings
from armswatch.queries.models import ActorPage, ActorRef, Counterpart, Graph
from armswatch.queries.params import EventFilters, EventQuery, FindingQuery, GraphQuery, conditions
from armswatch.store.view import View

CODE = re.compile(r"^[A-Za-z0-9_.-]{1,40}$")
ROWS = 100
"""Rows of each list on the page (the full lists: ``/events?source=…`` and so on)."""


def actor_key(code: str) -> str:
    """How actor keys are stored: ISO alpha-3 codes upper case, ids lower case."""
    iso = len(code) == 3 and code.isalpha() and code.isascii()
    return code.upper() if iso else code.lower()


def actor_page(view: View, code: str) -> ActorPage:
    """The page of actor ``code`` (country or id). NotFoundError when the store has
    nothing on it and the knowledge base does not know it."""
    if not CODE.match(code):
        raise NotFoundError(f"no actor {code!r}: actor codes are letters, digits, _ . -")
    key = actor_key(code)
    supplied = list_events(view, EventQuery(source=key, type="arms_transfer", limit=ROWS))
    received = list_events(view, EventQuery(target=key, type="arms_transfer", limit=ROWS))
    every = list_events(view, EventQuery(actor=key, limit=ROWS))
    findings = list_findings(view, FindingQuery(actor=key, limit=ROWS))
    if not every.total and key not in names():
        raise NotFoundError(f"no actor {code!r}: /actors lists them")
    return ActorPage(
        actor=ActorRef(key=key, name=name_of(key)),
        supplied=supplied,
        received=received,
        events=every,
        findings=findings,
        incidents=incidents.list_incidents(view, actor=key, limit=ROWS),
        counterparts=counterparts(key, actor_graph(view, GraphQuery(all_types=True, actor=key))),
        review=review_counts(view, key),
    )


def review_counts(view: View, key: str) -> dict[str, int]:
    """How many of the actor's events analysts reviewed, by status (rejected ones
    included: they are left out of the lists above)."""
    where, params = conditions(EventFilters(actor=key, include_rejected=True))
    found = view.sql(
        f"SELECT r.status, count(*) FROM events e JOIN reviews r ON r.id = e.id "
        f"WHERE r.kind = 'event' AND {where} GROUP BY r.status ORDER BY r.status",
        params,
    )
    return {status: int(n) for status, n in found.rows}


def counterparts(key: str, graph: Graph) -> list[Counterpart]:
    """Every other actor of ``key``'s edges, most events first, with its dossier path."""
    tally: dict[str, list[int]] = {}
    for edge in graph.edges:
        if key not in (edge.source, edge.target):
            continue
        other = edge.target if edge.source == key else edge.source
        counts = tally.setdefault(other, [0, 0, 0])
        slot = 2 if edge.type in SYMMETRIC_TYPES else 0 if edge.source == key else 1
        counts[slot] += edge.events
    found = [
        Counterpart(
            actor=ActorRef(key=other, name=name_of(other)),
            supplies=out,
            receives=into,
            mutual=mutual,
            dossier=dossier_path(*((other, key) if into > out else (key, other))),
        )
        for other, (out, into, mutual) in tally.items()
    ]
    return sorted(found, key=lambda c: (-(c.supplies + c.receives + c.mutual), c.actor.key))


def dossier_path(source: str, target: str) -> str:
    return "/dossier?" + urlencode({"from": source, "to": target})
