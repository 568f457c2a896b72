"""The read endpoints beside the page table: health, one finding, the CSV downloads.

The JSON twins of the dashboard's pages are made from the page table (``api.pages``,
``api.endpoints``); these are the few endpoints without a page.
"""

from __future__ import annotations

from typing import Annotated, Any

from fastapi import APIRouter, Depends, Path, Query
from fastapi.responses import Response
from pydantic import BaseModel

from armswatch import __version__, queries
from armswatch.api.config import ApiSettings
from armswatch.api.deps import get_view, settings_of
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.errors import NotFoundError
from armswatch.export.table import to_csv
from armswatch.queries import incidents
from armswatch.queries.common import count
from armswatch.queries.events import finding_rows
from armswatch.queries.models import FindingPage
from armswatch.queries.params import EventQuery, FindingQuery
from armswatch.store.view import View

router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES)
ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]
Id = Annotated[str, Path(min_length=1, max_length=200)]
CSV: dict[int | str, dict[str, Any]] = {
    200: {"content": {"text/csv": {}}, "description": "CSV, one row per line."}
}


class Health(BaseModel):
    ok: bool
    version: str
    articles: int
    incidents: bool


@router.get("/health", tags=["meta"])
def health(view: ViewDep) -> Health:
    """Whether the store can be read; its article count; whether incidents are fused."""
    articles = count(view, "SELECT count(*) FROM articles WHERE current", [])
    return Health(
        ok=True, version=__version__, articles=articles, incidents=incidents.available(view)
    )


@router.get("/findings.csv", tags=["findings"], response_class=Response, responses=CSV)
def findings_csv(
    view: ViewDep, settings: SettingsDep, query: Annotated[FindingQuery, Query()]
) -> Response:
    """The same findings as CSV (limit up to 10× the page maximum)."""
    settings.check_limit(query.limit, factor=10)
    return csv_response(to_csv(queries.list_findings(view, query).findings), "findings.csv")


@router.get("/findings/{finding_id}", tags=["findings"])
def finding(view: ViewDep, finding_id: Id) -> FindingPage:
    """One finding (``<sha256>:f<n>``) and the path of its incident (or event) page."""
    rows = finding_rows(view, [finding_id])
    if not rows:
        raise NotFoundError(f"no finding {finding_id!r}")
    row = rows[0]
    story = f"/incidents/{row.incident}" if row.incident else f"/events/{row.event}"
    return FindingPage(finding=row, story=story)


@router.get("/events.csv", tags=["events"], response_class=Response, responses=CSV)
def events_csv(
    view: ViewDep, settings: SettingsDep, query: Annotated[EventQuery, Query()]
) -> Response:
    """The same events as CSV (limit up to 10× the page maximum)."""
    settings.check_limit(query.limit, factor=10)
    return csv_response(to_csv(queries.list_events(view, query).events), "events.csv")


def csv_response(text: str, name: str) -> Response:
    return Response(
        text,
        media_type="text/csv; charset=utf-8",
        headers={"Content-Disposition": f'attachment; filename="{name}"'},
    )
