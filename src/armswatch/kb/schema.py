"""Schemas of the knowledge-base data files (``kb/data/*.yaml``).

The YAML files are validated into these typed objects when loaded; the JSON Schemas in
``kb/schema/*.json`` are generated from them (``python -m armswatch.kb.schema``) and a
test checks they are current.
"""

from __future__ import annotations

import json
from pathlib import Path
from typing import Literal

from pydantic import BaseModel, ConfigDict, Field, model_validator

from armswatch.model import ActorKind, Category, Certainty, EventType, Status


class Entry(BaseModel):
    model_config = ConfigDict(extra="forbid")


class Person(Entry):
    """A named person who stands for an actor ("Putin" → RUS, kind leader)."""

    name: str = Field(description="Full name as written in English news.")
    aliases: list[str] = Field(default_factory=list, description="Other spellings, surname.")
    kind: ActorKind = "official"
    role: str | None = Field(default=None, description="Office held, for the record.")


class ActorEntry(Entry):
    """A state, organisation, group, company, territory or outlet."""

    id: str = Field(description="ISO alpha-3 for states, lowercase slug otherwise.")
    name: str = Field(description="Canonical English short name.")
    kind: ActorKind
    country: str | None = Field(description="ISO alpha-3 of the state it belongs to, or null.")
    iso2: str | None = None
    names: list[str] = Field(default_factory=list, description="Proper names and formal names.")
    abbreviations: list[str] = Field(
        default_factory=list, description="Upper-case codes matched case-sensitively (DPRK)."
    )
    adjectives: list[str] = Field(
        default_factory=list,
        description="Adjectives/demonym adjectives ('North Korean'); hyphenated forms "
        "('North Korean-made') are derived by the matcher.",
    )
    demonyms: list[str] = Field(default_factory=list, description="Plural people ('Russians').")
    capitals: list[str] = Field(
        default_factory=list,
        description="Capitals and seats of government used as metonyms ('Moscow', 'the Kremlin').",
    )
    short: list[str] = Field(
        default_factory=list,
        description="Anaphoric short forms ('the North') resolved only after the actor "
        "has been introduced in the article.",
    )
    people: list[Person] = Field(default_factory=list)
    members: list[str] = Field(
        default_factory=list,
        description="For a group that stands for named actors ('the E3' → GBR, FRA, DEU): "
        "a mention resolves to each member.",
    )
    operates_in: list[str] = Field(
        default_factory=list,
        description="For armed groups and forces: the states (ISO alpha-3) or territories "
        "(slugs) they operate in, e.g. houthis → [YEM]. For the record and for rules "
        "keyed on a place; evaluation still keys the group by its id.",
    )
    affiliation: list[str] = Field(
        default_factory=list,
        description="Ids of the organisations it belongs to or is an affiliate of "
        "(aqap → [al_qaida]; viv_ansanm → [haiti_gangs]).",
    )
    note: str | None = None


class Candidate(Entry):
    """One actor an ambiguous form may name, with the words that choose it."""

    actor: str = Field(description="The actor id.")
    kind: ActorKind | None = Field(
        default=None,
        description="The kind a mention stands for, if not the actor's (SAF → military).",
    )
    cues: list[str] = Field(
        default_factory=list,
        description="Words or names (case-sensitive) that, anywhere in the article, choose "
        "this actor; its own unambiguous names, capitals and people count too.",
    )


class AmbiguousForm(Entry):
    """A surface form that names more than one actor, and how to choose.

    Example: ``{form: Congo, candidates: [{actor: COD, cues: [Kinshasa, Goma]},
    {actor: COG, cues: [Brazzaville]}], default: null}``: "Congo" in an article that
    mentions Kinshasa is COD, with Brazzaville COG, with neither no actor at all.
    """

    forms: list[str] = Field(min_length=1, description="The forms as written ('Congo').")
    kind: Literal["name", "adjective", "demonym"] = "name"
    candidates: list[Candidate] = Field(min_length=2)
    default: str | None = Field(
        default=None,
        description="The actor chosen when no cue decides; null drops the mention.",
    )
    note: str | None = None


class ActorFile(Entry):
    version: int
    actors: list[ActorEntry]
    ambiguous: list[AmbiguousForm] = Field(
        default_factory=list,
        description="Forms shared by several actors, each with its disambiguation rule.",
    )


class Company(Entry):
    """A defence manufacturer or exporter, keyed to the state where it is based
    (ANNOTATION.md: companies and private persons)."""

    id: str = Field(description="Lowercase slug.")
    name: str = Field(description="Canonical name as written in English news.")
    country: str | None = Field(
        description="ISO alpha-3 of the state where it is based; null for a multinational "
        "with no single home state (MBDA)."
    )
    names: list[str] = Field(default_factory=list, description="Other names, former names.")
    abbreviations: list[str] = Field(default_factory=list, description="Upper-case codes.")
    parent: str | None = Field(default=None, description="Id of the owning company.")
    people: list[Person] = Field(default_factory=list)
    note: str | None = None

    def as_actor(self) -> ActorEntry:
        """The actor entry the matcher and the extractor use (kind ``company``)."""
        return ActorEntry(
            id=self.id,
            name=self.name,
            kind="company",
            country=self.country,
            names=self.names,
            abbreviations=self.abbreviations,
            people=self.people,
            affiliation=[self.parent] if self.parent else [],
            note=self.note,
        )


class CompanyFile(Entry):
    version: int
    companies: list[Company]


OutletType = Literal[
    "wire", "newspaper", "broadcaster", "magazine", "website", "think_tank", "monitor", "ngo"
]


class Outlet(Entry):
    """A news outlet, wire, think tank or monitor cited as a source, by slug.

    Its actor ``country`` stays null (OUTPUT.md: outlets and research bodies, state media
    included, are cited by slug); ``based_in`` records where it is published.
    """

    id: str = Field(description="Lowercase slug (reuters, ap, nyt, isw …).")
    name: str
    type: OutletType
    based_in: str | None = Field(default=None, description="ISO alpha-3, for the record.")
    state_media: bool = False
    names: list[str] = Field(default_factory=list)
    abbreviations: list[str] = Field(default_factory=list)
    note: str | None = None

    def as_actor(self) -> ActorEntry:
        """The actor entry the matcher and the extractor use (kind ``media``)."""
        return ActorEntry(
            id=self.id,
            name=self.name,
            kind="media",
            country=None,
            names=self.names,
            abbreviations=self.abbreviations,
            note=self.note,
        )


class OutletFile(Entry):
    version: int
    outlets: list[Outlet]


class OtherSense(Entry):
    """Another thing a system's designation names, told apart by the words around it.

    Example: "D-30" is the Soviet 122 mm howitzer, but "D-30 engines" / "Soloviev D-30"
    is the turbofan: ``{words: [engine, turbofan, soloviev], system: D-30 engine}``.
    """

    words: list[str] = Field(
        min_length=1,
        description="Lower-case words; one within three tokens of the mention selects this sense.",
    )
    system: str = Field(description="The canonical name of the system meant then.")


class WeaponSystem(Entry):
    """A named weapon system with its aliases."""

    name: str = Field(description="Canonical name ('Shahed-136').")
    aliases: list[str] = Field(default_factory=list, description="'Geran-2', 'Shahed 136'.")
    context_aliases: list[str] = Field(
        default_factory=list,
        description="Names that are also ordinary words or names ('Spartan', 'Cougar', "
        "'Patriot'): a mention counts only in a military context (a weapon noun next to "
        "it, another weapon or a transfer word in the sentence).",
    )
    other_senses: list[OtherSense] = Field(
        default_factory=list,
        description="Other systems the same designation names, chosen by nearby words.",
    )
    category: Category
    origin: str | None = Field(default=None, description="ISO alpha-3 of the designer state.")
    description: str | None = None

    @model_validator(mode="after")
    def context_aliases_are_not_aliases(self) -> WeaponSystem:
        """A form is either always a weapon (alias) or only in context, not both. The
        canonical name may be listed: then it too counts only in context ('Patriot')."""
        both = {a.casefold() for a in self.aliases} & {a.casefold() for a in self.context_aliases}
        if both:
            raise ValueError(
                f"{self.name}: {sorted(both)} are both plain and context-only surface forms"
            )
        return self


class GenericWeapon(Entry):
    """Generic nouns ('artillery shells') mapped to a category; list singular and plural."""

    terms: list[str]
    category: Category


class WeaponFile(Entry):
    version: int
    systems: list[WeaponSystem]
    generics: list[GenericWeapon]
    not_weapons: list[str] = Field(
        default_factory=list,
        description="Phrases (lower case) in which a weapon word is no weapon: 'think "
        "tank', 'shell company', 'rounds of talks'. A weapon match inside one is dropped.",
    )
    civil_modifiers: list[str] = Field(
        default_factory=list,
        description="Modifiers (lower case) that make a weapon word a civil machine: "
        "'*civilian* helicopters', '*agricultural* drones', '*fire-fighting* aircraft', "
        "'*ambulance* helicopters'. A weapon mention with one before its head is dropped.",
    )
    context_words: list[str] = Field(
        default_factory=list,
        description="Words (lower case, lemma or form) that give a sentence a military "
        "context, so that context-only names count there: supply, deliver, army, troops.",
    )
    munitions_of: dict[Category, Category] = Field(
        default_factory=dict,
        description="What the rounds of a launcher are, by the launcher's category: a "
        "weapon named as what munitions are for ('munitions for HIMARS', 'Javelin rounds', "
        "'rockets for the air defence system') is its rounds, not the launcher: "
        "interceptors of an air-defence system are air_defence, rounds of a missile "
        "launcher missile; a category not listed gives ammunition.",
    )

    @model_validator(mode="after")
    def other_senses_name_systems(self) -> WeaponFile:
        """Every ``other_senses[].system`` is the name of a system of this file."""
        names = {system.name for system in self.systems}
        unknown = [
            f"systems -> {i} ({system.name}): other sense {sense.system!r} is no system name"
            for i, system in enumerate(self.systems)
            for sense in system.other_senses
            if sense.system not in names
        ]
        if unknown:
            raise ValueError("; ".join(unknown))
        return self


class Frame(Entry):
    """How a trigger's syntactic slots map onto event roles.

    Slot names: ``subj`` (active subject), ``obj`` (direct object), ``dative``
    (indirect object), ``agent`` ("by" in a passive), ``poss`` ("Iran's deliveries"),
    ``prep:WORD`` (a prepositional object, e.g. ``prep:from``), ``compound`` ("arms
    sales"). Role names: ``source``, ``target``, ``party``, ``items``.
    """

    slots: dict[str, str]


Role = Literal["source", "target", "party", "pair"]


class Trigger(Entry):
    """A word (by lemma) that signals an event of one type.

    ``frame`` maps syntactic slots to roles. Slots: ``subj`` (subject, inherited from the
    governing verb when the trigger has none), ``obj`` (direct object; the subject of a
    passive), ``dative``, ``agent`` ("by …" of a passive), ``poss`` ("Iran's deliveries"),
    ``mod`` (an actor adjective or compound: "North Korean arms exports"), ``gov_subj``
    (for nouns: the subject of the verb they are the object of: "Russia held talks"),
    ``occupier`` ("Russian-occupied territories" → Russia), ``prep:WORD`` (object of a
    preposition, e.g. ``prep:from``), ``acl_agent`` (the agent of a participle on the
    noun or of the passive it is the subject of: "a package *announced by* X"),
    ``gov_obj`` (the object of the governing verb: "helped Russia by supplying shells").
    Roles: ``source``, ``target``, ``party`` (symmetric types), ``pair`` ("transfers
    between X and Y": the first is the source, the others the targets).
    """

    lemma: str
    pos: list[str] = Field(default_factory=lambda: ["VERB"])
    type: EventType
    subtype: str | None = None
    status: Status | None = Field(default=None, description="Status the word implies.")
    frame: dict[str, Role] | str = Field(
        default_factory=dict,
        description="Slot → role, or the name of a frame family of the file's ``frames``.",
    )
    also: dict[str, Role] = Field(
        default_factory=dict, description="Slots added to a frame family for this word."
    )

    @property
    def roles(self) -> dict[str, Role]:
        """The resolved slot → role map (families are resolved when the file loads)."""
        return self.frame if isinstance(self.frame, dict) else {}

    requires_items: bool = Field(
        default=False, description="Only an event when a weapon item fills a slot."
    )
    requires_object: list[str] = Field(
        default_factory=list,
        description="Only a trigger when its object or the object of one of its "
        "prepositions has one of these lemmas: take + delivery, cut + tie, hold X to "
        "account, describe X as a threat.",
    )
    excludes_object: list[str] = Field(
        default_factory=list,
        description="Not a trigger when its direct object has one of these lemmas: meet "
        "a *need* (no meeting), host *troops* (a deployment, not a visit).",
    )
    separate_objects: bool = Field(
        default=False,
        description="Coordinated objects are each a party with the subject, not with each "
        "other: *visit* Peru and Bolivia is no Peru–Bolivia meeting.",
    )
    items_via: list[str] = Field(
        default_factory=list,
        description="Only weapons inside a phrase of one of these prepositions count as "
        "the trigger's items: an agreement *for* drones is a purchase, an agreement *on* "
        "missiles is arms control.",
    )
    two_way: bool = Field(
        default=False,
        description="Who holds the transfer noun *with* another may be either side: "
        "'Seoul seals a howitzer deal with Cairo'. When the article states a transfer "
        "between the same two the other way, that direction wins (extract/merge.py).",
    )
    excludes_items: bool = Field(
        default=False,
        description="Not this type when a weapon item is in the trigger's phrase: a *deal* "
        "for drones is an arms transfer, a gas deal an agreement.",
    )
    particle: str | None = Field(default=None, description="Phrasal verb particle: pick *up*.")
    requires_subject: list[str] = Field(
        default_factory=list,
        description="Only a trigger when its subject has one of these lemmas: the "
        "*sanctions* extend to, the *measures* target.",
    )
    requires_modifier: list[str] = Field(
        default_factory=list,
        description="Only a trigger when an adjective or compound on it has one of these "
        "lemmas: *defence* ties, *joint* production.",
    )
    requires_complement: list[str] = Field(
        default_factory=list,
        description="Only a trigger when a clause it governs has one of these lemmas: "
        "call on X to *cease*, urge X to *stop*.",
    )
    dates_event: bool = Field(
        default=True,
        description="False for words of battlefield use (fire, launch): their dates are "
        "the use's, not the transfer's.",
    )
    deep_target: bool = Field(
        default=False,
        description="Look for target actors anywhere inside the object phrase "
        "(condemn the revival of exercises between X and Y).",
    )
    items_as_subject: bool = Field(
        default=False,
        description="The weapons are the subject (verbs and nouns of arriving: *the "
        "missiles reached* X, *drones arrived in* X, *weapons flowing to* X). Never an "
        "event in a sentence that tells a strike, an incursion or a visit (lexicon "
        "``arrival_guards``) or a range (``range_words``: *can reach*), nor with a capital "
        "for its destination unless a 'from' phrase names the supplier (*reached Kyiv* "
        "is an attack); with no 'from' phrase, only when the text tells a handover "
        "(lexicon ``arrival_evidence``, ``delivery_modifiers``, or a transfer to the same "
        "recipient told before). The supplier is never guessed from the system's designer.",
    )
    target_in_event: bool = Field(
        default=False,
        description="Look for target actors inside the object phrase only when it is headed "
        "by an event noun of this file (concern over *deployments* by X: yes; concern for "
        "the safety of X's civilians: no).",
    )


class Lexicon(Entry):
    """Closed word lists the extractor consults (all by lemma, lower case)."""

    organs: dict[str, ActorKind] = Field(
        description="Head nouns that make '<country adjective> NOUN' an organ of the state."
    )
    origin_markers: list[str] = Field(
        description="Words after a hyphen that make an adjective an origin: Iranian-*made*."
    )
    occupation_markers: list[str] = Field(
        description="Words after a hyphen that make an adjective an occupier: "
        "Russian-*occupied* territories → host RUS."
    )
    speech_verbs: list[str] = Field(description="Verbs that attribute a claim: say, tell.")
    report_nouns: list[str] = Field(description="Nouns that carry a claim: report, assessment.")
    anonymous_heads: list[str] = Field(description="Nouns of unnamed sources: official.")
    status_governors: dict[str, Status] = Field(
        description="Verbs/nouns governing a trigger that set its status: plan → planned."
    )
    phrasal_status: dict[str, Status] = Field(
        default_factory=dict,
        description="Multiword verbs (lemma, particle or preposition and its object) that "
        "set the status of a transfer they govern: 'turn down' → denied, 'put on hold' → "
        "cancelled (ANNOTATION.md, refusals and halts).",
    )
    display_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs (lemma or multiword form) of showing what one has: a transfer "
        "in a relative clause on their possessed object is delivered ('showed off *its* "
        "jets, which it ordered from X').",
    )
    civil_carriers: list[str] = Field(
        default_factory=list,
        description="Words of a civil carrier: a buyer named with one ('*Turkish Airlines* "
        "ordered 355 Airbus aircraft', 'a Gulf *airline*') buys airliners, not weapons.",
    )
    batch_words: list[str] = Field(
        default_factory=list,
        description="Nouns of a part of a transfer's items: '*The first batch* was "
        "delivered in May' continues the transfer told before (extract/implied.py).",
    )
    deal_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of a concluded deal whose 'with' phrase (on the noun or on the "
        "verb that concludes it) is the other party of an infinitive of purpose: 'signed a "
        "*deal* with X to buy boats' → X (slot ``negotiation_partner``).",
    )
    negotiation_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of negotiating whose 'with' phrase is the other party of an "
        "infinitive of purpose: 'is in *talks* with X to buy jets' → X (slot "
        "``negotiation_partner``), status negotiating.",
    )
    certainty_cues: dict[str, Certainty] = Field(
        description="Words that hedge or negate the trigger: may → possible."
    )
    negations: list[str] = Field(description="Negating words: not, never, no.")
    quantity_words: dict[str, float] = Field(description="Number words: dozen → 12.")
    agent_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose subject carries out their object noun: *held* talks, "
        "*sent* troops, *gave* the green light to a sale (slot ``gov_subj``).",
    )
    state_descriptions: list[str] = Field(
        default_factory=list,
        description="Nouns that, definite ('the kingdom', 'that country'), refer back to "
        "the nearest state named before.",
    )
    group_descriptions: list[str] = Field(
        default_factory=list,
        description="Nouns that, definite ('the group', 'the militia'), refer back to the "
        "nearest armed or other group named before.",
    )
    referring_words: list[str] = Field(
        default_factory=list,
        description="Phrases that stand for an actor named elsewhere ('the two', 'that "
        "country', 'the junta'): triage keeps a sentence with one and an event word even "
        "when it names no actor. Bare pronouns are left to the neighbouring sentences "
        "triage keeps anyway, since they are everywhere in unrelated news.",
    )
    receiver_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose subject is the recipient of the transfer noun they govern "
        "when no 'to' phrase names one: Morocco *confirms* delivery of Israeli drones "
        "(slot ``gov_receiver``).",
    )
    located_entities: list[str] = Field(
        default_factory=list,
        description="Nouns of companies, networks and private persons, keyed to the state "
        "where they are based: 'firms *in* X', 'a *X-based* network', '*Chinese* nationals'.",
    )
    location_words: list[str] = Field(
        default_factory=list,
        description="Participles that place such an entity: based, located, registered.",
    )
    affiliation_words: list[str] = Field(
        default_factory=list,
        description="Verbs that tie such an entity to another one that is placed: firms "
        "that *belong* to a Syria-based network, individuals *linked* to a X company.",
    )
    recognised_objects: list[str] = Field(
        default_factory=list,
        description="Objects of 'recognise' that make it a diplomatic recognition when "
        "they are not an actor themselves: the *independence* of X, X's *government*.",
    )
    issued_measures: list[str] = Field(
        default_factory=list,
        description="Nouns of measures a state issues: an actor adjective on them names "
        "the issuer ('hit with *British* sanctions').",
    )
    governing_bodies: list[str] = Field(
        default_factory=list,
        description="Organs that govern where they sit: 'the government *in* Kabul' is "
        "Afghanistan's (an embassy or ambassador *in* a capital is not that state's).",
    )
    act_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns that refer back to an act told just before: 'Taiwan opened an "
        "office in Hargeisa. Somalia condemned *the move*' criticises Taiwan.",
    )
    undoing_words: list[str] = Field(
        default_factory=list,
        description="Verbs and nouns that take a measure away: sanctions *lifted*, the "
        "*easing* of an embargo, sanctions *relief* is no sanction imposed.",
    )
    community_markers: list[str] = Field(
        default_factory=list,
        description="Words before a country adjective that make it a community, not the "
        "state: *ethnic* Albanian parties are not Albania.",
    )
    private_people: list[str] = Field(
        default_factory=list,
        description="Nouns of private people that a country adjective describes without "
        "making them the state's: Chilean *protesters*, Nepali *students*.",
    )
    occurrence_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs that say whether an event noun, their subject, took place: the "
        "talks did not *happen*; after other verbs a negation is not the noun's ('the ties "
        "must not *target* others' keeps the ties).",
    )
    lemma_corrections: dict[str, str] = Field(
        default_factory=dict,
        description="Word forms the model's lemmatiser gets wrong, with their lemma: "
        "staged → stage (not 'stag'), resupplied → resupply.",
    )
    posting_verbs: list[str] = Field(
        default_factory=list,
        description="Participles that place people sent abroad: workers *stationed* in X, "
        "soldiers *based* in Y, troops *posted* to Z (where they are is where they were sent).",
    )
    conduct_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of an actor's conduct whose 'of' phrase names the actor: the "
        "*practices* of X, the *actions* of Y (not 'the occupation of Z', where Z suffers it).",
    )
    document_nouns: list[str] = Field(
        default_factory=list,
        description="Texts that states sign, whose subject matter ('a memorandum *on* "
        "military cooperation') is acted out by the signatories.",
    )
    partitive_words: list[str] = Field(
        default_factory=list,
        description="Heads that stand for the 'of' phrase after them: a *number* of "
        "Russian firms, *dozens* of Chinese entities.",
    )
    rebuttal_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose subject answers a criticism it is the object of, and so "
        "is its target: *rejected* the criticism that X voiced (slot ``answerer``).",
    )
    carrying_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of a vehicle that holds the items: the weapons a seized or sent "
        "vessel is *carrying* or is *loaded with* are the items of the act ('seized a dhow "
        "*carrying* rifles bound for X', 'sent a ship *laden with* drones').",
    )
    continuation_cues: list[str] = Field(
        default_factory=list,
        description="Lemmas that make a sentence list the items of the transfer just "
        "reported: 'The package *includes* …', 'Among the *items* …'.",
    )
    era_anchors: dict[str, str] = Field(
        default_factory=dict,
        description="Phrases (lower case) that place an undated article's events after "
        "an ISO date: 'war in ukraine' → 2022-02-24. Used only when no date is known.",
    )
    media_nouns: list[str] = Field(
        description="Heads of a phrase describing an outlet ('a Moroccan news *website*'): "
        "the outlet is the source, not the country its adjective names."
    )
    title_words: list[str] = Field(
        description="Words of an office before a person's name ('*Prime Minister* X', "
        "'Kenya's *defence minister* Y'), matched on the lower-case word."
    )
    office_words: list[str] = Field(
        description="Words that make a description after a name an office of the state "
        "it names ('X, a Kenyan *official*'), matched by lemma."
    )
    interdiction_verbs: list[str] = Field(
        description="Verbs of seizing a shipment in transit ('*seized* rifles bound for "
        'X\'): the transfer is under way (ANNOTATION.md, "Interdicted shipments") and the '
        "seizure's date is its time. Not status_governors: the seizing state is no party."
    )
    term_of_art_hedges: list[str] = Field(
        description="Hedge words that are part of an approval's wording, not doubt: "
        "'approved a *possible* sale' (DSCA notifications)."
    )
    statement_venues: list[str] = Field(
        description="Nouns of the occasions on which a subject speaks: '*In a statement*, "
        "the commander praised …' makes the commander a source, as 'said' would."
    )
    part_nouns: list[str] = Field(
        description="Nouns of parts: a weapon named as what they are for is components "
        "('*parts* for Russian drones', '*engines* of the tanks', 'drone *engines*')."
    )
    breach_words: list[str] = Field(
        default_factory=list,
        description="Words of breaking a rule ('*violate*', 'in *breach* of'): an event noun "
        "said to breach one names acts that took place ('arms transfers that are in "
        "violation of UN resolutions' → delivered).",
    )
    commitment_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of committing oneself ('*pledge*', '*promise*'): a supplier that "
        "is their subject is the source of the claim ('Belgium pledges 30 jets to Ukraine').",
    )
    permission_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of letting something happen ('*let*', '*allow*'): with one of "
        "the passage_words in their clause the permission is about passage, not the transfer.",
    )
    passage_words: list[str] = Field(
        default_factory=list,
        description="Words of passing through a place ('through', 'transit', 'sail'): 'Turkey "
        "refuses to *let* the ships pledged to Ukraine *through* its straits' is a transit "
        "state's refusal of passage, which leaves the supplier's transfer as it is "
        "(ANNOTATION.md: transit states are not parties).",
    )
    subject_control_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs with an object whose infinitive keeps their subject: 'X "
        "*promised* Y to deliver' (X delivers); with any other verb the object acts: 'X "
        "*urged* Y to send tanks', 'prompted Y to freeze aid' (Y sends, Y freezes).",
    )
    stock_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of a state's stocks: weapons held in or drawn from them come "
        "from their owner ('weapons held in US *stockpiles*', 'from Bundeswehr *stocks*', "
        "'out of the army's own *reserves*').",
    )
    winning_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose subject wins a deal, that is, sells: 'Hanwha *won* a "
        "contract with X', 'Saab *landed* a deal' (slot ``winner``).",
    )
    arrival_guards: list[str] = Field(
        default_factory=list,
        description="Words of a strike, an incursion or a visit: weapons that *reach* a "
        "place in a sentence with one of them are an attack or a port call, not a delivery "
        "('drones *struck* Kyiv after reaching the city', 'a missile reached Polish "
        "*airspace*', 'frigates arrived in X for a port *call*').",
    )
    range_words: list[str] = Field(
        default_factory=list,
        description="Words that make 'reach' a range, not an arrival: missiles that *can* "
        "reach X, are *capable* of reaching X, put X within *range*.",
    )
    arrival_evidence: list[str] = Field(
        default_factory=list,
        description="Words of a handover: weapons that reach or arrive in a state with no "
        "supplier named are a delivery only when the sentence has one ('a *shipment* of "
        "rifles arrived in X', 'drones *bought* last year reached X', 'unloaded from a "
        "*cargo* ship'), or the verb is one ('weapons *flowing* to X'); else they are a "
        "strike or an incursion ('Russian missiles reached Poland').",
    )
    crewed_categories: list[str] = Field(
        default_factory=list,
        description="Weapon categories that travel with their own crews: warships and "
        "aircraft *arriving* in a state come on a visit or a deployment, so the verb alone "
        "tells no handover ('Russian bombers arrived in X'); cargo that *arrives* is "
        "handed over.",
    )
    hostless_purposes: list[str] = Field(
        default_factory=list,
        description="Purposes of a trip that meet no host: a gathering of many or private "
        "business ('flew to Brussels for a NATO *summit*', 'arrived in X to attend a "
        "*conference*', 'travelled to Y on *holiday*'): the place is a venue, so the trip is "
        "no meeting with the host state.",
    )
    delivery_modifiers: list[str] = Field(
        default_factory=list,
        description="Modifiers of arriving weapons that tell a delivery: 'the *first* F-16s "
        "reached X', '*new* tanks arrived in X' (on the weapons' own phrase only: 'for the "
        "first time' tells nothing).",
    )
    programme_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of a weapon programme: technology or parts given for one take "
        "its kind ('technology *to assist* its missile *programme*' is missile).",
    )
    support_nouns: list[str] = Field(
        default_factory=list,
        description="Nouns of support for a platform: a named system that they are for is "
        "components ('F-16 *sustainment*', 'an F-16 case for *sustainment*', "
        "'*equipment* for the F-16'); a generic weapon is left as it is ('air defence equipment').",
    )

    @model_validator(mode="after")
    def _word_lists_lower_case(self) -> Lexicon:
        """The word lists are compared with lower-case lemmas: a capital never matches."""
        for name in WORD_LISTS:
            for index, word in enumerate(getattr(self, name)):
                if word != word.lower() or not word.strip():
                    raise ValueError(
                        f"lexicon -> {name} -> {index} ({word!r}): write the word in lower "
                        "case (entries are compared with lower-case lemmas)"
                    )
        return self


WORD_LISTS = ("media_nouns", "title_words", "office_words", "interdiction_verbs",
              "term_of_art_hedges", "statement_venues", "part_nouns", "support_nouns",
              "programme_nouns", "permission_verbs", "passage_words",
              "commitment_verbs", "breach_words", "arrival_guards", "range_words",
              "arrival_evidence", "delivery_modifiers", "hostless_purposes",
              "winning_verbs", "subject_control_verbs", "stock_nouns")  # fmt: skip
"""Lexicon lists checked for lower case when the knowledge base loads."""


class TriggerFile(Entry):
    version: int
    lexicon: Lexicon
    frames: dict[str, dict[str, Role]] = Field(
        default_factory=dict,
        description="Frame families shared by a word family: 'supplier_verb' (subject = "
        "supplier), 'recipient_noun' (possessor = recipient) …",
    )
    triggers: list[Trigger]

    @model_validator(mode="after")
    def _resolve_frame_families(self) -> TriggerFile:
        """A trigger naming a frame family gets that family's slots (plus its ``also``)."""
        for index, trigger in enumerate(self.triggers):
            if isinstance(trigger.frame, str):
                family = self.frames.get(trigger.frame)
                if family is None:
                    raise ValueError(
                        f"triggers[{index}] ({trigger.lemma}, {trigger.type}): unknown frame "
                        f"family {trigger.frame!r} (known: {', '.join(sorted(self.frames))})"
                    )
                trigger.frame = dict(family)
            trigger.frame = {**trigger.frame, **trigger.also}
        return self


SCHEMAS: dict[str, type[BaseModel]] = {
    "actors": ActorFile,
    "companies": CompanyFile,
    "outlets": OutletFile,
    "weapons": WeaponFile,
    "triggers": TriggerFile,
}
SCHEMA_DIR = Path(__file__).parent / "schema"


def render_schema(name: str) -> str:
    """The JSON Schema text for the data file ``name``."""
    return json.dumps(SCHEMAS[name].model_json_schema(), indent=2, sort_keys=True) + "\n"


def write_schemas() -> None:
    for name in SCHEMAS:
        (SCHEMA_DIR / f"{name}.schema.json").write_text(render_schema(name), encoding="utf-8")


if __name__ == "__main__":
    write_schemas()
