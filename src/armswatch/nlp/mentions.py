"""Component ``armswatch_mentions_v1``: actor and weapon mentions from the gazetteers.

(Registered as ``armswatch_mentions_v1``: spaCy forbids dots in factory names.)

Assigns ``doc._.aw_actors`` and ``doc._.aw_weapons`` (lists of mentions, in text order).
Short anaphoric forms ("the North") count only after their actor was introduced.
"""

from __future__ import annotations

import dataclasses
import itertools
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry
from armswatch.nlp.gazetteer import (
    ActorForm,
    AmbiguousActorForm,
    WeaponForm,
    actor_surface_forms,
    ambiguous_surface_forms,
    choose_actor,
    weapon_families,
    weapon_surface_forms,
)
from armswatch.nlp.phrases import PhraseTable

VARIANT_SUFFIX = re.compile(r"[A-Z][A-Za-z0-9]{0,6}(?:-[A-Z0-9][A-Za-z0-9]{0,3})?")
"""What a sub-variant adds to its family's designation: Mi-8*AMT*, Su-30*SME*, T-72*B3M*,
S-300*PMU-2*, Mi-17*V-5*, Leopard 2*A7*."""
SENSE_WINDOW = 3
"""Tokens on either side of a mention searched for the words of its other senses."""
MISREAD_DEPS = {"punct", "npadvmod", "dep", "advmod", "prep", "intj"}
"""Labels the parser gives designations it did not read as nouns ('12 Shahed-131')."""
NUMBER_ROLES = {"dobj", "npadvmod", "nsubj", "nsubjpass", "attr", "pobj"}
"""Roles a bare number takes when the parser reads it as the noun ('supplied *12* X')."""
MODIFIER_LABELS = {"compound", "nmod", "amod"}
PURPOSE_DEPS = {"advcl", "acl", "xcomp", "relcl"}
"""Clauses that may say what something is for: 'technology *to assist* its programme'."""
HEAD_NOUN_CATEGORIES_KEPT_APART = {"ammunition", "components"}
"""Generic nouns after a system that name another item: 'HIMARS rockets', 'F-16 engines'."""
DESCRIPTION_WINDOW = 16
"""Tokens after 'Name,' searched for the description of the person's office."""
LEADER_TITLES = {"president", "prime", "premier", "chancellor", "king", "emir", "leader"}
"""Titles of heads of state or government: their holders are of kind leader."""
HYPHENATED_AFTER_STOP = re.compile(r"^(\w[\w.]*\.)-(\w[\w.]*)$")
"""A token such as 'U.S.-Japan' or 'D.C.-Tokyo' that the tokenizer did not split."""
COMPASS_WORDS = {"West", "North", "South", "East"}
"""A name ending in one of these is part of a longer name when a capitalised word follows:
'the West African country', 'the West Bank', 'the South China Sea' (not 'the West')."""
TITLES = {
    "President", "Prime", "Minister", "Secretary", "Chancellor", "Leader", "General",
    "Gen.", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Sen.", "Senator", "Rep.",
    "King", "Crown", "Prince", "Sheikh", "Supreme", "Chairman", "Premier", "Admiral",
    "Adm.", "Colonel", "Col.", "Marshal", "Field", "Commander", "Foreign", "Defence",
    "Defense", "Ambassador", "Envoy", "Vice", "Deputy", "Director", "Chief", "Lt.",
    "Maj.", "Emir", "Sultan", "Speaker", "Governor", "Comrade", "Chairwoman", "Leader's",
}  # fmt: skip
"""Words that may stand before or after a leader's surname without making it another
person's name ('President Biden' is Biden; 'Hunter Biden' is not)."""


@dataclass
class ActorMention:
    """An actor named in the text (token span ``start:end``)."""

    span: Span
    actor: ActorEntry
    form: str
    kind: str

    @property
    def key(self) -> str:
        return self.actor.country or self.actor.id


@dataclass
class WeaponMention:
    """A weapon system or generic weapon noun (token span ``start:end``)."""

    span: Span
    weapon: WeaponForm


for _name in ("aw_actors", "aw_weapons"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class MentionRuler:
    """Finds actor and weapon mentions with phrase tables built from the KB (nlp/phrases.py)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.weapon_starts: set[int] = set()  # where a weapon name may start, per doc
        self.actor_matcher = PhraseTable(nlp, lower=False)
        self.weapon_matcher = PhraseTable(nlp, lower=True)
        self.stop_matcher = PhraseTable(nlp, lower=True)
        self.actor_forms: dict[str, ActorForm] = {}
        self.ambiguous_forms: dict[str, AmbiguousActorForm] = {}
        self.weapon_forms: dict[str, WeaponForm] = {}
        self.weapon_families: dict[str, str] = {}
        self.plural_forms: dict[str, WeaponForm] = {}
        self.context_words: frozenset[str] = frozenset()
        self.civil_modifiers: frozenset[str] = frozenset()
        self.organs: dict[str, str] = {}
        self.title_words: frozenset[str] = frozenset()  # 'Prime Minister' before a name
        self.office_words: frozenset[str] = frozenset()  # 'X, a Kenyan official'
        self.part_nouns: frozenset[str] = frozenset()  # '*parts* for drones'
        self.support_nouns: frozenset[str] = frozenset()  # 'F-16 *sustainment*'
        self.munitions_of: dict[str, str] = {}  # 'munitions for HIMARS' → ammunition
        self.programme_nouns: frozenset[str] = frozenset()  # 'its missile *programme*'
        self.by_first_and_head: dict[tuple[str, str], str] = {}  # 'bradley', 'vehicles'
        self.origin_markers: set[str] = set()
        self.community_markers: frozenset[str] = frozenset()  # '*ethnic* Albanians'
        self.private_people: frozenset[str] = frozenset()  # 'Chilean *protesters*'

    def initialize(
        self,
        get_examples: Callable[[], Iterable[object]] | None = None,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        """Compile the gazetteers of ``kb`` into the matchers."""
        if kb is None:
            raise ValueError("MentionRuler.initialize needs kb=")
        if nlp is None:
            raise ValueError("MentionRuler.initialize needs nlp=")
        self.actor_forms = actor_surface_forms(kb)
        self.ambiguous_forms = ambiguous_surface_forms(kb)
        self.weapon_forms = weapon_surface_forms(kb)
        matched = weapon_surface_forms(kb, plurals=False)
        self.plural_forms = {k: v for k, v in self.weapon_forms.items() if k not in matched}
        self.weapon_families = weapon_families(self.weapon_forms)
        for surface, form in matched.items():  # 'Bradley (fighting) vehicles' by its ends
            words = surface.split()
            if form.system is not None and len(words) >= 2 and not form.needs_context:
                self.by_first_and_head.setdefault((words[0], words[-1]), surface)
        self.context_words = frozenset(w.lower() for w in kb.weapons.context_words)
        self.civil_modifiers = frozenset(w.lower() for w in kb.weapons.civil_modifiers)
        self.organs = dict(kb.triggers.lexicon.organs)
        self.title_words = frozenset(kb.triggers.lexicon.title_words)
        self.office_words = frozenset(kb.triggers.lexicon.office_words)
        self.part_nouns = frozenset(kb.triggers.lexicon.part_nouns)
        self.support_nouns = frozenset(kb.triggers.lexicon.support_nouns)
        self.programme_nouns = frozenset(kb.triggers.lexicon.programme_nouns)
        self.munitions_of = {str(k): str(v) for k, v in kb.weapons.munitions_of.items()}
        self.community_markers = frozenset(kb.triggers.lexicon.community_markers)
        self.private_people = frozenset(kb.triggers.lexicon.private_people)
        self.origin_markers = set(kb.triggers.lexicon.origin_markers)
        self.actor_matcher.add_all({**self.actor_forms, **self.ambiguous_forms})
        self.weapon_matcher.add_all(matched)  # plurals are looked up per token
        self.stop_matcher.add_all(kb.weapons.not_weapons, label="not_weapon")

    def __call__(self, doc: Doc) -> Doc:
        self.split_hyphenated_names(doc)
        self.weapon_starts = {start for _, start, _ in self.weapon_matcher(doc)}
        doc._.aw_actors = self.find_actors(doc)
        doc._.aw_weapons = self.find_weapons(doc)
        return doc

    def find_weapons(self, doc: Doc) -> list[WeaponMention]:
        spans = [
            Span(doc, start, end, label=surface) for surface, start, end in self.weapon_matcher(doc)
        ]
        covered = {i for s in spans for i in range(s.start, s.end)}
        spans += self.plural_spans(doc, covered)
        spans += self.variant_spans(doc, covered)
        stops = [(start, end) for _, start, end in self.stop_matcher(doc)]
        spans = [
            s
            for s in spans
            if not self.inside_hyphenated_adjective(s)
            and not any(start < s.end and s.start < end for start, end in stops)
        ]
        mentions = [
            self.as_part(self.in_its_sense(WeaponMention(span, self.weapon_forms[span.label_])))
            for span in sorted(filter_spans(spans), key=lambda s: s.start)
        ]
        mentions = [
            m for m in mentions if not m.weapon.needs_context or self.military_context(m, mentions)
        ]
        mentions = [m for m in mentions if not self.is_civil(m)]
        mentions = self.joined_with_head_nouns(mentions)
        mentions = self.with_shared_head_conjuncts(mentions)
        mentions = self.as_rounds(mentions)
        mentions = [self.for_programme(m, mentions) for m in mentions]
        for mention in mentions:
            self.repair_misread_designation(mention)
        for previous, mention in itertools.pairwise(mentions):
            self.repair_coordinated_designation(previous, mention)
        return mentions

    @staticmethod
    def repair_coordinated_designation(previous: WeaponMention, mention: WeaponMention) -> None:
        """The second of two coordinated systems hangs off the verb in the parse of
        'supplied Shahed-131 and Shahed-136 drones to Russia' (conj of 'supplied'); it
        becomes the conjunct of the first, so both are the verb's objects. Only when the
        words between are 'and', 'or', commas and the second one's number ('100
        Shahed-131 and 200 Shahed-136 drones')."""
        doc = mention.span.doc
        first = previous.span.root
        while first.dep_ == "conj" and first.head.i != first.i:  # 'X, Y and Z': up to X
            first = first.head
        verb = first.head
        if verb.i == first.i or verb.pos_ not in {"VERB", "AUX"} or first.dep_ != "dobj":
            return
        span = mention.span
        between = doc[previous.span.end : span.start]
        if not between or not all(
            t.lower_ in {"and", "or", ","} or (t.like_num and span.start <= t.head.i < span.end)
            for t in between
        ):
            return
        outside = [t for t in span if not span.start <= t.head.i < span.end]
        if not outside or not all(t.head.i == verb.i and t.dep_ != "dobj" for t in outside):
            return
        head = span[-1]
        for token in outside:
            if token.i != head.i:
                token.head = head
                token.dep_ = "compound"
        for child in list(head.children):
            if child.dep_ == "prep" and child.lower_ in {"to", "from"}:
                child.head = verb
        head.head = first
        head.dep_ = "conj"

    @staticmethod
    def repair_misread_designation(mention: WeaponMention) -> None:
        """A designation the parser did not read as a noun takes the place it should have
        in the parse: in 'Iran supplied 100 Shahed-131 to Russia' the parser makes '100'
        the object and 'Shahed-131' punctuation; the designation becomes the object and
        the number its count. With no number before it, a designation hanging off a verb
        that has no object ('supplied 12 M/41D') becomes the object."""
        root = mention.span.root
        verb = root.head
        if verb.i == root.i or verb.pos_ not in {"VERB", "AUX"} or root.dep_ not in MISREAD_DEPS:
            return
        doc = root.doc
        before = doc[mention.span.start - 1] if mention.span.start > 0 else None
        if (
            before is not None
            and before.like_num
            and before.head.i == verb.i
            and before.dep_ in NUMBER_ROLES
        ):
            role = before.dep_
            before.head = root
            before.dep_ = "nummod"
            root.dep_ = role
        elif root.i > verb.i and not any(c.dep_ == "dobj" for c in verb.children):
            root.dep_ = "dobj"
        else:
            return
        for child in list(root.children):  # 'supplied 12 M/41D *to Ukraine*': the verb's
            if child.dep_ == "prep" and child.lower_ in {"to", "from"}:
                child.head = verb

    def plural_spans(self, doc: Doc, covered: set[int]) -> list[Span]:
        """Plurals of system forms ('F-16s', 'Leopard 2s', 'Gripens'), looked up on the
        tokens ending in s that no form matched."""
        found = []
        for token in doc:
            if token.i in covered or not token.lower_.endswith("s"):
                continue
            for before in range(0, 3):
                start = token.i - before
                if start < 0:
                    break
                key = doc[start : token.i].text_with_ws.lower() + token.lower_
                if key in self.plural_forms:
                    found.append(Span(doc, start, token.i + 1, label=key))
                    break
        return found

    def variant_spans(self, doc: Doc, covered: set[int]) -> list[Span]:
        """Sub-variants written as their family's designation plus a variant code map to
        the family: 'Mi-8AMT' → Mi-8, 'Su-30SME' → Su-30, 'T-90SK' → T-90, 'Leopard 2A7'
        → Leopard 2. The family form ends in a digit and the code starts with a capital
        letter, so 'Su-300' is not Su-30 and 'F-16s' is left to the plural forms."""
        found = []
        for token in doc:
            text = token.text
            if token.is_space or token.i in covered or len(text) < 4:
                continue
            if not any(c.isdigit() for c in text):
                continue
            for cut in range(len(text) - 1, 1, -1):
                if not text[cut - 1].isdigit() or not VARIANT_SUFFIX.fullmatch(text[cut:]):
                    continue
                span = self.family_span(doc, token, text[:cut].lower())
                if span is not None:
                    found.append(span)
                    break
        return found

    def family_span(self, doc: Doc, token: Token, head: str) -> Span | None:
        """The span from the start of the family form ending in ``head`` (the first part
        of ``token``) to ``token``: 'Leopard' + '2A7' → 'leopard 2'."""
        for before in range(0, 3):
            start = token.i - before
            if start < 0:
                break
            key = doc[start : token.i].text_with_ws.lower() + head
            if key in self.weapon_families:
                return Span(doc, start, token.i + 1, label=self.weapon_families[key])
        return None

    def is_civil(self, mention: WeaponMention) -> bool:
        """A weapon word modified as a civil machine: '*civilian* helicopters',
        '*agricultural* drones', '*fire-fighting* aircraft' (a hyphenated modifier is read
        whole: 'infantry *fighting* vehicles' stay weapons). Words of the file's
        ``civil_modifiers``."""
        root = mention.span.root
        modifiers = [c for c in root.lefts if c.dep_ in {"amod", "compound", "nmod"}]
        for modifier in modifiers:
            whole = modifier.doc[modifier.left_edge.i : modifier.i + 1].text.lower()
            if modifier.lower_ in self.civil_modifiers or whole in self.civil_modifiers:
                return True
        return False

    @staticmethod
    def in_its_sense(mention: WeaponMention) -> WeaponMention:
        """A designation shared by two systems takes the sense whose words are within
        ``SENSE_WINDOW`` tokens: 'D-30 engines' is the turbofan, 'D-30 howitzers' not."""
        if not mention.weapon.senses:
            return mention
        span = mention.span
        doc = span.doc
        near = doc[max(0, span.start - SENSE_WINDOW) : min(len(doc), span.end + SENSE_WINDOW)]
        words = {t.lower_ for t in near} | {t.lemma_.lower() for t in near}
        for sense_words, form in mention.weapon.senses:
            if not words.isdisjoint(sense_words):
                return WeaponMention(span, form)
        return mention

    def as_part(self, mention: WeaponMention) -> WeaponMention:
        """'parts for Russian drones', 'engines of the tanks', 'drone engines': a weapon
        named as what parts are for is a components item (the lexicon's ``part_nouns``);
        so is a named system that support is for ('F-16 sustainment', 'an F-16 case for
        sustainment', ``support_nouns``), which keeps its name."""
        if mention.weapon.category == "components":
            return mention
        holders = what_it_is_for(mention.span)
        holders += [  # 'an F-16 case *for sustainment*': what the holder itself is for
            pobj
            for holder in holders
            for prep in holder.children
            if prep.dep_ == "prep" and prep.lower_ == "for"
            for pobj in prep.children
            if pobj.dep_ == "pobj"
        ]
        lemmas = {holder.lemma_.lower() for holder in holders}
        if lemmas & self.part_nouns:
            part = dataclasses.replace(
                mention.weapon, category="components", system=None, senses=()
            )
            return WeaponMention(mention.span, part)
        if lemmas & self.support_nouns and mention.weapon.system is not None:
            return WeaponMention(
                mention.span, dataclasses.replace(mention.weapon, category="components")
            )
        return mention

    def with_shared_head_conjuncts(self, mentions: list[WeaponMention]) -> list[WeaponMention]:
        """'*anti-ship* and anti-aircraft missiles', '*Bradley* and Stryker vehicles': the
        first of two modifiers that share the head noun names a weapon of its own, the
        form its words make with that head noun ('anti-ship missiles'), or a system's form
        that starts with them and ends with it ('Bradley fighting vehicles')."""
        covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
        added: list[WeaponMention] = []
        for mention in mentions:
            span = mention.span
            doc = span.doc
            head = shared_head(span)
            joint = span.start - 1
            if head is None or joint < 2 or doc[joint].lower_ not in {"and", "or"}:
                continue
            for start in range(joint - 1, max(joint - 4, span.sent.start - 1), -1):
                words = doc[start:joint]
                if any(t.i in covered or (t.is_punct and t.text != "-") for t in words):
                    break
                text = words.text.lower()
                surface = f"{text} {head.lower_}"
                if surface not in self.weapon_forms:
                    surface = self.by_first_and_head.get((text, head.lower_), "")
                if surface in self.weapon_forms:
                    added.append(WeaponMention(words, self.weapon_forms[surface]))
                    break
        return sorted([*mentions, *added], key=lambda m: m.span.start)

    def for_programme(self, mention: WeaponMention, mentions: list[WeaponMention]) -> WeaponMention:
        """'supplied X with military technology *to assist* the development of its
        *missile programme*', 'technology *for* its drone *program*': unnamed technology
        or parts given for a weapon programme are of the programme's kind."""
        if mention.weapon.category != "components" or mention.weapon.system is not None:
            return mention
        root = mention.span.root
        purposes = [c for c in root.children if is_purpose(c)]
        verb = root.head.head if root.dep_ == "pobj" else root.head
        if root.dep_ in {"dobj", "pobj"} and verb.pos_ == "VERB":  # 'supplied X with it to …'
            purposes += [c for c in verb.children if is_purpose(c) and c.i > root.i]
        kinds = {
            i: m.weapon.category
            for m in mentions
            if m.weapon.category != "components"
            for i in range(m.span.start, m.span.end)
        }
        for purpose in purposes:
            if purpose.dep_ != "prep" and not any(c.lower_ == "to" for c in purpose.children):
                continue  # an infinitive of purpose, not any clause
            for token in purpose.subtree:
                if token.lemma_.lower() not in self.programme_nouns:
                    continue
                kind = next((kinds[c.i] for c in token.children if c.i in kinds), None)
                if kind is not None:
                    weapon = dataclasses.replace(mention.weapon, category=kind)
                    return WeaponMention(mention.span, weapon)
        return mention

    def as_rounds(self, mentions: list[WeaponMention]) -> list[WeaponMention]:
        """'munitions for HIMARS', 'Javelin rounds', 'rockets for the air defence system':
        a launcher named as what munitions are for is its rounds, not the launcher. The
        category is that of its rounds (weapons.yaml ``munitions_of``: an air-defence
        system's are air_defence, a missile launcher's missile, others' ammunition); a
        named system keeps its name."""
        rounds = {
            i
            for m in mentions
            if m.weapon.category == "ammunition"
            for i in range(m.span.start, m.span.end)
        }
        result = []
        named_by_launcher: set[int] = set()  # rounds that are missiles or interceptors
        for mention in mentions:
            holders = [h.i for h in what_it_is_for(mention.span) if h.i in rounds]
            if holders and mention.weapon.category not in {"ammunition", "components"}:
                category = self.munitions_of.get(mention.weapon.category, "ammunition")
                weapon = dataclasses.replace(mention.weapon, category=category)
                mention = WeaponMention(mention.span, weapon)
                if category != "ammunition":
                    named_by_launcher.update(holders)
            result.append(mention)
        return [
            m
            for m in result
            if m.weapon.system is not None
            or not any(m.span.start <= i < m.span.end for i in named_by_launcher)
        ]

    def military_context(self, mention: WeaponMention, mentions: list[WeaponMention]) -> bool:
        """A name that is also an ordinary word ('Spartan', 'Cougar', 'Patriot') is a
        weapon only with another weapon in its sentence ('Patriot *missile*', 'F-16s,
        Mirages and Gripens') or a word of the file's ``context_words`` (supplied, army),
        and only written as the knowledge base spells it ('Island', not 'the island')."""
        text = mention.span.text
        if text not in {mention.weapon.spelling, mention.weapon.spelling.upper()}:
            return False
        if self.inside_proper_name(mention.span, mentions):
            return False
        sent = mention.span.sent
        if any(
            other is not mention
            and not other.weapon.needs_context
            and sent.start <= other.span.start < sent.end
            for other in mentions
        ):
            return True
        words = {t.lower_ for t in sent} | {t.lemma_.lower() for t in sent}
        return not words.isdisjoint(self.context_words)

    @staticmethod
    def inside_proper_name(span: Span, mentions: list[WeaponMention]) -> bool:
        """'Abdul Kalam *Island*', '*Penguin* Random House', '*Spartan* Race': a capitalised
        proper noun right before or after makes the word part of another name (actor
        names and weapons excepted: 'Britain's Spartan', 'Patriot PAC-3')."""
        doc = span.doc
        neighbours = []
        if span.start > span.sent.start:
            neighbours.append(doc[span.start - 1])
        if span.end < span.sent.end:
            neighbours.append(doc[span.end])
        weapon_tokens = {i for m in mentions for i in range(m.span.start, m.span.end)}
        actor_tokens = {i for m in doc._.aw_actors or [] for i in range(m.span.start, m.span.end)}
        return any(
            t.pos_ == "PROPN" and t.is_title and t.i not in actor_tokens | weapon_tokens
            for t in neighbours
        )

    @staticmethod
    def joined_with_head_nouns(mentions: list[WeaponMention]) -> list[WeaponMention]:
        """A system directly followed by a generic noun of its kind is one mention:
        '100 Shahed-131 one-way attack drones', 'Patriot missile systems', so the noun's
        numbers count for the system. Ammunition and components after a system are
        items of their own ('HIMARS rockets', 'F-16 engines')."""
        joined: list[WeaponMention] = []
        for mention in mentions:
            previous = joined[-1] if joined else None
            if (
                previous is not None
                and previous.weapon.system is not None
                and mention.weapon.system is None
                and mention.span.start == previous.span.end
                and mention.weapon.category not in HEAD_NOUN_CATEGORIES_KEPT_APART
            ):
                doc = mention.span.doc
                joined[-1] = WeaponMention(
                    Span(doc, previous.span.start, mention.span.end, label=previous.span.label),
                    previous.weapon,
                )
                continue
            joined.append(mention)
        return joined

    @staticmethod
    def inside_hyphenated_adjective(span: Span) -> bool:
        """'anti-tank' in 'anti-tank missiles' is not the noun 'tank'."""
        doc = span.doc
        return span.start > 0 and doc[span.start - 1].text == "-" and span.start > 1

    def find_actors(self, doc: Doc) -> list[ActorMention]:
        spans = [
            Span(doc, start, end, label=surface) for surface, start, end in self.actor_matcher(doc)
        ]
        # 'the South' in 'the South Korean government' must not hide 'South Korean' when
        # overlapping spans are resolved
        spans = [s for s in spans if not compass_of_longer_name(s)]
        mentions: list[ActorMention] = []
        introduced: set[str] = set()
        ambiguous: list[Span] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if span.label_ in self.ambiguous_forms:
                ambiguous.append(span)
                continue
            form = self.actor_forms[span.label_]
            if form.form == "short" and form.actor.id not in introduced:
                continue
            if form.form in {"name", "capital", "short"} and self.is_part_of_longer_name(span):
                continue
            if form.form == "person" and self.is_another_persons_name(span, form):
                continue
            if form.form == "adjective" and self.describes_private_people(span):
                continue
            introduced.add(form.actor.id)
            mentions.append(ActorMention(span, form.actor, form.form, self.kind_of(span, form)))
        if ambiguous:
            mentions = sorted(
                mentions + self.resolve_ambiguous(doc, ambiguous, introduced),
                key=lambda m: m.span.start,
            )
        titled = self.titled_people(doc, mentions)
        if titled:
            mentions = sorted(mentions + titled, key=lambda m: m.span.start)
        described = self.described_people(doc, mentions)
        if described:
            mentions = sorted(mentions + described, key=lambda m: m.span.start)
        return mentions

    def described_people(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A name the knowledge base does not know, described right after its first use as
        holding an office of a state, is that state's official there and wherever its
        surname recurs: 'Seth Bailey, who directs Korean affairs at the U.S. Department of
        State, …' + 'Bailey set out evidence' → USA; 'Amos Kibet, a senior Kenyan
        official,' → KEN."""
        covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
        states = {m.span.start: m for m in mentions if m.actor.kind == "state"}
        found: list[ActorMention] = []
        surnames: dict[str, ActorMention] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
                continue
            if ent.text.split()[-1] in surnames:
                known = surnames[ent.text.split()[-1]]
                found.append(ActorMention(ent, known.actor, "person", known.kind))
                covered.update(range(ent.start, ent.end))
                continue
            if len(ent) < 2 or ent.end >= len(doc) or doc[ent.end].text != ",":
                continue
            window = doc[ent.end + 1 : min(ent.end + DESCRIPTION_WINDOW, len(doc))]
            stop = next((t.i for t in window if t.text in {",", ".", ";"}), window.end)
            clause = doc[ent.end + 1 : stop]
            if len(clause) and clause[0].pos_ in {"VERB", "AUX"}:
                continue  # 'X, praised Y's government forces': the sentence goes on
            state = next(  # the state that holds the office, not a subject ('Korean affairs')
                (
                    states[t.i]
                    for t in clause
                    if t.i in states and states[t.i].span.end < len(doc)
                    and (states[t.i].kind != "state" or self.office_follows(states[t.i].span))
                ),
                None,
            )  # fmt: skip
            if state is None or not any(t.lemma_.lower() in self.office_words for t in clause):
                continue
            mention = ActorMention(ent, state.actor, "person", "official")
            found.append(mention)
            surnames[ent.text.split()[-1]] = mention
            covered.update(range(ent.start, ent.end))
        for token in doc:  # the surname alone later on, however the tagger read it
            if token.text in surnames and token.i not in covered and token.i > 0:
                known = surnames[token.text]
                if token.i > known.span.start:
                    found.append(
                        ActorMention(doc[token.i : token.i + 1], known.actor, "person", known.kind)
                    )
                    covered.add(token.i)
        return found

    def titled_people(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A name the knowledge base does not know, after a title with a nationality, is
        the state's official: 'Zimbabwean Prime Minister Tendai Moyo', 'Kenya's Defence
        Minister Amos Kibet' → the person's words stand for ZWE, KEN (kind leader for
        heads of state and government, else official)."""
        covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
        found = []
        for mention in mentions:
            if mention.actor.kind != "state" or mention.form not in {"adjective", "name"}:
                continue
            i = mention.span.end
            if i < len(doc) and doc[i].text in {"'s", "’s"}:
                i += 1
            title = i
            title_or_organ = self.title_words | self.organs.keys()
            while i < len(doc) and doc[i].lower_ in title_or_organ:
                i += 1
            words = {t.lower_ for t in doc[title:i]}
            organ = [self.organs[w] for w in words if w in self.organs]
            if not organ or i >= len(doc) or doc[i].ent_type_ != "PERSON" or i in covered:
                continue
            end = i
            while end < len(doc) and doc[end].ent_type_ == "PERSON" and end not in covered:
                end += 1
            kind = "leader" if words & LEADER_TITLES else "official"
            found.append(ActorMention(doc[i:end], mention.actor, "person", kind))
            covered.update(range(i, end))
        return found

    def split_hyphenated_names(self, doc: Doc) -> None:
        """Split tokens the tokenizer keeps whole after an abbreviation's full stop, when a
        part is an actor: 'U.S.-Japan' → 'U.S.', '-', 'Japan'; 'D.C.-Tokyo' → 'D.C.', '-',
        'Tokyo' (as 'Seoul-Tokyo' already is). The last part keeps the token's place in
        the parse; the first hangs on it as a compound."""
        known = self.actor_forms.keys() | self.ambiguous_forms.keys()
        splits = []
        for token in doc:
            match = HYPHENATED_AFTER_STOP.match(token.text)
            if match and (match.group(1) in known or match.group(2) in known):
                splits.append((token, match.group(1), match.group(2)))
        if not splits:
            return
        with doc.retokenize() as retokenizer:
            for token, first, second in splits:
                retokenizer.split(
                    token,
                    [first, "-", second],
                    heads=[
                        (token, 2),
                        (token, 2),
                        token.head if token.head != token else (token, 2),
                    ],
                    attrs={
                        "DEP": ["compound", "punct", token.dep_],
                        "POS": ["PROPN", "PUNCT", token.pos_],
                        "LEMMA": [first, "-", second],
                    },
                )

    def resolve_ambiguous(
        self, doc: Doc, spans: list[Span], mentioned: set[str]
    ) -> list[ActorMention]:
        """Mentions of shared forms ('Congo', 'SAF', 'CAR') that the article decides, by
        the actors it names otherwise and the cues of the rule (gazetteer.choose_actor)."""
        found = []
        for span in spans:
            rule = self.ambiguous_forms[span.label_]
            actor = choose_actor(rule, doc.text, mentioned)
            if actor is None or self.is_part_of_longer_name(span):
                continue
            form = ActorForm(actor, rule.rule.kind)
            candidate = next(c for c in rule.rule.candidates if c.actor == actor.id)
            kind = candidate.kind or self.kind_of(span, form)
            found.append(ActorMention(span, actor, form.form, kind))
        return found

    def describes_private_people(self, span: Span) -> bool:
        """A country adjective that names a community, not the state: after a community
        marker ('*ethnic* Albanian parties') or on a noun of private people ('Chilean
        *protesters*', 'Nepali *students*'). Lexicon ``community_markers``,
        ``private_people``."""
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in self.community_markers:
            return True
        head = span.root.head
        return (
            span.root.dep_ in {"amod", "compound", "nmod"}
            and head.i >= span.end
            and head.lemma_.lower() in self.private_people
        )

    @staticmethod
    def is_another_persons_name(span: Span, form: ActorForm) -> bool:
        """A listed person's one-word alias (a surname) next to another capitalised name
        is someone else: 'Kim Soo-yeon' is not Kim Jong Un, 'Hunter Biden' not Joe Biden;
        titles do not count ('President Biden', 'Chairman Kim')."""
        if len(span) != 1:
            return False
        doc = span.doc
        token = span[0]
        neighbours = []
        if span.start > 0 and token.ent_iob_ == "I":  # the name goes on before it
            neighbours.append(doc[span.start - 1])
        if span.end < len(doc) and doc[span.end].ent_iob_ == "I":  # … or after it
            neighbours.append(doc[span.end])
        return token.ent_type_ == "PERSON" and any(
            t.text[:1].isupper() and t.text not in TITLES and not t.is_punct for t in neighbours
        )

    def is_part_of_longer_name(self, span: Span) -> bool:
        """'Washington' in 'Washington Post' is not an actor; 'U.S. Intelligence' is; 'the
        West' in 'the West African country' or 'the West Bank' is not the West."""
        doc = span.doc
        if compass_of_longer_name(span):
            return True
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.lemma_.lower() in self.organs:
                return False
            if span.end in self.weapon_starts:
                return False  # 'to Armenia Pinaka launchers': a weapon name follows
            if nxt.pos_ == "PROPN" and nxt.ent_iob_ == "I" and nxt.ent_type_ in {"ORG", "FAC"}:
                return span.root.ent_type_ not in {"GPE", "NORP"}
        return False

    def kind_of(self, span: Span, form: ActorForm) -> str:
        """The actor kind this mention stands for (state, government, official …)."""
        actor = form.actor
        if form.form == "person":
            return form.person_kind or "official"
        if actor.kind != "state":
            return actor.kind
        if form.form == "capital":
            return "government"
        if form.form in {"adjective", "name"}:
            head = self.organ_head(span)
            if head is not None:
                return self.organs[head.lemma_.lower()]
        return "state"

    def office_follows(self, span: Span) -> bool:
        """'U.S. Department of State', 'Kenyan official': an office word right after the
        name, or in a name that is itself an office ('the *Department* of State')."""
        doc = span.doc
        following = [*span, *doc[span.end : min(span.end + 3, len(doc))]]
        return any(t.lemma_.lower() in self.office_words for t in following if t.is_alpha)

    def organ_head(self, span: Span) -> Token | None:
        """'Russian officials' → 'officials'; 'the Russian Ministry of Defense' → 'Ministry'."""
        head = span.root.head
        if span.root.dep_ in {"amod", "compound", "nmod", "poss"} and (
            head.lemma_.lower() in self.organs
        ):
            return head
        return None


def compass_of_longer_name(span: Span) -> bool:
    """A span ending in a compass word that a capitalised word continues: 'the West' in
    'the West Bank', 'the South' in 'the South Korean government'."""
    doc = span.doc
    if span.end >= len(doc) or span[-1].text not in COMPASS_WORDS:
        return False
    nxt = doc[span.end]
    return nxt.is_title and nxt.is_alpha


def shared_head(span: Span) -> Token | None:
    """The head noun a weapon phrase may share with a modifier before it: its own last
    noun ('anti-aircraft *missiles*'), or the noun right after it that it modifies
    ('Stryker *vehicles*')."""
    root = span.root
    if root.i == span.end - 1 and root.pos_ == "NOUN":
        return root
    doc = span.doc
    if span.end >= len(doc) or root.dep_ not in MODIFIER_LABELS | {"conj"}:
        return None
    following = doc[span.end]  # 'Bradley and *Stryker* vehicles': a conjunct of 'Bradley'
    if following.pos_ == "NOUN" and following.is_ancestor(root):
        return following
    return None


def is_purpose(token: Token) -> bool:
    """A 'for' phrase or a clause that may say what something is for."""
    return (token.dep_ == "prep" and token.lower_ == "for") or token.dep_ in PURPOSE_DEPS


def what_it_is_for(span: Span) -> list[Token]:
    """The nouns a weapon phrase may say what it is for: one it modifies ('*drone*
    engines', '*HIMARS* munitions'), and the noun whose 'for' or 'of' phrase holds it
    ('parts *for* drones', 'rockets *for* Grad launchers', 'engines *of* the tanks'),
    also through a list ('munitions for air defence systems, *artillery* and …')."""
    holders: list[Token] = []
    root = span.root
    while root.dep_ == "conj" and root.head.i != root.i:
        root = root.head
    while root.dep_ in {"compound", "nmod", "nummod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        if any(c.dep_ == "cc" for c in root.children):
            break  # 'Chinese-built *artillery and* guided bombs': a list the parser read
        if not span.start <= root.head.i < span.end:  # as a modifier, not one
            holders.append(root.head)
        root = root.head
    prep = root.head
    if root.dep_ == "pobj" and prep.lower_ in {"for", "of"} and prep.head.i != root.i:
        holder = prep.head
        if holder.pos_ == "VERB":  # 'sent munitions *for artillery*': the parser hangs the
            holders += [c for c in holder.children if c.dep_ == "dobj"]  # phrase on the verb
        else:
            holders.append(holder)
    return holders


@Language.factory(
    "armswatch_mentions_v1",
    assigns=["doc._.aw_actors", "doc._.aw_weapons"],
    requires=["token.lemma", "token.dep"],
)
def make_mention_ruler(nlp: Language, name: str) -> MentionRuler:
    return MentionRuler(nlp, name)
