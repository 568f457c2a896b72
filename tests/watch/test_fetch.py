"""Polite, safe fetching against a real HTTP server on loopback (issue 14).

Every test is bounded: a few requests, timeouts of at most 3 s.
"""

from __future__ import annotations

import gzip
import socket
import time
from collections.abc import Iterator

import pytest
from pytest_httpserver import HTTPServer
from werkzeug import Request, Response

from armswatch.errors import FetchError
from armswatch.watch import guard
from armswatch.watch.fetch import Fetcher, retry_after
from conftest import LoopbackServer, options

pytestmark = pytest.mark.issue(14)
FEED = b"<?xml version='1.0'?><rss version='2.0'><channel><title>T</title></channel></rss>"


def test_loopback_is_refused_before_any_request(server: HTTPServer) -> None:
    server.expect_request("/feed.xml").respond_with_data(FEED)
    with Fetcher(options(allow_private=False)) as fetcher, pytest.raises(FetchError) as caught:
        fetcher.fetch(server.url_for("/feed.xml"))
    assert "non-public address (127.0.0.1)" in caught.value.message
    assert "ARMSWATCH_FETCH_ALLOW_PRIVATE=1" in caught.value.message
    assert server.log == [] and fetcher.requests == 0


@pytest.mark.parametrize(
    "address",
    [
        "10.1.2.3",
        "172.16.0.1",
        "192.168.1.1",
        "169.254.169.254",
        "::1",
        "fd00::1",
        "224.0.0.1",
        "0.0.0.0",
        "240.0.0.1",
        "::ffff:127.0.0.1",
        "100.64.0.1",
    ],
)
def test_non_public_addresses_are_refused(address: str) -> None:
    host = f"[{address}]" if ":" in address else address
    with pytest.raises(FetchError, match="non-public address"):
        guard.checked_addresses(f"http://{host}/x", allow_private=False)


def test_a_name_is_refused_if_any_of_its_addresses_is_private(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    def two_addresses(host: str, port: int, **kw: object) -> list[tuple[object, ...]]:
        return [
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("93.184.216.34", port)),
            (socket.AF_INET, socket.SOCK_STREAM, 6, "", ("127.0.0.1", port)),
        ]

    monkeypatch.setattr(socket, "getaddrinfo", two_addresses)
    with pytest.raises(FetchError, match=r"non-public address \(127\.0\.0\.1\)"):
        guard.checked_addresses("https://mixed.example/feed", allow_private=False)


@pytest.mark.parametrize("url", ["ftp://x.example/f", "file:///etc/passwd", "gopher://x/"])
def test_only_http_and_https(url: str, fetcher: Fetcher) -> None:
    with pytest.raises(FetchError, match="only http and https"):
        fetcher.fetch(url)


def test_connects_to_the_checked_address_with_the_host_name(
    server: HTTPServer, monkeypatch: pytest.MonkeyPatch, fetcher: Fetcher
) -> None:
    calls: list[str] = []
    real = socket.getaddrinfo

    def resolve(host: str, port: int, *args: object, **kw: object) -> object:
        calls.append(host)
        return real("127.0.0.1" if host == "news.test" else host, port, *args, **kw)  # type: ignore[arg-type]

    monkeypatch.setattr(socket, "getaddrinfo", resolve)
    server.expect_request("/feed.xml").respond_with_data(FEED, content_type="application/rss+xml")
    fetched = fetcher.fetch(f"http://news.test:{server.port}/feed.xml")
    assert fetched.ok and fetched.content == FEED
    request = server.log[-1][0]
    assert request.host == f"news.test:{server.port}"
    # the guard resolved the name; the connections were made to the checked literal address
    assert "news.test" in calls and calls[-1] == "127.0.0.1"


def test_a_redirect_to_a_private_address_is_refused_without_reaching_it(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    public = LoopbackServer(host="127.0.0.1", port=0, threaded=True)
    private = LoopbackServer(host="127.0.0.2", port=0, threaded=True)
    for each in (public, private):
        each.start()
    try:
        monkeypatch.setattr(guard, "is_public", lambda address: str(address) == "127.0.0.1")
        target = f"http://127.0.0.2:{private.port}/secret"
        public.expect_request("/feed").respond_with_response(
            Response(status=302, headers={"Location": target})
        )
        private.expect_request("/secret").respond_with_data("secret")
        with Fetcher(options(allow_private=False)) as fetcher, pytest.raises(FetchError):
            fetcher.fetch(f"http://127.0.0.1:{public.port}/feed")
        assert [r.path for r, _ in public.log] == ["/robots.txt", "/feed"]
        assert private.log == []
    finally:
        for each in (public, private):
            each.stop()


def test_conditional_get_sends_the_validators_and_reads_304(
    server: HTTPServer, fetcher: Fetcher
) -> None:
    def feed(request: Request) -> Response:
        if request.headers.get("If-None-Match") == '"v1"':
            return Response(status=304)
        return Response(
            FEED,
            content_type="application/rss+xml",
            headers={"ETag": '"v1"', "Last-Modified": "Tue, 20 Feb 2024 10:00:00 GMT"},
        )

    server.expect_request("/feed.xml").respond_with_handler(feed)
    first = fetcher.fetch(server.url_for("/feed.xml"))
    assert first.ok and first.etag == '"v1"' and first.last_modified
    again = fetcher.fetch(server.url_for("/feed.xml"), first.etag, first.last_modified)
    assert again.not_modified and again.content == b""
    sent = server.log[-1][0].headers
    assert sent["If-None-Match"] == '"v1"' and sent["If-Modified-Since"] == first.last_modified
    assert sent["User-Agent"] == "armswatch-tests/1"
    assert "gzip" in sent["Accept-Encoding"]


def test_gzip_bodies_are_decoded(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/feed.xml").respond_with_data(
        gzip.compress(FEED), headers={"Content-Encoding": "gzip"}, content_type="text/xml"
    )
    assert fetcher.fetch(server.url_for("/feed.xml")).content == FEED


@pytest.mark.parametrize(("status", "header", "wait"), [(429, "120", 120.0), (503, None, 600.0)])
def test_429_and_503_report_how_long_to_wait(
    server: HTTPServer, fetcher: Fetcher, status: int, header: str | None, wait: float
) -> None:
    headers = {"Retry-After": header} if header else {}
    server.expect_request("/feed.xml").respond_with_data("busy", status=status, headers=headers)
    fetched = fetcher.fetch(server.url_for("/feed.xml"))
    assert fetched.status == status and fetched.retry_after_s == wait
    assert len(server.log) == 2  # robots.txt, then one try: no retry loop within a round


def test_retry_after_as_a_date() -> None:
    soon = time.strftime("%a, %d %b %Y %H:%M:%S GMT", time.gmtime(time.time() + 60))
    assert 50 <= retry_after(soon) <= 61


@pytest.mark.parametrize(("status", "moved"), [(301, True), (308, True), (302, False)])
def test_permanent_redirects_report_the_new_url(
    server: HTTPServer, fetcher: Fetcher, status: int, moved: bool
) -> None:
    new = server.url_for("/new.xml")
    server.expect_request("/old.xml").respond_with_response(
        Response(status=status, headers={"Location": "/new.xml"})
    )
    server.expect_request("/new.xml").respond_with_data(FEED, content_type="application/xml")
    fetched = fetcher.fetch(server.url_for("/old.xml"))
    assert fetched.ok and fetched.url == new
    assert fetched.moved_to == (new if moved else None)


def test_redirect_loops_stop(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/loop").respond_with_response(
        Response(status=302, headers={"Location": "/loop"})
    )
    with pytest.raises(FetchError, match="more than 5 redirects"):
        fetcher.fetch(server.url_for("/loop"))
    assert len(server.log) == 7  # robots.txt + the first try + 5 redirects


def test_an_oversized_body_is_cut_off(server: HTTPServer) -> None:
    def endless(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(10_000):  # 80 MB if nobody stopped reading
                yield b"<p>" + b"x" * 8192 + b"</p>"

        return Response(chunks(), content_type="text/html")

    server.expect_request("/big").respond_with_handler(endless)
    started = time.monotonic()
    with (
        Fetcher(options(max_bytes=100_000)) as fetcher,
        pytest.raises(FetchError, match="over 100,000 bytes"),
    ):
        fetcher.fetch(server.url_for("/big"))
    assert time.monotonic() - started < 5


def test_a_slow_body_is_cut_off(server: HTTPServer) -> None:
    def slow(request: Request) -> Response:
        def chunks() -> Iterator[bytes]:
            for _ in range(30):
                time.sleep(0.2)
                yield b"<p>still coming</p>"

        return Response(chunks(), content_type="text/html")

    server.expect_request("/slow").respond_with_handler(slow)
    started = time.monotonic()
    with (
        Fetcher(options(timeout_s=1.0)) as fetcher,
        pytest.raises(FetchError, match=r"took over|timed out"),
    ):
        fetcher.fetch(server.url_for("/slow"))
    assert time.monotonic() - started < 4


def test_other_content_types_are_refused(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/file.zip").respond_with_data(
        b"PK\x03\x04", content_type="application/zip"
    )
    with pytest.raises(FetchError, match="not HTML, XML or a feed"):
        fetcher.fetch(server.url_for("/file.zip"))


def test_robots_txt_is_obeyed_and_read_once_per_host(server: HTTPServer, fetcher: Fetcher) -> None:
    server.expect_request("/robots.txt").respond_with_data(
        "User-agent: *\nDisallow: /private/\n", content_type="text/plain"
    )
    server.expect_request("/news/a").respond_with_data("<p>a</p>", content_type="text/html")
    assert fetcher.fetch(server.url_for("/news/a")).ok
    with pytest.raises(FetchError, match=r"robots\.txt"):
        fetcher.fetch(server.url_for("/private/b"))
    assert [r.path for r, _ in server.log] == ["/robots.txt", "/news/a"]


def test_requests_to_one_host_are_spaced(server: HTTPServer) -> None:
    server.expect_request("/a").respond_with_data("<p>a</p>", content_type="text/html")
    started = time.monotonic()
    with Fetcher(options(host_delay_s=0.3)) as fetcher:
        for _ in range(2):
            fetcher.fetch(server.url_for("/a"))
    assert time.monotonic() - started >= 0.6  # robots.txt, /a, /a: two waits of ≥ 0.3 s
