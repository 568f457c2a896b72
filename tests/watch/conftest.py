"""Loopback servers for the watch tests: nothing is ever sent beyond 127.0.0.0/8."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from sitekit import POLL_S

from armswatch.watch.fetch import Fetcher, FetchOptions


class LoopbackServer(HTTPServer):
    """pytest-httpserver's server, quick to stop (``POLL_S``)."""

    def thread_target(self) -> None:
        assert self.server is not None
        self.server.serve_forever(poll_interval=POLL_S)


@pytest.fixture
def server() -> Iterator[HTTPServer]:
    """A real HTTP server on 127.0.0.1 (threaded: slow handlers do not block the test)."""
    found = LoopbackServer(host="127.0.0.1", port=0, threaded=True)
    found.start()
    yield found
    found.clear()
    found.stop()


def options(**changes: object) -> FetchOptions:
    """Fetch options for loopback tests: private addresses allowed, no delay, short limits."""
    base = {
        "allow_private": True,
        "user_agent": "armswatch-tests/1",
        "timeout_s": 3.0,
        "max_bytes": 200_000,
        "host_delay_s": 0.0,
    }
    return FetchOptions(**{**base, **changes})  # type: ignore[arg-type]


@pytest.fixture
def fetcher() -> Iterator[Fetcher]:
    with Fetcher(options()) as found:
        yield found


@pytest.fixture(autouse=True)
def quiet_fetching(monkeypatch: pytest.MonkeyPatch) -> None:
    """No delay between requests to one host; the guard stays on unless a test lifts it."""
    monkeypatch.setenv("ARMSWATCH_FETCH_HOST_DELAY", "0")
    monkeypatch.delenv("ARMSWATCH_FETCH_ALLOW_PRIVATE", raising=False)
