"""Triage before parsing: which sentences of an article deserve the full spaCy parse.

Most news is not about arms or sanctions. ``Triage`` reads the raw text with a regex
sentence splitter and word-set lookups of the knowledge base's surface forms: actor
names (case-sensitive, as the mention matcher), weapon terms and trigger word forms
(case-insensitive). A sentence is a *candidate* when it names an actor together with a
weapon or an event word, or a weapon together with a word that moves or lists one ("They
delivered the shells", "The package includes …", a bulleted line). The selection is
every candidate with ``context`` neighbours on either side (pronouns, "the North") plus
the first sentence (headline, main statement).
An article without candidates is not parsed at all.

``partial_doc`` turns a selection into the Doc the pipeline parses: the original
tokens inside the selection and whitespace tokens for the rest, so every character
offset still indexes the original text and only the selection costs a parse.
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from spacy.language import Language
from spacy.tokens import Doc
from spacy.vocab import Vocab

from armswatch.kb import KnowledgeBase
from armswatch.nlp.gazetteer import actor_surface_forms, weapon_surface_forms

Range = tuple[int, int]
"""Character offsets ``start, end`` into the original text."""

WORD = re.compile(r"\w+")
SENTENCE_GAP = re.compile(
    r"(?:(?<=[.!?])|(?<=[.!?][\"'”’)\]]))[^\S\n]+(?=[\"'“‘(\[]?[A-Z0-9])|\s*\n\s*"
)
ABBREVIATED = re.compile(r"(\w+)\.[\"'”’)\]]?$")
ABBREVIATIONS = frozenset(
    {
        "mr", "mrs", "ms", "dr", "prof", "gen", "lt", "col", "maj", "capt", "cmdr", "sgt",
        "adm", "sen", "rep", "gov", "st", "jr", "sr", "no", "nos", "vs", "etc", "inc",
        "corp", "co", "ltd", "jan", "feb", "mar", "apr", "jun", "jul", "aug", "sep", "sept",
        "oct", "nov", "dec", "approx", "est", "fig",
    }
)  # fmt: skip
IRREGULAR_VERBS: dict[str, tuple[str, ...]] = {
    "break": ("broke", "broken"),
    "bring": ("brought",),
    "buy": ("bought",),
    "fly": ("flew", "flown"),
    "freeze": ("froze", "frozen"),
    "get": ("got", "gotten"),
    "give": ("gave", "given"),
    "hold": ("held",),
    "lead": ("led",),
    "lend": ("lent",),
    "meet": ("met",),
    "sell": ("sold",),
    "send": ("sent",),
    "shoot": ("shot",),
    "sit": ("sat",),
    "speak": ("spoke", "spoken"),
    "strike": ("struck", "stricken"),
    "take": ("took", "taken"),
    "withdraw": ("withdrew", "withdrawn"),
}
"""Past forms the suffix rules cannot make (cut, hit: same as the lemma)."""
LIST_MARKERS = ("-", "•", "*", "–", "—", "·", "▪", "→")
BLANK_CHUNK = 1024
"""Longest whitespace token standing in for unselected text (bounds the new lexemes)."""


def s_forms(lemma: str) -> set[str]:
    """Plural / third person: drones, launches, supplies."""
    forms = {lemma + "s"}
    if lemma.endswith(("s", "x", "z", "ch", "sh", "o")):
        forms.add(lemma + "es")
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        forms.add(lemma[:-1] + "ies")
    return forms


def verb_forms(lemma: str) -> set[str]:
    """Past, participles and -ing, generously: over-generated forms cost nothing."""
    stems = {lemma, lemma + lemma[-1]}  # doubling: ship → shipped
    if lemma.endswith("e"):
        stems.add(lemma[:-1])
    if len(lemma) > 1 and lemma.endswith("y") and lemma[-2] not in "aeiou":
        stems.add(lemma[:-1] + "i")
    forms = {stem + suffix for stem in stems for suffix in ("ed", "ing")}
    return forms | {lemma + "d"} | set(IRREGULAR_VERBS.get(lemma, ()))


def word_forms(lemma: str, pos: Iterable[str] = ("NOUN",)) -> set[str]:
    """Lower-case surface forms of a trigger lemma: 'supply' → supplies, supplied …"""
    lemma = lemma.lower()
    forms = {lemma, *s_forms(lemma)}
    return forms | verb_forms(lemma) if "VERB" in pos else forms


class PhraseSet:
    """Phrases looked up in a list of words: a set intersection, then a slice check.

    Each phrase is keyed by its longest word ('the North' by 'North'), so common words
    ('the') do not send every sentence down the slow path.
    """

    def __init__(self, phrases: Iterable[str], lower: bool = False) -> None:
        self.single: set[str] = set()
        self.multi: dict[str, list[tuple[int, tuple[str, ...]]]] = {}
        for phrase in phrases:
            words = tuple(WORD.findall(phrase.lower() if lower else phrase))
            if len(words) == 1:
                self.single.add(words[0])
            elif words:
                key = max(range(len(words)), key=lambda i: len(words[i]))
                self.multi.setdefault(words[key], []).append((key, words))
        self.keys = frozenset(self.single | self.multi.keys())

    def found_in(self, words: list[str]) -> bool:
        hits = self.keys.intersection(words)
        if not hits:
            return False
        if not hits.isdisjoint(self.single):
            return True
        for i, word in enumerate(words):
            for key, phrase in self.multi.get(word, ()) if word in hits else ():
                if i >= key and tuple(words[i - key : i - key + len(phrase)]) == phrase:
                    return True
        return False


def split_sentences(text: str) -> list[Range]:
    """Sentences (stripped) split at newlines and at .!? before a capital or digit."""
    spans: list[Range] = []
    start = 0
    for gap in SENTENCE_GAP.finditer(text):
        if "\n" not in gap.group() and abbreviation_before(text, gap.start()):
            continue
        spans.append((start, gap.start()))
        start = gap.end()
    spans.append((start, len(text)))
    return [stripped for span in spans if (stripped := strip(text, span))]


def abbreviation_before(text: str, end: int) -> bool:
    """'U.S. officials', 'Gen. Votel', 'Jan. 5': the full stop ends no sentence."""
    match = ABBREVIATED.search(text, max(0, end - 12), end)
    if match is None:
        return False
    word = match.group(1)
    return (len(word) == 1 and word.isupper()) or word.lower() in ABBREVIATIONS


def strip(text: str, span: Range) -> Range | None:
    start, end = span
    chunk = text[start:end]
    body = chunk.strip()
    if not body:
        return None
    start += len(chunk) - len(chunk.lstrip())
    return start, start + len(body)


class Triage:
    """Selects the sentences of raw text worth parsing, from the knowledge base."""

    def __init__(self, kb: KnowledgeBase, context: int = 1) -> None:
        self.context = context
        self.actors = PhraseSet(actor_surface_forms(kb))
        # context-only names ('Island', 'Patriot') name a weapon only beside another weapon
        # word, which triage sees anyway: alone they would pass 'islands' in travel news
        weapons = weapon_surface_forms(kb)
        self.weapons = PhraseSet((f for f, w in weapons.items() if not w.needs_context), lower=True)
        self.named_in_context = PhraseSet(
            (f for f, w in weapons.items() if w.needs_context), lower=True
        )  # 'supplied 12 Spartan': a transfer word makes the context
        lexicon = kb.triggers.lexicon
        self.item_words: set[str] = set()  # with a weapon: sell, deliver; include (a list)
        for cue in lexicon.continuation_cues:
            self.item_words |= word_forms(cue, ["VERB"])
        self.referring = PhraseSet(lexicon.referring_words, lower=True)  # the two, the junta
        self.event_words: set[str] = set()  # events on their own: condemn, summit
        self.gated: dict[str, set[str]] = {}  # need an object: impose + sanctions
        phrases: set[str] = set()
        for trigger in kb.triggers.triggers:
            forms = word_forms(trigger.lemma, trigger.pos)
            if trigger.requires_items:
                self.item_words |= forms
            elif (
                trigger.requires_object
                or trigger.particle
                or trigger.requires_modifier
                or trigger.requires_subject
                or trigger.requires_complement
            ):  # impose + sanctions, sat + down, defence + ties, measures + target, warn + threaten
                objects = set().union(
                    *(word_forms(o) for o in trigger.requires_object + trigger.requires_subject)
                )
                objects |= set().union(
                    *(word_forms(c, ["VERB"]) for c in trigger.requires_complement)
                )
                objects |= {trigger.particle} if trigger.particle else set()
                objects |= set().union(*(word_forms(m) for m in trigger.requires_modifier))
                for form in forms:
                    self.gated.setdefault(form, set()).update(objects)
            else:
                self.event_words |= {f for f in forms if len(WORD.findall(f)) == 1}
                phrases |= {f for f in forms if len(WORD.findall(f)) > 1}
        self.event_phrases = PhraseSet(phrases, lower=True)  # 'self-serving': two words

    def select(self, text: str) -> list[Range]:
        """Character ranges of ``text`` to parse, in order; [] when nothing is relevant."""
        if not self.may_be_relevant(text):
            return []
        sentences = split_sentences(text)
        candidates = [i for i, span in enumerate(sentences) if self.is_candidate(text, span)]
        if not candidates:
            return []
        keep = {0}
        for i in candidates:
            keep.update(range(max(0, i - self.context), i + self.context + 1))
        return merge_neighbours(sentences, sorted(k for k in keep if k < len(sentences)))

    def may_be_relevant(self, text: str) -> bool:
        """Whole-text prefilter: an actor or a weapon is named somewhere."""
        return not (
            self.actors.keys.isdisjoint(WORD.findall(text))
            and self.weapons.keys.isdisjoint(WORD.findall(text.lower()))
        )

    def is_candidate(self, text: str, span: Range) -> bool:
        sentence = text[span[0] : span[1]]
        lower = WORD.findall(sentence.lower())
        transfer_word = not self.item_words.isdisjoint(lower)
        weapon = self.weapons.found_in(lower) or (
            transfer_word and self.named_in_context.found_in(lower)
        )
        if self.actors.found_in(WORD.findall(sentence)):
            return weapon or self.event_word_in(lower) or self.gated_in(lower)
        if sentence.startswith(LIST_MARKERS):
            return weapon
        if self.referring.found_in(lower):  # 'the two countries widened cooperation'
            return (
                self.event_word_in(lower)
                or self.gated_in(lower)
                or (weapon and not self.item_words.isdisjoint(lower))
            )
        return weapon and not self.item_words.isdisjoint(lower)

    def event_word_in(self, lower: list[str]) -> bool:
        """A word of an event that needs nothing else ('condemn', 'summit', 'self-serving')."""
        return not self.event_words.isdisjoint(lower) or self.event_phrases.found_in(lower)

    def gated_in(self, lower: list[str]) -> bool:
        return any(not self.gated[w].isdisjoint(lower) for w in self.gated.keys() & set(lower))


def merge_neighbours(sentences: list[Range], indices: list[int]) -> list[Range]:
    """Ranges of the chosen sentences; consecutive sentences make one range."""
    ranges: list[Range] = []
    previous = -2
    for i in indices:
        start, end = sentences[i]
        if i == previous + 1:
            start = ranges.pop()[0]
        ranges.append((start, end))
        previous = i
    return ranges


def blank_doc(vocab: Vocab, length: int) -> Doc:
    """``length`` characters of whitespace, in tokens of at most BLANK_CHUNK."""
    full, rest = divmod(length, BLANK_CHUNK)
    words = [" " * BLANK_CHUNK] * full + ([" " * rest] if rest else [])
    return Doc(vocab, words=words, spaces=[False] * len(words))


def partial_doc(nlp: Language, text: str, ranges: list[Range]) -> Doc:
    """A Doc as long as ``text``: its tokens inside ``ranges``, whitespace elsewhere.

    Each piece starts a sentence, so no sentence mixes quoted text with whitespace
    standing in for text; ``doc.text[start:end] == text[start:end]`` inside ``ranges``.
    """
    bounds = [0, *(offset for span in ranges for offset in span), len(text)]
    gaps = list(zip(bounds[::2], bounds[1::2], strict=True))
    if all(not text[a:b].strip() for a, b in gaps):
        return nlp.make_doc(text)
    pieces: list[tuple[Doc, bool]] = []
    for (gap_start, gap_end), (start, end) in zip(gaps, [*ranges, (0, 0)], strict=True):
        if gap_end > gap_start:
            pieces.append((blank_doc(nlp.vocab, gap_end - gap_start), True))
        if end > start:
            pieces.append((nlp.make_doc(text[start:end]), False))
    doc = Doc.from_docs([piece for piece, _ in pieces], ensure_whitespace=False, attrs=["NORM"])
    mark_sentences(doc, pieces)
    return doc


def mark_sentences(doc: Doc, pieces: list[tuple[Doc, bool]]) -> None:
    """Every piece starts a sentence; a blank piece is one sentence of its own."""
    offset = 0
    for piece, blank in pieces:
        doc[offset].is_sent_start = True
        for i in range(offset + 1, offset + len(piece)) if blank else ():
            doc[i].is_sent_start = False
        offset += len(piece)
