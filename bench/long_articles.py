"""Time to analyse one long article, per 100,000 characters, at several lengths.

    python bench/long_articles.py [--sizes 100000 400000 1000000] [--triage/--no-triage]

The article is generated everyday news (``bench/filler.py``) with a relevant sentence
(a transfer, a shipment, a sale) in every fifth paragraph, as a long report converted
to text would be. Articles longer than ``armswatch.pipeline.SECTION_CHARS`` are parsed
in sections; the cost should grow linearly: target (issue 12, item 3) a ratio of at most
1.3 between the time per 100k characters of the largest and of the smallest size.
"""

from __future__ import annotations

import argparse
import random
import sys
import time
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))

from armswatch.model import Article
from armswatch.pipeline import Analyzer
from filler import filler_article

RELEVANT = [
    "Iran delivered Shahed-136 drones to Russia in August, officials said.",
    "North Korea shipped artillery shells to Russia, according to the panel.",
    "Belarus sent T-72 tanks to Syria last year, the report found.",
]


def long_text(chars: int, seed: int = 1) -> str:
    """``chars`` characters of paragraphs, every fifth one relevant."""
    rng = random.Random(seed)
    parts: list[str] = []
    total = 0
    while total < chars:
        n = len(parts)
        part = RELEVANT[n // 5 % 3] if n % 5 == 0 else filler_article(rng, f"f{n}").text
        parts.append(part)
        total += len(part) + 2
    return "\n\n".join(parts)[:chars]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--sizes", type=int, nargs="+", default=[100_000, 400_000, 1_000_000])
    parser.add_argument("--triage", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    analyzer = Analyzer(triage=args.triage)
    analyzer.analyze(Article(text=long_text(5_000)))  # warm up
    per_100k: list[float] = []
    print(f"triage {'on' if args.triage else 'off'}")
    print(f"{'characters':>12} {'seconds':>9} {'s/100k':>8} {'events':>7} {'mentions':>9}")
    for size in args.sizes:
        article = Article(text=long_text(size))
        started = time.perf_counter()
        analysis = analyzer.analyze(article)
        elapsed = time.perf_counter() - started
        per_100k.append(elapsed / size * 100_000)
        bad = sum(1 for m in analysis.mentions if article.text[m.start : m.end] != m.text)
        assert bad == 0, f"{bad} mentions do not match the text at their offsets"
        print(
            f"{size:>12,} {elapsed:>9.2f} {per_100k[-1]:>8.2f} "
            f"{len(analysis.events):>7} {len(analysis.mentions):>9}"
        )
    print(f"ratio largest/smallest per 100k: {per_100k[-1] / per_100k[0]:.2f} (target ≤ 1.3)")


if __name__ == "__main__":
    main()
