"""Time expressions resolve against the article's date, never today's."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import date

import pytest

from armswatch.extract.timex import parse_published, resolve_time
from armswatch.model import Article
from armswatch.pipeline import Analyzer

ANCHOR = date(2022, 9, 6)

CASES = [
    ("in August", ANCHOR, ("2022-08-01", "2022-08-31", "month")),
    ("last month", ANCHOR, ("2022-08-01", "2022-08-31", "month")),
    ("Back in July", ANCHOR, ("2022-07-01", "2022-07-31", "month")),
    ("in November", ANCHOR, ("2021-11-01", "2021-11-30", "month")),  # the latest November
    ("since 2022", ANCHOR, ("2022-01-01", "2022-09-06", "range")),
    ("since August", ANCHOR, ("2022-08-01", "2022-09-06", "range")),
    ("7 February 2024", ANCHOR, ("2024-02-07", "2024-02-07", "day")),
    ("February 7, 2024", None, ("2024-02-07", "2024-02-07", "day")),
    ("in September 2023", None, ("2023-09-01", "2023-09-30", "month")),
    ("2015", None, ("2015-01-01", "2015-12-31", "year")),
    ("on Friday", date(2024, 8, 23), ("2024-08-23", "2024-08-23", "day")),
    ("on Monday", date(2024, 8, 23), ("2024-08-19", "2024-08-19", "day")),
    ("yesterday", ANCHOR, ("2022-09-05", "2022-09-05", "day")),
    ("last year", ANCHOR, ("2021-01-01", "2021-12-31", "year")),
    ("earlier this summer", ANCHOR, ("2022-06-01", "2022-08-31", "range")),
    ("on 7 February", date(2024, 2, 7), ("2024-02-07", "2024-02-07", "day")),
    ("on Jan. 11", date(2024, 3, 1), ("2024-01-11", "2024-01-11", "day")),
    ("on Thursday", date(2024, 3, 7), ("2024-03-07", "2024-03-07", "day")),  # the day itself
    ("early April", date(2024, 3, 1), ("2023-04-01", "2023-04-30", "month")),
    ("in May 2021", date(2024, 3, 1), ("2021-05-01", "2021-05-31", "month")),
    ("last autumn", date(2024, 11, 16), ("2023-09-01", "2023-11-30", "range")),  # not this one
    ("last autumn", date(2025, 2, 3), ("2024-09-01", "2024-11-30", "range")),
    ("late last year", date(2024, 2, 7), ("2023-01-01", "2023-12-31", "year")),
    ("In the last six months", date(2023, 4, 25), ("2022-10-25", "2023-04-25", "range")),
    ("over the past few weeks", date(2024, 5, 10), ("2024-04-19", "2024-05-10", "range")),
    ("in recent months", date(2023, 11, 24), ("2023-05-24", "2023-11-24", "range")),
    ("in recent weeks", date(2024, 11, 16), ("2024-10-05", "2024-11-16", "range")),
    ("over the past year", date(2024, 3, 31), ("2023-03-31", "2024-03-31", "range")),
    ("two months ago", date(2024, 1, 15), ("2023-11-01", "2023-11-30", "month")),
    ("three years ago", date(2024, 1, 15), ("2021-01-01", "2021-12-31", "year")),
    ("5 days ago", date(2024, 3, 2), ("2024-02-26", "2024-02-26", "day")),
]


@pytest.mark.parametrize(("text", "anchor", "expected"), CASES, ids=[c[0] for c in CASES])
def test_resolve(text: str, anchor: date | None, expected: tuple[str, str, str]) -> None:
    time = resolve_time(text, anchor)
    assert time is not None
    assert (time.start, time.end, time.precision) == expected


@pytest.mark.parametrize(
    "text",
    ["last month", "in August", "on Friday", "earlier this year", "two months ago", "last autumn"],
)
def test_relative_dates_stay_unresolved_without_an_article_date(text: str) -> None:
    time = resolve_time(text, None)
    assert time is not None and time.start is None and time.precision is None


def test_non_temporal_text_is_no_time() -> None:
    assert resolve_time("the Security Council", ANCHOR) is None


@pytest.mark.parametrize(
    ("value", "expected"),
    [("2022-09-06", date(2022, 9, 6)), ("2022-09-06T10:00:00Z", date(2022, 9, 6)), ("x", None)],
)
def test_parse_published(value: str, expected: date | None) -> None:
    assert parse_published(value) == expected


@dataclass(frozen=True)
class Placed:
    construction: str
    text: str
    source: str
    target: str
    published: str | None
    time: str | None  # the start of the transfer's time at its precision, or None


PLACED = [
    Placed("date on the signing verb", "On Tuesday Sweden signed a deal to supply Chile with Gripen jets.",  # noqa: E501
           "SWE", "CHL", "2024-03-07", "2024-03-05"),
    Placed("stage date in the next sentence", "Sweden to supply Chile with Gripen jets\nChile on Tuesday put its name to a deal covering 12 Gripen fighters, the company said.",  # noqa: E501
           "SWE", "CHL", "2024-03-07", "2024-03-05"),
    Placed("announcement day gives the month", "Spain will deliver Leopard tanks to Latvia, the defence minister said on Tuesday.",  # noqa: E501
           "ESP", "LVA", "2024-03-07", "2024-03"),
    Placed("a statement's day is not a past delivery's", "Spain delivered Leopard tanks to Latvia, the defence minister said on Tuesday.",  # noqa: E501
           "ESP", "LVA", "2024-03-07", None),
    Placed("announced this morning", "The chancellor used a cabinet meeting this morning to announce that Germany will deliver Leopard tanks to Poland.",  # noqa: E501
           "DEU", "POL", "2024-03-07", "2024-03"),
    Placed("a later halt does not date the deliveries", "Canada delivered armoured vehicles to Saudi Arabia. On Tuesday Canada suspended the sale of armoured vehicles to Saudi Arabia.",  # noqa: E501
           "CAN", "SAU", "2024-03-07", None),
    Placed("background in a relative clause", "Poland will build the Piorun, a missile which Poland has exported to Latvia, the maker said on Tuesday.",  # noqa: E501
           "POL", "LVA", "2024-03-07", None),
    Placed("arrival beats the dateline", "RIGA, March 7 (XNA) Latvia has received the first Leopard tanks from Spain.\nThe Leopard tanks arrived on Monday at the port.",  # noqa: E501
           "ESP", "LVA", "2024-03-07", "2024-03-04"),
    Placed("dateline after a headline; a coordinated move is no arrival", "Latvia takes delivery of Spanish Leopard tanks\nRIGA, March 7 (XNA) Latvia has received the first Leopard tanks from Spain, and on Tuesday the tanks were moved to a base.\nThe Leopard tanks arrived on Monday at the port.",  # noqa: E501
           "ESP", "LVA", "2024-03-07", "2024-03-04"),
    Placed("under way in the headline, announced in the lead", "Italy is sending Aster missiles to Ukraine\nSpeaking in Rome on Tuesday, the defence minister disclosed that the missiles had left.",  # noqa: E501
           "ITA", "UKR", "2024-03-07", "2024-03"),
    Placed("under way in the headline, dated by the article", "Italy is sending Aster missiles to Ukraine, officials say\nThe missiles will help protect cities.",  # noqa: E501
           "ITA", "UKR", "2024-03-07", "2024-03"),
    Placed("a headline noun, dated by the article", "Danish arms deliveries to Ukraine\nDenmark will give Ukraine CV90 vehicles.",  # noqa: E501
           "DNK", "UKR", "2024-03-07", "2024-03"),
    Placed("done in the headline, not dated by the article", "Italy has sent Aster missiles to Ukraine, officials say\nThe missiles will help protect cities.",  # noqa: E501
           "ITA", "UKR", "2024-03-07", None),
    Placed("a stated stage beats the article's date", "Peru is buying Super Tucano aircraft from Brazil\nPeru signed the contract for the Super Tucano aircraft on Monday.",  # noqa: E501
           "BRA", "PER", "2024-03-07", "2024-03-04"),
    Placed("the deal a transfer is made under", "Spain is delivering the patrol boats to Senegal under a deal concluded in March 2022, the ministry said on Friday.",  # noqa: E501
           "ESP", "SEN", "2024-03-07", "2022-03"),
    Placed("a seizure dated in a later sentence", "Serbian rifles bound for Belarus seized at the border, Poland says\nThe guards found the crates in a lorry.\nIn a statement, the border guards said a patrol had on Feb. 27 seized rifles from a lorry near Brest.",  # noqa: E501
           "SRB", "BLR", "2024-03-07", "2024-02-27"),
    Placed("under way, but not in the opening", "Officials met in Rome.\nThe talks were long.\nItaly is sending Aster missiles to Ukraine.",  # noqa: E501
           "ITA", "UKR", "2024-03-07", None),
    Placed("interdiction date", "Iran's shipment of rifles to Yemen was seized on Sunday.",
           "IRN", "YEM", "2024-03-07", "2024-03-03"),
    Placed("recent months", "Belarus has shipped tanks to Russia in recent months.",
           "BLR", "RUS", "2024-03-07", "2023-09-07"),
    Placed("no article date, no relative date", "Belarus shipped tanks to Russia on Thursday.",
           "BLR", "RUS", None, None),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", PLACED, ids=[c.construction for c in PLACED])
def test_transfer_time(analyzer: Analyzer, case: Placed) -> None:
    analysis = analyzer.analyze(Article(text=case.text, published=case.published))
    events = [
        e
        for e in analysis.events
        if e.type == "arms_transfer"
        and {a.key for a in e.source} == {case.source}
        and {a.key for a in e.target} == {case.target}
    ]
    assert events, f"no transfer {case.source}->{case.target}"
    time = events[0].time
    start = time.start if time else None
    if case.time is None:
        assert start is None, time
    else:
        assert start is not None and time is not None, time
        assert time.precision in {"day", "month", "year", "range"}
        assert start.startswith(case.time), time
        shown = {"month": start[:7], "year": start[:4]}.get(time.precision or "", start)
        assert shown == case.time or time.precision == "range", time


@pytest.mark.slow
def test_a_future_stage_is_not_the_time_of_a_signed_deal(analyzer: Analyzer) -> None:
    text = (
        "Latvia has bought Leopard tanks from Spain. "
        "Deliveries of the Leopard tanks to Latvia will begin in 2027."
    )
    analysis = analyzer.analyze(Article(text=text, published="2024-03-07"))
    transfers = [e for e in analysis.events if e.type == "arms_transfer"]
    assert transfers
    assert not any((e.time.start or "").startswith("2027") for e in transfers if e.time)
