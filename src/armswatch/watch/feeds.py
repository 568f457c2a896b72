"""Listings: what a feed, a sitemap or a page says is there to read.

``parse_listing(kind, content, url)`` turns a fetched body into a ``Listing``: its title
and ``Entry`` items (link, title, date, and a ``stamp`` that changes when the item
changes). RSS, Atom and JSON Feed are read by feedparser; sitemaps (``urlset``, Google
News sitemaps, ``sitemapindex``) by lxml; a page is a listing of itself.
``discover_feeds`` finds the feeds a home page links to (trafilatura's feed finder).
"""

from __future__ import annotations

import json
from dataclasses import dataclass, field
from urllib.parse import urljoin, urlsplit

import feedparser
import lxml.etree  # type: ignore[import-untyped]

from armswatch.errors import FetchError
from armswatch.ingest.dates import published_or_none

SITEMAP_NS = "{http://www.sitemaps.org/schemas/sitemap/0.9}"
NEWS_NS = "{http://www.google.com/schemas/sitemap-news/0.9}"


@dataclass(frozen=True)
class Entry:
    """One listed article: its link, and what the listing says about it."""

    url: str
    title: str | None = None
    published: str | None = None
    stamp: str | None = None
    outlet: str | None = None


@dataclass
class Listing:
    """A fetched listing: its own title, its entries, and sitemaps it points to."""

    title: str | None = None
    entries: list[Entry] = field(default_factory=list)
    sitemaps: list[str] = field(default_factory=list)


def parse_listing(kind: str, content: bytes, url: str) -> Listing:
    """The entries of a feed, sitemap or page body fetched from ``url``.

    >>> rss = (b'<rss version="2.0"><channel><title>Gazette</title><item><title>A</title>'
    ...        b'<link>https://news.example/a</link>'
    ...        b'<pubDate>Tue, 20 Feb 2024 10:00:00 GMT</pubDate></item></channel></rss>')
    >>> listing = parse_listing("feed", rss, "https://news.example/feed")
    >>> listing.title, listing.entries[0].url, listing.entries[0].published
    ('Gazette', 'https://news.example/a', '2024-02-20T10:00:00+00:00')
    """
    if kind == "feed":
        return parse_feed(content, url)
    if kind == "sitemap":
        return parse_sitemap(content, url)
    return Listing(entries=[Entry(url=url)])


def parse_feed(content: bytes, url: str) -> Listing:
    """RSS, Atom or JSON Feed; FetchError when the body is none of them."""
    if content.lstrip()[:1] == b"{":
        return parse_json_feed(content, url)
    parsed = feedparser.parse(content)
    if parsed.get("bozo") and not parsed.get("entries") and not parsed.get("feed"):
        raise FetchError(f"{url}: not an RSS or Atom feed ({parsed.get('bozo_exception')})")
    outlet = parsed.feed.get("title") or None
    entries = []
    for item in parsed.entries:
        link = item.get("link") or _alternate(item)
        if not link or urlsplit(urljoin(url, link)).scheme not in {"http", "https"}:
            continue
        own = dict(item)  # its own keys: feedparser maps a missing "updated" to "published"
        updated = own.get("updated")
        raw_date = item.get("published") or updated
        published = published_or_none(raw_date, f"{url} item {link}") if raw_date else None
        stamp = updated or item.get("published") or item.get("id")
        entries.append(
            Entry(
                url=urljoin(url, link),
                title=item.get("title") or None,
                published=published,
                stamp=None if stamp is None else str(stamp),
                outlet=outlet,
            )
        )
    return Listing(title=outlet, entries=entries)


def _alternate(item: feedparser.FeedParserDict) -> str | None:
    for link in item.get("links", []):
        if link.get("rel", "alternate") == "alternate" and link.get("href"):
            return str(link["href"])
    return None


def parse_json_feed(content: bytes, url: str) -> Listing:
    """A JSON Feed (jsonfeed.org) version 1."""
    try:
        data = json.loads(content)
    except ValueError as exc:
        raise FetchError(f"{url}: not a JSON feed ({exc})") from None
    if not isinstance(data, dict) or not isinstance(data.get("items"), list):
        raise FetchError(f"{url}: not a JSON feed (no 'items' list)")
    title = data.get("title") if isinstance(data.get("title"), str) else None
    entries = []
    for item in data["items"]:
        if not isinstance(item, dict) or not isinstance(item.get("url"), str):
            continue
        raw = item.get("date_published")
        entries.append(
            Entry(
                url=urljoin(url, item["url"]),
                title=item.get("title") if isinstance(item.get("title"), str) else None,
                published=published_or_none(raw, f"{url} item {item['url']}") if raw else None,
                stamp=str(item.get("date_modified") or raw or item.get("id") or "") or None,
                outlet=title,
            )
        )
    return Listing(title=title, entries=entries)


def parse_sitemap(content: bytes, url: str) -> Listing:
    """A sitemap (news sitemaps included); a sitemap index lists its sitemaps."""
    parser = lxml.etree.XMLParser(resolve_entities=False, no_network=True, huge_tree=False)
    try:
        root = lxml.etree.fromstring(content, parser)
    except lxml.etree.XMLSyntaxError as exc:
        raise FetchError(f"{url}: not a sitemap ({exc})") from None
    listing = Listing()
    if root.tag == f"{SITEMAP_NS}sitemapindex":
        listing.sitemaps = [
            urljoin(url, loc.text.strip()) for loc in root.iter(f"{SITEMAP_NS}loc") if loc.text
        ]
        return listing
    for node in root.iter(f"{SITEMAP_NS}url"):
        loc = node.findtext(f"{SITEMAP_NS}loc")
        if not loc or urlsplit(urljoin(url, loc.strip())).scheme not in {"http", "https"}:
            continue
        news_date = node.findtext(f"{NEWS_NS}news/{NEWS_NS}publication_date")
        lastmod = node.findtext(f"{SITEMAP_NS}lastmod")
        raw = news_date or lastmod
        link = urljoin(url, loc.strip())
        listing.entries.append(
            Entry(
                url=link,
                title=node.findtext(f"{NEWS_NS}news/{NEWS_NS}title"),
                published=published_or_none(raw, f"{url} {link}") if raw else None,
                stamp=lastmod or news_date,
                outlet=node.findtext(f"{NEWS_NS}news/{NEWS_NS}publication/{NEWS_NS}name"),
            )
        )
    return listing


def discover_feeds(page: bytes, url: str) -> list[str]:
    """The feed URLs a home page links to (``<link rel=alternate>`` and feed-like links)."""
    from trafilatura.feeds import FeedParameters, determine_feed

    parts = urlsplit(url)
    base = f"{parts.scheme}://{parts.netloc}"
    params = FeedParameters(base, parts.netloc, url)
    found = determine_feed(page.decode("utf-8", "replace"), params)
    return [str(link) for link in found]


def guess_kind(url: str, content_type: str, content: bytes) -> str:
    """feed, sitemap or page, from what a URL returned.

    >>> guess_kind("https://x.example/sitemap.xml", "application/xml", b"<urlset>")
    'sitemap'
    >>> guess_kind("https://x.example/rss", "application/rss+xml", b"<rss>")
    'feed'
    """
    head = content[:2000].lower()
    if b"<urlset" in head or b"<sitemapindex" in head:
        return "sitemap"
    kind = content_type.lower()
    feedish = any(part in kind for part in ("rss", "atom", "feed+json", "xml"))
    if feedish or b"<rss" in head or b"<feed" in head or b'"items"' in head:
        return "feed"
    return "page"
