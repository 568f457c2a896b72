"""Sentence-level event frames: a trigger word with its roles, items and modality."""

from __future__ import annotations

from dataclasses import dataclass, field
from datetime import date

from spacy.tokens import Doc, Span, Token

from armswatch.extract import slots
from armswatch.extract.attribution import AttributionReader, to_actor
from armswatch.extract.modality import ModalityReader
from armswatch.extract.roles import (
    ACCOMPANYING_PREPS,
    RoleFiller,
    accompanying,
    sentences_back,
    unique,
    unique_by_key,
)
from armswatch.extract.syntax import (
    MentionIndex,
    buried_conjuncts,
    gerunds_read_as_modifiers,
    governors,
    prep_objects,
    promote_gerund,
    promote_to_verb,
    subject_of,
    unbury_conjunct,
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
DEFINITE = {"the", "these", "those", "such", "this", "that"}
PARTITIVES = {"some", "most", "part", "all", "many", "several", "half", "rest", "dozens"}


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


def own_voice(frame: Frame) -> list[Attribution]:
    """An official or government that is the subject of its own announcement is its own
    source: 'Secretary of Defense Lloyd J. Austin III previewed a new package'."""
    for mention in frame.sources + frame.targets:
        subject = mention.span.root.dep_ in {"nsubj", "nsubjpass"} or any(
            t.dep_ == "nsubj" for t in mention.span.root.ancestors if t.pos_ == "NOUN"
        )
        if mention.kind in OWN_VOICE_KINDS and subject:
            span = mention.span
            return [Attribution(source=to_actor(mention), text=span.text, start=span.start_char,
                                end=span.end_char)]  # fmt: skip
    return []


def is_definite(noun: Token) -> bool:
    """'the shells', 'such weapons', 'these drones'."""
    return any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in DEFINITE for c in noun.children)


def accompanying_items(
    weapons: list[WeaponMention], transfer: Frame, filler: RoleFiller
) -> list[WeaponMention]:
    """'Germany will deliver tanks to Ukraine. *14 of the tanks* will come from Berlin
    *along with* ammunition': a definite or partitive reference to the items of the
    transfer told before brings the items it is listed with (its conjuncts, its 'with',
    'along with', 'together with', 'as well as' phrases and its verb's) into it."""
    kinds = {i.weapon.category for i in transfer.items}
    for reference in weapons:
        root = reference.span.root
        if reference.weapon.category not in kinds:
            continue
        head = partitive_head(root)
        if head is None and not is_definite(root):
            continue
        head = head or root
        holders = [head, root]  # and the verb: '… will come from Berlin *along with* ammunition'
        # (the sentence's main verb when the parser misplaces the reference: 'According to
        # the agency, 14 of the tanks' makes '14' an apposition of 'the agency')
        holders.append(head.head if head.dep_ in {"nsubj", "nsubjpass", "dobj"} else head.sent.root)
        tokens = [t for c in root.children if c.dep_ == "conj" for t in c.subtree]
        tokens += [t for h in holders for pobj in accompanying_objects(h) for t in pobj.subtree]
        found = [filler.index.weapons[t.i] for t in tokens if t.i in filler.index.weapons]
        return unique([w for w in found if w is not reference])
    return []


def partitive_head(noun: Token) -> Token | None:
    """'*14* of the tanks', '*some* of its drones': the number or quantifier."""
    prep = noun.head
    if noun.dep_ != "pobj" or prep.lower_ != "of" or prep.head.i == prep.i:
        return None
    head = prep.head
    return head if head.like_num or head.lower_ in PARTITIVES else None


def accompanying_objects(head: Token) -> list[Token]:
    """Objects of 'with', 'along with', 'together with' and 'as well as' under ``head``."""
    found: list[Token] = []
    for child in head.children:
        if child.dep_ != "prep":
            continue
        if child.lower_ in {"with", "as"}:
            found += [c for c in child.children if c.dep_ == "pobj"]
        elif child.lower_ in ACCOMPANYING_PREPS:
            found += accompanying(child)
    return found


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
                    frame.attribution = attribution.for_trigger(token) or own_voice(frame)
                    if is_denial(frame):
                        frame.status = "denied"
                    frames.append(frame)
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
                    if t.i in filler.index.weapons and not filler.is_excluded_item(t)
                ]
            )
            reach = sentences_back(sent[0], LISTING_REACH)
            earlier = [f for f in transfers if reach <= f.trigger.i < sent.start]
            if not weapons or not earlier:
                continue
            latest = earlier[-1]
            if not self.lists_items(sent, cues):
                weapons = accompanying_items(weapons, latest, filler)
            latest.items = unique([*latest.items, *weapons])

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
        items = filler.items_of(token) if spec.type == "arms_transfer" else []
        if spec.excludes_items and filler.items_of(token):
            return None  # 'a deal for drones' is the arms transfer, not an agreement
        if spec.type == "agreement" and self.signs_for_weapons(token, filler):
            return None  # 'signed a contract for submarines' is the arms transfer
        awaits_list = spec.subtype == "aid_package"  # 'a new package …. It includes …'
        continues = spec.requires_items and not items and token.pos_ == "NOUN"
        if spec.requires_items and not items and not awaits_list and not continues:
            return None
        roles = self.fill_roles(token, spec, filler)
        sources, targets = roles.get("source", []), roles.get("target", [])
        if continues and not awaits_list:
            earlier = self.continued_transfer(token, sources, targets, previous)
            if earlier is None:
                return None
            items, targets = earlier.items, targets or earlier.targets
        if spec.type in SYMMETRIC_TYPES:
            parties = unique_by_key(roles.get("party", []))
            sources, targets = parties[:1], parties[1:]
        confidence = 0.7
        if spec.type == "arms_transfer" and not sources:
            sources = self.origins(items, filler, targets)
            confidence = 0.5
        if spec.type == "arms_transfer" and not sources and targets:
            sources = self.designer_states(items, filler, targets)
            confidence = 0.4
        if spec.type == "arms_transfer" and not sources:
            sources, targets = self.earlier_transfer(items, targets, previous)
            confidence = 0.5
        if spec.type == "arms_transfer" and sources and not targets:
            targets = self.implied_recipient(token, sources, previous)
            confidence = 0.4
        if spec.type == "sanction_imposed" and targets and not sources:
            sources = self.earlier_imposer(token, previous)
            confidence = 0.5
        if spec.target_in_event and sources and not targets:  # the act's parties
            parties = self.event_parties(token, spec, filler, modality, published, previous)
            targets = [t for t in parties if t.key not in {s.key for s in sources}]
        if spec.type == "condemnation" and sources and not targets:
            targets = self.actors_of_act_referred_to(token, sources, previous)
            confidence = 0.4
        if not sources or not targets:
            return None
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

    def signs_for_weapons(self, token: Token, filler: RoleFiller) -> bool:
        """A signing verb whose signed text is for weapons ('signed a contract *for 12
        submarines*', 'concluded an agreement with X *for the purchase of drones*', 'sign
        a pact for Predator drones'): the deal is the arms transfer (OUTPUT.md), not an
        agreement. The text's own phrase and the verb's 'for' phrase count."""
        verb, texts = token, [token]
        if token.pos_ == "VERB":
            texts = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
            texts = [c for c in texts if c.pos_ == "NOUN"]
        elif token.dep_ in {"dobj", "nsubjpass"}:
            verb = token.head  # the signing verb of the noun ('concluded an agreement')
        if not texts:
            return False
        scope = [t for text in texts for t in text.subtree]
        scope += [t for pobj in prep_objects(verb, "for", deep=False) for t in pobj.subtree]
        tops = {verb.i, *(t.i for t in texts)}
        return any(t.i in filler.index.weapons and not self.under_other_act(t, tops) for t in scope)

    def under_other_act(self, item: Token, tops: set[int]) -> bool:
        """Whether a weapon word hangs below a noun of a non-transfer event on its way up
        to the signed text: 'a pact for *cooperation* in building frigates' is a pact
        about cooperation, not a purchase."""
        for gov in item.ancestors:
            if gov.i in tops:
                return False
            kinds = {t.type for t in self.triggers.get((gov.lemma_.lower(), "NOUN"), [])}
            if kinds and "arms_transfer" not in kinds and gov.pos_ == "NOUN":
                return True
        return False

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
            c.dep_ == "prt" and c.lower_ == spec.particle for c in token.children
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
        """Suppliers implied by the items: 'North Korean shells', 'Iranian-made drones'."""
        target_keys = {t.key for t in targets}
        found: list[ActorMention] = []
        for item in items:
            root = item.span.root
            for token in root.subtree:
                if token.i >= root.i and token.dep_ != "prep":
                    continue
                actor = filler.index.actors.get(token.i)
                if actor is not None and actor.key not in target_keys:
                    found.append(actor)
            origin_objs = [*self.prep_objs(root, "from"), *self.prep_objs(root, "by")]
            origin_objs += [
                pobj
                for pobj in self.prep_objs(root, "in")
                if pobj.head.head.lower_ in self.lexicon.origin_markers
            ]
            for pobj in origin_objs:
                found.extend(a for a in filler.actors_at(pobj) if a.key not in target_keys)
        return unique(found)

    @staticmethod
    def continued_transfer(
        token: Token,
        sources: list[ActorMention],
        targets: list[ActorMention],
        previous: list[Frame],
    ) -> Frame | None:
        """'Armenia ordered radars from India. Deliveries from that country began in July.':
        a transfer noun with no items of its own continues the latest transfer of this or
        the previous sentence with the same supplier (or recipient, when no supplier is
        named)."""
        if not sources and not targets:
            return None
        reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
        for frame in reversed(previous):
            if frame.spec.type != "arms_transfer" or frame.trigger.i < reach or not frame.items:
                continue
            same_source = {s.key for s in sources} == {s.key for s in frame.sources}
            same_target = {t.key for t in targets} == {t.key for t in frame.targets}
            if (sources and same_source) or (not sources and same_target):
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

    @staticmethod
    def actors_of_act_referred_to(
        token: Token, sources: list[ActorMention], previous: list[Frame]
    ) -> list[ActorMention]:
        """'Juba denounced *the vote*', 'condemning *the deal*': a definite act with no actor
        of its own is the latest event told in this or the two sentences before; its
        actor (the supplier, the sanctioning body …) is the one criticised."""
        act = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
        if act is None or act.pos_ != "NOUN" or not is_definite(act):
            return []
        named = {i for m in token.doc._.aw_actors or [] for i in range(m.span.start, m.span.end)}
        if any(t.i in named for t in act.subtree):
            return []
        reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
        reach = token.doc[reach - 1].sent.start if reach else 0
        critics = {s.key for s in sources}
        told = [f for f in previous if f.trigger.i >= reach and f.spec.type != "condemnation"]
        directed = [f for f in told if f.spec.type not in SYMMETRIC_TYPES]
        for frame in reversed(directed or told):  # a deal's supplier before its signatories
            criticised = [a for a in frame.sources + frame.targets if a.key not in critics]
            if frame.spec.type not in SYMMETRIC_TYPES:
                criticised = [a for a in frame.sources if a.key not in critics]
            if criticised:
                return criticised
        return []

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
