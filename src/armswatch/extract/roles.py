"""Fill a trigger's frame slots with actors and weapon items from the dependency parse."""

from __future__ import annotations

from typing import TypeVar

from spacy.tokens import Token

from armswatch.extract.syntax import (
    MODIFIER_DEPS,
    MentionIndex,
    agent_of,
    clause_tokens,
    conjuncts,
    inherited_subject,
    is_passive,
    prep_objects,
    relative_antecedent,
    subject_of,
)
from armswatch.nlp.mentions import ActorMention, WeaponMention

ITEM_DEPS = {"dobj", "nsubjpass", "pobj", "conj", "appos", "compound", "attr", "oprd"}
T = TypeVar("T")
PRONOUNS = {"it", "they", "its", "their", "them"}


class RoleFiller:
    """Resolves slot names (see kb/schema.py: Trigger) to actor mentions and items."""

    def __init__(
        self, index: MentionIndex, organs: set[str], occupation_markers: set[str]
    ) -> None:
        self.index = index
        self.organs = organs
        self.occupation_markers = occupation_markers

    # -- actors ---------------------------------------------------------------------
    def actors_at(self, token: Token, deep: bool = False) -> list[ActorMention]:
        """Actors a noun phrase headed by ``token`` refers to (with its conjuncts)."""
        found: list[ActorMention] = []
        for head in conjuncts(token):
            found.extend(self.actors_of_head(head, deep))
        return unique(found)

    def actors_of_head(self, head: Token, deep: bool) -> list[ActorMention]:
        head = relative_antecedent(head)
        if head.i in self.index.actors:
            return [self.index.actors[head.i]]
        if head.lower_ in PRONOUNS:
            antecedent = self.antecedent(head)
            return [antecedent] if antecedent else []
        if head.i in self.index.weapons:
            return []
        modifiers = [
            self.index.actors[c.i]
            for c in head.children
            if c.dep_ in MODIFIER_DEPS and c.i in self.index.actors
        ]
        if modifiers:
            return modifiers
        if head.lemma_.lower() in self.organs:
            for pobj in prep_objects(head, "of", deep=False):
                if pobj.i in self.index.actors:
                    return [self.index.actors[pobj.i]]
        if deep:
            return [
                self.index.actors[t.i]
                for t in clause_tokens(head)
                if t.i in self.index.actors and t is not head
            ]
        return []

    def antecedent(self, pronoun: Token) -> ActorMention | None:
        """The nearest preceding state-level actor in a subject position."""
        sent_start = pronoun.sent.start
        doc = pronoun.doc
        start = doc[sent_start - 1].sent.start if sent_start > 0 else sent_start
        candidates = [
            m
            for m in doc._.aw_actors or []
            if start <= m.span.start < pronoun.i
            and m.span.root.dep_ in {"nsubj", "nsubjpass", "poss"}
        ]
        return candidates[-1] if candidates else None

    # -- slots ----------------------------------------------------------------------
    def slot_tokens(self, trigger: Token, slot: str) -> list[Token]:
        """Head tokens filling ``slot`` of ``trigger``."""
        passive = trigger.pos_ == "VERB" and is_passive(trigger)
        if slot == "subj":
            return [] if passive else self.subject_tokens(trigger)
        if slot == "agent":
            agent = agent_of(trigger) if passive else None
            return [agent] if agent is not None else []
        if slot == "obj":
            deps = {"nsubjpass"} if passive else {"dobj"}
            objs = [c for c in trigger.children if c.dep_ in deps]
            if not objs and trigger.dep_ in {"acl", "relcl"} and passive is False:
                objs = [trigger.head] if trigger.tag_ == "VBN" else []
            return objs
        if slot == "dative":
            return [c for c in trigger.children if c.dep_ in {"dative", "iobj"}]
        if slot == "poss":
            return [c for c in trigger.children if c.dep_ == "poss"]
        if slot == "mod":
            return [
                c for c in trigger.children if c.dep_ in {"amod", "compound", "nmod", "npadvmod"}
            ]
        if slot == "gov_subj":
            return self.governing_subject(trigger)
        if slot == "occupier":
            return self.occupiers(trigger)
        if slot.startswith("prep:"):
            return prep_objects(trigger, slot[5:])
        raise ValueError(f"unknown slot {slot!r}")

    def subject_tokens(self, trigger: Token) -> list[Token]:
        """The subject; for 'Russia's plan to buy' the planner; for 'drones acquired from
        Tehran' (a reduced relative whose 'subject' is the weapon) the governing subject."""
        subj = subject_of(trigger)
        if subj is not None and subj.i in self.index.weapons:
            subj = None
        if subj is None and trigger.pos_ == "VERB":
            if trigger.dep_ == "acl" and trigger.head.pos_ == "NOUN":
                if self.actors_of_head(trigger.head, deep=False):
                    return [trigger.head]
            subj = inherited_subject(trigger)
        return [relative_antecedent(subj)] if subj is not None else []

    def occupiers(self, trigger: Token) -> list[Token]:
        """'Russian-occupied territories' in the trigger's sentence → Russian."""
        found = []
        for token in trigger.sent:
            if token.lower_ in self.occupation_markers and token.i > 1:
                if token.doc[token.i - 1].text == "-" and token.i - 2 in self.index.actors:
                    found.append(token.doc[token.i - 2])
        return found

    def governing_subject(self, noun: Token) -> list[Token]:
        """'Russia held talks' → Russia for the noun 'talks'."""
        if noun.dep_ in {"dobj", "attr", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
            verb = noun.head
            subj = subject_of(verb) or inherited_subject(verb)
            return [relative_antecedent(subj)] if subj is not None else []
        if noun.dep_ == "pobj" and noun.head.dep_ == "prep":
            return self.governing_subject(noun.head.head) if noun.head.head.pos_ == "NOUN" else []
        return []

    # -- items ----------------------------------------------------------------------
    def items_of(self, trigger: Token) -> list[WeaponMention]:
        """Weapon mentions in the trigger's own clause (objects, 'of' phrases, compounds)."""
        found: list[WeaponMention] = []
        if trigger.i in self.index.weapons:
            found.append(self.index.weapons[trigger.i])
        roots = [trigger]
        if trigger.dep_ in {"acl", "relcl"} and trigger.tag_ == "VBN":
            roots.append(trigger.head)
        for root in roots:
            for token in clause_tokens(root):
                if token is trigger or token.i not in self.index.weapons:
                    continue
                if self.is_origin_or_actor_phrase(token, trigger):
                    continue
                found.append(self.index.weapons[token.i])
        return unique(found)

    def is_origin_or_actor_phrase(self, token: Token, trigger: Token) -> bool:
        """Skip weapons inside 'for use in X' purpose phrases or another actor's name."""
        return token.i in self.index.actors


def unique(items: list[T]) -> list[T]:
    seen: list[T] = []
    for item in items:
        if not any(item is s for s in seen):
            seen.append(item)
    return seen
