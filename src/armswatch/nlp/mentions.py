"""Component ``armswatch_mentions_v1``: actor and weapon mentions from the gazetteers.

(Registered as ``armswatch_mentions_v1``: spaCy forbids dots in factory names.)

Assigns ``doc._.aw_actors`` and ``doc._.aw_weapons`` (lists of mentions, in text order).
Short anaphoric forms ("the North") count only after their actor was introduced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable

from spacy.language import Language
from spacy.tokens import Doc

from armswatch.kb import KnowledgeBase
from armswatch.nlp.actor_mentions import ActorMentions
from armswatch.nlp.gazetteer import (
    ActorForm,
    AmbiguousActorForm,
    WeaponForm,
    actor_surface_forms,
    ambiguous_surface_forms,
    weapon_families,
    weapon_surface_forms,
)
from armswatch.nlp.mention_types import ActorMention, WeaponMention
from armswatch.nlp.phrases import PhraseTable
from armswatch.nlp.weapon_mentions import WeaponMentions

__all__ = ["ActorMention", "MentionRuler", "WeaponMention"]

for _name in ("aw_actors", "aw_weapons"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class MentionRuler(ActorMentions, WeaponMentions):
    """Finds actor and weapon mentions with phrase tables built from the KB (nlp/phrases.py)."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.weapon_starts: set[int] = set()  # where a weapon name may start, per doc
        self.actor_matcher = PhraseTable(nlp, lower=False)
        self.weapon_matcher = PhraseTable(nlp, lower=True)
        self.stop_matcher = PhraseTable(nlp, lower=True)
        self.actor_forms: dict[str, ActorForm] = {}
        self.ambiguous_forms: dict[str, AmbiguousActorForm] = {}
        self.weapon_forms: dict[str, WeaponForm] = {}
        self.weapon_families: dict[str, str] = {}
        self.plural_forms: dict[str, WeaponForm] = {}
        self.context_words: frozenset[str] = frozenset()
        self.civil_modifiers: frozenset[str] = frozenset()
        self.organs: dict[str, str] = {}
        self.title_words: frozenset[str] = frozenset()  # 'Prime Minister' before a name
        self.office_words: frozenset[str] = frozenset()  # 'X, a Kenyan official'
        self.part_nouns: frozenset[str] = frozenset()  # '*parts* for drones'
        self.support_nouns: frozenset[str] = frozenset()  # 'F-16 *sustainment*'
        self.munitions_of: dict[str, str] = {}  # 'munitions for HIMARS' → ammunition
        self.programme_nouns: frozenset[str] = frozenset()  # 'its missile *programme*'
        self.by_first_and_head: dict[tuple[str, str], str] = {}  # 'bradley', 'vehicles'
        self.origin_markers: set[str] = set()
        self.community_markers: frozenset[str] = frozenset()  # '*ethnic* Albanians'
        self.private_people: frozenset[str] = frozenset()  # 'Chilean *protesters*'

    def initialize(
        self,
        get_examples: Callable[[], Iterable[object]] | None = None,
        *,
        nlp: Language | None = None,
        kb: KnowledgeBase | None = None,
    ) -> None:
        """Compile the gazetteers of ``kb`` into the matchers."""
        if kb is None:
            raise ValueError("MentionRuler.initialize needs kb=")
        if nlp is None:
            raise ValueError("MentionRuler.initialize needs nlp=")
        self.actor_forms = actor_surface_forms(kb)
        self.ambiguous_forms = ambiguous_surface_forms(kb)
        self.weapon_forms = weapon_surface_forms(kb)
        matched = weapon_surface_forms(kb, plurals=False)
        self.plural_forms = {k: v for k, v in self.weapon_forms.items() if k not in matched}
        self.weapon_families = weapon_families(self.weapon_forms)
        for surface, form in matched.items():  # 'Bradley (fighting) vehicles' by its ends
            words = surface.split()
            if form.system is not None and len(words) >= 2 and not form.needs_context:
                self.by_first_and_head.setdefault((words[0], words[-1]), surface)
        self.context_words = frozenset(w.lower() for w in kb.weapons.context_words)
        self.civil_modifiers = frozenset(w.lower() for w in kb.weapons.civil_modifiers)
        self.organs = dict(kb.triggers.lexicon.organs)
        self.title_words = frozenset(kb.triggers.lexicon.title_words)
        self.office_words = frozenset(kb.triggers.lexicon.office_words)
        self.part_nouns = frozenset(kb.triggers.lexicon.part_nouns)
        self.support_nouns = frozenset(kb.triggers.lexicon.support_nouns)
        self.programme_nouns = frozenset(kb.triggers.lexicon.programme_nouns)
        self.munitions_of = {str(k): str(v) for k, v in kb.weapons.munitions_of.items()}
        self.community_markers = frozenset(kb.triggers.lexicon.community_markers)
        self.private_people = frozenset(kb.triggers.lexicon.private_people)
        self.origin_markers = set(kb.triggers.lexicon.origin_markers)
        self.actor_matcher.add_all({**self.actor_forms, **self.ambiguous_forms})
        self.weapon_matcher.add_all(matched)  # plurals are looked up per token
        self.stop_matcher.add_all(kb.weapons.not_weapons, label="not_weapon")

    def __call__(self, doc: Doc) -> Doc:
        self.split_hyphenated_names(doc)
        self.weapon_starts = {start for _, start, _ in self.weapon_matcher(doc)}
        doc._.aw_actors = self.find_actors(doc)
        doc._.aw_weapons = self.find_weapons(doc)
        return doc


@Language.factory(
    "armswatch_mentions_v1",
    assigns=["doc._.aw_actors", "doc._.aw_weapons"],
    requires=["token.lemma", "token.dep"],
)
def make_mention_ruler(nlp: Language, name: str) -> MentionRuler:
    return MentionRuler(nlp, name)
