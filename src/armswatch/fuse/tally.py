"""The parts of an incident's description that add up report by report: a ``Tally``.

Reports are added in the fusing order. A full recompute starts from an empty tally; an
update starts from the stored incident (``Tally.resume``) and adds only the new reports,
which come after the stored ones, so both give the same result without re-reading the
incident's events. Kept: event ids, articles, first and last publication dates, per
category the systems and the quantities as a range and as worded, the first date of
each status, and the quantified items (for conflicting quantities).
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass, field

from armswatch.fuse.models import IncidentRow, ItemRange, StatusStep
from armswatch.fuse.reports import ItemReport, Report
from armswatch.fuse.rules import STAGES
from armswatch.model import GENERIC_CATEGORY, Status


@dataclass
class Tally:
    """What the reports added so far say, in mergeable form."""

    event_ids: list[str] = field(default_factory=list)
    articles: int = 0
    first_published: str | None = None
    last_published: str | None = None
    first_key: str | None = None
    items: dict[str, ItemRange] = field(default_factory=dict)
    first_seen: dict[Status, str | None] = field(default_factory=dict)
    quantified: list[ItemReport] = field(default_factory=list)
    last_sha: str | None = None

    @classmethod
    def resume(cls, row: IncidentRow, quantified: Sequence[ItemReport]) -> Tally:
        """The tally of a stored incident (``quantified``: its items that state a quantity)."""
        return cls(
            event_ids=list(row.event_ids),
            articles=row.articles,
            first_published=row.first_reported,
            last_published=row.last_reported,
            first_key=row.first_key,
            items={i.category: i for i in row.items},
            first_seen={s.status: s.since for s in row.progression},
            quantified=list(quantified),
        )

    def add(self, report: Report) -> None:
        """Add one report (after every report added so far in the fusing order).

        An article's events are stored and fused together, so a report from the same
        article as the previous one adds no article.
        """
        self.event_ids.append(report.event_id)
        self.articles += report.sha256 != self.last_sha
        self.last_sha = report.sha256
        self.first_key = self.first_key or report.sort_key
        day = report.published[:10] if report.published else None
        if day:
            self.first_published = min(self.first_published or day, day)
            self.last_published = max(self.last_published or day, day)
        if report.status in STAGES:
            self.first_seen.setdefault(report.status, report.day)
        for item in report.items:
            self.items[item.category] = with_item(self.items.get(item.category), item)
            if item.quantity_text is not None:
                self.quantified.append(item)

    def item_ranges(self) -> list[ItemRange]:
        """Specific categories first, then unspecified materiel."""
        order = sorted(self.items, key=lambda c: (c == GENERIC_CATEGORY, c))
        return [self.items[c] for c in order]

    def progression(self) -> list[StatusStep]:
        """Each stage in the order first reported (undated reports last)."""
        steps = sorted(self.first_seen.items(), key=lambda s: (s[1] or "~", STAGES.index(s[0])))
        return [StatusStep(status=status, since=day) for status, day in steps]


def with_item(found: ItemRange | None, item: ItemReport) -> ItemRange:
    """A category's range with one more reported item."""
    found = found or ItemRange(
        category=item.category, systems=[], quantity_min=None, quantity_max=None, quantities=[]
    )
    low = item.quantity_min if item.quantity_min is not None else item.quantity_max
    lows = [v for v in (found.quantity_min, low) if v is not None]
    highs = [v for v in (found.quantity_max, item.quantity_max) if v is not None]
    worded = [f"{item.quantity_text} ({item.article_id})"] if item.quantity_text else []
    return found.model_copy(
        update={
            "systems": sorted({*found.systems, *([item.system] if item.system else [])}),
            "quantity_min": min(lows, default=None),
            "quantity_max": max(highs, default=None),
            "quantities": [*found.quantities, *worded],
        }
    )


def quantity_conflicts(items: Sequence[ItemReport]) -> list[str]:
    """Quantities for one category that cannot both be right, sorted."""
    found = set()
    for n, a in enumerate(items):
        for b in items[n + 1 :]:
            if a.category == b.category and (below(a, b) or below(b, a)):
                first, second = sorted([a, b], key=lambda i: (i.article_id, i.quantity_text or ""))
                found.add(
                    f"quantity of {a.category}: {first.quantity_text!r} ({first.article_id}) / "
                    f"{second.quantity_text!r} ({second.article_id})"
                )
    return sorted(found)


def below(a: ItemReport, b: ItemReport) -> bool:
    """``a``'s range ends before ``b``'s begins (an open end never does)."""
    return (
        a.quantity_max is not None
        and b.quantity_min is not None
        and a.quantity_max < b.quantity_min
    )
