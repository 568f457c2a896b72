"""The rulebook: rules and groups loaded from YAML, validated, and queried by date.

``load_rulebook()`` validates ``data/rules.yaml`` (and the ``groups.yaml`` beside it)
and raises one ``RulebookError`` whose ``errors`` list every problem with its location:
``rules.yaml: [rules -> 3 -> in_force -> 0 -> start] rule un.x.y: Field required``.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from functools import lru_cache
from pathlib import Path
from typing import Any

import yaml
from pydantic import ValidationError

from armswatch.errors import RulebookError, UnknownRuleError
from armswatch.kb import SAFE_LOADER
from armswatch.sanctions.checks import check_group, check_rule, duplicate_entries
from armswatch.sanctions.mirrors import expand_mirror
from armswatch.sanctions.schema import DATA_DIR, Group, GroupFile, Mirror, Rule, RulebookFile
from armswatch.sanctions.windows import ALWAYS, Window

RULES_PATH = DATA_DIR / "rules.yaml"
GROUPS_FILE = "groups.yaml"


@dataclass(frozen=True)
class Rulebook:
    """Validated rule entries (in file order) and the groups they name."""

    rules: tuple[Rule, ...]
    groups: Mapping[str, Group]
    names: Mapping[str, str]

    def rule_ids(self) -> list[str]:
        """Distinct rule ids in order of first appearance."""
        return list(dict.fromkeys(rule.id for rule in self.rules))

    def canonical_id(self, rule_id: str) -> str:
        """The current id of ``rule_id``, which may be a former id kept as an alias for
        stored findings (``eu.russia.arms_export`` → ``eu.rus.arms``)."""
        for rule in self.rules:
            if rule_id in rule.aliases:
                return rule.id
        return rule_id

    def same_rule_ids(self, rule_id: str) -> list[str]:
        """Every id that names the same rule as ``rule_id``: its current id first, then
        its former ids, so that a filter finds stored findings under either
        (``eu.russia.arms_export`` → ``eu.rus.arms``, ``eu.russia.arms_export``,
        ``eu.russia.arms_import``). An id the rulebook does not know is returned alone."""
        current = self.canonical_id(rule_id)
        former = [a for rule in self.rules if rule.id == current for a in rule.aliases]
        return list(dict.fromkeys([current, *former, rule_id]))

    def entries(self, rule_id: str) -> list[Rule]:
        """The entries of ``rule_id`` (or of the rule a former id now names: only the
        entries that carry that alias); UnknownRuleError if there are none."""
        found = [rule for rule in self.rules if rule.id == rule_id or rule_id in rule.aliases]
        if not found:
            known = ", ".join(self.rule_ids())
            raise UnknownRuleError(f"no rule {rule_id!r} in the rulebook (known: {known})")
        return found

    def party_windows(self, party: str, key: str) -> list[Window]:
        """When actor ``key`` was ``party`` (a state id, or a member of a group id)."""
        group = self.groups.get(party)
        if group is None:
            return [ALWAYS] if key == party else []
        if group.universal:
            return [ALWAYS]
        return [Window(m.start, m.end) for m in group.members if m.state == key]


def same_rule_ids(rule_id: str) -> list[str]:
    """``Rulebook.same_rule_ids`` of the packaged rulebook: what a ``rule`` filter of the
    API, the dashboard, exports and watchlists matches."""
    return load_rulebook().same_rule_ids(rule_id)


def canonical_rule_id(rule_id: str) -> str:
    """The current id of ``rule_id`` in the packaged rulebook (itself when not a former id)."""
    return load_rulebook().canonical_id(rule_id)


def rule_windows(rule: Rule) -> list[Window]:
    return [Window(period.start, period.end) for period in rule.in_force]


def load_rulebook(path: Path | None = None) -> Rulebook:
    """The rulebook at ``path`` (default: the packaged one, loaded once per process).

    path (Path | None): a rules.yaml; groups come from ``groups.yaml`` beside it, else
        from the packaged groups.
    RETURNS (Rulebook): validated rules and groups. Raises RulebookError listing every problem.
    """
    return _default_rulebook() if path is None else load_rulebook_from(path)


@lru_cache(maxsize=1)
def _default_rulebook() -> Rulebook:
    return load_rulebook_from(RULES_PATH)


def load_rulebook_from(path: Path) -> Rulebook:
    groups_path = path.parent / GROUPS_FILE
    group_file = load_groups(groups_path if groups_path.exists() else DATA_DIR / GROUPS_FILE)
    groups = {group.id: group for group in group_file.groups}
    raw = read_yaml(path)
    rules, errors = validate_rules(path.name, raw, groups)
    if errors:
        raise RulebookError(_summary(path, errors), errors=errors)
    return Rulebook(rules=tuple(rules), groups=groups, names=group_file.names)


def load_groups(path: Path) -> GroupFile:
    raw = read_yaml(path)
    try:
        parsed = GroupFile.model_validate(raw)
    except ValidationError as exc:
        errors = [_format(path.name, p["loc"], p["msg"], None) for p in exc.errors()]
        raise RulebookError(_summary(path, errors), errors=errors) from exc
    errors = [
        _format(path.name, ("groups", i, field), f"group {group.id}: {msg}")
        for i, group in enumerate(parsed.groups)
        for field, msg in check_group(group)
    ]
    if errors:
        raise RulebookError(_summary(path, errors), errors=errors)
    return parsed


def read_yaml(path: Path) -> Any:
    try:
        return yaml.load(path.read_text(encoding="utf-8"), Loader=SAFE_LOADER)
    except (OSError, yaml.YAMLError) as exc:
        raise RulebookError(f"{path}: cannot read: {exc}".replace("\n", " ")) from exc


def validate_rules(
    source: str, raw: Any, groups: Mapping[str, Group]
) -> tuple[list[Rule], list[str]]:
    """Schema-validate the file, then run every check on every rule that parsed."""
    errors = _schema_errors(source, raw)
    raw_rules = raw.get("rules") if isinstance(raw, dict) else None
    parsed = [(i, _parse_rule(r)) for i, r in enumerate(raw_rules or [])]
    rules = [(i, rule) for i, rule in parsed if rule is not None]
    for i, rule in rules:
        for field, msg in check_rule(rule, groups):
            errors.append(_format(source, ("rules", i, field), f"rule {rule.id}: {msg}"))
    only = [rule for _, rule in rules]
    for j, msg in duplicate_entries(only):
        i, rule = rules[j]
        errors.append(_format(source, ("rules", i), f"rule {rule.id}: {msg}"))
    raw_mirrors = raw.get("mirrors") if isinstance(raw, dict) else None
    for i, mirror in enumerate(_parse_mirror(m) for m in raw_mirrors or []):
        if mirror is None:
            continue
        copies, problems = expand_mirror(mirror, only)
        only += copies
        errors += [
            _format(source, ("mirrors", i, field), f"mirror {mirror.id}: {msg}")
            for field, msg in problems
        ]
    return only, errors


def _parse_mirror(raw: Any) -> Mirror | None:
    try:
        return Mirror.model_validate(raw)
    except ValidationError:
        return None


def _schema_errors(source: str, raw: Any) -> list[str]:
    try:
        RulebookFile.model_validate(raw)
    except ValidationError as exc:
        return [_format(source, p["loc"], p["msg"], _rule_id(raw, p["loc"])) for p in exc.errors()]
    return []


def _parse_rule(raw: Any) -> Rule | None:
    try:
        return Rule.model_validate(raw)
    except ValidationError:
        return None


def _rule_id(raw: Any, loc: tuple[int | str, ...]) -> str | None:
    if len(loc) < 2 or loc[0] not in ("rules", "mirrors") or not isinstance(loc[1], int):
        return None
    entry = raw[loc[0]][loc[1]]
    rule_id = entry.get("id") if isinstance(entry, dict) else None
    return str(rule_id) if rule_id is not None else f"#{loc[1]} (no id)"


def _format(source: str, loc: tuple[int | str, ...], msg: str, rule_id: str | None = None) -> str:
    where = " -> ".join(str(part) for part in loc)
    who = f"rule {rule_id}: " if rule_id else ""
    return f"{source}: [{where}] {who}{msg}"


def _summary(path: Path, errors: list[str]) -> str:
    shown = "; ".join(errors[:3]) + ("; …" if len(errors) > 3 else "")
    return f"{path.name}: {len(errors)} problem(s): {shown}"
