"""Fill a trigger's frame slots with actors and weapon items from the dependency parse."""

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
    RELATIVE_PRONOUNS,
    MentionIndex,
    agent_of,
    clause_tokens,
    conjuncts,
    inherited_subject,
    is_passive,
    phrasal_keys,
    prep_objects,
    relative_antecedent,
    subject_of,
    trailing_prep_objects,
    unique,
)
from armswatch.kb.schema import ActorEntry, Lexicon
from armswatch.nlp.mentions import ActorMention

RECIPIENT_PREPS = {"to", "for"}
RELATIVE_OBJECTS = {"that", "which", "whom"}
RELATIONAL_NOUNS = {"counterpart", "colleague"}  # nouns whose owner is the other side
OWNER_DEPS = {"poss", "amod", "compound", "nmod"}  # who a noun phrase belongs to
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
