"""Surface forms of the knowledge base, compiled for spaCy's PhraseMatcher.

Actors are matched case-sensitively (names in news are capitalised; "the North" also as
"The North"); weapon systems and generic weapon nouns case-insensitively.
"""

from __future__ import annotations

import functools
import re
from collections.abc import Callable
from dataclasses import dataclass
from typing import Any, Literal, TypeVar, cast

from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry, AmbiguousForm, WeaponSystem

FormKind = Literal["name", "adjective", "demonym", "capital", "short", "person"]


@dataclass(frozen=True)
class ActorForm:
    """One way of writing an actor: which entry, and how the text refers to it."""

    actor: ActorEntry
    form: FormKind
    person_kind: str | None = None


@dataclass(frozen=True)
class WeaponForm:
    """A weapon surface form: a named system or a generic noun.

    ``needs_context``: the form is also an ordinary word or name ("Spartan", "Mirages")
    and names a weapon only in a military context. ``senses``: other systems the same
    form names, each with the words that select it ("D-30" + engine → the turbofan).
    """

    category: str
    system: str | None
    origin: str | None
    needs_context: bool = False
    senses: tuple[tuple[frozenset[str], WeaponForm], ...] = ()
    spelling: str = ""
    """For a context-only form: how the text must write it (case-sensitive: 'Island',
    not 'the island'; 'MILAN', not 'Milan')."""


def the_variants(surface: str) -> list[str]:
    """'the Kremlin' → ['the Kremlin', 'The Kremlin']; straight and curly apostrophes."""
    forms = [surface, "The " + surface[4:]] if surface.startswith("the ") else [surface]
    if "'" in surface:
        forms += [form.replace("'", "’") for form in forms]
    return forms


F = TypeVar("F", bound=Callable[..., Any])


def once_per_knowledge_base(func: F) -> F:
    """Compute ``func(kb, …)`` once per knowledge base object: the mention ruler, triage
    and the headline caser all ask for the same forms at start-up (callers must not
    change the returned dict)."""
    memo: dict[tuple[int, tuple[object, ...]], tuple[KnowledgeBase, object]] = {}

    @functools.wraps(func)
    def wrapper(kb: KnowledgeBase, *args: object, **kwargs: object) -> object:
        key = (id(kb), (*args, *sorted(kwargs.items())))
        hit = memo.get(key)
        if hit is not None and hit[0] is kb:
            return hit[1]
        result = func(kb, *args, **kwargs)
        if len(memo) > MEMO_SIZE:
            memo.clear()
        memo[key] = (kb, result)
        return result

    return cast(F, wrapper)


MEMO_SIZE = 8


@once_per_knowledge_base
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


@dataclass(frozen=True)
class AmbiguousActorForm:
    """A form several actors share, with the rule that decides between them per article."""

    rule: AmbiguousForm
    candidates: tuple[ActorEntry, ...]
    cues: tuple[re.Pattern[str], ...]
    """One pattern per candidate: its cues and its own unambiguous names, capitals and
    people's full names, as whole words."""


def ambiguous_surface_forms(kb: KnowledgeBase) -> dict[str, AmbiguousActorForm]:
    """Every form of a disambiguation rule (actors.yaml: ``ambiguous``) → its rule."""
    entries = {actor.id: actor for actor in kb.actors.actors}
    forms: dict[str, AmbiguousActorForm] = {}
    for rule in kb.actors.ambiguous:
        shared = set(rule.forms)
        candidates = tuple(entries[c.actor] for c in rule.candidates)
        cues = tuple(
            cue_pattern([*c.cues, *own_names(entry)], shared)
            for c, entry in zip(rule.candidates, candidates, strict=True)
        )
        form = AmbiguousActorForm(rule, candidates, cues)
        for surface in rule.forms:
            for variant in the_variants(surface):
                forms[variant] = form
    return forms


def own_names(actor: ActorEntry) -> list[str]:
    """The names that identify an actor by themselves: names, capitals, people's names."""
    return [*actor.names, *actor.abbreviations, *actor.capitals, *(p.name for p in actor.people)]


def cue_pattern(words: list[str], excluded: set[str]) -> re.Pattern[str]:
    """Whole-word, case-sensitive alternation of ``words`` minus the ambiguous forms."""
    kept = sorted({w for w in words if w and w not in excluded}, key=len, reverse=True)
    if not kept:
        return re.compile(r"(?!x)x")  # matches nothing
    return re.compile(r"(?<!\w)(?:" + "|".join(re.escape(w) for w in kept) + r")(?!\w)")


def choose_actor(form: AmbiguousActorForm, text: str, mentioned: set[str]) -> ActorEntry | None:
    """The candidate an article means by an ambiguous form: the only one it mentions
    otherwise (by id among ``mentioned``) or names by a cue; else the rule's default.

    Example: "Congo" in an article naming Kinshasa is COD, naming Brazzaville COG, naming
    neither (or both) no actor, since the rule's default is null.
    """
    chosen = [
        entry
        for entry, cues in zip(form.candidates, form.cues, strict=True)
        if entry.id in mentioned or cues.search(text)
    ]
    if len(chosen) == 1:
        return chosen[0]
    default = form.rule.default
    return next((e for e in form.candidates if e.id == default), None)


def weapon_surface_forms(kb: KnowledgeBase, plurals: bool = True) -> dict[str, WeaponForm]:
    """Every weapon surface form (lower case) → its WeaponForm.

    Precedence on a clash: systems' names and aliases, then generic nouns, then
    context-only names, then (with ``plurals``) derived plurals ("F-16s", "Gripens"; a
    plural of a form without a digit needs context: "Mirages").
    """
    without_plurals, with_plurals = weapon_forms_both(kb)
    return with_plurals if plurals else without_plurals


@once_per_knowledge_base
def weapon_forms_both(kb: KnowledgeBase) -> tuple[dict[str, WeaponForm], dict[str, WeaponForm]]:
    """The forms without and with derived plurals, built in one pass (start-up: the
    mention ruler asks for both)."""
    plain: dict[str, WeaponSystem] = {}
    in_context: dict[str, WeaponSystem] = {}
    for system in kb.weapons.systems:
        context_only = {form.casefold() for form in system.context_aliases}
        for surface in [system.name, *system.aliases]:
            if surface.casefold() not in context_only:
                plain.setdefault(surface.lower(), system)
        for surface in system.context_aliases:
            in_context.setdefault(surface.lower(), system)
    by_name = {system.name: system for system in kb.weapons.systems}
    made: dict[tuple[str, str | None], WeaponForm] = {}  # one form per system and spelling

    def form_of(system: WeaponSystem, spelling: str | None = None) -> WeaponForm:
        key = (system.name, spelling)
        if key not in made:
            made[key] = system_form(system, by_name, spelling)
        return made[key]

    forms: dict[str, WeaponForm] = {}
    for surface, system in plain.items():
        forms[surface] = form_of(system)
    for generic in kb.weapons.generics:
        form = WeaponForm(generic.category, None, None)
        for term in generic.terms:
            forms.setdefault(term.lower(), form)
    for generic in kb.weapons.generics:  # after every written term, which win a clash
        form = WeaponForm(generic.category, None, None)
        for term in generic.terms:
            for variant in spelling_variants(term.lower()):
                forms.setdefault(variant, form)
    spellings = {s.lower(): s for system in kb.weapons.systems for s in system.context_aliases}
    for surface, system in in_context.items():
        forms.setdefault(surface, form_of(system, spellings[surface]))
    with_plurals = dict(forms)
    for surface, system in [*plain.items(), *in_context.items()]:
        plural = plural_of(surface)
        if plural is None:
            continue
        if surface in in_context:
            form = form_of(system, spellings[surface] + "s")
        elif any(c.isdigit() for c in surface):
            form = form_of(system)
        else:
            form = form_of(system, spelling_in(system, surface) + "s")
        with_plurals.setdefault(plural, form)
    return forms, with_plurals


SPELLING_PAIRS = (("defence", "defense"), ("armoured", "armored"), ("calibre", "caliber"))


def spelling_variants(term: str) -> set[str]:
    """How news also writes a generic term: British or American spelling ('air defense
    radars'), and each space between words as a hyphen or the reverse ('air-defence
    radars', 'anti ship missiles')."""
    spelled = {term}
    for british, american in SPELLING_PAIRS:
        spelled |= {s.replace(british, american) for s in spelled}
        spelled |= {s.replace(american, british) for s in spelled}
    variants = set(spelled)
    for written in spelled:
        for n, char in enumerate(written):
            if char in " -" and 0 < n < len(written) - 1:
                other = "-" if char == " " else " "
                variants.add(written[:n] + other + written[n + 1 :])
    return variants - {term}


def spelling_in(system: WeaponSystem, surface: str) -> str:
    """How ``system`` writes the lower-case ``surface``."""
    return next(s for s in (system.name, *system.aliases) if s.lower() == surface)


def system_form(
    system: WeaponSystem, by_name: dict[str, WeaponSystem], spelling: str | None = None
) -> WeaponForm:
    """The form of a system; with ``spelling``, a context-only form written so."""
    senses = tuple(
        (frozenset(sense.words), system_form(by_name[sense.system], by_name))
        for sense in system.other_senses
    )
    return WeaponForm(
        system.category, system.name, system.origin, spelling is not None, senses, spelling or ""
    )


def plural_of(surface: str) -> str | None:
    """'f-16' → 'f-16s', 'gripen' → 'gripens'; None for forms ending in s, x, z or a
    non-alphanumeric character ('himars', 'mistral-class')."""
    if not surface[-1:].isalnum() or surface.endswith(("s", "x", "z")):
        return None
    return surface + "s"


def weapon_families(forms: dict[str, WeaponForm]) -> dict[str, str]:
    """Forms (lower case) that sub-variants extend → the same key: the system forms
    ending in a digit or in a designation letter after a hyphen ('mi-8' for Mi-8AMT,
    'su-30' for Su-30SME, 't-90' for T-90SK, 'leopard 2' for Leopard 2A7)."""
    return {
        surface: surface
        for surface, form in forms.items()
        if form.system is not None
        and not form.needs_context
        and surface[-1:].isdigit()
        and len(surface) >= 3
    }
