"""Whether what a trigger noun is about makes it civil: *energy* cooperation, cooperation
on nuclear *safety*, cooperation in *trade* and *investment* are no military cooperation,
while economic and *military* cooperation, or cooperation on *training*, is (lexicon
``civil_topics`` and ``military_topics``; triggers with ``excludes_civil_topic``)."""

from __future__ import annotations

from typing import Literal

from spacy.tokens import Token

from armswatch.extract.syntax import conjuncts
from armswatch.kb.schema import Lexicon

Kind = Literal["civil", "military"] | None
TOPIC_PREPOSITIONS = {"on", "in", "over", "regarding"}
KIND_DEPS = {"amod", "compound"}


def civil_topic(noun: Token, lexicon: Lexicon) -> bool:
    """A noun whose kind is named only by civil words: 'their *energy* cooperation',
    'cooperation on nuclear *safety*' (yes); 'economic and *military* cooperation',
    'cooperation in trade and *defence*', 'cooperation between X and Y' (no)."""
    kinds = {kind_of(t, lexicon) for t in topics_of(noun)}
    return "civil" in kinds and "military" not in kinds


def topics_of(noun: Token) -> list[Token]:
    """The words that name a noun's kind, with their conjuncts: its modifiers ('*energy*
    and *trade* cooperation'), the objects of its 'on' / 'in' phrase, also where the
    parser hangs it on the verb of which the noun is the object ('deepen cooperation *on
    energy*'), and the 'of' phrase of such an object ('in the fields *of* health')."""
    words = [c for c in noun.children if c.dep_ in KIND_DEPS] + misread_modifier(noun)
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    preps = [p for h in holders for p in h.children if p.dep_ == "prep"]
    objects = [o for p in preps if p.lower_ in TOPIC_PREPOSITIONS for o in p.children]
    words += [o for o in objects if o.dep_ == "pobj"]
    words = [c for w in words for c in conjuncts(w)]
    inner = [o for w in words for p in w.children if p.lower_ == "of" for o in p.children]
    return words + [c for o in inner if o.dep_ == "pobj" for c in conjuncts(o)]


def misread_modifier(noun: Token) -> list[Token]:
    """The noun just before, when the parser made it a second object of the same verb:
    'expand their *fisheries* cooperation' read as 'expand fisheries, cooperation'."""
    if noun.i == 0 or noun.dep_ != "dobj":
        return []
    before = noun.doc[noun.i - 1]
    same_slot = before.dep_ == noun.dep_ and before.head.i == noun.head.i
    return [before] if same_slot and before.pos_ == "NOUN" else []


def kind_of(word: Token, lexicon: Lexicon) -> Kind:
    """A word's kind: that of its own modifier when one has a kind ('*energy* security'
    is civil, '*defence* technology' military), else its own lemma's."""
    for child in word.children:
        if child.dep_ in KIND_DEPS:
            kind = lemma_kind(child, lexicon)
            if kind is not None:
                return kind
    return lemma_kind(word, lexicon)


def lemma_kind(word: Token, lexicon: Lexicon) -> Kind:
    lemma = word.lemma_.lower()
    if lemma in lexicon.military_topics:
        return "military"
    return "civil" if lemma in lexicon.civil_topics else None
