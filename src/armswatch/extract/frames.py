"""Sentence-level event frames: a trigger word with its roles, items and modality."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from armswatch.extract import slots
from armswatch.extract.attribution import AttributionReader, to_actor
from armswatch.extract.items import is_excluded_item, items_of, subject_items
from armswatch.extract.modality import ModalityReader
from armswatch.extract.pairing import (
    accompanying_items,
    company_sells,
    gapped_pairs,
    inside_phrase_of,
    is_definite,
    item_nouns,
    partitive_head,
    split_by_designer,
)
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import (
    MentionIndex,
    agent_of,
    buried_conjuncts,
    gerunds_read_as_modifiers,
    governors,
    phrase_head,
    promote_gerund,
    promote_to_verb,
    sentences_back,
    subject_of,
    unbury_conjunct,
    unique,
    unique_by_key,
    verb_read_as_noun,
)
from armswatch.extract.timex import TimeReader
from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry, Trigger
from armswatch.model import GENERIC_CATEGORY, SYMMETRIC_TYPES, Attribution, Time
from armswatch.nlp.mentions import ActorMention, WeaponMention

TRIGGER_POS = {"VERB", "NOUN", "PROPN", "ADJ"}
LIST_MARKERS = {"→", "-", "•", "*", "–", "—", "·", "▪"}
OWN_VOICE_KINDS = {"leader", "official", "government"}
OBJECT_LIKE_DEPS = {"dobj", "nsubjpass", "ccomp", "xcomp"}  # xcomp/ccomp: 'hold X to account'
LISTING_REACH = 4  # sentences back a list of items may belong to a transfer


@dataclass
class Frame:
    """One trigger in one sentence with everything the text says about it."""

    trigger: Token
    spec: Trigger
    sources: list[ActorMention]
    targets: list[ActorMention]
    items: list[WeaponMention]
    status: str
    certainty: str
    time: Time | None
    attribution: list[Attribution] = field(default_factory=list)
    confidence: float = 0.6


def own_voice(frame: Frame, commitment_verbs: frozenset[str] = frozenset()) -> list[Attribution]:
    """An official or government that is the subject of its own announcement is its own
    source: 'Secretary of Defense Lloyd J. Austin III previewed a new package'. So is any
    supplier that is the subject of a verb of committing itself, since a pledge is said
    by the one who makes it: '*Belgium pledges* 30 jets to Ukraine' (lexicon
    ``commitment_verbs``)."""
    commits = frame.trigger.pos_ == "VERB" and frame.trigger.lemma_.lower() in commitment_verbs
    for mention in frame.sources + frame.targets:
        subject = mention.span.root.dep_ in {"nsubj", "nsubjpass"} or any(
            t.dep_ == "nsubj" for t in mention.span.root.ancestors if t.pos_ == "NOUN"
        )
        committed = commits and mention.span.root.dep_ == "nsubj" and mention in frame.sources
        if (mention.kind in OWN_VOICE_KINDS and subject) or committed:
            span = mention.span
            return [Attribution(source=to_actor(mention), text=span.text, start=span.start_char,
                                end=span.end_char)]  # fmt: skip
    return []


def doer_of_clause_before(verb: Token, filler: RoleFiller) -> list[ActorMention]:
    """Who did the act that '*the move*' refers to: the subject of the verb this one is
    coordinated with ('Laos closed the border, and Thailand condemned the move'), else
    of the previous sentence's main verb, or of the clause it reports ('Officials said
    *Chad* had shut its airspace'); the agent of a passive ('… was opened *by* Peru')."""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        clause: Token | None = verb.head
    elif verb.sent.start > 0:
        clause = verb.doc[verb.sent.start - 1].sent.root
    else:
        return []
    while clause is not None:
        for child in clause.children:
            if child.dep_ in {"nsubj", "agent"}:
                subject = (
                    child
                    if child.dep_ == "nsubj"
                    else next((c for c in child.children if c.dep_ == "pobj"), None)
                )
                found = filler.actors_at(subject) if subject is not None else []
                if found:
                    return found
        clause = next((c for c in clause.children if c.dep_ == "ccomp"), None)
    return []


def is_denial(frame: Frame) -> bool:
    """A negated claim made by one of the parties ('Iran says it has sold no …')."""
    if frame.certainty != "negated":
        return False
    parties = {a.key for a in frame.sources + frame.targets}
    return any(a.source and (a.source.country or a.source.id) in parties for a in frame.attribution)


def failed(token: Token) -> bool:
    """'X and Y *failed* to reach an agreement', 'failed to agree on a treaty'."""
    for governor in (token, *governors(token, max_hops=3)):
        if governor.lemma_.lower() == "fail":
            return True
    return False


class FrameFinder:
    """Finds frames in a parsed Doc that carries armswatch mentions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.lexicon = kb.triggers.lexicon
        self.triggers: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in kb.triggers.triggers:
            for pos in trigger.pos:
                self.triggers.setdefault((trigger.lemma, pos), []).append(trigger)
        self.organs: dict[str, str] = dict(self.lexicon.organs)
        self.transfer_verbs = {
            lemma
            for (lemma, pos), specs in self.triggers.items()
            if pos == "VERB" and any(s.type == "arms_transfer" for s in specs)
        }
        self.hyphenated = sorted({lemma for lemma, _ in self.triggers if "-" in lemma}, key=len)
        self.entries = {entry.id: entry for entry in kb.actors.actors}
        self.times = TimeReader.of_knowledge(kb)
        self.commitment_verbs = frozenset(kb.triggers.lexicon.commitment_verbs)

    def find(
        self, doc: Doc, published: date | None, publisher: ActorEntry | None = None
    ) -> list[Frame]:
        """Frames of every trigger in ``doc``; ``publisher`` is who 'we' are."""
        filler = RoleFiller.of_lexicon(MentionIndex.of(doc), self.lexicon, self.entries, publisher)
        filler.doc = doc
        self.repair_verbless(doc, filler.index)
        modality = ModalityReader(self.lexicon)
        attribution = AttributionReader(filler, self.lexicon)
        frames: list[Frame] = []
        filler.earlier_parties = lambda: [f.sources + f.targets for f in frames]
        filler.earlier_meetings = lambda: [
            (f.trigger.i, f.sources + f.targets) for f in frames if f.spec.type == "meeting"
        ]
        for token in doc:
            if token.pos_ not in TRIGGER_POS:
                continue
            for spec in self.triggers.get((self.lemma_of(token), token.pos_), []):
                frame = self.frame_for(token, spec, filler, modality, published, frames)
                if frame is not None:
                    frame.attribution = attribution.for_trigger(token) or own_voice(
                        frame, self.commitment_verbs
                    )
                    if is_denial(frame):
                        frame.status = "denied"
                    frames.extend(gapped_pairs(frame))
        self.add_listed_items(doc, frames, filler)
        return [f for f in frames if f.items or not f.spec.requires_items]

    def repair_verbless(self, doc: Doc, index: MentionIndex) -> None:
        """'Niger Exports Fighter Jets To France' parsed as one noun phrase: the transfer
        verb read as a plural noun becomes the sentence's verb (syntax.verb_read_as_noun);
        'denied donating rifles to X' with the gerund read as the object's modifier: the
        gerund becomes the clause that takes the object (syntax.gerunds_read_as_modifiers);
        'to Pakistan and South Africa' with the first name a modifier of the second: the
        two become conjuncts (syntax.buried_conjuncts)."""
        for sent in doc.sents:
            word = verb_read_as_noun(sent, index, self.transfer_verbs)
            if word is not None:
                promote_to_verb(word, index.actors[sent.start].span.root)
            for gerund in gerunds_read_as_modifiers(sent, self.transfer_verbs):
                promote_gerund(gerund)  # 'denied *donating* rifles to X'
            for first, second in buried_conjuncts(sent, index):
                unbury_conjunct(first, second)  # 'to *Pakistan* and South Africa'

    def party_voices(self, doc: Doc, publisher: ActorEntry | None = None) -> list[Attribution]:
        """Named actors speaking in ``doc`` ('the ministry said', 'In a statement, the
        French presidency called the deal …'), in text order: the source of a transfer the
        text attributes to no one, when one of its parties speaks (ANNOTATION.md,
        attribution: the state of the officials)."""
        filler = RoleFiller.of_lexicon(MentionIndex.of(doc), self.lexicon, self.entries, publisher)
        filler.doc = doc
        reader = AttributionReader(filler, self.lexicon)
        voices: list[Attribution] = []
        for sent in doc.sents:
            cue = reader.root_cue(sent) or reader.according_to_cue(sent)
            if cue is not None and cue.sources and not cue.anonymous:
                voices += [a for a in reader.to_attributions(cue) if a.source is not None]
        return voices

    def lemma_of(self, token: Token) -> str:
        """The token's lemma; a hyphenated trigger ('re-exported') by its stem, which the
        lemmatiser does not know."""
        lemma = token.lemma_.lower()
        if "-" in lemma:
            lower = token.lower_
            return next((h for h in self.hyphenated if lower.startswith(h)), lemma)
        return lemma

    def add_listed_items(self, doc: Doc, frames: list[Frame], filler: RoleFiller) -> None:
        """Items listed after a transfer was reported ('The package includes air defence
        interceptors', 'On board were 1,500 rifles', a bulleted list) belong to the latest
        transfer of the few sentences before them."""
        cues = set(self.lexicon.continuation_cues)
        transfers = [f for f in frames if f.spec.type == "arms_transfer"]
        framed = {f.trigger.sent.start for f in transfers}
        for sent in doc.sents:
            if sent.start in framed:
                continue
            weapons = unique(
                [
                    filler.index.weapons[t.i]
                    for t in sent
                    if t.i in filler.index.weapons and not is_excluded_item(filler, t)
                ]
            )
            reach = sentences_back(sent[0], LISTING_REACH)
            earlier = [f for f in transfers if reach <= f.trigger.i < sent.start]
            if not earlier and self.tells_a_seizure(sent):
                earlier = [f for f in transfers if is_interdiction(f) and f.trigger.i < sent.start]
                weapons = [w for w in weapons if not self.is_seizer(w)]
            if not weapons or not earlier:
                continue
            latest = earlier[-1]
            if not self.lists_items(sent, cues):
                weapons = accompanying_items(weapons, latest, filler)
            latest.items = unique([*latest.items, *weapons])

    def tells_an_arrival(self, token: Token) -> bool:
        """Whether weapons reaching a place are a delivery: not in a sentence of strikes,
        incursions or visits (lexicon ``arrival_guards``, outside the weapons' names: the
        *shells* are items), not a range ('can reach', ``range_words`` on the verb or
        above it)."""
        strikes = set(self.lexicon.arrival_guards)
        weapons = {i for w in token.doc._.aw_weapons or [] for i in range(w.span.start, w.span.end)}
        words = [t for t in token.sent if t.i not in weapons]  # 'shells' are items, not shelling
        if any(t.lemma_.lower() in strikes or t.lower_ in strikes for t in words):
            return False
        ranges = set(self.lexicon.range_words)
        near = [*token.children, *governors(token, max_hops=3)]
        near += [c for g in governors(token, max_hops=3) for c in g.children]
        return not any(t.lemma_.lower() in ranges or t.lower_ in ranges for t in near)

    @staticmethod
    def arrival_is_a_delivery(items: list[WeaponMention], targets: list[ActorMention]) -> bool:
        """Weapons arriving with no 'from' phrase are a delivery only when they arrive in
        a state or group, not its capital ('Russian missiles reached Kyiv' is an attack),
        and are more than one weapon ('a Russian missile reached Poland' is an incident)."""
        if any(t.form == "capital" for t in targets):
            return False
        return any(
            i.span.root.tag_ in {"NNS", "NNPS"}
            or any(c.dep_ == "nummod" and c.lower_ != "one" for c in i.span.root.children)
            for i in items
        )

    def tells_a_seizure(self, sent: Span) -> bool:
        """A sentence with a word of seizing ('had made a seizure eight days before,
        taking 2,000 rifles'): in an article about an interdicted flow, another haul of
        the same flow, however far from the first."""
        words = {*self.lexicon.interdiction_verbs, "seizure", "interception", "interdiction"}
        return any(t.lemma_.lower() in words for t in sent)

    def is_seizer(self, weapon: WeaponMention) -> bool:
        """The warship that seized a cargo is none of it: 'the *destroyer* had made a
        seizure', 'a dhow intercepted by the *frigate*'."""
        root = weapon.span.root
        while root.dep_ == "compound" and root.head.i != root.i:  # 'the *destroyer* HMS X'
            root = root.head
        words = {*self.lexicon.interdiction_verbs, "seizure", "interception", "make"}
        verb = root.head.head if root.dep_ == "pobj" and root.head.dep_ == "agent" else root.head
        if root.dep_ not in {"nsubj", "pobj"}:
            return False
        acts = [verb, *(c for c in verb.children if c.dep_ == "xcomp")]  # 'helped to seize'
        return any(
            act.lemma_.lower() in words
            and (
                act.lemma_.lower() != "make"
                or any(c.dep_ == "dobj" and c.lemma_.lower() in words for c in act.children)
            )
            for act in acts
        )

    @staticmethod
    def lists_items(sent: Span, cues: set[str]) -> bool:
        first = next((t for t in sent if not t.is_space), None)
        if first is not None and first.text in LIST_MARKERS:
            return True
        return any(t.lemma_.lower() in cues for t in sent)

    def frame_for(
        self,
        token: Token,
        spec: Trigger,
        filler: RoleFiller,
        modality: ModalityReader,
        published: date | None,
        previous: list[Frame],
    ) -> Frame | None:
        if not self.form_matches(token, spec):
            return None
        if spec.type == "agreement" and failed(token):
            return None  # 'failed to reach an agreement' is no agreement
        if spec.type == "sanction_imposed" and self.undone(token):
            return None  # 'agreed to lift the sanctions on X' imposes none
        if spec.type == "diplomatic_recognition" and not self.recognises_an_actor(token, filler):
            return None  # 'recognised the need for more trade with X' is none
        if spec.items_as_subject and not self.tells_an_arrival(token):
            return None  # 'drones reached Kyiv and struck …', 'missiles that can reach X'
        items = items_of(filler, token) if spec.type == "arms_transfer" else []
        if spec.items_as_subject and token.pos_ == "VERB":
            items = subject_items(filler, token)
        if spec.items_via:
            items = [i for i in items if inside_phrase_of(i.span.root, token, spec.items_via)]
        if spec.excludes_items and self.names_arms_deal(token, spec, filler):
            return None  # 'a deal for drones' is the arms transfer, not an agreement
        awaits_list = spec.subtype == "aid_package"  # 'a new package …. It includes …'
        batch = not items and token.pos_ == "VERB" and self.names_a_batch(token, filler)
        continues = spec.requires_items and not items and (token.pos_ == "NOUN" or batch)
        if spec.requires_items and not items and not awaits_list and not continues:
            return None
        roles = self.fill_roles(token, spec, filler)
        sources, targets = roles.get("source", []), roles.get("target", [])
        if continues and not awaits_list:
            earlier = self.continued_transfer(token, sources, targets, previous, batch)
            if earlier is None:
                return None
            items, targets = earlier.items, targets or earlier.targets
        if spec.type in SYMMETRIC_TYPES:
            parties = unique_by_key(roles.get("party", []))
            sources, targets = parties[:1], parties[1:]
        if spec.type == "arms_transfer":
            sources, targets = company_sells(sources, targets)
        confidence = 0.7
        if spec.two_way and not sources and len(targets) > 1:
            sources, targets = split_by_designer(targets, items)
        if spec.items_as_subject and not sources and not self.arrival_is_a_delivery(items, targets):
            return None  # 'Russian missiles reached Kyiv', 'a Russian missile reached Poland'
        if spec.type == "arms_transfer" and not sources:
            sources = self.origins(items, filler, targets)
            confidence = 0.5
        if spec.type == "arms_transfer" and not sources and targets and not spec.items_as_subject:
            sources = self.designer_states(items, filler, targets)
            confidence = 0.4
        if spec.type == "arms_transfer" and not sources:
            sources, targets = self.earlier_transfer(items, targets, previous)
            confidence = 0.5
        if spec.type == "arms_transfer" and sources and not targets:
            targets = self.implied_recipient(token, sources, previous)
            targets = targets or recipient_of_items_referred_to(token, items, sources, previous)
            confidence = 0.4
        if spec.type == "sanction_imposed" and targets and not sources:
            sources = self.earlier_imposer(token, previous)
            confidence = 0.5
        if spec.target_in_event and sources and not targets:  # the act's parties
            parties = self.event_parties(token, spec, filler, modality, published, previous)
            targets = [t for t in parties if t.key not in {s.key for s in sources}]
        if spec.type == "condemnation" and sources and not targets:
            targets = self.actors_of_act_referred_to(token, sources, previous, filler)
            confidence = 0.4
        if not sources or not targets:
            return None
        if spec.type == "arms_transfer" and all(self.is_civil_carrier(t) for t in targets):
            return None  # 'Turkish Airlines ordered 355 Airbus aircraft': airliners
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        mod = modality.read(token, spec.status, objects)
        return Frame(
            trigger=token,
            spec=spec,
            sources=sources,
            targets=targets,
            items=items,
            status=mod.status,
            certainty=mod.certainty,
            time=self.time_of(token, published) if spec.dates_event else None,
            confidence=confidence,
        )

    @staticmethod
    def names_arms_deal(token: Token, spec: Trigger, filler: RoleFiller) -> bool:
        """Weapons in the trigger's own phrase ('a deal *for drones*'), in its object's
        ('signed a contract *for 180 tanks*') or in an infinitive of purpose on either
        ('signed a deal *to buy tanks*'): an arms deal is an arms transfer (OUTPUT.md),
        not an agreement."""
        phrases = [token, *(c for c in token.children if c.dep_ in {"dobj", "nsubjpass"})]
        phrases += [
            c
            for p in phrases
            for c in p.children
            if c.dep_ in {"acl", "relcl", "advcl", "xcomp"}
            and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
        ]
        return any(
            not spec.items_via or inside_phrase_of(item.span.root, phrase, spec.items_via)
            for phrase in phrases
            for item in items_of(filler, phrase)
        )

    def is_civil_carrier(self, mention: ActorMention) -> bool:
        """'*Turkish* Airlines', '*Qatar* Airways', 'a *Kenyan* airline': a state's name or
        adjective on a word of a civil carrier names an airline, which buys airliners."""
        root = mention.span.root
        words = set(self.lexicon.civil_carriers)
        follows = mention.span.doc[mention.span.end : mention.span.end + 2]
        return root.head.lemma_.lower() in words or any(t.lower_ in words for t in follows)

    def is_weapon_crew_word(self, token: Token) -> bool:
        """A word of people ('fighters', 'marines') that names a weapon here: 'JF-17
        fighters' are jets, not troops."""
        return token.lemma_.lower() in self.organs and inside_weapon_name(token)

    def undone(self, token: Token) -> bool:
        """A measure word taken away: the object or passive subject of an undoing verb
        ('lifted the sanctions', 'the embargo was eased'), the object of 'of' under an
        undoing noun ('the easing of sanctions'), or a modifier of one ('sanctions
        relief'); for a verb of imposing, an undoing noun as its object ('announced the
        easing of sanctions'). Lexicon ``undoing_words``."""
        undoing = set(self.lexicon.undoing_words)
        if token.pos_ == "VERB" and any(
            c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in undoing for c in token.children
        ):
            return True
        head = token.head
        if token.dep_ in {"dobj", "nsubjpass", "compound"} and head.lemma_.lower() in undoing:
            return True
        return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in undoing

    def recognises_an_actor(self, token: Token, filler: RoleFiller) -> bool:
        """A verb of recognising whose object is an actor ('recognised Kosovo') or a
        word of statehood ('the independence of X'); a noun ('X's recognition of Y')."""
        if token.pos_ != "VERB":
            return True
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
        wanted = set(self.lexicon.recognised_objects)
        return not objects or any(
            o.i in filler.index.actors
            or o.lemma_.lower() in wanted
            or (self.may_name_an_actor(o) and filler.actors_at(o))
            for o in objects
        )

    def may_name_an_actor(self, noun: Token) -> bool:
        """Whether a recognised object can stand for an actor: a name, a pronoun, a state
        description ('the kingdom') or an organ ('its government'); a common noun that is
        only *of* an actor ('Armenia's *borders*', 'Chile's *claims*') is not one, so
        recognising it is no diplomatic recognition."""
        lemma = noun.lemma_.lower()
        return (
            noun.pos_ not in {"NOUN"}
            or lemma in self.organs
            or lemma in self.lexicon.state_descriptions
            or lemma in self.lexicon.group_descriptions
        )

    def form_matches(self, token: Token, spec: Trigger) -> bool:
        if spec.particle and not any(
            # the parser reads some particles as adverbs: 'called *back* its envoy'
            c.dep_ in {"prt", "advmod"} and c.lower_ == spec.particle
            for c in token.children
        ):
            return False
        if spec.requires_modifier and not any(
            c.dep_ in {"amod", "compound"} and c.lemma_.lower() in spec.requires_modifier
            for c in token.children
        ):
            return False
        if spec.requires_complement and not any(
            c.dep_ in {"xcomp", "ccomp", "advcl"} and c.lemma_.lower() in spec.requires_complement
            for c in token.children
        ):
            return False
        if spec.excludes_object and any(
            c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in spec.excludes_object
            for c in token.children
        ):
            return False
        if spec.requires_subject:  # 'the *measures* also target banks in X'
            subject = subject_of(token)
            if subject is None or subject.lemma_.lower() not in spec.requires_subject:
                return False
        if spec.requires_object:
            objects = [c for c in token.children if c.dep_ in OBJECT_LIKE_DEPS]
            objects += [p for c in token.children if c.dep_ == "prep" for p in c.children]
            if token.dep_ in {"relcl", "acl"}:  # 'the sanctions (that) Canberra imposed'
                objects.append(token.head)
            subjects = [c for c in token.children if c.dep_ == "nsubj"]
            if len(subjects) > 1:  # a zero relative read as a second subject: 'Details of
                objects += list(subjects[0].subtree)  # the sanctions Britain is imposing
            objects += [  # 'agreed a *sanctions* package', 'reached agreement on *sanctions*'
                inner
                for o in list(objects)
                for inner in (*o.children, *(g for c in o.children for g in c.children))
                if inner.dep_ == "compound" or (inner.dep_ == "pobj" and inner.head.head.i == o.i)
            ]
            return any(
                o.lemma_.lower() in spec.requires_object
                and not (self.is_weapon_crew_word(o) and spec.type != "arms_transfer")
                for o in objects
            )
        return True

    def fill_roles(
        self, token: Token, spec: Trigger, filler: RoleFiller
    ) -> dict[str, list[ActorMention]]:
        """Actors of each role; when a pronoun made one actor both sides of the act ('the
        instructors that Chad sent to train *its* army'), the pronoun is read again as
        the other party ('its' → the one praising them), if the text names one."""
        roles = self.fill_roles_once(token, spec, filler)
        one_side = self.single_party(spec, roles)
        if one_side and self.has_pronoun_slot(token) and not self.own_gathering(token, spec):
            filler.other_party = one_side
            try:
                again = self.fill_roles_once(token, spec, filler)
            finally:
                filler.other_party = set()
            if not self.single_party(spec, again):
                return again
        return roles

    @staticmethod
    def single_party(spec: Trigger, roles: dict[str, list[ActorMention]]) -> set[str]:
        """The one actor's key when the roles name only it, on both sides; else empty."""
        if spec.type in SYMMETRIC_TYPES:
            keys = {a.key for a in roles.get("party", [])}
        elif not roles.get("target"):  # a target equal to the source was dropped
            keys = {a.key for a in roles.get("source", [])}
        else:
            keys = set()
        return keys if len(keys) == 1 else set()

    @staticmethod
    def own_gathering(token: Token, spec: Trigger) -> bool:
        """A symmetric act owned by a pronoun ('the cabinet rejected the plan at *its*
        meeting', 'their talks'): the pronoun is the one party there is, never the
        other side of the act."""
        return spec.type in SYMMETRIC_TYPES and any(
            c.dep_ == "poss" and c.pos_ == "PRON" for c in token.children
        )

    @staticmethod
    def has_pronoun_slot(token: Token) -> bool:
        """A possessive or object pronoun in the trigger's own phrase ('its army')."""
        return any(
            t.lower_ in {"its", "their", "it", "them"} and t.i != token.i for t in token.subtree
        )

    def fill_roles_once(
        self, token: Token, spec: Trigger, filler: RoleFiller
    ) -> dict[str, list[ActorMention]]:
        roles: dict[str, list[ActorMention]] = {}
        for slot, role in sorted(spec.roles.items(), key=lambda kv: slots.is_fallback(kv[0])):
            if slots.is_fallback(slot) and self.role_is_filled(spec, role, roles):
                continue
            for head in slots.fill(filler, token, slot):
                if slot.startswith("prep:") and self.belongs_to_other_event(head, token, spec):
                    continue
                deep = role == "target" and (
                    spec.deep_target or (spec.target_in_event and self.is_event_noun(head))
                )
                actors = [a for a in filler.actors_at(head, deep=deep) if a.actor.kind != "media"]
                roles.setdefault(role, []).extend(actors)
        pair = unique_by_key(roles.pop("pair", []))
        if pair and not roles.get("source") and not roles.get("target"):
            roles["source"], roles["target"] = pair[:1], pair[1:]
        if spec.type not in SYMMETRIC_TYPES:
            sources = unique(roles.get("source", []))
            roles["source"] = sources
            source_ids = {s.key for s in sources}
            roles["target"] = [
                t for t in unique(roles.get("target", [])) if t.key not in source_ids
            ]
        return roles

    def belongs_to_other_event(self, head: Token, trigger: Token, spec: Trigger) -> bool:
        """A verb's prepositional actor that hangs on a noun of an event of another type,
        nested below the verb's own object, is that event's party, not the verb's: 'Kenya
        agreed to mediation in the *talks with* Sudan' is no agreement with Sudan ('agreed
        on a deal with Sudan' is, and so is 'severed ties with Sudan': the verb's own
        object or prepositional object carries its phrases)."""
        if trigger.pos_ != "VERB" or head.dep_ != "pobj" or head.head.dep_ != "prep":
            return False
        noun = head.head.head
        if noun.i == trigger.i or not self.is_event_noun(noun):
            return False
        if noun.head.i == trigger.i or (noun.head.dep_ == "prep" and noun.head.head.i == trigger.i):
            return False
        kinds = {t.type for t in self.triggers[(noun.lemma_.lower(), "NOUN")]}
        return spec.type not in kinds

    @staticmethod
    def role_is_filled(spec: Trigger, role: str, roles: dict[str, list[ActorMention]]) -> bool:
        """Whether a fallback slot may be skipped: the role has an actor already (for the
        parties of a symmetric type: two distinct ones — 'Kenya held talks *with*
        Tanzania' still needs its subject)."""
        if spec.type in SYMMETRIC_TYPES and role in {"party", "pair"}:
            return len({a.key for a in roles.get(role, [])}) >= 2
        return bool(roles.get(role))

    def is_event_noun(self, token: Token) -> bool:
        """Whether ``token`` is a noun some trigger of the knowledge base is made of."""
        return token.pos_ == "NOUN" and (token.lemma_.lower(), "NOUN") in self.triggers

    def origins(
        self, items: list[WeaponMention], filler: RoleFiller, targets: list[ActorMention]
    ) -> list[ActorMention]:
        """Suppliers implied by the items: 'North Korean shells', 'Iranian-made drones',
        'jets *supplied by* X', 'corvettes *built by* X's shipyard', 'rifles of Chinese
        origin', 'missiles of North Korean make'."""
        target_keys = {t.key for t in targets}
        found: list[ActorMention] = []
        for item in items:
            root = phrase_head(item.span.root)  # 'Angolan JF-17 *fighters* held in …'
            if self.is_event_noun(root):  # 'French howitzer *contract*': not the items'
                root = item.span.root
            for token in root.subtree:
                if token.i >= root.i and token.dep_ != "prep":
                    continue
                actor = filler.index.actors.get(token.i)
                if actor is not None and actor.key not in target_keys:
                    found.append(actor)
            origin_objs = [*self.prep_objs(root, "from"), *self.prep_objs(root, "by")]
            origin_objs += [
                agent
                for noun in item_nouns(item.span)
                for participle in noun.children
                if participle.dep_ == "acl" and participle.lower_ in self.lexicon.origin_markers
                if (agent := agent_of(participle)) is not None
            ]
            origin_objs += [
                pobj
                for pobj in self.prep_objs(root, "in")
                if pobj.head.head.lower_ in self.lexicon.origin_markers
            ]
            for pobj in origin_objs:
                found.extend(a for a in filler.actors_at(pobj) if a.key not in target_keys)
            found += [a for a in self.stock_owners(root, filler) if a.key not in target_keys]
            for pobj in self.prep_objs(root, "of"):  # 'missiles *of North Korean make*'
                if pobj.lemma_.lower() in self.lexicon.origin_markers:
                    named = [filler.index.actors.get(c.i) for c in pobj.subtree if c.i < pobj.i]
                    found.extend(a for a in named if a is not None and a.key not in target_keys)
        return unique(found)

    def stock_owners(self, root: Token, filler: RoleFiller) -> list[ActorMention]:
        """Whose stocks the items are held in or drawn from: 'weapons held in *US*
        stockpiles', 'shells from *Bundeswehr* stocks', 'out of *the army's* reserves'."""
        stocks = set(self.lexicon.stock_nouns)
        found: list[ActorMention] = []
        for token in root.subtree:
            if token.dep_ != "pobj" or token.lemma_.lower() not in stocks:
                continue
            for owner in (c for c in token.children if c.dep_ in {"poss", "compound", "amod"}):
                found += filler.actors_at(owner)
        return found

    @staticmethod
    def names_a_batch(verb: Token, filler: RoleFiller) -> bool:
        """'*The first batch* was delivered', 'India shipped *a second consignment*': a
        part of the items of a transfer told before, with no 'of' phrase of its own."""
        return any(
            child.dep_ in {"dobj", "nsubjpass", "nsubj"}
            and child.lemma_.lower() in filler.entity_words.batches
            and not any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)
            and any(c.dep_ in {"det", "amod"} for c in child.children)
            for child in verb.children
        )

    @staticmethod
    def continued_transfer(
        token: Token,
        sources: list[ActorMention],
        targets: list[ActorMention],
        previous: list[Frame],
        batch: bool = False,
    ) -> Frame | None:
        """'Armenia ordered radars from India. Deliveries from that country began in July.':
        a transfer noun with no items of its own continues the latest transfer of this or
        the previous sentence with the same supplier (or recipient, when no supplier is
        named); a batch with no actor named ('The first batch was delivered in May')
        continues the latest transfer."""
        if not sources and not targets and not batch:
            return None
        reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
        for frame in reversed(previous):
            if frame.spec.type != "arms_transfer" or frame.trigger.i < reach or not frame.items:
                continue
            same_source = {s.key for s in sources} == {s.key for s in frame.sources}
            same_target = {t.key for t in targets} == {t.key for t in frame.targets}
            if (sources and same_source) or (not sources and same_target):
                return frame
            if batch and not sources and not targets:
                return frame
        return None

    def event_parties(
        self,
        token: Token,
        spec: Trigger,
        filler: RoleFiller,
        modality: ModalityReader,
        published: date | None,
        previous: list[Frame],
    ) -> list[ActorMention]:
        """The parties of the act a reaction is about, read from the act noun's own frame
        when the parser hung all its phrases on the verb above: 'voiced concern over troop
        deployments by X to Y' → X and Y, as the deep reading of the act's own phrases
        would name them ('concern over the transfer of X's missiles to Y')."""
        for slot, role in spec.roles.items():
            if role != "target":
                continue
            for head in slots.fill(filler, token, slot):
                for other in self.triggers.get((head.lemma_.lower(), "NOUN"), []):
                    if other.type == "condemnation" or head.pos_ != "NOUN":
                        continue
                    act = self.frame_for(head, other, filler, modality, published, previous)
                    if act is not None:
                        return act.sources + act.targets
        return []

    @staticmethod
    def earlier_imposer(token: Token, previous: list[Frame]) -> list[ActorMention]:
        """'New measures also target banks in X': sanctions whose imposer is not named
        continue the latest sanction event of this or the two sentences before; '*the*
        sanctions also extend to …' refers back to the sanctions the article is about,
        told anywhere before (a definite measure noun as the subject)."""
        subject = subject_of(token) if token.pos_ == "VERB" else None
        definite = subject is not None and is_definite(subject)
        reach = 0 if definite else sentences_back(token, 2)
        for frame in reversed(previous):
            if frame.spec.type == "sanction_imposed" and frame.trigger.i >= reach:
                return frame.sources
        return []

    def actors_of_act_referred_to(
        self,
        token: Token,
        sources: list[ActorMention],
        previous: list[Frame],
        filler: RoleFiller,
    ) -> list[ActorMention]:
        """'Juba denounced *the vote*', 'condemning *the deal*': a definite act with no actor
        of its own is the latest event told in this or the two sentences before; its
        actor (the supplier, the sanctioning body …) is the one criticised. When no event
        was told, an act noun ('*the move*', '*the launch*') refers to what the clause
        before reported its subject doing: see ``doer_of_clause_before``."""
        act = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if act is None or act.pos_ != "NOUN" or not is_definite(act):
            return []
        named = {i for m in token.doc._.aw_actors or [] for i in range(m.span.start, m.span.end)}
        judged = [c for c in act.children if c.dep_ == "prep" and c.lower_ == "as"]
        own = set(act.subtree).difference(*(set(c.subtree) for c in judged))
        if any(t.i in named for t in own):  # not 'the delivery *as a violation of …*'
            return []
        reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
        reach = token.doc[reach - 1].sent.start if reach else 0
        critics = {s.key for s in sources}
        told = [f for f in previous if f.trigger.i >= reach and f.spec.type != "condemnation"]
        directed = [f for f in told if f.spec.type not in SYMMETRIC_TYPES]
        for frame in reversed(directed or told):  # a deal's supplier before its signatories
            criticised = [a for a in frame.sources + frame.targets if a.key not in critics]
            if frame.spec.type not in SYMMETRIC_TYPES:
                doers = frame.targets if self.is_receiving_noun(act) else frame.sources
                criticised = [a for a in doers if a.key not in critics]
            if criticised:
                return criticised
        if act.lemma_.lower() not in self.lexicon.act_nouns:
            return []
        doers = doer_of_clause_before(token, filler)
        return [a for a in doers if a.key not in critics]

    def is_receiving_noun(self, noun: Token) -> bool:
        """A transfer noun whose possessor is the recipient ('Manila's *purchase*',
        'Egypt's *order*'): criticising it criticises the buyer."""
        return any(
            spec.type == "arms_transfer" and spec.roles.get("poss") == "target"
            for spec in self.triggers.get((noun.lemma_.lower(), "NOUN"), [])
        )

    @staticmethod
    def implied_recipient(
        token: Token, sources: list[ActorMention], previous: list[Frame]
    ) -> list[ActorMention]:
        """'Armenia ordered radars from India. Deliveries from that country began in July.':
        a transfer whose recipient is left out continues the latest transfer from the same
        supplier in this or the previous sentence (filled with lower confidence)."""
        keys = {s.key for s in sources}
        reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
        for frame in reversed(previous):
            if frame.spec.type != "arms_transfer" or frame.trigger.i < reach:
                continue
            if keys == {s.key for s in frame.sources}:
                return frame.targets
        return []

    @staticmethod
    def earlier_transfer(
        items: list[WeaponMention], targets: list[ActorMention], previous: list[Frame]
    ) -> tuple[list[ActorMention], list[ActorMention]]:
        """'The shells were delivered to Russia', 'Such weapons deliveries': definite items
        refer back to the latest transfer of the same kind (and recipient, if named)."""
        if not any(is_definite(i.span.root) for i in items):
            return [], targets
        categories = {i.weapon.category for i in items}
        target_keys = {t.key for t in targets}
        for frame in reversed(previous):
            if frame.spec.type != "arms_transfer":
                continue
            same_items = categories & {i.weapon.category for i in frame.items}
            same_target = not target_keys or target_keys == {t.key for t in frame.targets}
            if (same_items or GENERIC_CATEGORY in categories) and same_target:
                return frame.sources, targets or frame.targets
        return [], targets

    def designer_states(
        self, items: list[WeaponMention], filler: RoleFiller, targets: list[ActorMention]
    ) -> list[ActorMention]:
        """Last resort: the designer state of a named system ('picked up Mohajer-6s').

        Only a state already named in the article counts, so that every role quotes text.
        """
        target_keys = {t.key for t in targets}
        origins = {i.weapon.origin for i in items if i.weapon.origin} - target_keys
        if not origins or not items:
            return []
        doc = items[0].span.doc
        named = [m for m in doc._.aw_actors or [] if m.key in origins]
        by_key: dict[str, ActorMention] = {}
        for mention in named:
            by_key.setdefault(mention.key, mention)
        return list(by_key.values())

    @staticmethod
    def prep_objs(token: Token, word: str) -> list[Token]:
        out: list[Token] = []
        for child in token.subtree:
            if child.dep_ == "prep" and child.lower_ == word:
                out.extend(c for c in child.children if c.dep_ == "pobj")
        return out

    def time_of(self, trigger: Token, published: date | None) -> Time | None:
        """The transfer's own time (extract/timex.py: TimeReader)."""
        return self.times.of(trigger, published)


REFERRED_ITEMS_REACH = 5  # sentences back 'the missiles', 'some of its tanks' may reach


def recipient_of_items_referred_to(
    token: Token, items: list[WeaponMention], sources: list[ActorMention], previous: list[Frame]
) -> list[ActorMention]:
    """'France's missiles reached Ukraine. … Kyiv has used them since *the UK* handed *the
    missiles* over', 'Germany will send tanks to Ukraine. … Washington's commitment of
    *some of* its own tanks': items told before, taken up by a definite or partitive
    reference, went to the recipient of the latest transfer of their kind (another
    supplier's, in the last few sentences); filled with lower confidence."""
    referring = [i for i in items if is_definite(i.span.root) or partitive_head(i.span.root)]
    kinds = {i.weapon.category for i in referring}
    keys = {s.key for s in sources}
    reach = sentences_back(token, REFERRED_ITEMS_REACH)
    for frame in reversed(previous):
        if frame.spec.type != "arms_transfer" or frame.trigger.i < reach:
            continue
        targets = [t for t in frame.targets if t.key not in keys]
        if targets and kinds & {i.weapon.category for i in frame.items}:
            return targets
    return []


def is_interdiction(frame: Frame) -> bool:
    """A transfer read from its interdiction: the seizing state is no party and the
    recipient is where the shipment was going (the ``interdiction`` frame family)."""
    return "destination" in frame.spec.roles


def inside_weapon_name(token: Token) -> bool:
    """'sent JF-17 *fighters*': a word of people that belongs to a weapon's name, or
    that a weapon's designation right before it modifies, is the weapon, not troops."""
    spans = [w.span for w in token.doc._.aw_weapons or []]
    if any(span.start <= token.i < span.end for span in spans):
        return True
    return any(
        span.end == token.i and span.root.head.i == token.i and span.root.dep_ != "conj"
        for span in spans
    )
