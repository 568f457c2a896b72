"""Resolve time expressions against the article's date (never against today's date).

``resolve_time("in August", date(2022, 9, 6))`` → 2022-08-01..2022-08-31, precision month.
Months and weekdays without a year resolve to the latest one on or before the anchor
(news reports the past); without an anchor, relative expressions stay unresolved.
"""

from __future__ import annotations

import calendar
import re
from datetime import date, timedelta

from armswatch.model import Time

MONTHS = {name.lower(): i for i, name in enumerate(calendar.month_name) if name}
MONTHS.update({name.lower(): i for i, name in enumerate(calendar.month_abbr) if name})
MONTHS["sept"] = 9
WEEKDAYS = {name.lower(): i for i, name in enumerate(calendar.day_name)}
SEASONS = {"spring": (3, 5), "summer": (6, 8), "autumn": (9, 11), "fall": (9, 11)}
MONTH_RE = "|".join(sorted(MONTHS, key=len, reverse=True))

DAY_MONTH_YEAR = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\.?,?\s+(\d{{4}})\b", re.I)
MONTH_DAY_YEAR = re.compile(
    rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?,?\s+(\d{{4}})\b", re.I
)
ISO_DATE = re.compile(r"\b(\d{4})-(\d{2})-(\d{2})\b")
MONTH_YEAR = re.compile(rf"\b({MONTH_RE})\.?,?\s+(?:of\s+)?(\d{{4}})\b", re.I)
DAY_MONTH = re.compile(rf"\b(\d{{1,2}})\s+({MONTH_RE})\b", re.I)
MONTH_DAY = re.compile(rf"\b({MONTH_RE})\.?\s+(\d{{1,2}})(?:st|nd|rd|th)?\b", re.I)
MONTH_ONLY = re.compile(rf"\b({MONTH_RE})\b", re.I)
YEAR = re.compile(r"\b(19\d{2}|20\d{2})\b")
WEEKDAY = re.compile(r"\b(" + "|".join(WEEKDAYS) + r")\b", re.I)
SEASON = re.compile(r"\b(spring|summer|autumn|fall)\b", re.I)


def month_range(year: int, month: int) -> tuple[date, date]:
    return date(year, month, 1), date(year, month, calendar.monthrange(year, month)[1])


def make_time(text: str, start: date, end: date, precision: str) -> Time:
    return Time(text=text, start=start.isoformat(), end=end.isoformat(), precision=precision)


def latest_month(month: int, anchor: date) -> int:
    """The year of the latest ``month`` on or before the anchor's month."""
    return anchor.year if month <= anchor.month else anchor.year - 1


def resolve_time(text: str, anchor: date | None) -> Time | None:
    """A Time for the expression, or None when it names no resolvable time."""
    lowered = text.lower()
    absolute = resolve_absolute(text)
    if absolute is not None:
        return since(absolute, text, anchor) if lowered.startswith("since") else absolute
    if anchor is None:
        return Time(text=text) if looks_temporal(lowered) else None
    relative = resolve_relative(text, lowered, anchor)
    if relative is not None and lowered.startswith("since"):
        return since(relative, text, anchor)
    return relative


def since(start_time: Time, text: str, anchor: date | None) -> Time:
    end = anchor.isoformat() if anchor else None
    return Time(text=text, start=start_time.start, end=end, precision="range")


def resolve_absolute(text: str) -> Time | None:
    for pattern, order in ((DAY_MONTH_YEAR, "dmy"), (MONTH_DAY_YEAR, "mdy")):
        m = pattern.search(text)
        if m:
            day, month, year = (m[1], m[2], m[3]) if order == "dmy" else (m[2], m[1], m[3])
            return exact_day(text, int(year), MONTHS[month.lower().rstrip(".")], int(day))
    m = ISO_DATE.search(text)
    if m:
        return exact_day(text, int(m[1]), int(m[2]), int(m[3]))
    m = MONTH_YEAR.search(text)
    if m:
        return make_time(text, *month_range(int(m[2]), MONTHS[m[1].lower()]), "month")
    m = YEAR.search(text)
    if m and not MONTH_ONLY.search(text):
        year = int(m[1])
        return make_time(text, date(year, 1, 1), date(year, 12, 31), "year")
    return None


def exact_day(text: str, year: int, month: int, day: int) -> Time | None:
    try:
        day_date = date(year, month, day)
    except ValueError:
        return None
    return make_time(text, day_date, day_date, "day")


def resolve_relative(text: str, lowered: str, anchor: date) -> Time | None:
    for resolver in (relative_keyword, day_month, month_only, weekday, season):
        result = resolver(text, lowered, anchor)
        if result is not None:
            return result
    return None


def relative_keyword(text: str, lowered: str, anchor: date) -> Time | None:
    if "today" in lowered or "this morning" in lowered or "tonight" in lowered:
        return make_time(text, anchor, anchor, "day")
    if "yesterday" in lowered:
        day = anchor - timedelta(days=1)
        return make_time(text, day, day, "day")
    if "last month" in lowered or "previous month" in lowered:
        last = anchor.replace(day=1) - timedelta(days=1)
        return make_time(text, *month_range(last.year, last.month), "month")
    if "this month" in lowered:
        return make_time(text, *month_range(anchor.year, anchor.month), "month")
    if "last year" in lowered:
        return make_time(text, date(anchor.year - 1, 1, 1), date(anchor.year - 1, 12, 31), "year")
    if "this year" in lowered and not SEASON.search(lowered):
        return make_time(text, date(anchor.year, 1, 1), anchor, "year")
    if "last week" in lowered:
        return make_time(text, anchor - timedelta(days=13), anchor - timedelta(days=7), "range")
    if "this week" in lowered:
        return make_time(text, anchor - timedelta(days=anchor.weekday()), anchor, "range")
    return None


def day_month(text: str, lowered: str, anchor: date) -> Time | None:
    for pattern, order in ((DAY_MONTH, "dm"), (MONTH_DAY, "md")):
        m = pattern.search(text)
        if m:
            day, month = (m[1], m[2]) if order == "dm" else (m[2], m[1])
            month_no = MONTHS[month.lower()]
            return exact_day(text, latest_month(month_no, anchor), month_no, int(day))
    return None


def month_only(text: str, lowered: str, anchor: date) -> Time | None:
    m = MONTH_ONLY.search(text)
    if not m or (m[1].lower() in {"may", "march"} and not m[1][0].isupper()):
        return None
    month_no = MONTHS[m[1].lower()]
    return make_time(text, *month_range(latest_month(month_no, anchor), month_no), "month")


def weekday(text: str, lowered: str, anchor: date) -> Time | None:
    m = WEEKDAY.search(text)
    if not m:
        return None
    delta = (anchor.weekday() - WEEKDAYS[m[1].lower()]) % 7
    day = anchor - timedelta(days=delta)
    return make_time(text, day, day, "day")


def season(text: str, lowered: str, anchor: date) -> Time | None:
    m = SEASON.search(text)
    if not m:
        return None
    first, last = SEASONS[m[1].lower()]
    year = anchor.year if first <= anchor.month else anchor.year - 1
    return make_time(text, date(year, first, 1), month_range(year, last)[1], "range")


def looks_temporal(lowered: str) -> bool:
    return bool(
        MONTH_ONLY.search(lowered)
        or WEEKDAY.search(lowered)
        or SEASON.search(lowered)
        or re.search(r"\b(today|yesterday|last|this|ago|earlier)\b", lowered)
    )


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
