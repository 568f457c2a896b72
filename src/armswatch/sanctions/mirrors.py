"""EU copies of UN embargoes (``mirrors:`` in rules.yaml) turned into rule entries.

The EU implements every UN arms embargo by a Council decision (EMBARGOES.md B.11), but
for most of them the sources seen give neither the decision nor its dates. A mirror
names the UN rule it copies and what is known of the EU act; ``expand_mirror`` makes one
entry per entry of the UN rule, with its scope and periods (cut to the EU's own dates
when known), bound on EU member states, and every start or end flagged UNCONFIRMED where
it is the UN's.
"""

from __future__ import annotations

import datetime as dt

from armswatch.sanctions.checks import Problem
from armswatch.sanctions.schema import InForce, Mirror, Rule

EU_BOUND = "eu_bound"
UN_START = "the EU start is not in the sources: the UN start is used"
UN_END = "the EU end is not in the sources: the UN end is used"


def expand_mirror(mirror: Mirror, rules: list[Rule]) -> tuple[list[Rule], list[Problem]]:
    """The entries of ``mirror`` and its problems (``(field, problem)`` pairs): an unknown
    or non-UN ``of``, ``until`` not after ``since``, an ``until`` without its reason, or
    EU dates that leave none of the UN periods."""
    copied = [rule for rule in rules if rule.id == mirror.of]
    if not mirror.of.startswith("un.") or not copied:
        known = ", ".join(dict.fromkeys(r.id for r in rules if r.id.startswith("un.")))
        return [], [("of", f"unknown UN rule {mirror.of!r} (known: {known})")]
    problems: list[Problem] = []
    if mirror.since and mirror.until and mirror.until <= mirror.since:
        problems.append(("until", f"until {mirror.until} is not after since {mirror.since}"))
    if mirror.until and not mirror.until_reason:
        problems.append(("until_reason", "required when until is set"))
    if problems:
        return [], problems
    entries = [entry for rule in copied if (entry := mirrored(mirror, rule)) is not None]
    if not entries:
        problems.append(("since", f"no period of {mirror.of} falls between since and until"))
    return entries, problems


def mirrored(mirror: Mirror, rule: Rule) -> Rule | None:
    """The EU copy of one UN entry, or None when the EU dates leave none of its periods."""
    periods = [p for period in rule.in_force if (p := cut(period, mirror)) is not None]
    if not periods:
        return None
    return rule.model_copy(
        update={
            "id": mirror.id,
            "regime": mirror.regime,
            "instrument": f"{mirror.instrument}, implementing {rule.instrument}",
            "bound": EU_BOUND,
            "aliases": [],
            "in_force": periods,
            "unconfirmed": [*mirror.unconfirmed, *rule.unconfirmed],
            "note": " ".join(x for x in (mirror.note, f"Copies {rule.id}.") if x),
            "source": mirror.source or rule.source,
        }
    )


def cut(period: InForce, mirror: Mirror) -> InForce | None:
    """``period`` cut to the mirror's own dates; None when nothing is left. Ends and
    starts the EU dates do not set are flagged as the UN's."""
    start = max(period.start, mirror.since) if mirror.since else period.start
    end = earliest(period.end, mirror.until)
    if end is not None and end <= start:
        return None
    own_end = mirror.until is not None and end == mirror.until
    own_start = mirror.since is not None and start == mirror.since
    doubts = [d for d in (period.unconfirmed,) if d]
    if not own_start:
        doubts.append(UN_START)
    if end is not None and not own_end:
        doubts.append(UN_END)
    return InForce(
        start=start,
        end=end,
        end_reason=mirror.until_reason if own_end else period.end_reason,
        unconfirmed="; ".join(doubts),
    )


def earliest(a: dt.date | None, b: dt.date | None) -> dt.date | None:
    """The earlier of two ends (None: open)."""
    if a is None or b is None:
        return a or b
    return min(a, b)
