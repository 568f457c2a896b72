"""How a frame's items pair with its actors and phrases: gapped clauses ('jets from
France and submarines from Germany'), a two-way deal's parties split by whose systems
are sold, the nouns a weapon phrase stands in, items in a phrase of given prepositions,
a company's side in a deal, and items that accompany a transfer's own ('along with')."""

from __future__ import annotations

from dataclasses import replace
from itertools import pairwise
from typing import TYPE_CHECKING

from spacy.tokens import Span, Token

from armswatch.extract.items import ACCOMPANYING_PREPS, accompanying
from armswatch.extract.roles import RoleFiller
from armswatch.extract.syntax import unique, unique_by_key
from armswatch.nlp.mentions import ActorMention, WeaponMention

if TYPE_CHECKING:
    from armswatch.extract.frames import Frame

DEFINITE = {"the", "these", "those", "such", "this", "that"}
PARTITIVES = {"some", "most", "part", "all", "many", "several", "half", "rest", "dozens"}


def inside_phrase_of(token: Token, head: Token, prepositions: list[str]) -> bool:
    """``token`` sits in a phrase of one of ``prepositions`` that hangs on ``head``: 'an
    agreement *for* the purchase of drones'."""
    while token.i != head.i and token.head.i != token.i:
        if token.dep_ == "pobj" and token.head.lower_ in prepositions and token.head.head == head:
            return True
        token = token.head
    return False


def split_by_designer(
    parties: list[ActorMention], items: list[WeaponMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """'India and the US signed a pact for 31 MQ-9B drones': of the parties to a two-way
    deal, the one whose systems are sold is the supplier (none when that is unclear)."""
    designers = {i.weapon.origin for i in items if i.weapon.origin}
    suppliers = [p for p in parties if p.key in designers]
    if not suppliers or len(suppliers) == len(parties):
        return [], parties
    return suppliers, [p for p in parties if p.key not in designers]


def gapped_pairs(frame: Frame) -> list[Frame]:
    """'bought jets *from France* and submarines *from Germany*', 'sent drones *to Sudan*
    and rifles *to Mali*': items each followed by their own supplier (recipient) in a
    prepositional phrase are one transfer per pair, not every item from every actor."""
    if frame.spec.type != "arms_transfer" or not frame.items:
        return [frame]
    for role in ("sources", "targets"):
        actors = sorted(unique_by_key(getattr(frame, role)), key=lambda a: a.span.start)
        if len(actors) < 2 or not all(after_preposition(a.span) for a in actors):
            continue
        phrases = gapped_items(frame, actors[-1].span.start)
        if len(actors) != len(phrases):
            continue
        starts = [(p[0].span.start, a.span.start) for p, a in zip(phrases, actors, strict=True)]
        interleaved = all(item < actor for item, actor in starts) and all(
            actor < next_item for (_, actor), (next_item, _) in pairwise(starts)
        )
        if interleaved:
            return [
                replace(frame, items=phrase, sources=[actor])
                if role == "sources"
                else replace(frame, items=phrase, targets=[actor])
                for phrase, actor in zip(phrases, actors, strict=True)
            ]
    return [frame]


def after_preposition(span: Span) -> bool:
    """'*to* Algeria', '*from* the UAE': read from the words, which a misparse of a
    gapped clause leaves in place."""
    before = span.start - 1
    while before >= 0 and span.doc[before].lower_ in {"the", "a", "an"}:
        before -= 1
    return before >= 0 and span.doc[before].pos_ == "ADP"


def gapped_items(frame: Frame, end: int) -> list[list[WeaponMention]]:
    """The frame's items with the weapons the parser hung on an actor of a gapped clause
    ('from France and *submarines* from Germany'), one list per noun phrase ('HQ-9
    air-defence systems' is one), in the order of the text."""
    items = list(frame.items)
    first = min(i.span.start for i in items)
    clause = {t.i for t in frame.trigger.subtree}
    for weapon in frame.trigger.doc._.aw_weapons or []:
        start = weapon.span.start
        if first < start < end and weapon.span.root.i in clause and weapon not in items:
            items.append(weapon)
    phrases: dict[int, list[WeaponMention]] = {}
    for item in sorted(items, key=lambda i: i.span.start):
        phrases.setdefault(item_nouns(item.span)[-1].i, []).append(item)
    return list(phrases.values())


def item_nouns(span: Span) -> list[Token]:
    """The nouns a weapon phrase stands in: the heads of its span, the noun its name
    modifies ('*JF-17* fighters'), and the count it is a part of ('*hundreds* of T-90
    tanks')."""
    nouns: list[Token] = []
    for head in (t for t in span if not span.start <= t.head.i < span.end or t.head == t):
        nouns.append(head)
        if head.dep_ in {"nummod", "compound", "amod", "nmod"} and head.head.pos_ in {
            "NOUN",
            "PROPN",
        }:
            head = head.head
            nouns.append(head)
        if (
            head.dep_ == "pobj"
            and head.head.lower_ == "of"
            and head.head.head.pos_ in {"NOUN", "NUM"}
        ):
            nouns.append(head.head.head)
    return nouns


def company_sells(
    sources: list[ActorMention], targets: list[ActorMention]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """A deal's partner named by 'with' is read as the supplier by the nouns of buying;
    it is the buyer when the other party sells: when that party won the deal ('Hanwha
    won a deal *with* Norway': both read as suppliers), or is a company and the partner
    a state ('Saab signed a contract *with* Chile'). RETURNS the sources and targets."""
    partners = [s for s in sources if any(a.lower_ == "with" for a in s.span.root.ancestors)]
    sellers = [s for s in sources if s not in partners]
    if {p.key for p in partners} & {s.key for s in sellers}:
        return sources, targets  # 'with Hanwha, the South Korean firm': one party
    if partners and sellers and not targets:
        return sellers, partners
    states_sell = not any(s.actor.kind == "company" for s in sources)
    companies_buy = all(t.actor.kind == "company" for t in targets)
    if sources and targets and partners == sources and states_sell and companies_buy:
        return targets, sources
    return sources, targets


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


def is_definite(noun: Token) -> bool:
    """'the shells', 'such weapons', 'these drones'."""
    return any(c.dep_ in {"det", "amod", "predet"} and c.lower_ in DEFINITE for c in noun.children)
