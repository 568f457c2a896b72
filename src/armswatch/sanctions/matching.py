"""Whether one rule entry reaches one event, and when.

Each predicate is a small named function; ``match_rule`` combines them into a
``Match``: the actor pairs the rule reaches, the event's item categories it covers,
and the windows of days during which it applied to those parties (the rule's
``in_force`` periods intersected with the parties' group memberships and the
government's treatment). Days on which the rule applies only if something the text
does not settle holds (the recipient is in Darfur, is a listed person) are
``conditional`` windows with the condition in words; the engine reports them with
``in_force: null``.
"""

from __future__ import annotations

from dataclasses import dataclass, field

from armswatch.model import CATEGORIES, GENERIC_CATEGORY, Actor, Event
from armswatch.sanctions.items import everyone_days, government_days
from armswatch.sanctions.regions import Place, load_regions
from armswatch.sanctions.rulebook import Rulebook, rule_windows
from armswatch.sanctions.schema import ALL_ITEMS, GovernmentMode, Rule
from armswatch.sanctions.windows import ALWAYS, Window, describe, intersect_all, merge

NOT_REPORTABLE_STATUSES = frozenset({"denied", "cancelled"})
SUPPLY = frozenset({"supply_to", "supply_from", "supply_both"})
REACHES_TARGET_SIDE = frozenset({"supply_to", "supply_both", "services_both"})
REACHES_SOURCE_SIDE = frozenset({"supply_from", "supply_both", "services_both", "workers"})
GOVERNMENT_KINDS = frozenset(
    {"state", "government", "military", "intelligence", "leader", "official"}
)
"""Actor kinds that are a state's government: the state, its organs, forces, officials."""
TARGETED_MODES: frozenset[GovernmentMode] = frozenset({"none", "approval"})
Noted = tuple[Window, str]


@dataclass(frozen=True)
class Reach:
    """The days a rule reaches one party: for certain, only under a condition, and notes
    to add to the explanation (each with the days it concerns)."""

    firm: list[Window] = field(default_factory=list)
    conditional: list[Noted] = field(default_factory=list)
    notes: list[Noted] = field(default_factory=list)

    def __bool__(self) -> bool:
        return bool(self.firm or self.conditional)


NO_REACH = Reach()


@dataclass(frozen=True)
class Match:
    """A rule entry that reaches an event: who, which items, and on which days."""

    rule: Rule
    pairs: tuple[tuple[str, str], ...]
    items: tuple[str, ...]
    windows: tuple[Window, ...]
    conditional: tuple[Noted, ...] = ()
    notes: tuple[Noted, ...] = ()


def event_reportable(event: Event) -> bool:
    """Denied or cancelled events, and negated statements, give no finding."""
    return event.status not in NOT_REPORTABLE_STATUSES and event.certainty != "negated"


def event_type_covered(rule: Rule, event: Event) -> bool:
    """The rule names the event's type (and its subtype, when the rule lists subtypes)."""
    if event.type not in rule.event_types:
        return False
    return rule.subtypes is None or event.subtype in rule.subtypes


def event_categories(event: Event) -> tuple[str, ...]:
    """The event's item categories; a transfer naming no item is ``military_equipment``."""
    found = tuple(dict.fromkeys(item.category for item in event.items))
    return found or (GENERIC_CATEGORY,)


def covered_items(rule: Rule, event: Event) -> tuple[str, ...]:
    """The event's categories that the rule covers (all of them for ``items: [all]``)."""
    if rule.direction not in SUPPLY:
        return ()
    scope = CATEGORIES if ALL_ITEMS in rule.items else rule.items
    return tuple(c for c in event_categories(event) if c in scope)


def actor_key(actor: Actor) -> str:
    """Evaluation key: ``country`` where set, else ``id``."""
    return actor.country or actor.id


def actor_keys(actors: list[Actor]) -> list[str]:
    """Evaluation keys of several actors, without repeats."""
    return list(dict.fromkeys(actor_key(actor) for actor in actors))


def distinct(actors: list[Actor]) -> list[Actor]:
    """One actor per evaluation key (the first), in order."""
    first: dict[str, Actor] = {}
    for actor in actors:
        first.setdefault(actor_key(actor), actor)
    return list(first.values())


def party_role(rule: Rule, book: Rulebook, actor: Actor) -> tuple[str, list[Window]] | None:
    """How ``actor`` relates to the rule's target, and on which days.

    ``group``: one of the rule's ``groups`` slugs (Houthis, RSF …); ``government``: the
    target state or one of its organs, forces or officials; ``non_government``: another
    actor of the target state (a company, an armed group keyed to it). None otherwise.

    >>> # Houthis under un.yemen.arms → ("group", [always]); Yemen's army → ("government", …)
    """
    if actor.id in rule.groups or actor_key(actor) in rule.groups:
        return "group", [ALWAYS]
    if actor.country is None:
        return None
    windows = book.party_windows(rule.target, actor.country)
    if not windows:
        return None
    return ("government" if actor.kind in GOVERNMENT_KINDS else "non_government"), windows


def government_treatment(rule: Rule) -> tuple[list[Window], list[Noted]]:
    """Days on which the target's government is targeted, and notes for approval periods.

    Days no slice covers count as ``none`` (targeted) for ``state`` and ``region`` rules
    and as ``exempt`` for the others. ``approval`` days are targeted (a finding unless an
    approval is reported); ``notification`` and ``exempt`` days are not.
    """
    default_targeted = rule.target_kind in ("state", "region")
    slices = [(Window(s.start, s.end), s) for s in rule.government]
    targeted = [w for w, s in slices if s.mode in TARGETED_MODES]
    if default_targeted:
        targeted += complement(merge(w for w, _ in slices))
    notes = [
        (
            w,
            f"Supplies to the government needed the committee's prior approval "
            f"({s.instrument}, {describe(w)}): a finding unless an approval is reported.",
        )
        for w, s in slices
        if s.mode == "approval"
    ]
    return merge(targeted), notes


def complement(windows: list[Window]) -> list[Window]:
    """The days (from date.min on) that none of the merged, sorted ``windows`` cover."""
    gaps: list[Window] = []
    cursor = ALWAYS.start
    for window in windows:
        if window.start > cursor:
            gaps.append(Window(cursor, window.start))
        if window.end is None:
            return gaps
        cursor = max(cursor, window.end)
    gaps.append(Window(cursor))
    return gaps


def territory(rule: Rule, places: list[Place]) -> tuple[str, str]:
    """Whether the text places the recipient inside the rule's region: ``inside``,
    ``outside`` or ``unknown``, with the words to explain it.

    Places named in the event's evidence sentences decide; otherwise places named
    elsewhere in the article: one inside the region decides ``inside``, only places
    outside it leave the question ``unknown`` (the article may be about elsewhere).
    """
    assert rule.region is not None
    regions = load_regions()
    region_name = regions.name(rule.region)
    country = regions.country(rule.region)
    relevant = [p for p in places if regions.country(p.region) == country]
    inside = [p for p in relevant if regions.inside(p.region, rule.region)]
    if inside:
        where = "the event's evidence" if inside[0].scope == "evidence" else "the article"
        return "inside", f"{where} places it in {region_name} ({inside[0].text})"
    evidence_outside = [p for p in relevant if p.scope == "evidence"]
    if evidence_outside:
        return "outside", f"the event's evidence places it in {evidence_outside[0].text}"
    return "unknown", (
        f"The text does not say whether the recipient is in {region_name}; the embargo "
        f"applies only there, so whether it applies cannot be decided from the text."
    )


def sanctioned_reach(
    rule: Rule,
    book: Rulebook,
    actor: Actor,
    counterparty: str,
    places: list[Place],
    side: str,
    category: str | None = None,
) -> Reach:
    """The days ``rule`` reaches ``actor`` on the sanctioned side (``side``: recipient or
    supplier) with ``counterparty`` (a key) on the other; for a recipient and one item
    ``category``, after the rule's item exceptions (``items.py``)."""
    reach = party_reach(rule, book, actor, counterparty, places, side, category)
    if category is None or side != "recipient" or not rule.item_exceptions:
        return reach
    firm, conditional, notes = everyone_days(rule, category, reach.firm, reach.conditional)
    return Reach(firm=firm, conditional=conditional, notes=[*reach.notes, *notes])


def party_reach(
    rule: Rule,
    book: Rulebook,
    actor: Actor,
    counterparty: str,
    places: list[Place],
    side: str,
    category: str | None,
) -> Reach:
    """``sanctioned_reach`` before the item exceptions for everyone."""
    role = party_role(rule, book, actor)
    if role is None:
        return NO_REACH
    kind, member_days = role
    base = intersect_all(rule_windows(rule), book.party_windows(rule.bound, counterparty))
    base = intersect_all(base, member_days)
    if not base:
        return NO_REACH
    notes: list[Noted] = []
    if rule.target_kind == "group" and kind != "group":
        return NO_REACH
    if rule.target_kind == "listed_only":
        if kind != "group":
            return NO_REACH
        condition = (
            f"The embargo applies only to persons and entities designated by the sanctions "
            f"committee; whether this {names_of(actor)} recipient is listed is not checked."
        )
        return Reach(conditional=[(w, condition) for w in base])
    extra: list[Noted] = []
    if kind == "government" and side == "recipient":
        targeted, approval = government_treatment(rule)
        if category is not None and rule.item_exceptions:
            targeted, by_item, caveats = government_days(rule, category, targeted)
            extra = [(w, text) for day, text in by_item for w in intersect_all(base, [day])]
            notes += caveats
        base = intersect_all(base, targeted)
        notes += approval
        if not base and not extra:
            return NO_REACH
    if rule.region is not None and side == "recipient":
        where, words = territory(rule, places)
        if where == "outside":
            return NO_REACH
        if where == "unknown":
            return Reach(conditional=[(w, words) for w in base] + extra, notes=notes)
        notes.append((ALWAYS, words[:1].upper() + words[1:] + "."))
    return Reach(firm=base, conditional=extra, notes=notes)


def names_of(actor: Actor) -> str:
    return actor.name or actor.id


def pair_reach(
    rule: Rule,
    book: Rulebook,
    source: Actor,
    target: Actor,
    places: list[Place],
    category: str | None = None,
) -> Reach:
    """Days on which the rule reached ``source`` → ``target`` (empty if never), for one
    item ``category`` when the rule treats items apart."""
    parts: list[Reach] = []
    if rule.direction in REACHES_TARGET_SIDE:
        parts.append(
            sanctioned_reach(rule, book, target, actor_key(source), places, "recipient", category)
        )
    if rule.direction in REACHES_SOURCE_SIDE:
        parts.append(sanctioned_reach(rule, book, source, actor_key(target), places, "supplier"))
    return Reach(
        firm=[w for p in parts for w in p.firm],
        conditional=[c for p in parts for c in p.conditional],
        notes=[n for p in parts for n in p.notes],
    )


def match_rule(
    rule: Rule, event: Event, book: Rulebook, places: list[Place] | None = None
) -> Match | None:
    """The Match of ``rule`` on ``event``, or None when the rule never reaches it.

    places (list[Place] | None): the places the event's evidence (or article) names.
    """
    if not event_type_covered(rule, event):
        return None
    items = covered_items(rule, event)
    if rule.direction in SUPPLY and not items:
        return None
    pairs: list[tuple[str, str]] = []
    reached: list[str] = []
    firm: list[Window] = []
    conditional: list[Noted] = []
    notes: list[Noted] = []
    by_item: tuple[str | None, ...] = items if rule.item_exceptions else (None,)
    for source in distinct(event.source):
        for target in distinct(event.target):
            if actor_key(source) == actor_key(target):
                continue
            for category in by_item:
                reach = pair_reach(rule, book, source, target, places or [], category)
                if not reach:
                    continue
                if (actor_key(source), actor_key(target)) not in pairs:
                    pairs.append((actor_key(source), actor_key(target)))
                reached += [category] if category is not None else list(items)
                firm += reach.firm
                conditional += [c for c in reach.conditional if c not in conditional]
                notes += [n for n in reach.notes if n not in notes]
    if not pairs:
        return None
    covered = tuple(c for c in items if c in reached)
    return Match(rule, tuple(pairs), covered, tuple(firm), tuple(conditional), tuple(notes))
