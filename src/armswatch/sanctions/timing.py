"""When an event happened, as the engine checks it: a period of days, or unknown.

The event's own time is used when it has a start (``time.start`` .. ``time.end``,
inclusive; a month or year precision covers the whole month or year). Otherwise the
article's ``published`` date is used as a one-day period. With neither, the date is
unknown and findings carry ``in_force: null``.
"""

from __future__ import annotations

import calendar
import datetime as dt
import re
from dataclasses import dataclass

from armswatch.model import Event, Time

OPEN_END = dt.date(9999, 12, 30)
"""The last day of an open-ended period (one day short of date.max, so ends can be +1)."""


@dataclass(frozen=True)
class Period:
    """Days ``first..last`` (inclusive) and how to name them in an explanation."""

    first: dt.date
    last: dt.date
    label: str
    from_article: bool = False


def event_period(
    event: Event, published: dt.date | None, not_before: dt.date | None = None
) -> Period | None:
    """The period to check ``event`` at: its own time, else the article date, else, when
    the text ties the event to an era ('the war in Ukraine'), every day since that era
    began (open-ended: a rule with no end date decides it, a bounded one cannot), else
    None."""
    own = time_period(event.time) if event.time is not None else None
    if own is not None:
        return own
    if published is not None:
        label = f"no event date stated; article date {published.isoformat()}"
        return Period(published, published, label, from_article=True)
    if not_before is not None:
        label = f"no date stated; the text places it after {not_before.isoformat()}"
        return Period(not_before, OPEN_END, label, from_article=True)
    return None


def time_period(time: Time) -> Period | None:
    """The days an event's ``Time`` covers, or None when it has no usable start."""
    start = parse_partial(time.start) if time.start else None
    if start is None:
        return None
    end = parse_partial(time.end) if time.end else None
    first, last = start[0], end[1] if end is not None else start[1]
    last = max(last, first)
    return Period(first, last, _label(first, last, time.precision))


def parse_partial(text: str) -> tuple[dt.date, dt.date] | None:
    """``2024-05-01`` → that day; ``2024-05`` → the month; ``2024`` → the year."""
    parts = text.strip()[:10].split("-")
    try:
        numbers = [int(part) for part in parts]
        if len(numbers) == 3:
            day = dt.date(*numbers)
            return day, day
        if len(numbers) == 2:
            year, month = numbers
            last = calendar.monthrange(year, month)[1]
            return dt.date(year, month, 1), dt.date(year, month, last)
        if len(numbers) == 1 and len(parts[0]) == 4:
            return dt.date(numbers[0], 1, 1), dt.date(numbers[0], 12, 31)
    except ValueError:
        return None
    return None


def _label(first: dt.date, last: dt.date, precision: str | None) -> str:
    if precision == "year" and (first.month, first.day, last.month, last.day) == (1, 1, 12, 31):
        return f"{first.year}"
    if (
        precision == "month"
        and first.day == 1
        and (last.year, last.month) == (first.year, first.month)
    ):
        return first.strftime("%Y-%m")
    if first == last:
        return first.isoformat()
    return f"{first.isoformat()} to {last.isoformat()}"


SINCE_YEAR = re.compile(
    r"\b[Ss]ince (?:early |late |mid-|the start of |the end of )?((?:19|20)\d\d)\b"
)


def written_after(text: str | None) -> dt.date | None:
    """For an undated article: the earliest day it can have been written, from the
    years it says something has lasted "since" (the latest such year, from 1 January).

    >>> written_after("Libya has been in turmoil since 2011; fighting since 2014.")
    datetime.date(2014, 1, 1)
    """
    years = [int(m.group(1)) for m in SINCE_YEAR.finditer(text or "")]
    return dt.date(max(years), 1, 1) if years else None


def latest(*days: dt.date | None) -> dt.date | None:
    """The latest of the known days (None when none is known)."""
    known = [day for day in days if day is not None]
    return max(known) if known else None
