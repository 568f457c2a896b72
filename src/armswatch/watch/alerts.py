"""Alerts: what a watch round found that a watch rule asks for, made once, sent per channel.

``new_alerts(con, shas, rules, channels)`` looks at the events and findings of the
articles a round stored, keeps those a rule matches (``watch.watchlist``), and records one
``alerts`` row per (match, channel) unless the match was alerted before. A match is
identified twice, and either identity already alerted means "not new":

- ``key``: watch rule | finding rule | incident (one real-world fact across articles,
  ``armswatch.fuse``), so a republished or updated report of a known fact is quiet;
- ``doc_key``: watch rule | finding rule | article id | event type | dyad, so a new
  version of the same article is quiet even if fusion placed it elsewhere.

``deliver(con, sender)`` sends every row not yet sent (new ones and earlier failures) and
records the outcome; a failing channel is retried next round and never blocks the others.
Channels are Apprise URLs (``json://``, ``mailto://``, ``slack://``, ``tgram://`` …), ``-``
(JSON Lines on stdout) or a ``.jsonl`` file path.
"""

from __future__ import annotations

import json
import sys
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import duckdb
from pydantic import BaseModel, Field

from armswatch.ledger.tables import REJECTED_EVENTS
from armswatch.model import Finding, Quantity
from armswatch.sanctions.standing import POLITICAL, finding_standing
from armswatch.settings import get_setting
from armswatch.store.assemble import load_articles, load_events, load_findings
from armswatch.store.records import StoredArticle, StoredEvent, utc_now
from armswatch.store.sql import rows_by_values
from armswatch.watch.tables import ALERTS, AlertRecord, insert_row, select
from armswatch.watch.watchlist import WatchRule


class Alert(BaseModel):
    """What an alert says: the match, the event, the finding, who says so, the evidence."""

    watch_rule: str = Field(description="The watch rule that matched.")
    kind: str = Field(
        description="finding, event (a rule with findings_only: false), or update (a known "
        "match with more independent sources or a status further on: --updates)."
    )
    update: str | None = Field(default=None, description="What an update adds.")
    rule: str | None = Field(default=None, description="The finding's sanctions rule.")
    regime: str | None = None
    provision: str | None = None
    standing: str | None = Field(
        default=None,
        description="How the finding stands: 'in force', 'undecided', or 'contrary to the "
        "EU's political embargo' for a political (non-binding) embargo, never a breach.",
    )
    explanation: str | None = None
    event: str
    event_type: str
    supplier: list[str] = Field(description="Source side: 'Name (KEY)'.")
    recipient: list[str]
    items: list[str]
    status: str
    certainty: str
    who_says: list[str] = Field(description="Attributions: who the article says is the source.")
    evidence: str = Field(description="The quoted sentence.")
    article: str = Field(description="The article's id.")
    title: str | None = None
    outlet: str | None = None
    published: str | None = None
    url: str | None = None
    incident: str | None = None
    incident_url: str | None = None
    independent_sources: int | None = None

    def headline(self) -> str:
        """One line: what matched."""
        dyad = f"{', '.join(self.supplier) or '?'} → {', '.join(self.recipient) or '?'}"
        what = f"{self.rule} ({self.regime})" if self.rule else self.event_type
        if self.standing == POLITICAL:
            what += f", {POLITICAL}"
        news = f" (update: {self.update})" if self.update else ""
        return f"armswatch [{self.watch_rule}]: {what}: {self.event_type} {dyad}{news}"

    def text(self) -> str:
        """The alert as a few lines of plain text (mail, chat)."""
        lines = [self.headline()]
        if self.update:
            lines.append(f"Update: {self.update} since the last alert")
        if self.rule:
            state = f" ({self.standing})" if self.standing else ""
            lines.append(f"Finding: {self.rule}, {self.regime}, {self.provision}{state}")
            if self.explanation:
                lines.append(self.explanation)
        items = "; ".join(self.items) or "no items named"
        lines.append(f"Event: {self.event_type}, {items}; {self.status}, {self.certainty}")
        lines.append(f"Who says so: {'; '.join(self.who_says) or self.outlet or 'the article'}")
        lines.append(f'Evidence: "{self.evidence}"')
        source = " ".join(x for x in (self.outlet, self.published, self.url) if x)
        lines.append(f"Source: {source or self.article}")
        if self.incident_url:
            lines.append(f"Incident: {self.incident_url}")
        return "\n".join(lines)


@dataclass(frozen=True)
class Match:
    """A rule matched an event (and its finding) of a stored article."""

    rule: WatchRule
    event: StoredEvent
    finding: Finding | None
    article: StoredArticle
    incident: str | None
    sources: int | None

    @property
    def dyad(self) -> str:
        """``PRK>RUS``: the actor keys of both sides."""
        source = "+".join(dict.fromkeys(a.key for a in self.event.source))
        target = "+".join(dict.fromkeys(a.key for a in self.event.target))
        return f"{source}>{target}"

    @property
    def key(self) -> str:
        where = self.incident or f"{self.event.type}|{self.dyad}|{self.article.id}"
        return f"{self.rule.name}|{self.finding.rule if self.finding else '-'}|{where}"

    @property
    def doc_key(self) -> str:
        finding = self.finding.rule if self.finding else "-"
        return f"{self.rule.name}|{finding}|{self.article.id}|{self.event.type}|{self.dyad}"

    def alert(self) -> Alert:
        event, finding, article = self.event, self.finding, self.article
        quote = (finding.evidence[0].text if finding and finding.evidence else None) or (
            event.evidence[0].text if event.evidence else ""
        )
        base = get_setting("ARMSWATCH_PUBLIC_URL").rstrip("/")
        return Alert(
            watch_rule=self.rule.name,
            kind="finding" if finding else "event",
            rule=finding.rule if finding else None,
            regime=finding.regime if finding else None,
            provision=finding.provision if finding else None,
            standing=finding_standing(
                finding.rule, finding.instrument, finding.provision, finding.in_force
            )
            if finding
            else None,
            explanation=finding.explanation if finding else None,
            event=event.id,
            event_type=event.type,
            supplier=[f"{a.name} ({a.key})" for a in event.source],
            recipient=[f"{a.name} ({a.key})" for a in event.target],
            items=[_item(i.text, i.category, i.quantity) for i in event.items],
            status=event.status,
            certainty=event.certainty,
            who_says=[_attribution(a.text, a.via) for a in event.attribution],
            evidence=" ".join(quote.split()),
            article=article.id,
            title=article.title,
            outlet=article.outlet,
            published=article.published,
            url=article.url,
            incident=self.incident,
            incident_url=f"{base}/incidents/{self.incident}" if self.incident else None,
            independent_sources=self.sources,
        )


def _item(text: str, category: str, quantity: Quantity | None) -> str:
    return f"{text} ({category}{', ' + quantity.text if quantity else ''})"


def _attribution(text: str, via: str | None) -> str:
    return f"{text} (via {via})" if via else text


def stored_articles(con: duckdb.DuckDBPyConnection, run_id: str) -> list[StoredArticle]:
    """The current articles a run stored."""
    return load_articles(con, "a.run_id = ? AND a.current", [run_id], 100_000, 0)


def find_matches(
    con: duckdb.DuckDBPyConnection, articles: Sequence[StoredArticle], rules: Sequence[WatchRule]
) -> list[Match]:
    """Every (rule, event, finding) match among these articles' events; events analysts
    rejected raise none."""
    shas = [a.sha256 for a in articles]
    if not shas:
        return []
    by_sha = {a.sha256: a for a in articles}
    events = load_events(
        con, f"e.sha256 = ANY(?) AND e.id NOT IN ({REJECTED_EVENTS})", [shas], 1_000_000, 0
    )
    findings = load_findings(
        con, f"f.sha256 = ANY(?) AND f.event NOT IN ({REJECTED_EVENTS})", [shas], 1_000_000, 0
    )
    incidents = incident_of_events(con, [e.id for e in events])
    by_event: dict[str, list[Finding]] = {}
    for finding in findings:
        by_event.setdefault(finding.event, []).append(finding)
    matches = []
    for event in events:
        incident, sources = incidents.get(event.id, (None, None))
        options: list[Finding | None] = [*by_event.get(event.id, [])] or [None]
        for option in options:
            for rule in rules:
                if rule.matches(event, option, sources):
                    article = by_sha[event.sha256]
                    matches.append(Match(rule, event, option, article, incident, sources))
    return matches


def incident_of_events(
    con: duckdb.DuckDBPyConnection, event_ids: list[str]
) -> dict[str, tuple[str, int]]:
    """Event id → (its incident, the incident's independent sources)."""
    if not event_ids:
        return {}
    query = (
        "SELECT ie.event_id, i.id, i.independent_sources FROM incident_events ie "
        "JOIN incidents i ON i.id = ie.incident_id WHERE ie.event_id = ANY(?)"
    )
    rows = rows_by_values(con, query, event_ids)
    return {r["event_id"]: (r["id"], int(r["independent_sources"])) for r in rows}


def already_alerted(con: duckdb.DuckDBPyConnection, match: Match) -> bool:
    found = con.execute(
        "SELECT count(*) FROM alerts WHERE key = ? OR doc_key = ?", [match.key, match.doc_key]
    ).fetchall()
    return bool(found[0][0])


STATUS_RANK = {"planned": 1, "negotiating": 2, "agreed": 3, "ongoing": 4, "delivered": 5}
"""How far a transfer has gone; denied, cancelled and unknown rank 0."""


def update_of(con: duckdb.DuckDBPyConnection, match: Match) -> str | None:
    """What a known match adds since it was last alerted: more independent sources or a
    status further on (``"2 independent sources"``, ``"status delivered"``), else None."""
    rows = con.execute(
        "SELECT body FROM alerts WHERE key = ? OR starts_with(key, ?) "
        "ORDER BY created_at DESC LIMIT 1",
        [match.key, match.key + "|update|"],
    ).fetchall()
    if not rows:
        return None
    before = Alert.model_validate_json(rows[0][0])
    sources, status = match.sources or 0, match.event.status
    if sources > (before.independent_sources or 0):
        return f"{sources} independent sources"
    if STATUS_RANK.get(status, 0) > STATUS_RANK.get(before.status, 0):
        return f"status {status}"
    return None


def record_alerts(
    con: duckdb.DuckDBPyConnection,
    matches: Sequence[Match],
    channels: Sequence[str],
    updates: bool = False,
) -> list[AlertRecord]:
    """One pending ``alerts`` row per new match and channel (a match seen before: none).

    updates (bool): a match alerted before alerts again, as an update, when its incident
        now has more independent sources or its status went further (``update_of``).
    With no channel, the match is still recorded (channel ``none``), so it never alerts
    later when a channel is added.
    """
    made: list[AlertRecord] = []
    seen: set[str] = set()
    for match in matches:
        if match.key in seen or match.doc_key in seen:
            continue
        key, doc_key, update = match.key, match.doc_key, None
        if already_alerted(con, match):
            update = update_of(con, match) if updates else None
            if update is None:
                continue
            key = f"{match.key}|update|{update}"
            doc_key = f"{match.doc_key}|update|{update}"
            if con.execute("SELECT count(*) FROM alerts WHERE key = ?", [key]).fetchall()[0][0]:
                continue
        seen |= {match.key, match.doc_key}
        alert = match.alert()
        if update:
            alert.kind, alert.update = "update", update
        for channel in channels or ["none"]:
            record = AlertRecord(
                key=key,
                doc_key=doc_key,
                watch_rule=match.rule.name,
                channel=channel,
                rule=alert.rule,
                incident=alert.incident,
                event=alert.event,
                sha256=match.article.sha256,
                title=alert.headline(),
                body=alert.model_dump_json(),
                created_at=utc_now(),
                sent_at=utc_now() if channel == "none" else None,
            )
            insert_row(con, ALERTS, record)
            made.append(record)
    return made


def pending(con: duckdb.DuckDBPyConnection, channels: Sequence[str]) -> list[AlertRecord]:
    """Alerts not yet delivered to these channels (new, or failed before), oldest first."""
    if not channels:
        return []
    rows = select(
        con, ALERTS, "sent_at IS NULL AND channel = ANY(?) ORDER BY created_at", [list(channels)]
    )
    return [AlertRecord.model_validate(row) for row in rows]


Sender = Callable[[str, Alert], None]
"""Sends one alert to one channel; raises on failure."""


@dataclass
class Delivery:
    """What a delivery pass did: sent, failed (with the errors, one line each)."""

    sent: int = 0
    failed: int = 0
    errors: list[str] | None = None


def deliver(
    con: duckdb.DuckDBPyConnection, channels: Sequence[str], sender: Sender | None = None
) -> Delivery:
    """Send the pending alerts of ``channels``; record each outcome (a failure is retried
    at the next delivery and never stops the other alerts or channels)."""
    sender = sender or send_alert
    result = Delivery(errors=[])
    for record in pending(con, channels):
        alert = Alert.model_validate_json(record.body)
        try:
            sender(record.channel, alert)
        except Exception as exc:  # any channel's failure: recorded, retried, never fatal
            message = f"{mask(record.channel)}: {type(exc).__name__}: {exc}".splitlines()[0]
            result.failed += 1
            assert result.errors is not None
            result.errors.append(message)
            con.execute(
                "UPDATE alerts SET attempts = attempts + 1, error = ? "
                "WHERE key = ? AND channel = ? AND sent_at IS NULL",
                [message, record.key, record.channel],
            )
            continue
        result.sent += 1
        con.execute(
            "UPDATE alerts SET attempts = attempts + 1, error = NULL, sent_at = ? "
            "WHERE key = ? AND channel = ? AND sent_at IS NULL",
            [utc_now(), record.key, record.channel],
        )
    return result


def send_alert(channel: str, alert: Alert) -> None:
    """Send one alert: ``-`` or a ``.jsonl`` path (JSON Lines), else an Apprise URL."""
    if channel == "-":
        sys.stdout.write(alert.model_dump_json() + "\n")
        sys.stdout.flush()
        return
    if is_file_channel(channel):
        path = Path(channel.removeprefix("file://"))
        with path.open("a", encoding="utf-8") as out:
            out.write(alert.model_dump_json() + "\n")
        return
    send_apprise(channel, alert.headline(), alert.text())


def is_file_channel(channel: str) -> bool:
    return channel.startswith("file://") or channel.endswith(".jsonl")


def send_apprise(url: str, title: str, body: str) -> None:
    """One notification through Apprise; RuntimeError with Apprise's reason on failure."""
    import apprise

    notifier = apprise.Apprise()
    if not notifier.add(url):
        raise RuntimeError("not a valid Apprise URL")
    with apprise.LogCapture(level=apprise.logging.WARNING) as log:  # type: ignore[no-untyped-call]
        ok = notifier.notify(title=title, body=body)
        captured = log.getvalue().strip()
    if not ok:
        raise RuntimeError((captured.splitlines() or ["delivery failed"])[-1])


def check_channel(channel: str) -> str:
    """``channel`` if it can be used; ValueError naming it otherwise."""
    if channel == "-" or is_file_channel(channel):
        return channel
    import apprise

    if apprise.Apprise.instantiate(channel) is None:
        raise ValueError(f"{mask(channel)}: not an Apprise URL, '-' or a .jsonl file")
    return channel


def mask(channel: str) -> str:
    """The channel with its secrets hidden (for output and the dashboard)."""
    if channel == "-" or is_file_channel(channel):
        return channel
    import apprise

    plugin: Any = apprise.Apprise.instantiate(channel)
    if plugin is None:
        return channel.split(":", 1)[0] + "://…"
    return str(plugin.url(privacy=True))


def alert_dicts(records: Sequence[AlertRecord]) -> list[dict[str, Any]]:
    """Records with their alert decoded (for JSON output and pages)."""
    return [{**r.model_dump(mode="json"), "body": json.loads(r.body)} for r in records]
