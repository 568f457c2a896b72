"""Human-readable output: one line per event with its evidence, attribution and findings."""

from __future__ import annotations

from rich.console import Group, RenderableType
from rich.text import Text

from armswatch.model import SYMMETRIC_TYPES, Analysis, Event, Evidence, Finding
from armswatch.sanctions.standing import finding_standing

TYPE_STYLE = {"arms_transfer": "bold red", "labor_dispatch": "magenta"}


def render_analysis(analysis: Analysis) -> RenderableType:
    """A block for one article: header, events (with evidence), findings."""
    doc = analysis.doc
    header = Text.assemble(
        ("■ ", "bold"),
        (doc.title or doc.id, "bold underline"),
        (f"  [{doc.id}]", "dim"),
        (f"  published {doc.published}" if doc.published else "  (no date)", "dim"),
    )
    parts: list[RenderableType] = [header]
    if not analysis.events:
        parts.append(Text("  no events found", style="dim"))
    findings_by_event: dict[str, list[Finding]] = {}
    for finding in analysis.findings:
        findings_by_event.setdefault(finding.event, []).append(finding)
    for event in analysis.events:
        parts.append(event_line(event))
        parts.extend(evidence_line(e) for e in event.evidence)
        parts.extend(finding_line(f) for f in findings_by_event.get(event.id, []))
    parts.append(Text(""))
    return Group(*parts)


def event_line(event: Event) -> Text:
    arrow = " – " if event.type in SYMMETRIC_TYPES else " → "
    dyad = ", ".join(a.id for a in event.source) + arrow + ", ".join(a.id for a in event.target)
    line = Text("  ")
    line.append(f"{event.type:<22}", style=TYPE_STYLE.get(event.type, "bold cyan"))
    line.append(f" {dyad}", style="bold")
    if event.items:
        line.append("  [" + "; ".join(item_label(i) for i in event.items) + "]", style="yellow")
    line.append(f"  {event.status} · {event.certainty}", style="green")
    if event.time is not None:
        line.append(f" · {event.time.start or event.time.text}", style="green")
    who = attribution_label(event)
    if who:
        line.append(f"  — {who}", style="italic")
    line.append(f"  ({event.confidence:.2f})", style="dim")
    return line


def item_label(item: object) -> str:
    from armswatch.model import Item

    assert isinstance(item, Item)
    label = item.system or item.category
    if item.quantity is not None:
        label += f" ×{item.quantity.text}"
    return label


def attribution_label(event: Event) -> str:
    labels = []
    for attribution in event.attribution:
        name = attribution.source.id if attribution.source else "unnamed source"
        if attribution.anonymous:
            name += " (anonymous)"
        if attribution.via:
            name += f" via {attribution.via}"
        labels.append(name)
    return "; ".join(dict.fromkeys(labels))


def evidence_line(evidence: Evidence) -> Text:
    """The sentence with the trigger word highlighted."""
    start = evidence.trigger.start - evidence.start
    end = evidence.trigger.end - evidence.start
    text = Text("      “", style="dim")
    text.append(evidence.text[:start])
    text.append(evidence.text[start:end], style="bold reverse")
    text.append(evidence.text[end:])
    text.append("”", style="dim")
    return text


def finding_line(finding: Finding) -> Text:
    state = finding_standing(finding.rule, finding.instrument, finding.provision, finding.in_force)
    line = Text("      ⚠ ", style="bold red")
    line.append(f"{finding.rule}", style="bold red")
    line.append(f" ({finding.instrument}, {finding.provision}; {state}): ")
    line.append(finding.explanation)
    return line
