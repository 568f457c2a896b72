"""Fill a trigger's frame slots with actors and weapon items from the dependency parse."""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from spacy.tokens import Doc, Token

from armswatch.extract.syntax import (
    MODIFIER_DEPS,
    RELATIVE_PRONOUNS,
    MentionIndex,
    agent_of,
    clause_tokens,
    conjuncts,
    governors,
    inherited_subject,
    is_passive,
    phrasal_keys,
    prep_objects,
    relative_antecedent,
    sentences_back,
    subject_of,
    trailing_prep_objects,
    unique,
    unique_by_key,
)
from armswatch.kb.schema import ActorEntry, Lexicon
from armswatch.nlp.mentions import ActorMention

THING_PRONOUNS = {"it", "its", "itself"}
PLURAL_PRONOUNS = {"they", "their", "them", "themselves", "theirs"}
PERSON_PRONOUNS = {"he", "she", "his", "her", "him"}
FIRST_PERSON = {"we", "our", "us", "ours"}
PERSON_KINDS = {"leader", "official"}
RECIPIENT_PREPS = {"to", "for"}
REFERENCE_REACH = 3  # sentences back that 'the kingdom', 'the group' may reach
GROUP_REFERENCE_REACH = 5  # and 'the two countries', 'both sides'
RELATIVE_OBJECTS = {"that", "which", "whom"}
RELATIONAL_NOUNS = {"counterpart", "colleague"}  # nouns whose owner is the other side
OWNER_DEPS = {"poss", "amod", "compound", "nmod"}  # who a noun phrase belongs to
GATHERING_DETS = {"the", "both", "all"}  # 'the ministers', 'both envoys', 'all the leaders'
COUNT_WORDS = {"two": 2, "both": 2, "three": 3, "four": 4, "five": 5}
GROUP_KINDS = {"armed_group", "group", "company"}
COUNTING = {"NUM", "DET"}
CONTROL_PREPS = {"for", "from", "of"}  # condemn X *for* supplying; bar X *from*; accuse X *of*
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
        self._people: dict[str, ActorMention] | None = None
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
        pronoun = self.pronoun_referent(head)
        if pronoun is not None:
            return pronoun
        if head.i in self.index.weapons:
            return self.weapon_owners(head) if deep else []
        if head.ent_type_ == "PERSON":
            person = self.people().get(head.text)
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
            return self.with_coordinated(modifiers)
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
        described = self.described_actor(head)
        if described is not None:
            return [described]
        definite = self.definite_reference(head)
        if definite is not None:
            return [definite]
        pair = self.pair_reference(head) or self.gathered_reference(head)
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

    def definite_reference(self, head: Token) -> ActorMention | None:
        """'the ministry', 'that country', 'the kingdom' → the nearest preceding state or
        government; 'the group', 'the militia' → the nearest preceding group."""
        lemma = head.lemma_.lower()
        if head.tag_ not in {"NN", "NNP"} or not any(
            c.dep_ == "det" and c.lower_ in {"the", "that", "this"} for c in head.children
        ):
            return None
        if lemma in self.group_descriptions:
            return self.antecedent(head, lambda m: m.actor.kind in GROUP_KINDS, REFERENCE_REACH)
        if lemma not in self.organs and lemma not in self.state_descriptions:
            return None
        if self.organs.get(lemma) in PERSON_KINDS:
            return None
        same = self.same_organ_before(head)
        if same is not None:
            return same
        # 'the country' is the topic; 'that country' shifts to another actor than the topic
        topical = any(c.dep_ == "det" and c.lower_ == "the" for c in head.children)
        return self.antecedent(
            head, lambda m: m.kind in {"state", "government"}, REFERENCE_REACH, salient=topical
        )

    def same_organ_before(self, head: Token) -> ActorMention | None:
        """'the Biden administration unveiled sanctions … *The administration* is
        alarmed': a definite organ noun is the actor whose same organ the text named
        last ('the Iranian ministry … the ministry'), before any state named since."""
        lemma = head.lemma_.lower()
        if lemma not in self.organs:
            return None
        start = sentences_back(head, GROUP_REFERENCE_REACH)
        for token in reversed(head.doc[start : head.i]):
            if token.lemma_.lower() != lemma or token.pos_ not in {"NOUN", "PROPN"}:
                continue
            if token.i in self.index.actors:
                return self.index.actors[token.i]
            owners = [
                self.index.actors[c.i]
                for c in token.children
                if c.i in self.index.actors and c.dep_ in MODIFIER_DEPS
            ]
            if owners:
                return owners[0]
        return None

    def pair_reference(self, head: Token) -> list[ActorMention]:
        """'the two countries', 'both sides', 'the two', 'all three' → the two (three …)
        states named before it in its own sentence, when there are just so many; else the
        parties of the event just told; else the most recent states in reach."""
        count = self.reference_count(head)
        if count is None or self.restates_a_list(head):
            return []
        own = self.states_before(head, head.sent.start)
        if len(own) == count:  # 'X expects deals with Y now that *the two* have signed …'
            return own
        start = sentences_back(head, GROUP_REFERENCE_REACH)
        for parties in reversed(self.earlier_parties()):  # the parties of an event just told
            named = unique_by_key(parties)
            if len(named) == count and all(start <= m.span.start < head.i for m in named):
                return named
        found: dict[str, ActorMention] = {}
        for mention in reversed(self.doc._.aw_actors if self.doc is not None else []):
            in_reach = start <= mention.span.start < head.i
            if in_reach and mention.actor.kind == "state" and mention.key not in found:
                found[mention.key] = mention
            if len(found) == count:
                return list(found.values())
        return []

    def states_before(self, head: Token, start: int) -> list[ActorMention]:
        """The states named from token ``start`` up to ``head``, one mention each."""
        found: dict[str, ActorMention] = {}
        for mention in self.doc._.aw_actors if self.doc is not None else []:
            if start <= mention.span.start < head.i and mention.actor.kind == "state":
                found.setdefault(mention.key, mention)
        return list(found.values())

    def gathered_reference(self, head: Token) -> list[ActorMention]:
        """'the (three) foreign ministers', 'the leaders', 'both envoys': officials in the
        plural with no state of their own are the parties of the fullest meeting told in
        this or the five sentences before (the latest of equals; its count, when given)."""
        lemma = head.lemma_.lower()
        if head.tag_ not in {"NNS", "NNPS"} or self.organs.get(lemma) not in PERSON_KINDS:
            return []
        if not any(
            c.dep_ in {"det", "predet"} and c.lower_ in GATHERING_DETS for c in head.children
        ):
            return []
        count = next((COUNT_WORDS[c.lower_] for c in head.children if c.lower_ in COUNT_WORDS), 0)
        start = sentences_back(head, GROUP_REFERENCE_REACH)
        best: list[ActorMention] = []
        for told, parties in reversed(self.earlier_meetings()):
            named = unique_by_key(parties)
            in_reach = start <= told < head.i
            if len(named) > max(1, len(best)) and count in {0, len(named)} and in_reach:
                best = named
        return best

    def described_actor(self, head: Token) -> ActorMention | None:
        """A description of an actor named beside it: 'China, *a country* the US
        accuses …' (apposition), 'China is *a country* …' (predicate noun), 'Chile is
        *among the states* that …', 'Chile is *one of the states* that …'."""
        lemma = head.lemma_.lower()
        if lemma not in self.state_descriptions and lemma not in self.group_descriptions:
            return None
        holder = head.head
        if head.dep_ == "appos" and holder.i in self.index.actors:
            return self.index.actors[holder.i]
        predicate = head
        if head.dep_ == "pobj" and holder.lower_ == "among":
            predicate = holder  # 'is among the countries'
        elif head.dep_ == "pobj" and holder.lower_ == "of" and holder.head.lower_ == "one":
            predicate = holder.head  # 'is one of the countries'
        verb = predicate.head
        if predicate.dep_ in {"attr", "prep"} and verb.lemma_ == "be" and verb.i != predicate.i:
            subject = subject_of(verb)
            if subject is not None and subject.i in self.index.actors:
                return self.index.actors[subject.i]
        return None

    def restates_a_list(self, head: Token) -> bool:
        """'Britain, Germany and France, the three countries known as the E3': an
        apposition right after the list it names, whatever the parse made of it."""
        edge = head.left_edge.i
        return edge >= 2 and head.doc[edge - 1].text == "," and edge - 2 in self.index.actors

    def reference_count(self, head: Token) -> int | None:
        """How many actors a plural reference stands for, or None when it is none."""
        if head.lower_ in COUNT_WORDS and head.pos_ in {"NUM", "PRON", "DET"}:
            if any(c.lower_ in {"the", "all"} for c in head.children) or head.lower_ == "both":
                return COUNT_WORDS[head.lower_]  # 'the two signed', 'both agreed'
            return None
        nouns = {"side", *self.state_descriptions}
        if head.lemma_.lower() not in nouns or head.tag_ not in {"NNS", "NNPS"}:
            return None
        counts = [COUNT_WORDS[c.lower_] for c in head.children if c.lower_ in COUNT_WORDS]
        return counts[0] if counts else None

    def people(self) -> dict[str, ActorMention]:
        """Named people not in the KB, resolved by their titles once per document:
        'Seth Bailey, the U.S. Department of State's Director' → USA, then 'Bailey'."""
        if self._people is not None:
            return self._people
        self._people = {}
        for ent in self.doc.ents if self.doc is not None else []:
            if ent.label_ != "PERSON":
                continue
            known = self.index.actors.get(ent.root.i)
            if known is not None and known.kind not in PERSON_KINDS:
                continue  # 'the Houthis' read as a person's name is still the group
            found = [known] if known else self.title_actors(ent.root)
            if found:
                for name in {ent.text, ent.root.text, ent[-1].text}:
                    self._people.setdefault(name, found[0])
        return self._people

    def title_actors(self, root: Token) -> list[ActorMention]:
        """The actor of a person's title: 'X, *the U.S.* envoy', '*Kenyan* minister X',
        or the office the name is set beside ('*CENTCOM's* commander, General X')."""
        office = root.head
        if root.dep_ == "appos" and office.lemma_.lower() in self.organs:
            owners = [
                self.index.actors[c.i]
                for c in office.children
                if c.i in self.index.actors and c.dep_ in MODIFIER_DEPS
            ]
            if owners and owners[0].actor.kind != "media":
                return owners[:1]
        for child in root.children:
            if child.dep_ == "appos":
                return [
                    self.index.actors[t.i]
                    for t in child.subtree
                    if t.i in self.index.actors and self.index.actors[t.i].actor.kind != "media"
                ][:1]
        return [
            self.index.actors[t.i]
            for t in root.lefts
            if t.i in self.index.actors and t.dep_ in MODIFIER_DEPS
        ][:1]

    def pronoun_referent(self, token: Token) -> list[ActorMention] | None:
        """Actors a pronoun stands for, or None when ``token`` is no pronoun we resolve.

        'it'/'its'/'they' → the nearest preceding actor that is not a person; 'he'/'his'
        → the nearest preceding person or office holder; 'we'/'our' → the publisher,
        when the article comes from a government or organisation.
        """
        lower = token.lower_
        if lower in FIRST_PERSON:
            if self.publisher is None:
                return []
            span = token.doc[token.i : token.i + 1]
            return [ActorMention(span, self.publisher, "name", self.publisher.kind)]
        if lower in PLURAL_PRONOUNS:
            found = self.antecedent(token, self.stands_for_a_body)
            return self.coordinated(found) if found is not None else []
        if lower in THING_PRONOUNS:
            found = self.antecedent(token, self.stands_for_a_body)
        elif lower in PERSON_PRONOUNS:
            found = self.person_antecedent(token)
        else:
            return None
        return [found] if found is not None else []

    def stands_for_a_body(self, mention: ActorMention) -> bool:
        """Whether 'it'/'its'/'they' may mean the mention: a state, government or group,
        or a person's name owning a body ('*Fico's* cabinet … at its meeting'); not a
        person ('he')."""
        if mention.kind not in PERSON_KINDS:
            return True
        root = mention.span.root
        body = self.organs.get(root.head.lemma_.lower())
        return root.dep_ == "poss" and body is not None and body not in PERSON_KINDS

    def person_antecedent(self, pronoun: Token) -> ActorMention | None:
        """The nearest preceding person: a KB office holder or a titled named person."""
        start = pronoun.doc[pronoun.sent.start - 1].sent.start if pronoun.sent.start else 0
        best: tuple[int, ActorMention] | None = None
        for mention in self.doc._.aw_actors if self.doc is not None else []:
            if start <= mention.span.start < pronoun.i and mention.kind in PERSON_KINDS:
                best = (mention.span.start, mention)
        people = self.people()
        for ent in pronoun.doc.ents:
            in_reach = ent.label_ == "PERSON" and start <= ent.start < pronoun.i
            if in_reach and ent.text in people and (best is None or ent.start > best[0]):
                best = (ent.start, people[ent.text])
        return best[1] if best else None

    def coordinated(self, mention: ActorMention) -> list[ActorMention]:
        """'Iran and Russia … their': every actor coordinated with the antecedent."""
        root = mention.span.root
        first = root
        while first.dep_ == "conj":
            first = first.head
        heads = conjuncts(first)
        found = [self.index.actors[h.i] for h in heads if h.i in self.index.actors]
        return found if mention in found else [mention]

    def antecedent(
        self,
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
        start = sentences_back(pronoun, 0 if self.other_party else reach)
        bound = self.clause_subject_keys(pronoun)
        candidates = [
            m
            for m in doc._.aw_actors or []
            if start <= m.span.start < pronoun.i
            and wanted(m)
            and m.actor.kind != "media"
            and m.key not in bound
            and m.key not in self.other_party
        ]
        topics = [m for m in candidates if salient and is_main_subject(m)]
        return (topics or candidates)[-1] if candidates else None

    def clause_subject_keys(self, token: Token) -> set[str]:
        """Actors a non-reflexive reference in a verb's object cannot mean: that verb's own
        subject ('Poland imposed sanctions on *the country*' is not Poland, which would
        be 'itself')."""
        if token.dep_ in {"nsubj", "nsubjpass", "poss"}:
            return set()
        verb = next((g for g in governors(token) if g.pos_ in {"VERB", "AUX"}), None)
        subject = subject_of(verb) if verb is not None else None
        if subject is None or subject.i > token.i:
            return set()
        return {self.index.actors[t.i].key for t in conjuncts(subject) if t.i in self.index.actors}

    # -- slot helpers (the slot functions themselves are in extract/slots.py) --------
    def prep_slot(self, trigger: Token, word: str) -> list[Token]:
        """Objects of ``word``: on the trigger; for a noun, else on the verb it belongs to
        ('troops … are deployed *in* Russia') or on the noun it is listed under
        ('cooperation *between* X and Y, including arms transfers')."""
        found = prep_objects(trigger, word)
        if word in RECIPIENT_PREPS:  # 'delivered to Armenia Pinaka launchers'
            found = [self.fused_recipient(t) or t for t in found]
        if not found and trigger.dep_ in {"acl", "relcl"} and trigger.head.pos_ == "NOUN":
            found = prep_objects(trigger.head, word, deep=False)  # 'sanctions on X announced by Y'
        if found or trigger.pos_ != "NOUN":
            return found
        counted = self.counting_noun(trigger)
        if counted is not None and counted.pos_ == "NUM" and counted.head.pos_ == "VERB":
            return prep_objects(counted.head, word, deep=False)  # 'froze $3m in aid *to* X'
        if counted is not None:  # 'sent thousands of workers *to* Qatar'
            return self.prep_slot(counted, word)
        clause = self.object_relative(trigger)
        if clause is not None:  # 'the troops that Chad sent *to* Niger'
            return prep_objects(clause, word, deep=False)
        if trigger.dep_ == "compound" and trigger.head.pos_ == "NOUN":  # 'cooperation pact *with*'
            return prep_objects(trigger.head, word, deep=False)
        while trigger.dep_ == "conj":  # 'including arms and missile *transfers*'
            trigger = trigger.head
        head = trigger.head
        if trigger.dep_ in {"nsubj", "nsubjpass", "dobj"} and head.pos_ == "VERB":
            listing = head.lemma_.lower() in self.listing_verbs  # 'X included missiles for Y'
            return prep_objects(head, word, deep=listing)
        if head.dep_ == "prep" and head.lower_ in {"including", "include", "like"}:
            return prep_objects(head.head, word, deep=False)
        if trigger.dep_ == "pobj" and head.dep_ == "prep" and head.head.pos_ == "NOUN":
            found = prep_objects(head.head, word, deep=False)  # 'concern over X by Y to Z'
            return found or trailing_prep_objects(trigger, word)
        verb = head.head
        if (
            trigger.dep_ == "pobj"
            and verb.pos_ == "VERB"
            and verb.lemma_.lower() in self.agent_verbs
        ):
            return prep_objects(verb, word, deep=False)  # 'agreed on joint production *with* Y'
        return trailing_prep_objects(trigger, word)  # 'concern over deployments *by X*'

    def counting_noun(self, noun: Token) -> Token | None:
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
        if quantity.lemma_.lower() in self.entity_words.partitives or quantity.like_num:
            return quantity
        return None

    def subject_tokens(self, trigger: Token) -> list[Token]:
        """The subject; for 'Russia's plan to buy' the planner; for 'drones acquired from
        Tehran' (a reduced relative whose 'subject' is the weapon) the governing subject."""
        subj = subject_of(trigger)
        subjects = [c for c in trigger.children if c.dep_ == "nsubj"]
        if len(subjects) > 1 and not self.actors_of_head(subjects[0], False):
            subj = subjects[-1]  # 'Details of the sanctions *Britain* is imposing': a misread
        if subj is None and trigger.pos_ == "ADJ" and trigger.dep_ == "acomp":
            subj = subject_of(trigger.head)  # 'Washington is concerned'
        if subj is not None and subj.i in self.index.weapons:
            subj = None
        controller = self.controlling_object(trigger) or self.object_controller(trigger)
        if subj is None and controller is not None:
            return [controller]
        if subj is None and trigger.pos_ == "VERB":
            raised = trigger  # 'the only country *known to have imported* drones'
            while (
                raised.dep_ == "xcomp" and raised.head.pos_ == "VERB" and raised.head.i != raised.i
            ):
                raised = raised.head
            holder = raised.head
            if (
                raised.dep_ == "acl"
                and holder.pos_ == "NOUN"
                and self.actors_of_head(holder, False)
            ):
                return [holder]
            if self.headline_infinitive_subject(raised):
                return [holder]  # 'Qatar To Order Frigates' read as 'Qatar (that is) to order'

            subj = inherited_subject(trigger)
        if subj is None:
            return []
        return [relative_antecedent(subj), *extra_subjects(trigger, subj)]

    def headline_infinitive_subject(self, verb: Token) -> bool:
        """A headline's 'NAME To VERB …' that the parser hangs on the name as a clause:
        the name is the subject ('Oman To Buy Patrol Boats From Spain')."""
        holder = verb.head
        return (
            verb.dep_ in {"acl", "relcl"}
            and holder.pos_ == "PROPN"
            and holder.i < verb.i
            and any(c.dep_ == "aux" and c.lower_ == "to" for c in verb.children)
            and bool(self.actors_of_head(holder, False))
        )

    @staticmethod
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

    def object_controller(self, verb: Token) -> Token | None:
        """'Poland urged *Germany* to send tanks', 'prompted *Washington* to freeze aid':
        the object of the verb an infinitive complements does what it says, unless that
        verb keeps its subject ('X promised Y to deliver', lexicon
        ``subject_control_verbs``)."""
        governor = verb.head
        if verb.dep_ != "xcomp" or governor.pos_ != "VERB" or governor.i == verb.i:
            return None
        if governor.lemma_.lower() in self.entity_words.subject_control:
            return None
        return next((c for c in governor.children if c.dep_ == "dobj" and c.i < verb.i), None)

    @staticmethod
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

    def governing_subject(self, noun: Token) -> list[Token]:
        """'Russia held talks' → Russia for the noun 'talks'; 'the troops that Chad sent'
        → Chad for 'troops'."""
        clause = self.object_relative(noun)
        if clause is not None:
            return self.agent_of_verb(clause)
        if noun.dep_ == "compound" and noun.head.pos_ == "NOUN":
            return self.governing_subject(noun.head)  # 'signed a defence *cooperation* pact'
        if noun.dep_ == "nsubjpass" and noun.head.pos_ == "VERB":
            agent = agent_of(noun.head)  # 'a pact was signed by X and Y'
            if agent is not None and noun.head.lemma_.lower() in self.agent_verbs:
                return [agent]
            return []
        if noun.dep_ in {"dobj", "attr"} and noun.head.pos_ in {"VERB", "AUX"}:
            return self.agent_of_verb(noun.head)
        if noun.dep_ == "pobj" and noun.head.dep_ in {"prep", "dative"}:
            holder = noun.head.head
            if holder.pos_ == "NOUN" and noun.head.lower_ == "of":
                if any(c.i in self.index.actors for c in holder.children if c.dep_ in OWNER_DEPS):
                    return []  # 'blocked *an EU package of* aid': the EU's, not the blocker's
                return self.governing_subject(holder)  # 'held *a round of* talks'
            counted = self.counting_noun(noun)
            if counted is not None and counted.i == holder.i and holder.pos_ == "NUM":
                return self.governing_subject(holder)  # 'froze *$300 million in* aid'
            if holder.pos_ == "NOUN" and self.is_subject_matter(noun, holder):
                return self.governing_subject(holder)  # 'signed a memorandum *on* cooperation'
            if holder.pos_ == "NOUN":
                return []  # 'stopped a push *for* sanctions': the pusher is no imposer
            if holder.pos_ == "VERB":
                return self.agent_of_verb(holder)
        return []

    def is_subject_matter(self, noun: Token, holder: Token) -> bool:
        """Whether ``noun`` is what a signed text or a negotiation is about: 'a memorandum
        *on* military cooperation', 'talks *about* joint drills' (lexicon
        ``document_nouns``, ``negotiation_nouns``): those who sign or talk do it."""
        about = noun.head.lower_ in {"on", "about", "regarding", "concerning", "for"}
        lemma = holder.lemma_.lower()
        return about and (
            lemma in self.entity_words.documents or lemma in self.entity_words.negotiations
        )

    def agent_of_verb(self, verb: Token) -> list[Token]:
        """The subject of a verb that acts out its object noun ('Russia *held* talks',
        'Iran *sent* troops'); not of one that reacts to it ('Kyiv *protested* the
        supply of drones')."""
        halting = not self.entity_words.halts.isdisjoint(phrasal_keys(verb))
        if verb.lemma_.lower() not in self.agent_verbs and verb.lemma_ != "be" and not halting:
            return []  # 'called off the delivery': the halter's own transfers
        subj = subject_of(verb) or self.object_controller(verb)
        agent = agent_of(verb) if subj is None and is_passive(verb) else None
        if agent is not None:
            return [agent]  # 'during a visit to X, concerns *were raised by* Y'
        if subj is None and verb.dep_ == "acl" and verb.head.pos_ == "NOUN" and has_to_marker(verb):
            return noun_agents(verb.head)  # 'an agreement *by X* to hold talks'
        subj = subj or inherited_subject(verb)
        if subj is None:
            return []
        return [relative_antecedent(subj), *extra_subjects(verb, subj)]

    # -- items ----------------------------------------------------------------------


def is_main_subject(mention: ActorMention) -> bool:
    """Whether the mention is what its sentence's main clause is about: the subject of
    the sentence's root, or that subject's possessor or modifier ('*Iran's* navy said')."""
    token = mention.span.root
    if token.dep_ in {"poss", "compound", "amod"}:
        token = token.head
    return token.dep_ in {"nsubj", "nsubjpass"} and token.head.dep_ == "ROOT"


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
