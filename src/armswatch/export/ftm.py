"""The store as FollowTheMoney entities (JSON Lines), for Aleph and OpenSanctions tooling.

Mapping (FtM 4 schemata; every entity id is ``aw-<kind>-<sha1>`` of armswatch's own key;
the table is also in docs/api.md):

- actor → ``PublicBody`` (a state and its organs), ``Company``, else ``Organization``:
  name, country;
- article → ``Article``: title, bodyText, publishedAt, publisher, sourceUrl;
- event → ``Event``: name, summary (first evidence), description (all evidence), date or
  startDate/endDate, organizer (the source side of directed types), involved (both
  sides), proof (the article), recordId (event id), keywords (type, status, certainty,
  categories, systems, and ``review:confirmed|rejected|unsure`` once analysts reviewed
  it), notes (the review);
- each source → target pair of an event → ``UnknownLink`` (an edge Aleph draws): subject,
  object, role (type and role words), status (and ``review: …`` of its event), dates,
  summary, proof, recordId;
- each rulebook entry a finding cites → one ``Sanction`` per in-force period: entity (the
  sanctioned state), authority, program (regime), programId (rule id), provisions,
  startDate, endDate, status, reason (why it ended), sourceUrl;
- finding → ``Note``: entity (its event and the sanctioned actor), name, description
  (explanation), summary (evidence), program, programId, sourceUrl (citation), notes,
  keywords (``review:…`` of its event).

Rejected events are exported too, marked (``review:rejected``), like the store's tables.

There is no FtM schema for an arms transfer or a diplomatic event; ``Event`` carries the
fact and its evidence, ``UnknownLink`` the directed relation between the two sides, so a
graph view shows who supplies whom. A finding is an annotation (``Note``), never a
designation: it says a report, if true, would fall under a prohibition.
"""

from __future__ import annotations

import hashlib
import json
from collections.abc import Iterator
from pathlib import Path
from typing import Any

from followthemoney import model

from armswatch.model import SYMMETRIC_TYPES, Actor
from armswatch.queries.common import keyed_findings, name_of, review_statuses
from armswatch.queries.story import rule_texts
from armswatch.sanctions.rulebook import canonical_rule_id
from armswatch.sanctions.standing import finding_standing, obligation_verb
from armswatch.store.assemble import load_articles, load_events
from armswatch.store.records import StoredArticle, StoredEvent, StoredFinding
from armswatch.store.view import View

Entity = Any
STATE_KINDS = frozenset({"state", "government", "military", "intelligence", "leader", "official"})
AUTHORITIES = {
    "un": "United Nations Security Council",
    "eu": "European Union",
    "us": "United States",
}
PAGE = 500


def entity_id(kind: str, *parts: str) -> str:
    digest = hashlib.sha1("\x1f".join(parts).encode("utf-8")).hexdigest()[:24]
    return f"aw-{kind}-{digest}"


def make(schema: str, kind: str, *key: str) -> Entity:
    entity = model.make_entity(schema)
    entity.id = entity_id(kind, *key)
    return entity


class Builder:
    """Collects entities, each once (actors and sanctions are shared)."""

    def __init__(self) -> None:
        self.entities: dict[str, Entity] = {}

    def put(self, entity: Entity) -> str:
        self.entities.setdefault(entity.id, entity)
        return str(entity.id)

    def actor(self, key: str, kind: str | None) -> str:
        schema = (
            "PublicBody"
            if kind in STATE_KINDS or (kind is None and key.isupper())
            else "Company"
            if kind == "company"
            else "Organization"
        )
        entity = make(schema, "actor", key)
        entity.add("name", name_of(key))
        if len(key) == 3 and key.isupper():
            entity.add("country", key, quiet=True)
        return self.put(entity)

    def article(self, article: StoredArticle) -> str:
        entity = make("Article", "article", article.sha256)
        entity.add("title", article.title or article.id)
        entity.add("bodyText", article.text)
        entity.add("publishedAt", (article.published or "")[:10] or None, quiet=True)
        entity.add("publisher", article.outlet)
        entity.add("sourceUrl", article.url, quiet=True)
        return self.put(entity)

    def event(self, event: StoredEvent, article_id: str, review: str | None = None) -> str:
        sides = {
            role: [self.actor(a.key, a.kind) for a in actors(event, role)]
            for role in ("source", "target")
        }
        entity = make("Event", "event", event.id)
        entity.add("name", f"{event.type.replace('_', ' ')}: {dyad_text(event)}")
        entity.add("summary", event.evidence[0].text if event.evidence else None)
        entity.add("description", "\n".join(ev.text for ev in event.evidence))
        add_dates(entity, event)
        if event.type not in SYMMETRIC_TYPES:
            entity.add("organizer", sides["source"])
        entity.add("involved", sides["source"] + sides["target"])
        entity.add("proof", article_id)
        entity.add("recordId", event.id)
        keywords: list[str] = [event.type, event.status, event.certainty]
        keywords += [i.category for i in event.items] + [i.system for i in event.items if i.system]
        keywords += [f"review:{review}"] if review else []
        entity.add("keywords", keywords)
        entity.add("notes", f"analysts' review: {review}" if review else None)
        self.put(entity)
        for subject in sides["source"]:
            for obj in sides["target"]:
                self.link(event, subject, obj, article_id, review)
        return str(entity.id)

    def link(
        self, event: StoredEvent, subject: str, obj: str, article_id: str, review: str | None
    ) -> None:
        entity = make("UnknownLink", "link", event.id, subject, obj)
        entity.add("subject", subject)
        entity.add("object", obj)
        entity.add("role", role_text(event.type))
        entity.add("status", [event.status] + ([f"review: {review}"] if review else []))
        add_dates(entity, event)
        entity.add("summary", event.evidence[0].text if event.evidence else None)
        entity.add("description", ", ".join(i.text for i in event.items) or None)
        entity.add("proof", article_id)
        entity.add("recordId", event.id)
        self.put(entity)

    def sanctions(self, findings: list[StoredFinding]) -> dict[str, str]:
        """Sanction entities of the cited rules; RETURNS rule id → its sanctioned actor."""
        targets: dict[str, str] = {}
        for rule in rule_texts(findings):
            target = self.actor(rule.target, None)
            targets[rule.id] = target
            for period in rule.in_force:
                entity = make("Sanction", "sanction", rule.id, rule.instrument, period.start)
                entity.add("entity", target)
                entity.add(
                    "authority", AUTHORITIES.get(rule.id.split(".")[0], rule.id.split(".")[0])
                )
                entity.add("program", rule.regime)
                entity.add("programId", rule.id)
                entity.add(
                    "provisions",
                    f"{rule.instrument}, {rule.provision}: "
                    f"{obligation_verb(rule.binding)} {rule.prohibits}",
                )
                entity.add("startDate", period.start)
                entity.add("endDate", period.end)
                entity.add("status", "Inactive" if period.end else "Active")
                entity.add("reason", period.end_reason)
                entity.add("country", rule.target, quiet=True)
                entity.add("sourceUrl", rule.source, quiet=True)
                self.put(entity)
        return targets

    def finding(
        self,
        key: str,
        finding: StoredFinding,
        event_id: str,
        target: str | None,
        review: str | None = None,
    ) -> None:
        entity = make("Note", "finding", key)
        entity.add("entity", [event_id] + ([target] if target else []))
        entity.add("name", f"{finding.rule}: {finding.explanation[:120]}")
        entity.add("description", finding.explanation)
        entity.add("summary", "\n".join(ev.text for ev in finding.evidence) or None)
        entity.add("program", finding.regime)
        entity.add("programId", finding.rule)
        entity.add("sourceUrl", finding.citation, quiet=True)
        state = finding_standing(
            finding.rule, finding.instrument, finding.provision, finding.in_force
        )
        entity.add("notes", f"{finding.instrument}, {finding.provision}; {state}")
        entity.add("keywords", f"review:{review}" if review else None)
        self.put(entity)


def actors(event: StoredEvent, role: str) -> list[Actor]:
    found = event.source if role == "source" else event.target
    return list({a.key: a for a in found}.values())


def dyad_text(event: StoredEvent) -> str:
    left = ", ".join(name_of(a.key) for a in actors(event, "source")) or "?"
    right = ", ".join(name_of(a.key) for a in actors(event, "target")) or "?"
    joint = " and " if event.type in SYMMETRIC_TYPES else " → "
    return f"{left}{joint}{right}"


def role_text(kind: str) -> str:
    roles = {
        "arms_transfer": "supplier of arms to",
        "troop_deployment": "sends troops to",
        "labor_dispatch": "sends workers to",
        "diplomatic_recognition": "recognises",
        "diplomatic_break": "breaks relations with",
        "sanction_imposed": "imposes sanctions on",
        "condemnation": "condemns",
    }
    return f"{kind}: {roles.get(kind, 'with')}"


def add_dates(entity: Entity, event: StoredEvent) -> None:
    if event.time is None:
        return
    if event.time.start and event.time.end and event.time.start != event.time.end:
        entity.add("startDate", event.time.start, quiet=True)
        entity.add("endDate", event.time.end, quiet=True)
    else:
        entity.add("date", event.time.start, quiet=True)


def iter_entities(view: View) -> Iterator[Entity]:
    """Every current article, event, actor and finding (and the cited rules) as entities."""
    builder = Builder()
    articles: dict[str, str] = {}
    offset = 0
    while batch := load_articles(view.con, "a.current", [], PAGE, offset):
        for article in batch:
            articles[article.sha256] = builder.article(article)
        offset += PAGE
    events: dict[str, str] = {}
    reviewed: dict[str, str] = {}
    offset = 0
    while found := load_events(view.con, "a.current", [], PAGE, offset):
        reviewed |= review_statuses(view, [event.id for event in found])
        for event in found:
            events[event.id] = builder.event(event, articles[event.sha256], reviewed.get(event.id))
        offset += PAGE
    findings = keyed_findings(view, "f.sha256 IN (SELECT sha256 FROM articles WHERE current)", [])
    targets = builder.sanctions(list(findings.values()))
    for key, finding in findings.items():
        if finding.event in events:
            target = targets.get(canonical_rule_id(finding.rule))
            review = reviewed.get(finding.event)
            builder.finding(key, finding, events[finding.event], target, review)
    yield from builder.entities.values()


def write_ftm(view: View, path: Path) -> int:
    """Write ``path`` (FtM JSON Lines); RETURNS the number of entities."""
    count = 0
    with path.open("w", encoding="utf-8") as out:
        for entity in iter_entities(view):
            out.write(json.dumps(entity.to_dict(), ensure_ascii=False, sort_keys=True) + "\n")
            count += 1
    return count
