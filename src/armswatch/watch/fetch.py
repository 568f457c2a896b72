"""Polite, safe fetching with httpx: one ``Fetcher`` per watch round.

- **Safe**: every request (robots.txt and redirect hops included) goes through
  ``GuardedTransport``, which resolves the host, checks every address (``watch.guard``)
  and connects to the checked address (the Host header and TLS name stay the host's).
  Only http and https; redirects are followed by hand, at most ``MAX_REDIRECTS``.
- **Bounded**: a total time per fetch (``ARMSWATCH_FETCH_TIMEOUT``) and a maximum size
  (``ARMSWATCH_FETCH_MAX_BYTES``), both enforced while the body streams, so a slow or
  endless body is cut off; only HTML, XML, feed and JSON content types are read.
- **Polite**: an identifying User-Agent, gzip, conditional GET (``If-None-Match`` /
  ``If-Modified-Since``), robots.txt (protego, cached per host for the round), a delay
  between two requests to one host (``ARMSWATCH_FETCH_HOST_DELAY`` or the robots
  ``Crawl-delay``), and 429/503 ``Retry-After`` reported so the source waits.
"""

from __future__ import annotations

import random
import threading
import time
from dataclasses import dataclass, field
from email.utils import parsedate_to_datetime
from urllib.parse import urljoin, urlsplit

import httpx
from protego import Protego

from armswatch.errors import FetchError
from armswatch.settings import get_setting, int_setting
from armswatch.watch.guard import checked_addresses, private_allowed

MAX_REDIRECTS = 5
CONTENT_TYPES = ("html", "xml", "rss", "atom", "json", "text/plain")
"""Substrings of the content types that are read; anything else is refused."""
PERMANENT = frozenset({301, 308})


@dataclass(frozen=True)
class FetchOptions:
    """Limits and manners of a fetcher (defaults: the fetch settings, docs/settings.md)."""

    allow_private: bool = False
    user_agent: str = ""
    timeout_s: float = 20.0
    max_bytes: int = 5_000_000
    host_delay_s: float = 1.0
    robots: bool = True

    @classmethod
    def from_settings(cls, allow_private: bool | None = None) -> FetchOptions:
        return cls(
            allow_private=private_allowed() if allow_private is None else allow_private,
            user_agent=get_setting("ARMSWATCH_FETCH_USER_AGENT"),
            timeout_s=float(int_setting("ARMSWATCH_FETCH_TIMEOUT", minimum=1)),
            max_bytes=int_setting("ARMSWATCH_FETCH_MAX_BYTES", minimum=1024),
            host_delay_s=_float_setting("ARMSWATCH_FETCH_HOST_DELAY"),
        )


def _float_setting(name: str) -> float:
    from armswatch.errors import SettingError

    raw = get_setting(name)
    try:
        value = float(raw)
    except ValueError:
        raise SettingError(f"{name}={raw!r} is not a number") from None
    if value < 0:
        raise SettingError(f"{name}={value} is below its minimum 0")
    return value


@dataclass
class Fetched:
    """What one fetch gave: the final URL, status, body (empty for 304) and validators.

    moved_to: the new URL when the first hop was a permanent redirect (301/308), for the
        stored URL to be rewritten. retry_after_s: the wait a 429/503 asked for.
    """

    url: str
    status: int
    content: bytes = b""
    content_type: str = ""
    etag: str | None = None
    last_modified: str | None = None
    moved_to: str | None = None
    retry_after_s: float | None = None
    requests: int = 1

    @property
    def not_modified(self) -> bool:
        return self.status == 304

    @property
    def ok(self) -> bool:
        return 200 <= self.status < 300


class GuardedTransport(httpx.HTTPTransport):
    """An httpx transport that connects only to addresses the SSRF guard checked."""

    def __init__(self, allow_private: bool, **kwargs: object) -> None:
        super().__init__(**kwargs)  # type: ignore[arg-type]
        self.allow_private = allow_private
        self.sent = 0
        self._lock = threading.Lock()

    def handle_request(self, request: httpx.Request) -> httpx.Response:
        url = str(request.url)
        address = checked_addresses(url, self.allow_private)[0]
        host = request.url.host
        literal = f"[{address}]" if address.version == 6 else str(address)
        request.url = request.url.copy_with(host=literal.strip("[]"))
        request.headers["Host"] = request.headers.get("Host") or host
        if request.url.scheme == "https":
            request.extensions = {**request.extensions, "sni_hostname": host}
        with self._lock:
            self.sent += 1
        return super().handle_request(request)


@dataclass
class HostState:
    """Per host: the robots.txt rules, when the next request may go, one request at a time."""

    robots: Protego | None = None
    robots_loaded: bool = False
    next_at: float = 0.0
    lock: threading.Lock = field(default_factory=threading.Lock)


class Fetcher:
    """Fetch URLs politely and safely; count the requests made. Close it (or ``with``)."""

    def __init__(self, options: FetchOptions | None = None) -> None:
        self.options = options or FetchOptions.from_settings()
        self.transport = GuardedTransport(self.options.allow_private, retries=0)
        self.hosts: dict[str, HostState] = {}
        self._hosts_lock = threading.Lock()
        self.client = httpx.Client(
            transport=self.transport,
            headers={
                "User-Agent": self.options.user_agent or get_setting("ARMSWATCH_FETCH_USER_AGENT"),
                "Accept-Encoding": "gzip, deflate",
                "Accept": "text/html, application/xhtml+xml, application/rss+xml, "
                "application/atom+xml, application/xml;q=0.9, application/json;q=0.8, */*;q=0.1",
            },
            follow_redirects=False,
            timeout=httpx.Timeout(
                self.options.timeout_s, connect=min(10.0, self.options.timeout_s)
            ),
            trust_env=False,
        )

    @property
    def requests(self) -> int:
        """Requests sent so far (robots.txt and redirect hops included; refused ones not)."""
        return self.transport.sent

    def __enter__(self) -> Fetcher:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()

    def close(self) -> None:
        self.client.close()

    def host(self, url: str) -> HostState:
        key = urlsplit(url).netloc.lower()
        with self._hosts_lock:
            return self.hosts.setdefault(key, HostState())

    def fetch(self, url: str, etag: str | None = None, last_modified: str | None = None) -> Fetched:
        """GET ``url`` (conditionally when validators are given), following redirects.

        RETURNS Fetched for any HTTP status (the caller decides what 404 or 429 means);
        raises FetchError when nothing usable came back (guard, robots, network, limits).
        """
        headers = {}
        if etag:
            headers["If-None-Match"] = etag
        if last_modified:
            headers["If-Modified-Since"] = last_modified
        current, moved_to, hops = url, None, 0
        while True:
            checked_addresses(current, self.options.allow_private)  # before robots.txt too
            self.check_robots(current)
            response = self.get(current, headers)
            if response.status not in {301, 302, 303, 307, 308} or not response.location:
                response.moved_to = moved_to
                response.requests = hops + 1
                return response
            hops += 1
            if hops > MAX_REDIRECTS:
                raise FetchError(f"{url}: more than {MAX_REDIRECTS} redirects")
            target = urljoin(current, response.location)
            if hops == 1 and response.status in PERMANENT:
                moved_to = target
            elif response.status not in PERMANENT:
                moved_to = None if hops == 1 else moved_to
            current = target

    def get(self, url: str, headers: dict[str, str]) -> _Response:
        """One request, after the host's delay; the body streamed within the limits."""
        state = self.host(url)
        with state.lock:
            wait = state.next_at - time.monotonic()
            if wait > 0:
                time.sleep(wait)
            try:
                return self._stream(url, headers)
            finally:
                delay = self.options.host_delay_s
                if state.robots is not None:
                    delay = max(delay, float(state.robots.crawl_delay("*") or 0.0))
                state.next_at = time.monotonic() + delay * random.uniform(1.0, 1.2)

    def _stream(self, url: str, headers: dict[str, str]) -> _Response:
        started = time.monotonic()
        try:
            with self.client.stream("GET", url, headers=headers) as response:
                result = _Response.head(url, response)
                if response.status_code != 200:
                    return result
                kind = result.content_type.lower()
                if kind and not any(part in kind for part in CONTENT_TYPES):
                    raise FetchError(f"{url}: content type {kind!r} is not HTML, XML or a feed")
                chunks, size = [], 0
                for chunk in response.iter_bytes():
                    size += len(chunk)
                    if size > self.options.max_bytes:
                        raise FetchError(
                            f"{url}: response over {self.options.max_bytes:,} bytes "
                            "(ARMSWATCH_FETCH_MAX_BYTES), cut off"
                        )
                    if time.monotonic() - started > self.options.timeout_s:
                        raise FetchError(
                            f"{url}: took over {self.options.timeout_s:.0f} s "
                            "(ARMSWATCH_FETCH_TIMEOUT), cut off"
                        )
                    chunks.append(chunk)
                result.content = b"".join(chunks)
                return result
        except httpx.TimeoutException:
            raise FetchError(f"{url}: timed out after {self.options.timeout_s:.0f} s") from None
        except httpx.HTTPError as exc:
            raise FetchError(f"{url}: {type(exc).__name__}: {exc}") from None

    def check_robots(self, url: str) -> None:
        """FetchError when the host's robots.txt disallows ``url`` for our agent."""
        if not self.options.robots:
            return
        state = self.host(url)
        if not state.robots_loaded:
            state.robots_loaded = True
            parts = urlsplit(url)
            robots_url = f"{parts.scheme}://{parts.netloc}/robots.txt"
            try:
                found = self.get(robots_url, {})
            except FetchError:
                found = None
            if found is not None and found.status == 200:
                text = found.content.decode("utf-8", "replace")
                state.robots = Protego.parse(text)
        agent = self.options.user_agent or get_setting("ARMSWATCH_FETCH_USER_AGENT")
        if state.robots is not None and not state.robots.can_fetch(url, agent):
            raise FetchError(f"{url}: disallowed by the site's robots.txt")


class _Response(Fetched):
    """A Fetched with the redirect target of its response."""

    location: str | None = None

    @classmethod
    def head(cls, url: str, response: httpx.Response) -> _Response:
        result = cls(
            url=url,
            status=response.status_code,
            content_type=response.headers.get("content-type", ""),
            etag=response.headers.get("etag"),
            last_modified=response.headers.get("last-modified"),
            retry_after_s=retry_after(response.headers.get("retry-after"))
            if response.status_code in {429, 503}
            else None,
        )
        result.location = response.headers.get("location")
        return result


def retry_after(value: str | None, default: float = 600.0) -> float:
    """Seconds a ``Retry-After`` header asks to wait (seconds or an HTTP date).

    >>> retry_after("120"), retry_after(None), retry_after("soon")
    (120.0, 600.0, 600.0)
    """
    if not value:
        return default
    value = value.strip()
    if value.isdigit():
        return float(value)
    try:
        when = parsedate_to_datetime(value)
    except (TypeError, ValueError, IndexError):
        return default
    return max(0.0, when.timestamp() - time.time())
