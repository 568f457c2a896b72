"""``POST /api/analyze`` (one text → its analysis) and ``POST /api/ingest`` (into the store).

Both check the text length against ``ARMSWATCH_API_MAX_TEXT`` (413 beyond it). Ingest is
off unless ``ARMSWATCH_INGEST_TOKEN`` is set, and then needs it as a Bearer token; it
writes through the same engine as ``armswatch run`` (idempotent: stored texts are skipped).
"""

from __future__ import annotations

import hmac
import tempfile
import threading
from pathlib import Path
from typing import TYPE_CHECKING, Annotated

from fastapi import APIRouter, Depends, Request
from pydantic import BaseModel, ConfigDict, Field, field_validator

from armswatch.api.config import ApiSettings
from armswatch.api.deps import db_path, settings_of
from armswatch.api.problems import PROBLEM_RESPONSES
from armswatch.errors import AuthError, InvalidRequestError, RequestTooLargeError
from armswatch.ingest.dates import published_or_none
from armswatch.ingest.limits import IngestLimits
from armswatch.ingest.text import article_from_record
from armswatch.model import Analysis, Article
from armswatch.store.records import RunRecord

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer

router = APIRouter(prefix="/api", responses=PROBLEM_RESPONSES)
SettingsDep = Annotated[ApiSettings, Depends(settings_of)]
LOCK = threading.Lock()


class ArticleIn(BaseModel):
    """One article, as in the JSON Lines input (spec/OUTPUT.md): only ``text`` is required."""

    model_config = ConfigDict(extra="forbid")

    text: str = Field(min_length=1, description="The article body (ARMSWATCH_API_MAX_TEXT).")
    id: str | None = Field(default=None, min_length=1, max_length=300)
    url: str | None = Field(default=None, max_length=2000)
    title: str | None = Field(default=None, max_length=1000)
    published: str | None = Field(
        default=None,
        max_length=100,
        description="ISO date or date-time (RFC 822 and written dates are read too; a value "
        "that is no date is left empty); anchors relative dates.",
    )
    outlet: str | None = Field(default=None, max_length=300)

    @field_validator("published")
    @classmethod
    def read_date(cls, value: str | None) -> str | None:
        """Any reasonable date becomes ISO (``ingest.dates``); no date: left empty, kept."""
        return published_or_none(value, "request body")

    def article(self, max_text: int) -> Article:
        if len(self.text) > max_text:
            raise RequestTooLargeError(
                f"text of {len(self.text)} characters is over the limit of {max_text} "
                "(ARMSWATCH_API_MAX_TEXT)"
            )
        limits = IngestLimits(max_article_chars=max_text)
        return article_from_record(self.model_dump(exclude_none=True), None, limits)


class IngestIn(BaseModel):
    model_config = ConfigDict(extra="forbid")

    articles: list[ArticleIn] = Field(min_length=1, description="ARMSWATCH_API_MAX_ARTICLES.")


class IngestOut(BaseModel):
    run: RunRecord
    summary: str


def analyzer_of(request: Request) -> Analyzer:
    """The app's analyzer, loaded on first use (the spaCy model takes a few seconds)."""
    with LOCK:
        if request.app.state.analyzer is None:
            from armswatch.pipeline import default_analyzer

            request.app.state.analyzer = default_analyzer()
        found: Analyzer = request.app.state.analyzer
        return found


@router.post("/analyze", tags=["analysis"])
def analyze(request: Request, body: ArticleIn, settings: SettingsDep) -> Analysis:
    """Analyse one text: mentions, events, findings (spec/OUTPUT.md); nothing is stored."""
    article = body.article(settings.max_text)
    analyzer = analyzer_of(request)
    with LOCK:
        return analyzer.analyze(article)


@router.post("/ingest", tags=["analysis"])
def ingest(request: Request, body: IngestIn, settings: SettingsDep) -> IngestOut:
    """Analyse articles into the store (needs ``Authorization: Bearer $ARMSWATCH_INGEST_TOKEN``)."""
    check_ingest_token(request, settings)
    if len(body.articles) > settings.max_articles:
        raise InvalidRequestError(
            f"{len(body.articles)} articles in one request; at most {settings.max_articles} "
            "(ARMSWATCH_API_MAX_ARTICLES)"
        )
    articles = [a.article(settings.max_text) for a in body.articles]
    analyzer = analyzer_of(request)
    from armswatch.run.local import RunOptions, run_local

    reader = request.app.state.reader
    with LOCK, reader.paused(), tempfile.TemporaryDirectory() as tmp:
        source = Path(tmp) / "ingest.jsonl"
        source.write_text("".join(a.model_dump_json() + "\n" for a in articles), "utf-8")
        options = RunOptions(workers=1, progress=False, build_read_model=False)
        summary = run_local([source], db_path(request), options, analyzer=analyzer)
    reader.build_read_model_later()  # requests go on meanwhile, on the store's queries
    return IngestOut(run=summary.run, summary=summary.line())


def check_ingest_token(request: Request, settings: ApiSettings) -> None:
    if not settings.ingest_token:
        raise AuthError(
            "ingest is disabled on this server: set ARMSWATCH_INGEST_TOKEN to enable it"
        )
    header = request.headers.get("authorization", "")
    offered = header[7:].strip() if header[:7].lower() == "bearer " else ""
    if not hmac.compare_digest(offered.encode(), settings.ingest_token.encode()):
        raise AuthError("ingest needs `Authorization: Bearer <ARMSWATCH_INGEST_TOKEN>`")
