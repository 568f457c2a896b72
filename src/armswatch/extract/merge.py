"""Document-level events: sentence frames of the same (type, source, target) merge.

Follows spec/ANNOTATION.md: one event per (type, source, target) per article; items are
the union of the specific categories (generic ones drop out when a specific one is
named); status is the furthest stage reported (a denial when the first, main statement
is one); certainty and attribution come from the first (headline or lead) statement.
Each evidence entry keeps its own sentence and trigger, so the separate reports stay
visible.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import replace

from spacy.tokens import Token

from armswatch.extract.cues import to_actor
from armswatch.extract.event_time import ARTICLE_DATE
from armswatch.extract.frames import Frame
from armswatch.extract.headline import headline_of
from armswatch.extract.quantity import QuantityReader
from armswatch.extract.syntax import conjuncts
from armswatch.ledger.fingerprint import EXTRACTOR
from armswatch.model import (
    GENERIC_CATEGORY,
    SYMMETRIC_TYPES,
    Actor,
    Attribution,
    Event,
    Evidence,
    Item,
    Span,
    Time,
)
from armswatch.nlp.mentions import ActorMention

STAGES = ["unknown", "cancelled", "planned", "negotiating", "agreed", "ongoing", "delivered"]
GroupKey = tuple[str, tuple[str, ...], tuple[str, ...]]


def group_key(frame: Frame) -> GroupKey:
    sources = tuple(sorted({a.key for a in frame.sources}))
    targets = tuple(sorted({a.key for a in frame.targets}))
    if frame.spec.type in SYMMETRIC_TYPES:
        parties = tuple(sorted(set(sources) | set(targets)))
        return frame.spec.type, parties, ()
    return frame.spec.type, sources, targets


def merge_frames(
    frames: list[Frame],
    doc_id: str,
    quantities: QuantityReader,
    fallback_attribution: list[Attribution],
    voices: Sequence[Attribution] = (),
) -> list[Event]:
    groups: dict[GroupKey, list[Frame]] = {}
    frames = oriented(frames)
    for frame in (pair for told in frames for pair in pairwise(told)):
        if frame_is_reflexive(frame):
            continue
        groups.setdefault(group_key(frame), []).append(frame)
    parts = [part for group in groups.values() for part in split_asides(group)]
    return [
        make_event(f"{doc_id}:e{n}", part, quantities, fallback_attribution, voices)
        for n, part in enumerate(parts)
    ]


def oriented(frames: list[Frame]) -> list[Frame]:
    """A two-way transfer noun ('Seoul seals a howitzer deal *with* Cairo') takes the
    direction of a transfer the article states between the same two ('South Korea has
    agreed to sell howitzers to Egypt'), instead of reading its holder as the buyer."""
    stated = {
        (frozenset(a.key for a in f.sources), frozenset(a.key for a in f.targets))
        for f in frames
        if f.spec.type == "arms_transfer" and not f.spec.two_way
    }
    turned = []
    for frame in frames:
        sources = frozenset(a.key for a in frame.sources)
        targets = frozenset(a.key for a in frame.targets)
        reverse = (targets, sources) in stated and (sources, targets) not in stated
        if frame.spec.two_way and reverse:
            frame = replace(frame, sources=frame.targets, targets=frame.sources)
        turned.append(frame)
    return turned


def pairwise(frame: Frame) -> list[Frame]:
    """A symmetric act of three or more parties ('Mexico, Angola and South Africa held
    talks') is one event per pair of them, as GOLD.md scores symmetric types."""
    parties = list({a.key: a for a in frame.sources + frame.targets}.values())
    if frame.spec.type not in SYMMETRIC_TYPES or len(parties) <= 2:
        return [frame]
    return [
        replace(frame, sources=[first], targets=[second])
        for n, first in enumerate(parties)
        for second in parties[n + 1 :]
        if not same_listed_group(first, second) and not separate_destinations(frame, first, second)
    ]


def separate_destinations(frame: Frame, first: ActorMention, second: ActorMention) -> bool:
    """Two states a visitor goes to ('Chile's president will visit Peru and Bolivia') are
    each met by the visitor, not by each other: both are in the object coordination of
    a trigger whose objects are places gone to one after another (``separate_objects``
    in triggers.yaml: visit, tour)."""
    verb = frame.trigger
    if verb.pos_ != "VERB" or not frame.spec.separate_objects:
        return False
    objects = [o for c in verb.children if c.dep_ == "dobj" for o in conjuncts(c)]
    places = {o.i for o in objects}
    return first.span.root.i in places and second.span.root.i in places


def same_listed_group(first: ActorMention, second: ActorMention) -> bool:
    """Members of a group spelled out in an apposition ('Iran and six world powers --
    China, Russia, …') act together as one side: no event between two of them."""
    group = listing_apposition(first)
    return group is not None and group == listing_apposition(second)


def listing_apposition(mention: ActorMention) -> int | None:
    """The token index of the apposition that lists this actor, if any."""
    token = mention.span.root
    for _ in range(6):
        if token.dep_ == "appos":  # listed under a description, not beside another name
            described = token.head
            return None if described.ent_type_ in {"GPE", "NORP", "ORG"} else token.i
        if token.dep_ != "conj" or token.head.i == token.i:
            return None
        token = token.head
    return None


def split_asides(frames: list[Frame]) -> list[list[Frame]]:
    """Keep hedged or less advanced reports from widening a stated transfer.

    'Iran delivered Shahed-136 drones to Russia' + 'Russia may also try to buy Iranian
    missiles': the missiles are a possible plan, not part of the asserted delivery. A
    report is an aside when its certainty is weaker than the main statement's, or it is
    a plan (planned, negotiating) while the main statement reports a transfer under way or
    done, *and* it names item kinds the other reports do not. Asides become a second
    event of the same pair with their own status and certainty; asides that only repeat
    the main items stay in the main event as further evidence.
    """
    if len(frames) < 2 or frames[0].spec.type != "arms_transfer":
        return [frames]
    main = main_frame(frames)
    asides = [f for f in frames if f is not main and is_aside(f, main)]
    core = [f for f in frames if not any(f is a for a in asides)]
    core_kinds = {i.weapon.category for f in core for i in f.items}
    widening = [  # a generic 'weapons' adds no kind (ANNOTATION.md: generic items drop out)
        f for f in asides if {i.weapon.category for i in f.items} - core_kinds - {GENERIC_CATEGORY}
    ]
    if not widening:
        return [frames]
    return [[f for f in frames if not any(f is w for w in widening)], widening]


CERTAINTY_RANK = {"asserted": 3, "probable": 2, "possible": 1, "negated": 0}
PLANS = {"planned", "negotiating"}
UNDER_WAY = {"ongoing", "delivered"}
ADVANCED = {"agreed", "ongoing", "delivered"}  # stages past planning


def is_aside(frame: Frame, main: Frame) -> bool:
    weaker = CERTAINTY_RANK.get(frame.certainty, 3) < CERTAINTY_RANK.get(main.certainty, 3)
    return weaker or (frame.status in PLANS and main.status in UNDER_WAY)


def frame_is_reflexive(frame: Frame) -> bool:
    """'Russia used Russian missiles' is no transfer."""
    return {a.key for a in frame.sources} == {a.key for a in frame.targets}


def make_event(
    event_id: str,
    frames: list[Frame],
    quantities: QuantityReader,
    fallback_attribution: list[Attribution],
    voices: Sequence[Attribution] = (),
) -> Event:
    main = main_frame(frames)
    attribution = merged_attribution([main, *frames])
    if not any(a.source for a in attribution) and main.spec.type == "arms_transfer":
        parties = {a.key for a in main.sources + main.targets}
        spoken = [v for v in voices if v.source and (v.source.country or v.source.id) in parties]
        attribution = [*attribution, *spoken[:1]]
    if not any(a.source for a in attribution):
        attribution = [*attribution, *fallback_attribution]
    return Event(
        id=event_id,
        type=main.spec.type,
        subtype=next((f.spec.subtype for f in frames if f.spec.subtype), None),
        source=actors(frames[0].sources),
        target=actors(frames[0].targets),
        items=merged_items(frames, quantities),
        status=merged_status(frames),
        time=event_time(frames, main),
        certainty=main.certainty,
        attribution=attribution,
        evidence=evidence(frames),
        confidence=min(0.95, max(f.confidence for f in frames) + 0.05 * (len(frames) - 1)),
        extractor=EXTRACTOR,
    )


def actors(mentions: list[ActorMention]) -> list[Actor]:
    seen: set[str] = set()
    result = []
    for mention in mentions:
        if mention.actor.id not in seen:
            seen.add(mention.actor.id)
            result.append(to_actor(mention))
    return result


def main_frame(frames: list[Frame]) -> Frame:
    """The statement the event's certainty comes from: a leading denial, else the
    first report of the furthest stage."""
    if denial_decides(frames):
        return frames[0]
    furthest = merged_status(frames)
    return next((f for f in frames if f.status == furthest), frames[0])


def event_time(frames: list[Frame], main: Frame) -> Time | None:
    """The latest stated time of the furthest stage ('unveiled on July 29 … announced on
    August 9' → August 9), else the first stated time of any report; a time taken from
    the article's date only when the text states none."""
    stated = [f for f in frames if f.time and f.time.start and f.time.text != ARTICLE_DATE]
    if not stated:
        return next((f.time for f in frames if f.time and f.time.start), main.time)
    staged = [f.time for f in stated if f.status == main.status and f.time]
    first = stated[0].time
    if staged and first is not None and all(is_background(t, first) for t in staged):
        return first  # 'signed on Friday …; it bought French arms between 2011 and 2020'
    if staged:
        return max(staged, key=lambda t: t.start or "")
    dated = stated
    if main.status not in PLANS:  # a plan's date ('will begin in 2027') is not a deal's
        dated = [f for f in dated if f.status not in PLANS]
    # nor is the day of a halt or a denial the time of deliveries made before it
    dated = [f for f in dated if f.status not in {"cancelled", "denied"}]
    return dated[0].time if dated else main.time


def is_background(time: Time, lead: Time) -> bool:
    """A stage told as background: it ended before the first dated report began."""
    return bool(time.end and lead.start and time.end < lead.start)


def merged_attribution(frames: list[Frame]) -> list[Attribution]:
    """Every named source that reports the fact, the main statement's first."""
    seen: set[tuple[str | None, bool, str | None]] = set()
    result = []
    for frame in frames:
        for attribution in frame.attribution:
            key = (attribution.source.id if attribution.source else None, attribution.anonymous,
                   attribution.via)  # fmt: skip
            if key not in seen:
                seen.add(key)
                result.append(attribution)
    named = [a for a in result if a.source is not None]
    return named or result[:1]


def merged_status(frames: list[Frame]) -> str:
    """The furthest stage, except that a leading denial decides, and so does a leading
    halt when no report of the pair says a transfer is under way or done
    (ANNOTATION.md, "Refusals, halts and resumptions")."""
    if denial_decides(frames):
        return "denied"
    if frames[0].status == "cancelled" and not any(f.status in UNDER_WAY for f in frames):
        return "cancelled"
    statuses = [f.status for f in frames if f.status in STAGES]
    if not statuses:
        return frames[0].status
    return max(statuses, key=STAGES.index)


def denial_decides(frames: list[Frame]) -> bool:
    """Whether the first report, a denial, decides the event: it is the article's main
    statement (headline or lead), or no other report asserts a stage past planning. 'The
    UAE has denied supplying the group' in the fifth sentence, then 'Amnesty said the
    UAE re-exported the guns to the group': the assertion stands against the party's
    denial (ANNOTATION.md: the main statement's status; a denial only when it is one)."""
    first = frames[0]
    if first.status != "denied":
        return False
    if in_opening(first.trigger):
        return True
    return not any(f.status in ADVANCED and f.certainty == "asserted" for f in frames[1:])


def in_opening(trigger: Token) -> bool:
    """The trigger is in the headline or the lead: the headline's line (however many
    sentences the parser made of it) or one of the first two sentences after it."""
    sentences = [s for s in trigger.doc.sents if s.text.strip()]
    headline = headline_of(trigger.doc)
    body = [s for s in sentences if headline is None or s.start >= headline.end]
    if headline is not None and trigger.i < headline.end:
        return True
    return trigger.sent.start in {s.start for s in body[:2]}


def merged_items(frames: list[Frame], quantities: QuantityReader) -> list[Item]:
    items: dict[tuple[str, str | None], Item] = {}
    for frame in frames:
        for mention in frame.items:
            key = (mention.weapon.category, mention.weapon.system)
            if key in items:
                continue
            items[key] = Item(
                text=mention.span.text,
                category=mention.weapon.category,
                system=mention.weapon.system,
                quantity=quantities.read(mention.span),
                start=mention.span.start_char,
                end=mention.span.end_char,
            )
    named = {i.category for i in items.values() if i.system}
    specific = [
        i
        for i in items.values()
        if i.category != GENERIC_CATEGORY and (i.system or i.category not in named)
    ]
    return specific or list(items.values())


def evidence(frames: list[Frame]) -> list[Evidence]:
    seen: set[int] = set()
    result = []
    for frame in frames:
        sent, trigger = frame.trigger.sent, frame.trigger
        key = sent.start_char  # one evidence entry per sentence
        if key in seen:
            continue
        seen.add(key)
        raw = sent.text
        text = raw.strip()
        start = sent.start_char + (len(raw) - len(raw.lstrip()))
        result.append(
            Evidence(
                text=text,
                start=start,
                end=start + len(text),
                trigger=Span(text=trigger.text, start=trigger.idx, end=trigger.idx + len(trigger)),
            )
        )
    return result
