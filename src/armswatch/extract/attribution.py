"""Who says so: the sources a claim is attributed to, the primary (speaking) source first.

Each construction is a named method with its example (the headline's and the lead's are
functions in extract/headline.py):

- ``speech_cue``: 'X said (that) … trigger …', a trailing '…, officials told Reuters',
  'X said in a statement', 'X reported, citing Y' (Y speaks, X carried it);
- ``report_noun_cue``: 'an assessment by X concluded that …', 'X's report that …';
- ``according_to_cue``: 'according to X', 'according to reports by X';
- ``headline_colon_cue``: a headline 'X: claim' ('Estonian intelligence: Belarus sent …');
- ``lead_cue`` / headline cue: the headline and the lead are one main statement, so a
  claim in one without a cue takes the other's ('Qatar orders tanks' + 'the ministry
  says Qatar has signed …');
- ``conclusion_cue``: attribution in the next sentence ('That is the conclusion of a
  report by X', 'This was reported by X');
- ``named_cue_after``: an unnamed cue ('according to reports in local media') named in
  the next sentence ('Citing a forum, Morocco World News said …').

An unnamed cue ('the report said') falls back to the last named source (anaphora).
"""

from __future__ import annotations

from spacy.tokens import Span, Token

from armswatch.extract.cues import Cue, is_media, to_actor
from armswatch.extract.headline import (
    dateline,
    follows_headline,
    headline_colon_cue,
    headline_cue,
    is_headline,
    lead_cue,
    next_sentence,
)
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import (
    agent_of,
    conjuncts,
    governors,
    inherited_subject,
    is_passive,
    unique_by_id,
)
from armswatch.kb.schema import Lexicon
from armswatch.model import Attribution
from armswatch.nlp.mentions import ActorMention

SUBJECTS = {"nsubj", "nsubjpass", "csubj", "expl"}
REPORTER_PREPS = {"by", "from", "of"}  # a report *by* X, an assessment *from* X, a study *of* X
DEMONSTRATIVES = {"that", "this", "these", "those", "such"}
PERSONAL_PRONOUNS = {"he", "she"}
PERSON_KINDS = {"leader", "official"}
CUE_REACH_BACK = 2  # sentences before an unnamed cue searched for its named sources
SPEAKER_REACH_BACK = 4  # sentences before 'it said' searched for who spoke last


def infinitive(verb: Token) -> bool:
    """'to announce' in 'X used the meeting to announce …' (its subject is X's)."""
    return verb.dep_ in {"xcomp", "advcl"} and any(
        c.dep_ == "aux" and c.lower_ == "to" for c in verb.children
    )


class AttributionReader:
    """Finds the attribution that governs a trigger, remembering the last one for anaphora."""

    def __init__(self, filler: RoleFiller, lexicon: Lexicon) -> None:
        self.filler = filler
        self.speech_verbs = set(lexicon.speech_verbs)
        self.report_nouns = set(lexicon.report_nouns)
        self.anonymous_heads = set(lexicon.anonymous_heads)
        self.media_nouns = frozenset(lexicon.media_nouns)  # 'a Moroccan news *website*'
        self.statement_venues = frozenset(lexicon.statement_venues)  # '*In a statement*, X …'
        self.descriptions = frozenset(lexicon.group_descriptions) | frozenset(
            lexicon.state_descriptions
        )
        self.last: Cue | None = None
        self.resolving_speaker = False

    def for_trigger(self, trigger: Token) -> list[Attribution]:
        sent = trigger.sent
        cue = self.cue_in(sent, trigger) or self.conclusion_cue(sent)
        if cue is None and is_headline(sent):
            cue = lead_cue(self, sent)
        if cue is None and follows_headline(sent):
            cue = headline_cue(self, sent)
        if cue is None:
            return []
        if not cue.sources:
            named = self.last or self.named_cue_after(sent)
            if named is None:  # 'US officials said …' + 'It was, the officials said, …'
                named = self.named_cue_before(sent)
            if named is None and follows_headline(sent):  # 'the assessment says'
                named = headline_cue(self, sent)
            if named is not None:
                cue = Cue(cue.phrase, named.sources, cue.anonymous, cue.via or named.via)
        if cue.sources:
            self.last = cue
        return self.to_attributions(cue)

    def cue_in(self, sent: Span, trigger: Token | None = None) -> Cue | None:
        """The cue of one sentence (for ``trigger`` when given, else its main verb's)."""
        cue = self.speech_cue(trigger) if trigger is not None else self.root_cue(sent)
        return cue or self.according_to_cue(sent) or headline_colon_cue(self, sent)

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

    # -- constructions ---------------------------------------------------------------
    def speech_cue(self, trigger: Token) -> Cue | None:
        """'X said (that) … trigger …', or a trailing '…, officials told Reuters'."""
        for gov in governors(trigger, max_hops=6):
            cue = (
                self.speech_verb_cue(gov)
                or self.report_noun_cue(gov)
                or self.report_noun_cue(copular_report(gov, self.report_nouns))
            )
            if cue is not None:
                return cue
        return self.root_cue(trigger.sent, exclude=trigger) or self.trailing_cue(trigger)

    def root_cue(self, sent: Span, exclude: Token | None = None) -> Cue | None:
        """A speech verb at the top of the sentence: 'X said …', '…, X told reporters', or
        a parenthetical one wherever the parser hung it: 'Germany and other countries,
        *the report said*, have for decades …' (under the auxiliary)."""
        root = sent.root
        asides = [t for t in sent if t.dep_ == "parataxis" and t.head.dep_ in {"aux", "auxpass"}]
        for child in [root, *root.children, *asides]:
            if (
                child.dep_ in {"ROOT", "parataxis", "ccomp", "advcl", "conj"}
                and child is not exclude
            ):
                cue = self.speech_verb_cue(child)
                if cue is not None:
                    return cue
        return None

    def trailing_cue(self, trigger: Token) -> Cue | None:
        """A speech verb closing the sentence after the claim, however it was parsed:
        '…, the Russian state news agency TASS reported.' The words of a 'citing …' phrase
        describe the cited source and are passed over: '…, the AP reported, citing
        officials who were not named.'"""
        sent = trigger.sent
        verbs = [t for t in sent if t.pos_ == "VERB" and t.i > trigger.i and not in_citation(t)]
        if not verbs or verbs[-1].lemma_.lower() not in self.speech_verbs:
            return None
        verb = verbs[-1]
        if any(c.dep_ in {"ccomp", "dobj", "xcomp"} for c in verb.children):
            return None
        speaker = self.subject(verb)
        if speaker is None or not self.speaker_mentions(speaker):
            return None
        return self.cue_for(speaker, verb)

    def report_noun_cue(self, noun: Token | None) -> Cue | None:
        """'a U.S. intelligence report that …', 'an assessment by X that …', 'Bailey set
        out evidence that …'."""
        if noun is None:
            return None
        if noun.pos_ not in {"NOUN", "PROPN"} or noun.lemma_.lower() not in self.report_nouns:
            return None
        if self.filler.actors_at(noun) or self.reporter_of(noun) is not None:
            return self.cue_for(noun, None)
        verb = noun.head
        if noun.dep_ in {"dobj", "nsubjpass"} and verb.pos_ == "VERB":
            speaker = self.subject(verb)
            if speaker is not None and self.filler.actors_at(speaker):
                return self.cue_for(speaker, verb)
        return None

    def speech_verb_cue(self, verb: Token) -> Cue | None:
        """'X said', 'X told Y', 'it was reported by X' (not a bare 'it'/'they'); any verb
        whose subject speaks in a statement: 'In a statement, the commander *praised* …'."""
        if verb.pos_ != "VERB" or not (
            verb.lemma_.lower() in self.speech_verbs or self.in_statement(verb)
        ):
            return None
        speaker = agent_of(verb) if is_passive(verb) else self.subject(verb)
        if speaker is None and infinitive(verb):  # 'X used a meeting to announce …'
            speaker = inherited_subject(verb)
        if speaker is None or not self.speaker_mentions(speaker):
            speaker = self.adjacent_speaker(verb) or speaker
        if speaker is None:
            return None
        if self.refers_back(speaker):
            return self.continued_speaker(speaker, verb)
        if speaker.lower_ in {"it", "they"} and not self.filler.actors_at(speaker):
            return None
        return self.cue_for(speaker, verb)

    def refers_back(self, speaker: Token) -> bool:
        """A speaker named by a pronoun or a definite description: 'it said', 'the group
        said'."""
        if speaker.lower_ in {"it", "they"}:
            return True
        return (
            speaker.lemma_.lower() in self.descriptions
            and any(c.dep_ == "det" and c.lower_ == "the" for c in speaker.children)
            and not any(t.pos_ == "PROPN" for t in speaker.subtree)
        )

    def continued_speaker(self, speaker: Token, verb: Token) -> Cue | None:
        """'Amnesty explained …' + 'The group said it had identified …' + 'Citing figures
        compiled by X, *it said* …': a speaker referred back to is the one who spoke last,
        named in one of the sentences before, rather than the nearest actor the pronoun
        could name (the group the report is about). With no named speaker before, the
        pronoun resolves as any other."""
        if self.resolving_speaker:
            return None
        self.resolving_speaker = True
        try:
            earlier = self.named_speaker_before(verb.sent)
        finally:
            self.resolving_speaker = False
        if earlier is None:
            if speaker.lower_ in {"it", "they"} and not self.filler.actors_at(speaker):
                return None
            return self.cue_for(speaker, verb)
        own = self.cue_for(speaker, verb)
        cited = self.cited(verb, verb.sent)
        sources = earlier.sources + (self.filler.actors_at(cited) if cited is not None else [])
        return Cue(own.phrase, unique_by_id(sources), earlier.anonymous, own.via or earlier.via)

    def named_speaker_before(self, sent: Span) -> Cue | None:
        """The latest cue naming its speaker in the ``SPEAKER_REACH_BACK`` sentences before
        ``sent``."""
        doc = sent.doc
        for _ in range(SPEAKER_REACH_BACK):
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            cue = self.root_cue(sent)
            if cue is not None and cue.sources:
                return cue
        return None

    def in_statement(self, verb: Token) -> bool:
        """'*In a statement*, X praised …', 'X wrote *in a post on X* that …'."""
        return any(
            prep.dep_ == "prep"
            and prep.lower_ == "in"
            and any(
                o.dep_ == "pobj" and o.lemma_.lower() in self.statement_venues
                for o in prep.children
            )
            for prep in verb.children
        )

    def subject(self, verb: Token) -> Token | None:
        """The verb's subject; of two ('BERLIN -- the ministry says'), the one naming an
        actor, never a dateline."""
        subjects = [c for c in verb.children if c.dep_ in SUBJECTS]
        named = [s for s in subjects if self.filler.actors_at(s) or self.reporter_of(s)]
        plain = [s for s in subjects if not dateline(s)]
        chosen = named or plain
        return chosen[0] if chosen else None

    def according_to_cue(self, sent: Span) -> Cue | None:
        """'according to X', 'according to a report by X'."""
        for token in sent:
            if token.lower_ == "according":
                for prep in token.children:
                    if prep.lower_ == "to":
                        for pobj in prep.children:
                            if pobj.dep_ == "pobj":
                                return self.cue_for(pobj, None, start=token)
        return None

    def conclusion_cue(self, sent: Span) -> Cue | None:
        """Attribution in the next sentence that points back with a demonstrative: 'That is
        the conclusion of a report by X', 'This was confirmed by X'."""
        after = next_sentence(sent)
        if after is None:
            return None
        first = next((t for t in after if not t.is_space and not t.is_punct), None)
        if first is None or first.lower_ not in DEMONSTRATIVES or first.dep_ not in SUBJECTS:
            return None
        cue = self.cue_in(after) or self.report_in(after)
        return cue if cue is not None and cue.sources else None

    def report_in(self, sent: Span) -> Cue | None:
        """The first report noun of a sentence that names its reporter."""
        for token in sent:
            cue = self.report_noun_cue(token)
            if cue is not None and cue.sources:
                return cue
        return None

    def named_cue_before(self, sent: Span) -> Cue | None:
        """An unnamed cue ('the officials said') names its sources in one of the two
        sentences before: 'US officials and Western diplomats said …' + 'Few details were
        disclosed.' + 'It was, the officials said, …'."""
        doc = sent.doc
        for _ in range(CUE_REACH_BACK):
            if sent.start == 0:
                return None
            sent = doc[sent.start - 1].sent
            cue = self.root_cue(sent) or self.according_to_cue(sent)
            if cue is not None and cue.sources:
                return cue
        return None

    def named_cue_after(self, sent: Span) -> Cue | None:
        """An unnamed cue is named in the next sentence: 'according to reports in local
        media.' + 'Citing a forum, Morocco World News said …'."""
        after = next_sentence(sent)
        if after is None:
            return None
        cue = self.cue_in(after) or self.report_in(after)
        return cue if cue is not None and cue.sources else None

    # -- the sources of a cue ------------------------------------------------------
    def reporter_of(self, noun: Token) -> Token | None:
        """'a report *by* X', 'an assessment *from* X': the reporter token, if named."""
        if noun.lemma_.lower() not in self.report_nouns:
            return None
        for child in noun.children:
            if child.dep_ in {"prep", "agent"} and child.lower_ in REPORTER_PREPS:
                for pobj in child.children:
                    if pobj.dep_ == "pobj" and self.filler.actors_at(pobj, deep=True):
                        return pobj
        return None

    def cue_for(self, speaker: Token, verb: Token | None, start: Token | None = None) -> Cue:
        doc = speaker.doc
        subtree = list(speaker.subtree)
        first = start.i if start is not None else subtree[0].i
        phrase = doc[first : subtree[-1].i + 1]
        cited = self.cited(verb, speaker.sent)
        reporter = self.reporter_of(speaker)
        speakers = (
            [] if self.unresolved_person(speaker) else self.speaker_mentions(reporter or speaker)
        )
        medias = [m for m in self.mentions_in(phrase, verb) if is_media(m)]
        via = medias[0].actor.name if medias else None
        sources = [m for m in speakers if not is_media(m)]
        carriers = [m for m in speakers if is_media(m)]
        if cited is not None:
            cited_sources = self.filler.actors_at(cited)  # not deep: 'citing a forum about X'
            if cited_sources:  # 'X reported, citing Y': Y speaks, X carried it
                sources, carriers = cited_sources, carriers or sources
        if not sources and not carriers and medias:  # 'a source told Reuters'
            carriers = medias[:1]
        anonymous = speaker.lemma_.lower() in self.anonymous_heads and not self.named(phrase)
        if cited is not None and cited.lemma_.lower() in self.anonymous_heads:
            anonymous = not self.named(doc[cited.left_edge.i : cited.right_edge.i + 1])
        return Cue(phrase, unique_by_id([*sources, *carriers]), anonymous, via)

    def unresolved_person(self, speaker: Token) -> bool:
        """'In a statement, the fleet's commander, Admiral X, praised …' + '…, he said, …':
        'he' resolves to no known person, and the nearest person named before it speaks
        in the last cue → the sources are that cue's (anaphora, ``for_trigger``), not the
        state or group named nearest."""
        if speaker.lower_ not in PERSONAL_PRONOUNS or self.last is None:
            return False
        if any(m.kind in PERSON_KINDS for m in self.filler.actors_at(speaker)):
            return False
        phrase = self.last.phrase
        people = [e for e in speaker.doc.ents if e.label_ == "PERSON" and e.end <= speaker.i]
        return bool(people) and phrase.start <= people[-1].start < phrase.end

    def adjacent_speaker(self, verb: Token) -> Token | None:
        """The name right before a closing speech verb, however it was parsed: '…,
        Turkish Aerospace Industries (TUSAS) said in a statement' (brackets skipped); the
        report whose participle it is the agent of: 'a UN report seen by *Reuters* said'
        is the UN's report (Reuters carried it)."""
        i = verb.i - 1
        while i >= verb.sent.start and verb.doc[i].text in {"(", ")"}:
            i -= 1
        if i < verb.sent.start or i not in self.filler.index.actors:
            return None
        name = verb.doc[i]
        participle = name.head.head if name.head.dep_ == "agent" else None
        if (
            participle is not None
            and participle.dep_ == "acl"
            and participle.head.lemma_.lower() in self.report_nouns
        ):
            return participle.head  # 'a UN report *seen by Reuters* said': the report
        return name

    def speaker_mentions(self, speaker: Token) -> list[ActorMention]:
        """Who a speaker phrase names: the outlet itself ('the Russian news agency TASS'
        is TASS, not Russia), else the actors of the phrase."""
        index = self.filler.index.actors
        if speaker.i in index and is_media(index[speaker.i]):
            return [index[speaker.i]]
        if any(t.lemma_.lower() in self.media_nouns for t in conjuncts(speaker)):
            # an outlet: 'a Moroccan news website', 'Echorouk, an Algerian news website,'
            outlets = [index[t.i] for t in speaker.subtree if t.i in index]
            return [m for m in outlets if is_media(m)][:1]
        sources = self.filler.actors_at(speaker)
        if not sources:
            sources = self.filler.actors_at(speaker, deep=True)
        outlets = [m for m in sources if is_media(m)]
        return outlets[:1] if outlets and outlets[0].span.root is speaker else sources

    @staticmethod
    def cited(verb: Token | None, sent: Span) -> Token | None:
        """'The AP reported, citing American officials, that …' → the officials (the
        'citing' clause may hang on the verb or on the reported clause)."""
        if verb is None:
            return None
        candidates = [c for c in verb.children if c.lemma_.lower() == "cite"]
        candidates += [
            t for t in sent if t.lemma_.lower() == "cite" and t.dep_ in {"advcl", "xcomp"}
        ]
        for cite in candidates:
            if cite.dep_ in {"advcl", "xcomp", "conj"}:
                obj = next((c for c in cite.children if c.dep_ == "dobj"), None)
                if obj is not None:
                    return obj
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


def in_citation(token: Token) -> bool:
    """Whether ``token`` is 'citing' or inside its phrase ('citing officials who were not
    named')."""
    return any(t.lemma_.lower() == "cite" for t in (token, *token.ancestors))


def copular_report(verb: Token, report_nouns: set[str]) -> Token | None:
    """The report noun a clause is predicated of: 'Britain's *announcement* in December was
    that the minehunters would be transferred', 'The *conclusion* is that …'."""
    if verb.lemma_ != "be" or not any(c.dep_ == "ccomp" for c in verb.children):
        return None
    return next(
        (
            c
            for c in verb.children
            if c.dep_ in {"nsubj", "nsubjpass"} and c.lemma_.lower() in report_nouns
        ),
        None,
    )
