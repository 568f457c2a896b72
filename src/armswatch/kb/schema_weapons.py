"""Schema of ``weapons.yaml``: named systems with their aliases and senses, generic
weapon nouns, and the words that make a weapon word no weapon."""

from __future__ import annotations

from pydantic import Field, model_validator

from armswatch.kb.schema_entry import Entry
from armswatch.model import Category


class OtherSense(Entry):
    """Another thing a system's designation names, told apart by the words around it.

    Example: "D-30" is the Soviet 122 mm howitzer, but "D-30 engines" / "Soloviev D-30"
    is the turbofan: ``{words: [engine, turbofan, soloviev], system: D-30 engine}``.
    """

    words: list[str] = Field(
        min_length=1,
        description="Lower-case words; one within three tokens of the mention selects this sense.",
    )
    system: str = Field(description="The canonical name of the system meant then.")


class WeaponSystem(Entry):
    """A named weapon system with its aliases."""

    name: str = Field(description="Canonical name ('Shahed-136').")
    aliases: list[str] = Field(default_factory=list, description="'Geran-2', 'Shahed 136'.")
    context_aliases: list[str] = Field(
        default_factory=list,
        description="Names that are also ordinary words or names ('Spartan', 'Cougar', "
        "'Patriot'): a mention counts only in a military context (a weapon noun next to "
        "it, another weapon or a transfer word in the sentence).",
    )
    other_senses: list[OtherSense] = Field(
        default_factory=list,
        description="Other systems the same designation names, chosen by nearby words.",
    )
    category: Category
    origin: str | None = Field(default=None, description="ISO alpha-3 of the designer state.")
    description: str | None = None

    @model_validator(mode="after")
    def context_aliases_are_not_aliases(self) -> WeaponSystem:
        """A form is either always a weapon (alias) or only in context, not both. The
        canonical name may be listed: then it too counts only in context ('Patriot')."""
        both = {a.casefold() for a in self.aliases} & {a.casefold() for a in self.context_aliases}
        if both:
            raise ValueError(
                f"{self.name}: {sorted(both)} are both plain and context-only surface forms"
            )
        return self


class GenericWeapon(Entry):
    """Generic nouns ('artillery shells') mapped to a category; list singular and plural."""

    terms: list[str]
    category: Category


class WeaponFile(Entry):
    version: int
    systems: list[WeaponSystem]
    generics: list[GenericWeapon]
    not_weapons: list[str] = Field(
        default_factory=list,
        description="Phrases (lower case) in which a weapon word is no weapon: 'think "
        "tank', 'shell company', 'rounds of talks'. A weapon match inside one is dropped.",
    )
    civil_modifiers: list[str] = Field(
        default_factory=list,
        description="Modifiers (lower case) that make a weapon word a civil machine: "
        "'*civilian* helicopters', '*agricultural* drones', '*fire-fighting* aircraft', "
        "'*ambulance* helicopters'. A weapon mention with one before its head is dropped.",
    )
    context_words: list[str] = Field(
        default_factory=list,
        description="Words (lower case, lemma or form) that give a sentence a military "
        "context, so that context-only names count there: supply, deliver, army, troops.",
    )
    munitions_of: dict[Category, Category] = Field(
        default_factory=dict,
        description="What the rounds of a launcher are, by the launcher's category: a "
        "weapon named as what munitions are for ('munitions for HIMARS', 'Javelin rounds', "
        "'rockets for the air defence system') is its rounds, not the launcher: "
        "interceptors of an air-defence system are air_defence, rounds of a missile "
        "launcher missile; a category not listed gives ammunition.",
    )

    @model_validator(mode="after")
    def other_senses_name_systems(self) -> WeaponFile:
        """Every ``other_senses[].system`` is the name of a system of this file."""
        names = {system.name for system in self.systems}
        unknown = [
            f"systems -> {i} ({system.name}): other sense {sense.system!r} is no system name"
            for i, system in enumerate(self.systems)
            for sense in system.other_senses
            if sense.system not in names
        ]
        if unknown:
            raise ValueError("; ".join(unknown))
        return self
