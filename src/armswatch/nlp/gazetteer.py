"""Surface forms of the knowledge base, compiled for spaCy's PhraseMatcher.

Actors are matched case-sensitively (names in news are capitalised; "the North" also as
"The North"); weapon systems and generic weapon nouns case-insensitively.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Literal

from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry

FormKind = Literal["name", "adjective", "demonym", "capital", "short", "person"]


@dataclass(frozen=True)
class ActorForm:
    """One way of writing an actor: which entry, and how the text refers to it."""

    actor: ActorEntry
    form: FormKind
    person_kind: str | None = None


@dataclass(frozen=True)
class WeaponForm:
    """A weapon surface form: a named system or a generic noun."""

    category: str
    system: str | None
    origin: str | None


def the_variants(surface: str) -> list[str]:
    """'the Kremlin' → ['the Kremlin', 'The Kremlin']; straight and curly apostrophes."""
    forms = [surface, "The " + surface[4:]] if surface.startswith("the ") else [surface]
    if "'" in surface:
        forms += [form.replace("'", "’") for form in forms]
    return forms


def actor_surface_forms(kb: KnowledgeBase) -> dict[str, ActorForm]:
    """Every actor surface form → its ActorForm (first entry wins on a clash)."""
    forms: dict[str, ActorForm] = {}

    def add(surface: str, form: ActorForm) -> None:
        for variant in the_variants(surface.strip()):
            forms.setdefault(variant, form)

    for actor in kb.actors.actors:
        for surface in [actor.name, *actor.names, *actor.abbreviations]:
            add(surface, ActorForm(actor, "name"))
        for surface in actor.capitals:
            add(surface, ActorForm(actor, "capital"))
        for surface in actor.short:
            add(surface, ActorForm(actor, "short"))
        for surface in actor.adjectives:
            add(surface, ActorForm(actor, "adjective"))
        for surface in actor.demonyms:
            add(surface, ActorForm(actor, "demonym"))
        for person in actor.people:
            for surface in [person.name, *person.aliases]:
                add(surface, ActorForm(actor, "person", person.kind))
    return forms


def weapon_surface_forms(kb: KnowledgeBase) -> dict[str, WeaponForm]:
    """Every weapon surface form (lower case) → its WeaponForm; systems win over generics."""
    forms: dict[str, WeaponForm] = {}
    for system in kb.weapons.systems:
        for surface in [system.name, *system.aliases]:
            forms.setdefault(
                surface.lower(), WeaponForm(system.category, system.name, system.origin)
            )
    for generic in kb.weapons.generics:
        for term in generic.terms:
            forms.setdefault(term.lower(), WeaponForm(generic.category, None, None))
    return forms
