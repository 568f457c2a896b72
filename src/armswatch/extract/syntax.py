"""Dependency-tree helpers shared by the extractors: slots, clause walks, indexes."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field

from spacy.tokens import Doc, Token

from armswatch.nlp.mentions import ActorMention, WeaponMention

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PREPOSITION_DEPS = {"prep", "dative"}  # the model labels 'sent *to* Somalia' dative at times


@dataclass
class MentionIndex:
    """Token index → the actor or weapon mention covering that token."""

    actors: dict[int, ActorMention] = field(default_factory=dict)
    weapons: dict[int, WeaponMention] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> MentionIndex:
        index = cls()
        for actor in doc._.aw_actors or []:
            for i in range(actor.span.start, actor.span.end):
                index.actors[i] = actor
        for weapon in doc._.aw_weapons or []:
            for i in range(weapon.span.start, weapon.span.end):
                index.weapons[i] = weapon
        return index


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def clause_tokens(head: Token) -> Iterator[Token]:
    """Tokens under ``head`` that do not belong to a nested clause."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                continue
            stack.append(child)


def subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb`` (None for passives, whose subject is the object)."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    return None


def inherited_subject(token: Token, max_hops: int = 5) -> Token | None:
    """The subject of the nearest governing verb: 'Russia plans to buy' → Russia for 'buy'."""
    current = token
    for _ in range(max_hops):
        if current.dep_ in {"ROOT"} or current.head is current:
            return None
        if current.dep_ in {"ccomp", "parataxis"}:
            return None
        if current.dep_ in {"acl", "relcl"} and current.pos_ == "VERB" and current is not token:
            return None
        via = current.dep_
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            subj = subject_of(current)
            if subj is not None:
                return relative_antecedent(subj)
            if is_passive(current) and via == "xcomp":
                raised = passive_subject(current)  # 'X is believed to have shipped'
                if raised is not None:
                    return raised
            if is_passive(current):
                agent = agent_of(current)
                if agent is not None:
                    return agent
    return None


def passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)


def relative_antecedent(subj: Token) -> Token:
    """'the country which supplies' → 'country' for the subject 'which'."""
    if subj.lower_ in RELATIVE_PRONOUNS:
        verb = subj.head
        if verb.dep_ == "relcl":
            return verb.head
    return subj


def agent_of(verb: Token) -> Token | None:
    """The object of 'by' in a passive: 'supplied by Iran' → Iran; also a 'by' the parser
    hung on the verb's prepositional object ('imposed on Chad *by Niger*')."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"):
                return next((c for c in by.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(head: Token, preposition: str, deep: bool = True) -> list[Token]:
    """Objects of ``preposition`` attached to ``head`` or (deep) to nouns of its clause."""
    found: list[Token] = []
    candidates = list(clause_tokens(head)) if deep else [head]
    for token in candidates:
        if token is not head and token.pos_ in {"VERB", "AUX"}:
            continue
        for child in token.children:
            if child.dep_ in PREPOSITION_DEPS and child.lower_ == preposition:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                found.extend(stranded_object(child, objects) or objects)
    return found


def stranded_object(preposition: Token, objects: list[Token]) -> list[Token]:
    """The named actor right after a preposition that the parser hung elsewhere or on
    a misread word ('a trade pact *with* Turkey enters into force': 'Turkey' read as a
    modifier of 'enters', itself read as the object or as a verb)."""
    if any(c.dep_ == "pcomp" for c in preposition.children):
        return []
    after = preposition.i + 1
    for mention in preposition.doc._.aw_actors or []:
        if mention.span.start != after or mention.form != "name":
            continue
        root = mention.span.root
        if root in objects:
            return []
        if not objects or (root.dep_ in {"compound", "amod", "nmod"} and root.head in objects):
            return [root]
    return []


def conjuncts(token: Token) -> list[Token]:
    """A token and the tokens coordinated with it ('Russia and Syria')."""
    result = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"} or is_misread_conjunct(child):
            result.extend(conjuncts(child))
    return result


def is_misread_conjunct(child: Token) -> bool:
    """A first name the parser hung on a multiword second one ('*Luanda* and Phnom Penh':
    Luanda as a modifier of Penh, carrying the 'and')."""
    return (
        child.dep_ in {"nmod", "compound"}
        and child.pos_ == "PROPN"
        and child.head.pos_ == "PROPN"
        and child.i < child.head.i
        and any(c.dep_ == "cc" for c in child.children)
    )


def governors(token: Token, max_hops: int = 4) -> Iterator[Token]:
    """The chain of heads above ``token`` inside its sentence (not the token itself)."""
    current = token
    for _ in range(max_hops):
        if current.head is current:
            return
        current = current.head
        yield current
