"""Rows of the query models as CSV: nested fields flattened, lists joined with ``;``.

Cells that a spreadsheet would run as a formula (``=``, ``+``, ``-``, ``@`` …) are
prefixed with ``'``: article text is untrusted.
"""

from __future__ import annotations

import csv
import io
from collections.abc import Sequence
from typing import Any

from pydantic import BaseModel

FORMULA = ("=", "+", "-", "@", "\t", "\r")


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
    if isinstance(value, dict):
        return str(value.get("key") or value.get("id") or value.get("text") or value)
    return "" if value is None else str(value)


def safe(value: Any) -> Any:
    if isinstance(value, str) and value.startswith(FORMULA):
        return "'" + value
    return value


def to_csv(rows: Sequence[BaseModel]) -> str:
    """CSV text with a header (the first row's fields; empty input: empty text)."""
    flattened = [flat(row.model_dump(mode="json")) for row in rows]
    if not flattened:
        return ""
    out = io.StringIO()
    writer = csv.DictWriter(out, fieldnames=list(flattened[0]), extrasaction="ignore")
    writer.writeheader()
    for row in flattened:
        writer.writerow({k: safe(v) for k, v in row.items()})
    return out.getvalue()
