"""One batch of a re-analysis, inside one transaction: compare, rewrite, record, re-fuse.

For each article: the stored rows and the new ones are compared by stable id
(``ledger.diff``). An article whose rows are the same only gets its new fingerprint.
Otherwise its rows are replaced, each event and finding change becomes a ``history``
row, reviews of events that went or changed are flagged for a second look, and the
incidents of the blocks concerned are recomputed (keeping their ids) with a ``history``
row for each incident that changed.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import dataclass, field

import duckdb

from armswatch.fuse.update import detach_events, fuse
from armswatch.ledger.diff import Diff, diff_rows
from armswatch.ledger.history import Stamp, changes_of_diff, record_changes
from armswatch.ledger.review import flag_reviews
from armswatch.store.rows import Rows
from armswatch.store.sql import Row, arrow_rows, insert_rows, rows_of

REPLACED = ("events", "actors", "items", "evidence", "attributions", "findings", "mentions")
"""The tables an article's analysis fills (its text, signature and links stay)."""
ORDER = {
    "events": "ordinal",
    "actors": "event_id, role, ordinal",
    "findings": "ordinal",
    "mentions": "ordinal",
}


@dataclass
class Tally:
    """What re-analysis changed, summed over batches."""

    articles: int = 0
    changed_articles: int = 0
    failed: int = 0
    events_added: int = 0
    events_removed: int = 0
    events_changed: int = 0
    event_fields: Counter[str] = field(default_factory=Counter)
    findings_gained: int = 0
    findings_lost: int = 0
    findings_changed: int = 0
    incidents_added: int = 0
    incidents_removed: int = 0
    incidents_changed: int = 0
    reviews_flagged: int = 0
    history_rows: int = 0

    def add_diff(self, diff: Diff) -> None:
        self.events_added += len(diff.events_added)
        self.events_removed += len(diff.events_removed)
        self.events_changed += len(diff.events_changed)
        for _, _, fields in diff.events_changed.values():
            self.event_fields.update(fields)
        self.findings_gained += len(diff.findings_gained)
        self.findings_lost += len(diff.findings_lost)
        self.findings_changed += len(diff.findings_changed)

    @property
    def changes(self) -> int:
        """Events, findings and incidents added, removed or changed."""
        return (
            self.events_added
            + self.events_removed
            + self.events_changed
            + self.findings_gained
            + self.findings_lost
            + self.findings_changed
            + self.incidents_added
            + self.incidents_removed
            + self.incidents_changed
        )


def stored_rows(con: duckdb.DuckDBPyConnection, shas: Sequence[str]) -> dict[str, Rows]:
    """The rows of ``REPLACED`` stored for these articles, per article."""
    found: dict[str, Rows] = {sha: {name: [] for name in REPLACED} for sha in shas}
    for name in REPLACED:
        order = ORDER.get(name, "event_id, ordinal")
        query = f"SELECT * FROM {name} WHERE sha256 IN (SELECT unnest(?)) ORDER BY sha256, {order}"
        for row in rows_of(con, query, [list(shas)]):
            found[row["sha256"]][name].append(row)
    return found


def normalized(rows: Rows) -> Rows:
    """New rows as they would read back from the store (through their Arrow types)."""
    return {name: arrow_rows(name, rows.get(name, [])).to_pylist() for name in REPLACED}


def apply_batch(
    con: duckdb.DuckDBPyConnection, analysed: dict[str, Rows], stamp: Stamp, tally: Tally
) -> None:
    """Bring the store in line with new analyses (sha256 → rows), in the open transaction."""
    old = stored_rows(con, sorted(analysed))
    diffs = {sha: diff_rows(old[sha], normalized(rows)) for sha, rows in analysed.items()}
    tally.articles += len(analysed)
    stamps = {sha: rows["articles"][0].get("fingerprint") for sha, rows in analysed.items()}
    if stamps:
        con.execute(
            "UPDATE articles SET fingerprint = f.fingerprint FROM (SELECT unnest(?) AS sha256, "
            "unnest(?) AS fingerprint) f WHERE articles.sha256 = f.sha256",
            [list(stamps), list(stamps.values())],
        ).fetchall()
    changed = sorted(sha for sha, diff in diffs.items() if diff.rows_changed)
    if not changed:
        return
    ledger = [sha for sha in changed if diffs[sha].ledger_changed]
    tally.changed_articles += len(ledger)
    touched = sorted({i for sha in ledger for i in diffs[sha].touched_events})
    detached = blocks_of(con, touched)
    replace_rows(con, changed, analysed)
    history = []
    for sha in ledger:
        tally.add_diff(diffs[sha])
        history += changes_of_diff(diffs[sha], sha, stamp)
    tally.reviews_flagged += flag_reviews(con, [diffs[sha] for sha in ledger])
    tally.history_rows += record_changes(con, history)
    if ledger:
        refuse(con, ledger, touched, detached, stamp, tally)


def blocks_of(con: duckdb.DuckDBPyConnection, event_ids: Sequence[str]) -> set[str]:
    rows = rows_of(
        con,
        "SELECT DISTINCT block FROM incident_events WHERE event_id IN (SELECT unnest(?))",
        [list(event_ids)],
    )
    return {row["block"] for row in rows}


def replace_rows(
    con: duckdb.DuckDBPyConnection, shas: list[str], analysed: dict[str, Rows]
) -> None:
    """The articles' rows of ``REPLACED``, deleted and written anew."""
    for name in REPLACED:
        con.execute(f"DELETE FROM {name} WHERE sha256 IN (SELECT unnest(?))", [shas]).fetchall()
        rows: list[Row] = [row for sha in shas for row in analysed[sha].get(name, [])]
        insert_rows(con, name, rows)


def refuse(
    con: duckdb.DuckDBPyConnection,
    shas: list[str],
    touched: list[str],
    detached: set[str],
    stamp: Stamp,
    tally: Tally,
) -> None:
    """Recompute the incidents of the blocks the changes concern (``fuse`` writes their
    history rows) and count what changed."""
    detach_events(con, touched)
    changes = fuse(con, shas, stale=detached, stamp=stamp).changes
    tally.history_rows += len(changes)
    for change in changes:
        if change.change == "added":
            tally.incidents_added += 1
        elif change.change == "removed":
            tally.incidents_removed += 1
        else:
            tally.incidents_changed += 1
    gone = [c.subject for c in changes if c.change == "removed"]
    tally.reviews_flagged += flag_reviews(con, [], gone_incidents=gone)
