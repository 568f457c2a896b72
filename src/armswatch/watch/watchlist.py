"""Watchlists: named rules over what the ledger knows, deciding what alerts.

A watchlist is a YAML file checked against ``WATCHLIST_SCHEMA``; a bad one raises
``WatchlistError`` naming the file, the line and the rule. Each rule matches an event
(with its finding, when it has one) if every condition it sets holds:

.. code-block:: yaml

    rules:
      - name: dprk-to-russia           # required, unique
        supplier: PRK                  # actor keys (country, else id), source side
        recipient: RUS                 # target side
        actors: [IRN]                  # either side
        types: [arms_transfer]         # event types
        categories: [missile, uav]     # item categories
        systems: [KN-23]               # named systems (case-insensitive)
        rules: [un.dprk.*]             # finding rules ("*" at the end: a prefix)
        regimes: [UN]                  # regimes of the finding
        min_certainty: probable        # asserted > probable > possible > negated
        min_sources: 2                 # independent sources of the incident
        findings_only: true            # default: only events with a finding alert

With no watchlist, ``DEFAULT_RULE`` applies: every new finding alerts.
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path
from typing import Any

import jsonschema
import yaml

from armswatch.errors import WatchlistError
from armswatch.model import CATEGORIES, CERTAINTIES, EVENT_TYPES, Event, Finding
from armswatch.sanctions.rulebook import same_rule_ids

_STRINGS = {"type": "array", "items": {"type": "string", "minLength": 1}, "minItems": 1}
WATCHLIST_SCHEMA: dict[str, Any] = {
    "$schema": "https://json-schema.org/draft/2020-12/schema",
    "title": "armswatch watchlist",
    "type": "object",
    "additionalProperties": False,
    "required": ["rules"],
    "properties": {
        "rules": {
            "type": "array",
            "minItems": 1,
            "items": {
                "type": "object",
                "additionalProperties": False,
                "required": ["name"],
                "properties": {
                    "name": {"type": "string", "pattern": "^[A-Za-z0-9_.-]{1,80}$"},
                    "supplier": {"type": "string", "minLength": 1},
                    "recipient": {"type": "string", "minLength": 1},
                    "actors": _STRINGS,
                    "types": {**_STRINGS, "items": {"enum": list(EVENT_TYPES)}},
                    "categories": {**_STRINGS, "items": {"enum": list(CATEGORIES)}},
                    "systems": _STRINGS,
                    "rules": _STRINGS,
                    "regimes": _STRINGS,
                    "min_certainty": {"enum": list(CERTAINTIES)},
                    "min_sources": {"type": "integer", "minimum": 1},
                    "findings_only": {"type": "boolean"},
                },
            },
        }
    },
}
CERTAINTY_RANK = {name: len(CERTAINTIES) - i for i, name in enumerate(CERTAINTIES)}
"""asserted 4, probable 3, possible 2, negated 1."""


@dataclass(frozen=True)
class WatchRule:
    """One named rule; an unset condition (None) matches everything."""

    name: str
    supplier: str | None = None
    recipient: str | None = None
    actors: tuple[str, ...] | None = None
    types: tuple[str, ...] | None = None
    categories: tuple[str, ...] | None = None
    systems: tuple[str, ...] | None = None
    rules: tuple[str, ...] | None = None
    regimes: tuple[str, ...] | None = None
    min_certainty: str | None = None
    min_sources: int | None = None
    findings_only: bool = True

    def matches(self, event: Event, finding: Finding | None, sources: int | None) -> bool:
        """Does this rule hold for ``event`` (and its ``finding``; ``sources``: the
        independent sources of its incident)?

        >>> from armswatch.model import Actor
        >>> prk = Actor(id="PRK", name="North Korea", country="PRK", kind="state")
        >>> rus = Actor(id="RUS", name="Russia", country="RUS", kind="state")
        >>> event = Event(id="e1", type="arms_transfer", source=[prk], target=[rus],
        ...               evidence=[], confidence=0.9)
        >>> WatchRule("x", supplier="prk", findings_only=False).matches(event, None, 1)
        True
        >>> WatchRule("x", supplier="prk").matches(event, None, 1)
        False
        """
        if self.findings_only and finding is None:
            return False
        suppliers = {a.key.upper() for a in event.source}
        recipients = {a.key.upper() for a in event.target}
        categories = {item.category for item in event.items}
        checks = (
            self.supplier is None or self.supplier.upper() in suppliers,
            self.recipient is None or self.recipient.upper() in recipients,
            self.actors is None or any(a.upper() in suppliers | recipients for a in self.actors),
            self.types is None or event.type in self.types,
            self.categories is None or bool(categories.intersection(self.categories)),
            self.systems is None or _systems_match(self.systems, event),
            self.rules is None or (finding is not None and _rule_match(self.rules, finding.rule)),
            self.regimes is None or (finding is not None and finding.regime in self.regimes),
            self.min_certainty is None
            or CERTAINTY_RANK[event.certainty] >= CERTAINTY_RANK[self.min_certainty],
            self.min_sources is None or (sources or 1) >= self.min_sources,
        )
        return all(checks)


DEFAULT_RULE = WatchRule("all-findings")
"""The rule when no watchlist is given: every new finding."""


def _systems_match(systems: tuple[str, ...], event: Event) -> bool:
    wanted = {s.casefold() for s in systems}
    return any(
        (item.system or "").casefold() in wanted or item.text.casefold() in wanted
        for item in event.items
    )


def _rule_match(patterns: tuple[str, ...], rule: str) -> bool:
    """A pattern is a rule id (a former id naming its current rule too) or a prefix
    ending in ``*``."""
    return any(
        rule.startswith(p[:-1]) if p.endswith("*") else rule in same_rule_ids(p) for p in patterns
    )


def load_watchlist(path: str | Path) -> list[WatchRule]:
    """The rules of a watchlist file; WatchlistError naming the file, line and rule."""
    path = Path(path)
    try:
        text = path.read_text(encoding="utf-8")
    except (OSError, UnicodeDecodeError) as exc:
        raise WatchlistError(f"{path}: cannot read the watchlist ({exc})") from None
    return parse_watchlist(text, str(path))


def parse_watchlist(text: str, name: str = "<watchlist>") -> list[WatchRule]:
    """The rules of a watchlist given as YAML text (``name`` is used in errors)."""
    try:
        node = yaml.compose(text, Loader=yaml.SafeLoader)
        data = yaml.safe_load(text)
    except yaml.YAMLError as exc:
        mark = getattr(exc, "problem_mark", None)
        where = f":{mark.line + 1}" if mark is not None else ""
        problem = getattr(exc, "problem", None) or exc
        raise WatchlistError(f"{name}{where}: invalid YAML ({problem})") from None
    validator = jsonschema.Draft202012Validator(WATCHLIST_SCHEMA)
    errors = sorted(validator.iter_errors(data), key=lambda e: list(map(str, e.path)))
    if errors:
        first = errors[0]
        line = _line_of(node, list(first.path))
        rule = _rule_name(data, list(first.path))
        where = ".".join(map(str, first.path)) or "top level"
        raise WatchlistError(
            f"{name}:{line}: {rule}{where}: {first.message}",
            errors=[e.message for e in errors],
        )
    rules = [_rule(item) for item in data["rules"]]
    names = [r.name for r in rules]
    duplicates = sorted({n for n in names if names.count(n) > 1})
    if duplicates:
        raise WatchlistError(f"{name}: rule names must be unique ({', '.join(duplicates)})")
    return rules


def _rule(item: dict[str, Any]) -> WatchRule:
    fields: dict[str, Any] = dict(item)
    for key in ("actors", "types", "categories", "systems", "rules", "regimes"):
        if key in fields:
            fields[key] = tuple(fields[key])
    return WatchRule(**fields)


def _line_of(node: yaml.Node | None, path: list[Any]) -> int:
    """The 1-based line of the YAML node at ``path`` (the deepest one found)."""
    line = node.start_mark.line + 1 if node is not None else 1
    for key in path:
        if isinstance(node, yaml.MappingNode):
            found = next((v for k, v in node.value if k.value == key), None)
        elif isinstance(node, yaml.SequenceNode) and isinstance(key, int) and key < len(node.value):
            found = node.value[key]
        else:
            found = None
        if found is None:
            break
        node, line = found, found.start_mark.line + 1
    return line


def _rule_name(data: Any, path: list[Any]) -> str:
    if len(path) >= 2 and path[0] == "rules" and isinstance(path[1], int):
        item = data["rules"][path[1]]
        if isinstance(item, dict) and isinstance(item.get("name"), str):
            return f"rule {item['name']!r}, "
    return ""
