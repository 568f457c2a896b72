"""CSV for every writer of CSV (``export --format csv``, ``query --format csv``, the API).

``csv_cell`` is the one place a value becomes a CSV cell:

- text that a spreadsheet would run as a formula (starting with ``=``, ``+``, ``-``,
  ``@``, tab or carriage return) is prefixed with ``'``: article text is untrusted;
- nested values (lists, structs: evidence, actors, items) are JSON, never Python repr;
- floats are rounded to ``FLOAT_DIGITS`` decimals (``0.7999999999999999`` → ``0.8``);
- dates and times are ISO 8601, bytes hex, NULL an empty cell.

The API's CSV (``to_csv``) flattens its row models first: nested objects become
``parent_child`` columns and lists of actors their keys, joined with ``;``.
"""

from __future__ import annotations

import csv
import io
import json
from collections.abc import Iterable, Sequence
from datetime import date, datetime, time
from decimal import Decimal
from typing import Any, TextIO

from pydantic import BaseModel

FORMULA = ("=", "+", "-", "@", "\t", "\r")
FLOAT_DIGITS = 6


def safe(value: Any) -> Any:
    """Text a spreadsheet would evaluate, prefixed with ``'``; anything else unchanged.

    >>> safe("=HYPERLINK(\\"http://x\\")")
    '\\'=HYPERLINK("http://x")'
    """
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def plain(value: Any) -> Any:
    """A value with JSON's types only (for nested cells): floats rounded, dates ISO."""
    if isinstance(value, float):
        return round(value, FLOAT_DIGITS)
    if isinstance(value, Decimal):
        return float(round(value, FLOAT_DIGITS))
    if isinstance(value, datetime | date | time):
        return value.isoformat()
    if isinstance(value, bytes):
        return value.hex()
    if isinstance(value, dict):
        return {str(k): plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [plain(v) for v in value]
    return value


def csv_cell(value: Any) -> str:
    """One value as a neutralised CSV cell (see the module docstring).

    >>> [csv_cell(v) for v in (None, 0.7999999999999999, [{"a": 1}], "-1+1", True)]
    ['', '0.8', '[{"a": 1}]', "'-1+1", 'true']
    """
    if value is None:
        return ""
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, dict | list | tuple):
        return safe(json.dumps(plain(value), ensure_ascii=False))  # type: ignore[no-any-return]
    value = plain(value)
    if isinstance(value, float):
        return repr(value) if value != int(value) or abs(value) >= 1e16 else str(int(value))
    return safe(str(value))  # type: ignore[no-any-return]


def write_csv(
    columns: Sequence[str], chunks: Iterable[Sequence[Sequence[Any]]], out: TextIO
) -> int:
    """A header and the rows (in chunks), every cell through ``csv_cell``; RETURNS rows."""
    writer = csv.writer(out)
    writer.writerow([csv_cell(name) for name in columns])
    written = 0
    for chunk in chunks:
        writer.writerows([csv_cell(v) for v in row] for row in chunk)
        written += len(chunk)
    return written


def flat(data: dict[str, Any], prefix: str = "") -> dict[str, Any]:
    """``{"article": {"id": …}}`` → ``{"article_id": …}``; lists of actors → their keys."""
    out: dict[str, Any] = {}
    for key, value in data.items():
        name = f"{prefix}{key}"
        if isinstance(value, dict):
            out.update(flat(value, f"{name}_"))
        elif isinstance(value, list):
            out[name] = ";".join(cell_text(v) for v in value)
        else:
            out[name] = value
    return out


def cell_text(value: Any) -> str:
    """A list element of an API row: an actor's key, an id, a text, else JSON."""
    if isinstance(value, dict):
        found = value.get("key") or value.get("id") or value.get("text")
        return str(found) if found else json.dumps(plain(value), ensure_ascii=False)
    return "" if value is None else str(value)


def to_csv(rows: Sequence[BaseModel]) -> str:
    """CSV text with a header (the first row's fields; empty input: empty text)."""
    flattened = [flat(row.model_dump(mode="json")) for row in rows]
    if not flattened:
        return ""
    out = io.StringIO()
    columns = list(flattened[0])
    write_csv(columns, [[[row.get(name) for name in columns] for row in flattened]], out)
    return out.getvalue()
