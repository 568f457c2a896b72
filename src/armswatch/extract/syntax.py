"""Dependency-tree helpers shared by the extractors: slots, clause walks, indexes, and
the order-keeping de-duplication of mentions."""

from __future__ import annotations

from collections.abc import Iterator
from dataclasses import dataclass, field
from itertools import pairwise
from typing import TypeVar

from spacy.tokens import Doc, Span, Token

from armswatch.nlp.mentions import ActorMention, WeaponMention

SUBJECT_DEPS = {"nsubj", "csubj", "expl"}
PASSIVE_SUBJECT_DEPS = {"nsubjpass", "csubjpass"}
CLAUSE_DEPS = {"relcl", "acl", "advcl", "ccomp", "xcomp", "parataxis", "csubj", "pcomp"}
MODIFIER_DEPS = {"amod", "compound", "nmod", "poss", "npadvmod"}
RELATIVE_PRONOUNS = {"which", "that", "who", "whom", "whose"}
PREPOSITION_DEPS = {"prep", "dative"}  # the model labels 'sent *to* Somalia' dative at times
T = TypeVar("T")


@dataclass
class MentionIndex:
    """Token index → the actor or weapon mention covering that token."""

    actors: dict[int, ActorMention] = field(default_factory=dict)
    weapons: dict[int, WeaponMention] = field(default_factory=dict)

    @classmethod
    def of(cls, doc: Doc) -> MentionIndex:
        index = cls()
        for actor in doc._.aw_actors or []:
            for i in range(actor.span.start, actor.span.end):
                index.actors[i] = actor
        for weapon in doc._.aw_weapons or []:
            for i in range(weapon.span.start, weapon.span.end):
                index.weapons[i] = weapon
        return index


def is_passive(verb: Token) -> bool:
    return any(c.dep_ in PASSIVE_SUBJECT_DEPS or c.dep_ == "auxpass" for c in verb.children)


def clause_tokens(head: Token) -> Iterator[Token]:
    """Tokens under ``head`` that do not belong to a nested clause."""
    stack = [head]
    while stack:
        token = stack.pop()
        yield token
        for child in token.children:
            if child.dep_ in CLAUSE_DEPS and child.pos_ in {"VERB", "AUX"}:
                continue
            stack.append(child)


def subject_of(verb: Token) -> Token | None:
    """The active subject of ``verb`` (None for passives, whose subject is the object);
    also one the parser hung on the verb's auxiliary when an inserted phrase parts them
    ('*Saab* had, in early 2022, signed …'), and a name the parser read as an adverb of
    a finite verb with no subject, opening the clause ('*Armenia* shipped aircraft to
    Spain', *Armenia* an npadvmod)."""
    for child in verb.children:
        if child.dep_ in SUBJECT_DEPS:
            return child
    for aux in (c for c in verb.children if c.dep_ in {"aux", "auxpass"}):
        for child in aux.children:
            if child.dep_ in SUBJECT_DEPS:
                return child
    if verb.tag_ in {"VBD", "VBZ", "VBP"} and not any(c.dep_ == "nsubjpass" for c in verb.children):
        for child in verb.lefts:
            if child.dep_ == "npadvmod" and child.pos_ == "PROPN" and child.i == verb.i - 1:
                return child
    return None


def inherited_subject(token: Token, max_hops: int = 5) -> Token | None:
    """The subject of the nearest governing verb: 'Russia plans to buy' → Russia for 'buy'."""
    current = token
    for _ in range(max_hops):
        if current.dep_ in {"ROOT"} or current.head is current:
            return None
        if current.dep_ in {"ccomp", "parataxis"}:
            return None
        if current.dep_ in {"acl", "relcl"} and current.pos_ == "VERB" and current is not token:
            return None
        via = current.dep_
        current = current.head
        if current.pos_ in {"VERB", "AUX"}:
            subj = subject_of(current)
            if subj is not None:
                return relative_antecedent(subj)
            if is_passive(current) and via == "xcomp":
                raised = passive_subject(current)  # 'X is believed to have shipped'
                if raised is not None:
                    return raised
            if is_passive(current):
                agent = agent_of(current)
                if agent is not None:
                    return agent
    return None


def passive_subject(verb: Token) -> Token | None:
    return next((c for c in verb.children if c.dep_ in PASSIVE_SUBJECT_DEPS), None)


def phrase_head(root: Token) -> Token:
    """The noun a name modifies, whose phrase carries its other words: 'JF-17' in
    'Angolan JF-17 *fighters* held in French stocks'."""
    while root.dep_ in {"compound", "nummod", "nmod"} and root.head.pos_ in {"NOUN", "PROPN"}:
        if root.head.i == root.i:
            break
        root = root.head
    return root


def relative_antecedent(subj: Token) -> Token:
    """'the country which supplies' → 'country' for the subject 'which'."""
    if subj.lower_ in RELATIVE_PRONOUNS:
        verb = subj.head
        if verb.dep_ == "relcl":
            return verb.head
    return subj


def agent_of(verb: Token) -> Token | None:
    """The object of 'by' in a passive: 'supplied by Iran' → Iran; also a 'by' the parser
    hung on the verb's prepositional object ('imposed on Chad *by Niger*')."""
    for child in verb.children:
        if child.dep_ == "agent":
            for grandchild in child.children:
                if grandchild.dep_ == "pobj":
                    return grandchild
    for prep in (c for c in verb.children if c.dep_ == "prep" and c.lower_ != "by"):
        for pobj in (c for c in prep.children if c.dep_ == "pobj"):
            for by in (c for c in pobj.children if c.dep_ == "prep" and c.lower_ == "by"):
                return next((c for c in by.children if c.dep_ == "pobj"), None)
    return None


def prep_objects(head: Token, preposition: str, deep: bool = True) -> list[Token]:
    """Objects of ``preposition`` attached to ``head`` or (deep) to nouns of its clause;
    also to a 'worth' phrase on it, where the parser hangs the deal's phrases ('signed
    sales *worth* $2 billion *with* X')."""
    found: list[Token] = []
    candidates = list(clause_tokens(head)) if deep else [head]
    candidates += [c for c in head.children if c.lower_ == "worth" and c not in candidates]
    for token in candidates:
        if token is not head and token.pos_ in {"VERB", "AUX"}:
            continue
        for child in token.children:
            if child.dep_ in PREPOSITION_DEPS and child.lower_ == preposition:
                objects = [c for c in child.children if c.dep_ == "pobj"]
                found.extend(stranded_object(child, objects) or objects)
                found.extend(coordinated_preposition_objects(child, preposition))
            elif child.dep_ == "conj" and child.pos_ == "ADP" and child.lower_ == preposition:
                found.extend(c for c in child.children if c.dep_ == "pobj")  # '… and to Y'
    return found


def coordinated_preposition_objects(prep: Token, preposition: str) -> list[Token]:
    """'to X located in A *and to* Y': a repeated preposition coordinated inside the
    first phrase (the parser hangs it on the nearest preposition) adds its objects."""
    return [
        c
        for t in prep.subtree
        if t.dep_ == "conj" and t.pos_ == "ADP" and t.lower_ == preposition and t.i != prep.i
        for c in t.children
        if c.dep_ == "pobj"
    ]


def trailing_prep_objects(noun: Token, preposition: str) -> list[Token]:
    """Objects of ``preposition`` in the run of prepositional phrases right after a noun
    that the parser hung on a verb above it: 'voiced concern over troop *deployments by
    Malaysia to Iraq*', 'by' and 'to' read as the verb's."""
    doc = noun.doc
    ancestors = {a.i for a in noun.ancestors}
    position = noun.right_edge.i + 1
    while position < len(doc):
        prep = doc[position]
        if prep.dep_ not in PREPOSITION_DEPS or prep.head.i not in ancestors:
            return []
        if prep.lower_ == preposition:
            return [c for c in prep.children if c.dep_ == "pobj"]
        position = prep.right_edge.i + 1
    return []


def stranded_object(preposition: Token, objects: list[Token]) -> list[Token]:
    """The named actor right after a preposition that the parser hung elsewhere or on
    a misread word ('a trade pact *with* Turkey enters into force': 'Turkey' read as a
    modifier of 'enters', itself read as the object or as a verb)."""
    if any(c.dep_ == "pcomp" for c in preposition.children):
        return []
    after = preposition.i + 1
    for mention in preposition.doc._.aw_actors or []:
        if mention.span.start != after or mention.form != "name":
            continue
        root = mention.span.root
        if root in objects:
            return []
        if not objects or (root.dep_ in {"compound", "amod", "nmod"} and root.head in objects):
            return [root]
    return []


def conjuncts(token: Token) -> list[Token]:
    """A token and the tokens coordinated with it ('Russia and Syria')."""
    result = [token]
    for child in token.children:
        if child.dep_ in {"conj", "appos"} or is_misread_conjunct(child):
            result.extend(conjuncts(child))
    return result


def is_misread_conjunct(child: Token) -> bool:
    """A first name the parser hung on a multiword second one ('*Luanda* and Phnom Penh':
    Luanda as a modifier of Penh, carrying the 'and')."""
    return (
        child.dep_ in {"nmod", "compound"}
        and child.pos_ == "PROPN"
        and child.head.pos_ == "PROPN"
        and child.i < child.head.i
        and any(c.dep_ == "cc" for c in child.children)
    )


def governors(token: Token, max_hops: int = 4) -> Iterator[Token]:
    """The chain of heads above ``token`` inside its sentence (not the token itself)."""
    current = token
    for _ in range(max_hops):
        if current.head.i == current.i:  # a Token is made anew on each access: no `is`
            return
        current = current.head
        yield current


def phrasal_keys(verb: Token) -> list[str]:
    """The multiword forms of a verb, by lemma: 'turned *down*' → 'turn down'; 'put the
    deliveries *on hold*' → 'put on hold'; a preposition before an -ing clause, 'warned X
    *against* supplying' → 'warn against'. Looked up in the lexicon's ``phrasal_status``."""
    lemma = verb.lemma_.lower()
    keys = [f"{lemma} {c.lower_}" for c in verb.children if c.dep_ == "prt"]
    for prep in verb.children:
        if prep.dep_ == "prep":
            keys += [
                f"{lemma} {prep.lower_} {o.lemma_.lower()}"
                for o in prep.children
                if o.dep_ == "pobj"
            ]
            if any(o.dep_ == "pcomp" for o in prep.children):
                keys.append(f"{lemma} {prep.lower_}")
    return keys


def purpose_hosts(verb: Token) -> list[Token]:
    """The nouns an infinitive of purpose belongs to: 'is *in talks* with X to buy',
    'held *negotiations* with X to buy', '*talks* with X to buy'."""
    if not any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children):
        return []
    head = verb.head
    if head.i == verb.i or verb.dep_ not in {"advcl", "xcomp", "acl", "relcl"}:
        return []
    if head.pos_ in {"NOUN", "PROPN"}:
        return [head]
    hosts = [c for c in head.children if c.dep_ in {"dobj", "attr"}]
    for prep in head.children:
        if prep.dep_ == "prep":
            hosts += [o for o in prep.children if o.dep_ == "pobj"]
    return hosts


FINITE_TAGS = {"VBD", "VBZ", "VBP", "MD"}
MOVED_PREPOSITIONS = {"to", "from", "for", "into", "with"}


def verb_read_as_noun(sent: Span, index: MentionIndex, verbs: set[str]) -> Token | None:
    """In a sentence with no finite verb, the word right after the opening actor that is
    a trigger verb's third person read as a plural noun ('Niger *exports* fighter jets
    to France', 'Somalia *ships* trainers to Belarus, competing with …') or its past
    read as a participle modifying the object ('Armenia *shipped* radars to the RSF'):
    headlines and leads the small model reads as one noun phrase."""
    if any(t.tag_ in FINITE_TAGS for t in sent):
        return None
    opening = index.actors.get(sent.start)
    if opening is None:
        return None
    after = opening.span.end
    if after + 1 >= sent.end:
        return None
    word = sent.doc[after]
    plural = word.tag_ in {"NNS", "NNPS"} and word.lower_.endswith("s")
    participle = word.tag_ in {"VBN", "VBD"} and word.dep_ in {"amod", "acl"}
    if not plural and not participle:
        return None
    if word.lemma_.lower() not in verbs or sent.doc[after + 1].is_punct:
        return None
    return word


MODALS = {"will", "would", "shall", "can", "could", "may", "might", "must"}
MODAL_GAP = {"no", "longer", "not", "n't", "never", "also", "soon", "still", "now", "again"}
"""Adverbs that may stand between a modal and its verb ('will *no longer* ship')."""


def verb_read_as_noun_after_modal(sent: Span, verbs: set[str]) -> Token | None:
    """A trigger verb right after a modal (only adverbs between) that the small model
    read as a modifier of its own object: 'Kenya will no longer *ship* helicopters to
    X', *ship* a compound of 'helicopters'."""
    for word in sent:
        if word.dep_ != "compound" or word.lemma_.lower() not in verbs:
            continue
        before = word.i - 1
        while before > sent.start and word.doc[before].lower_ in MODAL_GAP:
            before -= 1
        if word.doc[before].lower_ in MODALS:
            return word
    return None


def promote_after_modal(word: Token) -> None:
    """Reparse 'SUBJECT MODAL (adverbs) WORD object to X' with WORD as the clause's verb:
    the noun phrase it was buried in becomes its object; the subject, the modal and the
    adverbs before it hang on it, and so do the object's 'to'/'from' phrases."""
    phrase = word.head
    while phrase.dep_ == "compound" and phrase.head.i != phrase.i:
        phrase = phrase.head
    root = phrase.head.i == phrase.i
    word.head = word if root else phrase.head
    word.dep_ = phrase.dep_
    word.pos_ = "VERB"
    word.tag_ = "VB"
    lefts = [c for c in phrase.children if c.i < word.i]
    modal = max((c.i for c in lefts if c.lower_ in MODALS), default=word.i)
    for left in lefts:
        left.head = word
        if left.i == modal:
            left.dep_ = "aux"
        elif left.i > modal or left.pos_ not in {"PROPN", "NOUN", "PRON"}:
            left.dep_ = "advmod"  # 'no longer'
        else:
            left.dep_ = "nsubj"
    phrase.head = word
    phrase.dep_ = "dobj"
    for prep in list(phrase.children):
        if prep.dep_ == "prep" and prep.lower_ in MOVED_PREPOSITIONS and prep.i > phrase.i:
            prep.head = word


def promote_to_verb(word: Token, subject: Token) -> None:
    """Reparse 'SUBJECT WORD object to X' with WORD as the finite verb: the subject and
    the old root (the object) hang on it, and so do the object's 'to'/'from' phrases."""
    old_root = word.sent.root
    word.head = word
    word.dep_ = "ROOT"
    word.pos_ = "VERB"
    word.tag_ = "VBD" if word.tag_ in {"VBN", "VBD"} else "VBZ"
    subject.head = word
    subject.dep_ = "nsubj"
    if old_root.i in {word.i, subject.i}:
        return
    old_root.head = word
    old_root.dep_ = "dobj"
    for prep in list(old_root.children):
        if prep.dep_ == "prep" and prep.lower_ in MOVED_PREPOSITIONS and prep.i > old_root.i:
            prep.head = word


def gerunds_read_as_modifiers(sent: Span, verbs: set[str]) -> list[Token]:
    """A trigger verb's -ing form right after a verb, read as a modifier of that verb's
    object: 'Turkey denied *donating* assault rifles to Argentina' (compound of
    'rifles'), not 'denied *donating* (rifles)' as a clause."""
    found = []
    for word in sent:
        if word.tag_ != "VBG" or word.dep_ not in {"amod", "compound"} or word.i == 0:
            continue
        noun, verb = word.head, word.doc[word.i - 1]
        if word.lemma_.lower() not in verbs or verb.pos_ != "VERB":
            continue
        if noun.dep_ == "dobj" and noun.head.i == verb.i and noun.i > word.i:
            found.append(word)
    return found


def promote_gerund(word: Token) -> None:
    """Reparse 'VERB GERUND object to X' with the gerund as the verb's clause taking the
    object and the 'to'/'from' phrases after it (on the object or on the verb)."""
    noun = word.head
    verb = noun.head
    word.head = verb
    word.dep_ = "xcomp"
    word.pos_ = "VERB"
    noun.head = word
    for prep in [*noun.children, *verb.children]:  # 'denied sending troops *to X*'
        if prep.dep_ == "prep" and prep.lower_ in MOVED_PREPOSITIONS and prep.i > noun.i:
            prep.head = word


COORDINATORS = {"and", "or", ","}


def buried_conjuncts(sent: Span, index: MentionIndex) -> list[tuple[Span, Span]]:
    """Two actor names joined by 'and' where the parser hung the first on the second
    as a modifier: 'to *Pakistan* and South Africa' read as a kind of 'South Africa'.
    RETURNS (first, second) name spans."""
    spans = {m.span.start: m.span for i, m in index.actors.items() if sent.start <= i < sent.end}
    found = []
    for a, b in pairwise(sorted(spans.values(), key=lambda s: s.start)):
        between = sent.doc[a.end : b.start]
        if not between or not all(t.lower_ in COORDINATORS for t in between):
            continue
        if b.start <= a.root.head.i < b.end and a.root.dep_ in {"nmod", "compound", "amod"}:
            found.append((a, b))
    return found


def unbury_conjunct(first: Span, second: Span) -> None:
    """Reparse 'A and B' with A in B's place and B its conjunct."""
    a, b = first.root, second.root
    a.head = b.head if b.head.i != b.i else a
    a.dep_ = b.dep_
    for token in second:
        if token.i != b.i and first.start <= token.head.i < first.end:
            token.head = b
            token.dep_ = "compound"
    for token in first.doc[first.end : second.start]:
        token.head = a
        token.dep_ = "cc" if token.lower_ != "," else "punct"
    b.head = a
    b.dep_ = "conj"


def names_partners_with(token: Token) -> bool:
    """A 'with' phrase on the event noun, or on the verb whose object it is: its partners
    are the holder's ('Kenya held talks *with* Uganda and Tanzania')."""
    holders = [token, token.head] if token.dep_ == "dobj" else [token]
    return any(c.dep_ == "prep" and c.lower_ == "with" for h in holders for c in h.children)


def sentences_back(token: Token, count: int) -> int:
    """The first token index of the sentence ``count`` sentences before ``token``'s."""
    start = token.sent.start
    for _ in range(count):
        if start == 0:
            break
        start = token.doc[start - 1].sent.start
    return start


def unique_by_key(mentions: list[ActorMention]) -> list[ActorMention]:
    """One mention per evaluation key (country, else id), first kept."""
    seen: dict[str, ActorMention] = {}
    for mention in mentions:
        seen.setdefault(mention.key, mention)
    return list(seen.values())


def unique(items: list[T]) -> list[T]:
    seen: list[T] = []
    for item in items:
        if not any(item is s for s in seen):
            seen.append(item)
    return seen


def unique_by_id(mentions: list[ActorMention]) -> list[ActorMention]:
    """Mentions in order, one per actor id."""
    seen: set[str] = set()
    result = []
    for mention in mentions:
        if mention.actor.id not in seen:
            seen.add(mention.actor.id)
            result.append(mention)
    return result
