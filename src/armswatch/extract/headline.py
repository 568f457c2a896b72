"""The article's headline and lead: where they are in the parsed text, and the cue they
lend each other (the headline and the lead are one main statement, so a claim in one is
attributed by a cue in the other)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Doc, Span, Token

from armswatch.extract.cues import Cue
from armswatch.extract.references import named_people
from armswatch.extract.syntax import unique_by_id

if TYPE_CHECKING:
    from armswatch.extract.attribution import AttributionReader

HEADLINE_END = {".", "!", "?", '"', "”", "'"}
HEADLINE_MAX = 60  # tokens: a first line longer than this is no headline
LEAD_SENTENCES = 2  # sentences after the headline in which its claim is attributed


def lead_cue(reader: AttributionReader, sent: Span) -> Cue | None:
    """A headline without a cue takes the first named cue of its lead, the next two
    sentences ('Qatar orders tanks' + 'Germany's defence ministry says Qatar has
    signed …')."""
    headline = headline_of(sent.doc)
    if headline is None or headline.end >= len(sent.doc):
        return None
    lead = sent.doc[headline.end].sent
    for _ in range(LEAD_SENTENCES):
        cue = reader.cue_in(lead)
        if cue is not None and cue.sources:
            return cue
        after = next_sentence(lead)
        if after is None:
            return None
        lead = after
    return None


def follows_headline(sent: Span) -> bool:
    """The lead: the first sentence after the headline."""
    headline = headline_of(sent.doc)
    if headline is None or sent.start < headline.end:
        return False
    return not any(not t.is_space for t in sent.doc[headline.end : sent.start])


def headline_cue(reader: AttributionReader, lead: Span) -> Cue | None:
    """A lead without a cue takes its headline's ('…, Dutch minister tells parliament')."""
    headline = headline_of(lead.doc)
    if headline is None:
        return None
    for sent in {t.sent.start: t.sent for t in headline}.values():
        cue = reader.cue_in(sent)
        if cue is not None and cue.sources:
            return cue
    return None


def headline_of(doc: Doc) -> Span | None:
    """The article's headline: its first line when that line has no final full stop
    ('Qatar orders Leopard tanks from Germany\\n'); it may hold several parsed sentences
    ('Ukrainian intelligence:' + 'Pyongyang has handed Moscow howitzers')."""
    for token in doc[:HEADLINE_MAX]:
        if "\n" in token.text or "\n" in token.whitespace_:
            end = token.i if token.is_space else token.i + 1
            words = [t for t in doc[:end] if not t.is_space]
            if not words or words[-1].text in HEADLINE_END:
                return None
            return doc[0:end]
    return None


def is_headline(sent: Span) -> bool:
    """Whether the sentence belongs to the article's headline."""
    headline = headline_of(sent.doc)
    return headline is not None and sent.start < headline.end


def next_sentence(sent: Span) -> Span | None:
    doc = sent.doc
    if sent.end >= len(doc):
        return None
    return doc[sent.end].sent


def dateline(token: Token) -> bool:
    """'BERLIN --', 'SEOUL, Feb. 7 (UPI) --': an upper-case place heading the lead."""
    return token.is_upper and len(token.text) > 2 and token.i < token.sent.start + 4


def headline_colon_cue(reader: AttributionReader, sent: Span) -> Cue | None:
    """A headline 'X: claim' names its source before the colon ('Ukrainian
    intelligence: Pyongyang has handed Moscow howitzers'); 'Report: …' names none."""
    headline = headline_of(sent.doc)
    if headline is None or sent.start >= headline.end:
        return None
    colon = next((t for t in headline if t.text == ":"), None)
    if colon is None or colon.i > 6:
        return None
    before = sent.doc[0 : colon.i]
    if any(t.pos_ in {"VERB", "AUX"} and t.dep_ == "ROOT" for t in before):
        return None
    index = reader.filler.index.actors
    found = [index[t.i] for t in before if t.i in index]
    people = [named_people(reader.filler).get(t.text) for t in before if t.ent_type_ == "PERSON"]
    sources = unique_by_id([*found, *[p for p in people if p is not None]])
    if not sources and not any(t.lemma_.lower() in reader.report_nouns for t in before):
        return None
    return Cue(before, sources, anonymous=False, via=None)
