"""Schema of ``triggers.yaml``: the words that signal events, their frames (syntactic
slot → role) and frame families, with the file's lexicon."""

from __future__ import annotations

from typing import Literal

from pydantic import Field, model_validator

from armswatch.kb.schema_entry import Entry
from armswatch.kb.schema_lexicon import Lexicon
from armswatch.model import EventType, Status


class Frame(Entry):
    """How a trigger's syntactic slots map onto event roles.

    Slot names: ``subj`` (active subject), ``obj`` (direct object), ``dative``
    (indirect object), ``agent`` ("by" in a passive), ``poss`` ("Iran's deliveries"),
    ``prep:WORD`` (a prepositional object, e.g. ``prep:from``), ``compound`` ("arms
    sales"). Role names: ``source``, ``target``, ``party``, ``items``.
    """

    slots: dict[str, str]


Role = Literal["source", "target", "party", "pair"]


class Trigger(Entry):
    """A word (by lemma) that signals an event of one type.

    ``frame`` maps syntactic slots to roles. Slots: ``subj`` (subject, inherited from the
    governing verb when the trigger has none), ``obj`` (direct object; the subject of a
    passive), ``dative``, ``agent`` ("by …" of a passive), ``poss`` ("Iran's deliveries"),
    ``mod`` (an actor adjective or compound: "North Korean arms exports"), ``gov_subj``
    (for nouns: the subject of the verb they are the object of: "Russia held talks"),
    ``occupier`` ("Russian-occupied territories" → Russia), ``prep:WORD`` (object of a
    preposition, e.g. ``prep:from``), ``acl_agent`` (the agent of a participle on the
    noun or of the passive it is the subject of: "a package *announced by* X"),
    ``gov_obj`` (the object of the governing verb: "helped Russia by supplying shells").
    Roles: ``source``, ``target``, ``party`` (symmetric types), ``pair`` ("transfers
    between X and Y": the first is the source, the others the targets).
    """

    lemma: str
    pos: list[str] = Field(default_factory=lambda: ["VERB"])
    type: EventType
    subtype: str | None = None
    status: Status | None = Field(default=None, description="Status the word implies.")
    frame: dict[str, Role] | str = Field(
        default_factory=dict,
        description="Slot → role, or the name of a frame family of the file's ``frames``.",
    )
    also: dict[str, Role] = Field(
        default_factory=dict, description="Slots added to a frame family for this word."
    )

    @property
    def roles(self) -> dict[str, Role]:
        """The resolved slot → role map (families are resolved when the file loads)."""
        return self.frame if isinstance(self.frame, dict) else {}

    requires_items: bool = Field(
        default=False, description="Only an event when a weapon item fills a slot."
    )
    requires_object: list[str] = Field(
        default_factory=list,
        description="Only a trigger when its object or the object of one of its "
        "prepositions has one of these lemmas: take + delivery, cut + tie, hold X to "
        "account, describe X as a threat.",
    )
    excludes_object: list[str] = Field(
        default_factory=list,
        description="Not a trigger when its direct object has one of these lemmas: meet "
        "a *need* (no meeting), host *troops* (a deployment, not a visit).",
    )
    separate_objects: bool = Field(
        default=False,
        description="Coordinated objects are each a party with the subject, not with each "
        "other: *visit* Peru and Bolivia is no Peru–Bolivia meeting.",
    )
    items_via: list[str] = Field(
        default_factory=list,
        description="Only weapons inside a phrase of one of these prepositions count as "
        "the trigger's items: an agreement *for* drones is a purchase, an agreement *on* "
        "missiles is arms control.",
    )
    two_way: bool = Field(
        default=False,
        description="Who holds the transfer noun *with* another may be either side: "
        "'Seoul seals a howitzer deal with Cairo'. When the article states a transfer "
        "between the same two the other way, that direction wins (extract/merge.py).",
    )
    excludes_items: bool = Field(
        default=False,
        description="Not this type when a weapon item is in the trigger's phrase: a *deal* "
        "for drones is an arms transfer, a gas deal an agreement.",
    )
    particle: str | None = Field(default=None, description="Phrasal verb particle: pick *up*.")
    requires_subject: list[str] = Field(
        default_factory=list,
        description="Only a trigger when its subject has one of these lemmas: the "
        "*sanctions* extend to, the *measures* target.",
    )
    requires_modifier: list[str] = Field(
        default_factory=list,
        description="Only a trigger when an adjective or compound on it has one of these "
        "lemmas: *defence* ties, *joint* production.",
    )
    excludes_civil_topic: bool = Field(
        default=False,
        description="Not a trigger when what names its kind (a modifier, or the topic of "
        "its 'on' / 'in' phrase) is civil (lexicon ``civil_topics``: *energy* cooperation, "
        "cooperation on nuclear *safety*) and none is military (``military_topics``: "
        "economic and *military* cooperation, cooperation on *training*).",
    )
    requires_complement: list[str] = Field(
        default_factory=list,
        description="Only a trigger when a clause it governs has one of these lemmas: "
        "call on X to *cease*, urge X to *stop*.",
    )
    dates_event: bool = Field(
        default=True,
        description="False for words of battlefield use (fire, launch): their dates are "
        "the use's, not the transfer's.",
    )
    deep_target: bool = Field(
        default=False,
        description="Look for target actors anywhere inside the object phrase "
        "(condemn the revival of exercises between X and Y).",
    )
    items_as_subject: bool = Field(
        default=False,
        description="The weapons are the subject (verbs and nouns of arriving: *the "
        "missiles reached* X, *drones arrived in* X, *weapons flowing to* X). Never an "
        "event in a sentence that tells a strike, an incursion or a visit (lexicon "
        "``arrival_guards``) or a range (``range_words``: *can reach*), nor with a capital "
        "for its destination unless a 'from' phrase names the supplier (*reached Kyiv* "
        "is an attack); with no 'from' phrase, only when the text tells a handover "
        "(lexicon ``arrival_evidence``, ``delivery_modifiers``, or a transfer to the same "
        "recipient told before). The supplier is never guessed from the system's designer.",
    )
    target_in_event: bool = Field(
        default=False,
        description="Look for target actors inside the object phrase only when it is headed "
        "by an event noun of this file (concern over *deployments* by X: yes; concern for "
        "the safety of X's civilians: no).",
    )


class TriggerFile(Entry):
    version: int
    lexicon: Lexicon
    frames: dict[str, dict[str, Role]] = Field(
        default_factory=dict,
        description="Frame families shared by a word family: 'supplier_verb' (subject = "
        "supplier), 'recipient_noun' (possessor = recipient) …",
    )
    triggers: list[Trigger]

    @model_validator(mode="after")
    def _resolve_frame_families(self) -> TriggerFile:
        """A trigger naming a frame family gets that family's slots (plus its ``also``)."""
        for index, trigger in enumerate(self.triggers):
            if isinstance(trigger.frame, str):
                family = self.frames.get(trigger.frame)
                if family is None:
                    raise ValueError(
                        f"triggers[{index}] ({trigger.lemma}, {trigger.type}): unknown frame "
                        f"family {trigger.frame!r} (known: {', '.join(sorted(self.frames))})"
                    )
                trigger.frame = dict(family)
            trigger.frame = {**trigger.frame, **trigger.also}
        return self
