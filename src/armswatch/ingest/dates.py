"""Publication dates: any reasonable way of writing one becomes ISO 8601.

``parse_published`` is the one place where a ``published`` value is read, in every input
path (JSON Lines, JSON, the CLI's ``--published``, ``armswatch load``, the API, feeds and
pages of ``armswatch watch``). It accepts, in this order:

- ISO dates and date-times (``2024-02-20``, ``2024-02-20T10:00:00Z``), kept as written;
- RFC 822 / RFC 2822, the date of RSS and e-mail (``Tue, 20 Feb 2024 10:00:00 GMT``);
- written dates that name a day, a month and a year (``February 20, 2024``,
  ``20 févr. 2024``, ``2024/02/20``), read by dateparser in English first, then in the
  main languages of the news (``NEWS_LANGUAGES``).

Relative expressions ("yesterday", "3 days ago"), partial ones ("February 2024") and
numeric ones whose day and month could be swapped (``06/09/2022``) are refused: a
publication date is never guessed, least of all from the clock of the machine reading it.
``published_or_none`` is the lenient form for records: an unparseable value becomes
``None`` with a one-line warning naming the input, and the record is kept.
"""

from __future__ import annotations

import logging
import re
from contextvars import ContextVar
from datetime import date, datetime
from email.utils import parsedate_to_datetime
from typing import Any

from armswatch.errors import InputError

log = logging.getLogger("armswatch.ingest")

RECORD_SOURCE: ContextVar[str | None] = ContextVar("armswatch_record_source", default=None)
"""The input being read (``file.jsonl:17``), so a date warning can name it."""

DATEPARSER_SETTINGS: dict[str, Any] = {
    "PARSERS": ["custom-formats", "absolute-time"],
    "REQUIRE_PARTS": ["day", "month", "year"],
    "STRICT_PARSING": True,
}
"""Absolute dates only, with all three parts: no relative dates, nothing taken from now."""

NEWS_LANGUAGES = [
    *("fr", "de", "es", "it", "pt", "nl", "pl", "ru", "uk", "tr", "ar", "fa", "he"),
    *("zh", "ja", "ko", "hi", "id", "vi", "sv", "nb", "da", "fi", "cs", "ro", "el", "hu"),
]
"""The languages tried after English (dateparser would otherwise load every locale)."""
_HAS_TIME = re.compile(r"\d:\d\d")
MAX_LENGTH = 100
"""Longer values are not dates (and are not worth a parser's time)."""


def parse_published(value: object) -> str:
    """``value`` as an ISO date or date-time string; InputError when it is not a date.

    >>> parse_published("2024-02-20")
    '2024-02-20'
    >>> parse_published("Tue, 20 Feb 2024 10:00:00 GMT")
    '2024-02-20T10:00:00+00:00'
    >>> parse_published("February 20, 2024")
    '2024-02-20'
    """
    if not isinstance(value, str):
        raise InputError(f"invalid 'published' value {value!r}: not a string")
    text = value.strip()
    found = _iso(text) or _rfc822(text) or _written(text)
    if found is None:
        raise InputError(f"invalid 'published' value {value!r}: not a date")
    return found


def published_or_none(value: object, where: str | None = None) -> str | None:
    """``parse_published(value)``, or None with a one-line warning when it is no date.

    where (str | None): the input to name in the warning (default: ``RECORD_SOURCE``).
    An empty value (None, ``""``) is simply None, without a warning.
    """
    if value is None or (isinstance(value, str) and not value.strip()):
        return None
    try:
        return parse_published(value)
    except InputError as exc:
        source = where or RECORD_SOURCE.get() or "input"
        log.warning("%s: warning: %s; 'published' left empty", source, exc.message)
        return None


def _iso(text: str) -> str | None:
    try:
        datetime.fromisoformat(text)
    except ValueError:
        return None
    return text


def _rfc822(text: str) -> str | None:
    try:
        parsed = parsedate_to_datetime(text)
    except (TypeError, ValueError, IndexError):
        return None
    return parsed.isoformat()


def _written(text: str) -> str | None:
    if len(text) > MAX_LENGTH or not re.search(r"\d", text) or _ambiguous(text):
        return None
    import dateparser

    for languages in (["en"], NEWS_LANGUAGES):
        try:
            parsed = dateparser.parse(text, languages=languages, settings=DATEPARSER_SETTINGS)
        except Exception:  # a third-party parser: an odd value must not stop a batch
            parsed = None
        if parsed is not None:
            return _render(parsed, _HAS_TIME.search(text) is not None)
    return None


_ISO_SHAPED = re.compile(r"^\d{4}-\d{1,2}-\d{1,2}")
_NUMERIC = re.compile(r"^(\d{1,2})[/.-](\d{1,2})[/.-]\d{2,4}$")


def _ambiguous(text: str) -> bool:
    """``06/09/2022``: 6 September or June 9? Refused rather than guessed.

    >>> _ambiguous("06/09/2022"), _ambiguous("20.02.2024"), _ambiguous("05/05/2024")
    (True, False, False)
    """
    if _ISO_SHAPED.match(text):  # "2022-13-01": not ISO, and not to be read as Y-D-M
        return True
    found = _NUMERIC.match(text)
    if found is None:
        return False
    first, second = int(found.group(1)), int(found.group(2))
    return first != second and first <= 12 and second <= 12


def _render(parsed: datetime, has_time: bool) -> str:
    if has_time:
        return parsed.isoformat()
    return date(parsed.year, parsed.month, parsed.day).isoformat()
