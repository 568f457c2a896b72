"""The mentions the component ``armswatch_mentions_v1`` finds (nlp/mentions.py)."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from armswatch.kb.schema import ActorEntry
from armswatch.nlp.gazetteer import WeaponForm


@dataclass
class ActorMention:
    """An actor named in the text (token span ``start:end``)."""

    span: Span
    actor: ActorEntry
    form: str
    kind: str

    @property
    def key(self) -> str:
        return self.actor.country or self.actor.id


@dataclass
class WeaponMention:
    """A weapon system or generic weapon noun (token span ``start:end``)."""

    span: Span
    weapon: WeaponForm
