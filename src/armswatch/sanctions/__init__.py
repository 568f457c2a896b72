"""Sanctions rules: the rulebook (``data/rules.yaml``) and the engine that checks events.

    from armswatch.sanctions import findings_for_event, load_rulebook, what_if

``load_rulebook()`` validates the YAML (every problem reported with its location);
``findings_for_event()`` says which prohibitions in force at the event's date a reported
event would fall under; ``what_if()`` runs the same engine on a synthetic event.
Rules and decisions are documented in ``docs/rulebook.md`` (generated from the data).
"""

from __future__ import annotations

from armswatch.sanctions.engine import findings_for_event, findings_for_events, what_if
from armswatch.sanctions.rulebook import Rulebook, load_rulebook
from armswatch.sanctions.schema import Group, Rule

__all__ = [
    "Group",
    "Rule",
    "Rulebook",
    "findings_for_event",
    "findings_for_events",
    "load_rulebook",
    "what_if",
]
