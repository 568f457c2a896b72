"""Schema of the ``lexicon`` of ``triggers.yaml``: the closed word lists the extractor
consults."""

from __future__ import annotations

from pydantic import Field, model_validator

from armswatch.kb.schema_entry import Entry
from armswatch.model import ActorKind, Certainty, Status


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
    fighting_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose 'alongside / for / within' phrase names the side people "
        "sent abroad fight on ('fighting *with* X' may be against X, so 'with' does not "
        "count; slot ``fights_for``).",
    )
    serving_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose 'alongside / for / with / within' phrase names the side "
        "people sent abroad serve: troops *serving* with X (slot ``fights_for``).",
    )
    helping_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs whose object is the side people sent abroad help: *joined* the "
        "Somali army, *assisted* Russia (slot ``fights_for``).",
    )
    flight_verbs: list[str] = Field(
        default_factory=list,
        description="Verbs of people leaving their post: soldiers who *fled into* X were "
        "not sent there (no deployment).",
    )
    civil_topics: list[str] = Field(
        default_factory=list,
        description="Words that make cooperation civil when they name its kind, as a "
        "modifier or the topic of its 'on' / 'in' phrase: *energy* cooperation, cooperation "
        "on nuclear *safety*, cooperation in *trade* (triggers with ``excludes_civil_topic``).",
    )
    military_topics: list[str] = Field(
        default_factory=list,
        description="Words that keep cooperation military even beside a civil topic: "
        "economic and *military* cooperation, cooperation on trade and *training*; one "
        "that a civil word modifies is civil ('*energy* security').",
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
              "winning_verbs", "subject_control_verbs", "stock_nouns",
              "fighting_verbs", "serving_verbs", "helping_verbs", "flight_verbs",
              "civil_topics", "military_topics")  # fmt: skip
"""Lexicon lists checked for lower case when the knowledge base loads."""
