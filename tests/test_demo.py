"""What ``make demo`` builds is what the README shows: the incident ids quoted in the
README, docs/incidents.md and docs/ledger.md exist in the store made from ``samples/``."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armswatch.ledger.history import history_of
from armswatch.pipeline import Analyzer
from armswatch.queries import incident_story
from armswatch.run.local import RunOptions, run_local
from armswatch.store.view import open_view

pytestmark = [pytest.mark.issue(15), pytest.mark.slow]
ROOT = Path(__file__).resolve().parents[1]
INCIDENT = re.compile(r"\binc_[0-9a-f]{16}\b")


def test_documented_incidents_exist_in_the_demo_store(tmp_path: Path, analyzer: Analyzer) -> None:
    quoted = {
        found
        for doc in (ROOT / "README.md", *(ROOT / "docs" / n for n in ("incidents.md", "ledger.md")))
        for found in INCIDENT.findall(doc.read_text(encoding="utf-8"))
    }
    assert quoted, "the README quotes no incident"
    db = tmp_path / "demo.duckdb"
    run_local([ROOT / "samples"], db, RunOptions(progress=False), analyzer=analyzer)
    with open_view(db) as view:
        for incident_id in sorted(quoted):
            story = incident_story(view, incident_id)  # NotFoundError names a stale id
            assert story.entries and story.title
            # `armswatch history ID` (README) has the run that made it to show
            assert [c.change for c in history_of(view.con, incident_id)][:1] == ["added"]
