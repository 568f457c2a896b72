"""HTML pages: decode, drop active content, then strip boilerplate with trafilatura."""

from __future__ import annotations

import codecs
import json
import re
from dataclasses import dataclass
from urllib.parse import urljoin, urlsplit

import lxml.html  # type: ignore[import-untyped]
import trafilatura
from lxml.etree import ParserError  # type: ignore[import-untyped]

from armswatch.errors import InputError
from armswatch.ingest.limits import IngestLimits
from armswatch.ingest.text import check_text, decode_bytes
from armswatch.model import Article

# Elements whose content is never article text; removed before trafilatura sees the page.
_ACTIVE = "//script|//style|//noscript|//template|//iframe|//object|//embed|//svg"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode a page as UTF-8, or in the charset its ``<meta>`` declares; never guess."""
    match = _CHARSET.search(data[:4096])
    if match is None or _is_utf8(match.group(1).decode("ascii")):
        return decode_bytes(data)
    name = match.group(1).decode("ascii")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at offset {nul})")
    try:
        return data.decode(name)
    except LookupError:
        raise InputError(f"unknown charset {name!r} declared in the page") from None
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(f"not {name} text (byte 0x{byte:02x} at offset {exc.start})") from None


def _is_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:
        return False


def extract_html(page: str) -> tuple[str, str | None]:
    """Return the main text and the title of a page.

    Scripts, styles and other active elements are removed from the tree first, so
    their content can never reach the text, whichever extractor trafilatura uses.
    RETURNS (tuple[str, str | None]): (text, title); raises InputError if no text is found.
    """
    try:
        tree = lxml.html.document_fromstring(page)
    except (ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML ({exc})") from None
    for element in tree.xpath(_ACTIVE):
        element.drop_tree()
    try:
        found = trafilatura.extract(
            tree, output_format="json", with_metadata=True, include_comments=False
        )
    except Exception as exc:  # a third-party parser: one bad page must not stop a batch
        raise InputError(f"HTML extraction failed ({type(exc).__name__}: {exc})") from None
    if not found:
        raise InputError("no article text found in the HTML page")
    result = json.loads(found)
    text = result.get("text") or ""
    title = result.get("title") or None
    return str(text), None if title is None else str(title)


@dataclass(frozen=True)
class PageMeta:
    """What a page says about itself: title, publication date (ISO), outlet, canonical URL."""

    title: str | None = None
    published: str | None = None
    outlet: str | None = None
    canonical: str | None = None


_PUBLISHED_XPATHS = (
    "//meta[@property='article:published_time']/@content",
    "//meta[@name='article:published_time']/@content",
    "//meta[@property='og:published_time']/@content",
    "//meta[@itemprop='datePublished']/@content",
    "//time[@itemprop='datePublished']/@datetime",
    "//meta[@name='date']/@content",
    "//meta[@name='dc.date']/@content",
    "//meta[@name='DC.date.issued']/@content",
)
_OUTLET_XPATHS = (
    "//meta[@property='og:site_name']/@content",
    "//meta[@name='application-name']/@content",
)
_TITLE_XPATHS = ("//meta[@property='og:title']/@content", "//title/text()", "//h1//text()")


def page_metadata(page: str | lxml.html.HtmlElement, url: str | None = None) -> PageMeta:
    """The page's own metadata, from its ``<head>`` (and htmldate for the date).

    published: ``article:published_time`` and its kin, then JSON-LD ``datePublished``,
        then htmldate's reading of the page (original date, no guess from the URL alone);
        always ISO (``ingest.dates``) or None. canonical: ``<link rel=canonical>``, made
        absolute against ``url``; http(s) only.

    >>> meta = page_metadata('<html><head><meta property="og:site_name" content="Gazette">'
    ...     '<meta property="article:published_time" content="2024-02-20T10:00:00Z">'
    ...     '<link rel="canonical" href="/a/1"><title>T</title></head><body>x</body></html>',
    ...     "https://news.example/a/1?utm=x")
    >>> meta.outlet, meta.published, meta.canonical, meta.title
    ('Gazette', '2024-02-20T10:00:00Z', 'https://news.example/a/1', 'T')
    """
    tree = page if not isinstance(page, str) else _parse(page)
    return PageMeta(
        title=_first(tree, _TITLE_XPATHS),
        published=_published(tree),
        outlet=_first(tree, _OUTLET_XPATHS),
        canonical=_canonical(tree, url),
    )


def _parse(page: str) -> lxml.html.HtmlElement:
    try:
        return lxml.html.document_fromstring(page)
    except (ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML ({exc})") from None


def _first(tree: lxml.html.HtmlElement, xpaths: tuple[str, ...]) -> str | None:
    for xpath in xpaths:
        for value in tree.xpath(xpath):
            text = " ".join(str(value).split())
            if text:
                return text
    return None


def _published(tree: lxml.html.HtmlElement) -> str | None:
    from armswatch.ingest.dates import published_or_none

    found = _first(tree, _PUBLISHED_XPATHS) or _json_ld_date(tree)
    if found:
        parsed = published_or_none(found, "page metadata")
        if parsed:
            return parsed
    try:
        import htmldate

        guessed = htmldate.find_date(tree, extensive_search=False, original_date=True)
    except Exception:  # a third-party heuristic: no date rather than no article
        guessed = None
    return published_or_none(guessed) if guessed else None


def _json_ld_date(tree: lxml.html.HtmlElement) -> str | None:
    for script in tree.xpath("//script[@type='application/ld+json']/text()"):
        try:
            data = json.loads(str(script))
        except ValueError:
            continue
        for item in data if isinstance(data, list) else [data]:
            if isinstance(item, dict) and isinstance(item.get("datePublished"), str):
                return str(item["datePublished"])
    return None


def _canonical(tree: lxml.html.HtmlElement, url: str | None) -> str | None:
    for href in tree.xpath("//link[@rel='canonical']/@href"):
        absolute = urljoin(url or "", str(href).strip())
        if urlsplit(absolute).scheme in {"http", "https"}:
            return absolute
    return None


def article_from_page(
    data: bytes,
    url: str | None,
    limits: IngestLimits,
    fallback: PageMeta | None = None,
) -> Article:
    """An Article from a page's bytes: its main text and its own metadata.

    id and url: the canonical URL, else ``url``. Title, date and outlet come from the
    page, else from ``fallback`` (what the feed or the command line said).
    """
    page = decode_html(data)
    meta = page_metadata(page, url)
    text, title = extract_html(page)
    fallback = fallback or PageMeta()
    link = meta.canonical or url
    return Article(
        text=check_text(text, limits),
        id=link,
        url=link,
        title=title or meta.title or fallback.title,  # trafilatura's drops "| Outlet"
        published=meta.published or fallback.published,
        outlet=meta.outlet or fallback.outlet,
    )
