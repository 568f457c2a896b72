"""Incidents for people (rich): the list, and one incident's story over time."""

from __future__ import annotations

from collections.abc import Sequence

from rich.console import Group, RenderableType
from rich.table import Column, Table
from rich.text import Text

from armswatch.fuse.models import IncidentStory, IncidentSummary, ItemRange, StatusStep

MAX_QUOTE = 220


def quantity(item: ItemRange) -> str:
    """``ammunition 1,000,000–3,000,000``; one bound when only one is known."""
    low, high = item.quantity_min, item.quantity_max
    if low is None:
        span = f" up to {high:,.0f}" if high is not None else ""
    elif high is None:
        span = f" {low:,.0f}+"
    else:
        span = f" {low:,.0f}" if low == high else f" {low:,.0f}–{high:,.0f}"
    systems = f" ({', '.join(item.systems)})" if item.systems else ""
    return item.category + systems + span


def progression(steps: Sequence[StatusStep]) -> str:
    return " → ".join(f"{s.status} ({s.since or 'undated'})" for s in steps) or "unknown"


def incident_table(incidents: Sequence[IncidentSummary]) -> Table:
    """One line per incident: id, type, dyad, items, progression, counts, score, review."""
    table = Table(
        Column("id", no_wrap=True),
        Column("type", no_wrap=True),
        Column("dyad", no_wrap=True),
        "items",
        "status",
        "art.",
        "src.",
        "score",
        "review",
    )
    for s in incidents:
        table.add_row(
            s.id,
            s.type,
            s.dyad,
            ", ".join(i.category for i in s.items) or "-",
            "→".join(p.status for p in s.progression) or "unknown",
            str(s.articles),
            str(s.independent_sources) + (f" (−{len(s.denied_by)})" if s.denied_by else ""),
            f"{s.score:.2f}",
            s.review or "",
        )
    table.caption = f"{len(incidents)} incidents; src. = independent sources (− deniers)"
    return table


def story_view(story: IncidentStory) -> RenderableType:
    """The header (what, when, sources, score and why), then the reports over time."""
    head = Text.assemble((story.title, "bold"), (f"  [{story.id}]", "dim"))
    lines: list[RenderableType] = [head, *facts_lines(story), Text("Score", style="bold")]
    lines += [Text(f"  {r.text}") for r in story.reasons]
    lines.append(Text(f"  = {story.score:.2f}", style="bold"))
    lines += [Text("Sources", style="bold"), *source_lines(story)]
    lines += [Text("Reports", style="bold"), *report_lines(story)]
    if story.findings:
        lines.append(Text("Findings", style="bold"))
        articles = {e.event.id: e.article_id for e in story.entries}
        lines += [
            Text(f"  {f.rule} [{articles.get(f.event, f.sha256[:12])}]: {f.explanation}")
            for f in story.findings
        ]
    return Group(*lines)


def facts_lines(story: IncidentStory) -> list[Text]:
    reported = f"{story.first_reported or '?'} … {story.last_reported or '?'}"
    timed = f"{story.time_start or '?'} … {story.time_end or '?'}"
    lines = [
        Text(f"  items: {'; '.join(quantity(i) for i in story.items) or '-'}"),
        Text(f"  status: {progression(story.progression)}"),
        Text(f"  reported {reported}; event time {timed}"),
        Text(
            f"  {len(story.event_ids)} events in {story.articles} articles, "
            f"{story.independent_sources} independent source(s)"
        ),
    ]
    lines += [Text(f"  conflict: {c}", style="yellow") for c in story.conflicts]
    if story.rules:
        lines.append(Text(f"  sanctions rules: {', '.join(story.rules)}", style="red"))
    return lines


def source_lines(story: IncidentStory) -> list[Text]:
    lines = []
    for s in story.origins:
        stance = " / ".join(w for w, on in (("asserts", s.supports), ("denies", s.denies)) if on)
        role = f", {s.role}" if s.role else ""
        anonymous = ", anonymous" if s.anonymous else ""
        lines.append(
            Text(
                f"  {s.key} ({s.name}; {s.source_class}{role}{anonymous}): {stance}, "
                f"{s.certainty}; {s.claims} claim(s) in {s.articles} article(s)"
            )
        )
    return lines


def report_lines(story: IncidentStory) -> list[Text]:
    """Each report: date, article, status and certainty; the quote; its chains."""
    lines = []
    for entry in story.entries:
        event = entry.event
        head = f"  {entry.date or 'undated'}  {entry.article_id} · {entry.outlet or 'no outlet'}"
        lines.append(
            Text.assemble((head, "bold"), (f"  {event.status} · {event.certainty}", "green"))
        )
        quote = event.evidence[0].text if event.evidence else ""
        quote = quote if len(quote) <= MAX_QUOTE else quote[: MAX_QUOTE - 1] + "…"
        lines.append(Text(f"      “{quote}”", style="italic"))
        lines += [Text(f"      {c}", style="cyan") for c in entry.chains]
        lines += [Text(f"      ({c.note})", style="dim") for c in entry.claims if c.note]
    return lines
