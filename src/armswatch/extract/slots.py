"""The slot registry: where in the dependency parse a trigger's roles are found.

A trigger's frame (``kb/data/triggers.yaml``) maps slot names to roles. Each slot name
is a small function registered here with ``@slot``: it takes the role filler and the
trigger token and returns the head tokens of the phrases that fill the slot (actor
resolution — pronouns, organs, definite descriptions — happens afterwards, in
``roles.RoleFiller.actors_at``). ``prep:WORD`` is a family: one function for every
preposition. The slots themselves are in two families: ``clause_slots`` (the trigger's
own clause: subject, object, possessor, prepositions) and ``fallback_slots`` (used when
those leave a role empty), with ``ally_slots`` (the side troops fight on); all register
here when this module is imported.

Every slot carries example cases (sentence, trigger lemma, expected head words); the
test suite parses each example and checks the slot finds exactly those heads, so a new
construction is one function plus its cases. ``check_frames`` rejects an unknown slot
name at knowledge-base load, naming the trigger.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from spacy.tokens import Token

    from armswatch.extract.roles import RoleFiller
    from armswatch.kb.schema import Trigger

SlotFunction = Callable[["RoleFiller", "Token", str], list["Token"]]
FAMILY_SEPARATOR = ":"


@dataclass(frozen=True)
class SlotCase:
    """An example: in ``text``, the slot of the trigger ``lemma`` (with ``argument`` for a
    family such as ``prep:*``) names the actors ``actors`` (evaluation keys)."""

    text: str
    lemma: str
    actors: tuple[str, ...]
    pos: str = "VERB"
    argument: str = ""


@dataclass(frozen=True)
class Slot:
    name: str
    function: SlotFunction
    doc: str
    cases: tuple[SlotCase, ...]
    fallback: bool = False

    def __call__(self, filler: RoleFiller, trigger: Token, argument: str = "") -> list[Token]:
        return self.function(filler, trigger, argument)


SLOTS: dict[str, Slot] = {}


def slot(
    name: str,
    cases: Iterable[SlotCase | tuple[str, str, tuple[str, ...]]],
    fallback: bool = False,
) -> Callable[[SlotFunction], SlotFunction]:
    """Register a slot function under ``name`` (``prep:*`` for a family) with its cases.

    ``fallback`` slots fill a role only when the other slots of the frame left it empty
    (for a symmetric type: when fewer than two parties were found).
    """

    def register(function: SlotFunction) -> SlotFunction:
        if name in SLOTS:
            raise ValueError(f"slot {name!r} is registered twice")
        examples = tuple(c if isinstance(c, SlotCase) else SlotCase(*c) for c in cases)
        if not examples:
            raise ValueError(f"slot {name!r} has no example cases")
        SLOTS[name] = Slot(name, function, (function.__doc__ or "").strip(), examples, fallback)
        return function

    return register


def lookup(name: str) -> tuple[Slot, str] | None:
    """The slot for a frame key and its argument: ``prep:from`` → (prep:*, 'from')."""
    if name in SLOTS:
        return SLOTS[name], ""
    family, sep, argument = name.partition(FAMILY_SEPARATOR)
    found = SLOTS.get(f"{family}{FAMILY_SEPARATOR}*") if sep and argument else None
    return (found, argument) if found is not None else None


def is_fallback(name: str) -> bool:
    found = lookup(name)
    return found is not None and found[0].fallback


def check_frames(triggers: Iterable[Trigger], source: str = "triggers.yaml") -> None:
    """Raise ValueError naming the trigger when its frame uses an unknown slot."""
    for index, trigger in enumerate(triggers):
        for name in trigger.roles:
            if lookup(name) is None:
                known = ", ".join(sorted(SLOTS))
                raise ValueError(
                    f"{source}: triggers[{index}] ({trigger.lemma}, {trigger.type}): unknown "
                    f"slot {name!r} (known: {known})"
                )


def fill(filler: RoleFiller, trigger: Token, name: str) -> list[Token]:
    """Head tokens filling slot ``name`` of ``trigger``."""
    found = lookup(name)
    if found is None:
        raise ValueError(f"unknown slot {name!r}")
    function, argument = found
    return function(filler, trigger, argument)


# The slot families register themselves with @slot; importing them here means every user
# of the registry (frames, kb validation, tests) sees all slots.
from armswatch.extract import ally_slots, clause_slots, fallback_slots  # noqa: E402, F401
