"""Turning bytes and JSON records into checked Article objects.

Every check raises ``InputError`` with a one-line message; the readers catch it and
report an ``InputProblem`` for that record only.
"""

from __future__ import annotations

import codecs
import json
import re
from collections.abc import Callable, Mapping
from typing import Any

from pydantic import ValidationError

from armswatch.errors import InputError
from armswatch.ingest.dates import RECORD_SOURCE, parse_published, published_or_none
from armswatch.ingest.limits import IngestLimits, InputProblem
from armswatch.model import Article

Item = Article | InputProblem
"""What the readers yield: an article, or the problem that replaced it."""

_JSON_TYPES = {dict: "object", list: "array", str: "string", bool: "boolean", type(None): "null"}


def json_type(value: object) -> str:
    """The JSON name of a decoded value's type ("object", "array", "number" …)."""
    return _JSON_TYPES.get(type(value), "number")


def parse_json(text: str, *, multiline: bool = False) -> object:
    """Decode JSON (raw control characters in strings allowed), or raise InputError.

    multiline (bool): say the line of an error as well as its column (whole files).
    """
    try:
        return json.loads(text, strict=False)
    except json.JSONDecodeError as exc:
        where = f"line {exc.lineno} column {exc.colno}" if multiline else f"column {exc.colno}"
        raise InputError(f"malformed JSON ({exc.msg} at {where})") from None
    except RecursionError:
        raise InputError("malformed JSON (nested too deeply)") from None
    except ValueError as exc:  # e.g. an integer with too many digits
        raise InputError(f"malformed JSON ({exc})") from None


def check_published(value: object) -> str:
    """``value`` as an ISO date or date-time (``ingest.dates.parse_published``), else InputError."""
    return parse_published(value)


def decode_bytes(data: bytes) -> str:
    """Decode UTF-8 (a leading BOM is dropped); never guess another encoding."""
    if data.startswith((codecs.BOM_UTF16_LE, codecs.BOM_UTF16_BE)):
        raise InputError("UTF-16 text is not supported (convert the file to UTF-8)")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at offset {nul})")
    skip = len(codecs.BOM_UTF8) if data.startswith(codecs.BOM_UTF8) else 0
    try:
        return data[skip:].decode("utf-8")
    except UnicodeDecodeError as exc:
        offset = skip + exc.start
        raise InputError(f"not UTF-8 text (byte 0x{data[offset]:02x} at offset {offset})") from None


_SURROGATE = re.compile("[\\ud800-\\udfff]")
REPLACEMENT = "\ufffd"
STRING_FIELDS = ("id", "url", "title", "published", "outlet")
"""The optional string fields of a record, cleaned like the text."""


def clean_string(value: str) -> str:
    r"""``value`` with every lone surrogate replaced by U+FFFD, one character for one.

    A lone surrogate (``"\ud83d"`` in JSON: an emoji cut in half upstream) is valid JSON
    but no character UTF-8 can hold; nothing downstream (hashing, the store, Parquet)
    could write it. Replacing it keeps the length, so offsets into the text still hold.

    >>> clean_string("cut \ud83d here") == "cut \ufffd here"
    True
    """
    return _SURROGATE.sub(REPLACEMENT, value) if _SURROGATE.search(value) else value


def clean_field(value: str) -> str:
    r"""A metadata field (id, url, title …) cleaned: lone surrogates and NULs become U+FFFD.

    >>> clean_field("a\x00b") == "a\ufffdb"
    True
    """
    return clean_string(value).replace("\x00", REPLACEMENT)


def check_text(text: str, limits: IngestLimits) -> str:
    """``text`` cleaned (``clean_string``) if it is non-empty, NUL-free and within the limit.

    Every input path (JSON Lines, JSON, text and HTML files, the API) checks the text here.
    """
    text = clean_string(text)
    if not text.strip():
        raise InputError("empty text")
    if "\x00" in text:
        raise InputError("text contains NUL characters")
    if len(text) > limits.max_article_chars:
        raise InputError(
            f"text too long ({len(text):,} characters; limit {limits.max_article_chars:,})"
        )
    return text


def article_from_record(record: object, published: str | None, limits: IngestLimits) -> Article:
    """Check one decoded JSON record and make it an Article (strings cleaned, see
    ``check_text`` and ``clean_field``; the text is otherwise kept unchanged).

    published (str | None): the date for a record that has none (already checked).
    """
    if not isinstance(record, Mapping):
        raise InputError(f"record is not a JSON object (got {json_type(record)})")
    if "text" not in record:
        raise InputError("record has no 'text'")
    text = record["text"]
    if not isinstance(text, str):
        raise InputError(f"'text' is not a string (got {json_type(text)})")
    fields: dict[str, Any] = dict(record)
    fields["text"] = check_text(text, limits)
    for name in STRING_FIELDS:
        if isinstance(fields.get(name), str):
            fields[name] = clean_field(fields[name])
    if fields.get("published") is None:
        fields["published"] = published
    fields["published"] = published_or_none(fields["published"])  # a bad date: kept, undated
    try:
        return Article.model_validate(fields)
    except ValidationError as exc:
        errors = "; ".join(f"'{'.'.join(map(str, e['loc']))}': {e['msg']}" for e in exc.errors())
        raise InputError(f"invalid record ({errors})") from None


def record_item(source: str, make: Callable[[], Article]) -> Item:
    """The Article that ``make`` builds, or the InputProblem of its InputError."""
    token = RECORD_SOURCE.set(source)
    try:
        return make()
    except InputError as exc:
        return InputProblem(source, exc.message)
    finally:
        RECORD_SOURCE.reset(token)
