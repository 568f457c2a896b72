"""A small store for the API, dashboard and export tests, and a live server on loopback.

``build_store(path, analyzer)`` runs ``ARTICLES`` through ``armswatch.run.local`` (the
real pipeline, in this process). One article carries script-injection payloads in its
title, outlet, url and text: nothing of it may ever run in a browser.
"""

from __future__ import annotations

import json
import shutil
import socket
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import uvicorn

from armswatch.api import ApiSettings, make_app
from armswatch.pipeline import Analyzer
from armswatch.run.local import RunOptions, run_local

SCRIPT = "<script>window.__xss=1</script>"
IMG = '<img src=x onerror="window.__xss=1">'
ARTICLES = [
    {
        "id": "shells-reuters",
        "title": "North Korea ships artillery shells to Russia",
        "published": "2023-10-15",
        "outlet": "Reuters",
        "url": "https://example.org/shells-reuters",
        "text": "North Korea shipped artillery shells to Russia last month, South Korean "
        "officials said. Satellite images showed trains loaded with containers crossing the "
        "border at Tumangang.",
    },
    {
        "id": "shells-yonhap",
        "title": "Seoul: Pyongyang sent munitions to Moscow",
        "published": "2023-10-20",
        "outlet": "Yonhap",
        "text": "North Korea has delivered artillery shells to Russia in September, the "
        "Japanese government said on Friday. Tokyo urged Pyongyang to stop the shipments.",
    },
    {
        "id": "drones-ap",
        "title": "Iran delivered drones to Russia",
        "published": "2022-09-06",
        "outlet": "AP",
        "text": "Iran delivered Shahed-136 drones to Russia in August, a U.S. official told "
        "Reuters. The drones were shipped across the Caspian Sea.",
    },
    {
        "id": "sanctions-bbc",
        "title": "Washington sanctions Iranian drone makers",
        "published": "2024-01-09",
        "outlet": "BBC",
        "text": "The United States imposed sanctions on Iranian drone makers on Tuesday.",
    },
    {
        "id": "xss",
        "title": f"{SCRIPT} Shells {IMG}",
        "published": "2024-03-12",
        "outlet": IMG,
        "url": "javascript:window.__xss=1",
        "text": f"North Korea shipped artillery shells to Russia in February, officials said "
        f"{SCRIPT}. {IMG} Satellite images showed ships loaded with containers {SCRIPT} "
        "leaving the port of Rajin.",
    },
]


AGREEMENT = {
    "id": "treaty-kcna",
    "title": "Pyongyang and Moscow sign defence treaty",
    "published": "2024-06-20",
    "outlet": "KCNA Watch",
    "text": "Vladimir Putin and Kim Jong Un signed a Comprehensive Strategic Partnership "
    "Treaty in Pyongyang on Wednesday, promising mutual military assistance.",
}
"""A symmetric event (an agreement): both parties, no direction."""


BUILT: dict[tuple[str, str], Path] = {}
"""The stores ``build_store`` made this session, by analyzer fingerprint and input."""


def build_store(
    path: Path, analyzer: Analyzer, articles: list[dict[str, str]] | None = None
) -> Path:
    """A store at ``path`` holding ``ARTICLES`` (or ``articles``), fused into incidents.

    The pipeline runs once per session for the same articles (into a folder beside the
    first ``path``); every caller gets a copy of its own, which it may write to.
    """
    chosen = ARTICLES if articles is None else articles
    lines = "".join(json.dumps(a) + "\n" for a in chosen)
    key = (analyzer.fingerprint, lines)
    if key not in BUILT:
        folder = path.parent / f"built-{len(BUILT)}"
        folder.mkdir()
        source = folder / "articles.jsonl"
        source.write_text(lines, encoding="utf-8")
        run_local([source], folder / path.name, RunOptions(progress=False), analyzer=analyzer)
        BUILT[key] = folder / path.name
    return copy_store(BUILT[key], path)


def copy_store(source: Path, target: Path) -> Path:
    """The closed store at ``source`` copied to ``target``, with the files beside it that
    belong to it (its read model ``<name>.pages``, a write-ahead log)."""
    for part in source.parent.glob(f"{source.name}*"):
        shutil.copyfile(part, target.with_name(target.name + part.name[len(source.name) :]))
    return target


def free_port() -> int:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind(("127.0.0.1", 0))
        port: int = sock.getsockname()[1]
        return port


@contextmanager
def live_server(
    db: Path, settings: ApiSettings | None = None, analyzer: Analyzer | None = None
) -> Iterator[str]:
    """A real uvicorn server on 127.0.0.1 in a thread; yields its base URL, stops after."""
    app = make_app(db, settings or ApiSettings(), analyzer=analyzer)
    port = free_port()
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning")
    server = uvicorn.Server(config)
    thread = threading.Thread(target=server.run, daemon=True)
    thread.start()
    deadline = time.monotonic() + 20
    while not server.started:
        if time.monotonic() > deadline or not thread.is_alive():
            raise RuntimeError("uvicorn did not start")
        time.sleep(0.05)
    try:
        yield f"http://127.0.0.1:{port}"
    finally:
        server.should_exit = True
        thread.join(timeout=10)


@contextmanager
def watched_page(browser: Any) -> Iterator[Any]:
    """A new browser page that records console errors and page errors in
    ``page.problems``, so a test can assert the page ran cleanly; closed after."""
    page = browser.new_page()
    page.problems = []
    page.on("console", lambda m: page.problems.append(m.text) if m.type == "error" else None)
    page.on("pageerror", lambda e: page.problems.append(str(e)))
    try:
        yield page
    finally:
        page.close()
