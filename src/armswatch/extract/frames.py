"""Sentence-level event frames: a trigger word with its roles, items and modality."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from armswatch.extract import slots
from armswatch.extract.attribution import AttributionReader
from armswatch.extract.cues import to_actor
from armswatch.extract.event_time import TimeReader
from armswatch.extract.frame_guards import (
    arrival_is_a_delivery,
    failed,
    form_matches,
    is_civil_carrier,
    names_arms_deal,
    recognises_an_actor,
    tells_an_arrival,
    trip_without_a_host,
    undone,
)
from armswatch.extract.implied import (
    actors_of_act_referred_to,
    continued_transfer,
    designer_states,
    earlier_imposer,
    earlier_transfer,
    implied_recipient,
    is_event_noun,
    names_a_batch,
    origins,
    recipient_of_items_referred_to,
)
from armswatch.extract.items import is_excluded_item, items_of, subject_items
from armswatch.extract.modality import ModalityReader
from armswatch.extract.pairing import (
    accompanying_items,
    company_sells,
    gapped_pairs,
    inside_phrase_of,
    split_by_designer,
)
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import (
    MentionIndex,
    buried_conjuncts,
    gerunds_read_as_modifiers,
    names_partners_with,
    promote_after_modal,
    promote_gerund,
    promote_to_verb,
    sentences_back,
    unbury_conjunct,
    unique,
    unique_by_key,
    verb_read_as_noun,
    verb_read_as_noun_after_modal,
)
from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry, Trigger
from armswatch.model import SYMMETRIC_TYPES, Attribution, Time
from armswatch.nlp.mentions import ActorMention, WeaponMention

TRIGGER_POS = {"VERB", "NOUN", "PROPN", "ADJ"}
LIST_MARKERS = {"→", "-", "•", "*", "–", "—", "·", "▪"}
OWN_VOICE_KINDS = {"leader", "official", "government"}
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


def is_denial(frame: Frame) -> bool:
    """A negated claim made by one of the parties ('Iran says it has sold no …')."""
    if frame.certainty != "negated":
        return False
    parties = {a.key for a in frame.sources + frame.targets}
    return any(a.source and (a.source.country or a.source.id) in parties for a in frame.attribution)


class FrameFinder:
    """Finds frames in a parsed Doc that carries armswatch mentions."""

    def __init__(self, kb: KnowledgeBase) -> None:
        self.lexicon = kb.triggers.lexicon
        self.triggers: dict[tuple[str, str], list[Trigger]] = {}
        for trigger in kb.triggers.triggers:
            for pos in trigger.pos:
                self.triggers.setdefault((trigger.lemma, pos), []).append(trigger)
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
        two become conjuncts (syntax.buried_conjuncts); 'will no longer ship helicopters'
        with 'ship' read as a modifier of the object: it becomes the clause's verb
        (syntax.verb_read_as_noun_after_modal)."""
        for sent in doc.sents:
            word = verb_read_as_noun(sent, index, self.transfer_verbs)
            if word is not None:
                promote_to_verb(word, index.actors[sent.start].span.root)
            after_modal = verb_read_as_noun_after_modal(sent, self.transfer_verbs)
            if after_modal is not None:
                promote_after_modal(after_modal)  # 'will no longer *ship* helicopters'
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
        if not form_matches(token, spec, self.lexicon):
            return None
        if spec.type == "agreement" and failed(token):
            return None  # 'failed to reach an agreement' is no agreement
        if spec.type == "sanction_imposed" and undone(token, self.lexicon):
            return None  # 'agreed to lift the sanctions on X' imposes none
        if spec.type == "diplomatic_recognition" and not recognises_an_actor(
            token, filler, self.lexicon
        ):
            return None  # 'recognised the need for more trade with X' is none
        trip = spec.type == "meeting" and spec.subtype == "visit" and token.pos_ == "VERB"
        if trip and trip_without_a_host(token, self.lexicon):
            return None  # 'flew to Brussels for a NATO summit' meets no Belgian
        if spec.items_as_subject and not tells_an_arrival(token, self.lexicon):
            return None  # 'drones reached Kyiv and struck …', 'missiles that can reach X'
        items = items_of(filler, token) if spec.type == "arms_transfer" else []
        if spec.items_as_subject and token.pos_ == "VERB":
            items = subject_items(filler, token)
        if spec.items_via:
            items = [i for i in items if inside_phrase_of(i.span.root, token, spec.items_via)]
        if spec.excludes_items and names_arms_deal(token, spec, filler):
            return None  # 'a deal for drones' is the arms transfer, not an agreement
        awaits_list = spec.subtype == "aid_package"  # 'a new package …. It includes …'
        batch = not items and token.pos_ == "VERB" and names_a_batch(token, filler)
        continues = spec.requires_items and not items and (token.pos_ == "NOUN" or batch)
        if spec.requires_items and not items and not awaits_list and not continues:
            return None
        roles = self.fill_roles(token, spec, filler)
        sources, targets = roles.get("source", []), roles.get("target", [])
        if continues and not awaits_list:
            earlier = continued_transfer(token, sources, targets, previous, batch)
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
        arrival = spec.items_as_subject and not sources
        if arrival and not arrival_is_a_delivery(token, items, targets, previous, self.lexicon):
            return None  # 'Russian missiles reached Kyiv', 'a Russian missile reached Poland'
        if spec.type == "arms_transfer" and not sources:
            sources = origins(items, filler, targets, self.lexicon, self.triggers)
            confidence = 0.5
        if spec.type == "arms_transfer" and not sources and targets and not spec.items_as_subject:
            sources = designer_states(items, filler, targets)
            confidence = 0.4
        if spec.type == "arms_transfer" and not sources:
            sources, targets = earlier_transfer(items, targets, previous)
            confidence = 0.5
        if spec.type == "arms_transfer" and sources and not targets:
            targets = implied_recipient(token, sources, previous)
            targets = targets or recipient_of_items_referred_to(token, items, sources, previous)
            confidence = 0.4
        if spec.type == "sanction_imposed" and targets and not sources:
            sources = earlier_imposer(token, previous)
            confidence = 0.5
        if spec.target_in_event and sources and not targets:  # the act's parties
            parties = self.event_parties(token, spec, filler, modality, published, previous)
            targets = [t for t in parties if t.key not in {s.key for s in sources}]
        if spec.type == "condemnation" and sources and not targets:
            targets = actors_of_act_referred_to(
                token, sources, previous, filler, self.lexicon, self.triggers
            )
            confidence = 0.4
        if not sources or not targets:
            return None
        if spec.type == "arms_transfer" and all(is_civil_carrier(t, self.lexicon) for t in targets):
            return None  # 'Turkish Airlines ordered 355 Airbus aircraft': airliners
        objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass", "attr"}]
        mod = modality.read(token, spec.status, objects, of_use=not spec.dates_event)
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
        partners = spec.type in SYMMETRIC_TYPES and names_partners_with(token)  # their holder's
        for slot, role in sorted(spec.roles.items(), key=lambda kv: slots.is_fallback(kv[0])):
            if slots.is_fallback(slot) and self.role_is_filled(spec, role, roles) and not partners:
                continue
            for head in slots.fill(filler, token, slot):
                if slot.startswith("prep:") and self.belongs_to_other_event(head, token, spec):
                    continue
                deep = role == "target" and (
                    spec.deep_target
                    or (spec.target_in_event and is_event_noun(head, self.triggers))
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
        if noun.i == trigger.i or not is_event_noun(noun, self.triggers):
            return False
        if noun.head.i == trigger.i or (noun.head.dep_ == "prep" and noun.head.head.i == trigger.i):
            return False
        kinds = {t.type for t in self.triggers[(noun.lemma_.lower(), "NOUN")]}
        return spec.type not in kinds

    @staticmethod
    def role_is_filled(spec: Trigger, role: str, roles: dict[str, list[ActorMention]]) -> bool:
        """Whether a fallback slot may be skipped: the role has an actor already (for the
        parties of a symmetric type: two distinct ones; see fill_roles_once for 'with')."""
        if spec.type in SYMMETRIC_TYPES and role in {"party", "pair"}:
            return len({a.key for a in roles.get(role, [])}) >= 2
        return bool(roles.get(role))

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

    def time_of(self, trigger: Token, published: date | None) -> Time | None:
        """The transfer's own time (extract/event_time.py: TimeReader)."""
        return self.times.of(trigger, published)


def is_interdiction(frame: Frame) -> bool:
    """A transfer read from its interdiction: the seizing state is no party and the
    recipient is where the shipment was going (the ``interdiction`` frame family)."""
    return "destination" in frame.spec.roles
