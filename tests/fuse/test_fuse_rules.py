"""The matching rules, one row per case, on events built directly (no parse)."""

from __future__ import annotations

from typing import Any

import pytest

from armswatch.fuse.assign import assign
from armswatch.fuse.facts import Facts, facts_of
from armswatch.fuse.members import ArticleMeta, Member
from armswatch.fuse.rules import (
    RULES,
    Verdict,
    compatible,
    items_compatible,
    same_type_and_dyad,
    status_compatible,
    times_overlap,
)
from armswatch.model import Event

pytestmark = pytest.mark.issue(5)


def actor(key: str) -> dict[str, Any]:
    country = key if key.isupper() else None
    return {"id": key, "name": key, "country": country, "kind": "state" if country else "group"}


def event(
    source: str = "PRK",
    target: str = "RUS",
    items: tuple[str, ...] = ("ammunition",),
    status: str = "delivered",
    time: tuple[str, str] | None = None,
    type: str = "arms_transfer",
    id: str = "a:e0",
) -> Event:
    return Event.model_validate(
        {
            "id": id,
            "type": type,
            "source": [actor(k) for k in source.split(",") if k],
            "target": [actor(k) for k in target.split(",") if k],
            "items": [
                {"text": c, "category": c.partition("/")[0], "system": c.partition("/")[2] or None}
                for c in items
            ],
            "status": status,
            "time": {"text": "t", "start": time[0], "end": time[1]} if time else None,
            "evidence": [],
            "confidence": 0.8,
        }
    )


def facts(**kw: Any) -> Facts:
    return facts_of(event(**kw))


CASES: list[tuple[str, Any, dict[str, Any], dict[str, Any], bool]] = [
    ("same dyad", same_type_and_dyad, {}, {}, True),
    ("reversed dyad", same_type_and_dyad, {}, {"source": "RUS", "target": "PRK"}, False),
    ("other type", same_type_and_dyad, {}, {"type": "troop_deployment"}, False),
    ("extra recipient", same_type_and_dyad, {}, {"target": "RUS,BLR"}, False),
    ("unknown supplier", same_type_and_dyad, {}, {"source": ""}, False),
    (
        "symmetric either order",
        same_type_and_dyad,
        {"type": "meeting"},
        {"type": "meeting", "source": "RUS", "target": "PRK"},
        True,
    ),
    ("same category", items_compatible, {}, {"items": ("ammunition", "missile")}, True),
    ("generic only", items_compatible, {}, {"items": ("military_equipment",)}, True),
    ("no items", items_compatible, {}, {"items": ()}, True),
    (
        "drones vs missiles",
        items_compatible,
        {"items": ("uav/Shahed-136",)},
        {"items": ("missile/Fath-360",)},
        False,
    ),
    ("unknown time", times_overlap, {"time": ("2023-10-01", "2023-10-31")}, {}, True),
    (
        "same month",
        times_overlap,
        {"time": ("2023-10-01", "2023-10-31")},
        {"time": ("2023-10-13", "2023-10-13")},
        True,
    ),
    (
        "within 90 days",
        times_overlap,
        {"time": ("2023-10-01", "2023-10-31")},
        {"time": ("2024-01-15", "2024-01-31")},
        True,
    ),
    (
        "a year apart",
        times_overlap,
        {"time": ("2022-08-01", "2022-08-31")},
        {"time": ("2023-08-01", "2023-08-31")},
        False,
    ),
    ("plan then delivery", status_compatible, {"status": "planned"}, {}, True),
    ("denial", status_compatible, {"status": "denied"}, {}, True),
]


@pytest.mark.parametrize(("name", "rule", "a", "b", "ok"), CASES, ids=[c[0] for c in CASES])
def test_rule(name: str, rule: Any, a: dict[str, Any], b: dict[str, Any], ok: bool) -> None:
    verdict = rule(facts(**a), facts(**b))
    assert isinstance(verdict, Verdict) and verdict.ok is ok and verdict.detail


def test_every_rule_documents_itself() -> None:
    assert all(rule.__doc__ and rule.__name__ for rule in RULES)


def test_details_say_why() -> None:
    drones, missiles = facts(items=("uav/Shahed-136",)), facts(items=("missile/Fath-360",))
    assert items_compatible(drones, missiles).detail == (
        "different weapons: uav (Shahed-136) / missile (Fath-360)"
    )
    progression = status_compatible(facts(status="planned"), facts(status="delivered"))
    assert progression.detail == "progression planned → delivered"
    assert not compatible(drones, missiles)


def member(article: str, published: str, **kw: Any) -> Member:
    return Member(
        event(id=f"{article}:e0", **kw),
        ArticleMeta(sha256=article, id=article, published=published),
    )


def test_a_generic_report_joins_the_incident_it_fits_best() -> None:
    members = [
        member("a", "2023-01-01", items=("uav",)),
        member("b", "2023-01-02", items=("missile",)),
        member("c", "2023-01-03", items=("military_equipment",)),
        member("d", "2023-01-04", items=("missile", "artillery")),
    ]
    profiles = assign(members, [])
    assert [[m.article.id for m, _ in p.joined] for p in profiles] == [["a", "c"], ["b", "d"]]
    assert profiles[1].joined[1][1] == (
        "arms_transfer PRK>RUS; shared categories: missile; time unknown on one side; "
        "same status: delivered"
    )
