"""Keeping incidents current: ``update_incidents`` after stored batches, ``rebuild_incidents``.

An update looks only at the blocks (type and dyad) of the new events. When the new events
come after every event of their block in the fusing order (the usual case: news arrives
in date order), they are attached to the block's stored incidents and only the incidents
they touch are rewritten. Otherwise (an older article arrives late, or an article was
superseded by a new version) that one block is recomputed from its events. Either way
the result equals a full rebuild. Each update is one transaction.

Every incident an update adds, changes or removes gets a ``history`` row
(``ledger.history``) in the same transaction, whoever asked for the update (a run, a
re-analysis, a review, a rebuild): nothing about an incident is silently overwritten.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import dataclass, field
from pathlib import Path

import duckdb

from armswatch.extract.timex import parse_published as parse_day
from armswatch.fuse.assign import Profile, assign, incident_id
from armswatch.fuse.facts import Dyad, Facts
from armswatch.fuse.independence import counted
from armswatch.fuse.members import Member, load_members
from armswatch.fuse.models import Claim, IncidentEvent, IncidentRow
from armswatch.fuse.provenance import claims_of
from armswatch.fuse.reports import load_claims, load_quantified, report_of
from armswatch.fuse.summary import summarize
from armswatch.fuse.tables import (
    CLAIMS,
    INCIDENT_EVENTS,
    INCIDENTS,
    delete_incidents,
    insert,
    load_incidents,
)
from armswatch.fuse.tally import Tally
from armswatch.ledger.history import Stamp, incident_changes, record_changes
from armswatch.ledger.models import Change
from armswatch.ledger.tables import REJECTED_EVENTS
from armswatch.store.db import rollback_quietly, translated
from armswatch.store.sql import rows_of
from armswatch.store.store import Store, open_store

Target = Store | duckdb.DuckDBPyConnection


@dataclass
class FuseReport:
    """What an update did."""

    events: int = 0
    incidents_written: int = 0
    blocks_recomputed: int = 0
    changes: list[Change] = field(default_factory=list)
    """The incidents added, changed or removed (each also a ``history`` row)."""

    def line(self) -> str:
        return (
            f"incidents: {self.events} events fused, {self.incidents_written} incidents "
            f"written, {self.blocks_recomputed} blocks recomputed"
        )


def update_incidents(
    target: Target, article_keys: Iterable[str] | None = None, stamp: Stamp | None = None
) -> FuseReport:
    """Fuse the events of these articles (sha256 or any id they were seen under) into
    incidents; with ``article_keys=None``, every event not yet in an incident.

    stamp (Stamp | None): the run and extractor the incidents' history rows name.
    """
    con, path = connection(target)
    with translated(path):
        con.begin()
        try:
            keys = None if article_keys is None else sorted(set(article_keys))
            report = fuse(con, keys, stamp=stamp)
            con.commit()
        except BaseException:
            rollback_quietly(con)
            raise
    return report


def rebuild_incidents(db: Target | str | Path) -> FuseReport:
    """Fuse all current events again, every block from scratch (one transaction); an
    incident keeps its id while it keeps any of its events (``keep_ids``)."""
    if isinstance(db, str | Path):
        with open_store(db) as store:
            return rebuild_incidents(store)
    con, path = connection(db)
    with translated(path):
        con.begin()
        try:
            for table in ("claims", "incident_events"):  # links to incidents that are gone
                con.execute(
                    f"DELETE FROM {table} WHERE incident_id NOT IN (SELECT id FROM incidents)"
                ).fetchall()
            blocks = {row["block"] for row in rows_of(con, "SELECT DISTINCT block FROM incidents")}
            report = fuse(con, None, stale=blocks)
            con.commit()
        except BaseException:
            rollback_quietly(con)
            raise
    return report


def connection(target: Target) -> tuple[duckdb.DuckDBPyConnection, Path]:
    if isinstance(target, Store):
        return target.con, target.path
    return target, Path("<connection>")


def fuse(
    con: duckdb.DuckDBPyConnection,
    keys: list[str] | None,
    stale: Iterable[str] = (),
    stamp: Stamp | None = None,
) -> FuseReport:
    """The update, inside the open transaction, with a ``history`` row for each incident
    it adds, changes or removes (``FuseReport.changes``).

    stale (Iterable[str]): blocks to recompute besides those of superseded articles (the
        blocks ``detach_events`` took re-analysed events out of).
    stamp (Stamp | None): when and by what (run, fingerprint); None: now, by nothing named.
    """
    new = load_members(con, new_event_ids(con, keys))
    stale = stale_blocks(con, keys) | set(stale)
    by_block: dict[str, list[Member]] = {}
    for member in new:
        by_block.setdefault(member.facts.block, []).append(member)
    last = last_keys(con, sorted(by_block))
    report = FuseReport(events=len(new))
    before: list[IncidentRow] = []
    written: list[str] = []
    for block in sorted(by_block.keys() | stale):
        members = by_block.get(block, [])
        in_order = all(m.sort_key > last.get(block, "") for m in members)
        if block in stale or not in_order:
            was, ids = recompute_block(con, block, members)
            report.blocks_recomputed += 1
        else:
            was, ids = extend_block(con, block, members)
        before += was
        written += ids
    report.incidents_written = len(written)
    after = load_incidents(con, "id IN (SELECT unnest(?))", [written]) if written else []
    report.changes = incident_changes(before, after, stamp or Stamp(None, None))
    record_changes(con, report.changes)
    return report


SCOPE = (
    "(e.sha256 IN (SELECT unnest(?)) "
    "OR e.sha256 IN (SELECT sha256 FROM article_ids WHERE id IN (SELECT unnest(?))))"
)


SUPERSEDED = SCOPE.replace("e.sha256", "a.superseded_by")


def new_event_ids(con: duckdb.DuckDBPyConnection, keys: list[str] | None) -> list[str]:
    """Current events (of these articles) that are in no incident yet (and that no analyst
    rejected: ``ledger.review``)."""
    scope, params = ("TRUE", []) if keys is None else (SCOPE, [keys, keys])
    rows = rows_of(
        con,
        "SELECT e.id FROM events e JOIN articles a USING (sha256) WHERE a.current AND "
        f"{scope} AND e.id NOT IN (SELECT event_id FROM incident_events) "
        f"AND e.id NOT IN ({REJECTED_EVENTS})",
        params,
    )
    return [row["id"] for row in rows]


def stale_blocks(con: duckdb.DuckDBPyConnection, keys: list[str] | None) -> set[str]:
    """Blocks holding events of superseded articles (by these articles' new versions)."""
    scope, params = ("TRUE", []) if keys is None else (SUPERSEDED, [keys, keys])
    rows = rows_of(
        con,
        "SELECT DISTINCT ie.block FROM incident_events ie JOIN articles a USING (sha256) "
        f"WHERE NOT a.current AND {scope}",
        params,
    )
    return {row["block"] for row in rows}


def last_keys(con: duckdb.DuckDBPyConnection, blocks: Sequence[str]) -> dict[str, str]:
    """The greatest fusing-order key stored in each block."""
    rows = rows_of(
        con,
        "SELECT block, max(sort_key) AS last FROM incident_events "
        "WHERE block IN (SELECT unnest(?)) GROUP BY block",
        [list(blocks)],
    )
    return {row["block"]: row["last"] for row in rows}


def detach_events(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> set[str]:
    """Take events out of their incidents (links and claims), before they change or go;
    RETURNS the blocks they were in, to recompute (``fuse(…, stale=…)``)."""
    if not event_ids:
        return set()
    ids = [list(event_ids)]
    found = rows_of(
        con, "SELECT DISTINCT block FROM incident_events WHERE event_id IN (SELECT unnest(?))", ids
    )
    for table in ("claims", "incident_events"):
        con.execute(f"DELETE FROM {table} WHERE event_id IN (SELECT unnest(?))", ids).fetchall()
    return {row["block"] for row in found}


Written = tuple[list[IncidentRow], list[str]]
"""The incidents a block held before it was written (those it rewrote), and the ids written."""


def recompute_block(con: duckdb.DuckDBPyConnection, block: str, new: list[Member]) -> Written:
    """Fuse the block's current events again, from scratch. An incident keeps its id
    while it keeps any of its events (``keep_ids``)."""
    rows = rows_of(
        con,
        "SELECT ie.event_id, ie.incident_id FROM incident_events ie JOIN articles a "
        "USING (sha256) WHERE ie.block = ? AND a.current "
        f"AND ie.event_id NOT IN ({REJECTED_EVENTS})",
        [block],
    )
    old = load_incidents(con, "block = ?", [block])
    members = load_members(con, [row["event_id"] for row in rows]) + new
    delete_incidents(con, [row.id for row in old])
    profiles = assign(members, [])
    keep_ids(profiles, {row["event_id"]: row["incident_id"] for row in rows})
    for profile in profiles:
        write_incident(con, profile, None)
    return old, [profile.id for profile in profiles]


def keep_ids(profiles: list[Profile], incident_of: dict[str, str]) -> None:
    """Give each recomputed incident the id of the stored incident it shares most events
    with (oldest incidents first; each id once), so incidents keep their ids as they
    gain, lose or reorder members."""
    taken: set[str] = set()
    for profile in sorted(profiles, key=lambda p: p.first_key):
        shared: dict[str, int] = {}
        for member, _ in profile.joined:
            old = incident_of.get(member.event.id)
            if old is not None and old not in taken:
                shared[old] = shared.get(old, 0) + 1
        if shared:
            profile.id = min(shared, key=lambda i: (-shared[i], i))
            taken.add(profile.id)
    for profile in profiles:  # a new incident whose hashed id an older one kept
        if profile.id in taken and not any(
            incident_of.get(m.event.id) == profile.id for m, _ in profile.joined
        ):
            profile.id = incident_id(profile.facts, f"{profile.id}|{profile.first_key}")


def extend_block(con: duckdb.DuckDBPyConnection, block: str, new: list[Member]) -> Written:
    """Attach new events to the block's stored incidents."""
    stored = {row.id: row for row in load_incidents(con, "block = ?", [block])}
    profiles = [Profile(row.id, stored_facts(row), row.first_key) for row in stored.values()]
    touched = assign(new, profiles)
    for profile in touched:
        write_incident(con, profile, stored.get(profile.id))
    was = [stored[p.id] for p in touched if p.id in stored]
    return was, [profile.id for profile in touched]


def stored_facts(row: IncidentRow) -> Facts:
    """An incident's matching profile as stored: the merge of its events' facts."""
    return Facts(
        type=row.type,
        dyad=Dyad(tuple(row.source), tuple(row.target), row.symmetric),
        categories=frozenset(row.categories),
        systems=frozenset(row.systems),
        start=parse_day(row.time_start),
        end=parse_day(row.time_end),
        statuses=frozenset(row.statuses),
    )


def write_incident(
    con: duckdb.DuckDBPyConnection, profile: Profile, stored: IncidentRow | None
) -> None:
    """(Re)write an incident: its row, the claims that changed, links to its new events.

    stored (IncidentRow | None): the incident as stored before these events joined; it is
        resumed from its row and claims, without re-reading its events.
    """
    joined = [member for member, _ in profile.joined]
    old = load_claims(con, profile.id) if stored else []
    new = [c for m in joined for c in claims_of(m, profile.id, profile.facts.dyad)]
    claims = counted(old + new)
    tally = Tally.resume(stored, load_quantified(con, profile.id)) if stored else Tally()
    for member in sorted(joined, key=lambda m: m.sort_key):
        tally.add(report_of(member))
    rules = finding_rules(con, joined) + (stored.rules if stored else [])
    row = summarize(profile.id, profile.facts, tally, claims, rules)
    con.execute("DELETE FROM incidents WHERE id = ?", [profile.id]).fetchall()
    insert(con, INCIDENTS, [row])
    rewrite = {m.event.id for m in joined} | changed_events(old, claims[: len(old)])
    con.execute(
        "DELETE FROM claims WHERE incident_id = ? AND event_id IN (SELECT unnest(?))",
        [profile.id, sorted(rewrite)],
    ).fetchall()
    insert(con, CLAIMS, [c for c in claims if c.event_id in rewrite])
    insert(con, INCIDENT_EVENTS, [link(profile.id, row.block, m, why) for m, why in profile.joined])


def changed_events(before: Sequence[Claim], after: Sequence[Claim]) -> set[str]:
    """Events whose stored claims now count differently (a new channel, a new copy)."""
    return {
        a.event_id
        for b, a in zip(before, after, strict=True)
        if (b.counted_as, b.note) != (a.counted_as, a.note)
    }


def link(incident_id: str, block: str, member: Member, why: str) -> IncidentEvent:
    return IncidentEvent(
        incident_id=incident_id,
        event_id=member.event.id,
        sha256=member.article.sha256,
        block=block,
        sort_key=member.sort_key,
        reason=why,
    )


def finding_rules(con: duckdb.DuckDBPyConnection, members: Sequence[Member]) -> list[str]:
    """The rules the findings on these events cite."""
    rows = rows_of(
        con,
        "SELECT DISTINCT rule FROM findings WHERE event IN (SELECT unnest(?))",
        [[m.event.id for m in members]],
    )
    return sorted(row["rule"] for row in rows)
