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
"""

from __future__ import annotations

import argparse
import json
import re
from collections import Counter
from dataclasses import dataclass, field
from pathlib import Path

from armswatch.model import SYMMETRIC_TYPES, Article, Event
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
                sources = {s for s in [state_of(found.get("sourcecode"))] if s}
                targets = {t for t in [state_of(found.get("targetcode"))] if t}
                item.events.append(GoldEvent(kind, sources, targets))
        item.events = distinct(item.events)
        items.append(item)
    return items


def distinct(events: list[GoldEvent]) -> list[GoldEvent]:
    """One gold event per type and actors; A→B and B→A are one symmetric event."""
    seen: dict[tuple[str, frozenset[str], frozenset[str]], GoldEvent] = {}
    for event in events:
        if event.type in SYMMETRIC_TYPES:
            key = (event.type, frozenset(event.sources | event.targets), frozenset())
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
            item.events.append(GoldEvent(kind, sources, targets))
        items.append(item)
    for item in items:
        item.events = distinct(item.events)
    return items


def same_type(gold: str, ours: str) -> bool:
    return ours == gold or (gold == RELATIONS and ours in RELATIONS.split("|"))


def keys(actors: list[object]) -> set[str]:
    return {getattr(a, "key", "") for a in actors}


def dyad_matches(gold: GoldEvent, event: Event) -> bool:
    """Type and states agree (see the module docstring)."""
    if not same_type(gold.type, event.type):
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


def score_item(item: Item, events: list[Event]) -> tuple[dict[str, Score], dict[str, Score]]:
    """(per-type scores at the type level, per-type scores at the dyad level)."""
    ours = [e for e in events if e.type in SHARED_TYPES]
    by_type: dict[str, Score] = {}
    gold_types = {family(g.type) for g in item.events}
    our_types = {family(e.type) for e in ours}
    for kind in gold_types | our_types:
        by_type[kind] = Score(
            tp=int(kind in gold_types and kind in our_types),
            fp=int(kind in our_types and kind not in gold_types),
            fn=int(kind in gold_types and kind not in our_types),
        )
    by_dyad: dict[str, Score] = {}
    used: set[int] = set()
    for gold in item.events:
        score = by_dyad.setdefault(family(gold.type), Score())
        match = next(
            (i for i, e in enumerate(ours) if i not in used and dyad_matches(gold, e)), None
        )
        if match is None:
            score.fn += 1
        else:
            if ours[match].type not in SYMMETRIC_TYPES:  # 'A, B and C met' covers each pair
                used.add(match)
            score.tp += 1
    matched = used | {i for i, e in enumerate(ours) if any(dyad_matches(g, e) for g in item.events)}
    for i, event in enumerate(ours):
        if i in matched:
            continue
        # a second event of a matched type on the same sentence is no error of its own
        if any(same_type(g.type, event.type) for g in item.events):
            continue
        by_dyad.setdefault(family(event.type), Score()).fp += 1
    return by_type, by_dyad


def report(name: str, items: list[Item], analyzer: Analyzer, misses: bool) -> None:
    levels: dict[str, dict[str, Score]] = {"type": {}, "dyad": {}}
    counted = Counter(family(g.type) for i in items for g in i.events)
    for item in items:
        article = Article(text=item.text, published=item.published, id=item.id)
        events = list(analyzer.analyze(article).events)
        by_type, by_dyad = score_item(item, events)
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
                for e in events
                if e.type in SHARED_TYPES
            ]
            print(f"  {item.id}: gold {gold} found {found}\n    {item.text[:200]}")
    print(f"\n== {name}: {len(items)} sentences, {sum(counted.values())} gold events "
          f"of the shared types {dict(counted)}")  # fmt: skip
    for level, scores in levels.items():
        total = Score()
        for kind in sorted(scores):
            total.add(scores[kind])
            print(f"  {level:5} {kind:35} {scores[kind].row()}")
        print(f"  {level:5} {'ALL':35} {total.row()}")


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
