"""Checks that keep a trigger word from making a frame when its sentence tells something
else: a trigger's required form ('called *back* its envoy'), a failed agreement, sanctions
lifted, weapons reaching a place in a strike or within range, an arms deal read as an
agreement, airliners bought by an airline, recognising 'the need for' something, people
who fled."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from armswatch.extract.items import items_of
from armswatch.extract.pairing import inside_phrase_of
from armswatch.extract.syntax import governors, phrase_head, subject_of
from armswatch.extract.topic_guards import civil_topic
from armswatch.kb.schema import Lexicon, Trigger
from armswatch.nlp.mentions import ActorMention, WeaponMention

if TYPE_CHECKING:
    from armswatch.extract.frames import Frame
    from armswatch.extract.roles import RoleFiller


def form_matches(token: Token, spec: Trigger, lexicon: Lexicon) -> bool:
    if token.pos_ == "NOUN" and fled(token, lexicon):
        return False
    if spec.particle and not any(
        c.lower_ == spec.particle and is_particle(c) for c in token.children
    ):
        return False
    if spec.requires_modifier and not any(
        c.lemma_.lower() in spec.requires_modifier for c in modifiers_and_topics(token)
    ):
        return False
    if spec.excludes_civil_topic and civil_topic(token, lexicon):
        return False  # '*energy* cooperation', 'cooperation on nuclear *safety*'
    if spec.requires_complement and not any(
        c.dep_ in {"xcomp", "ccomp", "advcl"} and c.lemma_.lower() in spec.requires_complement
        for c in token.children
    ):
        return False
    if spec.excludes_object and any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in spec.excludes_object
        for c in token.children
    ):
        return False
    if spec.requires_subject and not subject_is_one_of(token, spec.requires_subject):
        return False  # 'the *measures* also target banks in X'
    if spec.requires_object:
        objects = [c for c in token.children if c.dep_ in OBJECT_LIKE_DEPS]
        objects += [p for c in token.children if c.dep_ == "prep" for p in c.children]
        if token.dep_ in {"relcl", "acl"}:  # 'the sanctions (that) Canberra imposed'
            objects.append(token.head)
        subjects = [c for c in token.children if c.dep_ == "nsubj"]
        if len(subjects) > 1:  # a zero relative read as a second subject: 'Details of
            objects += list(subjects[0].subtree)  # the sanctions Britain is imposing
        objects += [  # 'agreed a *sanctions* package', 'reached agreement on *sanctions*'
            inner
            for o in list(objects)
            for inner in (*o.children, *(g for c in o.children for g in c.children))
            if inner.dep_ in {"compound", "amod"}  # the snapback (ADJ) mechanism
            or (inner.dep_ == "pobj" and inner.head.head.i == o.i)
        ]
        return any(
            o.lemma_.lower() in spec.requires_object
            and not (is_weapon_crew_word(o, lexicon) and spec.type != "arms_transfer")
            for o in objects
        )
    return True


def modifiers_and_topics(noun: Token) -> list[Token]:
    """What names a noun's kind: its modifiers ('a *water* deal', '*defence* ties') and
    the topic of its 'on' or 'over' phrase ('a deal *on* the Nile *waters*'; for an
    object, also where the parser hangs it on the verb: 'struck a deal with X *on water*')."""
    found = [c for c in noun.children if c.dep_ in {"amod", "compound"}]
    holders = [noun, noun.head] if noun.dep_ == "dobj" else [noun]
    topics = [
        p for h in holders for p in h.children if p.dep_ == "prep" and p.lower_ in {"on", "over"}
    ]
    named = [o for p in topics for o in p.children if o.dep_ == "pobj"]  # '*fishing* rights'
    return found + named + [c for o in named for c in o.children if c.dep_ == "compound"]


def fled(noun: Token, lexicon: Lexicon) -> bool:
    """People who flee are not sent: 'soldiers *fled into* India', 'hundreds of soldiers
    *escaped into* X', 'troops *defected to* Y' (lexicon ``flight_verbs``)."""
    subject = noun
    if noun.dep_ == "pobj" and noun.head.lower_ == "of":  # 'hundreds *of* soldiers fled'
        subject = noun.head.head
    return subject.dep_ == "nsubj" and subject.head.lemma_.lower() in lexicon.flight_verbs


def is_weapon_crew_word(token: Token, lexicon: Lexicon) -> bool:
    """A word of people ('fighters', 'marines') that names a weapon here: 'JF-17
    fighters' are jets, not troops."""
    return token.lemma_.lower() in lexicon.organs and inside_weapon_name(token)


def undone(token: Token, lexicon: Lexicon) -> bool:
    """A measure word taken away: the object or passive subject of an undoing verb
    ('lifted the sanctions', 'the embargo was eased'), the object of 'of' under an
    undoing noun ('the easing of sanctions'), or a modifier of one ('sanctions
    relief'); for a verb of imposing, an undoing noun as its object ('announced the
    easing of sanctions'). Lexicon ``undoing_words``."""
    undoing = set(lexicon.undoing_words)
    if token.pos_ == "VERB" and any(
        c.dep_ in {"dobj", "nsubjpass"} and c.lemma_.lower() in undoing for c in token.children
    ):
        return True
    head = token.head
    if token.dep_ in {"dobj", "nsubjpass", "compound"} and head.lemma_.lower() in undoing:
        return True
    return token.dep_ == "pobj" and head.lower_ == "of" and head.head.lemma_.lower() in undoing


def recognises_an_actor(token: Token, filler: RoleFiller, lexicon: Lexicon) -> bool:
    """A verb of recognising whose object is an actor ('recognised Kosovo') or a
    word of statehood ('the independence of X'); a noun ('X's recognition of Y')."""
    if token.pos_ != "VERB":
        return True
    objects = [c for c in token.children if c.dep_ in {"dobj", "nsubjpass"}]
    wanted = set(lexicon.recognised_objects)
    return not objects or any(
        o.i in filler.index.actors
        or o.lemma_.lower() in wanted
        or (may_name_an_actor(o, lexicon) and filler.actors_at(o))
        for o in objects
    )


def may_name_an_actor(noun: Token, lexicon: Lexicon) -> bool:
    """Whether a recognised object can stand for an actor: a name, a pronoun, a state
    description ('the kingdom') or an organ ('its government'); a common noun that is
    only *of* an actor ('Armenia's *borders*', 'Chile's *claims*') is not one, so
    recognising it is no diplomatic recognition."""
    lemma = noun.lemma_.lower()
    return (
        noun.pos_ not in {"NOUN"}
        or lemma in lexicon.organs
        or lemma in lexicon.state_descriptions
        or lemma in lexicon.group_descriptions
    )


def tells_an_arrival(token: Token, lexicon: Lexicon) -> bool:
    """Whether weapons reaching a place are a delivery: not in a sentence of strikes,
    incursions or visits (lexicon ``arrival_guards``, outside the weapons' names: the
    *shells* are items), not a range ('can reach', ``range_words`` on the verb or
    above it)."""
    strikes = set(lexicon.arrival_guards)
    weapons = {i for w in token.doc._.aw_weapons or [] for i in range(w.span.start, w.span.end)}
    words = [t for t in token.sent if t.i not in weapons]  # 'shells' are items, not shelling
    if any(t.lemma_.lower() in strikes or t.lower_ in strikes for t in words):
        return False
    ranges = set(lexicon.range_words)
    near = [*token.children, *governors(token, max_hops=3)]
    near += [c for g in governors(token, max_hops=3) for c in g.children]
    return not any(t.lemma_.lower() in ranges or t.lower_ in ranges for t in near)


def arrival_is_a_delivery(
    token: Token,
    items: list[WeaponMention],
    targets: list[ActorMention],
    previous: list[Frame],
    lexicon: Lexicon,
) -> bool:
    """Weapons arriving with no 'from' phrase are a delivery only when they arrive in
    a state or group, not its capital ('Russian missiles reached Kyiv' is an attack),
    are more than one weapon ('a Russian missile reached Poland' is an incident), and
    the text tells a handover (``tells_a_handover``: 'Russian missiles reached Poland'
    is a strike)."""
    if any(t.form == "capital" for t in targets):
        return False
    several = any(
        i.span.root.tag_ in {"NNS", "NNPS"}
        or any(c.dep_ == "nummod" and c.lower_ != "one" for c in i.span.root.children)
        for i in items
    )
    return several and tells_a_handover(token, items, targets, previous, lexicon)


def tells_a_handover(
    token: Token,
    items: list[WeaponMention],
    targets: list[ActorMention],
    previous: list[Frame],
    lexicon: Lexicon,
) -> bool:
    """Evidence that weapons reaching a state are handed over to it, not fired or flown
    in: a word of handing over in the sentence ('a *shipment* of rifles arrived',
    'drones *bought* in May reached X'; lexicon ``arrival_evidence``); the verb itself
    when it is one of them ('*arrived* in X', weapons *flowing* to X; 'reached X' is
    not) and the weapons carry no crew of their own (warships and aircraft arrive on
    visits and deployments; ``crewed_categories``); a delivery modifier on the weapons'
    own phrase ('the *first* F-16s'; ``delivery_modifiers``); or a transfer to the same
    recipient told before in the article ('X ordered tanks from Y. … The tanks reached
    X'). Words inside weapon names tell nothing ('anti-*ship* missiles')."""
    handover = set(lexicon.arrival_evidence)
    named = {i for w in token.doc._.aw_weapons or [] for i in range(w.span.start, w.span.end)}
    words = [t for t in token.sent if t.i != token.i and t.i not in named]
    if any(t.lemma_.lower() in handover for t in words):
        return True
    crewed = set(lexicon.crewed_categories)
    if token.lemma_.lower() in handover and not any(i.weapon.category in crewed for i in items):
        return True
    modifiers = set(lexicon.delivery_modifiers)
    phrases = [t for item in items for t in phrase_head(item.span.root).subtree]
    if any(t.lower_ in modifiers for t in phrases):
        return True
    keys = {t.key for t in targets}
    return any(
        f.spec.type == "arms_transfer" and keys & {t.key for t in f.targets} for f in previous
    )


def names_arms_deal(token: Token, spec: Trigger, filler: RoleFiller) -> bool:
    """Weapons in the trigger's own phrase ('a deal *for drones*'), in its object's
    ('signed a contract *for 180 tanks*') or in an infinitive of purpose on either
    ('signed a deal *to buy tanks*'): an arms deal is an arms transfer (OUTPUT.md),
    not an agreement."""
    phrases = [token, *(c for c in token.children if c.dep_ in {"dobj", "nsubjpass"})]
    phrases += [
        c
        for p in phrases
        for c in p.children
        if c.dep_ in {"acl", "relcl", "advcl", "xcomp"}
        and any(a.dep_ == "aux" and a.lower_ == "to" for a in c.children)
    ]
    return any(
        not spec.items_via or inside_phrase_of(item.span.root, phrase, spec.items_via)
        for phrase in phrases
        for item in items_of(filler, phrase)
    )


def is_civil_carrier(mention: ActorMention, lexicon: Lexicon) -> bool:
    """'*Turkish* Airlines', '*Qatar* Airways', 'a *Kenyan* airline': a state's name or
    adjective on a word of a civil carrier names an airline, which buys airliners."""
    root = mention.span.root
    words = set(lexicon.civil_carriers)
    follows = mention.span.doc[mention.span.end : mention.span.end + 2]
    return root.head.lemma_.lower() in words or any(t.lower_ in words for t in follows)


OBJECT_LIKE_DEPS = {"dobj", "nsubjpass", "ccomp", "xcomp", "oprd", "advcl"}  # held X *responsible*


def failed(token: Token) -> bool:
    """'X and Y *failed* to reach an agreement', 'failed to agree on a treaty'."""
    for governor in (token, *governors(token, max_hops=3)):
        if governor.lemma_.lower() == "fail":
            return True
    return False


def inside_weapon_name(token: Token) -> bool:
    """'sent JF-17 *fighters*': a word of people that belongs to a weapon's name, or
    that a weapon's designation right before it modifies, is the weapon, not troops."""
    spans = [w.span for w in token.doc._.aw_weapons or []]
    if any(span.start <= token.i < span.end for span in spans):
        return True
    return any(
        span.end == token.i and span.root.head.i == token.i and span.root.dep_ != "conj"
        for span in spans
    )


def subject_is_one_of(token: Token, words: list[str]) -> bool:
    """Whether the subject is one of ``words``, or a name with one of them as its title
    ('*President* Ruto flew to Y', 'Foreign *Minister* X arrived')."""
    subject = subject_of(token)
    if subject is None:
        return False
    named = subject.pos_ == "PROPN"
    titles = [c for c in subject.children if c.dep_ == "compound"] if named else []
    return any(t.lemma_.lower() in words for t in (subject, *titles))


def trip_without_a_host(token: Token, lexicon: Lexicon) -> bool:
    """A trip for a gathering of many or a private purpose: 'flew to Brussels *for a
    NATO summit*', 'arrived in X *to attend* a *conference*', 'travelled to Y *on
    holiday*': the place is a venue, not a host the traveller meets (lexicon
    ``hostless_purposes``)."""
    gatherings = set(lexicon.hostless_purposes)
    heads = [
        pobj
        for prep in token.children
        if prep.dep_ == "prep" and prep.lower_ in {"for", "at", "on"}
        for pobj in prep.children
        if pobj.dep_ == "pobj"
    ]
    heads += [
        obj
        for clause in token.children
        if clause.dep_ in {"xcomp", "advcl"}
        for obj in clause.children
        if obj.dep_ in {"dobj", "pobj"}
    ]
    return any(h.lemma_.lower() in gatherings for h in heads)


def is_particle(word: Token) -> bool:
    """A verb's particle, also as the parser misreads some: an adverb ('called *back* its
    envoy') or a preposition with no object of its own ('passed the howitzers *on* to X',
    the 'to' phrase hung on it)."""
    if word.dep_ in {"prt", "advmod"}:
        return True
    return word.dep_ == "prep" and not any(c.dep_ in {"pobj", "pcomp"} for c in word.children)
