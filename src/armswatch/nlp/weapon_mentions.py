"""Weapon mentions: the weapon half of the component ``armswatch_mentions_v1``.

Systems and generic weapon nouns from the gazetteer (weapons.yaml), their plurals and
sub-variants, read in their sense (civil machines, parts, rounds, programmes).
"""

from __future__ import annotations

import dataclasses
import itertools
import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from armswatch.nlp.designations import (
    repair_coordinated_designation,
    repair_misread_designation,
)
from armswatch.nlp.gazetteer import WeaponForm
from armswatch.nlp.mention_types import WeaponMention
from armswatch.nlp.phrases import PhraseTable

VARIANT_SUFFIX = re.compile(r"[A-Z][A-Za-z0-9]{0,6}(?:-[A-Z0-9][A-Za-z0-9]{0,3})?")
"""What a sub-variant adds to its family's designation: Mi-8*AMT*, Su-30*SME*, T-72*B3M*,
S-300*PMU-2*, Mi-17*V-5*, Leopard 2*A7*."""
SENSE_WINDOW = 3
"""Tokens on either side of a mention searched for the words of its other senses."""
MODIFIER_LABELS = {"compound", "nmod", "amod"}
PURPOSE_DEPS = {"advcl", "acl", "xcomp", "relcl"}
"""Clauses that may say what something is for: 'technology *to assist* its programme'."""
HEAD_NOUN_CATEGORIES_KEPT_APART = {"ammunition", "components"}
"""Generic nouns after a system that name another item: 'HIMARS rockets', 'F-16 engines'."""


class WeaponMentions:
    """The weapon-finding half of ``MentionRuler`` (its lexicons are set by its
    ``initialize``)."""

    weapon_matcher: PhraseTable
    stop_matcher: PhraseTable
    weapon_forms: dict[str, WeaponForm]
    weapon_families: dict[str, str]
    plural_forms: dict[str, WeaponForm]
    context_words: frozenset[str]
    civil_modifiers: frozenset[str]
    part_nouns: frozenset[str]
    support_nouns: frozenset[str]
    munitions_of: dict[str, str]
    programme_nouns: frozenset[str]
    by_first_and_head: dict[tuple[str, str], str]

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
            repair_misread_designation(mention)
        for previous, mention in itertools.pairwise(mentions):
            repair_coordinated_designation(previous, mention)
        return mentions

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
