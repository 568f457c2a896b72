"""Independent sources: distinct original sources, not articles.

Claims are grouped by the source they count for (``Claim.counted_as``):

- the attributed actor, anonymous or not ("a U.S. official" and "U.S. intelligence" are
  one source, USA), so two outlets citing the same source add nothing;
- an outlet that only carried another source's claim ("U.S. officials told the New York
  Times") is a channel, not an origin: a claim credited to that outlet counts for none;
- copies in one near-duplicate group (wire copies) count once: when the group's text
  names a source, its copies' publisher voices count for none; otherwise they count as
  the outlet that published the group first.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence

from armswatch.fuse.facts import Dyad
from armswatch.fuse.models import Claim, Source, SourceClass
from armswatch.fuse.provenance import outlet_key

CLASS_RANK: tuple[SourceClass, ...] = ("party", "igo", "intelligence", "government", "media")
CERTAINTY_RANK = ("asserted", "probable", "possible", "negated")
ROLE_NAMES = {
    "arms_transfer": ("supplier", "recipient"),
    "troop_deployment": ("sending state", "host state"),
    "labor_dispatch": ("sending state", "host state"),
    "diplomatic_recognition": ("recogniser", "recognised"),
    "diplomatic_break": ("side cutting ties", "other side"),
    "sanction_imposed": ("sanctioning side", "sanctioned side"),
    "condemnation": ("critic", "criticised"),
}


def role_of(key: str, dyad: Dyad, event_type: str) -> str | None:
    """The part ``key`` plays in the incident ("supplier", "party" …), if any."""
    if key not in dyad.parties:
        return None
    if dyad.symmetric:
        return "party"
    source, target = ROLE_NAMES.get(event_type, ("source", "target"))
    return source if key in dyad.source else target


def counted(claims: Sequence[Claim]) -> list[Claim]:
    """The claims with ``counted_as`` and ``note`` set (see the module docstring)."""
    channels: dict[str, str] = {}
    for c in claims:
        if c.via and c.origin == "attribution" and outlet_key(c.via) != c.source_key:
            key = outlet_key(c.via)
            channels[key] = min(channels.get(key, c.source_key), c.source_key)
    named = {group_of(c) for c in claims if c.origin != "outlet"}
    voices = publisher_voices(claims)
    first: dict[str, str] = {}
    for c in sorted(
        claims, key=lambda c: (c.published or "~", c.article_id, voices.get(c.sha256, ""))
    ):
        if c.origin == "outlet":
            first.setdefault(group_of(c), voices[c.sha256])
    return [count_one(c, channels, named, voices, first) for c in claims]


def group_of(claim: Claim) -> str:
    """The near-duplicate group of a claim's article (the article itself if alone)."""
    return claim.cluster or claim.sha256


def publisher_voices(claims: Sequence[Claim]) -> dict[str, str]:
    """Per article, who its unattributed claims are from: the publisher as the pipeline
    resolved it (a ministry, an agency), else the outlet's name."""
    resolved: dict[str, str] = {}
    named: dict[str, str] = {}
    for c in claims:
        if c.origin == "outlet":
            found = resolved if c.source_kind is not None else named
            found[c.sha256] = min(found.get(c.sha256, c.source_key), c.source_key)
    return named | resolved


def count_one(
    claim: Claim,
    channels: dict[str, str],
    named: set[str],
    voices: dict[str, str],
    first: dict[str, str],
) -> Claim:
    if claim.source_class == "media" and claim.source_key in channels:
        carried = channels[claim.source_key]
        note = f"{claim.source_name} carried {carried}'s claim: a channel, not an origin"
        return claim.model_copy(update={"counted_as": None, "note": note})
    if claim.origin != "outlet":
        return claim
    if group_of(claim) in named:
        note = "its text names a source: the publisher's own voice adds none"
        return claim.model_copy(update={"counted_as": None, "note": note})
    own, original = voices[claim.sha256], first[group_of(claim)]
    if original != own:
        note = f"near-copy of {claim.copy_of or 'an earlier article'}: counts as {original}"
    elif own != claim.source_key:
        note = f"the publisher's own voice: counts as {own}"
    else:
        return claim
    return claim.model_copy(update={"counted_as": original, "note": note})


def independent_sources(claims: Sequence[Claim], dyad: Dyad, event_type: str) -> list[Source]:
    """The independent sources of counted claims, strongest class first, then by key."""
    groups: dict[str, list[Claim]] = {}
    for c in claims:
        if c.counted_as is not None:
            groups.setdefault(c.counted_as, []).append(c)
    sources = [make_source(key, found, dyad, event_type) for key, found in groups.items()]
    return sorted(sources, key=lambda s: (rank(s.source_class), s.key))


def rank(source_class: SourceClass) -> int:
    return CLASS_RANK.index(source_class) if source_class in CLASS_RANK else len(CLASS_RANK)


def most_common(names: list[str]) -> str:
    """The name used most often (then the longest, then the first alphabetically)."""
    counts = Counter(names)
    return min(counts, key=lambda n: (-counts[n], -len(n), n))


def make_source(key: str, claims: list[Claim], dyad: Dyad, event_type: str) -> Source:
    supporting = [c for c in claims if c.stance == "supports"]
    own = [c for c in claims if c.source_key == key] or claims
    return Source(
        key=key,
        name=most_common([c.source_name for c in own]),
        source_class=min((c.source_class for c in claims), key=rank),
        role=role_of(key, dyad, event_type),
        supports=bool(supporting),
        denies=any(c.stance == "denies" for c in claims),
        certainty=min((c.certainty for c in supporting or claims), key=CERTAINTY_RANK.index),
        anonymous=all(c.anonymous for c in claims),
        claims=len(claims),
        articles=len({c.sha256 for c in claims}),
    )
