"""Roles a sentence leaves out, implied by what it does say: the origin of its items
('North Korean shells', 'rifles of Chinese origin'), a transfer told before that it
continues ('Deliveries from that country began in July'), the imposer of earlier
sanctions, the actor of an act it criticises ('condemned *the move*')."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from armswatch.extract.pairing import is_definite, item_nouns, partitive_head
from armswatch.extract.syntax import agent_of, phrase_head, sentences_back, subject_of, unique
from armswatch.kb.schema import Lexicon, Trigger
from armswatch.model import GENERIC_CATEGORY, SYMMETRIC_TYPES
from armswatch.nlp.mentions import ActorMention, WeaponMention

if TYPE_CHECKING:
    from armswatch.extract.frames import Frame
    from armswatch.extract.roles import RoleFiller

TriggerIndex = dict[tuple[str, str], list[Trigger]]
"""(lemma, part of speech) → the triggers made of that word (FrameFinder.triggers)."""


def origins(
    items: list[WeaponMention],
    filler: RoleFiller,
    targets: list[ActorMention],
    lexicon: Lexicon,
    triggers: TriggerIndex,
) -> list[ActorMention]:
    """Suppliers implied by the items: 'North Korean shells', 'Iranian-made drones',
    'jets *supplied by* X', 'corvettes *built by* X's shipyard', 'rifles of Chinese
    origin', 'missiles of North Korean make'."""
    target_keys = {t.key for t in targets}
    found: list[ActorMention] = []
    for item in items:
        root = phrase_head(item.span.root)  # 'Angolan JF-17 *fighters* held in …'
        if is_event_noun(root, triggers):  # 'French howitzer *contract*': not the items'
            root = item.span.root
        for token in root.subtree:
            if token.i >= root.i and token.dep_ != "prep":
                continue
            actor = filler.index.actors.get(token.i)
            if actor is not None and actor.key not in target_keys:
                found.append(actor)
        origin_objs = [*prep_objs(root, "from"), *prep_objs(root, "by")]
        origin_objs += [
            agent
            for noun in item_nouns(item.span)
            for participle in noun.children
            if participle.dep_ == "acl" and participle.lower_ in lexicon.origin_markers
            if (agent := agent_of(participle)) is not None
        ]
        origin_objs += [
            pobj
            for pobj in prep_objs(root, "in")
            if pobj.head.head.lower_ in lexicon.origin_markers
        ]
        for pobj in origin_objs:
            found.extend(a for a in filler.actors_at(pobj) if a.key not in target_keys)
        found += [a for a in stock_owners(root, filler, lexicon) if a.key not in target_keys]
        for pobj in prep_objs(root, "of"):  # 'missiles *of North Korean make*'
            if pobj.lemma_.lower() in lexicon.origin_markers:
                named = [filler.index.actors.get(c.i) for c in pobj.subtree if c.i < pobj.i]
                found.extend(a for a in named if a is not None and a.key not in target_keys)
    return unique(found)


def stock_owners(root: Token, filler: RoleFiller, lexicon: Lexicon) -> list[ActorMention]:
    """Whose stocks the items are held in or drawn from: 'weapons held in *US*
    stockpiles', 'shells from *Bundeswehr* stocks', 'out of *the army's* reserves'."""
    stocks = set(lexicon.stock_nouns)
    found: list[ActorMention] = []
    for token in root.subtree:
        if token.dep_ != "pobj" or token.lemma_.lower() not in stocks:
            continue
        for owner in (c for c in token.children if c.dep_ in {"poss", "compound", "amod"}):
            found += filler.actors_at(owner)
    return found


def names_a_batch(verb: Token, filler: RoleFiller) -> bool:
    """'*The first batch* was delivered', 'India shipped *a second consignment*': a
    part of the items of a transfer told before, with no 'of' phrase of its own."""
    return any(
        child.dep_ in {"dobj", "nsubjpass", "nsubj"}
        and child.lemma_.lower() in filler.entity_words.batches
        and not any(c.dep_ == "prep" and c.lower_ == "of" for c in child.children)
        and any(c.dep_ in {"det", "amod"} for c in child.children)
        for child in verb.children
    )


def continued_transfer(
    token: Token,
    sources: list[ActorMention],
    targets: list[ActorMention],
    previous: list[Frame],
    batch: bool = False,
) -> Frame | None:
    """'Armenia ordered radars from India. Deliveries from that country began in July.':
    a transfer noun with no items of its own continues the latest transfer of this or
    the previous sentence with the same supplier (or recipient, when no supplier is
    named); a batch with no actor named ('The first batch was delivered in May')
    continues the latest transfer."""
    if not sources and not targets and not batch:
        return None
    reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
    for frame in reversed(previous):
        if frame.spec.type != "arms_transfer" or frame.trigger.i < reach or not frame.items:
            continue
        same_source = {s.key for s in sources} == {s.key for s in frame.sources}
        same_target = {t.key for t in targets} == {t.key for t in frame.targets}
        if (sources and same_source) or (not sources and same_target):
            return frame
        if batch and not sources and not targets:
            return frame
    return None


def earlier_imposer(token: Token, previous: list[Frame]) -> list[ActorMention]:
    """'New measures also target banks in X': sanctions whose imposer is not named
    continue the latest sanction event of this or the two sentences before; '*the*
    sanctions also extend to …' refers back to the sanctions the article is about,
    told anywhere before (a definite measure noun as the subject)."""
    subject = subject_of(token) if token.pos_ == "VERB" else None
    definite = subject is not None and is_definite(subject)
    reach = 0 if definite else sentences_back(token, 2)
    for frame in reversed(previous):
        if frame.spec.type == "sanction_imposed" and frame.trigger.i >= reach:
            return frame.sources
    return []


def actors_of_act_referred_to(
    token: Token,
    sources: list[ActorMention],
    previous: list[Frame],
    filler: RoleFiller,
    lexicon: Lexicon,
    triggers: TriggerIndex,
) -> list[ActorMention]:
    """'Juba denounced *the vote*', 'condemning *the deal*': a definite act with no actor
    of its own is the latest event told in this or the two sentences before; its
    actor (the supplier, the sanctioning body …) is the one criticised. When no event
    was told, an act noun ('*the move*', '*the launch*') refers to what the clause
    before reported its subject doing: see ``doer_of_clause_before``."""
    act = next((c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}), None)
    if act is None or act.pos_ != "NOUN" or not is_definite(act):
        return []
    named = {i for m in token.doc._.aw_actors or [] for i in range(m.span.start, m.span.end)}
    judged = [c for c in act.children if c.dep_ == "prep" and c.lower_ == "as"]
    own = set(act.subtree).difference(*(set(c.subtree) for c in judged))
    if any(t.i in named for t in own):  # not 'the delivery *as a violation of …*'
        return []
    reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
    reach = token.doc[reach - 1].sent.start if reach else 0
    critics = {s.key for s in sources}
    told = [f for f in previous if f.trigger.i >= reach and f.spec.type != "condemnation"]
    directed = [f for f in told if f.spec.type not in SYMMETRIC_TYPES]
    for frame in reversed(directed or told):  # a deal's supplier before its signatories
        criticised = [a for a in frame.sources + frame.targets if a.key not in critics]
        if frame.spec.type not in SYMMETRIC_TYPES:
            doers = frame.targets if is_receiving_noun(act, triggers) else frame.sources
            criticised = [a for a in doers if a.key not in critics]
        if criticised:
            return criticised
    if act.lemma_.lower() not in lexicon.act_nouns:
        return []
    doers = doer_of_clause_before(token, filler)
    return [a for a in doers if a.key not in critics]


def is_receiving_noun(noun: Token, triggers: TriggerIndex) -> bool:
    """A transfer noun whose possessor is the recipient ('Manila's *purchase*',
    'Egypt's *order*'): criticising it criticises the buyer."""
    return any(
        spec.type == "arms_transfer" and spec.roles.get("poss") == "target"
        for spec in triggers.get((noun.lemma_.lower(), "NOUN"), [])
    )


def implied_recipient(
    token: Token, sources: list[ActorMention], previous: list[Frame]
) -> list[ActorMention]:
    """'Armenia ordered radars from India. Deliveries from that country began in July.':
    a transfer whose recipient is left out continues the latest transfer from the same
    supplier in this or the previous sentence (filled with lower confidence)."""
    keys = {s.key for s in sources}
    reach = token.doc[token.sent.start - 1].sent.start if token.sent.start else 0
    for frame in reversed(previous):
        if frame.spec.type != "arms_transfer" or frame.trigger.i < reach:
            continue
        if keys == {s.key for s in frame.sources}:
            return frame.targets
    return []


def earlier_transfer(
    items: list[WeaponMention], targets: list[ActorMention], previous: list[Frame]
) -> tuple[list[ActorMention], list[ActorMention]]:
    """'The shells were delivered to Russia', 'Such weapons deliveries': definite items
    refer back to the latest transfer of the same kind (and recipient, if named)."""
    if not any(is_definite(i.span.root) for i in items):
        return [], targets
    categories = {i.weapon.category for i in items}
    target_keys = {t.key for t in targets}
    for frame in reversed(previous):
        if frame.spec.type != "arms_transfer":
            continue
        same_items = categories & {i.weapon.category for i in frame.items}
        same_target = not target_keys or target_keys == {t.key for t in frame.targets}
        if (same_items or GENERIC_CATEGORY in categories) and same_target:
            return frame.sources, targets or frame.targets
    return [], targets


def designer_states(
    items: list[WeaponMention], filler: RoleFiller, targets: list[ActorMention]
) -> list[ActorMention]:
    """Last resort: the designer state of a named system ('picked up Mohajer-6s').

    Only a state already named in the article counts, so that every role quotes text.
    """
    target_keys = {t.key for t in targets}
    origins = {i.weapon.origin for i in items if i.weapon.origin} - target_keys
    if not origins or not items:
        return []
    doc = items[0].span.doc
    named = [m for m in doc._.aw_actors or [] if m.key in origins]
    by_key: dict[str, ActorMention] = {}
    for mention in named:
        by_key.setdefault(mention.key, mention)
    return list(by_key.values())


def prep_objs(token: Token, word: str) -> list[Token]:
    out: list[Token] = []
    for child in token.subtree:
        if child.dep_ == "prep" and child.lower_ == word:
            out.extend(c for c in child.children if c.dep_ == "pobj")
    return out


def is_event_noun(token: Token, triggers: TriggerIndex) -> bool:
    """Whether ``token`` is a noun some trigger of the knowledge base is made of."""
    return token.pos_ == "NOUN" and (token.lemma_.lower(), "NOUN") in triggers


REFERRED_ITEMS_REACH = 5  # sentences back 'the missiles', 'some of its tanks' may reach


def recipient_of_items_referred_to(
    token: Token, items: list[WeaponMention], sources: list[ActorMention], previous: list[Frame]
) -> list[ActorMention]:
    """'France's missiles reached Ukraine. … Kyiv has used them since *the UK* handed *the
    missiles* over', 'Germany will send tanks to Ukraine. … Washington's commitment of
    *some of* its own tanks': items told before, taken up by a definite or partitive
    reference, went to the recipient of the latest transfer of their kind (another
    supplier's, in the last few sentences); filled with lower confidence."""
    referring = [i for i in items if is_definite(i.span.root) or partitive_head(i.span.root)]
    kinds = {i.weapon.category for i in referring}
    keys = {s.key for s in sources}
    reach = sentences_back(token, REFERRED_ITEMS_REACH)
    for frame in reversed(previous):
        if frame.spec.type != "arms_transfer" or frame.trigger.i < reach:
            continue
        targets = [t for t in frame.targets if t.key not in keys]
        if targets and kinds & {i.weapon.category for i in frame.items}:
            return targets
    return []


def doer_of_clause_before(verb: Token, filler: RoleFiller) -> list[ActorMention]:
    """Who did the act that '*the move*' refers to: the subject of the verb this one is
    coordinated with ('Laos closed the border, and Thailand condemned the move'), else
    of the previous sentence's main verb, or of the clause it reports ('Officials said
    *Chad* had shut its airspace'); the agent of a passive ('… was opened *by* Peru')."""
    if verb.dep_ == "conj" and verb.head.pos_ in {"VERB", "AUX"}:
        clause: Token | None = verb.head
    elif verb.sent.start > 0:
        clause = verb.doc[verb.sent.start - 1].sent.root
    else:
        return []
    while clause is not None:
        for child in clause.children:
            if child.dep_ in {"nsubj", "agent"}:
                subject = (
                    child
                    if child.dep_ == "nsubj"
                    else next((c for c in child.children if c.dep_ == "pobj"), None)
                )
                found = filler.actors_at(subject) if subject is not None else []
                if found:
                    return found
        clause = next((c for c in clause.children if c.dep_ == "ccomp"), None)
    return []
