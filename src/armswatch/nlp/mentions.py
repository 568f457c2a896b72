"""Component ``armswatch_mentions_v1``: actor and weapon mentions from the gazetteers.

(Registered as ``armswatch_mentions_v1``: spaCy forbids dots in factory names.)

Assigns ``doc._.aw_actors`` and ``doc._.aw_weapons`` (lists of mentions, in text order).
Short anaphoric forms ("the North") count only after their actor was introduced.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from dataclasses import dataclass

from spacy.language import Language
from spacy.matcher import PhraseMatcher
from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from armswatch.kb import KnowledgeBase
from armswatch.kb.schema import ActorEntry
from armswatch.nlp.gazetteer import (
    ActorForm,
    WeaponForm,
    actor_surface_forms,
    weapon_surface_forms,
)


@dataclass
class ActorMention:
    """An actor named in the text (token span ``start:end``)."""

    span: Span
    actor: ActorEntry
    form: str
    kind: str

    @property
    def key(self) -> str:
        return self.actor.country or self.actor.id


@dataclass
class WeaponMention:
    """A weapon system or generic weapon noun (token span ``start:end``)."""

    span: Span
    weapon: WeaponForm


for _name in ("aw_actors", "aw_weapons"):
    if not Doc.has_extension(_name):
        Doc.set_extension(_name, default=None)


class MentionRuler:
    """Finds actor and weapon mentions with two PhraseMatchers built from the KB."""

    def __init__(self, nlp: Language, name: str) -> None:
        self.name = name
        self.vocab = nlp.vocab
        self.actor_matcher = PhraseMatcher(nlp.vocab, attr="ORTH")
        self.weapon_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.stop_matcher = PhraseMatcher(nlp.vocab, attr="LOWER")
        self.actor_forms: dict[str, ActorForm] = {}
        self.weapon_forms: dict[str, WeaponForm] = {}
        self.organs: dict[str, str] = {}
        self.origin_markers: set[str] = set()

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
        self.weapon_forms = weapon_surface_forms(kb)
        self.organs = dict(kb.triggers.lexicon.organs)
        self.origin_markers = set(kb.triggers.lexicon.origin_markers)
        for surface in self.actor_forms:
            self.actor_matcher.add(surface, [nlp.make_doc(surface)])
        for surface in self.weapon_forms:
            self.weapon_matcher.add(surface, [nlp.make_doc(surface)])
        for phrase in kb.weapons.not_weapons:
            self.stop_matcher.add("not_weapon", [nlp.make_doc(phrase)])

    def __call__(self, doc: Doc) -> Doc:
        doc._.aw_weapons = self.find_weapons(doc)
        doc._.aw_actors = self.find_actors(doc)
        return doc

    def find_weapons(self, doc: Doc) -> list[WeaponMention]:
        spans = [
            Span(doc, start, end, label=match_id)
            for match_id, start, end in self.weapon_matcher(doc)
        ]
        stops = [(start, end) for _, start, end in self.stop_matcher(doc)]
        spans = [
            s
            for s in spans
            if not self.inside_hyphenated_adjective(s)
            and not any(start < s.end and s.start < end for start, end in stops)
        ]
        return [
            WeaponMention(span, self.weapon_forms[span.label_])
            for span in sorted(filter_spans(spans), key=lambda s: s.start)
        ]

    @staticmethod
    def inside_hyphenated_adjective(span: Span) -> bool:
        """'anti-tank' in 'anti-tank missiles' is not the noun 'tank'."""
        doc = span.doc
        return span.start > 0 and doc[span.start - 1].text == "-" and span.start > 1

    def find_actors(self, doc: Doc) -> list[ActorMention]:
        spans = [
            Span(doc, start, end, label=match_id)
            for match_id, start, end in self.actor_matcher(doc)
        ]
        mentions: list[ActorMention] = []
        introduced: set[str] = set()
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            form = self.actor_forms[span.label_]
            if form.form == "short" and form.actor.id not in introduced:
                continue
            if form.form in {"name", "capital"} and self.is_part_of_longer_name(span):
                continue
            introduced.add(form.actor.id)
            mentions.append(ActorMention(span, form.actor, form.form, self.kind_of(span, form)))
        return mentions

    def is_part_of_longer_name(self, span: Span) -> bool:
        """'Washington' in 'Washington Post' is not an actor; 'U.S. Intelligence' is."""
        doc = span.doc
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.lemma_.lower() in self.organs:
                return False
            if any(w.span.start == span.end for w in doc._.aw_weapons or []):
                return False  # 'to Armenia Pinaka launchers': a weapon name follows
            if nxt.pos_ == "PROPN" and nxt.ent_iob_ == "I" and nxt.ent_type_ in {"ORG", "FAC"}:
                return span.root.ent_type_ not in {"GPE", "NORP"}
        return False

    def kind_of(self, span: Span, form: ActorForm) -> str:
        """The actor kind this mention stands for (state, government, official …)."""
        actor = form.actor
        if form.form == "person":
            return form.person_kind or "official"
        if actor.kind != "state":
            return actor.kind
        if form.form == "capital":
            return "government"
        if form.form in {"adjective", "name"}:
            head = self.organ_head(span)
            if head is not None:
                return self.organs[head.lemma_.lower()]
        return "state"

    def organ_head(self, span: Span) -> Token | None:
        """'Russian officials' → 'officials'; 'the Russian Ministry of Defense' → 'Ministry'."""
        head = span.root.head
        if span.root.dep_ in {"amod", "compound", "nmod", "poss"} and (
            head.lemma_.lower() in self.organs
        ):
            return head
        return None


@Language.factory(
    "armswatch_mentions_v1",
    assigns=["doc._.aw_actors", "doc._.aw_weapons"],
    requires=["token.lemma", "token.dep"],
)
def make_mention_ruler(nlp: Language, name: str) -> MentionRuler:
    return MentionRuler(nlp, name)
