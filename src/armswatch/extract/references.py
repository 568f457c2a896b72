"""Actors a reference stands for: pronouns ('it', 'they', 'he', 'we'), definite
descriptions ('the kingdom', 'the ministry'), pairs ('the two countries', 'both sides'),
gatherings ('the foreign ministers'), descriptions beside a name ('China, a country …')
and people named by their titles."""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from spacy.tokens import Token

from armswatch.extract.syntax import (
    MODIFIER_DEPS,
    conjuncts,
    governors,
    sentences_back,
    subject_of,
    unique_by_key,
)
from armswatch.nlp.mentions import ActorMention

if TYPE_CHECKING:
    from armswatch.extract.roles import RoleFiller

THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "their", "them", "themselves", "theirs"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
FIRST_PERSON = {"we", "our", "us", "ours"}
PERSON_KINDS = {"leader", "official"}
REFERENCE_REACH = 3  # sentences back that 'the kingdom', 'the group' may reach
GROUP_REFERENCE_REACH = 5  # and 'the two countries', 'both sides'
GATHERING_DETS = {"the", "both", "all"}  # 'the ministers', 'both envoys', 'all the leaders'
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
GROUP_KINDS = {"armed_group", "group", "company"}


def definite_reference(filler: RoleFiller, head: Token) -> ActorMention | None:
    """'the ministry', 'that country', 'the kingdom' → the nearest preceding state or
    government; 'the group', 'the militia' → the nearest preceding group."""
    lemma = head.lemma_.lower()
    if head.tag_ not in {"NN", "NNP"} or not any(
        c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in head.children
    ):
        return None
    if lemma in filler.group_descriptions:
        return antecedent(filler, head, lambda m: m.actor.kind in GROUP_KINDS, REFERENCE_REACH)
    if lemma not in filler.organs and lemma not in filler.state_descriptions:
        return None
    if filler.organs.get(lemma) in PERSON_KINDS:
        return None
    same = same_organ_before(filler, head)
    if same is not None:
        return same
    # 'the country' is the topic; 'that country' shifts to another actor than the topic
    topical = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
    return antecedent(
        filler, head, lambda m: m.kind in {"state", "government"}, REFERENCE_REACH, salient=topical
    )


def same_organ_before(filler: RoleFiller, head: Token) -> ActorMention | None:
    """'the Biden administration unveiled sanctions … *The administration* is
    alarmed': a definite organ noun is the actor whose same organ the text named
    last ('the Iranian ministry … the ministry'), before any state named since."""
    lemma = head.lemma_.lower()
    if lemma not in filler.organs:
        return None
    start = sentences_back(head, GROUP_REFERENCE_REACH)
    for token in reversed(head.doc[start : head.i]):
        if token.lemma_.lower() != lemma or token.pos_ not in {"NOUN", "PROPN"}:
            continue
        if token.i in filler.index.actors:
            return filler.index.actors[token.i]
        owners = [
            filler.index.actors[c.i]
            for c in token.children
            if c.i in filler.index.actors and c.dep_ in MODIFIER_DEPS
        ]
        if owners:
            return owners[0]
    return None


def pair_reference(filler: RoleFiller, head: Token) -> list[ActorMention]:
    """'the two countries', 'both sides', 'the two', 'all three' → the two (three …)
    states named before it in its own sentence, when there are just so many; else the
    parties of the event just told; else the most recent states in reach."""
    count = reference_count(filler, head)
    if count is None or restates_a_list(filler, head):
        return []
    own = states_before(filler, head, head.sent.start)
    if len(own) == count:  # 'X expects deals with Y now that *the two* have signed …'
        return own
    start = sentences_back(head, GROUP_REFERENCE_REACH)
    for parties in reversed(filler.earlier_parties()):  # the parties of an event just told
        named = unique_by_key(parties)
        if len(named) == count and all(start <= m.span.start < head.i for m in named):
            return named
    found: dict[str, ActorMention] = {}
    for mention in reversed(filler.doc._.aw_actors if filler.doc is not None else []):
        in_reach = start <= mention.span.start < head.i
        if in_reach and mention.actor.kind == "state" and mention.key not in found:
            found[mention.key] = mention
        if len(found) == count:
            return list(found.values())
    return []


def states_before(filler: RoleFiller, head: Token, start: int) -> list[ActorMention]:
    """The states named from token ``start`` up to ``head``, one mention each."""
    found: dict[str, ActorMention] = {}
    for mention in filler.doc._.aw_actors if filler.doc is not None else []:
        if start <= mention.span.start < head.i and mention.actor.kind == "state":
            found.setdefault(mention.key, mention)
    return list(found.values())


def gathered_reference(filler: RoleFiller, head: Token) -> list[ActorMention]:
    """'the (three) foreign ministers', 'the leaders', 'both envoys': officials in the
    plural with no state of their own are the parties of the fullest meeting told in
    this or the five sentences before (the latest of equals; its count, when given)."""
    lemma = head.lemma_.lower()
    if head.tag_ not in {"NNS", "NNPS"} or filler.organs.get(lemma) not in PERSON_KINDS:
        return []
    if not any(c.dep_ in {"det", "predet"} and c.lower_ in GATHERING_DETS for c in head.children):
        return []
    count = next((COUNT_WORDS[c.lower_] for c in head.children if c.lower_ in COUNT_WORDS), 0)
    start = sentences_back(head, GROUP_REFERENCE_REACH)
    best: list[ActorMention] = []
    for told, parties in reversed(filler.earlier_meetings()):
        named = unique_by_key(parties)
        in_reach = start <= told < head.i
        if len(named) > max(1, len(best)) and count in {0, len(named)} and in_reach:
            best = named
    return best


def described_actor(filler: RoleFiller, head: Token) -> ActorMention | None:
    """A description of an actor named beside it: 'China, *a country* the US
    accuses …' (apposition), 'China is *a country* …' (predicate noun), 'Chile is
    *among the states* that …', 'Chile is *one of the states* that …'."""
    lemma = head.lemma_.lower()
    if lemma not in filler.state_descriptions and lemma not in filler.group_descriptions:
        return None
    holder = head.head
    if head.dep_ == "appos" and holder.i in filler.index.actors:
        return filler.index.actors[holder.i]
    predicate = head
    if head.dep_ == "pobj" and holder.lower_ == "among":
        predicate = holder  # 'is among the countries'
    elif head.dep_ == "pobj" and holder.lower_ == "of" and holder.head.lower_ == "one":
        predicate = holder.head  # 'is one of the countries'
    verb = predicate.head
    if predicate.dep_ in {"attr", "prep"} and verb.lemma_ == "be" and verb.i != predicate.i:
        subject = subject_of(verb)
        if subject is not None and subject.i in filler.index.actors:
            return filler.index.actors[subject.i]
    return None


def restates_a_list(filler: RoleFiller, head: Token) -> bool:
    """'Britain, Germany and France, the three countries known as the E3': an
    apposition right after the list it names, whatever the parse made of it."""
    edge = head.left_edge.i
    return edge >= 2 and head.doc[edge - 1].text == "," and edge - 2 in filler.index.actors


def reference_count(filler: RoleFiller, head: Token) -> int | None:
    """How many actors a plural reference stands for, or None when it is none."""
    if head.lower_ in COUNT_WORDS and head.pos_ in {"NUM", "PRON", "DET"}:
        if any(c.lower_ in {"the", "all"} for c in head.children) or head.lower_ == "both":
            return COUNT_WORDS[head.lower_]  # 'the two signed', 'both agreed'
        return None
    nouns = {"side", *filler.state_descriptions}
    if head.lemma_.lower() not in nouns or head.tag_ not in {"NNS", "NNPS"}:
        return None
    counts = [COUNT_WORDS[c.lower_] for c in head.children if c.lower_ in COUNT_WORDS]
    return counts[0] if counts else None


def named_people(filler: RoleFiller) -> dict[str, ActorMention]:
    """Named people not in the KB, resolved by their titles once per document:
    'Seth Bailey, the U.S. Department of State's Director' → USA, then 'Bailey'."""
    if filler.people_by_name is not None:
        return filler.people_by_name
    filler.people_by_name = {}
    for ent in filler.doc.ents if filler.doc is not None else []:
        if ent.label_ != "PERSON":
            continue
        known = filler.index.actors.get(ent.root.i)
        if known is not None and known.kind not in PERSON_KINDS:
            continue  # 'the Houthis' read as a person's name is still the group
        found = [known] if known else title_actors(filler, ent.root)
        if found:
            for name in {ent.text, ent.root.text, ent[-1].text}:
                filler.people_by_name.setdefault(name, found[0])
    return filler.people_by_name


def title_actors(filler: RoleFiller, root: Token) -> list[ActorMention]:
    """The actor of a person's title: 'X, *the U.S.* envoy', '*Kenyan* minister X',
    or the office the name is set beside ('*CENTCOM's* commander, General X')."""
    office = root.head
    if root.dep_ == "appos" and office.lemma_.lower() in filler.organs:
        owners = [
            filler.index.actors[c.i]
            for c in office.children
            if c.i in filler.index.actors and c.dep_ in MODIFIER_DEPS
        ]
        if owners and owners[0].actor.kind != "media":
            return owners[:1]
    for child in root.children:
        if child.dep_ == "appos":
            return [
                filler.index.actors[t.i]
                for t in child.subtree
                if t.i in filler.index.actors and filler.index.actors[t.i].actor.kind != "media"
            ][:1]
    return [
        filler.index.actors[t.i]
        for t in root.lefts
        if t.i in filler.index.actors and t.dep_ in MODIFIER_DEPS
    ][:1]


def pronoun_referent(filler: RoleFiller, token: Token) -> list[ActorMention] | None:
    """Actors a pronoun stands for, or None when ``token`` is no pronoun we resolve.

    'it'/'its'/'they' → the nearest preceding actor that is not a person; 'he'/'his'
    → the nearest preceding person or office holder; 'we'/'our' → the publisher,
    when the article comes from a government or organisation.
    """
    lower = token.lower_
    if lower in FIRST_PERSON:
        if filler.publisher is None:
            return []
        span = token.doc[token.i : token.i + 1]
        return [ActorMention(span, filler.publisher, "name", filler.publisher.kind)]
    if lower in PLURAL_PRONOUNS:
        found = antecedent(filler, token, lambda m: stands_for_a_body(filler, m))
        return coordinated(filler, found) if found is not None else []
    if lower in THING_PRONOUNS:
        found = antecedent(filler, token, lambda m: stands_for_a_body(filler, m))
    elif lower in PERSON_PRONOUNS:
        found = person_antecedent(filler, token)
    else:
        return None
    return [found] if found is not None else []


def stands_for_a_body(filler: RoleFiller, mention: ActorMention) -> bool:
    """Whether 'it'/'its'/'they' may mean the mention: a state, government or group,
    or a person's name owning a body ('*Fico's* cabinet … at its meeting'); not a
    person ('he')."""
    if mention.kind not in PERSON_KINDS:
        return True
    root = mention.span.root
    body = filler.organs.get(root.head.lemma_.lower())
    return root.dep_ == "poss" and body is not None and body not in PERSON_KINDS


def person_antecedent(filler: RoleFiller, pronoun: Token) -> ActorMention | None:
    """The nearest preceding person: a KB office holder or a titled named person."""
    start = pronoun.doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start else 0
    best: tuple[int, ActorMention] | None = None
    for mention in filler.doc._.aw_actors if filler.doc is not None else []:
        if start <= mention.span.start < pronoun.i and mention.kind in PERSON_KINDS:
            best = (mention.span.start, mention)
    people = named_people(filler)
    for ent in pronoun.doc.ents:
        in_reach = ent.label_ == "PERSON" and start <= ent.start < pronoun.i
        if in_reach and ent.text in people and (best is None or ent.start > best[0]):
            best = (ent.start, people[ent.text])
    return best[1] if best else None


def coordinated(filler: RoleFiller, mention: ActorMention) -> list[ActorMention]:
    """'Iran and Russia … their': every actor coordinated with the antecedent."""
    root = mention.span.root
    first = root
    while first.dep_ == "conj":
        first = first.head
    heads = conjuncts(first)
    found = [filler.index.actors[h.i] for h in heads if h.i in filler.index.actors]
    return found if mention in found else [mention]


def antecedent(
    filler: RoleFiller,
    pronoun: Token,
    wanted: Callable[[ActorMention], bool],
    reach: int = 1,
    salient: bool = False,
) -> ActorMention | None:
    """The nearest wanted actor before the pronoun, in its sentence or the ``reach``
    sentences before; ``salient``: the nearest that a main clause is about, when
    there is one ('*Slovakia* had been one of Ukraine's firmest backers, with *the
    government* supplying jets' is Slovakia's; 'Iran has always said its missiles
    are defensive. They could reach the capital of Saudi Arabia. Others accused *the
    country* …' is Iran)."""
    doc = pronoun.doc
    # read again as the other party of an act: only an actor of the same sentence
    start = sentences_back(pronoun, 0 if filler.other_party else reach)
    bound = clause_subject_keys(filler, pronoun)
    candidates = [
        m
        for m in doc._.aw_actors or []
        if start <= m.span.start < pronoun.i
        and wanted(m)
        and m.actor.kind != "media"
        and m.key not in bound
        and m.key not in filler.other_party
    ]
    topics = [m for m in candidates if salient and is_main_subject(m)]
    return (topics or candidates)[-1] if candidates else None


def clause_subject_keys(filler: RoleFiller, token: Token) -> set[str]:
    """Actors a non-reflexive reference in a verb's object cannot mean: that verb's own
    subject ('Poland imposed sanctions on *the country*' is not Poland, which would
    be 'itself')."""
    if token.dep_ in {"nsubj", "nsubjpass", "poss"}:
        return set()
    verb = next((g for g in governors(token) if g.pos_ in {"VERB", "AUX"}), None)
    subject = subject_of(verb) if verb is not None else None
    if subject is None or subject.i > token.i:
        return set()
    return {filler.index.actors[t.i].key for t in conjuncts(subject) if t.i in filler.index.actors}


def is_main_subject(mention: ActorMention) -> bool:
    """Whether the mention is what its sentence's main clause is about: the subject of
    the sentence's root, or that subject's possessor or modifier ('*Iran's* navy said')."""
    token = mention.span.root
    if token.dep_ in {"poss", "compound", "amod"}:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"
