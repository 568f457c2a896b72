"""Time to analyse one long article, per 100,000 characters, at several lengths.

    python bench/long_articles.py [--sizes 100000 400000 1000000] [--repeat 3]
                                  [--triage/--no-triage]

The article is generated everyday news (``bench/filler.py``) with a relevant sentence
(a transfer, a shipment, a sale) in every fifth paragraph, as a long report converted
to text would be. Articles longer than ``armswatch.pipeline.SECTION_CHARS`` are parsed
in sections; the cost should grow linearly: target (issue 12, item 3) a ratio of at most
1.3 between the time per 100k characters of the largest and of the smallest size.
Each size is analysed ``--repeat`` times, the sizes taking turns, and the fastest run of
each counts, in CPU seconds of this process as well as in wall-clock seconds: on a
machine others share, CPU time is what the article costs, wall time adds their load.
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
    parser.add_argument("--repeat", type=int, default=3)
    parser.add_argument("--triage", action=argparse.BooleanOptionalAction, default=True)
    args = parser.parse_args()
    analyzer = Analyzer(triage=args.triage)
    analyzer.analyze(Article(text=long_text(5_000)))  # warm up
    articles = {size: Article(text=long_text(size)) for size in args.sizes}
    wall: dict[int, list[float]] = {size: [] for size in args.sizes}
    cpu: dict[int, list[float]] = {size: [] for size in args.sizes}
    found: dict[int, tuple[int, int]] = {}
    for _ in range(args.repeat):
        for size, article in articles.items():
            started, cpu_started = time.perf_counter(), time.process_time()
            analysis = analyzer.analyze(article)
            wall[size].append(time.perf_counter() - started)
            cpu[size].append(time.process_time() - cpu_started)
            bad = sum(1 for m in analysis.mentions if article.text[m.start : m.end] != m.text)
            assert bad == 0, f"{bad} mentions do not match the text at their offsets"
            found[size] = (len(analysis.events), len(analysis.mentions))
    print(f"triage {'on' if args.triage else 'off'}, fastest of {args.repeat}")
    print(f"{'characters':>12} {'wall s':>8} {'s/100k':>7} {'CPU s':>8} {'CPU s/100k':>11} "
          f"{'events':>7} {'mentions':>9}")  # fmt: skip
    per_100k = {size: min(wall[size]) / size * 100_000 for size in args.sizes}
    cpu_100k = {size: min(cpu[size]) / size * 100_000 for size in args.sizes}
    for size in args.sizes:
        print(f"{size:>12,} {min(wall[size]):>8.2f} {per_100k[size]:>7.2f} "
              f"{min(cpu[size]):>8.2f} {cpu_100k[size]:>11.2f} "
              f"{found[size][0]:>7} {found[size][1]:>9}")  # fmt: skip
    small, large = args.sizes[0], args.sizes[-1]
    print(f"ratio largest/smallest per 100k: wall {per_100k[large] / per_100k[small]:.2f}, "
          f"CPU {cpu_100k[large] / cpu_100k[small]:.2f} (target ≤ 1.3)")  # fmt: skip


if __name__ == "__main__":
    main()
