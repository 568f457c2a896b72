"""Slots of people sent abroad who fight or serve on another state's side: 'North Korean
soldiers *fighting alongside* Russian forces', 'Eritrean troops *fighting for* the Ethiopian
army', 'Chadian soldiers *within the ranks of* the Sudanese army', 'Iranian advisers
*helping* the Syrian army'. The side they are on hosts them (OUTPUT.md: troops sent to
fight or serve in or for another state). Registered in extract/slots.py.

The verbs of fighting, serving and helping are vocabulary, read from the lexicon of
triggers.yaml (``fighting_verbs``, ``serving_verbs``, ``helping_verbs``); the prepositions
of siding are grammar, kept here beside the slot that reads them.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from armswatch.extract.clause_parts import OWNER_DEPS, counting_noun
from armswatch.extract.slots import SlotCase, slot
from armswatch.extract.syntax import prep_objects

if TYPE_CHECKING:
    from spacy.tokens import Token

    from armswatch.extract.roles import RoleFiller

JOINING_VERBS = {"join", "participate", "take"}
"""Verbs whose 'in' phrase names where the fighting is: 'joined the fighting *in X*',
'take part *in X's* offensive' ('take' only with 'part')."""
INVOLVING_VERBS = {"involve", "include"}
"""Verbs by which an operation names the troops in it: 'Russia's offensive *involving*
North Korean soldiers'."""
SIDING_PREPOSITIONS = {"alongside", "for", "within", "among", "beside"}
SIDE_NOUNS = {"rank", "side", "line"}
"""Nouns that stand for the side in 'within *the ranks of* X', 'on *the side of* X'."""
PRIVATE_FORCES = {"armed_group", "company"}
"""Actor kinds that host no deployment: fighting on their side is no sending abroad."""


@slot(
    "fights_for",
    [
        SlotCase(
            "Chilean soldiers are fighting alongside Peruvian forces.", "soldier", ("PER",), "NOUN"
        ),
        SlotCase("Eritrean troops fought for the Ethiopian army.", "troop", ("ETH",), "NOUN"),
        SlotCase(
            "Chadian soldiers served within the ranks of the Sudanese army.",
            "soldier",
            ("SDN",),
            "NOUN",
        ),
        SlotCase("Iranian troops have been helping the Syrian army.", "troop", ("SYR",), "NOUN"),
        SlotCase("Omani soldiers landed in Aden and assisted Yemen.", "soldier", ("YEM",), "NOUN"),
        SlotCase(
            "Nepali troops will take part in Indian ground operations.", "troop", ("IND",), "NOUN"
        ),
        SlotCase(
            "Ugandan soldiers joined the fighting in Somalia's south.", "soldier", ("SOM",), "NOUN"
        ),
        SlotCase(
            "Hundreds of Chadian soldiers fought alongside Nigerien forces.",
            "soldier",
            ("NER",),
            "NOUN",
        ),
        SlotCase("Kenyan troops took a break in Uganda.", "troop", (), "NOUN"),
        SlotCase(
            "Russia's offensive involving North Korean soldiers stalled.",
            "soldier",
            ("RUS",),
            "NOUN",
        ),
        SlotCase("A parade involving Chilean soldiers was held.", "soldier", (), "NOUN"),
        SlotCase("Malian soldiers fought alongside Wagner fighters.", "soldier", (), "NOUN"),
        SlotCase("Chilean troops fighting with Peruvian forces.", "troop", (), "NOUN"),
        SlotCase("Chilean troops fought Peruvian forces near the border.", "troop", (), "NOUN"),
    ],
)
def fights_for(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The side that people sent abroad fight or serve on: the 'alongside / for / within'
    phrase of a verb of fighting or serving whose subject they are, or that describes them
    ('soldiers *fighting alongside* X'), or the object of a verb of helping ('troops
    *joined* X's army'), or the owner of an operation that involves them ('X's offensive
    *involving* the soldiers'); 'the ranks of X' and 'the side of X' stand for X. The
    object of 'fight' is the enemy, not the side."""
    noun = counting_noun(filler, trigger) or trigger
    found = [side_of(filler, operation) for operation in operations_involving(noun)]
    words_of = filler.entity_words
    for verb in acts_of(noun):
        lemma = verb.lemma_.lower()
        if lemma in JOINING_VERBS:
            found += [side_of(filler, noun) for noun in joined_in(verb)]
        if lemma in words_of.helping:
            found += [c for c in verb.children if c.dep_ == "dobj"]
            continue
        words = set(SIDING_PREPOSITIONS)
        if lemma in words_of.serving:
            words.add("with")
        elif lemma not in words_of.fighting:
            continue
        for word in sorted(words):
            found += [side_of(filler, noun) for noun in prep_objects(verb, word, deep=False)]
    return [side for side in found if not is_private_force(filler, side)]


def is_private_force(filler: RoleFiller, side: Token) -> bool:
    """A side that is an armed group or a military company is no host state: 'Malian
    soldiers fought alongside *Wagner* fighters' in their own country."""
    mention = filler.index.actors.get(side.i)
    return mention is not None and mention.actor.kind in PRIVATE_FORCES


def acts_of(noun: Token) -> list[Token]:
    """The verbs a noun of people acts in: the verb it is the subject of, down through
    'are expected *to fight*' and along '… and *assisted* X', and participles or
    relative clauses on it ('soldiers *fighting* …', 'troops who *serve* …')."""
    verbs = [c for c in noun.children if c.dep_ in {"acl", "relcl"} and c.pos_ == "VERB"]
    if noun.dep_ in {"nsubj", "nsubjpass"} and noun.head.pos_ in {"VERB", "AUX"}:
        verbs.append(noun.head)
    for verb in list(verbs):  # '… and *assisted* X', 'are expected *to fight*'
        verbs += [
            c
            for c in verb.children
            if (c.dep_ == "xcomp" or (c.dep_ == "conj" and not has_subject(c))) and c.pos_ == "VERB"
        ]
    return verbs


def operations_involving(noun: Token) -> list[Token]:
    """The operation a participle or relative clause says the people are in: 'an
    offensive *involving* the soldiers', 'operations that *include* the troops'."""
    verb = noun.head
    if noun.dep_ != "dobj" or verb.lemma_.lower() not in INVOLVING_VERBS:
        return []
    return [verb.head] if verb.dep_ in {"acl", "relcl"} and verb.head.pos_ == "NOUN" else []


def has_subject(verb: Token) -> bool:
    return any(c.dep_ in {"nsubj", "nsubjpass"} for c in verb.children)


def joined_in(verb: Token) -> list[Token]:
    """The 'in' phrase of a verb of joining, or of its object: 'joined the fighting *in
    X*', 'took part *in* X's offensive'."""
    objects = [c for c in verb.children if c.dep_ == "dobj"]
    if verb.lemma_.lower() == "take" and not any(o.lower_ == "part" for o in objects):
        return []
    found = prep_objects(verb, "in", deep=False)
    for noun in objects:
        found += prep_objects(noun, "in", deep=False)
    return found


def side_of(filler: RoleFiller, noun: Token) -> Token:
    """'the ranks of X' → X; 'X's offensive', '*Indian* ground operations' → the actor
    that owns the noun; any other noun stands for itself."""
    if noun.lemma_.lower() in SIDE_NOUNS:
        owners = prep_objects(noun, "of", deep=False)
        if owners:
            return owners[0]
    owner = next(
        (c for c in noun.children if c.dep_ in OWNER_DEPS and c.i in filler.index.actors), None
    )
    return owner if owner is not None else noun
