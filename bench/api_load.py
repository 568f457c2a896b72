"""The REST API under load: 20 concurrent clients on the main JSON endpoints.

    python bench/api_load.py [--events 1000000] [--clients 20] [--requests 2000]
                             [--seconds 60] [--db PATH]

The store is the synthetic one of ``bench/store_latency.py`` (1,000,000 events by
default; ``--db`` keeps it to be reused). ``armswatch serve``'s app runs in uvicorn on
127.0.0.1 (a free port, in a thread of this process); an httpx/asyncio client keeps
``--clients`` requests in flight, each a random one of ``ENDPOINTS``, until
``--requests`` are answered or ``--seconds`` have passed (loopback only, bounded in
requests and time). Prints requests/s, p50, p95 and p99 latency and errors (non-200),
in all and per endpoint. Target (issue 12, item 8): p95 ≤ 100 ms at 20 clients, 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import sys
import tempfile
import threading
import time
from collections import defaultdict
from pathlib import Path

import httpx
import uvicorn

sys.path.insert(0, str(Path(__file__).resolve().parent))

from armswatch.api import ApiSettings
from armswatch.api.app import make_app
from store_latency import COUNTRIES, RULES, TYPES, fill

ENDPOINTS = {
    "events of a type": lambda r: f"/api/events?type={r.choice(TYPES)}&limit=50",
    "transfers supplier → recipient": lambda r: (
        f"/api/events?type=arms_transfer&source={r.choice(COUNTRIES)}"
        f"&target={r.choice(COUNTRIES)}&limit=50"
    ),
    "an actor's events": lambda r: f"/api/events?actor={r.choice(COUNTRIES)}&limit=50",
    "findings of a rule": lambda r: f"/api/findings?rule={r.choice(RULES)}&limit=50",
    "one event": lambda r: f"/api/events/ev-{r.randrange(1000)}",
    "incidents": lambda r: f"/api/incidents?min_sources={r.choice([1, 2, 3])}&limit=50",
    "one incident": lambda r: f"/api/incidents/inc-{r.randrange(1000)}",
    "health": lambda r: "/api/health",
}


def build(path: Path, events: int) -> None:
    from armswatch.store.store import open_store

    os.environ.setdefault("ARMSWATCH_DUCKDB_MEMORY_LIMIT", "2GB")  # as store_latency does
    started = time.perf_counter()
    with open_store(path) as store:
        fill(store.con, events)
    print(f"built {path} ({events:,} events) in {time.perf_counter() - started:.0f} s")


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


def start_server(db: Path) -> tuple[uvicorn.Server, str]:
    port = free_port()
    config = uvicorn.Config(make_app(db, ApiSettings()), host="127.0.0.1", port=port,
                            log_level="warning")  # fmt: skip
    server = uvicorn.Server(config)
    threading.Thread(target=server.run, daemon=True).start()
    deadline = time.monotonic() + 30
    while not server.started:
        if time.monotonic() > deadline:
            raise SystemExit("uvicorn did not start")
        time.sleep(0.05)
    return server, f"http://127.0.0.1:{port}"


async def load(url: str, clients: int, requests: int, seconds: float) -> dict[str, list[float]]:
    """Latencies (s) per endpoint; errors are recorded under ``error: <endpoint>``."""
    rng = random.Random(0)
    found: dict[str, list[float]] = defaultdict(list)
    deadline = time.monotonic() + seconds
    issued = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as client:

        async def worker() -> None:
            nonlocal issued
            while issued < requests and time.monotonic() < deadline:
                issued += 1
                name = rng.choice(list(ENDPOINTS))
                started = time.perf_counter()
                try:
                    response = await client.get(ENDPOINTS[name](rng))
                    ok = response.status_code == 200
                except httpx.HTTPError:
                    ok = False
                found[name if ok else f"error: {name}"].append(time.perf_counter() - started)

        await asyncio.gather(*(worker() for _ in range(clients)))
    return found


def percentile(values: list[float], q: float) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def report(found: dict[str, list[float]], elapsed: float) -> None:
    ok = [v for name, vs in found.items() if not name.startswith("error") for v in vs]
    errors = sum(len(vs) for name, vs in found.items() if name.startswith("error"))
    total = len(ok) + errors
    print(f"{total} requests in {elapsed:.1f} s: {total / elapsed:.1f} requests/s, "
          f"{errors} errors")  # fmt: skip
    print(f"all: p50 {percentile(ok, 50) * 1000:.0f} ms, p95 {percentile(ok, 95) * 1000:.0f} ms, "
          f"p99 {percentile(ok, 99) * 1000:.0f} ms")  # fmt: skip
    for name in sorted(found):
        values = found[name]
        print(f"  {name:<34} n={len(values):<5} p50 {percentile(values, 50) * 1000:6.0f} ms  "
              f"p95 {percentile(values, 95) * 1000:6.0f} ms")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=2000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", type=Path, default=None)
    args = parser.parse_args()
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.duckdb"
        if not db.exists():
            build(db, args.events)
        server, url = start_server(db)
        try:
            httpx.get(f"{url}/api/health", timeout=60)  # warm up
            started = time.perf_counter()
            found = asyncio.run(load(url, args.clients, args.requests, args.seconds))
            report(found, time.perf_counter() - started)
        finally:
            server.should_exit = True


if __name__ == "__main__":
    main()
