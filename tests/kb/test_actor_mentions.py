# ruff: noqa: E501  (one sentence per table row)
"""Actor mentions in running text: names that break, shared forms, people by title.

Every sentence was written for these tests; each row lists, for some words of the
sentence, the evaluation key they must resolve to (None: no actor there).
"""

from __future__ import annotations

import pytest

from armswatch.pipeline import Analyzer

CASES: list[tuple[str, str, dict[str, str | None]]] = [
    ("Congo with Kinshasa", "Congo bought rifles from China, officials in Kinshasa said.", {"Congo": "COD"}),
    ("Congo with Brazzaville", "Congo bought rifles, the government in Brazzaville said.", {"Congo": "COG"}),
    ("Congo alone", "Congo bought rifles from China.", {"Congo": None, "China": "CHN"}),
    ("Congolese with Goma", "Congolese troops retook Goma from the rebels.", {"Congolese": "COD"}),
    ("SAF in Sudan", "The SAF bought drones from Iran, Sudanese officials said.", {"SAF": "SDN"}),
    ("SAF in Singapore", "The SAF held drills with Singaporean marines.", {"SAF": "SGP"}),
    ("the West African country", "Mali, the West African country, bought drones from Turkey.", {"West": None, "Mali": "MLI"}),
    ("the South before an adjective", "The South Korean government and the North Korean regime traded barbs.", {"South Korean": "KOR", "North Korean": "PRK"}),
    ("a state's armed services", "Royal Navy minehunters and RAF jets left port.", {"Royal Navy": "GBR", "RAF": "GBR"}),
    ("the West Bank", "Israel occupies the West Bank, and the West condemned the raids.", {"West Bank": None, "the West condemned": "west"}),
    ("Cote d'Ivoire", "Cote d'Ivoire bought patrol boats; Côte d’Ivoire paid in 2021.", {"Cote d'Ivoire": "CIV", "Côte d’Ivoire": "CIV"}),
    ("hyphen after a stop", "The Washington D.C.-Tokyo talks covered the U.S.-Japan missile deal.", {"Tokyo": "JPN", "Japan": "JPN", "U.S.": "USA"}),
    ("a surname beside a given name", "Kim Soo-yeon, an analyst in Seoul, said Kim Jong Un met Putin.", {"Kim Soo": None, "Kim Jong Un": "PRK"}),
    ("a surname after a title", "Chairman Kim visited Moscow.", {"Kim": "PRK"}),
    ("another person of the same surname", "Hunter Biden spoke before President Biden did.", {"Hunter Biden": None, "President Biden": "USA"}),
    ("unknown name after a titled nationality", "Zimbabwean Prime Minister Tendai Moyo met the Chinese envoy.", {"Tendai Moyo": "ZWE"}),
    ("unknown name after a country's title", "Kenya's Defence Minister Amos Kibet visited Ankara.", {"Amos Kibet": "KEN"}),
    ("unknown name described by its office", "Delegates heard from Anna Kowal, who directs Korean and Mongolian affairs at the Polish Foreign Ministry. Kowal said more.", {"Anna Kowal": "POL", "Kowal said": "POL"}),
    ("unknown name described without an office", "Seth Brown, who met Kim Jong Un in Pyongyang, said it.", {"Seth Brown": None}),
    ("Title Case headline", "Iran Sends Drones To Russia, Report Says", {"Iran": "IRN", "Russia": "RUS"}),
    ("armed group", "The Houthis fired missiles; Ansar Allah denied it.", {"Houthis": "houthis", "Ansar Allah": "houthis"}),
    ("company keyed to its state", "Kongsberg will deliver NASAMS launchers to Lithuania.", {"Kongsberg": "NOR"}),
]  # fmt: skip


def key_at(mentions: list[tuple[int, int, str]], start: int, end: int) -> str | None:
    """The key of the mention overlapping the characters ``start:end``, if any."""
    for m_start, m_end, key in mentions:
        if m_start < end and start < m_end:
            return key
    return None


@pytest.mark.slow
@pytest.mark.parametrize(("name", "text", "expected"), CASES, ids=[c[0] for c in CASES])
def test_actor_mentions(
    analyzer: Analyzer, name: str, text: str, expected: dict[str, str | None]
) -> None:
    doc = analyzer.nlp(text)
    mentions = [
        (m.span.start_char, m.span.end_char, m.actor.country or m.actor.id) for m in doc._.aw_actors
    ]
    for words, key in expected.items():
        start = text.index(words)
        if words.startswith("President "):  # the title is not the name
            start += len("President ")
        assert key_at(mentions, start, text.index(words) + len(words)) == key, (words, mentions)
