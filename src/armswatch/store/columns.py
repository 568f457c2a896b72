"""Columns derived from pydantic models: one derivation for DDL, Arrow, rows and back.

A scalar field is a column; a nested model is flattened into ``<field>_<subfield>``
columns (all nullable when the nested model is optional); a list of scalars or of
models is one ``LIST`` / ``STRUCT[]`` column. Each column remembers its ``path`` in the
model, so a record becomes a row (``flatten``) and a row a record again (``nest``) by the
same list that generates ``CREATE TABLE`` and the Arrow schema.
"""

from __future__ import annotations

import types
from collections.abc import Iterator, Mapping
from dataclasses import dataclass
from datetime import datetime
from typing import Any, Literal, Union, get_args, get_origin

import pyarrow as pa
from pydantic import BaseModel


@dataclass(frozen=True)
class SqlType:
    """A DuckDB column type and the Arrow type that carries it."""

    ddl: str
    arrow: pa.DataType


VARCHAR = SqlType("VARCHAR", pa.string())
BIGINT = SqlType("BIGINT", pa.int64())
SCALARS: dict[object, SqlType] = {
    str: VARCHAR,
    int: BIGINT,
    float: SqlType("DOUBLE", pa.float64()),
    bool: SqlType("BOOLEAN", pa.bool_()),
    bytes: SqlType("BLOB", pa.binary()),
    datetime: SqlType("TIMESTAMP", pa.timestamp("us")),
}


@dataclass(frozen=True)
class Column:
    """One column: name, type, nullability, and where its value sits in the model."""

    name: str
    type: SqlType
    nullable: bool
    path: tuple[str, ...] = ()

    @property
    def ddl(self) -> str:
        return f"{quote(self.name)} {self.type.ddl}{'' if self.nullable else ' NOT NULL'}"


def quote(name: str) -> str:
    """A quoted SQL identifier (``end``, ``type`` and ``time`` are keywords)."""
    return '"' + name.replace('"', '""') + '"'


def unwrap_optional(annotation: Any) -> tuple[Any, bool]:
    """``(X, True)`` for ``X | None``, else ``(annotation, False)``."""
    if get_origin(annotation) in (Union, types.UnionType):
        args = [a for a in get_args(annotation) if a is not type(None)]
        if len(args) == 1:
            return args[0], len(args) < len(get_args(annotation))
    return annotation, False


def is_model(annotation: Any) -> bool:
    return isinstance(annotation, type) and issubclass(annotation, BaseModel)


def sql_type(annotation: Any) -> SqlType:
    """The column type of a field annotation (nested models inside lists become STRUCTs)."""
    annotation, _ = unwrap_optional(annotation)
    if get_origin(annotation) is Literal:
        return VARCHAR
    if annotation in SCALARS:
        return SCALARS[annotation]
    if is_model(annotation):
        fields = [(n, sql_type(f.annotation)) for n, f in annotation.model_fields.items()]
        inner = ", ".join(f"{quote(n)} {t.ddl}" for n, t in fields)
        return SqlType(f"STRUCT({inner})", pa.struct([(n, t.arrow) for n, t in fields]))
    if get_origin(annotation) is list:
        item = sql_type(get_args(annotation)[0])
        return SqlType(f"{item.ddl}[]", pa.list_(item.arrow))
    raise TypeError(f"no column type for {annotation!r}")


def model_columns(
    model: type[BaseModel],
    exclude: frozenset[str] = frozenset(),
    prefix: tuple[str, ...] = (),
    optional: bool = False,
) -> Iterator[Column]:
    """The columns of ``model``'s fields in declaration order (``exclude``: child tables)."""
    for name, field in model.model_fields.items():
        if name in exclude:
            continue
        annotation, nullable = unwrap_optional(field.annotation)
        path = (*prefix, name)
        if is_model(annotation):
            yield from model_columns(annotation, prefix=path, optional=optional or nullable)
        else:
            yield Column("_".join(path), sql_type(annotation), optional or nullable, path)


def flatten(record: BaseModel, columns: tuple[Column, ...]) -> dict[str, Any]:
    """The row of ``record``: the value at each column's path (None under a None parent)."""
    data = record.model_dump()
    row: dict[str, Any] = {}
    for column in columns:
        if not column.path:
            continue
        value: Any = data
        for key in column.path:
            value = value.get(key) if isinstance(value, dict) else None
        row[column.name] = value
    return row


def nest(row: Mapping[str, Any], columns: tuple[Column, ...]) -> dict[str, Any]:
    """The reverse of ``flatten``: nested dicts, with an all-null nested model as None."""
    data: dict[str, Any] = {}
    for column in columns:
        if column.path:
            target = data
            for key in column.path[:-1]:
                target = target.setdefault(key, {})
            target[column.path[-1]] = row[column.name]
    return _prune(data)


def _prune(data: dict[str, Any]) -> dict[str, Any]:
    for key, value in data.items():
        if isinstance(value, dict):
            inner = _prune(value)
            data[key] = None if all(v is None for v in inner.values()) else inner
    return data


def struct_sql(
    columns: tuple[Column, ...], alias: str, extra: Mapping[str, str] | None = None
) -> str:
    """A SQL struct of a row of ``alias`` as ``nest`` makes it (the columns with a path,
    nested, an all-null nested model as NULL), plus the ``extra`` fields (name → SQL):
    ``to_json`` of it is the record's JSON."""
    tree: dict[str, Any] = dict(extra or {})
    for column in columns:
        if column.path:
            node = tree
            for key in column.path[:-1]:
                node = node.setdefault(key, {})
            node[column.path[-1]] = f"{alias}.{quote(column.name)}"
    return _struct(tree, top=True)


def _struct(tree: dict[str, Any], top: bool = False) -> str:
    fields = ", ".join(
        f"{_literal(key)}: {_struct(value) if isinstance(value, dict) else value}"
        for key, value in tree.items()
    )
    if top:
        return "{" + fields + "}"
    leaves = " AND ".join(f"{leaf} IS NULL" for leaf in _leaves(tree))
    return f"CASE WHEN {leaves} THEN NULL ELSE {{{fields}}} END"


def _leaves(tree: dict[str, Any]) -> Iterator[str]:
    for value in tree.values():
        if isinstance(value, dict):
            yield from _leaves(value)
        else:
            yield value


def _literal(key: str) -> str:
    return "'" + key.replace("'", "''") + "'"
