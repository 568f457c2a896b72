"""Issue 12, items 6 and 7: DNS rebinding and tokens.

- A server on loopback answers only to its own host names (a rebinding name gets 400).
- ``?token=`` is exchanged once for an HttpOnly, SameSite=Strict cookie, with a redirect
  to the URL without it; tokens never reach a log line.
- What each token opens: the API token reads; the ingest token reads and ingests.
"""

from __future__ import annotations

import logging
from pathlib import Path

import httpx
import pytest
from fastapi.testclient import TestClient

from armswatch.api import ApiSettings
from armswatch.api.app import make_app
from armswatch.api.config import bound_hosts
from armswatch.api.guard import COOKIE, RedactTokens, redact
from armswatch.pipeline import Analyzer
from dashkit import build_store, live_server


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    return build_store(tmp_path_factory.mktemp("hardening") / "a.duckdb", analyzer)


@pytest.mark.issue(12)
def test_a_loopback_server_refuses_a_rebinding_host_name(db: Path) -> None:
    settings = ApiSettings(allowed_hosts=bound_hosts("127.0.0.1", ApiSettings()))
    with live_server(db, settings) as url:
        port = url.rsplit(":", 1)[1]
        for name in ("127.0.0.1", "localhost"):
            ok = httpx.get(f"{url}/api/health", headers={"Host": f"{name}:{port}"}, timeout=10)
            assert ok.status_code == 200
        for name in ("attacker.example", "127.0.0.1.nip.io"):
            refused = httpx.get(f"{url}/api/health", headers={"Host": f"{name}:{port}"}, timeout=10)
            assert refused.status_code == 400 and "ledger" not in refused.text


@pytest.mark.issue(12)
def test_the_allowed_hosts_setting_replaces_the_bound_names(
    db: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("ARMSWATCH_API_ALLOWED_HOSTS", "ledger.example.org, [::1]")
    settings = ApiSettings.from_env()
    assert bound_hosts("127.0.0.1", settings) == ("ledger.example.org", "::1")
    client = TestClient(make_app(db, settings), base_url="http://ledger.example.org")
    assert client.get("/api/health").status_code == 200
    assert client.get("/api/health", headers={"Host": "localhost"}).status_code == 400
    assert bound_hosts("0.0.0.0", ApiSettings(token="t")) == ("*",)


@pytest.mark.issue(12)
def test_a_token_in_the_url_becomes_a_cookie_and_leaves_the_url(db: Path) -> None:
    client = TestClient(make_app(db, ApiSettings(token="s3cret")), follow_redirects=False)

    first = client.get("/events?actor=PRK&token=s3cret&page=2")

    assert first.status_code == 303
    assert first.headers["location"] == "/events?actor=PRK&page=2"
    cookie = first.headers["set-cookie"]
    assert cookie.startswith(f"{COOKIE}=s3cret;")
    assert "HttpOnly" in cookie and "SameSite=strict" in cookie.replace("Strict", "strict")
    assert "s3cret" not in first.headers["location"]
    followed = client.get(first.headers["location"])  # the client sends the cookie
    assert followed.status_code == 200
    stranger = TestClient(make_app(db, ApiSettings(token="s3cret")), follow_redirects=False)
    assert stranger.get("/api/health?token=wrong").status_code == 401


@pytest.mark.issue(12)
def test_tokens_are_redacted_from_every_log_line() -> None:
    assert redact("GET /?token=s3cret HTTP/1.1") == "GET /?token=[redacted] HTTP/1.1"
    assert redact("authorization: Bearer s3cret") == "authorization: Bearer [redacted]"
    assert redact(f"cookie: {COOKIE}=s3cret; other=1") == f"cookie: {COOKIE}=[redacted]; other=1"
    record = logging.LogRecord(
        "uvicorn.access",
        logging.INFO,
        "",
        0,
        '%s - "%s %s HTTP/%s" %d',
        ("127.0.0.1:5", "GET", "/events?actor=PRK&token=s3cret", "1.1", 303),
        None,
    )
    assert RedactTokens().filter(record)
    assert "s3cret" not in record.getMessage() and "actor=PRK" in record.getMessage()


@pytest.mark.issue(12)
def test_the_server_log_never_holds_a_token(db: Path) -> None:
    import io

    import uvicorn

    from armswatch.api.guard import redact_logs

    uvicorn.Config(make_app(db, ApiSettings(token="s3cret")), log_level="info")
    redact_logs()  # what `armswatch serve` does once uvicorn has set up its loggers
    logger = logging.getLogger("uvicorn.access")
    out = io.StringIO()
    handler = logging.StreamHandler(out)
    logger.addHandler(handler)
    try:
        logger.info('%s - "%s %s HTTP/%s" %d', "127.0.0.1:5", "GET", "/?token=s3cret", "1.1", 303)
    finally:
        logger.removeHandler(handler)
    assert "token=[redacted]" in out.getvalue() and "s3cret" not in out.getvalue()


@pytest.mark.issue(12)
@pytest.mark.parametrize(
    ("token", "reads", "ingests"),
    [("api-t", 200, 401), ("ingest-t", 200, 200), ("", 401, 401), ("nope", 401, 401)],
)
def test_what_each_token_opens(
    db: Path, analyzer: Analyzer, token: str, reads: int, ingests: int
) -> None:
    settings = ApiSettings(token="api-t", ingest_token="ingest-t")
    client = TestClient(make_app(db, settings, analyzer=analyzer))
    headers = {"Authorization": f"Bearer {token}"} if token else {}

    assert client.get("/api/findings", headers=headers).status_code == reads
    assert client.get("/events", headers=headers).status_code == reads
    article = {"id": f"token-{token}", "text": "A note on the weather."}
    response = client.post("/api/ingest", json={"articles": [article]}, headers=headers)
    assert response.status_code == ingests
