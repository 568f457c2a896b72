"""Which CAMEO verbs of the codes we map our lexicon lacks.

    python bench/lexicon_gaps.py [--type meeting] [--all]

Reads, at run time, the CAMEO verb dictionary of PETRARCH-2
(``../shared/reference/petrarch/dictionaries/CAMEO.2.0.txt``, © 2015 Open Event Data
Alliance, MIT licence) and the CAMEO → PLOVER table of the PLOVER codebook
(``../shared/reference/plover/CAMEO2PLOVER-2021.txt``, Open Event Data Alliance,
CC BY-SA 4.0) for the code descriptions. Nothing of either file is copied into the
repository; this script only compares their verbs with ``kb/data/triggers.yaml``.

For every CAMEO code that ``CODE_TYPES`` maps to one of our event types it prints the
verbs whose default code (the block header) or one of whose patterns gives that code,
split into those our lexicon has as a trigger of that type (by lemma, any part of
speech) and those it lacks. A lacking verb is a candidate, not a decision: keep what
fits OUTPUT.md's type with a frame (see kb/schema.py: Trigger).
"""

from __future__ import annotations

import argparse
import re
from collections import defaultdict
from dataclasses import dataclass, field
from pathlib import Path

from armswatch.kb import load_kb

REPO = Path(__file__).resolve().parents[1]
REFERENCE = REPO.parent / "shared" / "reference"
CAMEO_VERBS = REFERENCE / "petrarch" / "dictionaries" / "CAMEO.2.0.txt"
CAMEO_TO_PLOVER = REFERENCE / "plover" / "CAMEO2PLOVER-2021.txt"

CODE_TYPES: dict[str, str] = {
    # code prefix → our event type (longest prefix wins)
    "036": "meeting",
    "04": "meeting",
    "057": "agreement",
    "054": "diplomatic_recognition",
    "0312": "military_cooperation",
    "062": "military_cooperation",
    "0332": "arms_transfer",
    "072": "arms_transfer",
    "074": "troop_deployment",
    "11": "condemnation",
    "12": "condemnation",
    "160": "sanction_imposed",
    "162": "sanction_imposed",
    "163": "sanction_imposed",
    "161": "diplomatic_break",
    "164": "diplomatic_break",
    "166": "diplomatic_break",
    "152": "military_exercise",
    "154": "troop_deployment",
}
"""CAMEO codes (by prefix) whose verbs are candidates for our types. 11x criticism and
12x rejection both go to condemnation as *candidates* (rejection is usually not one)."""

HEADER = re.compile(r"^---\s+(?P<word>\S+)\s+\[(?P<code>[^\]]*)\]")
PATTERN_CODE = re.compile(r"\[(?P<code>[0-9]{2,4})")
WORD = re.compile(r"^\+?(?P<word>[A-Z][A-Z_'-]*)")


@dataclass
class VerbBlock:
    """One verb block of the CAMEO dictionary: its verbs, default code and pattern codes."""

    head: str
    code: str | None
    verbs: list[str] = field(default_factory=list)
    pattern_codes: dict[str, list[str]] = field(default_factory=dict)


def lemma_of(word: str) -> str:
    """CAMEO writes verbs upper case with '_' between words: 'LASH_OUT' → 'lash out'."""
    return word.strip("_").replace("_", " ").lower()


def read_cameo(path: Path) -> list[VerbBlock]:
    """The verb blocks of a CAMEO verb dictionary (the synonym sets before them skipped)."""
    blocks: list[VerbBlock] = []
    current: VerbBlock | None = None
    for line in path.read_text(encoding="utf-8", errors="replace").splitlines():
        stripped = line.split("#", 1)[0].rstrip()
        header = HEADER.match(line)
        if header:
            code = header["code"].split(":")[0]
            current = VerbBlock(lemma_of(header["word"]), code if code.isdigit() else None)
            blocks.append(current)
            continue
        if current is None or not stripped.strip():
            continue
        if stripped.startswith("-"):
            match = PATTERN_CODE.search(stripped)
            if match:
                pattern = stripped[1 : match.start()].strip()
                current.pattern_codes.setdefault(match["code"], []).append(pattern)
            continue
        word = WORD.match(stripped.strip())
        if word:
            current.verbs.append(lemma_of(word["word"]))
    return blocks


def read_descriptions(path: Path) -> dict[str, str]:
    """CAMEO code → its description in the CAMEO → PLOVER table."""
    out: dict[str, str] = {}
    for line in path.read_text(encoding="utf-8").splitlines():
        code, _, rest = line.partition(":")
        if code.strip().isdigit() and "#" in rest:
            out[code.strip()] = rest.split("#", 1)[1].strip()
    return out


def our_type(code: str) -> str | None:
    """Our event type for a CAMEO code, by the longest matching prefix of CODE_TYPES."""
    for size in range(len(code), 1, -1):
        if code[:size] in CODE_TYPES:
            return CODE_TYPES[code[:size]]
    return None


@dataclass
class Candidates:
    """The CAMEO evidence for one code: verbs coded with it by default, and patterns
    ('verb + object') of other verbs that give it."""

    verbs: set[str] = field(default_factory=set)
    patterns: dict[str, set[str]] = field(default_factory=lambda: defaultdict(set))


def candidates(blocks: list[VerbBlock]) -> dict[str, dict[str, Candidates]]:
    """type → CAMEO code → its candidates."""
    found: dict[str, dict[str, Candidates]] = defaultdict(lambda: defaultdict(Candidates))
    for block in blocks:
        kind = our_type(block.code) if block.code else None
        if kind is not None and block.code is not None:
            found[kind][block.code].verbs.update(block.verbs)
        for code, patterns in block.pattern_codes.items():
            kind = our_type(code)
            if kind is not None and code != block.code:
                found[kind][code].patterns[block.head].update(p.lower() for p in patterns)
    return found


def our_lemmas() -> dict[str, set[str]]:
    """type → trigger lemmas of kb/data/triggers.yaml (particle verbs as 'pick up')."""
    lemmas: dict[str, set[str]] = defaultdict(set)
    for trigger in load_kb().triggers.triggers:
        lemma = f"{trigger.lemma} {trigger.particle}" if trigger.particle else trigger.lemma
        lemmas[trigger.type].add(lemma)
    return lemmas


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--type", help="only this event type")
    parser.add_argument("--all", action="store_true", help="list the verbs we have too")
    args = parser.parse_args()
    if not CAMEO_VERBS.exists():
        raise SystemExit(f"{CAMEO_VERBS}: not found (needs ../shared beside the checkout)")
    descriptions = read_descriptions(CAMEO_TO_PLOVER) if CAMEO_TO_PLOVER.exists() else {}
    found = candidates(read_cameo(CAMEO_VERBS))
    ours = our_lemmas()
    for kind in sorted(found):
        if args.type and kind != args.type:
            continue
        total = {v for c in found[kind].values() for v in c.verbs}
        have_all = total & ours[kind]
        print(f"\n== {kind}: {len(have_all)}/{len(total)} CAMEO verbs coded so by default")
        for code in sorted(found[kind]):
            cand = found[kind][code]
            have = sorted(cand.verbs & ours[kind])
            lack = sorted(cand.verbs - ours[kind])
            print(f"  {code} {descriptions.get(code, '')}: {len(have)}/{len(cand.verbs)} verbs")
            if args.all and have:
                print(f"      have: {', '.join(have)}")
            if lack:
                print(f"      lack: {', '.join(lack)}")
            missing = {h: p for h, p in cand.patterns.items() if h not in ours[kind]}
            if missing:
                shown = "; ".join(
                    f"{head} [{' | '.join(sorted(p)[:4])}]" for head, p in sorted(missing.items())
                )
                print(f"      patterns of verbs we lack for this type: {shown}")


if __name__ == "__main__":
    main()
