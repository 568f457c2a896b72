"""What a store holds: rows per table, events per type, findings per rule, recent runs."""

from __future__ import annotations

from pydantic import BaseModel

from armswatch.store.records import RunRecord
from armswatch.store.tables import TABLES
from armswatch.store.view import View


class StoreStats(BaseModel):
    """Counts of a store. Events, findings and clusters count current articles only."""

    path: str
    tables: dict[str, int]
    current_articles: int
    superseded_articles: int
    clusters: int
    events_by_type: dict[str, int]
    findings_by_rule: dict[str, int]
    errors_by_code: dict[str, int]
    runs: list[RunRecord]


def counts(view: View, query: str) -> dict[str, int]:
    return {str(key): int(n) for key, n in view.sql(query).rows}


def collect_stats(view: View, runs: int = 5) -> StoreStats:
    """The counts of the store open in ``view`` and its last ``runs`` runs."""
    tables = {t.name: int(view.sql(f"SELECT count(*) FROM {t.name}").rows[0][0]) for t in TABLES}
    current = "JOIN articles a USING (sha256) WHERE a.current"
    articles = counts(view, "SELECT current::VARCHAR, count(*) FROM articles GROUP BY ALL")
    return StoreStats(
        path=str(view.path),
        tables=tables,
        current_articles=articles.get("true", 0),
        superseded_articles=articles.get("false", 0),
        clusters=int(
            view.sql("SELECT count(DISTINCT cluster) FROM articles WHERE current").rows[0][0]
        ),
        events_by_type=counts(
            view, f"SELECT type, count(*) AS n FROM events {current} GROUP BY ALL ORDER BY n DESC"
        ),
        findings_by_rule=counts(
            view, f"SELECT rule, count(*) AS n FROM findings {current} GROUP BY ALL ORDER BY n DESC"
        ),
        errors_by_code=counts(
            view, "SELECT code, count(*) AS n FROM errors GROUP BY ALL ORDER BY n DESC"
        ),
        runs=view.runs(runs),
    )
