"""Apply the migrations, check a database's version, and compare it with the models."""

from __future__ import annotations

import duckdb

from armswatch.errors import StoreError
from armswatch.store.columns import Column
from armswatch.store.records import utc_now
from armswatch.store.registry import all_migrations, all_tables
from armswatch.store.sql import scalar

BOOTSTRAP = (
    "CREATE TABLE IF NOT EXISTS schema_migrations "
    "(version BIGINT PRIMARY KEY, name VARCHAR NOT NULL, applied_at TIMESTAMP NOT NULL)"
)
ColumnShape = tuple[str, str, bool]
"""(name, DuckDB type without quotes, nullable) of one column."""


def schema_version(con: duckdb.DuckDBPyConnection) -> int:
    """The last migration applied to the database (0 for an empty one)."""
    if not scalar(
        con, "SELECT count(*) FROM information_schema.tables WHERE table_name = 'schema_migrations'"
    ):
        return 0
    return int(scalar(con, "SELECT coalesce(max(version), 0) FROM schema_migrations"))


def apply_migrations(con: duckdb.DuckDBPyConnection) -> list[int]:
    """Bring the database to the latest version; RETURNS the versions applied now."""
    con.execute(BOOTSTRAP).fetchall()
    current = check_not_newer(con)
    applied = []
    for step in all_migrations():
        if step.version <= current:
            continue
        con.begin()
        con.execute(step.sql).fetchall()
        con.execute(
            "INSERT INTO schema_migrations VALUES (?, ?, ?)", [step.version, step.name, utc_now()]
        ).fetchall()
        con.commit()
        applied.append(step.version)
    return applied


def check_not_newer(con: duckdb.DuckDBPyConnection) -> int:
    """The database's version; StoreError if a newer armswatch wrote it."""
    version, latest = schema_version(con), all_migrations()[-1].version
    if version > latest:
        raise StoreError(
            f"the database has schema version {version}, newer than this armswatch knows "
            f"({latest}): upgrade armswatch"
        )
    return version


def live_columns(con: duckdb.DuckDBPyConnection) -> dict[str, list[ColumnShape]]:
    """The columns of every table in the database (``schema_migrations`` aside)."""
    rows = con.execute(
        "SELECT table_name, column_name, data_type, is_nullable = 'YES' "
        "FROM information_schema.columns WHERE table_name <> 'schema_migrations' "
        "ORDER BY table_name, ordinal_position"
    ).fetchall()
    found: dict[str, list[ColumnShape]] = {}
    for table, name, data_type, nullable in rows:
        found.setdefault(table, []).append((name, data_type.replace('"', ""), bool(nullable)))
    return found


def shape(column: Column) -> ColumnShape:
    return column.name, column.type.ddl.replace('"', ""), column.nullable


def model_columns_by_table() -> dict[str, list[ColumnShape]]:
    """The columns every table should have, derived from the models."""
    return {table.name: [shape(c) for c in table.columns] for table in all_tables()}


def primary_keys(con: duckdb.DuckDBPyConnection) -> dict[str, list[str]]:
    """The PRIMARY KEY columns of every table that has one (``schema_migrations`` aside)."""
    found = con.execute(
        "SELECT table_name, constraint_column_names FROM duckdb_constraints() "
        "WHERE constraint_type = 'PRIMARY KEY' AND table_name <> 'schema_migrations'"
    ).fetchall()
    return {table: list(columns) for table, columns in found}


def indexes(con: duckdb.DuckDBPyConnection) -> dict[str, str]:
    """Index name → its table, for every index of the database."""
    found = con.execute("SELECT index_name, table_name FROM duckdb_indexes()").fetchall()
    return {name: table for name, table in found}


def index_diff(con: duckdb.DuckDBPyConnection) -> list[str]:
    """The declared lookup indexes (``Table.lookups``) missing from the database, as SQL,
    and the database's indexes nobody declared."""
    live = indexes(con)
    wanted = {name: t for t in all_tables() for name in t.index_names()}
    problems = [
        f"index {name} is not declared in any Table.lookups" for name in live.keys() - wanted
    ]
    for table in all_tables():
        problems += [
            ddl
            for name, ddl in zip(table.index_names(), table.index_ddl(), strict=True)
            if name not in live
        ]
    return problems


def schema_diff(con: duckdb.DuckDBPyConnection) -> list[str]:
    """Differences between the database and the models, with the SQL of a new migration."""
    live, wanted = live_columns(con), model_columns_by_table()
    problems = [f"table {name} is not declared (store.registry)" for name in live.keys() - wanted]
    problems += index_diff(con)
    keys = {t.name: list(t.identity_columns) for t in all_tables() if t.primary_key}
    if primary_keys(con) != keys:
        problems.append(f"primary keys: database {primary_keys(con)}, model {keys}")
    for name, columns in wanted.items():
        if name not in live:
            ddl = next(t for t in all_tables() if t.name == name).ddl()
            problems.append(f"missing table: {ddl}")
            continue
        have = {c[0]: c for c in live[name]}
        for column in columns:
            if column[0] not in have:
                problems.append(f"ALTER TABLE {name} ADD COLUMN {column[0]} {column[1]};")
            elif have[column[0]] != column:
                problems.append(f"{name}.{column[0]}: database {have[column[0]]}, model {column}")
        problems += [f"{name}.{c}: not in the model" for c in have.keys() - {c[0] for c in columns}]
    return problems
