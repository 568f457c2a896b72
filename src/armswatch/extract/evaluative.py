"""Criticism without a condemnation verb: evaluative language aimed at an actor's act.

A speaker who calls what an actor did "a flagrant violation", "a cynical evasion",
"unconscionable", "destabilising" or "an illegal invasion", or says it "poses a threat",
criticises that actor: a ``condemnation`` from the speaker to the actor. The cues are
data: triggers of ``kb/data/triggers.yaml`` with ``type: condemnation`` and ``subtype:
evaluative``. Their ``frame`` names the slots, read on the *criticised act*, that hold the
criticised actor (``poss``: "Russia's invasion", ``mod``: "Russian aggression", ``prep:by``,
``subj`` for a verb: "X poses a threat"), and may name a slot for the one who criticises
(``subj`` of "is appalled by").

``FrameFinder`` already builds the frames whose both roles sit in the trigger's own slots
("Sweden is appalled by …"). This module adds the ones it cannot:

- ``evaluated_act``: which word names the act an evaluation is about: the noun an
  adjective modifies ("an *illegal* invasion"), the verb an adverb modifies ("X
  *cynically* eroded the peace": X), the subject of a predicate ("X's supply … is
  *unconscionable*", "these shipments are a *cynical evasion*"), else the cue;
- ``criticised``: the actors of that act, else those of the thing a speaker "said of"
  ('…,' the ambassador said *of Belarus's deliveries*);
- ``evaluator``: the actor in the cue's source slot, unless it is "we" in a quote; else
  the one who names the act so ("X *called* the deal provocative", "the *charge by X*
  that Y flouts the ban": ``evaluation_holders``); else the speaker the sentence is
  attributed to; else the publisher, when the publisher is a
  state, government or organisation speaking in its own voice. A journalist's own words
  ("Russia's illegal invasion" in a news report) are no one's condemnation;
- ``is_guarded``: no criticism under a negation ("is not a violation"), a wish or hope
  ("hopes X will stop"), a condition or a modal ("would be a violation");
- ``is_topic``: none in the topic of a report or debate ("reports on X's violations":
  the report may criticise, but the sentence only names what it is about).

Examples (see tests/extract/test_criticism.py):

- "Norway is appalled by Syria's barrel-bomb attacks" → NOR → SYR (FrameFinder);
- "'This is a blatant breach of the ceasefire,' the Malian foreign minister said of
  Algeria's drone strikes" → MLI → DZA;
- "Laos's transfer of rifles to the junta is unconscionable, Thailand said" → THA → LAO;
- "Peru hopes Chile's new rules will not be a violation of the treaty" → nothing.
"""

from __future__ import annotations

from datetime import date

from spacy.tokens import Doc, Token

from armswatch.extract import slots
from armswatch.extract.attribution import AttributionReader
from armswatch.extract.cues import Cue
from armswatch.extract.frame_guards import form_matches
from armswatch.extract.frames import Frame, FrameFinder
from armswatch.extract.modality import ModalityReader
from armswatch.extract.pairing import is_definite
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import MentionIndex, governors, sentences_back, subject_of, unique
from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry, Trigger
from armswatch.model import SYMMETRIC_TYPES
from armswatch.nlp.mentions import ActorMention

EVALUATIVE = "evaluative"
FIRST_PERSON = {"we", "our", "us", "i", "my", "me"}
OWN_VOICE_KINDS = {"state", "government", "igo", "leader", "official", "military"}
WISH_VERBS = {"hope", "wish", "want", "pray", "expect", "urge", "ask"}
"""Governors under which an evaluation is a wish or a request, not a judgement."""
IRREALIS = {"would", "could", "might", "may", "if", "whether", "unless"}
"""Modals and conditions that make an evaluation hypothetical ('would be a violation')."""
NAMING_VERBS = {"call", "describe", "brand", "term", "label", "dub", "denounce", "condemn"}
"""Verbs whose subject is the one who evaluates their object: 'X called it *provocative*'."""
ACCUSATION_NOUNS = {"charge", "accusation", "allegation", "claim", "assertion"}
"""Nouns whose holder ('the charge *by X* that …', '*X's* accusation that …') evaluates."""
TOPIC_PREPS = {"on", "about", "into", "regarding", "concerning"}
TOPIC_NOUNS = {"report", "study", "inquiry", "investigation", "hearing", "debate", "discussion"}
"""Nouns whose 'on/about' phrase is a topic, not a judgement ('reports on X's violations')."""
COPULAS = {"be", "remain", "seem", "appear", "become", "constitute", "represent"}
SPOKEN_OF = ("of", "about")
CUE_POS = {"VERB", "NOUN", "ADJ", "PROPN", "ADV"}
SPEECH_DEPS = {"ROOT", "parataxis", "ccomp", "advcl", "conj"}
"""Where the speech verbs of a sentence sit: '*said*', '…, he *said*, …'."""
"""'…,' X said *of* Y's deliveries: what a quoted evaluation is about."""


class EvaluationFinder:
    """Finds condemnations that a speaker expresses by evaluating an actor's act."""

    def __init__(self, kb: KnowledgeBase, frames: FrameFinder) -> None:
        self.frames = frames
        self.lexicon = kb.triggers.lexicon
        self.topic_heads = set(self.lexicon.report_nouns) | TOPIC_NOUNS
        self.cues: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in kb.triggers.triggers:
            if trigger.type == "condemnation" and trigger.subtype == EVALUATIVE:
                for pos in trigger.pos:
                    self.cues.setdefault((trigger.lemma, pos), []).append(trigger)

    def find(
        self,
        doc: Doc,
        found: list[Frame],
        published: date | None,
        publisher: ActorEntry | None = None,
    ) -> list[Frame]:
        """Condemnation frames of the evaluative cues in ``doc`` that ``found`` (the
        frames FrameFinder made) does not already hold."""
        framed = {f.trigger.i for f in found if f.spec.type == "condemnation"}
        filler = RoleFiller.of_lexicon(
            MentionIndex.of(doc), self.lexicon, self.frames.entries, publisher
        )
        filler.doc = doc
        attribution = AttributionReader(filler, self.lexicon)
        modality = ModalityReader(self.lexicon)
        out: list[Frame] = []
        for token in doc:
            if token.i in framed or token.pos_ not in CUE_POS:
                continue
            for spec in self.cues.get((token.lemma_.lower(), token.pos_), []):
                guarded = is_guarded(token) or is_topic(token, self.topic_heads)
                if not form_matches(token, spec, self.frames.lexicon) or guarded:
                    continue
                frame = self.frame_for(token, spec, filler, attribution, publisher, found)
                if frame is None:
                    continue
                objects = [c for c in token.children if c.dep_ in {"dobj", "attr"}]
                mod = modality.read(token, spec.status, objects)
                frame.status, frame.certainty = mod.status, mod.certainty
                if frame.certainty == "negated":  # not guarded: the negating word is the
                    frame.status, frame.certainty = "unknown", "asserted"  # act's ('a *veto*')
                frame.time = self.frames.time_of(token, published)
                frame.attribution = attribution.for_trigger(token)
                out.append(frame)
                framed.add(token.i)
                break
        return out

    def frame_for(
        self,
        token: Token,
        spec: Trigger,
        filler: RoleFiller,
        attribution: AttributionReader,
        publisher: ActorEntry | None,
        told: list[Frame],
    ) -> Frame | None:
        targets = self.criticised(token, spec, filler) or self.doers_referred_to(token, told)
        if not targets:
            return None
        sources = self.evaluator(token, spec, filler, attribution, publisher)
        target_keys = {t.key for t in targets}
        sources = [s for s in sources if s.key not in target_keys]
        if not sources:
            return None
        return Frame(
            trigger=token,
            spec=spec,
            sources=unique(sources),
            targets=targets,
            items=[],
            status="unknown",
            certainty="asserted",
            time=None,
            confidence=0.5,
        )

    def criticised(self, cue: Token, spec: Trigger, filler: RoleFiller) -> list[ActorMention]:
        """The actors whose act the cue evaluates (see the module docstring)."""
        target_slots = [slot for slot, role in spec.roles.items() if role == "target"]
        found: list[ActorMention] = []
        experiencer = "source" in spec.roles.values()  # 'X is appalled *by* Y's …'
        for act in [cue] if experiencer else evaluated_acts(cue):
            for slot in target_slots:
                for head in slots.fill(filler, act, slot):
                    found.extend(filler.actors_at(head, deep=spec.deep_target))
            if act.i in filler.index.actors:
                found.append(filler.index.actors[act.i])
            if found:
                break
        if not found:
            for pobj in spoken_of(cue):
                found.extend(filler.actors_at(pobj))
        return [a for a in unique(found) if a.actor.kind != "media"]

    def doers_referred_to(self, cue: Token, told: list[Frame]) -> list[ActorMention]:
        """'Peru hit Bolivia with sanctions over its arms sales to Ecuador. … *such sales*
        undermine …': a definite act with no actor of its own is the latest act of its
        kind told in this or the two sentences before; its doers are criticised."""
        acts = evaluated_acts(cue)
        if cue.pos_ == "VERB":  # '*such sales* undermine …'
            acts += [s for s in [subject_of(cue)] if s is not None]
        for act in acts:
            if act.pos_ != "NOUN" or not is_definite(act):
                continue
            kinds = {t.type for t in self.frames.triggers.get((act.lemma_.lower(), "NOUN"), [])}
            reach = sentences_back(act, 2)
            for frame in reversed(told):
                earlier = reach <= frame.trigger.i < act.i
                if earlier and frame.spec.type in kinds and frame.spec.type != "condemnation":
                    symmetric = frame.spec.type in SYMMETRIC_TYPES
                    return frame.sources + (frame.targets if symmetric else [])
        return []

    def evaluator(
        self,
        cue: Token,
        spec: Trigger,
        filler: RoleFiller,
        attribution: AttributionReader,
        publisher: ActorEntry | None,
    ) -> list[ActorMention]:
        """Who criticises: the cue's own source slot, else the speaker, else the
        publisher speaking in its own voice."""
        own: list[ActorMention] = []
        first_person = False
        for slot, role in spec.roles.items():
            if role != "source":
                continue
            for head in slots.fill(filler, cue, slot):
                first_person |= head.lower_ in FIRST_PERSON
                if head.lower_ not in FIRST_PERSON:
                    own.extend(filler.actors_at(head))
        own = [a for a in own if a.actor.kind != "media"]
        if own:
            return own
        holders = [a for h in evaluation_holders(cue) for a in filler.actors_at(h)]
        holders = [a for a in holders if a.actor.kind != "media"]
        if holders:
            return holders[:1]
        # 'UN experts said': the UN; a cue with no actor ('the raids *showed* that …')
        # leaves the sentence's own speaker ('…, he said, …')
        for speakers in [cue_speakers(attribution.cue_in(cue.sent, cue))] + [
            cue_speakers(attribution.speech_verb_cue(t)) for t in cue.sent if t.dep_ in SPEECH_DEPS
        ]:
            if speakers:
                return speakers[:1]
        unvoiced = first_person or "source" not in spec.roles.values()
        if publisher is not None and publisher.kind in OWN_VOICE_KINDS and unvoiced:
            span = cue.doc[cue.i : cue.i + 1]
            return [ActorMention(span, publisher, "name", publisher.kind)]
        return []


def cue_speakers(cue: Cue | None) -> list[ActorMention]:
    """The actors who speak in a cue (not an outlet)."""
    return [s for s in cue.sources if s.actor.kind != "media"] if cue is not None else []


def evaluated_acts(cue: Token) -> list[Token]:
    """Words naming what the cue evaluates, nearest first.

    'an *illegal* invasion' → invasion; 'X's supply is *unconscionable*' → supply;
    'these shipments are a cynical *evasion*' → evasion, then shipments; a verb ('X
    *poses* a threat') or a noun ('Y's *violation*') → itself.
    """
    acts: list[Token] = []
    if cue.pos_ == "ADV":  # 'X *cynically* eroded the peace' → eroded (its subject acts)
        return [cue.head] if cue.dep_ == "advmod" and cue.head.pos_ == "VERB" else []
    if cue.pos_ == "ADJ" and cue.head.lower_ == "as" and cue.head.dep_ == "prep":
        verb = cue.head.head  # 'described X's moves *as reckless*' → moves
        return [c for c in verb.children if c.dep_ == "dobj"]
    naming = naming_governor(cue) if cue.pos_ == "ADJ" and cue.i > cue.head.i else None
    if naming is not None and cue.dep_ == "amod":
        # 'calling X's move to activate the mechanism *"irresponsible"*': an adjective after
        # its noun is the naming verb's predicate, misread as a modifier: its object is named
        return [c for c in naming.children if c.dep_ in {"dobj", "oprd"} and c.pos_ == "NOUN"]
    if cue.pos_ == "ADJ" and cue.dep_ in {"amod", "compound"}:
        acts.append(cue.head)
        cue = cue.head
    elif cue.pos_ == "ADJ" and cue.dep_ in {"acomp", "oprd", "attr", "ccomp", "xcomp"}:
        verb = cue.head  # 'X is *reckless*' → X; 'Y called X's move *reckless*' → move
        objects = [
            c for c in verb.children
            if c.dep_ in {"dobj", "oprd"} and c.pos_ in {"NOUN", "PROPN"} and c is not cue
        ]  # fmt: skip
        if verb.lemma_.lower() not in COPULAS and objects:
            return objects
        subject = subject_of(verb)
        if subject is not None:
            acts.append(subject)
        return acts
    elif cue.pos_ == "ADJ" and (naming := naming_governor(cue)) is not None:
        # 'called X's blockade of the port *unconscionable*', the adjective misread as
        # the end of the object phrase: what is named so is the naming verb's object
        return [c for c in naming.children if c.dep_ in {"dobj", "oprd"} and c.pos_ == "NOUN"]
    else:
        acts.append(cue)
    if cue.dep_ in {"attr", "oprd", "dobj"} and cue.head.lemma_.lower() in COPULAS:
        subject = subject_of(cue.head)  # 'these shipments are an evasion'
        if subject is not None:
            acts.append(subject)
    return acts


def naming_governor(cue: Token) -> Token | None:
    """The naming verb ('call', 'brand') whose object phrase a predicate adjective was
    misread into; None when the adjective sits in a clause of its own."""
    for gov in governors(cue, max_hops=6):
        if gov.pos_ == "VERB" and gov.lemma_.lower() in NAMING_VERBS:
            return gov
        if gov.pos_ == "VERB" and gov.dep_ not in {"acl", "relcl"}:
            return None  # a clause of its own ('X's move *to activate* …' is in the object)
    return None


def spoken_of(cue: Token) -> list[Token]:
    """'"…cue…," Canada's ambassador said *of Belarus's deliveries*' → deliveries."""
    found: list[Token] = []
    for gov in [cue, *governors(cue, max_hops=6)]:
        for child in gov.children:
            if child.dep_ == "prep" and child.lower_ in SPOKEN_OF and gov.pos_ == "VERB":
                found.extend(c for c in child.children if c.dep_ == "pobj")
        if gov.dep_ == "ccomp" and gov.head.pos_ == "VERB":
            head = gov.head
            for child in head.children:
                if child.dep_ == "prep" and child.lower_ in SPOKEN_OF:
                    found.extend(c for c in child.children if c.dep_ == "pobj")
    return found


def is_guarded(cue: Token) -> bool:
    """Whether the evaluation is negated, wished for, requested or hypothetical.

    'is *not* a violation', 'does *not* pose a threat', 'Chile *hopes* … will not be a
    breach', '*if* … it *would* be a violation' → True; 'is a flagrant violation' → False.
    """
    chain = [cue, *governors(cue, max_hops=4)]
    if cue.dep_ in {"amod", "compound"}:
        chain.insert(1, cue.head)
    for token in chain:
        for child in token.children:
            if child.dep_ == "neg":
                return True
            if child.dep_ in {"aux", "mark"} and child.lower_ in IRREALIS:
                return True
        if token is not cue and token.lemma_.lower() in WISH_VERBS:
            return True
    return False


def is_topic(cue: Token, heads: set[str]) -> bool:
    """Whether the evaluated phrase is the topic of a report, study or debate.

    'reports *on* North Korea's violations' → True; 'a flagrant violation, the
    minister said' → False.
    """
    token = cue.head if cue.dep_ in {"amod", "compound"} else cue
    topical = False  # 'reports of global relevance *on* X's violations' climbs twice
    for _ in range(4):
        if token.dep_ != "pobj":
            return False
        prep = token.head
        topical |= prep.lower_ in TOPIC_PREPS
        if topical and prep.head.lemma_.lower() in heads:
            return True
        token = prep.head
    return False


def evaluation_holders(cue: Token) -> list[Token]:
    """Who holds the evaluation when no speech verb does.

    'Baku *called* it proof of France's provocative actions' → Baku; 'the *charge by*
    Riyadh that Tehran flouts the ban' / '*Riyadh's* accusation that …' → Riyadh.
    """
    for gov in governors(cue, max_hops=6):
        lemma = gov.lemma_.lower()
        if gov.pos_ == "VERB" and lemma in NAMING_VERBS:
            subject = subject_of(gov)
            if subject is None and gov.dep_ == "acl" and gov.tag_ == "VBD":
                subject = gov.head  # 'X's minister called …' misread as a reduced relative
            if subject is not None:
                return [subject]
        if gov.pos_ == "NOUN" and lemma in ACCUSATION_NOUNS:
            found = [c for c in gov.children if c.dep_ == "poss"]
            found += [
                p for c in gov.children if c.dep_ == "prep" and c.lower_ == "by"
                for p in c.children if p.dep_ == "pobj"
            ]  # fmt: skip
            if found:
                return found
    return []
