"""Stories: an incident (or one event) over time, evidence marked in its article text.

``incident_story`` and ``event_story`` build the incident (event) page and its JSON twin:
the events by date, each evidence sentence (and its trigger word) marked inside the full
article text, the attribution chain of each claim, the findings, and the text of every
rule they cite with its in-force dates.
"""

from __future__ import annotations

import itertools

from armswatch.errors import NotFoundError
from armswatch.model import Attribution
from armswatch.queries import incidents
from armswatch.queries.common import (
    actor_refs,
    article_ref,
    articles_by_sha,
    dyad,
    event_date,
    events_by_id,
    findings_of_events,
)
from armswatch.queries.models import (
    ActorRef,
    AttributionChain,
    EventsById,
    IncidentPage,
    Period,
    RuleList,
    RuleText,
    Segment,
    Story,
    StoryEvent,
)
from armswatch.sanctions import Rule, load_rulebook
from armswatch.sanctions.explain import in_force_text
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding
from armswatch.store.view import View

Mark = tuple[int, int, str]


def incident_story(view: View, incident_id: str) -> IncidentPage:
    """The incident page: ``fuse``'s story of the incident plus its events marked inside
    their articles and the rule texts. Raises NotFoundError for an unknown incident."""
    found = incidents.get_incident(view, incident_id)
    if found is None:
        raise NotFoundError(f"no incident {incident_id!r}: `armswatch incidents` lists them")
    reported = {e.event.id: e.event for e in found.entries if e.event.id in found.event_ids}
    unreported = [i for i in found.event_ids if i not in reported]  # events without a claim
    told = build_story(view, "incident", found.id, reported | events_by_id(view, unreported))
    chains: dict[str, list[str]] = {}
    for entry in found.entries:
        chains.setdefault(entry.event.id, []).extend(entry.chains)
    events = [s.model_copy(update={"provenance": chains.get(s.event.id, [])}) for s in told.events]
    return IncidentPage(
        **dict(found),
        first=told.first,
        last=told.last,
        events=events,
        rule_texts=told.rules,
    )


def event_story(view: View, event_id: str) -> Story:
    """One event told as a story of its own. Raises NotFoundError for an unknown event."""
    events = events_by_id(view, [event_id])
    if not events:
        raise NotFoundError(f"no event {event_id!r}")
    member = incidents.memberships(view, [event_id]).get(event_id)
    return build_story(view, "event", event_id, events, sources=member.sources if member else 1)


def build_story(
    view: View, kind: str, story_id: str, events: EventsById, sources: int = 1
) -> Story:
    """The story of ``events`` (loaded by the caller: an incident's are loaded already)."""
    articles = articles_by_sha(view, (e.sha256 for e in events.values()))
    findings = findings_of_events(view, list(events))
    told = sorted(
        (story_event(e, articles[e.sha256], findings.get(e.id, {})) for e in events.values()),
        key=lambda s: (s.date or "9999", s.article.sha256, s.event.id),
    )
    dates = [s.date for s in told if s.date]
    source = unique([a for s in told for a in s.source])
    target = unique([a for s in told for a in s.target])
    kinds = list(dict.fromkeys(s.event.type for s in told))
    types = ", ".join(kind.replace("_", " ") for kind in kinds)
    cited = [f for s in told for f in s.findings]
    return Story(
        kind="incident" if kind == "incident" else "event",
        id=story_id,
        title=f"{types}: {dyad(source, target, kinds[0] if len(kinds) == 1 else None)}"
        if told
        else story_id,
        first=min(dates) if dates else None,
        last=max(dates) if dates else None,
        sources=sources,
        articles=len({s.article.sha256 for s in told}),
        source=source,
        target=target,
        events=told,
        rules=rule_texts(cited),
    )


def story_event(
    event: StoredEvent, article: StoredArticle, findings: dict[str, StoredFinding]
) -> StoryEvent:
    source, target = actor_refs(event.source), actor_refs(event.target)
    marks = [(ev.start, ev.end, "evidence") for ev in event.evidence]
    marks += [(ev.trigger.start, ev.trigger.end, "trigger") for ev in event.evidence]
    return StoryEvent(
        date=event_date(event, article.published),
        summary=f"{event.type.replace('_', ' ')}: {dyad(source, target, event.type)} "
        f"({event.status}, {event.certainty})",
        event=event,
        source=source,
        target=target,
        article=article_ref(article),
        segments=highlight(article.text, marks),
        attribution=[chain(a, article) for a in event.attribution],
        findings=list(findings.values()),
    )


def highlight(text: str, marks: list[Mark]) -> list[Segment]:
    """``text`` cut into segments at every mark boundary; a trigger wins over evidence.

    Marks outside the text are clipped; the segments' texts join back into ``text``.
    """
    cuts = {0, len(text)}
    for start, end, _ in marks:
        cuts.update({max(0, min(start, len(text))), max(0, min(end, len(text)))})
    points = sorted(cuts)
    segments: list[Segment] = []
    for start, end in itertools.pairwise(points):
        kinds = {kind for s, e, kind in marks if s <= start and end <= e}
        mark = "trigger" if "trigger" in kinds else "evidence" if kinds else None
        if segments and segments[-1].mark == mark:
            segments[-1] = Segment(text=segments[-1].text + text[start:end], mark=mark)
        else:
            segments.append(Segment(text=text[start:end], mark=mark))
    return segments


def chain(attribution: Attribution, article: StoredArticle) -> AttributionChain:
    """``a U.S. official (anonymous) → via Reuters → reported by <outlet>``."""
    steps = []
    who = attribution.source
    if who is not None:
        label = f"{who.name} ({who.kind}{', anonymous' if attribution.anonymous else ''})"
        steps.append(label)
    elif attribution.anonymous:
        steps.append("an unnamed source")
    if attribution.via:
        steps.append(f"via {attribution.via}")
    steps.append(f"reported by {article.outlet or 'the article'}")
    return AttributionChain(steps=steps, anonymous=attribution.anonymous, quote=attribution.text)


def unique(refs: list[ActorRef]) -> list[ActorRef]:
    return list({ref.key: ref for ref in refs}.values())


def rule_texts(findings: list[StoredFinding]) -> list[RuleText]:
    """The rulebook entries the findings cite (by rule, instrument and provision; all
    entries of the rule when none matches)."""
    book = load_rulebook()
    chosen: list[Rule] = []
    for finding in findings:
        same = [r for r in book.rules if r.id == book.canonical_id(finding.rule)]
        exact = [r for r in same if cites(finding, r)]
        chosen += [r for r in exact or same if r not in chosen]
    return [rule_text(r) for r in chosen]


def cites(finding: StoredFinding, rule: Rule) -> bool:
    """Whether the finding cites this entry ("paragraph 9 (number unconfirmed)" cites
    "paragraph 9")."""
    return finding.instrument == rule.instrument and finding.provision.startswith(rule.provision)


def rule_text(rule: Rule) -> RuleText:
    return RuleText(
        id=rule.id,
        regime=rule.regime,
        instrument=rule.instrument,
        provision=rule.provision,
        prohibits=rule.prohibits,
        target=rule.target,
        in_force=[
            Period(
                start=p.start.isoformat(),
                end=p.end.isoformat() if p.end else None,
                end_reason=p.end_reason,
            )
            for p in rule.in_force
        ],
        in_force_text=in_force_text(rule),
        binding=rule.binding,
        contested=rule.contested,
        note=rule.note,
        source=rule.source,
    )


def list_rules(rule_id: str | None = None) -> RuleList:
    """The rulebook (or one rule's entries, a former id naming its current rule).
    Raises NotFoundError for an unknown rule."""
    book = load_rulebook()
    wanted = book.canonical_id(rule_id) if rule_id is not None else None
    chosen = [r for r in book.rules if wanted is None or r.id == wanted]
    if rule_id is not None and not chosen:
        raise NotFoundError(f"no rule {rule_id!r} in the rulebook")
    return RuleList(rules=[rule_text(r) for r in chosen])
