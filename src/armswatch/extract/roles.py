"""Resolve the head of a filled slot to the actors it names: names, organs, seats, companies
by where they are based; references are read in extract/references.py, items in
extract/items.py, the clause parts the slots read in extract/clause_parts.py."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from armswatch.extract.references import (
    definite_reference,
    described_actor,
    gathered_reference,
    named_people,
    pair_reference,
    pronoun_referent,
)
from armswatch.extract.syntax import (
    MODIFIER_DEPS,
    MentionIndex,
    clause_tokens,
    conjuncts,
    prep_objects,
    relative_antecedent,
    unique,
)
from armswatch.kb.schema import ActorEntry, Lexicon
from armswatch.nlp.mentions import ActorMention

RELATIONAL_NOUNS = {"counterpart", "colleague"}  # nouns whose owner is the other side
COUNTING = {"NUM", "DET"}
LOCATION_PREPS = ("in", "from", "of")  # 'firms *in* X', 'suppliers *from* Y', 'members *of* Z'
AFFILIATION_PREPS = ("to", "with")  # 'linked *to* a network', 'affiliated *with*'


@dataclass(frozen=True)
class EntityWords:
    """Word lists (triggers.yaml lexicon) that tie a noun phrase to the state it belongs
    to: companies and private persons to the state where they are based (ANNOTATION.md,
    companies and private persons), measures to the state that issues them."""

    entities: frozenset[str] = frozenset()
    location_words: frozenset[str] = frozenset()
    affiliation_words: frozenset[str] = frozenset()
    measures: frozenset[str] = frozenset()
    partitives: frozenset[str] = frozenset()
    rebuttals: frozenset[str] = frozenset()
    governing_bodies: frozenset[str] = frozenset()
    negotiations: frozenset[str] = frozenset()
    refusals: frozenset[str] = frozenset()
    halts: frozenset[str] = frozenset()
    winning: frozenset[str] = frozenset()
    subject_control: frozenset[str] = frozenset()
    deals: frozenset[str] = frozenset()
    batches: frozenset[str] = frozenset()
    postings: frozenset[str] = frozenset()
    conduct: frozenset[str] = frozenset()
    documents: frozenset[str] = frozenset()
    carrying: frozenset[str] = frozenset()
    fighting: frozenset[str] = frozenset()
    serving: frozenset[str] = frozenset()
    helping: frozenset[str] = frozenset()


class RoleFiller:
    """Resolves slot names (see kb/schema.py: Trigger) to actor mentions and items."""

    def __init__(
        self,
        index: MentionIndex,
        organs: dict[str, str],
        occupation_markers: set[str],
        entries: dict[str, ActorEntry] | None = None,
        publisher: ActorEntry | None = None,
        agent_verbs: set[str] | None = None,
        listing_verbs: set[str] | None = None,
        receiver_verbs: set[str] | None = None,
        state_descriptions: set[str] | None = None,
        group_descriptions: set[str] | None = None,
        entity_words: EntityWords | None = None,
    ) -> None:
        self.index = index
        self.organs = organs
        self.occupation_markers = occupation_markers
        self.entries = entries or {}
        self.publisher = publisher
        self.agent_verbs = agent_verbs or set()
        self.listing_verbs = listing_verbs or set()
        self.receiver_verbs = receiver_verbs or set()
        self.state_descriptions = state_descriptions or {"country", "nation"}
        self.group_descriptions = group_descriptions or set()
        self.entity_words = entity_words or EntityWords()
        self.doc: Doc | None = None
        self.earlier_parties: Callable[[], list[list[ActorMention]]] = list
        self.earlier_meetings: Callable[[], list[tuple[int, list[ActorMention]]]] = list
        """(trigger index, parties) of the meetings told so far."""
        self.people_by_name: dict[str, ActorMention] | None = None
        """Named people resolved by their titles, once per document (references.named_people)."""
        self.other_party: set[str] = set()
        """Keys a pronoun may not refer to while the other side of an act is being read
        (set by FrameFinder when a pronoun made one actor both sides)."""

    @classmethod
    def of_lexicon(
        cls,
        index: MentionIndex,
        lexicon: Lexicon,
        entries: dict[str, ActorEntry],
        publisher: ActorEntry | None = None,
    ) -> RoleFiller:
        """A filler with the word lists of the triggers file's lexicon."""
        return cls(
            index,
            dict(lexicon.organs),
            set(lexicon.occupation_markers),
            entries,
            publisher,
            set(lexicon.agent_verbs) | set(lexicon.status_governors),
            set(lexicon.continuation_cues),
            set(lexicon.receiver_verbs),
            set(lexicon.state_descriptions),
            set(lexicon.group_descriptions),
            EntityWords(
                frozenset(lexicon.located_entities),
                frozenset(lexicon.location_words),
                frozenset(lexicon.affiliation_words),
                frozenset(lexicon.issued_measures),
                frozenset(lexicon.partitive_words),
                frozenset(lexicon.rebuttal_verbs),
                frozenset(lexicon.governing_bodies),
                frozenset(lexicon.negotiation_nouns),
                frozenset(
                    word
                    for words in (lexicon.status_governors, lexicon.phrasal_status)
                    for word, status in words.items()
                    if status == "denied"
                ),
                frozenset(
                    k for k, status in lexicon.phrasal_status.items() if status == "cancelled"
                ),
                frozenset(lexicon.winning_verbs),
                frozenset(lexicon.subject_control_verbs),
                frozenset(lexicon.deal_nouns),
                frozenset(lexicon.batch_words),
                frozenset(lexicon.posting_verbs),
                frozenset(lexicon.conduct_nouns),
                frozenset(lexicon.document_nouns),
                frozenset(lexicon.carrying_verbs),
                frozenset(lexicon.fighting_verbs),
                frozenset(lexicon.serving_verbs),
                frozenset(lexicon.helping_verbs),
            ),
        )

    # -- actors ---------------------------------------------------------------------
    def actors_at(self, token: Token, deep: bool = False) -> list[ActorMention]:
        """Actors a noun phrase headed by ``token`` refers to (with its conjuncts)."""
        found: list[ActorMention] = []
        heads = conjuncts(token)
        named = self.index.actors.get(token.i)
        if named is not None:  # the conjunct may hang on another word of the name
            heads += [c for t in named.span if t.i != token.i for c in conjuncts(t)[1:]]
        for head in heads:
            found.extend(self.actors_of_head(head, deep))
        return unique([member for mention in found for member in self.members(mention)])

    def members(self, mention: ActorMention) -> list[ActorMention]:
        """A group that stands for named states ('the E3') → one mention per member."""
        ids = mention.actor.members
        if not ids:
            return [mention]
        entries = [self.entries[i] for i in ids if i in self.entries]
        return [ActorMention(mention.span, entry, mention.form, "state") for entry in entries]

    def actors_of_head(self, head: Token, deep: bool) -> list[ActorMention]:
        head = relative_antecedent(head)
        if head.i in self.index.actors:
            return [self.index.actors[head.i]]
        pronoun = pronoun_referent(self, head)
        if pronoun is not None:
            return pronoun
        if head.i in self.index.weapons:
            return self.weapon_owners(head) if deep else []
        if head.ent_type_ == "PERSON":
            person = named_people(self).get(head.text)
            if person is not None:
                return [person]
        modifiers = [
            self.index.actors[c.i]
            for c in head.children
            if c.i in self.index.actors
            and (
                c.dep_ == "poss"
                or (c.dep_ in MODIFIER_DEPS and self.is_organ_like(head))
                or self.names_what_it_modifies(c, head)
            )
        ]
        if modifiers:
            return self.with_coordinated(without_community_adjectives(modifiers))
        # 'its envoy *from* X' was posted in X; 'their counterparts *from* X' are X's
        owned = head.lemma_.lower() not in RELATIONAL_NOUNS and any(
            c.dep_ == "poss" for c in head.children
        )
        if head.lemma_.lower() in self.organs and not owned:
            # 'ministers from the US', 'the army of Burkina Faso', 'the junta in Niamey'
            seated = head.lemma_.lower() in self.entity_words.governing_bodies
            for word in ("of", "from", "in") if seated else ("of", "from"):
                for pobj in prep_objects(head, word, deep=False):
                    named = self.named_actors(pobj)
                    if named:
                        return named
        if head.lemma_.lower() in self.entity_words.conduct:
            for pobj in prep_objects(head, "of", deep=False):  # 'the practices of X and Y'
                named = self.named_actors(pobj)
                if named:
                    return named
        if head.lemma_.lower() in self.entity_words.partitives:
            for whole in prep_objects(head, "of", deep=False):  # 'a number of Russian firms'
                found = self.actors_of_head(whole, deep=False)
                if found:
                    return found
        owners = self.organ_owners(head)
        if owners:
            return owners
        located = self.located_actors(head)
        if located:
            return located
        described = described_actor(self, head)
        if described is not None:
            return [described]
        definite = definite_reference(self, head)
        if definite is not None:
            return [definite]
        pair = pair_reference(self, head) or gathered_reference(self, head)
        if pair:
            return pair
        if deep:
            for owner in prep_objects(head, "of", deep=False):  # 'the assets of firms in X'
                found = self.actors_of_head(owner, deep=False)
                if found:
                    return found
            return [
                self.index.actors[t.i]
                for t in clause_tokens(head)
                if t.i in self.index.actors and t is not head
            ]
        return []

    def weapon_owners(self, weapon: Token) -> list[ActorMention]:
        """Whose weapons a criticised weapon phrase names: 'condemned *Peru's* new drones',
        'a condemnation of the *Peruvian* missile system' (its possessor or actor
        modifiers; the words of its designation are no owner)."""
        return [
            self.index.actors[c.i]
            for c in weapon.children
            if c.i in self.index.actors
            and c.dep_ in {"poss", "amod", "compound", "nmod"}
            and self.index.actors[c.i].actor.kind != "media"
        ]

    def named_actors(self, token: Token) -> list[ActorMention]:
        """Actors named at ``token`` and its conjuncts ('the ministers of Chile *and
        Peru*'), without resolving descriptions."""
        return unique(
            [self.index.actors[t.i] for t in conjuncts(token) if t.i in self.index.actors]
        )

    def with_coordinated(self, modifiers: list[ActorMention]) -> list[ActorMention]:
        """'the *Kenyan and Ugandan* troops', 'the Philippine and U.S. forces': an actor
        adjective brings the actors coordinated with it."""
        found = list(modifiers)
        for mention in modifiers:
            for token in mention.span:
                found.extend(self.named_actors(token))
        return unique(found)

    def organ_owners(self, head: Token) -> list[ActorMention]:
        """'the two countries' defence chiefs', 'their navies', 'the kingdom's ministry':
        an organ belongs to whoever its possessor refers to."""
        if not self.is_organ_like(head) or head.pos_ == "PROPN":
            return []
        for child in head.children:
            if child.dep_ == "poss" and child.i not in self.index.actors:
                return self.actors_of_head(child, deep=False)
        return []

    def located_actors(self, head: Token) -> list[ActorMention]:
        """Companies, networks and private persons are keyed to the state where they are
        based: 'entities *in* Kyrgyzstan and India', 'suppliers *located in* Thailand', 'a
        *Syria-based* network', 'firms *that belong to* a Syria-based network'."""
        words = self.entity_words
        if head.lemma_.lower() not in words.entities:
            return []
        for word in LOCATION_PREPS:
            for pobj in prep_objects(head, word, deep=False):
                named = self.named_actors(pobj)
                if named:
                    return named
        for child in head.children:
            lemma = child.lemma_.lower()
            if child.dep_ in {"acl", "amod", "relcl"} and lemma in words.location_words:
                inside = [t for t in child.subtree if t.i in self.index.actors and t.i < child.i]
                if inside:  # 'a Syria-based network'
                    return unique([self.index.actors[t.i] for t in inside])
                for pobj in prep_objects(child, "in", deep=False):
                    named = self.named_actors(pobj)
                    if named:
                        return named
            if child.dep_ in {"acl", "relcl"} and lemma in words.affiliation_words:
                for word in AFFILIATION_PREPS:
                    for pobj in prep_objects(child, word, deep=False):
                        found = self.actors_of_head(pobj, deep=False)
                        if found:
                            return found
        return []

    def fused_recipient(self, head: Token) -> Token | None:
        """'gave Sri Lanka howitzers', 'delivered to Armenia Pinaka launchers': the small
        model fuses a recipient named before a weapon into the weapon's noun phrase. A
        state *named* (not an adjective: 'Russian rifles') just before the weapon
        mention, inside the phrase, is the recipient; RETURNS its token."""
        weapon = self.index.weapons.get(head.i)
        if weapon is None:
            return None
        before = weapon.span.start - 1
        while before > 0 and (head.doc[before].like_num or head.doc[before].pos_ in COUNTING):
            before -= 1  # 'gifted Dakar *four* patrol boats'
        mention = self.index.actors.get(before)
        inside = before >= 0 and head.doc[before].head.i in range(before + 1, head.i + 1)
        if mention is None or not inside or mention.form not in {"name", "capital"}:
            return None
        return head.doc[before] if mention.actor.kind == "state" else None

    def names_what_it_modifies(self, modifier: Token, head: Token) -> bool:
        """'sanctions on *Bangladesh* banks', 'aid to *Chad* forces': a state's name (not an
        adjective) compounded onto the object of a preposition owns it."""
        mention = self.index.actors[modifier.i]
        named = mention.form in {"name", "capital"} and mention.actor.kind == "state"
        return named and modifier.dep_ == "compound" and head.dep_ == "pobj"

    @property
    def rebuttal_verbs(self) -> frozenset[str]:
        return self.entity_words.rebuttals

    def is_organ_like(self, head: Token) -> bool:
        """Heads whose adjective names who they are: 'Russian officials', 'U.S. Ambassador
        Robert Wood' (not 'the Russo-Ukrainian war')."""
        lemma = head.lemma_.lower()
        words = self.entity_words
        return (
            lemma in self.organs
            or lemma in words.entities
            or lemma in words.measures  # 'hit with *British* sanctions'
            or head.pos_ == "PROPN"
        )


def without_community_adjectives(modifiers: list[ActorMention]) -> list[ActorMention]:
    """'Bosnia's *Serb* leader', 'Iraq's *Kurdish* region': beside a state's possessive, a
    state adjective of another state names a community of the possessor, not that
    state; the possessor is the owner."""
    owners = {m.key for m in modifiers if m.span.root.dep_ == "poss" and m.actor.kind == "state"}
    if not owners:
        return modifiers
    return [m for m in modifiers if m.form not in {"adjective", "demonym"} or m.key in owners]
