"""Who says so: 'according to …', '… said', 'told Reuters', reports, anonymous officials."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span, Token

from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import agent_of, governors, is_passive, subject_of
from armswatch.kb.schema import Lexicon
from armswatch.model import Actor, Attribution
from armswatch.nlp.mentions import ActorMention


def to_actor(mention: ActorMention) -> Actor:
    """The contract's Actor for a mention, quoting the mention's words."""
    return Actor(
        id=mention.actor.id,
        name=mention.span.text,
        country=mention.actor.country,
        kind=mention.kind,
        start=mention.span.start_char,
        end=mention.span.end_char,
    )


@dataclass
class Cue:
    """A place in the text that attributes a claim."""

    phrase: Span
    sources: list[ActorMention]
    anonymous: bool
    via: str | None


class AttributionReader:
    """Finds the attribution that governs a trigger, remembering the last one for anaphora."""

    def __init__(self, filler: RoleFiller, lexicon: Lexicon) -> None:
        self.filler = filler
        self.speech_verbs = set(lexicon.speech_verbs)
        self.report_nouns = set(lexicon.report_nouns)
        self.anonymous_heads = set(lexicon.anonymous_heads)
        self.last: Cue | None = None

    def for_trigger(self, trigger: Token) -> list[Attribution]:
        cue = self.speech_cue(trigger) or self.according_to_cue(trigger.sent)
        if cue is None:
            return []
        if not cue.sources and self.last is not None:
            cue = Cue(cue.phrase, self.last.sources, self.last.anonymous, cue.via or self.last.via)
        if cue.sources:
            self.last = cue
        return self.to_attributions(cue)

    def to_attributions(self, cue: Cue) -> list[Attribution]:
        common = {
            "anonymous": cue.anonymous,
            "via": cue.via,
            "text": cue.phrase.text,
            "start": cue.phrase.start_char,
            "end": cue.phrase.end_char,
        }
        if not cue.sources:
            return [Attribution(source=None, **common)]
        return [Attribution(source=to_actor(m), **common) for m in cue.sources]

    def speech_cue(self, trigger: Token) -> Cue | None:
        """'X said (that) … trigger …', or a trailing '…, officials told Reuters'."""
        for gov in governors(trigger, max_hops=6):
            cue = self.speech_verb_cue(gov) or self.report_noun_cue(gov)
            if cue is not None:
                return cue
        root = trigger.sent.root
        for child in [root, *root.children]:
            if (
                child.dep_ in {"ROOT", "parataxis", "ccomp", "advcl", "conj"}
                and child is not trigger
            ):
                cue = self.speech_verb_cue(child)
                if cue is not None:
                    return cue
        return None

    def report_noun_cue(self, noun: Token) -> Cue | None:
        """'Bailey set out evidence that …', 'a U.S. intelligence report that …'."""
        if noun.pos_ != "NOUN" or noun.lemma_.lower() not in self.report_nouns:
            return None
        if self.filler.actors_at(noun):
            return self.cue_for(noun, None)
        verb = noun.head
        if noun.dep_ in {"dobj", "nsubjpass"} and verb.pos_ == "VERB":
            speaker = subject_of(verb)
            if speaker is not None and self.filler.actors_at(speaker):
                return self.cue_for(speaker, verb)
        return None

    def speech_verb_cue(self, verb: Token) -> Cue | None:
        if verb.pos_ == "VERB" and verb.lemma_.lower() in self.speech_verbs:
            speaker = agent_of(verb) if is_passive(verb) else subject_of(verb)
            if (speaker is not None and speaker.lower_ not in {"it", "they"}) or (
                speaker is not None and self.filler.actors_at(speaker)
            ):
                return self.cue_for(speaker, verb)
        return None

    def according_to_cue(self, sent: Span) -> Cue | None:
        for token in sent:
            if token.lower_ == "according":
                for prep in token.children:
                    if prep.lower_ == "to":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                return self.cue_for(pobj, None, start=token)
        return None

    def cue_for(self, speaker: Token, verb: Token | None, start: Token | None = None) -> Cue:
        doc = speaker.doc
        subtree = list(speaker.subtree)
        first = start.i if start is not None else subtree[0].i
        phrase = doc[first : subtree[-1].i + 1]
        cited = self.cited(verb)
        if cited is not None:
            speaker = cited
        sources = self.filler.actors_at(speaker)
        if not sources:
            sources = self.filler.actors_at(speaker, deep=True)
        medias = [m for m in self.mentions_in(phrase, verb) if m.actor.kind == "media"]
        via = medias[0].actor.name if medias else None
        if not sources and medias:
            sources = medias[:1]
        anonymous = speaker.lemma_.lower() in self.anonymous_heads and not self.named(phrase)
        return Cue(
            phrase, [s for s in sources if s.actor.kind != "media"] or sources, anonymous, via
        )

    @staticmethod
    def cited(verb: Token | None) -> Token | None:
        """'The AP reported, citing American officials' → the officials are the source."""
        if verb is None:
            return None
        for child in verb.children:
            if child.lemma_.lower() == "cite" and child.dep_ in {"advcl", "xcomp", "conj"}:
                return next((c for c in child.children if c.dep_ == "dobj"), None)
        return None

    def mentions_in(self, phrase: Span, verb: Token | None) -> list[ActorMention]:
        tokens = {t.i for t in phrase}
        if verb is not None:
            tokens |= {
                t.i
                for c in verb.children
                if c.dep_ in {"dative", "dobj", "prep", "advcl"}
                for t in c.subtree
            }
        index = self.filler.index.actors
        return [index[i] for i in sorted(tokens) if i in index]

    @staticmethod
    def named(phrase: Span) -> bool:
        return any(t.ent_type_ == "PERSON" for t in phrase)
