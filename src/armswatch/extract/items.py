"""Which weapon mentions a trigger's clause names as its items: objects, 'with'/'of'
phrases, examples, subjects of verbs of arriving, and the misparses around them."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from armswatch.extract.clause_parts import RECIPIENT_PREPS, RELATIVE_OBJECTS
from armswatch.extract.syntax import clause_tokens, conjuncts, prep_objects, subject_of, unique
from armswatch.nlp.mentions import WeaponMention

if TYPE_CHECKING:
    from armswatch.extract.roles import RoleFiller

ITEM_OBJECT_DEPS = {"dobj", "nsubjpass", "attr", "oprd", "npadvmod"}
ITEM_PREPS = {"with", "of", "including", "as", "like", "for"}
EXAMPLE_PREPS = {"as", "like", "including"}
ACCOMPANYING_PREPS = {"along", "together"}  # '*along* with', '*together* with'


def items_of(filler: RoleFiller, trigger: Token) -> list[WeaponMention]:
    """Weapon mentions in the trigger's own clause (objects, 'of' phrases, compounds)."""
    found: list[WeaponMention] = []
    if trigger.i in filler.index.weapons:
        found.append(filler.index.weapons[trigger.i])
    roots = item_roots(filler, trigger)
    if trigger.dep_ in {"acl", "relcl"} and trigger.tag_ == "VBN":
        roots.append(trigger.head)
    for root in roots:
        for token in clause_tokens(root):
            if token.i == trigger.i or token.i not in filler.index.weapons:
                continue
            if is_origin_or_actor_phrase(filler, token, trigger):
                continue
            if is_excluded_item(filler, token):
                continue
            found.append(filler.index.weapons[token.i])
    if not found and trigger.pos_ == "VERB":
        found = misattached_items(filler, trigger)
    found += [named for item in found for named in named_among(filler, item)]
    return unique(found)


def subject_items(filler: RoleFiller, verb: Token) -> list[WeaponMention]:
    """Weapons a verb of arriving tells of: its subject's phrase ('*the first F-16s*
    reached X', '*shipments of rifles* arrived'), or the noun its participle is on
    ('*weapons* flowing to X')."""
    roots = [c for c in verb.children if c.dep_ in {"nsubj", "nsubjpass"}]
    if verb.dep_ in {"acl", "relcl"}:
        roots.append(verb.head)
    found = [
        filler.index.weapons[t.i]
        for root in roots
        for t in clause_tokens(relative_object(filler, root))
        if t.i in filler.index.weapons and not is_excluded_item(filler, t)
    ]
    return unique(found)


def named_among(filler: RoleFiller, item: WeaponMention) -> list[WeaponMention]:
    """'Machine guns and rocket launchers were *among the weapons* seized': the
    subjects of 'be among' name the items of the class the frame found."""
    root = item.span.root
    among = root.head
    verb = among.head
    if root.dep_ != "pobj" or among.lower_ != "among" or verb.lemma_ != "be":
        return []
    subject = subject_of(verb)
    if subject is None:
        return []
    return [
        filler.index.weapons[t.i]
        for head in conjuncts(subject)
        for t in head.subtree
        if t.i in filler.index.weapons and t.i < among.i
    ]


def misattached_items(filler: RoleFiller, verb: Token) -> list[WeaponMention]:
    """Weapons the parser hung off the verb in the wrong place: 'supplied Shahed-131
    and Shahed-136 drones' tags the designations as punctuation and makes 'drones'
    a conjunct of the verb. Weapons after the verb in its own clause that sit in no
    prepositional phrase count as its objects."""
    found: list[WeaponMention] = []
    for token in clause_tokens(verb):
        weapon = filler.index.weapons.get(token.i)
        if weapon is None or token.i < verb.i or token.i in filler.index.actors:
            continue
        in_phrase = any(a.dep_ == "prep" for a in token.ancestors if a.i > verb.i)
        if not in_phrase:
            found.append(weapon)
    return found


def item_roots(filler: RoleFiller, trigger: Token) -> list[Token]:
    """Where a trigger's items are: a noun's whole phrase ('arms sales', 'deliveries
    of drones'); a verb's objects and its 'with'/'of'/'including' phrases, not its
    other phrases ('gave the green light *to an arms sale*' moves no arms)."""
    if trigger.pos_ != "VERB":
        head = trigger.head
        if trigger.dep_ == "nsubj" and head.lemma_.lower() in filler.listing_verbs:
            return [trigger, *(c for c in head.children if c.dep_ == "dobj")]  # X includes Y
        if trigger.dep_ == "dobj" and head.pos_ == "VERB":  # 'signed a contract with a
            return [trigger, *item_phrases(head)]  # shipyard for four patrol boats'
        return [trigger]
    roots = []
    if not any(c.dep_ == "dobj" for c in trigger.children):
        roots += [  # headline passives: 'Iranian arms for the Houthis seized at sea'
            c for c in trigger.children if c.dep_ == "nsubj" and c.i in filler.index.weapons
        ]
    objects = [c for c in trigger.children if c.dep_ == "dobj"]
    roots += carried_items(filler, trigger)  # 'seized a dhow *carrying* rifles'
    for child in trigger.children:
        if child.dep_ in ITEM_OBJECT_DEPS:
            roots.append(relative_object(filler, child))
        elif is_object_conjunct(child, objects):
            roots.append(child)
        elif child.dep_ == "prep" and child.lower_ in ITEM_PREPS:
            roots.extend(c for c in child.children if c.dep_ == "pobj")
        elif child.dep_ == "prep" and child.lower_ in ACCOMPANYING_PREPS:
            roots.extend(accompanying(child))  # 'delivered howitzers, *along with* …'
        elif child.dep_ == "prep" and child.lower_ in RECIPIENT_PREPS:
            pobjs = [c for c in child.children if c.dep_ == "pobj"]
            roots.extend(p for p in pobjs if filler.fused_recipient(p) is not None)
        elif child.dep_ == "prep":
            roots.extend(of_phrase_on_a_date(child))
    for token in clause_tokens(trigger):  # examples: '…, such as missiles'
        if token.dep_ == "prep" and token.lower_ in EXAMPLE_PREPS:
            roots.extend(c for c in token.children if c.dep_ == "pobj")
    return roots


def item_phrases(verb: Token) -> list[Token]:
    """Objects of the verb's 'with'/'for'/'of'/'as' phrases, where the small model often
    hangs the items of its object noun; an 'as' read as a clause's marker ('describing
    the cargo *as* rifles bound for X') gives that clause's subject."""
    found = [
        pobj
        for child in verb.children
        if child.dep_ == "prep" and child.lower_ in ITEM_PREPS
        for pobj in child.children
        if pobj.dep_ == "pobj"
    ]
    for clause in (c for c in verb.children if c.dep_ == "advcl"):
        if any(m.dep_ == "mark" and m.lower_ == "as" for m in clause.children):
            found += [c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}]
    return found


def relative_object(filler: RoleFiller, token: Token) -> Token:
    """'UAVs that it had purchased', 'the JF-17, which Azerbaijan has been using': the
    relative pronoun stands for the noun its clause modifies (else the noun before)."""
    if token.lower_ not in RELATIVE_OBJECTS:
        return token
    clause = next((t for t in token.ancestors if t.dep_ in {"relcl", "acl"}), None)
    if clause is not None and clause.head.pos_ in {"NOUN", "PROPN"}:
        return clause.head
    before = token.doc[token.i - 1] if token.i > 0 else token
    nominal = before.pos_ in {"NOUN", "PROPN"} or before.i in filler.index.weapons
    return before if nominal else token


def is_excluded_item(filler: RoleFiller, token: Token) -> bool:
    """A weapon the text says is not among the items: 'the sale includes *no* new
    weapons or munitions', 'the package does not contain tanks'."""
    head = filler.index.weapons[token.i].span.root
    while head.dep_ == "conj" and head.head.i != head.i:
        head = head.head
    if any(c.dep_ == "det" and c.lower_ in {"no", "neither"} for c in head.children):
        return True
    verb = head.head
    return (
        head.dep_ == "dobj"
        and verb.lemma_.lower() in filler.listing_verbs
        and any(c.dep_ == "neg" for c in verb.children)
    )


def is_origin_or_actor_phrase(filler: RoleFiller, token: Token, trigger: Token) -> bool:
    """Skip weapons inside 'for use in X' purpose phrases or another actor's name."""
    return token.i in filler.index.actors


def accompanying(prep: Token) -> list[Token]:
    """The objects of 'with' under 'along' or 'together': 'along with 20 launchers'."""
    return [
        pobj
        for inner in prep.children
        if inner.dep_ == "prep" and inner.lower_ == "with"
        for pobj in inner.children
        if pobj.dep_ == "pobj"
    ]


def of_phrase_on_a_date(prep: Token) -> list[Token]:
    """'took possession *on Friday of* three jets': the object's 'of' phrase that the
    parser hung on a date between them (the date's own 'of' phrases, 'on the 5th of
    May', name no weapon)."""
    return [
        of_object
        for date in prep.children
        if date.dep_ == "pobj" and date.ent_type_ in {"DATE", "TIME"}
        for of in date.children
        if of.dep_ == "prep" and of.lower_ == "of"
        for of_object in of.children
        if of_object.dep_ == "pobj"
    ]


def is_object_conjunct(child: Token, objects: list[Token]) -> bool:
    """A second object the parser hangs on the verb as its conjunct: 'will import 54 of
    the howitzers and *36* of its vehicles' ('36' a conj of 'import'). A noun or number
    after the verb's object, with no verb or subject of its own."""
    return (
        child.dep_ == "conj"
        and child.pos_ in {"NUM", "NOUN", "PROPN"}
        and any(o.i < child.i for o in objects)
        and not any(c.dep_ in {"nsubj", "nsubjpass", "aux", "auxpass"} for c in child.children)
    )


def carried_items(filler: RoleFiller, verb: Token) -> list[Token]:
    """What the vehicle of the act holds: 'seized a dhow *carrying* rifles', 'sent a ship
    *loaded with* drones' (lexicon ``carrying_verbs``), whether the participle hangs on
    the vehicle or, misread, on the verb itself."""
    holders = [verb, *(c for c in verb.children if c.dep_ in {"dobj", "nsubjpass"})]
    carrying = [
        clause
        for holder in holders
        for clause in holder.children
        if clause.dep_ in {"acl", "advcl", "relcl"}
        and clause.lemma_.lower() in filler.entity_words.carrying
    ]
    return [
        item
        for clause in carrying
        for item in (
            *(c for c in clause.children if c.dep_ == "dobj"),
            *prep_objects(clause, "with", deep=False),
        )
    ]
