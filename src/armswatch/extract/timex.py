"""Resolve time expressions against the article's date (never against today's date); which
of them is a transfer's own time is read in extract/event_time.py (``TimeReader``).

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
LAST_SEASON = re.compile(r"\b(?:last|past|previous)\s+(spring|summer|autumn|fall|winter)\b", re.I)
COUNT_WORDS = {"a": 1, "an": 1, "one": 1, "two": 2, "three": 3, "four": 4, "five": 5, "six": 6,
               "seven": 7, "eight": 8, "nine": 9, "ten": 10, "eleven": 11, "twelve": 12,
               "couple of": 2, "few": 3, "several": 3}  # fmt: skip
COUNT_RE = r"\d{1,3}|" + "|".join(sorted(COUNT_WORDS, key=len, reverse=True))
UNITS = r"(?P<unit>day|week|month|year)"
# 'in the last six months', 'over the past few weeks', 'the last couple of years'
COUNTED_SPAN = re.compile(
    rf"\b(?:last|past|previous|recent)\s+(?P<count>{COUNT_RE})\s+{UNITS}s?\b", re.I
)
# 'in recent weeks', 'over the past months'
PLURAL_SPAN = re.compile(rf"\b(?:recent|past|last)\s+{UNITS}s\b", re.I)
# 'over the past year', 'in the past week'
SINGLE_SPAN = re.compile(rf"\bthe\s+past\s+{UNITS}\b", re.I)
# 'two months ago', '3 weeks ago', 'a year ago'
AGO = re.compile(rf"\b(?P<count>{COUNT_RE})\s+{UNITS}s?\s+ago\b", re.I)
RECENT_DEFAULT = {"day": 7, "week": 6, "month": 6, "year": 2}  # how many 'recent weeks' are


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
    resolvers = (recent_span, ago, relative_keyword, day_month, month_only, weekday, last_season,
                 season)  # fmt: skip
    for resolver in resolvers:
        result = resolver(text, lowered, anchor)
        if result is not None:
            return result
    return None


def count_of(word: str | None, unit: str) -> int:
    if word is None:
        return RECENT_DEFAULT[unit]
    word = word.lower()
    return int(word) if word.isdigit() else COUNT_WORDS.get(word, RECENT_DEFAULT[unit])


def units_before(anchor: date, count: int, unit: str) -> date:
    """``anchor`` moved back by ``count`` days, weeks, calendar months or years."""
    if unit in {"day", "week"}:
        return anchor - timedelta(days=count * (7 if unit == "week" else 1))
    months = count * (12 if unit == "year" else 1)
    year, month = divmod(anchor.year * 12 + anchor.month - 1 - months, 12)
    return date(year, month + 1, min(anchor.day, calendar.monthrange(year, month + 1)[1]))


def recent_span(text: str, lowered: str, anchor: date) -> Time | None:
    """'in the last six months' (2023-04-25) → 2022-10-25..2023-04-25; 'in recent weeks'
    → the six weeks before the anchor; 'over the past year' → the year before it."""
    for pattern in (COUNTED_SPAN, PLURAL_SPAN, SINGLE_SPAN):
        m = pattern.search(text)
        if m:
            count = 1 if pattern is SINGLE_SPAN else count_of(m.groupdict().get("count"), m["unit"])
            start = units_before(anchor, count, m["unit"].lower())
            return make_time(text, start, anchor, "range")
    return None


def ago(text: str, lowered: str, anchor: date) -> Time | None:
    """'two months ago' (2024-11-16) → September 2024; '3 days ago' → that day."""
    m = AGO.search(text)
    if not m:
        return None
    unit = m["unit"].lower()
    then = units_before(anchor, count_of(m["count"], unit), unit)
    if unit == "day":
        return make_time(text, then, then, "day")
    if unit == "month":
        return make_time(text, *month_range(then.year, then.month), "month")
    if unit == "year":
        return make_time(text, date(then.year, 1, 1), date(then.year, 12, 31), "year")
    return make_time(text, then - timedelta(days=then.weekday()), then, "range")


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
    if "next year" in lowered:  # a plan's time: 'will deliver the corvettes next year'
        return make_time(text, date(anchor.year + 1, 1, 1), date(anchor.year + 1, 12, 31), "year")
    if "next month" in lowered:
        first = (anchor.replace(day=1) + timedelta(days=32)).replace(day=1)
        return make_time(text, *month_range(first.year, first.month), "month")
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


def last_season(text: str, lowered: str, anchor: date) -> Time | None:
    """'last autumn' → the latest autumn that ended before the anchor's month."""
    m = LAST_SEASON.search(text)
    if not m or m[1].lower() == "winter":
        return None
    first, last = SEASONS[m[1].lower()]
    year = anchor.year if last < anchor.month else anchor.year - 1
    return make_time(text, date(year, first, 1), month_range(year, last)[1], "range")


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
        or re.search(r"\b(today|yesterday|last|this|next|ago|earlier)\b", lowered)
    )


def parse_published(value: str | None) -> date | None:
    """The date part of an ISO date or date-time, or None."""
    if not value:
        return None
    try:
        return date.fromisoformat(value[:10])
    except ValueError:
        return None
