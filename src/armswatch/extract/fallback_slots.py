"""Slots that look beyond the trigger's own clause: the governing clause's subject or
object, the origin of the items, the destination of a cargo, the one who asked, refused or
won. Most are fallbacks (``fallback=True``: used only when the clause slots of
extract/clause_slots.py leave a role empty); registered in extract/slots.py."""

from __future__ import annotations

from collections.abc import Iterable
from typing import TYPE_CHECKING

from armswatch.extract import clause_parts
from armswatch.extract.clause_slots import passive
from armswatch.extract.items import items_of
from armswatch.extract.slots import SlotCase, slot
from armswatch.extract.syntax import (
    agent_of,
    phrasal_keys,
    phrase_head,
    prep_objects,
    purpose_hosts,
    subject_of,
)

if TYPE_CHECKING:
    from spacy.tokens import Token

    from armswatch.extract.roles import RoleFiller

DESTINATION_WORDS = {"bound", "destined", "meant", "intended", "headed", "heading", "en"}


@slot(
    "gov_subj",
    [
        SlotCase("Russia held talks with Iran.", "talk", ("RUS",), "NOUN"),
        SlotCase("Kyiv protested the supply of drones to Russia.", "supply", (), "NOUN"),
        SlotCase(
            "Oman signed a defence cooperation pact with Peru.", "cooperation", ("OMN",), "NOUN"
        ),
        SlotCase("A border pact was signed by Laos and Nepal.", "pact", ("LAO", "NPL"), "NOUN"),
        SlotCase("A border pact was criticised by Laos.", "pact", (), "NOUN"),
    ],
    fallback=True,
)
def governing_subject(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """For a noun: the subject of the verb that acts it out ('Russia *held* talks'), not
    of one that reacts to it ('Kyiv *protested* the supply')."""
    return clause_parts.governing_subject(filler, trigger)


@slot(
    "gov_receiver",
    [
        SlotCase("Morocco confirmed delivery of Israeli drones.", "delivery", ("MAR",), "NOUN"),
        SlotCase("Kyiv protested the delivery of Iranian drones.", "delivery", (), "NOUN"),
    ],
    fallback=True,
)
def governing_receiver(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """For a transfer noun with no recipient phrase: the subject of a receiving verb that
    governs it ('Morocco *confirmed* delivery of Israeli drones', 'Chile *welcomed* the
    shipment')."""
    verb = trigger.head
    if trigger.dep_ not in {"dobj", "nsubjpass"} or verb.pos_ not in {"VERB", "AUX"}:
        return []
    if verb.lemma_.lower() not in filler.receiver_verbs:
        return []
    subject = clause_parts.subject_tokens(filler, verb)
    return subject


@slot(
    "origin",
    [
        ("Forty tanks were shipped from Minsk to Addis Ababa.", "ship", ("BLR",)),
        ("Belarus shipped tanks from its port to Ethiopia.", "ship", ()),
    ],
    fallback=True,
)
def origin(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The 'from' phrase of a supplying verb with no supplier in subject or agent
    position: 'Forty tanks were shipped *from Minsk* to Addis Ababa'."""
    return prep_objects(trigger, "from", deep=False)


@slot(
    "posted_to",
    [
        SlotCase("Ugandan workers stationed in Rwanda sent money.", "worker", ("RWA",), "NOUN"),
        SlotCase("Kenya had Ugandan IT workers stationed in Rwanda.", "worker", ("RWA",), "NOUN"),
        SlotCase("Chilean soldiers based in Peru held a parade.", "soldier", ("PER",), "NOUN"),
        SlotCase("Chilean soldiers killed in Peru were buried.", "soldier", (), "NOUN"),
    ],
)
def posted_to(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Where a participle on a noun of people sent abroad places them: 'workers
    *stationed in* X', 'soldiers *based in* Y', 'troops *posted to* Z' (lexicon
    ``posting_verbs``; 'soldiers *killed* in Y' places no one)."""
    found: list[Token] = []
    for participle in trigger.children:
        lemma = participle.lemma_.lower()
        if participle.dep_ not in {"acl", "relcl"} or participle.tag_ != "VBN":
            continue
        if lemma in filler.entity_words.postings:
            for word in ("in", "to", "into"):
                found += prep_objects(participle, word, deep=False)
    return found


@slot(
    "destination",
    [
        ("Sailors seized Iranian rifles bound for the Houthis.", "seize", ("houthis",)),
        ("Police intercepted a shipment of rifles meant for Haiti.", "intercept", ("HTI",)),
        ("Guards seized drones on their way to Sudan.", "seize", ("SDN",)),
        ("Guards seized drones at the port of Aden.", "seize", ()),
    ],
)
def destination(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Where a stopped shipment was going: 'arms *for* X', '*bound / meant / destined
    for* X', '*on their way to* X', '*en route to* X' in the trigger's clause (the
    seizing state is no party)."""
    scope = list(trigger.subtree)
    if trigger.dep_ in {"acl", "relcl"}:  # 'Iranian arms for the Houthis *seized* at sea'
        scope += [t for t in trigger.head.subtree if t not in scope]
    return destination_objects(filler, scope)


def destination_objects(filler: RoleFiller, scope: Iterable[Token]) -> list[Token]:
    """Objects of the destination phrases among ``scope``: 'arms *for* X', '*bound /
    meant / destined for* X', '*on their way to* X', 'a shipment *for* X'."""
    found: list[Token] = []
    for token in scope:
        if token.dep_ != "prep" or token.lower_ not in {"for", "to"}:
            continue
        holder = token.head
        heading = holder.lower_ in DESTINATION_WORDS
        on_the_way = holder.lower_ in {"way", "route"}
        weapon_for = token.lower_ == "for" and holder.i in filler.index.weapons
        if heading or on_the_way or weapon_for or holder.lower_ in {"shipment", "cargo"}:
            found.extend(c for c in token.children if c.dep_ == "pobj")
    return found


@slot(
    "item_destination",
    [
        SlotCase(
            "Police described the cargo as Thai rifles bound for Myanmar.",
            "cargo",
            ("MMR",),
            "NOUN",
        ),
        SlotCase(
            "Police described the cargo as Thai rifles seized in Myanmar.", "cargo", (), "NOUN"
        ),
    ],
    fallback=True,
)
def item_destination(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Where the frame's items are going, said on the items wherever the parser put them:
    'describing *the cargo* as Iranian munitions *bound for* the Houthis', 'shipped
    rifles, *meant for* X, …' (a recipient no phrase of the trigger names)."""
    roots = [phrase_head(item.span.root) for item in items_of(filler, trigger)]
    roots = [r for r in roots if r.i != trigger.i]
    roots += [r.head for r in roots if r.head.lower_ in DESTINATION_WORDS]  # 'jets *bound* for'
    return destination_objects(filler, [t for root in roots for t in root.subtree])


@slot(
    "gov_obj",
    [("Iran helped Russia by supplying drones.", "supply", ("RUS",))],
    fallback=True,
)
def governing_object(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The object of the governing verb: 'helped Russia by supplying shells' → Russia."""
    if trigger.dep_ == "pcomp" and trigger.head.lower_ == "by":
        verb = trigger.head.head
        return [c for c in verb.children if c.dep_ == "dobj"]
    return []


@slot(
    "occupier",
    [SlotCase("Workers went to Russian-occupied territories.", "worker", ("RUS",), "NOUN")],
    fallback=True,
)
def occupier(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """'Russian-occupied territories' in the trigger's sentence → Russian."""
    found = []
    for token in trigger.sent:
        hyphenated = token.i > 1 and token.doc[token.i - 1].text == "-"
        marked = token.lower_ in filler.occupation_markers and hyphenated
        if marked and token.i - 2 in filler.index.actors:
            found.append(token.doc[token.i - 2])
    return found


@slot(
    "acl_agent",
    [
        SlotCase("A package announced by Britain includes missiles.", "package", ("GBR",), "NOUN"),
        SlotCase("The package is to be sent by Norway.", "package", ("NOR",), "NOUN"),
        SlotCase("The sanctions on Peru announced by Chile lapsed.", "sanction", ("CHL",), "NOUN"),
        SlotCase("Sanctions on drones made by Iran lapsed.", "sanction", (), "NOUN"),
    ],
)
def participle_agent(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The agent of a participle on the noun, or of the passive the noun is subject of:
    'a package *announced by* X', 'the package is to be sent by X'; also of a participle
    the parser hung on an actor the noun names ('sanctions on Peru *announced by* Chile':
    a state is not announced, the sanctions are)."""
    verbs = [c for c in trigger.children if c.dep_ == "acl"]
    verbs += [
        participle
        for prep in trigger.children
        if prep.dep_ == "prep"
        for named in prep.children
        if named.dep_ == "pobj" and named.i in filler.index.actors
        for participle in named.children
        if participle.dep_ == "acl" and participle.tag_ == "VBN"
    ]
    if trigger.dep_ in {"nsubjpass", "nsubj"}:
        chain: Token | None = trigger.head
        while chain is not None:  # 'the package is *to be sent* by X'
            verbs.append(chain)
            chain = next((c for c in chain.children if c.dep_ == "xcomp"), None)
    return [a for v in verbs if (a := agent_of(v)) is not None]


AIMING_VERBS = {"aim", "direct", "target"}


@slot(
    "aimed_at",
    [
        SlotCase("Sanctions aimed at Belarus took effect.", "sanction", ("BLR",), "NOUN"),
        SlotCase("Measures targeting Laos were lifted.", "measure", ("LAO",), "NOUN"),
        SlotCase("Sanctions announced in Chad took effect.", "sanction", (), "NOUN"),
    ],
)
def aimed_at(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """What a participle on the noun aims it at: 'sanctions *aimed at* X', 'measures
    *directed against* X', 'penalties *targeting* X'."""
    found: list[Token] = []
    for verb in (c for c in trigger.children if c.dep_ in {"acl", "relcl"}):
        if verb.lemma_.lower() not in AIMING_VERBS:
            continue
        found += [c for c in verb.children if c.dep_ == "dobj"]
        for word in ("at", "against"):
            found += prep_objects(verb, word, deep=False)
    return found


ANSWERED_PRONOUNS = {"it", "they", "he", "she"}


@slot(
    "content_subj",
    [
        SlotCase(
            "Laos repeated the allegation that Vietnam sold rifles to the rebels.",
            "allegation",
            ("VNM",),
            "NOUN",
        ),
        SlotCase(
            "Laos dismissed the charge by Thailand that it supplies rifles to rebels.",
            "charge",
            ("LAO",),
            "NOUN",
        ),
        SlotCase("Laos dismissed the charge by Thailand.", "charge", (), "NOUN"),
    ],
)
def content_subject(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The subject of the clause a noun states: 'the charge by X *that Y flouts the ban*'.
    A pronoun there stands for whoever answers the charge — the subject of the verb that
    takes the noun ('*Tehran* rejected the charge by X that *it* flouts the ban') — not for
    the accuser named just before it."""
    clauses = list(trigger.children)
    if trigger.dep_ == "dobj":  # the small model often hangs the clause on the verb
        clauses += [c for c in trigger.head.children if c.dep_ == "ccomp" and c.i > trigger.i]
    for clause in clauses:
        stated = clause.dep_ in {"acl", "ccomp"} and any(
            c.dep_ == "mark" and c.lower_ == "that" for c in clause.children
        )
        subject = subject_of(clause) if stated else None
        if subject is None:
            continue
        if subject.lower_ in ANSWERED_PRONOUNS and trigger.dep_ in {"dobj", "nsubjpass"}:
            answering = subject_of(trigger.head)
            return [answering] if answering is not None else [subject]
        return [subject]
    return []


SCENE_PREPOSITIONS = {"in", "during", "at"}


@slot(
    "scene_subj",
    [
        SlotCase("In a call with Chile, Peru raised the border.", "call", ("PER",), "NOUN"),
        SlotCase("During talks with Laos, Vietnam agreed to act.", "talk", ("VNM",), "NOUN"),
        SlotCase("At a meeting with Chile, Peru spoke.", "meeting", ("PER",), "NOUN"),
        SlotCase("At a UN Council meeting, Peru spoke.", "meeting", (), "NOUN"),
        SlotCase("Peru raised tariffs in response to talks with Chile.", "talk", (), "NOUN"),
    ],
    fallback=True,
)
def scene_subject(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """For a noun in a phrase that sets the scene of the clause, the clause's subject:
    '*In a call with* Lavrov, *Wang* said …', '*During talks with* Y, *X* agreed …'.
    Only with a partner: who speaks *at a Security Council meeting* is not meeting it."""
    prep = trigger.head
    if trigger.dep_ != "pobj" or prep.lower_ not in SCENE_PREPOSITIONS:
        return []
    if not any(c.dep_ == "prep" and c.lower_ == "with" for c in trigger.children):
        return []
    clause = prep.head
    if clause.pos_ not in {"VERB", "AUX"}:
        return []
    return clause_parts.subject_tokens(filler, clause)


@slot(
    "answerer",
    [
        SlotCase("Chile rejected the criticism that Peru voiced.", "criticism", ("CHL",), "NOUN"),
        SlotCase("Chile repeated the criticism that Peru voiced.", "criticism", (), "NOUN"),
    ],
    fallback=True,
)
def answerer(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Who rebuts a criticism is the one criticised: '*Chile* rejected the criticism
    (that Peru voiced)', '*Kenya* dismissed the accusations'."""
    verb = trigger.head
    if trigger.dep_ != "dobj" or verb.lemma_.lower() not in filler.rebuttal_verbs:
        return []
    return clause_parts.subject_tokens(filler, verb)


@slot(
    "negotiation_partner",
    [
        ("Chile is in talks with Peru to buy patrol boats.", "buy", ("PER",)),
        ("Laos held negotiations with Vietnam to sell rifles.", "sell", ("VNM",)),
        ("Chile met Peru to buy patrol boats.", "buy", ()),
        ("Chile signed a deal with Peru to buy patrol boats.", "buy", ("PER",)),
        ("Chile signed a memo on Peru to buy patrol boats.", "buy", ()),
    ],
    fallback=True,
)
def negotiation_partner(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The 'with' phrase of a noun of negotiating that an infinitive of purpose belongs
    to: 'X is in *talks with Y* to buy jets' → Y (the lexicon's ``negotiation_nouns``);
    likewise of a deal, on the noun or on the verb that concludes it: 'X signed a *deal*
    *with Y* to buy jets' (``deal_nouns``)."""
    words = filler.entity_words
    partners: list[Token] = []
    for host in purpose_hosts(trigger):
        lemma = host.lemma_.lower()
        if lemma in words.negotiations or lemma in words.deals:
            partners += prep_objects(host, "with", deep=False)
        if lemma in words.deals and not partners and host.dep_ == "dobj":
            partners += prep_objects(host.head, "with", deep=False)
    return partners


def preposition_before(noun: Token, word: str, before: str) -> bool:
    """Whether the noun's ``word`` phrase comes before its ``before`` phrase (or it has
    none): 'a request *from X* for tanks'."""
    own = [c for c in noun.children if c.dep_ == "prep"]
    first = next((p for p in own if p.lower_ == word), None)
    later = next((p for p in own if p.lower_ == before), None)
    return first is not None and (later is None or first.i < later.i)


@slot(
    "requester",
    [
        SlotCase("Chile rejected a request from Peru for rifles.", "request", ("PER",), "NOUN"),
        SlotCase("Peru's request for rifles from Chile was rejected.", "request", (), "NOUN"),
    ],
)
def requester(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Who asks, in a 'from' phrase before what is asked for: 'a request *from X* for
    tanks' (after it, 'for rifles from Chile', the phrase names who is asked)."""
    if not preposition_before(trigger, "from", "for"):
        return []
    return prep_objects(trigger, "from", deep=False)


@slot(
    "asked",
    [
        SlotCase("Peru's request for rifles from Chile was rejected.", "request", ("CHL",), "NOUN"),
        SlotCase("Chile rejected a request from Peru for rifles.", "request", (), "NOUN"),
    ],
)
def asked(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Who is asked, in a 'from' phrase after what is asked for: 'a request for rifles
    *from Chile*' (on the noun or on the items)."""
    if preposition_before(trigger, "from", "for"):
        return []
    found = prep_objects(trigger, "from", deep=False)
    for item in prep_objects(trigger, "for", deep=False):
        found += prep_objects(item, "from", deep=False)
    return found


@slot(
    "refuser",
    [
        SlotCase("Chile turned down a request from Peru for rifles.", "request", ("CHL",), "NOUN"),
        SlotCase("Chile rejected Peru's request for rifles.", "request", ("CHL",), "NOUN"),
        SlotCase("Chile repeated Peru's request for rifles.", "request", (), "NOUN"),
    ],
)
def refuser(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The subject of a verb refusing the noun: '*X* turned down a request from Y', '*X*
    rejected Y's request' — the would-be supplier (ANNOTATION.md, refusals)."""
    verb = trigger.head
    if trigger.dep_ != "dobj" or verb.pos_ not in {"VERB", "AUX"}:
        return []
    refusals = filler.entity_words.refusals
    words = {verb.lemma_.lower(), *phrasal_keys(verb)}
    return clause_parts.subject_tokens(filler, verb) if words & refusals else []


@slot(
    "winner",
    [
        SlotCase("Saab won a deal with Chile for Gripen jets.", "deal", ("SWE",), "NOUN"),
        SlotCase("The jet won Saab a contract with Chile.", "contract", ("SWE",), "NOUN"),
        SlotCase("Chile signed a deal with Saab for Gripen jets.", "deal", (), "NOUN"),
    ],
)
def winner(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """Who wins a deal sells: the subject of a verb of winning the noun ('*Saab* won a
    deal', lexicon ``winning_verbs``), or its first object ('the jet won *Saab* a
    contract')."""
    verb = trigger.head
    if trigger.dep_ != "dobj" or verb.lemma_.lower() not in filler.entity_words.winning:
        return []
    datives = [c for c in verb.children if c.dep_ in {"dative", "iobj"}]
    datives += [c for c in verb.children if c.dep_ == "dobj" and c.i < trigger.i]
    return datives or clause_parts.subject_tokens(filler, verb)


@slot(
    "misread_agent",
    [
        ("Mirage jets acquired from France by Peru arrived in May.", "acquire", ("PER",)),
        ("Tucano aircraft bought from Brazil by Ghana arrived in May.", "buy", ("GHA",)),
        ("Ghana bought Tucano aircraft by Friday.", "buy", ()),
    ],
    fallback=True,
)
def misread_agent(filler: RoleFiller, trigger: Token, _: str) -> list[Token]:
    """The 'by' phrase of a participle the parser tagged as a past tense, on the
    weapons or with the weapons as its subject: 'Drones *acquired* from X *by Y*
    arrived' → Y."""
    if passive(trigger) or trigger.tag_ not in {"VBD", "VBN"}:
        return []
    subject = subject_of(trigger)
    on_weapons = trigger.dep_ == "acl" and trigger.head.i in filler.index.weapons
    if not on_weapons and (subject is None or subject.i not in filler.index.weapons):
        return []
    found = prep_objects(trigger, "by", deep=False)
    by = agent_of(trigger)
    found += [by] if by is not None and by not in found else []
    return [a for a in found if a.i in filler.index.actors]
