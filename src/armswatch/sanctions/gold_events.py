"""The rule engine on gold events: tells rule errors from extraction misses.

    armswatch eval ../shared/gold/global --gold-events

Every gold event of a gold folder (spec/GOLD.md) becomes an ``Event`` (actors from their
evaluation keys, item categories, status, certainty, the stated time); the engine checks
it with the article's date and text (places for territorial embargoes, era phrases for
undated articles), exactly as the pipeline does for extracted events. Scoring the
result with ``armswatch.evaluate.score`` gives finding scores that measure the rules
alone: the events themselves are the gold ones.
"""

from __future__ import annotations

import datetime as dt
from collections.abc import Mapping
from typing import Literal

from armswatch.evaluate import GoldDoc, GoldEvent
from armswatch.model import Analysis, Article, Doc, Event, Item, Time
from armswatch.sanctions.engine import findings_for_events
from armswatch.sanctions.query import make_actor
from armswatch.sanctions.rulebook import Rulebook, load_rulebook
from armswatch.sanctions.timing import parse_partial

PRECISION: dict[int, Literal["year", "month", "day"]] = {4: "year", 7: "month", 10: "day"}


def gold_time(text: str | None) -> Time | None:
    """``2022-09`` → the month of September 2022 (start, end, precision); None → None.

    >>> gold_time("2016-03").end
    '2016-03-31'
    """
    if not text:
        return None
    span = parse_partial(text)
    if span is None:
        return None
    return Time(
        text=text,
        start=span[0].isoformat(),
        end=span[1].isoformat(),
        precision=PRECISION.get(len(text)),
    )


def gold_to_event(doc_id: str, index: int, gold: GoldEvent) -> Event:
    """The Event a perfect extractor would give for one gold event (no evidence spans)."""
    return Event.model_validate(
        {
            "id": f"{doc_id}:g{index}",
            "type": gold.type,
            "source": [make_actor(key) for key in gold.source],
            "target": [make_actor(key) for key in gold.target],
            "items": [Item(text=c, category=c) for c in gold.items or []],
            "status": gold.status or "unknown",
            "time": gold_time(gold.time),
            "certainty": gold.certainty or "asserted",
            "evidence": [],
            "confidence": 1.0,
            "extractor": "gold",
        }
    )


def era_start(text: str) -> dt.date | None:
    """For an undated article: the earliest start of an era the text names (the same
    lexicon the pipeline uses: ``era_anchors`` of the knowledge base's triggers)."""
    from armswatch.kb import load_kb

    lowered = text.lower()
    anchors = load_kb().triggers.lexicon.era_anchors
    starts = [
        dt.date.fromisoformat(start) for phrase, start in anchors.items() if phrase in lowered
    ]
    return min(starts, default=None)


def published_day(article: Article) -> dt.date | None:
    """The article's date (the first ten characters of ``published``), if valid."""
    if not article.published:
        return None
    try:
        return dt.date.fromisoformat(article.published[:10])
    except ValueError:
        return None


def gold_analysis(
    article: Article, gold: GoldDoc, rulebook: Rulebook | None = None, optional: bool = False
) -> Analysis:
    """The analysis of one article made of its gold events and the engine's findings.

    optional (bool): also feed the events gold marks optional (by default left out: gold
        records findings only on required events, and an optional event is neither
        rewarded nor penalised, so its findings would only count against the rules).
    """
    events = [
        gold_to_event(article.doc_id, i, event)
        for i, event in enumerate(gold.events)
        if optional or not event.optional
    ]
    published = published_day(article)
    findings = findings_for_events(
        events,
        published,
        rulebook or load_rulebook(),
        not_before=None if published else era_start(article.text),
        text=article.text,
    )
    return Analysis(doc=Doc.of(article), events=events, findings=findings)


def gold_analyses(
    articles: list[Article],
    gold: Mapping[str, GoldDoc],
    rulebook: Rulebook | None = None,
    optional: bool = False,
) -> dict[str, Analysis]:
    """Gold-event analyses of every article that has a gold line, by document id."""
    return {
        article.doc_id: gold_analysis(article, gold[article.doc_id], rulebook, optional)
        for article in articles
        if article.doc_id in gold
    }
