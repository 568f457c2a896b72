"""Parts of a trigger's clause that the slot functions (extract/slots.py) read: its
subject, or whoever controls it ('urged *Germany* to send'); the agent of a verb that acts
out a noun ('*Russia* held talks'); the objects of a preposition on the trigger or on the
word it belongs to."""

from __future__ import annotations

from typing import TYPE_CHECKING

from spacy.tokens import Token

from armswatch.extract.syntax import (
    RELATIVE_PRONOUNS,
    agent_of,
    inherited_subject,
    is_passive,
    phrasal_keys,
    prep_objects,
    relative_antecedent,
    subject_of,
    trailing_prep_objects,
)

if TYPE_CHECKING:
    from armswatch.extract.roles import RoleFiller

RECIPIENT_PREPS = {"to", "for"}
RELATIVE_OBJECTS = {"that", "which", "whom"}
CONTROL_PREPS = {"for", "from", "of", "against"}  # condemn X *for*; bar X *from*; warn X *against*
OWNER_DEPS = {"poss", "amod", "compound", "nmod"}  # who a noun phrase belongs to


def prep_slot(filler: RoleFiller, trigger: Token, word: str) -> list[Token]:
    """Objects of ``word``: on the trigger; for a noun, else on the verb it belongs to
    ('troops … are deployed *in* Russia') or on the noun it is listed under
    ('cooperation *between* X and Y, including arms transfers')."""
    found = outside_topic(trigger, prep_objects(trigger, word))
    if word in RECIPIENT_PREPS:  # 'delivered to Armenia Pinaka launchers'
        found = [filler.fused_recipient(t) or t for t in found]
    if not found and trigger.dep_ in {"acl", "relcl"} and trigger.head.pos_ == "NOUN":
        found = prep_objects(trigger.head, word, deep=False)  # 'sanctions on X announced by Y'
    if found or trigger.pos_ != "NOUN":
        return found
    counted = counting_noun(filler, trigger)
    if counted is not None and counted.pos_ == "NUM" and counted.head.pos_ == "VERB":
        return prep_objects(counted.head, word, deep=False)  # 'froze $3m in aid *to* X'
    if counted is not None:  # 'sent thousands of workers *to* Qatar'
        return prep_slot(filler, counted, word)
    clause = object_relative(trigger)
    if clause is not None:  # 'the troops that Chad sent *to* Niger'
        return prep_objects(clause, word, deep=False)
    if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":  # 'cooperation pact *with*'
        return prep_objects(trigger.head, word, deep=False)
    while trigger.dep_ == "conj":  # 'including arms and missile *transfers*'
        trigger = trigger.head
    head = trigger.head
    if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.pos_ == "VERB":
        listing = head.lemma_.lower() in filler.listing_verbs  # 'X included missiles for Y'
        return prep_objects(head, word, deep=listing)
    if head.dep_ == "prep" and head.lower_ in {"including", "include", "like"}:
        return prep_objects(head.head, word, deep=False)
    if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
        found = prep_objects(head.head, word, deep=False)  # 'concern over X by Y to Z'
        return found or trailing_prep_objects(trigger, word)
    verb = head.head
    if trigger.dep_ == "pobj" and verb.pos_ == "VERB" and verb.lemma_.lower() in filler.agent_verbs:
        return prep_objects(verb, word, deep=False)  # 'agreed on joint production *with* Y'
    return trailing_prep_objects(trigger, word)  # 'concern over deployments *by X*'


def counting_noun(filler: RoleFiller, noun: Token) -> Token | None:
    """The quantity noun that stands in the clause for the noun it counts:
    'thousands' in 'sent *thousands* of workers', 'a group' in 'a group of
    instructors', the sum in 'froze *$300 million* in aid'."""
    of = noun.head
    if noun.dep_ != "pobj" or of.lower_ not in {"of", "in"} or of.dep_ != "prep":
        return None
    quantity = of.head
    if quantity.pos_ not in {"NOUN", "NUM"}:
        return None
    if of.lower_ == "in" and not quantity.like_num:  # '$300 million *in* aid'
        return None
    if quantity.lemma_.lower() in filler.entity_words.partitives or quantity.like_num:
        return quantity
    return None


def subject_tokens(filler: RoleFiller, trigger: Token) -> list[Token]:
    """The subject; for 'Russia's plan to buy' the planner; for 'drones acquired from
    Tehran' (a reduced relative whose 'subject' is the weapon) the governing subject."""
    subj = subject_of(trigger)
    subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
    if len(subjects) > 1 and not filler.actors_of_head(subjects[0], False):
        subj = subjects[-1]  # 'Details of the sanctions *Britain* is imposing': a misread
    if subj is None and trigger.pos_ == "ADJ" and trigger.dep_ == "acomp":
        subj = subject_of(trigger.head)  # 'Washington is concerned'
    if subj is not None and subj.i in filler.index.weapons:
        subj = None
    controller = controlling_object(trigger) or object_controller(filler, trigger)
    if subj is None and controller is not None:
        return [controller]
    if subj is None and trigger.pos_ == "VERB":
        raised = trigger  # 'the only country *known to have imported* drones'
        while raised.dep_ == "xcomp" and raised.head.pos_ == "VERB" and raised.head.i != raised.i:
            raised = raised.head
        holder = raised.head
        if raised.dep_ == "acl" and holder.pos_ == "NOUN" and filler.actors_of_head(holder, False):
            return [holder]
        if headline_infinitive_subject(filler, raised):
            return [holder]  # 'Qatar To Order Frigates' read as 'Qatar (that is) to order'

        subj = inherited_subject(trigger)
    if subj is None:
        return []
    return [relative_antecedent(subj), *extra_subjects(trigger, subj)]


def headline_infinitive_subject(filler: RoleFiller, verb: Token) -> bool:
    """A headline's 'NAME To VERB …' that the parser hangs on the name as a clause:
    the name is the subject ('Oman To Buy Patrol Boats From Spain')."""
    holder = verb.head
    return (
        verb.dep_ in {"acl", "relcl"}
        and holder.pos_ == "PROPN"
        and holder.i < verb.i
        and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
        and bool(filler.actors_of_head(holder, False))
    )


def controlling_object(trigger: Token) -> Token | None:
    """'condemn the DPRK for providing' / 'prohibit States from procuring': the
    object of the governing verb is the subject of the -ing verb (also when the parser
    hangs the preposition on that object)."""
    prep = trigger.head
    if trigger.dep_ == "pcomp" and prep.lower_ in CONTROL_PREPS:
        verb = prep.head
        if verb.pos_ == "VERB":
            return next((c for c in verb.children if c.dep_ == "dobj"), None)
        if verb.dep_ == "dobj" and verb.head.pos_ == "VERB":
            return verb  # 'accused *the country* of transferring', the 'of' on the object
    return None


def object_controller(filler: RoleFiller, verb: Token) -> Token | None:
    """'Poland urged *Germany* to send tanks', 'prompted *Washington* to freeze aid':
    the object of the verb an infinitive complements does what it says, unless that
    verb keeps its subject ('X promised Y to deliver', lexicon
    ``subject_control_verbs``)."""
    governor = verb.head
    if verb.dep_ != "xcomp" or governor.pos_ != "VERB" or governor.i == verb.i:
        return None
    while (  # 'pressed *Ankara* to stop selling': up through an objectless infinitive
        governor.dep_ == "xcomp"
        and governor.head.pos_ == "VERB"
        and governor.head.i != governor.i
        and not any(c.dep_ in {"dobj", "nsubj"} for c in governor.children)
    ):
        verb, governor = governor, governor.head
    if governor.lemma_.lower() in filler.entity_words.subject_control:
        return None
    return next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i), None)


def object_relative(noun: Token) -> Token | None:
    """The relative clause whose object the noun is: 'the troops *that Chad sent*',
    'the sanctions *Canberra imposed*' (zero relative)."""
    for clause in (c for c in noun.children if c.dep_ == "relcl" and c.pos_ == "VERB"):
        objects = [c for c in clause.children if c.dep_ in {"dobj", "nsubjpass"}]
        relative = any(o.lower_ in RELATIVE_OBJECTS and o.i < clause.i for o in objects)
        zero = not objects and not any(
            t.lower_ in RELATIVE_PRONOUNS | {"where", "when"} for t in clause.subtree
        )  # 'letters *in which* they called for …' is no object relative
        if (relative or zero) and subject_of(clause) is not None:
            return clause
    return None


def governing_subject(filler: RoleFiller, noun: Token) -> list[Token]:
    """'Russia held talks' → Russia for the noun 'talks'; 'the troops that Chad sent'
    → Chad for 'troops'."""
    clause = object_relative(noun)
    if clause is not None:
        return agent_of_verb(filler, clause)
    if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
        return governing_subject(filler, noun.head)  # 'signed a defence *cooperation* pact'
    if noun.dep_ == "nsubjpass" and noun.head.pos_ == "VERB":
        agent = agent_of(noun.head)  # 'a pact was signed by X and Y'
        if agent is not None and noun.head.lemma_.lower() in filler.agent_verbs:
            return [agent]
        return []
    if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
        return agent_of_verb(filler, noun.head)
    if noun.dep_ == "pobj" and noun.head.dep_ in {"prep", "dative"}:
        holder = noun.head.head
        if holder.pos_ == "NOUN" and noun.head.lower_ == "of":
            if any(c.i in filler.index.actors for c in holder.children if c.dep_ in OWNER_DEPS):
                return []  # 'blocked *an EU package of* aid': the EU's, not the blocker's
            return governing_subject(filler, holder)  # 'held *a round of* talks'
        counted = counting_noun(filler, noun)
        if counted is not None and counted.i == holder.i and holder.pos_ == "NUM":
            return governing_subject(filler, holder)  # 'froze *$300 million in* aid'
        if holder.pos_ == "NOUN" and is_subject_matter(filler, noun, holder):
            return governing_subject(filler, holder)  # 'signed a memorandum *on* cooperation'
        if holder.pos_ == "NOUN":
            return []  # 'stopped a push *for* sanctions': the pusher is no imposer
        if holder.pos_ == "VERB":
            return agent_of_verb(filler, holder)
    return []


def is_subject_matter(filler: RoleFiller, noun: Token, holder: Token) -> bool:
    """Whether ``noun`` is what a signed text or a negotiation is about: 'a memorandum
    *on* military cooperation', 'talks *about* joint drills' (lexicon
    ``document_nouns``, ``negotiation_nouns``): those who sign or talk do it."""
    about = noun.head.lower_ in {"on", "about", "regarding", "concerning", "for"}
    lemma = holder.lemma_.lower()
    return about and (
        lemma in filler.entity_words.documents or lemma in filler.entity_words.negotiations
    )


def agent_of_verb(filler: RoleFiller, verb: Token) -> list[Token]:
    """The subject of a verb that acts out its object noun ('Russia *held* talks',
    'Iran *sent* troops'); not of one that reacts to it ('Kyiv *protested* the
    supply of drones')."""
    halting = not filler.entity_words.halts.isdisjoint(phrasal_keys(verb))
    if verb.lemma_.lower() not in filler.agent_verbs and verb.lemma_ != "be" and not halting:
        return []  # 'called off the delivery': the halter's own transfers
    subj = subject_of(verb) or controlling_object(verb) or object_controller(filler, verb)
    agent = agent_of(verb) if subj is None and is_passive(verb) else None
    if agent is not None:
        return [agent]  # 'during a visit to X, concerns *were raised by* Y'
    if subj is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and has_to_marker(verb):
        return noun_agents(verb.head)  # 'an agreement *by X* to hold talks'
    subj = subj or inherited_subject(verb)
    if subj is None:
        return []
    return [relative_antecedent(subj), *extra_subjects(verb, subj)]


def extra_subjects(verb: Token, first: Token) -> list[Token]:
    """Further subjects the small model hangs on the verb when it misreads a list
    ('Kenya, Uganda, and *Rwanda* held talks': Rwanda a second nsubj)."""
    return [
        c
        for c in verb.children
        if c.dep_ in {"nsubj", "nsubjpass"} and c.i != first.i and c.pos_ == "PROPN"
    ]


def has_to_marker(verb: Token) -> bool:
    """'*to* hold': a verb with the infinitive marker."""
    return any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)


def noun_agents(noun: Token) -> list[Token]:
    """Who acts in an infinitive on a noun: the noun's possessor or 'by' phrase ('*X's*
    decision to hold talks', 'an agreement *by X* to hold talks'); none otherwise, since
    the subject of the clause around the noun ('Y's move follows an agreement to …') is
    not the one who acts."""
    found = [c for c in noun.children if c.dep_ == "poss"]
    return found + [p for p in prep_objects(noun, "by", deep=False)]


TOPIC_PREPS = {"on", "about", "over", "regarding", "concerning"}


def outside_topic(noun: Token, found: list[Token]) -> list[Token]:
    """A noun's phrase objects outside its topic, when it has some: in 'talks *with*
    Peru on the dispute *with* Ecuador' the second 'with' is the dispute's, and the
    talks are with Peru. With none outside ('talks on the dispute with Ecuador'), the
    topic's are kept."""
    if noun.pos_ != "NOUN":
        return found
    topic = {
        t.i
        for prep in noun.children
        if prep.dep_ == "prep" and prep.lower_ in TOPIC_PREPS
        for t in prep.subtree
    }
    outside = [t for t in found if t.i not in topic]
    return outside or found
