"""Builders for the scorer's tests: invented system analyses and gold documents."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from armswatch.evaluate import GoldDoc, Scores, score
from armswatch.model import Actor, Analysis, Doc, Event, Finding

DOC = "d1"
AT = "arms_transfer"


def actor(key: str, country: str | None = None) -> Actor:
    """A state for an upper-case ISO key, else a slug actor; ``country`` overrides."""
    state = key.isupper() and len(key) == 3
    return Actor(
        id=key,
        name=key,
        country=country if country is not None else (key if state else None),
        kind="state" if state else "igo",
    )


def event(
    type_: str,
    source: Sequence[str | Actor],
    target: Sequence[str | Actor],
    index: int = 0,
    **fields: Any,
) -> Event:
    return Event.model_validate(
        {
            "id": f"{DOC}:e{index}",
            "type": type_,
            "source": [a if isinstance(a, Actor) else actor(a) for a in source],
            "target": [a if isinstance(a, Actor) else actor(a) for a in target],
            "evidence": [],
            "confidence": 0.9,
            **fields,
        }
    )


def finding(rule: str, event_id: str, in_force: bool | None) -> Finding:
    return Finding(
        rule=rule,
        regime="r",
        instrument="i",
        provision="p",
        event=event_id,
        in_force=in_force,
        explanation="x",
    )


def analysis(events: Sequence[Event], findings: Sequence[Finding] = (), doc: str = DOC) -> Analysis:
    return Analysis(doc=Doc(id=doc, sha256="0" * 64), events=list(events), findings=list(findings))


def gold(
    *events: dict[str, Any],
    findings: Sequence[dict[str, Any]] = (),
    findings_ext: Sequence[dict[str, Any]] = (),
) -> GoldDoc:
    return GoldDoc.model_validate(
        {
            "id": DOC,
            "events": list(events),
            "findings": list(findings),
            "findings_ext": list(findings_ext),
        }
    )


def ge(type_: str, source: list[str], target: list[str], **fields: Any) -> dict[str, Any]:
    return {"type": type_, "source": source, "target": target, **fields}


def run(gold_doc: GoldDoc, system: Analysis) -> Scores:
    return score({gold_doc.id: gold_doc}, {system.doc.id: system})


def counts(prf: Any) -> tuple[int, int, int]:
    return prf.tp, prf.fp, prf.fn
