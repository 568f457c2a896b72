"""Title Case headlines, parsed as sentences.

The small English model tags the words of a Title Case headline ("Morocco Confirms
Delivery Of Israeli Hermes 900 Drones") as proper nouns, so triggers disappear. Before
parsing, such lines are put in sentence case — every word lower-cased except the first,
acronyms, words with digits and the words of known names (actors, weapons) — without
changing the text's length, so every offset still points into the original article.
``restore_quotes`` then puts the original words back into everything the analysis quotes.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from pydantic import BaseModel

WORD = re.compile(r"[^\W\d_][\w'’.-]*")
MIN_CAPITALISED = 3
CAPITALISED_SHARE = 0.75
SHORT_WORD = 3  # 'of', 'to', 'in' are often lower case even in Title Case


class HeadlineCaser:
    """Puts Title Case lines in sentence case, keeping the words of known names."""

    def __init__(self, names: Iterable[str]) -> None:
        capitalised = {name for name in names if name[:1].isupper()}
        self.keep = {name for name in capitalised if not any(c.isspace() for c in name)}
        # words of a longer name are kept only where the whole name stands ('Hermes 900',
        # 'Wing Loong II'), so 'Workers' of "Workers' Party" is no name in 'Sends Workers'
        self.phrases: dict[str, list[str]] = {}  # by first word, longest first
        for phrase in sorted(capitalised - self.keep, key=len, reverse=True):
            self.phrases.setdefault(phrase.split()[0], []).append(phrase)

    def applies(self, text: str) -> bool:
        """Whether ``text`` has a Title Case line."""
        return any(self.is_title_case(line) for line in text.splitlines())

    def __call__(self, text: str) -> str:
        """``text`` with its Title Case lines in sentence case (same length)."""
        if not self.applies(text):
            return text
        return "".join(self.sentence_case(line) for line in text.splitlines(keepends=True))

    @staticmethod
    def is_title_case(line: str) -> bool:
        words = [w for w in WORD.findall(line) if len(w) > SHORT_WORD]
        capitalised = [w for w in words if w[:1].isupper()]
        if len(capitalised) < MIN_CAPITALISED or line.rstrip().endswith((".", ":")):
            return False
        return len(capitalised) >= CAPITALISED_SHARE * len(words)

    def sentence_case(self, line: str) -> str:
        if not self.is_title_case(line):
            return line
        named = self.named_positions(line)
        pieces: list[str] = []
        last = 0
        for n, match in enumerate(WORD.finditer(line)):
            word = match.group()
            pieces.append(line[last : match.start()])
            kept = n == 0 or match.start() in named or self.is_name(word)
            pieces.append(word if kept else lower_same_length(word))
            last = match.end()
        pieces.append(line[last:])
        return "".join(pieces)

    def named_positions(self, line: str) -> set[int]:
        """Character positions of ``line`` inside a known name of several words."""
        found: set[int] = set()
        for match in re.finditer(r"\S+", line):
            for phrase in self.phrases.get(match.group(), ()):
                end = match.start() + len(phrase)
                if line.startswith(phrase, match.start()) and not line[end : end + 1].isalnum():
                    found.update(range(match.start(), end))
                    break
        return found

    def is_name(self, word: str) -> bool:
        acronym = len(word) > 1 and word.isupper()
        return acronym or word in self.keep or word.rstrip("'’s") in self.keep


def lower_same_length(word: str) -> str:
    """``word`` lower-cased, keeping any character whose lower case is longer."""
    return "".join(c.lower() if len(c.lower()) == 1 else c for c in word)


def restore_quotes(record: BaseModel, original: str) -> None:
    """Put ``original``'s words back into every quoted span of ``record`` (in place):
    fields ``text`` (or an actor's ``name``) of objects that carry ``start``/``end``."""
    fields = type(record).model_fields
    start, end = getattr(record, "start", None), getattr(record, "end", None)
    if isinstance(start, int) and isinstance(end, int) and 0 <= start <= end <= len(original):
        for name in ("text", "name"):
            if name in fields and isinstance(getattr(record, name), str):
                setattr(record, name, original[start:end])
                break
    for name in fields:
        value = getattr(record, name)
        values = value if isinstance(value, list) else [value]
        for item in values:
            if isinstance(item, BaseModel):
                restore_quotes(item, original)
