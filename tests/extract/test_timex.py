"""Time expressions resolve against the article's date, never today's."""

from __future__ import annotations

from datetime import date

import pytest

from armswatch.extract.timex import parse_published, resolve_time

ANCHOR = date(2022, 9, 6)

CASES = [
    ("in August", ANCHOR, ("2022-08-01", "2022-08-31", "month")),
    ("last month", ANCHOR, ("2022-08-01", "2022-08-31", "month")),
    ("Back in July", ANCHOR, ("2022-07-01", "2022-07-31", "month")),
    ("in November", ANCHOR, ("2021-11-01", "2021-11-30", "month")),  # the latest November
    ("since 2022", ANCHOR, ("2022-01-01", "2022-09-06", "range")),
    ("since August", ANCHOR, ("2022-08-01", "2022-09-06", "range")),
    ("7 February 2024", ANCHOR, ("2024-02-07", "2024-02-07", "day")),
    ("February 7, 2024", None, ("2024-02-07", "2024-02-07", "day")),
    ("in September 2023", None, ("2023-09-01", "2023-09-30", "month")),
    ("2015", None, ("2015-01-01", "2015-12-31", "year")),
    ("on Friday", date(2024, 8, 23), ("2024-08-23", "2024-08-23", "day")),
    ("on Monday", date(2024, 8, 23), ("2024-08-19", "2024-08-19", "day")),
    ("yesterday", ANCHOR, ("2022-09-05", "2022-09-05", "day")),
    ("last year", ANCHOR, ("2021-01-01", "2021-12-31", "year")),
    ("earlier this summer", ANCHOR, ("2022-06-01", "2022-08-31", "range")),
    ("on 7 February", date(2024, 2, 7), ("2024-02-07", "2024-02-07", "day")),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES, ids=[c[0] for c in CASES])
def test_resolve(text: str, anchor: date | None, expected: tuple[str, str, str]) -> None:
    time = resolve_time(text, anchor)
    assert time is not None
    assert (time.start, time.end, time.precision) == expected


@pytest.mark.parametrize("text", ["last month", "in August", "on Friday", "earlier this year"])
def test_relative_dates_stay_unresolved_without_an_article_date(text: str) -> None:
    time = resolve_time(text, None)
    assert time is not None and time.start is None and time.precision is None


def test_non_temporal_text_is_no_time() -> None:
    assert resolve_time("the Security Council", ANCHOR) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2022-09-06", date(2022, 9, 6)), ("2022-09-06T10:00:00Z", date(2022, 9, 6)), ("x", None)],
)
def test_parse_published(value: str, expected: date | None) -> None:
    assert parse_published(value) == expected
