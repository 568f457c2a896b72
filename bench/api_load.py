"""The REST API under load: concurrent clients on the main JSON endpoints.

    python bench/api_load.py [--events 1000000] [--clients 20] [--requests 1000]
                             [--seconds 60] [--db PATH] [--workers 1,2] [--client raw]
                             [--endpoints health,…]

The store is the synthetic one of ``bench/store_latency.py`` (1,000,000 events by
default; ``--db`` keeps it to be reused). ``armswatch serve`` runs as its own process on
127.0.0.1 (a free port), as a user runs it, with ``--workers`` processes (a list
compares several); an asyncio client keeps ``--clients`` requests in flight, each a
random one of ``ENDPOINTS`` (the same sequence in every phase), until ``--requests`` are
answered or ``--seconds`` have passed (loopback only, bounded in requests and time). The
client is a plain keep-alive HTTP/1.1 connection per client (``--client raw``, ~0.1 ms
of CPU per request) or httpx (``--client httpx``, ~6 ms: on 2 CPUs it then competes
with the server). ``PHASES`` are measured in one invocation, so they compare under the
same machine load: the answer cache off (``ARMSWATCH_API_CACHE_MB=0``) with one client
and with ``--clients``, then on, from a fresh server (cold) and the same requests again
(warm). Prints requests/s, p50, p95 and p99 latency and errors (non-200) per phase and
per endpoint, the CPU time the server's processes and this client spent per request
(what the machine's other load does not change much), and how many CPUs the machine's
other processes used meanwhile (``/proc/stat`` less server and client: the load average
would count the server's own request threads). Target (issue 12, item 8): p95 ≤ 100 ms
at 20 clients, 0 errors.
"""

from __future__ import annotations

import argparse
import asyncio
import itertools
import os
import random
import socket
import statistics
import subprocess
import sys
import tempfile
import time
from collections import defaultdict
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx

sys.path.insert(0, str(Path(__file__).resolve().parent))

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


PHASES: list[tuple[bool, list[tuple[str, int | None]]]] = [
    (False, [("cache off, 1 client", 1), ("cache off", None)]),
    (
        True,
        [("cache on, cold (fresh server)", None), ("cache on, warm (same requests)", None)],
    ),
]
"""Per server (answer cache on or off), its phases: name and clients (None: --clients)."""


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


class Server:
    """``armswatch serve`` on loopback in its own process."""

    def __init__(self, db: Path, cache: bool, workers: int = 1) -> None:
        port = free_port()
        command = [str(Path(sys.executable).with_name("armswatch")), "serve", "--db", str(db),
                   "--host", "127.0.0.1", "--port", str(port),
                   "--workers", str(workers)]  # fmt: skip
        env = {**os.environ, "ARMSWATCH_API_CACHE_MB": "64" if cache else "0"}
        quiet = subprocess.DEVNULL
        self.process = subprocess.Popen(command, env=env, stdout=quiet, stderr=quiet)
        self.url = f"http://127.0.0.1:{port}"

    def wait_ready(self) -> None:
        deadline = time.monotonic() + 60
        while True:
            try:
                httpx.get(f"{self.url}/api/health", timeout=60)  # also opens the store
                return
            except httpx.TransportError:
                if time.monotonic() > deadline or self.process.poll() is not None:
                    raise SystemExit("armswatch serve did not start") from None
                time.sleep(0.2)

    def cpu_s(self) -> float:
        """CPU seconds the server's processes (its workers too) used so far."""
        ticks, parents = 0, {self.process.pid}
        for stat in sorted(Path("/proc").glob("[0-9]*/stat"), key=lambda p: int(p.parent.name)):
            try:
                fields = stat.read_text().rsplit(")", 1)[1].split()
            except OSError:
                continue
            if int(stat.parent.name) in parents or int(fields[1]) in parents:
                parents.add(int(stat.parent.name))
                ticks += int(fields[11]) + int(fields[12])
        return ticks / os.sysconf("SC_CLK_TCK")


@contextmanager
def served(db: Path, cache: bool, workers: int = 1) -> Iterator[Server]:
    server = Server(db, cache, workers)
    try:
        server.wait_ready()
        yield server
    finally:
        server.process.terminate()
        server.process.wait(timeout=30)


async def load(
    url: str, clients: int, requests: int, seconds: float, client: str = "raw"
) -> dict[str, list[float]]:
    """Latencies (s) per endpoint; errors are recorded under ``error: <endpoint>``.

    client: ``raw`` (one keep-alive HTTP/1.1 connection per client on asyncio streams,
    about 0.1 ms of CPU per request) or ``httpx`` (about 6 ms: on this 2-core machine the
    client then takes more CPU than a cached answer costs the server).
    """
    rng = random.Random(0)
    found: dict[str, list[float]] = defaultdict(list)
    deadline = time.monotonic() + seconds
    issued = 0
    limits = httpx.Limits(max_connections=clients, max_keepalive_connections=clients)
    host, port = url.removeprefix("http://").split(":")
    async with httpx.AsyncClient(base_url=url, timeout=30, limits=limits) as pool:

        async def worker() -> None:
            nonlocal issued
            connection = RawConnection(host, int(port)) if client == "raw" else None
            try:
                while issued < requests and time.monotonic() < deadline:
                    issued += 1
                    name = rng.choice(list(ENDPOINTS))
                    target = ENDPOINTS[name](rng)
                    started = time.perf_counter()
                    try:
                        if connection is not None:
                            status = await asyncio.wait_for(connection.get(target), 30)
                        else:
                            status = (await pool.get(target)).status_code
                        ok = status == 200
                    except (httpx.HTTPError, OSError, TimeoutError, ValueError):
                        ok = False
                        if connection is not None:
                            connection.close()
                    found[name if ok else f"error: {name}"].append(time.perf_counter() - started)
            finally:
                if connection is not None:
                    connection.close()

        await asyncio.gather(*(worker() for _ in range(clients)))
    return found


class RawConnection:
    """A keep-alive HTTP/1.1 connection for GET requests (the server answers with a
    Content-Length, as uvicorn does for these JSON answers); reconnects after an error."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.streams: tuple[asyncio.StreamReader, asyncio.StreamWriter] | None = None

    async def get(self, target: str) -> int:
        """The status of ``GET target`` (its body is read and dropped)."""
        if self.streams is None:
            self.streams = await asyncio.open_connection(self.host, self.port)
        reader, writer = self.streams
        writer.write(f"GET {target} HTTP/1.1\r\nHost: {self.host}\r\n\r\n".encode())
        head = await reader.readuntil(b"\r\n\r\n")
        lines = head.decode("latin-1").split("\r\n")
        length = next(
            (
                int(line.split(":", 1)[1])
                for line in lines
                if line.lower().startswith("content-length:")
            ),
            None,
        )
        if length is None:
            raise ValueError("no Content-Length")
        await reader.readexactly(length)
        return int(lines[0].split()[1])

    def close(self) -> None:
        if self.streams is not None:
            self.streams[1].close()
            self.streams = None


def machine_busy_s() -> float:
    """CPU seconds every process of the machine used so far (``/proc/stat``)."""
    fields = [int(v) for v in Path("/proc/stat").read_text().split("\n")[0].split()[1:]]
    idle = fields[3] + fields[4]  # idle, iowait
    return (sum(fields[:8]) - idle) / os.sysconf("SC_CLK_TCK")


def percentile(values: list[float], q: int) -> float:
    return statistics.quantiles(values, n=100)[q - 1] if len(values) > 1 else values[0]


def ms(values: list[float], q: int) -> str:
    return f"{percentile(values, q) * 1000:.0f} ms" if values else "–"


def report(
    phase: str,
    workers: int,
    clients: int,
    found: dict[str, list[float]],
    elapsed: float,
    cpu_s: float,
    client_cpu_s: float,
    busy_s: float,
) -> str:
    """Prints the phase's endpoints; RETURNS its row of the summary table."""
    ok = [v for name, vs in found.items() if not name.startswith("error") for v in vs]
    errors = sum(len(vs) for name, vs in found.items() if name.startswith("error"))
    total = len(ok) + errors
    print(f"{phase}, {clients} clients: {total} requests in {elapsed:.1f} s")
    for name in sorted(found):
        values = found[name]
        print(f"  {name:<34} n={len(values):<5} p50 {ms(values, 50):>8}  p95 {ms(values, 95):>8}")
    cpu_ms, client_ms = (seconds / max(total, 1) * 1000 for seconds in (cpu_s, client_cpu_s))
    latency = f"{ms(ok, 50)} | {ms(ok, 95)} | {ms(ok, 99)}"
    others = max(0.0, busy_s - cpu_s - client_cpu_s) / elapsed  # CPUs the others used
    return (f"| {phase} | {workers} | {clients} | {total} | {errors} | "
            f"{total / elapsed:.1f} | {latency} | {cpu_ms:.1f} | {client_ms:.1f} | "
            f"{others:.2f} of {os.cpu_count()} |")  # fmt: skip


COLUMNS = ("phase", "server processes", "clients", "requests", "errors", "requests/s",
           "p50", "p95", "p99",
           "server CPU ms per request", "client CPU ms per request",
           "other processes' CPUs meanwhile")  # fmt: skip


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--events", type=int, default=1_000_000)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--requests", type=int, default=1000)
    parser.add_argument("--seconds", type=float, default=60)
    parser.add_argument("--db", type=Path, default=None)
    parser.add_argument(
        "--workers", default="1", help="server processes, comma-separated to compare: 1,2"
    )
    parser.add_argument("--client", choices=["raw", "httpx"], default="raw")
    parser.add_argument(
        "--endpoints", default=None, help="only these of ENDPOINTS, comma-separated: health"
    )
    args = parser.parse_args()
    if args.endpoints:
        wanted = args.endpoints.split(",")
        for name in set(ENDPOINTS) - set(wanted):
            del ENDPOINTS[name]
        if not ENDPOINTS:
            raise SystemExit(f"--endpoints {args.endpoints}: none of {', '.join(wanted)}")
    print(f"load average at the start: {os.getloadavg()[0]:.1f} ({os.cpu_count()} CPUs)")
    rows = [f"| {' | '.join(COLUMNS)} |", f"|{' --- |' * len(COLUMNS)}"]
    with tempfile.TemporaryDirectory() as tmp:
        db = args.db or Path(tmp) / "load.duckdb"
        if not db.exists():
            build(db, args.events)
        for workers, (cache, phases) in itertools.product(
            [int(n) for n in args.workers.split(",")], PHASES
        ):
            requests = args.requests
            with served(db, cache, workers) as server:
                for name, clients in phases:
                    clients = clients or args.clients
                    started, cpu, mine = time.perf_counter(), server.cpu_s(), time.process_time()
                    busy = machine_busy_s()
                    found = asyncio.run(
                        load(server.url, clients, requests, args.seconds, args.client)
                    )
                    elapsed, cpu = time.perf_counter() - started, server.cpu_s() - cpu
                    mine = time.process_time() - mine
                    busy = machine_busy_s() - busy
                    rows.append(report(name, workers, clients, found, elapsed, cpu, mine, busy))
                    print(f"  load average {os.getloadavg()[0]:.1f} (counts this server's threads)")
                    requests = sum(len(v) for v in found.values())  # the same ones again
    print("\n".join(rows))


if __name__ == "__main__":
    main()
