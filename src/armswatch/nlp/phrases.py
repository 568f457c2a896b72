"""A phrase table: token sequences → the surface form they spell, matched over a Doc.

It does what spaCy's PhraseMatcher did for the gazetteers (every occurrence of every
phrase, overlapping ones included, on the token text or its lower case) without making a
Doc per phrase: the ~9,000 names of the knowledge base cost ~1.4 s to tokenise and add to
a PhraseMatcher at start-up, and a trie of words is built in a few milliseconds
(issue 11, start-up ≤ 0.5 s; ``bench/startup.py``).

A phrase's words are those spaCy's tokenizer gives it (``phrase_words``): names made of
plain words are split at spaces, others are tokenised by the pipeline's own tokenizer.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass, field

from spacy.about import __version__ as spacy_version
from spacy.attrs import LOWER, ORTH
from spacy.language import Language
from spacy.strings import get_string_id
from spacy.tokens import Doc

from armswatch.kb.cache import cached, digest


@dataclass
class Node:
    children: dict[int, Node] = field(default_factory=dict)  # by the word's string hash
    label: str | None = None


class PhraseTable:
    """Phrases as a trie of words; ``table(doc)`` → ``(label, start, end)`` per match."""

    def __init__(self, nlp: Language, lower: bool) -> None:
        self.nlp = nlp
        self.lower = lower
        self.root = Node()
        self.special_cases = frozenset(getattr(nlp.tokenizer, "rules", None) or {})

    def add(self, phrase: str, label: str | None = None, words: list[str] | None = None) -> None:
        """Add ``phrase`` (label: the phrase itself); the first label of a word sequence
        stays."""
        node = self.root
        words = phrase_words(self.nlp, phrase, self.special_cases) if words is None else words
        if not words:
            return
        for word in words:
            key = get_string_id(word.lower() if self.lower else word)
            node = node.children.setdefault(key, Node())
        if node.label is None:
            node.label = phrase if label is None else label

    def add_all(self, phrases: Iterable[str], label: str | None = None) -> None:
        """Add every phrase; the tokenizer's words of those that need it come from the
        cache (kb/cache.py) when the phrases and the tokenizer are the same as before."""
        phrases = list(phrases)
        hard = sorted({p for p in phrases if not plain(p, self.special_cases)})
        key = digest(
            spacy_version,
            str(self.nlp.meta.get("name")),
            str(self.nlp.meta.get("version")),
            "\n".join(sorted(self.special_cases)),
            "\n".join(hard),
        )
        tokenised = cached("phrases", key, lambda: {p: tokenizer_words(self.nlp, p) for p in hard})
        for phrase in phrases:
            self.add(phrase, label, tokenised.get(phrase) or phrase.split())

    def __call__(self, doc: Doc) -> list[tuple[str, int, int]]:
        """Every match as (label, start, end), overlapping ones included. The words are
        compared as spaCy's string hashes (ORTH or LOWER), read in one array."""
        words: list[int] = doc.to_array(LOWER if self.lower else ORTH).tolist()
        found = []
        for i in range(len(words)):
            node = self.root.children.get(words[i])
            j = i
            while node is not None:
                j += 1
                if node.label is not None:
                    found.append((node.label, i, j))
                if j >= len(words):
                    break
                node = node.children.get(words[j])
        return found


def phrase_words(nlp: Language, phrase: str, special_cases: frozenset[str]) -> list[str]:
    """The tokens spaCy's tokenizer makes of ``phrase``: words of letters only that are no
    tokenizer special case ('cannot') split at spaces; anything else goes through the
    tokenizer (hyphens, dots, digits with units)."""
    return phrase.split() if plain(phrase, special_cases) else tokenizer_words(nlp, phrase)


def plain(phrase: str, special_cases: frozenset[str]) -> bool:
    """Words of letters only, none a tokenizer special case: split at spaces."""
    return all(w.isalpha() and w not in special_cases for w in phrase.split())


def tokenizer_words(nlp: Language, phrase: str) -> list[str]:
    return [t.text for t in nlp.make_doc(phrase) if not t.is_space]
