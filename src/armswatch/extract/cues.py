"""A cue: a place in the text that attributes a claim, with its sources (read by
extract/attribution.py); and the contract's Actor quoted from a mention, as sources and
parties are reported."""

from __future__ import annotations

from dataclasses import dataclass

from spacy.tokens import Span

from armswatch.model import Actor
from armswatch.nlp.mentions import ActorMention


def to_actor(mention: ActorMention) -> Actor:
    """The contract's Actor for a mention, quoting the mention's words."""
    return Actor(
        id=mention.actor.id,
        name=mention.span.text,
        country=mention.actor.country,
        kind=mention.kind,
        start=mention.span.start_char,
        end=mention.span.end_char,
    )


@dataclass
class Cue:
    """A place in the text that attributes a claim: its sources, primary first."""

    phrase: Span
    sources: list[ActorMention]
    anonymous: bool
    via: str | None


def is_media(mention: ActorMention) -> bool:
    return mention.actor.kind == "media"
