"""Alert channels: Apprise json:// and mailto:// against loopback servers, JSON Lines,
delivery once per channel with retries that never block the other channels (issue 14)."""

from __future__ import annotations

import json
import socket
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
from aiosmtpd.controller import Controller
from sitekit import Receiver

from armswatch.model import Actor, Finding
from armswatch.store.records import StoredArticle, StoredEvent, utc_now
from armswatch.store.store import open_store
from armswatch.watch.alerts import Alert, Match, deliver, record_alerts, send_alert
from armswatch.watch.tables import ALERTS, AlertRecord, insert_row
from armswatch.watch.watchlist import DEFAULT_RULE

pytestmark = pytest.mark.issue(14)

ALERT = Alert(
    watch_rule="dprk",
    kind="finding",
    rule="un.dprk.arms_export",
    regime="UN DPRK",
    provision="UNSCR 1718 (2006), paragraph 8(b)",
    explanation="North Korea is reported as supplier of ammunition to Russia.",
    event="abc:e0",
    event_type="arms_transfer",
    supplier=["North Korea (PRK)"],
    recipient=["Russia (RUS)"],
    items=["artillery shells (ammunition)"],
    status="delivered",
    certainty="asserted",
    who_says=["a defence ministry statement"],
    evidence="North Korea delivered artillery shells to Russia in January.",
    article="https://news.example/a",
    outlet="Harbour Gazette",
    url="https://news.example/a",
    incident="inc_1",
    incident_url="http://127.0.0.1:8000/incidents/inc_1",
)


def test_json_channel_posts_the_alert_with_its_evidence() -> None:
    with Receiver() as receiver:
        send_alert(receiver.url, ALERT)
    [post] = receiver.posts
    assert post["title"] == ALERT.headline()
    assert '"North Korea delivered artillery shells to Russia in January."' in post["message"]
    for part in ("un.dprk.arms_export", "Harbour Gazette", "/incidents/inc_1", "statement"):
        assert part in post["message"]


class Mailbox:
    def __init__(self) -> None:
        self.messages: list[Any] = []

    async def handle_DATA(self, server: object, session: object, envelope: Any) -> str:
        self.messages.append(envelope)
        return "250 OK"


@pytest.fixture
def smtp() -> Iterator[tuple[Mailbox, int]]:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    mailbox = Mailbox()
    controller = Controller(mailbox, hostname="127.0.0.1", port=port)
    controller.start()
    yield mailbox, port
    controller.stop()


def test_mailto_channel_sends_a_mail(smtp: tuple[Mailbox, int]) -> None:
    mailbox, port = smtp
    url = f"mailto://127.0.0.1:{port}?from=watch@example.org&to=desk@example.org&mode=insecure"
    send_alert(url, ALERT)
    [mail] = mailbox.messages
    assert mail.rcpt_tos == ["desk@example.org"]
    content = mail.content.decode("utf-8", "replace")
    assert "un.dprk.arms_export" in content and "artillery shells" in content


def test_json_lines_to_a_file(tmp_path: Path) -> None:
    path = tmp_path / "alerts.jsonl"
    send_alert(str(path), ALERT)
    send_alert(str(path), ALERT)
    lines = path.read_text(encoding="utf-8").splitlines()
    assert [json.loads(line)["evidence"] for line in lines] == [ALERT.evidence] * 2


def pending_record(key: str, channel: str) -> AlertRecord:
    return AlertRecord(
        key=key,
        doc_key=f"doc-{key}",
        watch_rule="dprk",
        channel=channel,
        rule=ALERT.rule,
        event=ALERT.event,
        sha256="abc",
        title=ALERT.headline(),
        body=ALERT.model_dump_json(),
        created_at=utc_now(),
    )


def test_a_failing_channel_is_retried_and_never_blocks_the_others(tmp_path: Path) -> None:
    sent: list[tuple[str, str]] = []
    broken = {"json://127.0.0.1:9/down"}

    def sender(channel: str, alert: Alert) -> None:
        if channel in broken:
            raise ConnectionError("connection refused")
        sent.append((channel, alert.event))

    channels = ["json://127.0.0.1:9/down", "-"]
    with open_store(tmp_path / "a.duckdb") as store:
        for key in ("k1", "k2"):
            for channel in channels:
                insert_row(store.con, ALERTS, pending_record(key, channel))
        first = deliver(store.con, channels, sender)
        assert (first.sent, first.failed) == (2, 2)
        assert first.errors and "connection refused" in first.errors[0]
        assert sent == [("-", ALERT.event)] * 2
        again = deliver(store.con, channels, sender)  # the next round: only the failed ones
        assert (again.sent, again.failed) == (0, 2)
        broken.clear()
        last = deliver(store.con, channels, sender)
        assert (last.sent, last.failed) == (2, 0)
        assert deliver(store.con, channels, sender).sent == 0  # each alert once per channel
        rows = store.con.execute(
            "SELECT channel, attempts, error IS NULL, sent_at IS NOT NULL FROM alerts ORDER BY 1"
        ).fetchall()
    assert rows == [("-", 1, True, True)] * 2 + [("json://127.0.0.1:9/down", 3, True, True)] * 2


def match(article_id: str, sources: int, status: str = "planned") -> Match:
    text = f"North Korea delivered artillery shells to Russia ({article_id})."
    sha = f"sha-{article_id}-{status}"
    prk = Actor(id="PRK", name="North Korea", country="PRK", kind="state")
    rus = Actor(id="RUS", name="Russia", country="RUS", kind="state")
    span = {"text": text, "start": 0, "end": len(text)}
    event = StoredEvent(
        id=f"{sha}:e0",
        sha256=sha,
        type="arms_transfer",
        source=[prk],
        target=[rus],
        status=status,  # type: ignore[arg-type]
        evidence=[{**span, "trigger": {"text": "delivered", "start": 12, "end": 21}}],  # type: ignore[list-item]
        confidence=0.9,
    )
    finding = Finding(
        rule="un.dprk.arms_export",
        regime="UN",
        instrument="UNSCR 1718",
        provision="8(b)",
        event=event.id,
        in_force=True,
        explanation="x",
        evidence=[span],  # type: ignore[list-item]
    )
    article = StoredArticle(
        id=article_id, sha256=sha, text=text, url=f"https://n.example/{article_id}"
    )
    return Match(DEFAULT_RULE, event, finding, article, "inc_1", sources)


def test_a_known_match_alerts_again_only_as_an_update_when_asked(tmp_path: Path) -> None:
    with open_store(tmp_path / "u.duckdb") as store:
        con = store.con
        assert len(record_alerts(con, [match("a", 1)], ["-"])) == 1
        assert record_alerts(con, [match("a", 1)], ["-"]) == []  # a re-run
        assert record_alerts(con, [match("b", 2)], ["-"]) == []  # same incident, no --updates
        [update] = record_alerts(con, [match("c", 2)], ["-"], updates=True)
        assert "update: 2 independent sources" in update.title
        assert record_alerts(con, [match("d", 2)], ["-"], updates=True) == []  # nothing new
        [further] = record_alerts(con, [match("e", 2, "delivered")], ["-"], updates=True)
        assert "status delivered" in further.title
        assert record_alerts(con, [match("f", 2, "agreed")], ["-"], updates=True) == []
