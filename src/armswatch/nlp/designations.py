"""Parse repairs around weapon designations the small model does not read as nouns.

Run by the mention component (nlp/mentions.py) on every weapon mention it keeps.
"""

from __future__ import annotations

from armswatch.nlp.mention_types import WeaponMention

MISREAD_DEPS = {"punct", "npadvmod", "dep", "advmod", "prep", "intj"}
"""Labels the parser gives designations it did not read as nouns ('12 Shahed-131')."""
NUMBER_ROLES = {"dobj", "npadvmod", "nsubj", "nsubjpass", "attr", "pobj"}
"""Roles a bare number takes when the parser reads it as the noun ('supplied *12* X')."""


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
