"""One watch round: fetch the due sources, analyse what is new, alert on new matches.

``watch_round(db, options)`` is ``armswatch watch --once`` (the loop calls it again):

1. the store is read: the sources (``--source`` URLs are added), which are due, and
   what each listed before;
2. each due source is fetched (conditionally; ``watch.fetch``), its listing parsed
   (``watch.feeds``), and each new or changed article page fetched and read with its
   own metadata (``ingest.html.article_from_page``); a folder source is read as files;
3. the articles go through the normal pipeline, ``run.local.run_local`` (triage,
   extraction, findings, versions by id, incidents), as one run;
4. the store is written: sources' health, the listed items, the alerts of the run's new
   matches (``watch.alerts``), which are then sent to every channel.

A source that fails costs only itself (its row says why and when it is due again).
"""

from __future__ import annotations

import tempfile
import threading
import time
from collections.abc import Callable, Sequence
from concurrent.futures import ThreadPoolExecutor
from dataclasses import dataclass, field
from datetime import timedelta
from pathlib import Path
from typing import TYPE_CHECKING

from armswatch.errors import ArmswatchError, FetchError, InputError
from armswatch.ingest.html import PageMeta, article_from_page
from armswatch.ingest.limits import IngestLimits
from armswatch.model import Article
from armswatch.run.local import RunOptions, RunSummary, run_local
from armswatch.settings import int_setting
from armswatch.store.records import utc_now
from armswatch.store.store import open_store
from armswatch.watch import alerts, sources
from armswatch.watch.feeds import Entry, Listing, discover_feeds, guess_kind, parse_listing
from armswatch.watch.fetch import Fetched, Fetcher, FetchOptions
from armswatch.watch.tables import Source, SourceItem
from armswatch.watch.watchlist import DEFAULT_RULE, WatchRule

if TYPE_CHECKING:
    from armswatch.pipeline import Analyzer

Say = Callable[[str], None]
MAX_SITEMAPS = 5
"""Sitemaps of a sitemap index read in one round."""


@dataclass(frozen=True)
class WatchOptions:
    """What a round does. sources: URLs fetched this round whether due or not (added to the
    store's sources); every: the interval between two fetches of a source; updates: alert
    again when a known match gains independent sources or a status further on."""

    sources: tuple[str, ...] = ()
    channels: tuple[str, ...] = ()
    rules: tuple[WatchRule, ...] = (DEFAULT_RULE,)
    every: timedelta = timedelta(minutes=15)
    allow_private: bool | None = None
    workers: int = 1
    concurrency: int = 4
    updates: bool = False


@dataclass
class SourceOutcome:
    """What fetching one source gave: its new state, the items seen, the articles read."""

    source: Source
    old_url: str
    items: list[SourceItem] = field(default_factory=list)
    articles: list[Article] = field(default_factory=list)
    folder: str | None = None


@dataclass
class RoundReport:
    """A finished round: per source, the run, the alerts made and their delivery."""

    outcomes: list[SourceOutcome]
    run: RunSummary | None
    alerts_new: int
    delivery: alerts.Delivery
    requests: int
    elapsed_s: float

    def line(self) -> str:
        fetched = sum(1 for o in self.outcomes if o.source.last_status not in {"error", None})
        failing = sum(1 for o in self.outcomes if o.source.last_status == "error")
        new = sum(o.source.new_items for o in self.outcomes)
        stored = self.run.run.articles_stored if self.run else 0
        return (
            f"watch: {len(self.outcomes)} sources ({fetched} fetched, {failing} failing), "
            f"{new} new items, {stored} articles stored, {self.alerts_new} new alerts, "
            f"{self.delivery.sent} sent, {self.delivery.failed} failed; "
            f"{self.requests} requests in {self.elapsed_s:.1f} s"
        )


def watch_round(
    db_path: str | Path,
    options: WatchOptions | None = None,
    *,
    say: Say | None = None,
    analyzer: Analyzer | None = None,
    fetcher: Fetcher | None = None,
) -> RoundReport:
    """One round over the due sources (and ``options.sources``); RETURNS its report.

    Raises SourceError for a bad ``--source``, StoreError subclasses; a source that cannot
    be fetched is reported (``say``, its row) and the round goes on.
    """
    options = options or WatchOptions()
    say = say or (lambda line: None)
    started = time.perf_counter()
    with open_store(db_path) as store:
        forced = [
            sources.resolve_moved(store.con, sources.add_source(store.con, url))
            for url in options.sources
        ]
        due = {s.url: s for s in [*forced, *sources.due_sources(store.con)]}
        known = {url: sources.known_items(store.con, url) for url in due}
    own = fetcher is None
    fetcher = fetcher or Fetcher(FetchOptions.from_settings(options.allow_private))
    try:
        outcomes = fetch_sources(list(due.values()), known, fetcher, options, say)
    finally:
        if own:
            fetcher.close()
    summary = analyse(db_path, outcomes, options, say, analyzer)
    with open_store(db_path) as store:
        for outcome in outcomes:
            sources.save_source(store.con, outcome.source, outcome.old_url)
            for item in outcome.items:
                sources.save_item(store.con, item)
        made = []
        if summary is not None:
            stored = alerts.stored_articles(store.con, summary.run.id)
            matches = alerts.find_matches(store.con, stored, options.rules)
            made = alerts.record_alerts(store.con, matches, options.channels, options.updates)
        delivery = alerts.deliver(store.con, options.channels)
    for error in delivery.errors or []:
        say(f"alert not delivered (retried next round): {error}")
    new_alerts = len({record.key for record in made})
    elapsed = time.perf_counter() - started
    return RoundReport(outcomes, summary, new_alerts, delivery, fetcher.requests, elapsed)


def fetch_sources(
    due: Sequence[Source],
    known: dict[str, dict[str, SourceItem]],
    fetcher: Fetcher,
    options: WatchOptions,
    say: Say,
) -> list[SourceOutcome]:
    """Fetch every due source, ``options.concurrency`` at a time (one at a time per host)."""
    lock = threading.Lock()

    def one(source: Source) -> SourceOutcome:
        outcome = fetch_source(source, known.get(source.url, {}), fetcher, options)
        if outcome.source.last_error:
            with lock:
                say(f"{source.url}: [{FetchError.code}] {outcome.source.last_error}")
        return outcome

    with ThreadPoolExecutor(max_workers=max(1, options.concurrency)) as pool:
        return list(pool.map(one, due))


def fetch_source(
    source: Source, known: dict[str, SourceItem], fetcher: Fetcher, options: WatchOptions
) -> SourceOutcome:
    """One source: its listing, then its new or changed articles; never raises."""
    now = utc_now()
    outcome = SourceOutcome(source.model_copy(), source.url)
    state = outcome.source
    state.last_fetch = now
    if state.kind == "folder":
        outcome.folder = state.url
        state.last_status, state.last_error, state.errors = "ok", None, 0
        state.next_due = sources.next_due(state, options.every, now, None)
        return outcome
    retry_after: float | None = None
    try:
        fetched = fetcher.fetch(state.url, state.etag, state.last_modified)
        retry_after = fetched.retry_after_s
        read_listing(outcome, fetched, known, fetcher)
    except (FetchError, InputError) as exc:
        state.last_status, state.last_error = "error", exc.message
        state.errors += 1
    state.next_due = sources.next_due(state, options.every, now, retry_after)
    return outcome


def read_listing(
    outcome: SourceOutcome, fetched: Fetched, known: dict[str, SourceItem], fetcher: Fetcher
) -> None:
    """Update the source from its fetch, and read the articles it lists."""
    state = outcome.source
    if fetched.moved_to:
        state.url = fetched.moved_to
    if fetched.status == 410:
        state.paused, state.last_status = True, "gone"
        state.last_error = "HTTP 410 Gone: the source is paused"
        return
    if fetched.not_modified:
        state.last_status, state.last_error, state.errors, state.new_items = (
            "not modified",
            None,
            0,
            0,
        )
        return
    if not fetched.ok:
        raise FetchError(f"HTTP {fetched.status}")
    state.etag, state.last_modified = fetched.etag, fetched.last_modified
    if state.kind == "page":
        entry = Entry(url=state.url, title=state.name)
        article = read_article(fetched.content, fetched.url, entry, None)
        outcome.articles.append(article)
        outcome.items.append(item_of(state.url, entry, fetched, article, "ok"))
    else:
        kind = guess_kind(fetched.url, fetched.content_type, fetched.content)
        if state.kind == "feed" and kind == "page":
            fetched = discover(state, fetched, fetcher)
        listing = parse_listing(state.kind, fetched.content, fetched.url)
        expand_sitemaps(listing, fetcher)
        state.title = listing.title or state.title
        read_entries(outcome, listing, known, fetcher)
    state.new_items = len(outcome.articles)
    state.last_status, state.last_error, state.errors = "ok", None, 0


def discover(state: Source, page: Fetched, fetcher: Fetcher) -> Fetched:
    """A feed source that answered with a web page (a site's home page): the first feed the
    page links to becomes the source's URL (trafilatura's feed finder), fetched now."""
    found = discover_feeds(page.content, page.url)
    if not found:
        raise FetchError(f"{page.url}: a web page that links to no RSS or Atom feed")
    fetched = fetcher.fetch(found[0])
    if not fetched.ok:
        raise FetchError(f"{found[0]} (found on {page.url}): HTTP {fetched.status}")
    state.url, state.etag, state.last_modified = found[0], fetched.etag, fetched.last_modified
    return fetched


def expand_sitemaps(listing: Listing, fetcher: Fetcher) -> None:
    """The entries of the first sitemaps a sitemap index lists (unchanged ones skipped)."""
    for url in listing.sitemaps[:MAX_SITEMAPS]:
        try:
            fetched = fetcher.fetch(url)
            if fetched.ok:
                listing.entries += parse_listing("sitemap", fetched.content, fetched.url).entries
        except FetchError:
            continue


def read_entries(
    outcome: SourceOutcome, listing: Listing, known: dict[str, SourceItem], fetcher: Fetcher
) -> None:
    """Fetch the listed articles that are new or changed, at most ``ARMSWATCH_FETCH_ITEMS``."""
    budget = int_setting("ARMSWATCH_FETCH_ITEMS", minimum=1)
    seen: set[str] = set()
    for entry in listing.entries:
        if entry.url in seen or not needs_fetch(entry, known.get(entry.url)):
            continue
        seen.add(entry.url)
        if budget == 0:
            break
        budget -= 1
        before = known.get(entry.url)
        outcome.items.append(fetch_entry(outcome, entry, before, listing.title, fetcher))


def needs_fetch(entry: Entry, before: SourceItem | None) -> bool:
    """A listed article is fetched when new, changed (its stamp), or failed last time."""
    return before is None or before.status == "error" or before.stamp != entry.stamp


def fetch_entry(
    outcome: SourceOutcome,
    entry: Entry,
    before: SourceItem | None,
    outlet: str | None,
    fetcher: Fetcher,
) -> SourceItem:
    etag = before.etag if before else None
    modified = before.last_modified if before else None
    try:
        fetched = fetcher.fetch(entry.url, etag, modified)
    except FetchError:  # retried next round
        return failed_item(outcome.old_url, entry, "error")
    if fetched.not_modified and before is not None:
        return before.model_copy(update={"stamp": entry.stamp, "fetched_at": utc_now()})
    if not fetched.ok:
        transient = fetched.status in {429, 500, 502, 503, 504}
        status = "error" if transient else f"HTTP {fetched.status}"
        return failed_item(outcome.old_url, entry, status)
    try:
        article = read_article(fetched.content, fetched.url, entry, outlet)
    except InputError as exc:
        return failed_item(outcome.old_url, entry, f"no text: {exc.message}"[:200])
    outcome.articles.append(article)
    return item_of(outcome.old_url, entry, fetched, article, "ok")


def failed_item(source: str, entry: Entry, status: str) -> SourceItem:
    """An item that gave no article: ``error`` is retried next round, other statuses not."""
    return SourceItem(
        source=source, url=entry.url, stamp=entry.stamp, fetched_at=utc_now(), status=status
    )


def read_article(content: bytes, url: str, entry: Entry, outlet: str | None) -> Article:
    fallback = PageMeta(title=entry.title, published=entry.published, outlet=entry.outlet or outlet)
    return article_from_page(content, url, IngestLimits(), fallback)


def item_of(
    source: str, entry: Entry, fetched: Fetched, article: Article, status: str
) -> SourceItem:
    return SourceItem(
        source=source,
        url=entry.url,
        stamp=entry.stamp,
        canonical=article.url,
        sha256=article.sha256,
        etag=fetched.etag,
        last_modified=fetched.last_modified,
        fetched_at=utc_now(),
        status=status,
    )


def analyse(
    db_path: str | Path,
    outcomes: Sequence[SourceOutcome],
    options: WatchOptions,
    say: Say,
    analyzer: Analyzer | None,
) -> RunSummary | None:
    """Run the round's articles (and folder sources) through ``run_local``: one run."""
    articles = [a for o in outcomes for a in o.articles]
    folders = [o.folder for o in outcomes if o.folder]
    if not articles and not folders:
        return None
    run_options = RunOptions(workers=options.workers, progress=False)
    with tempfile.TemporaryDirectory(prefix="armswatch-watch-") as tmp:
        inputs: list[str] = list(folders)
        if articles:
            path = Path(tmp) / "fetched.jsonl"
            path.write_text("".join(a.model_dump_json() + "\n" for a in articles), "utf-8")
            inputs.append(str(path))
        try:
            return run_local(inputs, db_path, run_options, say=say, analyzer=analyzer)
        except ArmswatchError as exc:
            if exc.code == "AW002":  # nothing readable (e.g. an empty folder)
                return None
            raise
