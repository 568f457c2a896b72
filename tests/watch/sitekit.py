"""A loopback news site for the watch tests: invented articles, an RSS feed, a receiver.

Every article here is written for these tests (no text from ../shared or any outlet).
Two of the five report arms transfers that the UN's North Korea embargo covers; three
are about other things.
"""

from __future__ import annotations

import json
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from datetime import UTC, datetime
from email.utils import format_datetime
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

SHELLS = (
    "North Korea delivered thousands of artillery shells to Russia in January 2024, "
    "according to a defence ministry statement published in Seoul. The shipment crossed "
    "the border by rail, officials said. Analysts expect more deliveries this spring."
)
RADARS = (
    "Russia supplied air defence radars to North Korea in March 2024, two officials "
    "familiar with the transfer told the Harbour Gazette. The equipment was unloaded at "
    "a port near Rason. Moscow did not comment on the report."
)
WEATHER = (
    "Heavy rain is expected across the northern valleys this weekend, forecasters said. "
    "Farmers were advised to delay the harvest until the storms pass."
)
FOOTBALL = (
    "The home side won the regional cup final three goals to one on Saturday, ending a "
    "ten-year wait for a trophy. The captain scored twice in the second half."
)
MARKETS = (
    "Shares in the port operator rose four percent after it reported higher container "
    "volumes for the quarter. The board proposed a larger dividend."
)
ARTICLES: dict[str, tuple[str, str]] = {
    "shells": ("Shells cross the border by rail", SHELLS),
    "radars": ("Radars unloaded near Rason", RADARS),
    "weather": ("Storms ahead for the valleys", WEATHER),
    "football": ("Cup final ends a long wait", FOOTBALL),
    "markets": ("Port operator shares rise", MARKETS),
}
RELEVANT = ("shells", "radars")

POLL_S = 0.05
"""How often a loopback server looks whether it is asked to stop (the standard library's
0.5 s made every test that stops one half a second longer)."""


def page(slug: str, title: str, body: str, published: str, outlet: str = "Harbour Gazette") -> str:
    """An article page with its own metadata (canonical URL, date, outlet)."""
    paragraphs = "".join(f"<p>{sentence.strip()}.</p>" for sentence in body.split(". ") if sentence)
    return (
        "<!doctype html><html><head><meta charset='utf-8'>"
        f"<title>{title} | {outlet}</title>"
        f"<meta property='og:site_name' content='{outlet}'>"
        f"<meta property='og:title' content='{title}'>"
        f"<meta property='article:published_time' content='{published}'>"
        f"<link rel='canonical' href='/news/{slug}'>"
        "<script>var tracker = 'North Korea delivered missiles to Russia';</script>"
        f"</head><body><nav>Home | World | Sport</nav><article><h1>{title}</h1>"
        f"{paragraphs}</article><footer>© {outlet}</footer></body></html>"
    )


def rss(base: str, slugs: list[str], stamps: dict[str, str] | None = None) -> str:
    """An RSS 2.0 feed of the articles (links with a tracking query, as feeds do)."""
    stamps = stamps or {}
    items = "".join(
        f"<item><title>{ARTICLES[slug][0]}</title>"
        f"<link>{base}/news/{slug}?utm_source=rss</link><guid>{base}/news/{slug}</guid>"
        f"<pubDate>{stamps.get(slug, 'Tue, 20 Feb 2024 10:00:00 GMT')}</pubDate></item>"
        for slug in slugs
    )
    return (
        "<?xml version='1.0' encoding='utf-8'?><rss version='2.0'><channel>"
        f"<title>Harbour Gazette</title><link>{base}/</link><description>News</description>"
        f"{items}</channel></rss>"
    )


@dataclass
class Site:
    """The served site: change ``texts`` or ``stamps`` to publish an update."""

    server: HTTPServer
    texts: dict[str, str] = field(default_factory=lambda: {s: a[1] for s, a in ARTICLES.items()})
    stamps: dict[str, str] = field(default_factory=dict)

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.server.port}"

    @property
    def feed_url(self) -> str:
        return f"{self.base}/feed.xml"

    def requests(self, path: str | None = None) -> list[Request]:
        return [r for r, _ in self.server.log if path is None or r.path == path]

    def install(self) -> None:
        self.server.expect_request("/feed.xml").respond_with_handler(self.feed)
        self.server.expect_request("/robots.txt").respond_with_data("User-agent: *\nAllow: /\n")
        for slug in ARTICLES:
            self.server.expect_request(f"/news/{slug}").respond_with_handler(self.article(slug))

    def feed(self, request: Request) -> Response:
        body = rss(self.base, list(ARTICLES), self.stamps)
        etag = f'"{abs(hash(body))}"'
        if request.headers.get("If-None-Match") == etag:
            return Response(status=304, headers={"ETag": etag})
        return Response(body, content_type="application/rss+xml", headers={"ETag": etag})

    def article(self, slug: str) -> Any:
        def handler(request: Request) -> Response:
            title = ARTICLES[slug][0]
            html = page(slug, title, self.texts[slug], "2024-02-20T09:00:00Z")
            return Response(html, content_type="text/html; charset=utf-8")

        return handler


class Receiver:
    """A JSON webhook receiver on loopback (what Apprise's ``json://`` posts to)."""

    def __init__(self) -> None:
        self.posts: list[dict[str, Any]] = []
        self.fail = False
        outer = self

        class Handler(BaseHTTPRequestHandler):
            def do_POST(self) -> None:
                size = int(self.headers.get("Content-Length") or 0)
                body = self.rfile.read(size)
                if outer.fail:
                    self.send_response(500)
                    self.end_headers()
                    return
                outer.posts.append(json.loads(body))
                self.send_response(200)
                self.end_headers()

            def log_message(self, *args: object) -> None:
                return

        self.server = ThreadingHTTPServer(("127.0.0.1", 0), Handler)
        self.thread = threading.Thread(
            target=self.server.serve_forever, kwargs={"poll_interval": POLL_S}, daemon=True
        )

    @property
    def url(self) -> str:
        return f"json://127.0.0.1:{self.server.server_address[1]}/hook"

    def __enter__(self) -> Receiver:
        self.thread.start()
        return self

    def __exit__(self, *exc: object) -> None:
        self.server.shutdown()
        self.server.server_close()


@contextmanager
def receiver() -> Iterator[Receiver]:
    with Receiver() as found:
        yield found


def rfc822(day: datetime) -> str:
    return format_datetime(day.astimezone(UTC), usegmt=True)
