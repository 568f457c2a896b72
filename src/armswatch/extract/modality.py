"""Status (planned … delivered, denied) and certainty (asserted … negated) of a trigger.

The stages follow spec/ANNOTATION.md: governing words set the stage ('plans to buy' →
planned, 'a deal to supply' → agreed, 'refused to send' → denied), otherwise the tense
does ('will send' → planned, 'is sending' → ongoing, 'sent' → delivered: extract/tense.py).
Each construction is a named method with its example.
"""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from armswatch.extract.syntax import (
    clause_tokens,
    governors,
    is_passive,
    phrasal_keys,
    purpose_hosts,
)
from armswatch.extract.tense import has_future_aux, tense_status
from armswatch.kb.schema import Lexicon

BEGINNING_VERBS = {"begin", "start", "commence"}
HEDGE_DEPS = {"aux", "advmod", "neg", "det", "acomp", "amod", "xcomp", "ccomp", "auxpass", "mark"}


@dataclass(frozen=True)
class Modality:
    status: str
    certainty: str


class ModalityReader:
    """Reads status and certainty from the trigger's governors, auxiliaries and adverbs."""

    def __init__(self, lexicon: Lexicon) -> None:
        self.status_governors = lexicon.status_governors
        self.cues = lexicon.certainty_cues
        self.negations = set(lexicon.negations)
        self.speech_verbs = set(lexicon.speech_verbs)
        self.report_nouns = frozenset(lexicon.report_nouns)
        self.interdiction_verbs = frozenset(lexicon.interdiction_verbs)
        self.term_of_art_hedges = frozenset(lexicon.term_of_art_hedges)
        self.occurrence_verbs = frozenset(lexicon.occurrence_verbs)
        self.phrasal_status = lexicon.phrasal_status
        self.negotiation_nouns = frozenset(lexicon.negotiation_nouns)
        self.display_verbs = frozenset(lexicon.display_verbs)
        self.permission_verbs = frozenset(lexicon.permission_verbs)
        self.breach_words = frozenset(lexicon.breach_words)
        self.passage_words = frozenset(lexicon.passage_words)

    def read(
        self, trigger: Token, default_status: str | None, objects: list[Token], of_use: bool = False
    ) -> Modality:
        chain = self.governing_chain(trigger)
        if any(no_longer(token) for token in chain):
            return Modality("cancelled", "asserted")
        negated = self.is_negated(trigger, chain, objects)
        status = (
            self.interdicted(chain)
            or self.negotiated(trigger)
            or self.on_display(trigger)
            or self.first_deliveries(chain, default_status)
            or self.governed_status(chain)
            or tense_status(trigger, default_status, self.breach_words, of_use)
        )
        if (status in {"planned", "unknown"} and self.under_agreement(trigger)) or (
            status != "denied" and self.still_due(trigger)
        ):
            status = "agreed"
        if status == "ongoing" and self.part_already_done(trigger):
            status = "delivered"
        certainty = self.certainty(trigger, chain)
        if chain[-1] is not trigger and chain[-1].dep_ != "ccomp" and self.denies(chain[-1]):
            status = "denied"  # 'denied that it had signed a cooperation pact': the denial
        if status == "denied" or negated or certainty == "negated":
            return Modality(self.refusal(status), "negated")
        if self.rejected_claim(chain):
            return Modality("denied", "negated")
        if self.unconfirmed(chain):
            return Modality(status, "possible")
        return Modality(status, certainty)

    @staticmethod
    def refusal(status: str) -> str:
        """A negated transfer that had not happened yet is a refusal: 'X will not send Y',
        'refused to supply' → denied. 'has not delivered' keeps its stage."""
        return "denied" if status in {"denied", "planned", "unknown"} else status

    @staticmethod
    def still_due(trigger: Token) -> bool:
        """'Moscow has yet to supply arms Armenia paid for', 'is yet to deliver': a
        transfer that was due and has not happened is agreed, not planned."""
        head = trigger.head
        return (
            trigger.dep_ == "xcomp"
            and head.lemma_ in {"have", "be"}
            and any(c.lower_ == "yet" for c in head.children)
        )

    def under_agreement(self, trigger: Token) -> bool:
        """'Saab to supply Colombia with 17 jets under a €3.1 billion deal': a transfer
        made under a deal, contract or agreement is agreed at least."""
        if self.under_which_agreement(trigger):
            return True
        after = [t for t in trigger.sent if t.i > trigger.i]
        for n, token in enumerate(after):
            if token.lower_ != "under":
                continue
            # the words after 'under', or the whole phrase when the parser attached it:
            # 'under the terms of a long-term bilateral security agreement'
            phrase = [*after[n + 1 : n + 7], *clause_tokens(token)]
            return any(
                t.pos_ == "NOUN" and self.status_governors.get(t.lemma_.lower()) == "agreed"
                for t in phrase
            )
        return False

    @staticmethod
    def part_already_done(trigger: Token) -> bool:
        """'France is sending SCALP missiles to Ukraine, with a first batch already
        delivered': a participle under the trigger with 'already' reports a delivery."""
        return any(
            c.tag_ == "VBN" and any(a.lower_ == "already" for a in c.children)
            for c in trigger.sent
            if c.dep_ in {"dep", "advcl", "conj", "acl", "relcl", "pcomp"} and c.i > trigger.i
        )

    def under_which_agreement(self, trigger: Token) -> bool:
        """'has signed an arms contract …, under which the country will import 54 K9s';
        'Under the deal, Chile will buy the jets'."""
        for prep in trigger.children:
            if prep.dep_ != "prep" or prep.lower_ != "under":
                continue
            objects = [c for c in prep.children if c.dep_ == "pobj"]
            if any(self.status_governors.get(o.lemma_.lower()) == "agreed" for o in objects):
                return True  # 'Under the deal, New Delhi will acquire the drones'
            if not any(c.lower_ in {"which", "that"} for c in objects):
                continue
            return any(
                t.pos_ == "NOUN" and self.status_governors.get(t.lemma_.lower()) == "agreed"
                for t in trigger.sent
                if t.i < prep.i
            )
        return False

    def interdicted(self, chain: list[Token]) -> str | None:
        """'a shipment of rifles bound for X was seized' → ongoing (the lexicon's
        ``interdiction_verbs``; ANNOTATION.md, "Interdicted shipments")."""
        if any(t.lemma_.lower() in self.interdiction_verbs for t in chain[1:]):
            return "ongoing"
        return None

    def negotiated(self, trigger: Token) -> str | None:
        """'X is in talks with Y to buy jets', 'held negotiations with Y to sell tanks': an
        infinitive of purpose under a noun of negotiating → negotiating."""
        if any(h.lemma_.lower() in self.negotiation_nouns for h in purpose_hosts(trigger)):
            return "negotiating"
        return None

    def on_display(self, trigger: Token) -> str | None:
        """'Kenya showed off its new howitzers, which it ordered from X': what a state
        shows as its own was delivered, whatever stage the relative clause names."""
        owned = trigger.head
        if trigger.dep_ != "relcl" or owned.dep_ != "dobj":
            return None
        if not any(c.dep_ == "poss" for c in owned.children):
            return None
        verb = owned.head
        words = {verb.lemma_.lower(), *phrasal_keys(verb)}
        return "delivered" if words & self.display_verbs else None

    @staticmethod
    def first_deliveries(chain: list[Token], default_status: str | None) -> str | None:
        """'Deliveries began in July': the first deliveries arrived → delivered (a verb
        'began shipping' stays ongoing; 'will begin' is a plan, read by the tense)."""
        trigger = chain[0]
        if trigger.pos_ == "VERB" or default_status != "delivered" or len(chain) < 2:
            return None
        verb = chain[1]
        if trigger.dep_ == "nsubj" and verb.lemma_.lower() in BEGINNING_VERBS:
            return "delivered" if verb.tag_ == "VBD" else None
        return None

    def speech_above(self, chain: list[Token]) -> Token | None:
        """The verb the governing chain stopped under ('confirm' in 'could not confirm
        reports that …')."""
        return next(
            (g for g in governors(chain[-1], max_hops=3) if g.pos_ in {"VERB", "AUX"}), None
        )

    def reported_in_the_past(self, chain: list[Token]) -> bool:
        """Whether the chain is the clause of a speech verb in the past ('Spain *said*
        that …'), where 'would' is the reported form of 'will', not a hedge."""
        top = chain[-1]
        speech = top.head
        if (
            top.dep_ == "ccomp"
            and speech.lemma_.lower() in self.speech_verbs
            and speech.tag_ in {"VBD", "VBN"}
        ):
            return True
        return any(
            below.dep_ == "ccomp" and self.reported_by_noun(above)
            for below, above in pairwise(chain)
        )

    def reported_by_noun(self, verb: Token) -> bool:
        """'Britain's *announcement* in December *was* that the minehunters would be
        transferred': a past copula whose subject is a report noun reports speech."""
        return (
            verb.lemma_ == "be"
            and verb.tag_ == "VBD"
            and any(
                c.dep_ == "nsubj" and c.lemma_.lower() in self.report_nouns for c in verb.children
            )
        )

    def rejected_claim(self, chain: list[Token]) -> bool:
        """'Pyongyang rejects claims Hamas used North Korean arms' (a headline the parser
        reads with 'claims' as the verb): a claim right after a denial word is denied."""
        speech = self.speech_above(chain)
        if speech is None or speech.lemma_.lower() != "claim" or speech.i == 0:
            return False
        before = speech.doc[speech.i - 1]
        return self.status_governors.get(before.lemma_.lower()) == "denied"

    def unconfirmed(self, chain: list[Token]) -> bool:
        """'could not confirm reports that X supplied Y', 'has not verified claims that …':
        the speech verb the chain stopped under is negated → possible."""
        speech = self.speech_above(chain)
        if speech is None or speech.lemma_.lower() not in self.speech_verbs | {"verify"}:
            return False
        return any(c.dep_ == "neg" for c in speech.children)

    def governing_chain(self, trigger: Token) -> list[Token]:
        """Trigger plus governing words up to the nearest speech verb (exclusive)."""
        chain = [trigger]
        previous = trigger
        for gov in governors(trigger):
            raising = previous.dep_ == "xcomp" and is_passive(gov)  # 'is believed to have'
            if self.permits_passage(gov, previous):
                break
            previous = gov
            speech = gov.lemma_.lower() in self.speech_verbs and gov.pos_ == "VERB"
            if speech and not raising and not warns_off(chain):
                break
            chain.append(gov)
            if gov.dep_ in {"ROOT", "ccomp", "parataxis"}:
                break
        last = chain[-1]
        if last is not trigger and last.dep_ == "ccomp" and self.denies(last.head):
            chain.append(last.head)  # 'denied that it had signed a cooperation *pact*'
        return chain

    def permits_passage(self, verb: Token, clause: Token) -> bool:
        """'Ankara refuses to *let* two minehunters pledged to Ukraine *through* its straits':
        a permission verb over a clause of passage through a place is about the passage.
        The words above it (the refusal, a negation) are the transit state's and do not
        govern the transfer, which keeps its own stage (ANNOTATION.md: transit states are
        not parties); 'refused to let X send tanks to Y' is still a refusal."""
        if verb.pos_ != "VERB" or verb.lemma_.lower() not in self.permission_verbs:
            return False
        return any(
            t.lower_ in self.passage_words or t.lemma_.lower() in self.passage_words
            for t in clause.subtree
        )

    def denies(self, verb: Token) -> bool:
        """A verb of denying ('deny', 'reject') whose clause the chain ends in."""
        return verb.pos_ == "VERB" and self.status_governors.get(verb.lemma_.lower()) == "denied"

    def governed_status(self, chain: list[Token]) -> str | None:
        """The stage a governing word sets: 'plans to buy', 'a deal to supply'; a later
        stage under will/may is a plan ('will sign a deal to supply', 'will begin')."""
        own = self.light_verb_status(chain[0])  # the trigger's own 'gave the green light'
        if own is not None:
            return own
        for token in chain[1:]:
            status = (
                self.phrasal(token)
                or self.status_governors.get(token.lemma_.lower())
                or self.light_verb_status(token)
            )
            if status in {"agreed", "ongoing", "delivered"} and has_future_aux(token):
                return "planned"
            if status is not None:
                return status
        for child in chain[0].children:
            if child.dep_ in {"aux", "xcomp"} and child.lemma_.lower() in self.status_governors:
                return self.status_governors[child.lemma_.lower()]
        return None

    def phrasal(self, verb: Token) -> str | None:
        """'turned *down* a request for tanks' → denied, 'put the deliveries *on hold*' →
        cancelled (the lexicon's ``phrasal_status``)."""
        if verb.pos_ not in {"VERB", "AUX"}:
            return None
        return next(
            (self.phrasal_status[k] for k in phrasal_keys(verb) if k in self.phrasal_status), None
        )

    def light_verb_status(self, verb: Token) -> str | None:
        """'gave the green *light* to a sale', 'made a *decision* to buy'."""
        if verb.pos_ != "VERB":
            return None
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in self.status_governors:
                return self.status_governors[child.lemma_.lower()]
        return None

    def is_negated(self, trigger: Token, chain: list[Token], objects: list[Token]) -> bool:
        for below, token in zip([None, *chain], chain, strict=False):
            if self.negation_stops_at(below, token):
                break
            if any(c.dep_ == "neg" for c in token.children):
                return True
        return any(
            c.lower_ in {"no", "none"} and c.dep_ == "det" for obj in objects for c in obj.children
        )

    def negation_stops_at(self, below: Token | None, verb: Token) -> bool:
        """Whether a negation on ``verb`` misses the event noun it is reached from: the
        noun is the verb's active subject and the verb says what the event does, not
        whether it took place ('the ties must not *target* others' keeps the ties; 'the
        talks did not *happen*' does not)."""
        return (
            below is not None
            and below.pos_ == "NOUN"
            and below.dep_ == "nsubj"
            and verb.pos_ in {"VERB", "AUX"}
            and verb.lemma_.lower() not in self.occurrence_verbs
        )

    def certainty(self, trigger: Token, chain: list[Token]) -> str:
        found: list[str] = []
        for below, token in pairwise(chain):
            if (
                below.dep_ == "xcomp"
                and is_passive(token)
                and token.lemma_.lower() in self.speech_verbs
            ):
                found.append("probable")  # 'is said to', 'is reported to', 'is thought to'
        staged = any(t.lemma_.lower() in self.status_governors for t in chain[1:])
        reported = self.reported_in_the_past(chain)
        for token in chain:
            lemma = token.lemma_.lower()
            if token is not trigger and lemma in self.cues:
                found.append(self.cues[lemma])
            for child in token.children:
                if child.dep_ not in HEDGE_DEPS or child.lemma_.lower() not in self.cues:
                    continue
                if token is trigger and staged and child.lemma_.lower() in self.term_of_art_hedges:
                    continue  # 'approved a possible sale' is an approval, not a hedge
                if reported and child.dep_ == "aux" and child.lower_ == "would":
                    continue  # 'X said the frigates would be transferred': a reported 'will'
                found.append(self.cues[child.lemma_.lower()])
        if "negated" in found:
            return "negated"
        if "possible" in found:
            return "possible"
        if "probable" in found:
            return "probable"
        return "asserted"


def no_longer(verb: Token) -> bool:
    """A halt told by an adverb: 'will *no longer* transfer howitzers', 'will not send
    rifles *any longer*', '*anymore*': transfers that went on stop, so the transfer is
    cancelled, as the article asserts (ANNOTATION.md, refusals and halts), not a
    refusal of one that never happened."""
    for adverb in (c for c in verb.children if c.dep_ == "advmod"):
        if adverb.lower_ == "anymore":
            return True
        if adverb.lower_ == "longer" and any(c.lower_ in {"no", "any"} for c in adverb.children):
            return True
    return False


def warns_off(chain: list[Token]) -> bool:
    """The chain reached its speech verb through a preposition before an -ing clause:
    'warned X *against supplying*' warns off the act rather than reporting it."""
    return len(chain) > 1 and chain[-1].dep_ == "prep" and chain[-2].dep_ == "pcomp"
