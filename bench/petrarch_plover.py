"""armswatch on two peer gold sets of event data: PETRARCH-2's validation sentences and
PLOVER's hand-coded CAMEO manual examples.

    python bench/petrarch_plover.py [--set petrarch|plover|both] [--misses]

Data, read at run time from ``../shared/reference`` (nothing is copied into the repo):

- ``petrarch/PETR2_GSR_validation.xml``: 78 news sentences with CAMEO event codings,
  from openeventdata/UniversalPetrarch (MIT, © Open Event Data Alliance);
- ``plover/PLOVER_GSR_CAMEO.json``: 322 sentences of the CAMEO manual coded in PLOVER,
  from openeventdata/PLOVER (CC BY-SA 4.0, © Open Event Data Alliance).

The shared types are compared: meeting, agreement, condemnation, sanction_imposed,
diplomatic_break, arms_transfer. A gold coding becomes one of them through ``CAMEO_TYPES``
(by code prefix) or ``plover_type``; codings of other kinds (fights, protests, demands …)
are left out, and so are armswatch's events of other types. Two levels are reported:

- **type**: per sentence, the set of shared types the gold codes against the set
  armswatch emits (a type emitted that the gold lacks is a false positive);
- **dyad**: per event, type and actors: for directed types armswatch's source must hold
  the gold source's state and its target the gold target's; for symmetric types the gold
  states must be among the event's parties. Codes that are not states (IGO, NGO …) only
  need the type.

Sanctions and breaks are one family in both coding schemes (CAMEO 16x "reduce relations",
PLOVER SANCTION): either of our two types matches a gold coding of the family.

Our events are read as codings the way CAMEO reads the same words (``coded_type``): a
refused, denied or negated act (our ``certainty: negated`` or ``status: denied``) is a
CAMEO *reject* (12x), not the act, so it codes none of the shared types; a halted arms
transfer (``status: cancelled``) is CAMEO 162 / PLOVER SANCTION "reduce or stop
(military) aid", the relations family; a cancelled meeting or agreement (a called-off
visit) codes none; a suspended tie stays the break it is.

Recall on the rest (an additional figure, printed after the plain scores, which it never
replaces): some gold events follow CAMEO conventions that our spec (ANNOTATION.md,
OUTPUT.md) rejects. A missed gold event is counted as such by the first rule of
``CAMEO_ONLY`` it meets, and the report gives those counts and the recall without them.
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from armswatch.model import SYMMETRIC_TYPES, Article, Event, Mention
from armswatch.pipeline import Analyzer

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
PETRARCH = REFERENCE / "petrarch" / "PETR2_GSR_validation.xml"
PLOVER = REFERENCE / "plover" / "PLOVER_GSR_CAMEO.json"

SHARED_TYPES = (
    "meeting",
    "agreement",
    "condemnation",
    "sanction_imposed",
    "diplomatic_break",
    "arms_transfer",
)
RELATIONS = "sanction_imposed|diplomatic_break"
"""The family of CAMEO 16x / PLOVER SANCTION: either of our types matches."""

CAMEO_TYPES: dict[str, str] = {
    "036": "meeting",  # express intent to meet or negotiate
    "04": "meeting",  # consult: discuss by phone, visit, host, meet, mediate, negotiate
    "057": "agreement",  # sign formal agreement
    "11": "condemnation",  # disapprove, criticise, accuse, complain officially
    "160": RELATIONS,  # reduce relations
    "161": "diplomatic_break",  # reduce or break diplomatic relations
    "162": RELATIONS,  # reduce or stop material aid
    "163": "sanction_imposed",  # impose embargo, boycott or sanctions
    "166": "diplomatic_break",  # expel or withdraw
    "072": "arms_transfer",  # provide military aid
}
"""CAMEO code prefix → shared type (longest prefix wins). 113 (rally opposition), 115
(lawsuit) and 116 (find guilty) are not criticism in OUTPUT.md's sense."""
CAMEO_EXCLUDED = ("113", "115", "116")

# CAMEO / Phoenix country codes that differ from ISO 3166 alpha-3
CAMEO_COUNTRY_FIXES = {"JAP": "JPN", "ITL": "ITA", "ROM": "ROU", "UAE": "ARE", "GMY": "DEU"}
SENTENCE = re.compile(r"<Sentence\b")
CODING = re.compile(r"<EventCoding\b(?P<attrs>[^>]*)>")
TEXT = re.compile(r"<Text>(?P<text>.*?)</Text>", re.S)
ATTRIBUTE = re.compile(r'(\w+)="([^"]*)"')
NOT_STATES = {
    # CAMEO actor codes that name no state: organisations, regions, groups, sectors
    *("IGO", "NGO", "MNC", "UNO", "EUR", "AFR", "ASA", "MEA", "WST", "CVL", "REB"),
    *("IMG", "INS", "SEP", "UIS", "MED", "BUS", "CRM", "OPP", "REF"),
}


def cameo_type(code: str) -> str | None:
    """The shared type of a CAMEO event code, or None."""
    if code.startswith(CAMEO_EXCLUDED):
        return None
    for size in range(len(code), 1, -1):
        if code[:size] in CAMEO_TYPES:
            return CAMEO_TYPES[code[:size]]
    return None


def plover_type(record: dict[str, object]) -> str | None:
    """The shared type of a PLOVER record (event, mode, context), or None."""
    event = record.get("event")
    context = str(record.get("context") or "")
    if event == "CONSULT":
        return "meeting"
    if event == "AGREE":
        return "agreement"
    if event == "DISAPPROVE":
        return "condemnation"
    if event == "SANCTION":
        return RELATIONS
    if event == "AID" and "military" in context:
        return "arms_transfer"
    return None


NON_STATE_SECTORS = {
    # CAMEO / PLOVER sector codes of people who are not the state's organs (OUTPUT.md:
    # `country` is for a state, its government, ministries, forces, officials, leaders)
    *("OPP", "REB", "CVL", "BUS", "MED", "NGO", "EDU", "REF", "HRI", "LAB", "CRM", "SEP"),
    *("INS", "RAD", "UAF", "MUS", "CHR", "JEW", "REL", "PPL", "DIS"),
}


def is_private(code: str | None, sector: str | None = None) -> bool:
    """A CAMEO actor code of a country's non-state sector ('GEOOPP', 'MMROPP', 'PSECVL'),
    or a PLOVER actor whose sector says so."""
    if sector:
        return sector.upper()[:3] in NON_STATE_SECTORS
    if not code or len(code) < 6:
        return False
    parts = {code[i : i + 3].upper() for i in range(3, len(code), 3)}
    return bool(parts & NON_STATE_SECTORS) and "GOV" not in parts and "MIL" not in parts


def state_of(code: str | None) -> str | None:
    """The ISO alpha-3 of a CAMEO actor code ('USAGOV' → USA), None for non-states."""
    if not code or len(code) < 3:
        return None
    head = code[:3].upper()
    if head in NOT_STATES or not head.isalpha():
        return None
    return CAMEO_COUNTRY_FIXES.get(head, head)


@dataclass
class GoldEvent:
    type: str
    sources: set[str]
    targets: set[str]
    private: set[str] = field(default_factory=set)
    """States of gold parties that are a non-state sector of the country (see
    ``NON_STATE_SECTORS``)."""


@dataclass
class Item:
    """One gold sentence with its codings of the shared types."""

    id: str
    text: str
    published: str | None
    events: list[GoldEvent] = field(default_factory=list)


def read_petrarch(path: Path) -> list[Item]:
    """The evaluated sentences of PETRARCH-2's validation file with their codings.

    The file is not well-formed XML (self-closed ``<Sentence/>`` tags later closed
    again), so its records are read with patterns: each ``<Sentence …>`` opens a record
    that holds the ``<EventCoding …/>`` and ``<Text>`` elements up to the next one.
    """
    text = path.read_text(encoding="utf-8")
    items: list[Item] = []
    for chunk in SENTENCE.split(text)[1:]:
        head = attributes(chunk.split(">", 1)[0])
        body = TEXT.search(chunk)
        if head.get("evaluate", "true").lower() != "true" or body is None:
            continue
        day = head.get("date", "")
        published = f"{day[:4]}-{day[4:6]}-{day[6:8]}" if len(day) == 8 else None
        item = Item(head.get("id", ""), re.sub(r"\s+", " ", body["text"]).strip(), published)
        for coding in CODING.finditer(chunk):
            found = attributes(coding["attrs"])
            kind = cameo_type(found.get("eventcode", ""))
            if kind is not None:
                codes = [found.get("sourcecode"), found.get("targetcode")]
                sources = {s for s in [state_of(codes[0])] if s}
                targets = {t for t in [state_of(codes[1])] if t}
                private = {s for c in codes if is_private(c) and (s := state_of(c))}
                item.events.append(GoldEvent(kind, sources, targets, private))
        item.events = distinct(item.events)
        items.append(item)
    return items


def distinct(events: list[GoldEvent]) -> list[GoldEvent]:
    """One gold event per type and actors; A→B and B→A are one symmetric event."""
    seen: dict[tuple[str, frozenset[str], frozenset[str]], GoldEvent] = {}
    for event in events:
        if event.type in SYMMETRIC_TYPES:
            key: tuple[str, frozenset[str], frozenset[str]] = (
                event.type,
                frozenset(event.sources | event.targets),
                frozenset(),
            )
        else:
            key = (event.type, frozenset(event.sources), frozenset(event.targets))
        seen.setdefault(key, event)
    return list(seen.values())


def actor_codes(actors: object) -> list[str]:
    """PLOVER writes actors as a list of {actorText, code} or as a bare string."""
    if isinstance(actors, str):
        return [actors]
    if isinstance(actors, list):
        return [str(a.get("code", "")) if isinstance(a, dict) else str(a) for a in actors]
    return []


def actor_list(actors: object) -> list[dict[str, str]]:
    """PLOVER's actor dicts (a bare string has no sector)."""
    if isinstance(actors, list):
        return [a for a in actors if isinstance(a, dict)]
    return []


def attributes(text: str) -> dict[str, str]:
    return dict(ATTRIBUTE.findall(text))


def read_plover(path: Path) -> list[Item]:
    """PLOVER's gold records (the DOCUMENT record skipped)."""
    items: list[Item] = []
    for record in json.loads(path.read_text(encoding="utf-8")):
        if record.get("event") == "DOCUMENT" or not record.get("text"):
            continue
        item = Item(record["id"], record["text"], None)
        kind = plover_type(record)
        if kind is not None:
            sources = {s for a in actor_codes(record.get("source")) if (s := state_of(a))}
            targets = {t for a in actor_codes(record.get("target")) if (t := state_of(a))}
            private = {
                state
                for role in ("source", "target")
                for actor in actor_list(record.get(role))
                if is_private(actor.get("code"), actor.get("sector") or "-")
                and (state := state_of(actor.get("code")))
            }
            item.events.append(GoldEvent(kind, sources, targets, private))
        items.append(item)
    for item in items:
        item.events = distinct(item.events)
    return items


def same_type(gold: str, ours: str) -> bool:
    return ours == gold or (gold == RELATIONS and ours in RELATIONS.split("|"))


def keys(actors: list[object]) -> set[str]:
    return {getattr(a, "key", "") for a in actors}


def coded_type(event: Event) -> str | None:
    """The type an event of ours codes in CAMEO's reading (see the module docstring)."""
    if event.certainty == "negated" or event.status == "denied":
        return None
    if event.status == "cancelled" and event.type in {"meeting", "agreement"}:
        return None  # a called-off visit, a scrapped deal
    if event.status == "cancelled" and event.type == "arms_transfer":
        return RELATIONS
    return event.type if event.type in SHARED_TYPES else None


def dyad_matches(gold: GoldEvent, event: Event) -> bool:
    """Type and states agree (see the module docstring)."""
    if not same_type(gold.type, coded_type(event) or ""):
        return False
    sources, targets = keys(list(event.source)), keys(list(event.target))
    if event.type in SYMMETRIC_TYPES:
        return (gold.sources | gold.targets) <= (sources | targets)
    if gold.sources and gold.targets and gold.sources == gold.targets:
        return bool(gold.sources & (sources | targets))  # domestic: either side
    return gold.sources <= sources and gold.targets <= targets


@dataclass
class Score:
    tp: int = 0
    fp: int = 0
    fn: int = 0

    def add(self, other: Score) -> None:
        self.tp, self.fp, self.fn = self.tp + other.tp, self.fp + other.fp, self.fn + other.fn

    @property
    def precision(self) -> float:
        return self.tp / (self.tp + self.fp) if self.tp + self.fp else 1.0

    @property
    def recall(self) -> float:
        return self.tp / (self.tp + self.fn) if self.tp + self.fn else 1.0

    def row(self) -> str:
        return (
            f"P {self.precision:.2f}  R {self.recall:.2f}  "
            f"(tp {self.tp}, fp {self.fp}, fn {self.fn})"
        )


def family(kind: str) -> str:
    return RELATIONS if kind in RELATIONS.split("|") else kind


def score_item(
    item: Item, events: list[Event]
) -> tuple[dict[str, Score], dict[str, Score], list[GoldEvent]]:
    """(per-type scores at the type level, per-type scores at the dyad level, the gold
    events missed at the dyad level)."""
    ours = [e for e in events if coded_type(e) is not None]
    by_type: dict[str, Score] = {}
    gold_types = {family(g.type) for g in item.events}
    our_types = {family(coded_type(e) or "") for e in ours}
    for kind in gold_types | our_types:
        by_type[kind] = Score(
            tp=int(kind in gold_types and kind in our_types),
            fp=int(kind in our_types and kind not in gold_types),
            fn=int(kind in gold_types and kind not in our_types),
        )
    by_dyad: dict[str, Score] = {}
    used: set[int] = set()
    missed: list[GoldEvent] = []
    for gold in item.events:
        score = by_dyad.setdefault(family(gold.type), Score())
        match = next(
            (i for i, e in enumerate(ours) if i not in used and dyad_matches(gold, e)), None
        )
        if match is None:
            score.fn += 1
            missed.append(gold)
        else:
            if ours[match].type not in SYMMETRIC_TYPES:  # 'A, B and C met' covers each pair
                used.add(match)
            score.tp += 1
    matched = used | {i for i, e in enumerate(ours) if any(dyad_matches(g, e) for g in item.events)}
    for i, event in enumerate(ours):
        if i in matched:
            continue
        # a second event of a matched type on the same sentence is no error of its own
        kind = coded_type(event) or ""
        if any(same_type(g.type, kind) for g in item.events):
            continue
        by_dyad.setdefault(family(kind), Score()).fp += 1
    return by_type, by_dyad, missed


PLACE = re.compile(r"\b(?:in|at)\s+(?:the\s+)?$", re.I)
VISIT = re.compile(r"\b(?:visit|arriv|trip|tour|travel|host)", re.I)
NAMED_PLACE = re.compile(r"\b(?:in|at)\s+[A-Z][a-z]+")
ATTACK = re.compile(r"\b(?:attack|fired|strike|shell|bomb|killed|shot)", re.I)
CRITICISM = re.compile(
    r"\b(?:accus|condemn|critici|denounc|blam|alleg|censur|complain|protest|evidence|"
    r"charg|decr|slam|rebuk|deplor)",
    re.I,
)


def only_as_place(state: str, text: str, mentions: list[Mention]) -> bool:
    """Every mention of ``state`` follows 'in'/'at' ('meet in Switzerland', 'a summit on
    the unrest in Iran'), and no visit is spoken of; a state the text names only by a
    city the gazetteer lacks counts when the text places something 'in' a named place."""
    if VISIT.search(text):
        return False
    spans = [m for m in mentions if m.type == "actor" and m.id == state]
    if not spans:
        return bool(NAMED_PLACE.search(text))
    return all(PLACE.search(text[: m.start]) for m in spans)


CAMEO_ONLY: dict[str, str] = {
    "reflexive": "source and target are the same state (CAMEO codes a country's own "
    "groups, demonstrators and officials by its code; our actors are states and organs)",
    "non-state party": "a gold party is a non-state sector of a country (CAMEO/PLOVER "
    "sector OPP, REB, CVL, BUS, MED …: OUTPUT.md gives such people no country)",
    "place as party": "a gold party is named only as the place of the event or of its "
    "topic ('meet in Zurich', 'a summit on the unrest in Iran')",
    "attack as accusation": "a criticism coded from a plain report of an attack, with no "
    "word of criticism in the sentence ('X said a mortar bomb was fired at it')",
}
"""Rules that make a missed gold event a CAMEO convention our spec rejects."""


def cameo_only(gold: GoldEvent, text: str, mentions: list[Mention]) -> str | None:
    """The first rule of ``CAMEO_ONLY`` that a missed gold event meets, or None."""
    parties = gold.sources | gold.targets
    if gold.sources and gold.sources == gold.targets:
        return "reflexive"
    if gold.private:
        return "non-state party"
    if any(only_as_place(state, text, mentions) for state in parties):
        return "place as party"
    if gold.type == "condemnation" and ATTACK.search(text) and not CRITICISM.search(text):
        return "attack as accusation"
    return None


def report(name: str, items: list[Item], analyzer: Analyzer, misses: bool) -> None:
    levels: dict[str, dict[str, Score]] = {"type": {}, "dyad": {}}
    counted = Counter(family(g.type) for i in items for g in i.events)
    conventions: Counter[str] = Counter()
    for item in items:
        article = Article(text=item.text, published=item.published, id=item.id)
        analysis = analyzer.analyze(article)
        events = list(analysis.events)
        by_type, by_dyad, missed = score_item(item, events)
        rules = [cameo_only(gold, item.text, list(analysis.mentions)) for gold in missed]
        conventions.update(rule for rule in rules if rule is not None)
        for level, scores in (("type", by_type), ("dyad", by_dyad)):
            for kind, score in scores.items():
                levels[level].setdefault(kind, Score()).add(score)
        if misses and (
            any(s.fn or s.fp for s in by_type.values())
            or any(s.fn or s.fp for s in by_dyad.values())
        ):
            gold = [(g.type, sorted(g.sources), sorted(g.targets)) for g in item.events]
            found = [
                (e.type, sorted(keys(list(e.source))), sorted(keys(list(e.target))))
                + (() if coded_type(e) == e.type else (f"codes {coded_type(e)}",))
                for e in events
                if e.type in SHARED_TYPES
            ]
            why = [
                f"{g.type} {sorted(g.sources | g.targets)}: {r}"
                for g, r in zip(missed, rules, strict=True)
                if r
            ]
            conventions_note = f"\n    CAMEO only: {'; '.join(why)}" if why else ""
            print(
                f"  {item.id}: gold {gold} found {found}\n    {item.text[:200]}{conventions_note}"
            )
    print(f"\n== {name}: {len(items)} sentences, {sum(counted.values())} gold events "
          f"of the shared types {dict(counted)}")  # fmt: skip
    for level, scores in levels.items():
        total = Score()
        for kind in sorted(scores):
            total.add(scores[kind])
            print(f"  {level:5} {kind:35} {scores[kind].row()}")
        print(f"  {level:5} {'ALL':35} {total.row()}")
    dyads = Score()
    for score in levels["dyad"].values():
        dyads.add(score)
    print(f"  additional figure, not the recall above: of the {dyads.fn} dyad misses, "
          f"{sum(conventions.values())} are CAMEO conventions our spec rejects:")  # fmt: skip
    for rule, explanation in CAMEO_ONLY.items():
        print(f"    {conventions[rule]:3}  {rule}: {explanation}")
    rest = Score(tp=dyads.tp, fn=dyads.fn - sum(conventions.values()))
    print(f"  dyad recall on the rest: {rest.recall:.2f} (tp {rest.tp}, fn {rest.fn})")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--set", choices=["petrarch", "plover", "both"], default="both")
    parser.add_argument("--misses", action="store_true", help="print every sentence with an error")
    args = parser.parse_args()
    if not REFERENCE.exists():
        raise SystemExit(f"{REFERENCE}: not found (needs ../shared beside the checkout)")
    analyzer = Analyzer()
    if args.set in {"petrarch", "both"}:
        report("PETRARCH-2 validation", read_petrarch(PETRARCH), analyzer, args.misses)
    if args.set in {"plover", "both"}:
        report("PLOVER GSR (CAMEO manual)", read_plover(PLOVER), analyzer, args.misses)


if __name__ == "__main__":
    main()
