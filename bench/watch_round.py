"""One watch round over many feeds from a loopback server (issue 14).

    python bench/watch_round.py --feeds 50 --items 20 [--markdown]

A threaded HTTP server on 127.0.0.1 serves ``--feeds`` RSS feeds of ``--items`` article
pages each (generated everyday news from ``bench/filler.py``, and 5% invented arms
transfer reports), with ETags. ``armswatch.watch.round.watch_round`` then runs twice on
a new store with the real pipeline: the first round fetches every feed and page and
analyses them; the second finds every feed unchanged (conditional GETs answered 304).
Printed per round: wall time, requests the fetcher sent and the server answered (robots.txt
included), articles stored, alerts, and the peak RSS of the process. Nothing leaves
127.0.0.1; the per-host delay is 0 (one host here; real sites get
``ARMSWATCH_FETCH_HOST_DELAY``).
"""

from __future__ import annotations

import argparse
import hashlib
import os
import random
import tempfile
import threading
import time
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path

from filler import filler_article
from rss import PeakRss

RELEVANT = (
    "{supplier} delivered {count} {weapon} to {recipient} in {month} 2024, officials in "
    "{city} said on {weekday}. The shipment was the {nth} this year, a ministry spokesman "
    "told reporters."
)
PAIRS = [
    ("North Korea", "Russia", "artillery shells"),
    ("Iran", "Russia", "Shahed-136 drones"),
    ("Russia", "North Korea", "air defence radars"),
    ("Belarus", "Russia", "T-72 tanks"),
]


def article_text(feed: int, item: int, rng: random.Random) -> tuple[str, str]:
    """(title, text) of one page: 1 in 20 an arms transfer report, the rest filler."""
    if rng.random() < 0.05:
        supplier, recipient, weapon = rng.choice(PAIRS)
        text = RELEVANT.format(
            supplier=supplier,
            recipient=recipient,
            weapon=weapon,
            count=rng.choice(["dozens of", "hundreds of", "a batch of"]),
            month=rng.choice(["January", "March", "May", "July"]),
            city=rng.choice(["Seoul", "Kyiv", "Vilnius"]),
            weekday=rng.choice(["Monday", "Tuesday", "Friday"]),
            nth=rng.choice(["second", "third", "fourth"]),
        )
        return f"Shipment {feed}-{item}", text
    article = filler_article(rng, f"f{feed}-{item}")
    return article.title or f"News {feed}-{item}", article.text


class Site:
    """The generated pages and feeds, and a count of what was served."""

    def __init__(self, feeds: int, items: int, seed: int = 7) -> None:
        rng = random.Random(seed)
        self.feeds, self.items = feeds, items
        self.pages = {(f, i): article_text(f, i, rng) for f in range(feeds) for i in range(items)}
        self.served: dict[int, int] = {}
        self.lock = threading.Lock()

    def count(self, status: int) -> None:
        with self.lock:
            self.served[status] = self.served.get(status, 0) + 1

    def feed(self, base: str, number: int) -> bytes:
        items = "".join(
            f"<item><title>{self.pages[(number, i)][0]}</title>"
            f"<link>{base}/a/{number}/{i}</link>"
            f"<pubDate>Tue, 20 Feb 2024 {i % 24:02d}:00:00 GMT</pubDate></item>"
            for i in range(self.items)
        )
        return (
            f"<?xml version='1.0'?><rss version='2.0'><channel><title>Outlet {number}</title>"
            f"<link>{base}/</link><description>News</description>{items}</channel></rss>"
        ).encode()

    def page(self, feed: int, item: int) -> bytes:
        title, text = self.pages[(feed, item)]
        return (
            f"<html><head><title>{title}</title><meta property='og:site_name' "
            f"content='Outlet {feed}'><meta property='article:published_time' "
            f"content='2024-02-20T{item % 24:02d}:00:00Z'></head><body><article><h1>{title}"
            f"</h1><p>{text}</p></article></body></html>"
        ).encode()


def serve(site: Site) -> ThreadingHTTPServer:
    class Handler(BaseHTTPRequestHandler):
        protocol_version = "HTTP/1.1"

        def do_GET(self) -> None:
            base = f"http://{self.headers['Host']}"
            parts = self.path.strip("/").split("/")
            if parts[0] == "robots.txt":
                self.reply(200, b"User-agent: *\nAllow: /\n", "text/plain")
            elif parts[0] == "feed" and len(parts) == 2:
                body = site.feed(base, int(parts[1].removesuffix(".xml")))
                etag = '"' + hashlib.sha1(body).hexdigest()[:16] + '"'
                if self.headers.get("If-None-Match") == etag:
                    self.reply(304, b"", None, etag)
                else:
                    self.reply(200, body, "application/rss+xml", etag)
            elif parts[0] == "a" and len(parts) == 3:
                self.reply(200, site.page(int(parts[1]), int(parts[2])), "text/html")
            else:
                self.reply(404, b"", "text/plain")

        def reply(
            self, status: int, body: bytes, kind: str | None, etag: str | None = None
        ) -> None:
            site.count(status)
            self.send_response(status)
            if kind:
                self.send_header("Content-Type", kind)
            if etag:
                self.send_header("ETag", etag)
            self.send_header("Content-Length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, *args: object) -> None:
            return

    server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
    threading.Thread(target=server.serve_forever, daemon=True).start()
    return server


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--feeds", type=int, default=50)
    parser.add_argument("--items", type=int, default=20)
    parser.add_argument("--markdown", action="store_true", help="Print a Markdown table.")
    args = parser.parse_args()
    os.environ["ARMSWATCH_FETCH_ALLOW_PRIVATE"] = "1"
    os.environ["ARMSWATCH_FETCH_HOST_DELAY"] = "0"
    os.environ["ARMSWATCH_FETCH_ITEMS"] = str(max(50, args.items))

    from armswatch.pipeline import default_analyzer
    from armswatch.watch.round import WatchOptions, watch_round

    site = Site(args.feeds, args.items)
    server = serve(site)
    base = f"http://127.0.0.1:{server.server_address[1]}"
    feeds = tuple(f"{base}/feed/{n}.xml" for n in range(args.feeds))
    analyzer = default_analyzer()
    rows = []
    with tempfile.TemporaryDirectory() as tmp:
        db = Path(tmp) / "watch.duckdb"
        alerts = Path(tmp) / "alerts.jsonl"
        options = WatchOptions(sources=feeds, channels=(str(alerts),))
        for name in ("first round", "second round (unchanged)"):
            before = dict(site.served)
            with PeakRss() as peak:
                started = time.perf_counter()
                report = watch_round(db, options, analyzer=analyzer)
                elapsed = time.perf_counter() - started
            served = {k: v - before.get(k, 0) for k, v in site.served.items()}
            stored = report.run.run.articles_stored if report.run else 0
            analysis = report.run.elapsed_s if report.run else 0.0
            rows.append(
                (
                    name,
                    elapsed,
                    elapsed - analysis,
                    analysis,
                    report.requests,
                    served.get(200, 0),
                    served.get(304, 0),
                    stored,
                    report.alerts_new,
                    peak.mb,
                    os.getloadavg()[0],
                )
            )
            print(report.line(), flush=True)
    server.shutdown()
    header = (
        "| round | seconds | fetching and reading s | analysis s | requests sent | 200 | 304 "
        "| articles stored | new alerts | peak RSS MB | load average |\n"
        "| --- | --- | --- | --- | --- | --- | --- | --- | --- | --- | --- |"
    )
    print(f"\n{args.feeds} feeds × {args.items} items, loopback\n" if args.markdown else "")
    print(header)
    for name, seconds, fetching, analysis, sent, ok, unchanged, stored, alerted, rss, load in rows:
        print(
            f"| {name} | {seconds:.1f} | {fetching:.1f} | {analysis:.1f} | {sent:,} | {ok:,} | "
            f"{unchanged:,} | {stored:,} | {alerted} | {rss:.0f} | {load:.1f} |"
        )


if __name__ == "__main__":
    main()
