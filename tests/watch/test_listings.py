"""Feeds, sitemaps and pages: what they list, and what a page says about itself (issue 14)."""

from __future__ import annotations

import doctest
import json
from pathlib import Path

import pytest
from sitekit import SHELLS, page

from armswatch.errors import FetchError
from armswatch.ingest import iter_articles
from armswatch.ingest.html import article_from_page, page_metadata
from armswatch.ingest.limits import IngestLimits
from armswatch.model import Article
from armswatch.watch import alerts, cli, feeds, fetch, guard, watchlist
from armswatch.watch.feeds import parse_listing

pytestmark = pytest.mark.issue(14)
BASE = "https://news.example"


@pytest.mark.parametrize("module", [feeds, fetch, guard, watchlist, cli])
def test_docstring_examples_hold(module: object) -> None:
    result = doctest.testmod(module)  # type: ignore[arg-type]
    assert result.failed == 0 and result.attempted > 0


def test_rss_items_with_rfc822_dates_and_relative_links() -> None:
    body = (
        b"<rss version='2.0'><channel><title>Gazette</title>"
        b"<item><title>A</title><link>/a</link><pubDate>Tue, 20 Feb 2024 10:00:00 GMT</pubDate>"
        b"</item><item><title>B</title><link>https://news.example/b</link>"
        b"<pubDate>the day before yesterday</pubDate></item>"
        b"<item><title>C</title><link>javascript:alert(1)</link></item></channel></rss>"
    )
    listing = parse_listing("feed", body, f"{BASE}/feed")
    assert listing.title == "Gazette"
    assert [(e.url, e.published, e.outlet) for e in listing.entries] == [
        (f"{BASE}/a", "2024-02-20T10:00:00+00:00", "Gazette"),
        (f"{BASE}/b", None, "Gazette"),  # an unreadable date: kept, undated
    ]


def test_atom_entries_use_their_updated_stamp() -> None:
    body = (
        b"<feed xmlns='http://www.w3.org/2005/Atom'><title>Wire</title>"
        b"<entry><title>A</title><link href='https://news.example/a'/><id>a</id>"
        b"<published>2024-02-20T10:00:00Z</published><updated>2024-02-21T08:00:00Z</updated>"
        b"</entry></feed>"
    )
    [entry] = parse_listing("feed", body, f"{BASE}/atom").entries
    assert entry.published == "2024-02-20T10:00:00Z" and entry.stamp == "2024-02-21T08:00:00Z"


def test_json_feed() -> None:
    body = json.dumps(
        {
            "version": "https://jsonfeed.org/version/1.1",
            "title": "JSON Wire",
            "items": [
                {"id": "1", "url": "/a", "title": "A", "date_published": "February 20, 2024"},
                {"id": "2", "title": "no link"},
            ],
        }
    ).encode()
    listing = parse_listing("feed", body, f"{BASE}/feed.json")
    assert [(e.url, e.published) for e in listing.entries] == [(f"{BASE}/a", "2024-02-20")]


def test_news_sitemap_and_sitemap_index() -> None:
    body = (
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9' "
        b"xmlns:news='http://www.google.com/schemas/sitemap-news/0.9'><url>"
        b"<loc>https://news.example/a</loc><news:news><news:publication><news:name>Gazette"
        b"</news:name></news:publication><news:publication_date>2024-02-20</news:publication_date>"
        b"<news:title>A</news:title></news:news></url></urlset>"
    )
    [entry] = parse_listing("sitemap", body, f"{BASE}/news-sitemap.xml").entries
    assert (entry.url, entry.title, entry.published, entry.outlet) == (
        f"{BASE}/a",
        "A",
        "2024-02-20",
        "Gazette",
    )
    index = (
        b"<sitemapindex xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<sitemap><loc>/s1.xml</loc></sitemap></sitemapindex>"
    )
    assert parse_listing("sitemap", index, f"{BASE}/sitemap.xml").sitemaps == [f"{BASE}/s1.xml"]


@pytest.mark.parametrize(
    ("kind", "body"),
    [("feed", b"<html><body>not a feed"), ("sitemap", b"<urlset"), ("feed", b"{not json")],
)
def test_a_broken_listing_is_a_fetch_error(kind: str, body: bytes) -> None:
    with pytest.raises(FetchError):
        parse_listing(kind, body, f"{BASE}/x")


def test_entity_expansion_in_a_sitemap_is_not_performed() -> None:
    body = (
        b"<?xml version='1.0'?><!DOCTYPE u [<!ENTITY x SYSTEM 'file:///etc/hostname'>]>"
        b"<urlset xmlns='http://www.sitemaps.org/schemas/sitemap/0.9'>"
        b"<url><loc>https://news.example/&x;</loc></url></urlset>"
    )
    entries = parse_listing("sitemap", body, f"{BASE}/s.xml").entries
    assert all("/etc" not in e.url for e in entries)


def test_a_page_brings_its_own_title_date_outlet_and_canonical_url() -> None:
    html = page("shells", "Shells cross the border", SHELLS, "February 20, 2024")
    article = article_from_page(html.encode(), f"{BASE}/news/shells?utm=x", IngestLimits())
    assert article.id == article.url == f"{BASE}/news/shells"
    assert (article.title, article.published, article.outlet) == (
        "Shells cross the border",
        "2024-02-20",
        "Harbour Gazette",
    )
    assert "artillery shells" in article.text and "tracker" not in article.text


def test_json_ld_date_and_fallbacks() -> None:
    html = (
        "<html><head><title>Plain</title><script type='application/ld+json'>"
        '{"@type": "NewsArticle", "datePublished": "2024-03-01T08:00:00+01:00"}'
        "</script></head><body><article><p>"
        + "Officials described the shipment in detail at a briefing. " * 5
        + "</p></article></body></html>"
    )
    meta = page_metadata(html)
    assert meta.published == "2024-03-01T08:00:00+01:00" and meta.outlet is None
    assert meta.canonical is None and meta.title == "Plain"


def test_a_canonical_link_to_another_scheme_is_ignored() -> None:
    html = "<html><head><link rel='canonical' href='javascript:x()'></head><body>x</body></html>"
    assert page_metadata(html, f"{BASE}/a").canonical is None


def test_channel_secrets_are_masked() -> None:
    masked = alerts.mask("mailto://user:hunter2@mail.example.org?to=desk@example.org")
    assert "hunter2" not in masked and masked.startswith("mailto://")
    assert alerts.mask("-") == "-"


def test_html_input_files_keep_their_date_outlet_and_canonical_id(tmp_path: Path) -> None:
    html = page("shells", "Shells cross the border", SHELLS, "Tue, 20 Feb 2024 10:00:00 GMT")
    html = html.replace("href='/news/shells'", f"href='{BASE}/news/shells'")
    (tmp_path / "a.html").write_text(html, encoding="utf-8")
    (tmp_path / "b.html").write_text(
        "<html><body><article><p>" + SHELLS + "</p></article></body></html>", encoding="utf-8"
    )
    first, second = [a for a in iter_articles([tmp_path], published="2024-03-01")]
    assert isinstance(first, Article) and isinstance(second, Article)
    assert (first.id, first.outlet, first.published) == (
        f"{BASE}/news/shells",
        "Harbour Gazette",
        "2024-02-20T10:00:00+00:00",
    )
    assert (second.id, second.outlet, second.published) == (None, None, "2024-03-01")
