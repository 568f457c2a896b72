"""``armswatch serve`` for real: uvicorn on loopback, and the refusal to expose a store."""

from __future__ import annotations

import statistics
import subprocess
import sys
import time
from pathlib import Path

import httpx
import pytest
from typer.testing import CliRunner

from armswatch.api import ApiSettings
from armswatch.api.config import check_exposure, is_loopback
from armswatch.cli import app
from armswatch.errors import ServeError
from armswatch.pipeline import Analyzer
from armswatch.store.store import open_store
from dashkit import build_store, free_port, live_server


@pytest.fixture(scope="module")
def db(tmp_path_factory: pytest.TempPathFactory, analyzer: Analyzer) -> Path:
    return build_store(tmp_path_factory.mktemp("live") / "live.duckdb", analyzer)


def test_a_live_server_answers_on_loopback(db: Path, analyzer: Analyzer) -> None:
    with live_server(db, analyzer=analyzer) as url:
        spec = httpx.get(f"{url}/openapi.json", timeout=10).json()
        assert spec["info"]["title"] == "armswatch" and "/api/findings" in spec["paths"]
        findings = httpx.get(f"{url}/api/findings?actor=PRK", timeout=10).json()
        assert findings["total"] == 3
        page = httpx.get(f"{url}/", timeout=10)
        assert page.status_code == 200 and "un.dprk.arms_export" in page.text
        analysis = httpx.post(
            f"{url}/api/analyze", json={"text": "Belarus sold T-72 tanks to Russia."}, timeout=60
        ).json()
        assert analysis["events"][0]["type"] == "arms_transfer"
        missing = httpx.get(f"{url}/api/incidents/none", timeout=10)
        assert missing.status_code == 404
        assert missing.headers["content-type"] == "application/problem+json"


def test_a_token_protects_a_live_server(db: Path) -> None:
    with live_server(db, ApiSettings(token="t0ken")) as url:
        assert httpx.get(f"{url}/api/health", timeout=10).status_code == 401
        ok = httpx.get(f"{url}/api/health", headers={"Authorization": "Bearer t0ken"}, timeout=10)
        assert ok.json()["ok"] is True


@pytest.mark.parametrize(
    ("host", "loopback"),
    [
        ("127.0.0.1", True),
        ("127.8.0.1", True),
        ("localhost", True),
        ("::1", True),
        ("[::1]", True),
        ("0.0.0.0", False),
        ("192.168.1.4", False),
        ("example.org", False),
    ],
)
def test_loopback_detection(host: str, loopback: bool) -> None:
    assert is_loopback(host) is loopback


def test_serving_beyond_loopback_needs_a_token(db: Path) -> None:
    with pytest.raises(ServeError, match="ARMSWATCH_API_TOKEN"):
        check_exposure("0.0.0.0", ApiSettings())
    check_exposure("0.0.0.0", ApiSettings(token="x"))
    result = CliRunner().invoke(app, ["serve", "--db", str(db), "--host", "0.0.0.0"])
    assert result.exit_code == 1 and "[AW054]" in result.stderr


def test_serve_reports_a_missing_store(tmp_path: Path) -> None:
    result = CliRunner().invoke(app, ["serve", "--db", str(tmp_path / "none.duckdb")])
    assert result.exit_code == 1 and "[AW040]" in result.stderr


def median_keep_alive_s(url: str, requests: int = 9) -> float:
    """The median time of requests on one kept-alive connection (its first one aside)."""
    with httpx.Client(base_url=url, timeout=10) as client:
        client.get("/api/health")
        took = []
        for _ in range(requests):
            started = time.perf_counter()
            client.get("/api/health").raise_for_status()
            took.append(time.perf_counter() - started)
    return statistics.median(took)


@pytest.mark.issue(12)
def test_serve_with_workers_answers_from_several_processes(tmp_path: Path) -> None:
    """``serve --workers 2``: two server processes on one socket, each with the store and
    the host names ``serve`` checked (a rebinding name still gets 400)."""
    db = tmp_path / "workers.duckdb"
    open_store(db).close()
    port = free_port()
    command = [str(Path(sys.executable).with_name("armswatch")), "serve", "--db", str(db),
               "--port", str(port), "--workers", "2"]  # fmt: skip
    server = subprocess.Popen(command, stdout=subprocess.DEVNULL, stderr=subprocess.PIPE)
    url = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 60
        while True:
            try:
                assert httpx.get(f"{url}/api/health", timeout=10).json()["ok"] is True
                break
            except httpx.TransportError:
                assert server.poll() is None and time.monotonic() < deadline
                time.sleep(0.2)
        children = Path(f"/proc/{server.pid}/task/{server.pid}/children").read_text().split()
        assert len(children) >= 2  # the workers (uvicorn may add a helper process)
        answers = [httpx.get(f"{url}/api/events", timeout=10) for _ in range(6)]
        assert all(a.status_code == 200 and a.json()["total"] == 0 for a in answers)
        rebound = httpx.get(f"{url}/api/health", headers={"Host": "evil.example"}, timeout=10)
        assert rebound.status_code == 400
        assert median_keep_alive_s(url) < 0.035  # an answer waiting for an ACK takes 40 ms
    finally:
        server.terminate()
        server.wait(timeout=30)
