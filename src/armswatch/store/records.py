"""What the store keeps beside the contract: stored articles, runs, errors, links.

These models are declared once here, like the contract in ``armswatch.model``; the
tables (``armswatch.store.tables``) and the read-only view's results derive from them.
Times are naive UTC.
"""

from __future__ import annotations

from datetime import UTC, datetime
from typing import Literal

from pydantic import Field

from armswatch.model import Doc, Event, Finding, Record

RunStatus = Literal["running", "completed", "failed", "interrupted"]


def utc_now() -> datetime:
    """The current time as naive UTC (DuckDB ``TIMESTAMP``)."""
    return datetime.now(UTC).replace(tzinfo=None)


class StoredArticle(Doc):
    """An article as stored: identified by ``sha256`` (of its text), ``id`` as given."""

    text: str = Field(description="The article text; evidence offsets index into it.")
    version: int = Field(default=1, description="1, 2 … per input id, in order of storage.")
    current: bool = Field(default=True, description="False once a newer version is stored.")
    superseded_by: str | None = Field(default=None, description="sha256 of the next version.")
    cluster: str | None = Field(
        default=None, description="sha256 of the first stored article of its near-duplicate group."
    )
    run_id: str | None = Field(default=None, description="The run that stored it.")
    stored_at: datetime | None = None
    fingerprint: str | None = Field(
        default=None,
        description="The extractor that made the stored analysis (``ledger.fingerprint``); "
        "null for analyses stored before fingerprints were kept.",
    )


class StoredEvent(Event):
    """An event read back from the store; ``id`` is its stable id (``ledger.ids``)."""

    sha256: str = Field(description="The article the event was found in.")


class StoredFinding(Finding):
    """A finding read back from the store; ``event`` is the stored event id."""

    sha256: str = Field(description="The article the finding rests on.")


class ArticleAlias(Record):
    """Every (input id, text) pair seen: a repeated text under a new id is recorded here."""

    id: str
    sha256: str
    run_id: str | None = None
    seen_at: datetime | None = None


class NearDuplicate(Record):
    """A stored article that is a near-copy (MinHash Jaccard estimate) of an earlier one."""

    sha256: str
    duplicate_of: str = Field(description="sha256 of the earlier stored article.")
    similarity: float = Field(description="Estimated Jaccard similarity of word 3-shingles.")
    run_id: str | None = None


class Signature(Record):
    """The MinHash signature of an article's text (128 uint32, little-endian)."""

    sha256: str
    signature: bytes


class Band(Record):
    """One LSH band bucket of a signature: articles sharing a bucket are candidates."""

    band: int
    bucket: int
    sha256: str


class RunRecord(Record):
    """One ``armswatch run`` (or load): what ran, when, on what, with what result."""

    id: str
    command: str
    sources: list[str]
    status: RunStatus = "running"
    started_at: datetime
    finished_at: datetime | None = None
    workers: int = 1
    batch_size: int = 0
    host: str = ""
    pid: int = 0
    version: str = Field(default="", description="The armswatch version that ran.")
    articles_read: int = 0
    articles_skipped: int = Field(default=0, description="Already stored: not parsed again.")
    articles_stored: int = 0
    new_versions: int = 0
    aliases: int = Field(default=0, description="Stored texts seen under a new id.")
    near_duplicates: int = 0
    errors: int = 0
    peak_rss_mb: float | None = Field(default=None, description="Sampled, workers included.")
    message: str | None = None


class ErrorRecord(Record):
    """A record that could not be read or analysed during a run."""

    run_id: str
    source: str = Field(description="Input and line (``x.jsonl:17``), or the article id.")
    code: str
    message: str
    sha256: str | None = None
    at: datetime
