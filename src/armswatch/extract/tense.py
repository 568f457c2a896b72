"""The stage a trigger's tense and aspect tell when no governing word sets one: 'will
send' → planned, 'is sending' → ongoing, 'sent' → delivered; a headline's present ('Chile
Sends Tanks') and infinitive ('Saab to supply …'), 'is set to', 'has supplied … since
2022' (extract/modality.py reads the governing words first)."""

from __future__ import annotations

import re

from spacy.tokens import Token

from armswatch.extract.syntax import clause_tokens

FUTURE_AUX = {"will", "shall", "'ll", "would"}
MODAL_AUX = {"may", "might", "could", "can"}
PROGRESSIVE_AUX = {"be", "is", "are", "am", "was", "were", "been"}  # 'has *been* sending'
PERFECT_AUX = {"have", "has", "had", "'ve"}
TERMINAL_PUNCTUATION = {".", "!", "?", ":", ";"}
DURATION_TO_NOW = re.compile(
    r"\b(?:since|(?:over|in|during|for) (?:the )?(?:past|last|recent)"
    r"|for (?:years|months|weeks|decades))\b",
    re.I,
)
"""A stretch of time that runs up to the article's present ('since 2022', 'over recent
months', 'for years')."""


def tense_status(
    trigger: Token, default_status: str | None, breach_words: frozenset[str], of_use: bool = False
) -> str:
    """The stage by tense and aspect; ``of_use``: the trigger is a word of battlefield use,
    whose aspect is the use's ('has been using X since 2021' tells X was delivered)."""
    auxes = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
    if (
        (auxes & (FUTURE_AUX | MODAL_AUX) and not modal_perfect(trigger, auxes))
        or is_infinitive_to_be(trigger)
        or is_headline_infinitive(trigger)
        or is_set_to(trigger)
    ):
        return "planned"
    if trigger.pos_ != "VERB" and is_under_future(trigger):
        return "planned"  # 'Deliveries will begin in 2027', 'the sale would go ahead'
    if default_status == "delivered" and progressive(trigger, auxes) and not of_use:
        return "ongoing"  # 'is delivering', 'was donating … throughout the war'
    if generic_passive(trigger, auxes):
        return "unknown"  # 'the conditions tied to the weapons it is given'
    if default_status:
        return default_status
    if trigger.tag_ == "VBZ" and in_headline(trigger):
        return "delivered"  # 'Argentina Sends Missiles To Sweden'
    if trigger.pos_ != "VERB":
        noun = trigger
        while noun.dep_ == "pobj" and noun.head.lower_ == "of":  # 'thousands of workers'
            noun = noun.head.head
        verb = noun.head
        if noun.dep_ in {"dobj", "nsubjpass"} and verb.pos_ == "VERB" and verb is not noun:
            return tense_status(verb, None, breach_words)
        return "delivered" if said_to_breach(noun, breach_words) else "unknown"
    if trigger.tag_ == "VBG" and auxes & PROGRESSIVE_AUX:
        return "ongoing"
    if trigger.tag_ == "VBG" and trigger.dep_ in {"csubj", "csubjpass", "nsubj"}:
        return "unknown"  # a gerund subject has no tense: 'delivering tanks was hard'

    if trigger.tag_ == "VBG" and trigger.dep_ in {"pcomp", "advcl", "conj"}:
        governor = trigger.head.head if trigger.dep_ == "pcomp" else trigger.head
        if governor.pos_ in {"VERB", "AUX"} and governor.i != trigger.i:
            return tense_status(governor, None, breach_words)
    if trigger.tag_ == "VBN" and continuative(trigger):
        return "ongoing"
    if trigger.tag_ in {"VBD", "VBN"}:
        return "delivered"
    if trigger.tag_ in {"VBZ", "VBP", "VBG"}:
        return "ongoing"
    return "unknown"


def said_to_breach(noun: Token, breach_words: frozenset[str]) -> bool:
    """An event noun said to breach a rule names acts that took place: 'arms
    transfers *that are in direct violation of* UN resolutions', 'shipments *that
    breach* the embargo' (lexicon ``breach_words``; the parser may hang the relative
    clause on the first conjunct: 'arms and missile transfers that …')."""
    hosts = [noun, noun.head] if noun.dep_ == "conj" else [noun]
    clauses = [c for h in hosts for c in h.children if c.dep_ == "relcl"]
    for clause in clauses:
        if has_future_aux(clause):
            continue
        words = [clause, *(o for p in clause.children if p.dep_ == "prep" for o in p.children)]
        if any(w.lemma_.lower() in breach_words for w in words):
            return True
    return False


def generic_passive(trigger: Token, auxes: set[str]) -> bool:
    """A present passive with no agent in a subordinate clause says how things are, not
    that a transfer reached a stage: 'the conditions tied to the weapons *it is
    given*', 'because the arms *are supplied* under the drawdown authority, they
    arrive faster'. 'Ukraine is given F-16s by Denmark' (an agent) and a headline's
    present ('Chile Is Sold Tanks') keep their stage."""
    return (
        trigger.tag_ == "VBN"
        and trigger.dep_ in {"relcl", "advcl", "acl"}
        and auxes == (auxes & {"is", "are", "am"})
        and any(c.dep_ == "auxpass" for c in trigger.children)
        and not any(c.dep_ == "agent" for c in trigger.children)
        and not in_headline(trigger)
    )


def modal_perfect(trigger: Token, auxes: set[str]) -> bool:
    """'may have supplied', 'could have shipped': a possibility about the past, not a
    plan (its certainty is the modal's). 'will have received' stays a plan."""
    return (
        trigger.tag_ == "VBN"
        and bool(auxes & PERFECT_AUX)
        and bool(auxes & MODAL_AUX)
        and not auxes & FUTURE_AUX
    )


def progressive(trigger: Token, auxes: set[str]) -> bool:
    """'is delivering', 'was donating': a transfer under way, whatever the verb's own
    stage when done."""
    return trigger.tag_ == "VBG" and bool(auxes & PROGRESSIVE_AUX)


def in_headline(trigger: Token) -> bool:
    """A headline reports what happened in the present tense: a first line with no
    closing punctuation ('Armenia Supplies Missiles To Spain', then a new line)."""
    sent = trigger.sent
    if sent.start != 0 or not sent.text.strip():
        return False
    last = sent[-1]
    while last.is_space and last.i > sent.start:
        last = last.doc[last.i - 1]
    if last.text in TERMINAL_PUNCTUATION:
        return False
    rest = trigger.doc.text[sent.end_char :]
    return not rest.strip() or rest.lstrip(" \t").startswith("\n") or "\n" in sent.text


def continuative(verb: Token) -> bool:
    """A present perfect with a stretch of time up to now reports what continues:
    'has supplied drones since 2022', 'over recent months has been arming …', 'has
    irritated Moscow in recent weeks by acquiring arms' (the gerund takes the verb's
    stage) → ongoing; 'has supplied drones' alone is done."""
    auxes = {c.lower_ for c in verb.children if c.dep_ == "aux"}
    if not auxes & {"has", "have", "'s", "'ve"}:
        return False
    clause = sorted(clause_tokens(verb), key=lambda t: t.i)
    return bool(DURATION_TO_NOW.search(" ".join(t.text for t in clause)))


def is_infinitive_to_be(trigger: Token) -> bool:
    """'is to be dispatched' and 'to send' under no governor read as planned."""
    return any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children) and (
        trigger.head.lemma_ == "be"
    )


def has_future_aux(verb: Token) -> bool:
    auxes = {c.lower_ for c in verb.children if c.dep_ in {"aux", "auxpass"}}
    return bool(auxes & (FUTURE_AUX | MODAL_AUX))


def is_under_future(noun: Token) -> bool:
    """An event noun that is the subject or object of a verb with will/would/may, or
    of a headline's infinitive ('Chile To Take Delivery Of Jets')."""
    verb = noun.head
    if noun.dep_ not in {"nsubj", "nsubjpass", "dobj"} or verb.pos_ not in {"VERB", "AUX"}:
        return False
    return (
        has_future_aux(verb)
        or is_headline_infinitive(verb)
        or any(  # 'a new package is to be dispatched'
            c.dep_ == "xcomp" and is_infinitive_to_be(c) for c in verb.children
        )
    )


def is_set_to(trigger: Token) -> bool:
    """'China is set to deliver two warships' (not 'set out evidence that …')."""
    head = trigger.head
    return (
        trigger.dep_ == "xcomp"
        and head.lemma_.lower() == "set"
        and any(c.lemma_ == "be" and c.dep_ in {"aux", "auxpass"} for c in head.children)
    )


def is_headline_infinitive(trigger: Token) -> bool:
    """'Saab to supply Colombia with Gripens': an infinitive with no governing verb."""
    if not any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children):
        return False
    return trigger.dep_ == "ROOT" or (
        trigger.dep_ in {"relcl", "acl"} and trigger.head.pos_ == "PROPN"
    )
