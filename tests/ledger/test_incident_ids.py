"""Issue 15: incidents keep their ids as they gain members, also when a block is
recomputed because an earlier report arrived late."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

from armswatch.fuse.assign import assign, incident_id
from armswatch.fuse.update import keep_ids

sys.path.insert(0, str(Path(__file__).parents[1] / "fuse"))
from test_fuse_rules import member

pytestmark = pytest.mark.issue(15)


def test_a_late_earlier_report_keeps_the_incident_id() -> None:
    later = member("b", "2024-05-10")
    [first] = assign([later], [])
    stored = {later.event.id: first.id}
    earlier = member("a", "2024-05-01")
    [recomputed] = assign([later, earlier], [])
    assert recomputed.id != first.id  # hashed from its new first event
    keep_ids([recomputed], stored)
    assert recomputed.id == first.id


def test_split_incidents_keep_one_id_each_and_the_new_one_does_not_take_an_old_id() -> None:
    shells = member("a", "2024-05-01")
    drones = member("b", "2024-05-02", items=("uav",))
    [both] = assign([shells], [])
    stored = {shells.event.id: both.id, drones.event.id: both.id}
    profiles = assign([shells, drones], [])
    assert len(profiles) == 2
    keep_ids(profiles, stored)
    ids = [p.id for p in profiles]
    assert both.id in ids and len(set(ids)) == 2
    orphan = next(p for p in profiles if p.id != both.id)
    assert orphan.id == incident_id(orphan.facts, drones.event.id)


def test_a_new_incident_whose_hashed_id_an_old_one_kept_gets_another() -> None:
    shells = member("a", "2024-05-01")  # changed, so detached: in no stored incident now
    drones = member("b", "2024-04-01", items=("uav",))
    [old] = assign([shells], [])  # the stored incident was first made from the shells
    profiles = assign([shells, drones], [])
    keep_ids(profiles, {drones.event.id: old.id})  # the drones kept it
    ids = [p.id for p in profiles]
    assert old.id in ids and len(set(ids)) == 2
