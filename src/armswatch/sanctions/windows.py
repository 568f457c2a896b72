"""Date windows: half-open intervals of days, ``start <= day < end``.

A rule's ``in_force`` periods and a group's memberships are windows. ``end`` is the
day the measure (or membership) ceased to apply, so a window that ends on
2016-01-16 and one that starts that day meet without overlapping.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Iterable
from dataclasses import dataclass
from typing import Literal

Coverage = Literal["full", "partial", "none"]


@dataclass(frozen=True, order=True)
class Window:
    """Days ``start <= day < end``; ``end`` None means still open."""

    start: dt.date
    end: dt.date | None = None

    def contains(self, day: dt.date) -> bool:
        return self.start <= day and (self.end is None or day < self.end)

    def intersect(self, other: Window) -> Window | None:
        start = max(self.start, other.start)
        ends = [e for e in (self.end, other.end) if e is not None]
        end = min(ends) if ends else None
        if end is not None and end <= start:
            return None
        return Window(start, end)


ALWAYS = Window(dt.date.min)


def intersect_all(left: Iterable[Window], right: Iterable[Window]) -> list[Window]:
    """Every non-empty intersection of a window on the left with one on the right."""
    right = list(right)
    found = (a.intersect(b) for a in left for b in right)
    return [w for w in found if w is not None]


def merge(windows: Iterable[Window]) -> list[Window]:
    """Sorted windows with touching or overlapping ones joined."""
    merged: list[Window] = []
    for window in sorted(windows):
        last = merged[-1] if merged else None
        if last is not None and (last.end is None or window.start <= last.end):
            end = None if last.end is None or window.end is None else max(last.end, window.end)
            merged[-1] = Window(last.start, end)
        else:
            merged.append(window)
    return merged


def coverage(windows: Iterable[Window], first: dt.date, last: dt.date) -> Coverage:
    """Whether the windows cover all, some or none of the days ``first..last`` (inclusive)."""
    period = Window(first, last + dt.timedelta(days=1))
    overlaps = merge(intersect_all(windows, [period]))
    if not overlaps:
        return "none"
    return "full" if overlaps == [period] else "partial"


def describe(window: Window) -> str:
    """``since 2006-10-14`` or ``from 2016-01-16 until 2023-10-18``."""
    if window.end is None:
        return f"since {window.start.isoformat()}"
    return f"from {window.start.isoformat()} until {window.end.isoformat()}"
