"""The dossier written out: Markdown, or one self-contained HTML file.

Untrusted text (article titles, quotes) is escaped in both: HTML by Jinja2's autoescape,
Markdown by backslash-escaping the characters that would make links, markup or HTML.
"""

from __future__ import annotations

import base64
import hashlib
import re
from collections import Counter

from armswatch.export.dossier import Dossier, DossierFormat
from armswatch.queries.charts import month_range
from armswatch.queries.models import ArticleRef, Timeline, TimelineCell
from armswatch.sanctions.standing import obligation_verb
from armswatch.web import charts
from armswatch.web.render import environment, inline_css

MARKDOWN_SPECIAL = "\\`*_{}[]<>|~"
URL = re.compile(r"^https?://[^\s<>]+$")


def md(text: object) -> str:
    """Text safe inside Markdown (one line; markup characters escaped)."""
    value = " ".join(str(text if text is not None else "").split())
    return "".join(f"\\{c}" if c in MARKDOWN_SPECIAL else c for c in value)


def link(url: str | None) -> str:
    """`` <url>`` for a plain http(s) address, else nothing."""
    return f" <{url}>" if url and URL.match(url) else ""


def cite(article: ArticleRef) -> str:
    title = md(article.title or article.id)
    outlet = md(article.outlet or "unknown outlet")
    when = article.published[:10] if article.published else "undated"
    return f"{title}, {outlet}, {when}{link(article.url)}"


def dossier_timeline(dossier: Dossier) -> Timeline:
    counts = Counter((e.date[:7], e.type) for e in dossier.timeline if e.date)
    cells = [TimelineCell(month=m, type=t, count=n) for (m, t), n in sorted(counts.items())]
    months = month_range(cells[0].month, cells[-1].month) if cells else []
    undated = sum(1 for e in dossier.timeline if not e.date)
    return Timeline(
        months=months, types=sorted({c.type for c in cells}), cells=cells, undated=undated
    )


def reviewed(status: str | None) -> str:
    """``, review: confirmed`` for what analysts reviewed (``ledger.review``), else nothing."""
    return f", review: {md(status)}" if status else ""


def render_markdown(d: Dossier) -> str:
    lines = [
        f"# Dossier: {md(d.source.name)} → {md(d.target.name)}",
        "",
        f"{md(d.source.key)} → {md(d.target.key)} · generated {d.generated} by armswatch "
        f"{d.version} · {len(d.timeline)} events, {len(d.findings)} findings, "
        f"{len(d.incidents)} incidents, {len(d.sources)} sources",
        "",
        "Findings say that a reported event, if true, would fall under a prohibition in force;",
        "they are not verdicts and carry the certainty of the reporting.",
        "",
        "## Findings",
        "",
    ]
    for f in d.findings:
        lines += [
            f"- **{md(f.rule)}** ({md(f.date or 'undated')}, {md(f.standing)}, "
            f"{md(f.certainty)}, {f.sources} source(s){reviewed(f.review)}): "
            f"{md(f.explanation)}",
            f"  - {md(f.instrument)}, {md(f.provision)}{link(f.citation)}",
            f"  - source: {cite(f.article)}",
        ]
        lines += [f"  - “{md(ev.text)}”" for ev in f.evidence[:2]]
    if not d.findings:
        lines.append("None.")
    lines += ["", "## Rules cited", ""]
    lines += [
        f"- **{md(r.id)}**: {md(r.instrument)}, {md(r.provision)} "
        f"{obligation_verb(r.binding)} {md(r.prohibits)} "
        f"({md(r.in_force_text)}){link(r.source)}"
        for r in d.rules
    ] or ["None."]
    lines += ["", "## Incidents", ""]
    lines += [
        f"- {md(i.title)} ({md(i.time_start or i.first_reported or '?')} – "
        f"{md(i.time_end or i.last_reported or '?')}): {len(i.event_ids)} events, "
        f"{i.independent_sources} independent sources{reviewed(i.review)}"
        for i in d.incidents
    ] or ["None fused (run `armswatch incidents` to fuse events across articles)."]
    lines += ["", "## Timeline", "", "| date | type | status | certainty | items | source |"]
    lines += ["| --- | --- | --- | --- | --- | --- |"]
    lines += [
        f"| {md(e.date or 'undated')} | {md(e.type)} | {md(e.status)}{reviewed(e.review)} | "
        f"{md(e.certainty)} | "
        f"{md(', '.join(e.items))} | {md(e.article.outlet or e.article.id)} |"
        for e in d.timeline
    ]
    lines += ["", "## Evidence", ""]
    lines += [
        f"- {md(q.date or 'undated')}, {md(q.article.outlet or q.article.id)}: “{md(q.text)}”"
        for q in d.quotes
    ]
    lines += ["", "## Sources", ""]
    lines += [f"{n}. {cite(s.article)} ({s.events} events)" for n, s in enumerate(d.sources, 1)]
    return "\n".join(lines) + "\n"


def render_html(d: Dossier) -> str:
    chart = charts.timeline_chart(dossier_timeline(d), width=760)
    return environment().get_template("dossier.html").render(data=d, css=inline_css(), chart=chart)


def style_policy() -> str:
    """A Content-Security-Policy that lets the dossier's own inline style (only) apply."""
    digest = base64.b64encode(hashlib.sha256(inline_css().encode("utf-8")).digest()).decode()
    return f"default-src 'none'; style-src 'sha256-{digest}'; img-src data:; base-uri 'none'"


def render_dossier(d: Dossier, fmt: DossierFormat) -> str:
    return render_html(d) if fmt is DossierFormat.html else render_markdown(d)
