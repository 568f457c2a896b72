"""A benchmark corpus: real arms and diplomacy texts mixed into generated everyday news.

    python bench/corpus.py --docs 1000 --relevant 0.05 -o corpus.jsonl

Relevant articles are read from ../shared at run time (never copied into the repo): the
seed and dev gold articles, the re3d documents, and PLOVER and PETRARCH sentences
grouped into articles of ``GROUP`` sentences. The rest is filler generated here from
templates over a vocabulary written for this benchmark: sports, weather, business and
local news. Like real news, a share of the filler (``--false-alarms``, default 10%) names
a country or company next to a word of the trigger or weapon lexicons ("an airline
ordered aircraft from Airbus"), so triage meets false alarms too.
"""

from __future__ import annotations

import argparse
import json
import random
import re
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from armswatch.model import Article
from filler import filler_article

SHARED = Path(__file__).resolve().parents[1].parent / "shared"
GROUP = 8
"""PLOVER and PETRARCH sentences per pseudo-article."""
TEXT_ELEMENT = re.compile(r"<Text>(.*?)</Text>", re.DOTALL)


def gold_articles(shared: Path) -> Iterator[Article]:
    for name in ("seed", "dev"):
        path = shared / "gold" / name / "articles.jsonl"
        if path.exists():
            for line in path.read_text(encoding="utf-8").splitlines():
                if line.strip():
                    yield Article.model_validate_json(line)


def re3d_articles(shared: Path) -> Iterator[Article]:
    for path in sorted((shared / "reference" / "re3d").glob("*/documents.json")):
        for line in path.read_text(encoding="utf-8-sig").splitlines():
            if line.strip():
                record = json.loads(line)
                text = f"{record['title']}\n\n{record['text']}"
                yield Article(id=f"re3d-{record['_id']}", title=record["title"], text=text)


def plover_sentences(shared: Path) -> list[str]:
    path = shared / "reference" / "plover" / "PLOVER_GSR_CAMEO.json"
    if not path.exists():
        return []
    records = json.loads(path.read_text(encoding="utf-8"))
    return [r["text"] for r in records if isinstance(r.get("text"), str)]


def petrarch_sentences(shared: Path) -> list[str]:
    path = shared / "reference" / "petrarch" / "PETR2_GSR_validation.xml"
    if not path.exists():
        return []
    texts = TEXT_ELEMENT.findall(path.read_text(encoding="utf-8"))  # not well-formed XML
    return [" ".join(t.split()) for t in texts if t.strip()]


def grouped(prefix: str, sentences: list[str]) -> Iterator[Article]:
    for start in range(0, len(sentences), GROUP):
        text = " ".join(sentences[start : start + GROUP])
        yield Article(id=f"{prefix}-{start // GROUP:03d}", text=text)


def relevant_pool(shared: Path = SHARED) -> list[Article]:
    """Every real text of ../shared as an article (empty when ../shared is absent)."""
    pool = [*gold_articles(shared), *re3d_articles(shared)]
    pool += grouped("plover", plover_sentences(shared))
    pool += grouped("petrarch", petrarch_sentences(shared))
    return [a for a in pool if a.text.strip()]


@dataclass
class Corpus:
    articles: list[Article]
    relevant_ids: set[str]

    @property
    def relevant(self) -> list[Article]:
        return [a for a in self.articles if a.doc_id in self.relevant_ids]


def build_corpus(
    n: int, relevant_fraction: float = 0.05, seed: int = 0, false_alarms: float = 0.1
) -> Corpus:
    """``n`` articles, ``relevant_fraction`` of them real, at random places, the rest filler
    (``false_alarms``: the share of filler articles with one sentence triage must pass)."""
    rng = random.Random(seed)
    pool = relevant_pool()
    n_relevant = round(n * relevant_fraction) if pool else 0
    slots = set(rng.sample(range(n), n_relevant))
    articles: list[Article] = []
    relevant_ids: set[str] = set()
    for i in range(n):
        if i in slots:
            real = pool[len(relevant_ids) % len(pool)]
            article = real.model_copy(update={"id": f"{real.doc_id}#{i}"})
            relevant_ids.add(article.doc_id)
        else:
            article = filler_article(rng, f"filler-{i:06d}", false_alarms)
        articles.append(article)
    return Corpus(articles, relevant_ids)


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--docs", type=int, default=1000)
    parser.add_argument("--relevant", type=float, default=0.05, help="fraction of real texts")
    parser.add_argument("--seed", type=int, default=0)
    parser.add_argument("--false-alarms", type=float, default=0.1, help="see filler.py")
    parser.add_argument("-o", "--output", type=Path, required=True)
    args = parser.parse_args()
    corpus = build_corpus(args.docs, args.relevant, args.seed, args.false_alarms)
    with args.output.open("w", encoding="utf-8") as stream:
        for article in corpus.articles:
            stream.write(article.model_dump_json() + "\n")
    words = sum(len(re.findall(r"\w+", a.text)) for a in corpus.articles)
    print(f"{len(corpus.articles)} articles ({len(corpus.relevant_ids)} real), {words} words")


if __name__ == "__main__":
    main()
