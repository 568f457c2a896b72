"""Where a claim comes from: article → the outlet that carried it → the original source.

Each attribution of an event is one ``Claim`` (an event nobody is credited with is one
claim in the publisher's own voice). The original source is the attributed actor (its
key: "U.S. officials" and "U.S. intelligence" are both USA, anonymous or not); when only
the carrying outlet is named ("a report carried by Yonhap"), that outlet; otherwise the
publishing outlet. ``armswatch.fuse.independence`` then counts them.
"""

from __future__ import annotations

import re
from functools import lru_cache

from armswatch.fuse.facts import Dyad
from armswatch.fuse.members import Member
from armswatch.fuse.models import Claim, Origin, SourceClass
from armswatch.kb import load_kb
from armswatch.model import Actor, ActorKind, Attribution

GOVERNMENT_KINDS = frozenset({"state", "government", "military", "leader", "official"})
INTELLIGENCE_WORDS = ("intelligence", "spy agency", "spy service")


@lru_cache(maxsize=1)
def outlet_ids() -> dict[str, str]:
    """Knowledge-base ids of news outlets by lowercase name ("the new york times" → nyt)."""
    found: dict[str, str] = {}
    for actor in load_kb().actors.actors:
        if actor.kind == "media":
            for name in [actor.name, *actor.names, *actor.abbreviations]:
                found[name.lower()] = actor.id
    return found


def outlet_key(name: str) -> str:
    """An outlet's identity: its knowledge-base id, else a slug of its name."""
    return outlet_ids().get(name.lower()) or re.sub(r"[^a-z0-9]+", "-", name.lower()).strip("-")


def source_class(kind: ActorKind | None, key: str, words: str, dyad: Dyad) -> SourceClass:
    """What kind of source: a party to the incident, an international body, intelligence,
    a government, the media, or other."""
    if key in dyad.parties:
        return "party"
    if kind == "igo":
        return "igo"
    if kind == "intelligence" or any(w in words.lower() for w in INTELLIGENCE_WORDS):
        return "intelligence"
    if kind in GOVERNMENT_KINDS:
        return "government"
    return "media" if kind in (None, "media") else "other"


def is_publisher_voice(attribution: Attribution, member: Member) -> bool:
    """The pipeline credits unattributed facts to the publisher, quoting the outlet's name."""
    return attribution.start is None and attribution.text == member.article.outlet


def claims_of(member: Member, incident_id: str, dyad: Dyad) -> list[Claim]:
    """One claim per attribution of the event (one in the publisher's voice if none)."""
    attributions: list[Attribution | None] = [*member.event.attribution] or [None]
    return [claim(member, a, incident_id, dyad) for a in attributions]


def claim(member: Member, attribution: Attribution | None, incident_id: str, dyad: Dyad) -> Claim:
    origin, key, name, actor = identify(member, attribution)
    kind = actor.kind if actor else None
    words = attribution.text if attribution else ""
    event = member.event
    denies = event.status == "denied" or event.certainty == "negated"
    return Claim(
        incident_id=incident_id,
        event_id=event.id,
        sha256=member.article.sha256,
        article_id=member.article.id,
        outlet=member.article.outlet,
        published=member.article.published,
        cluster=member.article.cluster,
        copy_of=member.article.copy_of,
        source_key=key,
        source_name=name,
        source_kind=kind,
        source_class=source_class(kind, key, words, dyad),
        anonymous=bool(attribution and attribution.anonymous),
        via=attribution.via if attribution else None,
        origin=origin,
        attribution=None if origin == "outlet" else words or None,
        stance="denies" if denies else "supports",
        status=event.status,
        certainty=event.certainty,
        counted_as=key,
        note=None,
    )


def identify(
    member: Member, attribution: Attribution | None
) -> tuple[Origin, str, str, Actor | None]:
    """(origin, source key, source name, source actor) of one attribution."""
    if attribution is not None and attribution.source is not None:
        actor = attribution.source
        origin: Origin = "outlet" if is_publisher_voice(attribution, member) else "attribution"
        return origin, actor.key, actor.name, actor
    if attribution is not None and attribution.via:
        return "via", outlet_key(attribution.via), attribution.via, None
    outlet = member.article.outlet
    if outlet:
        return "outlet", outlet_key(outlet), outlet, None
    return "outlet", f"article:{member.article.root_id or member.article.id}", "unattributed", None


def chain(claim: Claim) -> str:
    """``article (outlet) → cites <outlet> → <source>``, as an analyst reads it."""
    article = f"{claim.article_id} ({claim.outlet or 'no outlet'})"
    if claim.copy_of:
        article += f" copy of {claim.copy_of}"
    links = [article]
    if claim.via and claim.origin != "via":
        links.append(f"cites {claim.via}")
    words = claim.attribution if claim.attribution and len(claim.attribution) <= 60 else None
    who = "publisher's own voice" if claim.origin == "outlet" else words or claim.source_name
    anonymous = ", anonymous" if claim.anonymous else ""
    links.append(f"{who} [{claim.source_key}, {claim.source_class}{anonymous}]")
    return " → ".join(links)
