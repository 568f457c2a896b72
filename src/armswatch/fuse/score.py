"""The corroboration score of an incident, in [0, 1], with its reasons listed.

Each independent source that asserts the incident adds the weight of its class, scaled
by how firmly it is worded and by anonymity; each denial takes some away. The sum is
clipped to [0, 1]. Every term is a ``Reason`` ("+0.50 2 independent government sources
(KOR, USA)", "-0.20 denied by the supplier IRN"), so an analyst can see and dispute it.
Weights are judgement, stated here once:
"""

from __future__ import annotations

from collections.abc import Sequence

from armswatch.fuse.models import Reason, Source, SourceClass

CLASS_WEIGHT: dict[SourceClass, float] = {
    "party": 0.35,  # a party's own word: an admission, or the actor announcing its own act
    "igo": 0.35,  # a UN panel, the IAEA, the MSMT: mandated, evidence-based reporting
    "intelligence": 0.30,  # a state's intelligence service: access, but an interest too
    "government": 0.25,  # a government's public statement
    "media": 0.15,  # an outlet's own reporting with no source named
    "other": 0.10,  # companies, armed groups, others
}
CLASS_LABEL: dict[SourceClass, str] = {
    "party": "party",
    "igo": "international-body",
    "intelligence": "intelligence",
    "government": "government",
    "media": "media",
    "other": "other",
}
CERTAINTY_FACTOR = {"asserted": 1.0, "probable": 0.75, "possible": 0.5, "negated": 0.0}
ANONYMOUS_FACTOR = 0.8
PARTY_DENIAL = -0.20
OTHER_DENIAL = -0.10


def contribution(source: Source) -> tuple[float, str]:
    """What one supporting source adds, and its label ("USA anonymous ×0.8")."""
    weight = CLASS_WEIGHT[source.source_class] * CERTAINTY_FACTOR[source.certainty]
    notes = [] if source.certainty == "asserted" else [f"{source.certainty} ×"]
    if source.anonymous:
        weight *= ANONYMOUS_FACTOR
        notes.append(f"anonymous ×{ANONYMOUS_FACTOR}")
    if source.role:
        notes.insert(0, source.role)
    return weight, source.key + (f" {', '.join(notes)}" if notes else "")


def support_reasons(sources: Sequence[Source]) -> list[Reason]:
    """One reason per class of supporting source."""
    reasons = []
    for source_class in CLASS_WEIGHT:
        found = [s for s in sources if s.supports and s.source_class == source_class]
        if not found:
            continue
        parts = [contribution(s) for s in found]
        weight = sum(w for w, _ in parts)
        plural = "s" if len(found) > 1 else ""
        label = CLASS_LABEL[source_class]
        text = f"{len(found)} independent {label} source{plural} ({'; '.join(n for _, n in parts)})"
        reasons.append(reason(weight, text))
    return reasons


def denial_reasons(sources: Sequence[Source]) -> list[Reason]:
    """One reason per denying source: a party's denial weighs more (it would know)."""
    reasons = []
    for source in sources:
        if source.denies:
            weight = PARTY_DENIAL if source.role else OTHER_DENIAL
            who = f"the {source.role} {source.key}" if source.role else source.key
            reasons.append(reason(weight, f"denied by {who}"))
    return reasons


def reason(weight: float, text: str) -> Reason:
    return Reason(weight=round(weight, 4), text=f"{weight:+.2f} {text}")


def corroboration(sources: Sequence[Source], articles: int) -> tuple[float, list[Reason]]:
    """The score and its reasons; notes with weight 0 say what does not count."""
    reasons = support_reasons(sources) + denial_reasons(sources)
    supporting = sum(1 for s in sources if s.supports)
    if articles > supporting:
        note = f"{articles} articles but {supporting} independent source(s): repeats add nothing"
        reasons.append(reason(0.0, note))
    total = sum(r.weight for r in reasons)
    score = min(1.0, max(0.0, total))
    if score != total:
        reasons.append(reason(score - total, f"clipped to {score:.2f}"))
    return round(score, 2), reasons
