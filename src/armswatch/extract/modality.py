"""Status (planned … delivered, denied) and certainty (asserted … negated) of a trigger."""

from __future__ import annotations

from dataclasses import dataclass
from itertools import pairwise

from spacy.tokens import Token

from armswatch.extract.syntax import governors, is_passive
from armswatch.kb.schema import Lexicon

FUTURE_AUX = {"will", "shall", "'ll", "would"}
MODAL_AUX = {"may", "might", "could", "can"}
PROGRESSIVE_AUX = {"be", "is", "are", "am", "was", "were"}
HEDGE_DEPS = {"aux", "advmod", "neg", "det", "acomp", "amod", "xcomp", "ccomp", "auxpass"}


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

    def read(self, trigger: Token, default_status: str | None, objects: list[Token]) -> Modality:
        chain = self.governing_chain(trigger)
        negated = self.is_negated(trigger, chain, objects)
        status = self.governed_status(chain) or self.tense_status(trigger, default_status)
        certainty = self.certainty(trigger, chain)
        if status == "denied" or negated:
            return Modality("denied" if status == "denied" else status, "negated")
        return Modality(status, certainty)

    def governing_chain(self, trigger: Token) -> list[Token]:
        """Trigger plus governing words up to the nearest speech verb (exclusive)."""
        chain = [trigger]
        previous = trigger
        for gov in governors(trigger):
            raising = previous.dep_ == "xcomp" and is_passive(gov)  # 'is believed to have'
            previous = gov
            if gov.lemma_.lower() in self.speech_verbs and gov.pos_ == "VERB" and not raising:
                break
            chain.append(gov)
            if gov.dep_ in {"ROOT", "ccomp", "parataxis"}:
                break
        return chain

    def governed_status(self, chain: list[Token]) -> str | None:
        for token in chain[1:]:
            status = self.status_governors.get(token.lemma_.lower()) or self.light_verb_status(
                token
            )
            if status is not None:
                return status
        for child in chain[0].children:
            if child.dep_ in {"aux", "xcomp"} and child.lemma_.lower() in self.status_governors:
                return self.status_governors[child.lemma_.lower()]
        return None

    def light_verb_status(self, verb: Token) -> str | None:
        """'gave the green *light* to a sale', 'made a *decision* to buy'."""
        if verb.pos_ != "VERB":
            return None
        for child in verb.children:
            if child.dep_ == "dobj" and child.lemma_.lower() in self.status_governors:
                return self.status_governors[child.lemma_.lower()]
        return None

    def tense_status(self, trigger: Token, default_status: str | None) -> str:
        auxes = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
        if auxes & (FUTURE_AUX | MODAL_AUX) or self.is_infinitive_to_be(trigger):
            return "planned"
        if default_status:
            return default_status
        if trigger.pos_ != "VERB":
            noun = trigger
            while noun.dep_ == "pobj" and noun.head.lower_ == "of":  # 'thousands of workers'
                noun = noun.head.head
            verb = noun.head
            if noun.dep_ in {"dobj", "nsubjpass"} and verb.pos_ == "VERB" and verb is not noun:
                return self.tense_status(verb, None)
            return "unknown"
        if trigger.tag_ == "VBG" and auxes & PROGRESSIVE_AUX:
            return "ongoing"
        if trigger.tag_ == "VBG" and trigger.dep_ in {"pcomp", "advcl", "conj"}:
            governor = trigger.head.head if trigger.dep_ == "pcomp" else trigger.head
            if governor.pos_ in {"VERB", "AUX"} and governor is not trigger:
                return self.tense_status(governor, None)
        if trigger.tag_ in {"VBD", "VBN"}:
            return "delivered"
        if trigger.tag_ in {"VBZ", "VBP", "VBG"}:
            return "ongoing"
        return "unknown"

    @staticmethod
    def is_infinitive_to_be(trigger: Token) -> bool:
        """'is to be dispatched' and 'to send' under no governor read as planned."""
        return any(c.lower_ == "to" and c.dep_ == "aux" for c in trigger.children) and (
            trigger.head.lemma_ == "be"
        )

    def is_negated(self, trigger: Token, chain: list[Token], objects: list[Token]) -> bool:
        for token in chain:
            if any(c.dep_ == "neg" for c in token.children):
                return True
        return any(
            c.lower_ in {"no", "none"} and c.dep_ == "det" for obj in objects for c in obj.children
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
        for token in chain:
            lemma = token.lemma_.lower()
            if token is not trigger and lemma in self.cues:
                found.append(self.cues[lemma])
            for child in token.children:
                if child.dep_ in HEDGE_DEPS and child.lemma_.lower() in self.cues:
                    found.append(self.cues[child.lemma_.lower()])
        if "possible" in found:
            return "possible"
        if "probable" in found:
            return "probable"
        return "asserted"
