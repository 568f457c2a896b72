"""The list of tables: each one a model (with its key columns) and nothing else.

``TABLES`` is the single declaration; the columns, ``CREATE TABLE`` statements and
Arrow schemas are derived from it. The migrations (``armswatch.store.migrations``) are
frozen SQL, and ``tests/store/test_schema.py`` fails when applying them all does not
give exactly the schema derived here (then add a migration: ``schema_diff`` says what).
"""

from __future__ import annotations

from dataclasses import dataclass, field
from functools import cached_property

import pyarrow as pa
from pydantic import BaseModel

from armswatch.model import Actor, Attribution, Event, Evidence, Finding, Item, Mention
from armswatch.store.columns import (
    BIGINT,
    SCALARS,
    VARCHAR,
    Column,
    SqlType,
    model_columns,
    quote,
)
from armswatch.store.records import (
    ArticleAlias,
    Band,
    ErrorRecord,
    NearDuplicate,
    RunRecord,
    Signature,
    StoredArticle,
)

KEY_COLUMNS: dict[str, Column] = {
    "sha256": Column("sha256", VARCHAR, False),
    "event_id": Column("event_id", VARCHAR, False),
    "role": Column("role", VARCHAR, False),
    "ordinal": Column("ordinal", BIGINT, False),
}
EVENT_CHILDREN = frozenset({"source", "target", "items", "attribution", "evidence"})
KEY_LIST = SqlType("VARCHAR[]", pa.list_(pa.string()))
EVENT_DYAD = (
    Column("source_keys", KEY_LIST, False),
    Column("target_keys", KEY_LIST, False),
)
"""Copies of the actors' keys on the event row (``Actor.key``: the country, else the id;
distinct, in order), so the dashboard's supplier → recipient queries need no join."""
EVENT_DAY = Column("day", VARCHAR, True)
"""The day lists sort and filter events by: the event's own start, else its article's
publication day (so event lists need no join with ``articles``)."""
EVENT_CURRENT = Column("current", SCALARS[bool], False)
"""A copy of ``articles.current``: the writer sets it false with the article's
(``store.versions``), so lists of current events need no join either."""
FINDING_ID = Column("id", VARCHAR, True)
"""The finding's stable id (``ledger.ids.finding_id``: its event and rule); null only
for a finding whose rows predate migration 7 and could not be given one."""


@dataclass(frozen=True)
class Table:
    """A table: key columns (``KEY_COLUMNS``), then the model's fields, flattened.

    identity: the columns that identify a row (default: the key columns); the writer
        never stores two rows with the same identity. primary_key: also declare it as
        the PRIMARY KEY (an index DuckDB keeps in memory: only where it earns its cost).
    derived: columns after the model's, computed from the record by ``analysis_to_rows``
        (not part of the model: reading a row back ignores them).
    lookups: columns the read side looks rows up by (``= ANY(?)`` with a list of
        values); each has an index, without which a lookup scans the whole table.
    """

    name: str
    model: type[BaseModel]
    doc: str
    keys: tuple[str, ...] = ()
    exclude: frozenset[str] = field(default_factory=frozenset)
    identity: tuple[str, ...] = ()
    primary_key: bool = False
    derived: tuple[Column, ...] = ()
    lookups: tuple[str, ...] = ()

    @property
    def identity_columns(self) -> tuple[str, ...]:
        return self.identity or self.keys

    @cached_property
    def columns(self) -> tuple[Column, ...]:
        keys = [KEY_COLUMNS[name] for name in self.keys]
        return (*keys, *model_columns(self.model, self.exclude), *self.derived)

    @cached_property
    def arrow_schema(self) -> pa.Schema:
        return pa.schema([pa.field(c.name, c.type.arrow, c.nullable) for c in self.columns])

    def ddl(self) -> str:
        lines = [column.ddl for column in self.columns]
        if self.primary_key:
            lines.append(f"PRIMARY KEY ({', '.join(map(quote, self.identity_columns))})")
        body = ",\n    ".join(lines)
        return f"CREATE TABLE {self.name} (\n    {body}\n);"

    def index_names(self) -> dict[str, str]:
        """Index name → the lookup column it serves."""
        return {f"{self.name}_{column}": column for column in self.lookups}

    def index_ddl(self) -> list[str]:
        return [
            f"CREATE INDEX {name} ON {self.name} ({quote(column)});"
            for name, column in self.index_names().items()
        ]


def _event_table(name: str, model: type[BaseModel], doc: str, *keys: str) -> Table:
    return Table(
        name, model, doc, keys=("sha256", "event_id", *keys, "ordinal"), lookups=("event_id",)
    )


TABLES: tuple[Table, ...] = (
    Table("articles", StoredArticle, "One row per text.", identity=("sha256",), primary_key=True),
    Table("article_ids", ArticleAlias, "Input ids per text.", identity=("id", "sha256")),
    Table("near_duplicates", NearDuplicate, "Near-copy links to earlier articles."),
    Table(
        "events",
        Event,
        "Events.",
        keys=("sha256", "ordinal"),
        exclude=EVENT_CHILDREN,
        derived=(*EVENT_DYAD, EVENT_DAY, EVENT_CURRENT),
        lookups=("id",),
    ),
    _event_table("actors", Actor, "Sources and targets of events.", "role"),
    _event_table("items", Item, "Weapons and materiel of events."),
    _event_table("evidence", Evidence, "Sentences that report events."),
    _event_table("attributions", Attribution, "Who says so."),
    Table(
        "findings",
        Finding,
        "Sanctions findings.",
        keys=("sha256", "ordinal"),
        derived=(FINDING_ID,),
        lookups=("event",),
    ),
    Table("mentions", Mention, "Recognised mentions.", keys=("sha256", "ordinal")),
    Table("minhashes", Signature, "MinHash signatures.", identity=("sha256",)),
    Table("minhash_bands", Band, "LSH band buckets of the signatures."),
    Table("runs", RunRecord, "Runs: what ran, when, counts.", identity=("id",), primary_key=True),
    Table("errors", ErrorRecord, "Bad records and failed analyses, per run."),
)
TABLE = {table.name: table for table in TABLES}
CONTENT_TABLES: tuple[str, ...] = (
    "articles",
    "events",
    "actors",
    "items",
    "evidence",
    "attributions",
    "findings",
    "mentions",
    "minhashes",
)
"""The tables ``analysis_to_rows`` fills: everything one article's analysis adds."""


def render_schema() -> str:
    """The whole schema derived from the models, as SQL (tables, then indexes)."""
    indexes = "\n".join(line for table in TABLES for line in table.index_ddl())
    return "\n\n".join(table.ddl() for table in TABLES) + "\n\n" + indexes + "\n"
