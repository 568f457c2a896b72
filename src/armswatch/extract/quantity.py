"""How many: 'millions of', 'up to six million', 'hundreds of', '200', 'a dozen'."""

from __future__ import annotations

import re

from spacy.tokens import Span, Token

from armswatch.model import Quantity

UPPER_BOUNDS = {"up to", "as many as", "at most", "no more than", "fewer than", "less than"}
LOWER_BOUNDS = {"more than", "over", "at least", "upwards of", "in excess of"}
APPROXIMATE = {"about", "around", "some", "roughly", "approximately", "nearly", "close to",
               "almost"}  # fmt: skip
SCALE_WORDS = {"dozen", "hundred", "thousand", "million", "billion", "score"}
NUMERIC = re.compile(r"^\d{1,3}(?:,\d{3})+$|^\d+(?:\.\d+)?$")


class QuantityReader:
    """Reads the quantity attached to a weapon noun from its number modifiers."""

    def __init__(self, words: dict[str, float]) -> None:
        self.words = words

    def read(self, phrase: Span) -> Quantity | None:
        """The quantity of a weapon phrase ('more than one million artillery rounds')."""
        numbers: list[Token] = []
        root = phrase.root
        outer = [root.head] if root.dep_ == "compound" and root.head.i == phrase.end else []
        for token in (root, *phrase, *outer):  # the head noun's count first: '20 … launchers';
            numbers = numbers or self.number_tokens(token)  # a name's noun: '24 Stryker vehicles'
        noun = phrase.root
        if not numbers:
            return None
        first, last = numbers[0], numbers[-1]
        value = self.value(numbers)
        if value is None:
            return None
        doc = noun.doc
        start = max(first.i - 3, first.sent.start)
        prefix = doc[start : first.i].text.lower()
        text = doc[first.i : last.i + 1].text
        plural_scale = last.lower_.endswith("s") and last.lemma_.lower() in self.words
        if plural_scale:
            return Quantity(text=text, min=value, max=None)  # "millions of": at least one million
        for bound in UPPER_BOUNDS:
            if prefix.endswith(bound):
                return Quantity(text=f"{bound} {text}", min=None, max=value)
        for bound in LOWER_BOUNDS:
            if prefix.endswith(bound):
                return Quantity(text=f"{bound} {text}", min=value, max=None)
        return Quantity(text=text, min=value, max=value)

    def number_tokens(self, noun: Token) -> list[Token]:
        """'200 drones' → [200]; 'millions of rockets' → [millions]; 'six million' → both."""
        nummods = [
            c
            for c in noun.children
            if (
                c.dep_ == "nummod"
                or (c.like_num and c.pos_ != "ADJ")  # not an ordinal: 'its *first* 38 tanks'
                or (c.dep_ == "compound" and c.lemma_.lower() in SCALE_WORDS)  # 'a dozen tanks'
            )
            and not in_designation(c)
            and not is_calibre(c)
        ]
        head = noun.head
        if not nummods and noun.dep_ == "pobj" and head.lower_ == "of":
            scale = head.head
            if scale.like_num or scale.lemma_.lower() in self.words:
                nummods = [scale]
        if not nummods:
            return []
        token = nummods[0]
        group = [  # not further numbers after it: '54 of the howitzers and 36 of …'
            t
            for t in token.subtree
            if t.i <= token.i and (t.like_num or t.lemma_.lower() in self.words)
        ]
        return sorted(group, key=lambda t: t.i) or [token]

    def value(self, numbers: list[Token]) -> float | None:
        total: float | None = None
        for token in numbers:
            number = self.number(token)
            if number is None:
                continue
            total = (
                number if total is None else (total * number if number >= 100 else total + number)
            )
        return total

    def number(self, token: Token) -> float | None:
        text = token.lower_
        if NUMERIC.match(text):
            return float(text.replace(",", ""))
        return self.words.get(token.lemma_.lower(), self.words.get(text))


def in_designation(number: Token) -> bool:
    """A number that ends a system's name is no count: 'Leopard *2* tanks', 'Typhoon *2*'."""
    if number.i == 0 or not number.text.isdigit():
        return False
    before = number.doc[number.i - 1]
    return before.is_alpha and before.is_title and before.pos_ == "PROPN"


CALIBRE_UNITS = {"mm", "cm", "millimetre", "millimeter", "calibre", "caliber", "inch"}


def is_calibre(number: Token) -> bool:
    """A number of a calibre is no count: '240mm rocket launchers', '155 mm shells'."""
    if number.lower_.endswith("mm") or number.i + 1 >= len(number.doc):
        return number.lower_.endswith("mm")
    following = number.doc[number.i + 1]
    if following.text == "-" and number.i + 2 < len(number.doc):
        following = number.doc[number.i + 2]
    return following.lower_ in CALIBRE_UNITS
