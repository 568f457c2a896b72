"""Slots in the trigger's own clause: subject, agent, object, dative, possessor,
modifier and the ``prep:WORD`` family (registered in extract/slots.py)."""

from __future__ import annotations

from typing import TYPE_CHECKING

from armswatch.extract import clause_parts
from armswatch.extract.slots import SlotCase, slot
from armswatch.extract.syntax import (
    agent_of,
    is_passive,
    prep_objects,
    relative_antecedent,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from armswatch.extract.roles import RoleFiller


def passive(trigger: Token) -> bool:
    return trigger.pos_ == "VERB" and is_passive(trigger)


@slot(
    "subj",
    [
        ("Iran supplied drones to Russia.", "supply", ("IRN",)),
        ("Russia plans to buy shells from North Korea.", "buy", ("RUS",)),
        ("Parliament condemned Belarus for supplying rifles to Sudan.", "supply", ("BLR",)),
        ("Drones were supplied to Russia by Iran.", "supply", ()),
        ("Chile, which bought frigates from Britain, is modernising.", "buy", ("CHL",)),
    ],
)
def subject(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The active subject; inherited from a governing verb ('Russia plans to buy'), the
    object of a controlling verb ('condemn X for supplying'), the antecedent of a
    relative pronoun. None for a passive, whose subject is the object."""
    if passive(trigger):
        return []
    return clause_parts.subject_tokens(filler, trigger)


@slot(
    "agent",
    [
        ("Drones were supplied to Russia by Iran.", "supply", ("IRN",)),
        ("Rifles, sold by Serbia, reached Kenya.", "sell", ("SRB",)),
        ("Iran supplied drones to Russia.", "supply", ()),
    ],
)
def agent(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The 'by' phrase of a passive or participle ('supplied by Iran'), or of an adjective
    ('concerned by the partnership')."""
    if not (passive(trigger) or trigger.pos_ == "ADJ" or trigger.tag_ == "VBN"):
        return []
    found = agent_of(trigger)
    return [found] if found is not None else []


@slot(
    "obj",
    [
        ("France condemned Iran yesterday.", "condemn", ("IRN",)),
        ("Iran was condemned by France.", "condemn", ("IRN",)),
        ("Canada will hold Belarus to account.", "hold", ("BLR",)),
        ("It is Chile, a country the Peruvian government accuses of spying.", "accuse", ("CHL",)),
        ("Laos denounced as a crime Nepal's raid on the camp.", "denounce", ("NPL",)),
    ],
)
def direct_object(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The direct object; the subject of a passive; the subject of a small clause
    ('hold Belarus to account'); the noun a past participle modifies ('the rebels
    armed by X'); a heavy object shifted after an as-predicate, which the parser hangs
    inside the as-phrase: the possessed noun there ('denounced as a crime *X's raid*')."""
    is_passive_verb = passive(trigger)
    deps = {"nsubjpass"} if is_passive_verb else {"dobj"}
    objects = [c for c in trigger.children if c.dep_ in deps]
    if not objects and not is_passive_verb:
        objects = [
            s
            for c in trigger.children
            if c.dep_ in {"ccomp", "xcomp"}
            for s in c.children
            if s.dep_ == "nsubj"
        ]
    if not objects and not is_passive_verb:
        objects = [
            shifted
            for c in trigger.children
            if c.dep_ == "prep" and c.lower_ == "as"
            for shifted in c.subtree
            if shifted.pos_ == "NOUN" and any(p.dep_ == "poss" for p in shifted.children)
        ]
    if not objects and trigger.dep_ in {"acl", "relcl"} and trigger.tag_ == "VBN":
        objects = [trigger.head]
    elif not objects and trigger.dep_ == "relcl" and not is_passive_verb:
        objects = [trigger.head]  # zero relative: 'a country *the US accuses* of …'

    return [relative_antecedent(o) for o in objects]


@slot(
    "dative",
    [
        ("Turkey gave Somalia two drones.", "give", ("SOM",)),
        ("Belarus has given Sri Lanka howitzers.", "give", ("LKA",)),
        ("Belarus has given Russian rifles to Sudan.", "give", ()),
    ],
)
def dative(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The indirect object ('gave Somalia drones'), or the object of a dative 'to'."""
    datives = [c for c in trigger.children if c.dep_ in {"dative", "iobj"}]
    found: list[Token] = []
    for d in datives:
        found.extend([c for c in d.children if c.dep_ == "pobj"] if d.pos_ == "ADP" else [d])
    if not found and not passive(trigger):
        objects = [c for c in trigger.children if c.dep_ == "dobj"]
        fused = [r for o in objects if (r := filler.fused_recipient(o)) is not None]
        found.extend(fused)  # 'gave Sri Lanka howitzers' parsed as one object
    return found


@slot(
    "poss",
    [
        SlotCase("Iran's deliveries of drones worry Kyiv.", "delivery", ("IRN",), "NOUN"),
        SlotCase("Chad's dispatch of troops to Mali was approved.", "troop", ("TCD",), "NOUN"),
        SlotCase("Peru's defence cooperation pact holds.", "cooperation", ("PER",), "NOUN"),
    ],
)
def possessor(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The possessor of a noun: 'Iran's deliveries'; of the act noun it is the object or
    the compound of: 'Chad's *dispatch of* troops', 'Peru's defence cooperation *pact*'."""
    own = [c for c in trigger.children if c.dep_ == "poss"]
    anchor = act_holder(trigger)
    if own or anchor is None:
        return own
    return [c for c in anchor.children if c.dep_ == "poss"]


@slot(
    "poss_with",
    [
        SlotCase("Chile's trade pact with Peru took effect.", "pact", ("CHL",), "NOUN"),
        SlotCase("The two countries' peace treaty is still a draft.", "treaty", (), "NOUN"),
    ],
)
def possessor_with_partner(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The possessor of a noun that names its partner too: '*Chile's* pact with Peru'. A
    possessor alone ('the two countries' treaty') names a text, not an act of signing."""
    if not clause_parts.prep_slot(filler, trigger, "with"):  # as the 'prep:with' slot finds it
        return []
    return [c for c in trigger.children if c.dep_ == "poss"]


def act_holder(noun: Token) -> Token | None:
    """The noun an event noun belongs to: 'the dispatch *of troops*' → dispatch; 'a
    *cooperation* pact' → pact."""
    if noun.pos_ != "NOUN":
        return None
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        return noun.head
    prep = noun.head
    if noun.dep_ == "pobj" and prep.lower_ == "of" and prep.head.pos_ == "NOUN":
        return prep.head
    return None


@slot(
    "mod",
    [SlotCase("North Korean arms exports grew.", "export", ("PRK",), "NOUN")],
)
def modifier(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """An adjective or noun modifier naming an actor: 'North Korean arms exports'."""
    return [c for c in trigger.children if c.dep_ in {"amod", "compound", "nmod", "npadvmod"}]


@slot(
    "prep:*",
    [
        SlotCase("Russia bought drones from Iran.", "buy", ("IRN",), argument="from"),
        SlotCase("Deliveries of drones to Russia began.", "delivery", ("RUS",), "NOUN", "to"),
        SlotCase("Kenya held talks with Tanzania.", "talk", ("TZA",), "NOUN", "with"),
        SlotCase("Troops from Chad are deployed in Niger.", "troop", ("NER",), "NOUN", "in"),
        SlotCase(
            "India delivered to Armenia Pinaka rocket launchers.", "deliver", ("ARM",), "VERB", "to"
        ),
    ],
)
def prepositional(filler: RoleFiller, trigger: Token, word: str) -> list[Token]:
    """Objects of the preposition WORD (``prep:from``): on the trigger; for a noun, else on
    the verb it belongs to ('troops … are deployed *in* Russia') or the noun it is
    listed under ('cooperation *between* X and Y, including arms transfers')."""
    return clause_parts.prep_slot(filler, trigger, word)


@slot(
    "passive_for",
    [
        ("Rifles can be bought for Moldova.", "buy", ("MDA",)),
        ("Chile bought rifles for Moldova.", "buy", ()),
        ("Rifles were bought for the Ukraine war.", "buy", ()),
    ],
)
def passive_for(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Who weapons are bought for, with no buyer named: 'rifles can be bought *for X*'
    (an active buyer's 'for' is a purpose: 'Russia bought shells for its war')."""
    if not passive(trigger) or agent_of(trigger) is not None:
        return []
    found = prep_objects(trigger, "for", deep=False)
    return [t for t in found if t.i in filler.index.actors]


@slot(
    "double_object",
    [
        ("Oman shipped Yemen 24 Akinci drones in June.", "ship", ("YEM",)),
        ("Oman gifted 12 patrol boats to Yemen.", "gift", ()),
    ],
)
def double_object(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The first object, when it names an actor and the weapons follow as a second
    object or as its apposition: 'gifted *Nigeria* 24 drones', which the parser reads
    as two objects, or as 'Nigeria, 24 drones', rather than a dative and an object."""
    if passive(trigger):
        return []
    objects = sorted((c for c in trigger.children if c.dep_ == "dobj"), key=lambda t: t.i)
    if not objects or objects[0].i in filler.index.weapons:
        return []
    first = objects[0]
    weapons_after = len(objects) > 1 or any(
        c.dep_ == "appos" and c.i in filler.index.weapons for c in first.children
    )
    return [first] if weapons_after and first.i in filler.index.actors else []
