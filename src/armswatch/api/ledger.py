"""The ledger over HTTP: ``GET /api/reviews``, ``POST /api/reviews``, ``GET /api/history/{id}``.

Reads are open like every read route. A review is a write: it needs the write token
(``Authorization: Bearer $ARMSWATCH_INGEST_TOKEN``, as ``POST /api/ingest``), sent as a
header, which a page of another site cannot make a browser send: no cookie opens it, so
it is safe from cross-site request forgery. The dashboard's review buttons post a form
instead (``api.review_panel``), checked against the same token.
"""

from __future__ import annotations

from typing import Annotated

from fastapi import APIRouter, Depends, Query, Request
from pydantic import BaseModel, ConfigDict, Field

from armswatch.api.config import ApiSettings
from armswatch.api.deps import db_path, get_view, settings_of
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.api.write import check_ingest_token
from armswatch.ledger.history import history_of
from armswatch.ledger.models import Change, Review, ReviewStatus
from armswatch.ledger.review import reviews, set_review
from armswatch.store.store import open_store
from armswatch.store.view import View

router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES, tags=["ledger"])
ViewDep = Annotated[View, Depends(get_view)]
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]


class ReviewIn(BaseModel):
    """A review of an event or incident."""

    model_config = ConfigDict(extra="forbid")

    id: str = Field(min_length=1, max_length=200, description="The event or incident id.")
    status: ReviewStatus
    note: str | None = Field(default=None, max_length=2000)
    by: str | None = Field(default=None, max_length=200)


class ReviewList(BaseModel):
    reviews: list[Review]


class History(BaseModel):
    id: str
    changes: list[Change] = Field(description="Oldest first.")


@router.get("/reviews")
def list_reviews(
    view: ViewDep,
    status: Annotated[ReviewStatus | None, Query()] = None,
    recheck: Annotated[bool | None, Query(description="Only flagged (true) or not.")] = None,
) -> ReviewList:
    """Analysts' reviews, newest first (``armswatch review list``)."""
    return ReviewList(reviews=reviews(view.con, status, recheck=recheck))


@router.post("/reviews", status_code=201)
def post_review(request: Request, body: ReviewIn, settings: SettingsDep) -> Review:
    """Review an event or incident (needs ``Authorization: Bearer $ARMSWATCH_INGEST_TOKEN``)."""
    check_ingest_token(request, settings)
    return write_review(request, body)


def write_review(request: Request, body: ReviewIn) -> Review:
    """Record the review with the shared reader paused (one writer at a time); the read
    model is brought up to date afterwards, while requests go on."""
    reader = request.app.state.reader
    with reader.paused(), open_store(db_path(request), build_read_model=False) as store:
        review = set_review(store.con, body.id, body.status, body.note, body.by)
    reader.build_read_model_later()
    return review


@router.get("/history/{subject}")
def get_history(view: ViewDep, subject: str) -> History:
    """The changes of an event, finding or incident (``armswatch history ID``)."""
    return History(id=subject, changes=history_of(view.con, subject))
