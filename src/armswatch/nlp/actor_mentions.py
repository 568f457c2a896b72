"""Actor mentions: the actor half of the component ``armswatch_mentions_v1``.

States, organisations and people from the gazetteer (actors.yaml), shared forms decided
by the article, and people the gazetteer does not know by their title or office.
"""

from __future__ import annotations

import re

from spacy.tokens import Doc, Span, Token
from spacy.util import filter_spans

from armswatch.nlp.gazetteer import ActorForm, AmbiguousActorForm, choose_actor
from armswatch.nlp.mention_types import ActorMention
from armswatch.nlp.phrases import PhraseTable

DESCRIPTION_WINDOW = 16
"""Tokens after 'Name,' searched for the description of the person's office."""
LEADER_TITLES = {"president", "prime", "premier", "chancellor", "king", "emir", "leader"}
"""Titles of heads of state or government: their holders are of kind leader."""
HYPHENATED_AFTER_STOP = re.compile(r"^(\w[\w.]*\.)-(\w[\w.]*)$")
"""A token such as 'U.S.-Japan' or 'D.C.-Tokyo' that the tokenizer did not split."""
COMPASS_WORDS = {"West", "North", "South", "East"}
"""A name ending in one of these is part of a longer name when a capitalised word follows:
'the West African country', 'the West Bank', 'the South China Sea' (not 'the West')."""
TITLES = {
    "President", "Prime", "Minister", "Secretary", "Chancellor", "Leader", "General",
    "Gen.", "Mr.", "Mrs.", "Ms.", "Mr", "Mrs", "Ms", "Dr.", "Sen.", "Senator", "Rep.",
    "King", "Crown", "Prince", "Sheikh", "Supreme", "Chairman", "Premier", "Admiral",
    "Adm.", "Colonel", "Col.", "Marshal", "Field", "Commander", "Foreign", "Defence",
    "Defense", "Ambassador", "Envoy", "Vice", "Deputy", "Director", "Chief", "Lt.",
    "Maj.", "Emir", "Sultan", "Speaker", "Governor", "Comrade", "Chairwoman", "Leader's",
}  # fmt: skip
"""Words that may stand before or after a leader's surname without making it another
person's name ('President Biden' is Biden; 'Hunter Biden' is not)."""


class ActorMentions:
    """The actor-finding half of ``MentionRuler`` (its lexicons are set by its
    ``initialize``)."""

    weapon_starts: set[int]
    actor_matcher: PhraseTable
    actor_forms: dict[str, ActorForm]
    ambiguous_forms: dict[str, AmbiguousActorForm]
    organs: dict[str, str]
    title_words: frozenset[str]
    office_words: frozenset[str]
    community_markers: frozenset[str]
    private_people: frozenset[str]

    def find_actors(self, doc: Doc) -> list[ActorMention]:
        spans = [
            Span(doc, start, end, label=surface) for surface, start, end in self.actor_matcher(doc)
        ]
        # 'the South' in 'the South Korean government' must not hide 'South Korean' when
        # overlapping spans are resolved
        spans = [s for s in spans if not compass_of_longer_name(s)]
        mentions: list[ActorMention] = []
        introduced: set[str] = set()
        ambiguous: list[Span] = []
        for span in sorted(filter_spans(spans), key=lambda s: s.start):
            if span.label_ in self.ambiguous_forms:
                ambiguous.append(span)
                continue
            form = self.actor_forms[span.label_]
            if form.form == "short" and form.actor.id not in introduced:
                continue
            if form.form in {"name", "capital", "short"} and self.is_part_of_longer_name(span):
                continue
            if form.form == "person" and self.is_another_persons_name(span, form):
                continue
            if form.form == "adjective" and self.describes_private_people(span):
                continue
            introduced.add(form.actor.id)
            mentions.append(ActorMention(span, form.actor, form.form, self.kind_of(span, form)))
        if ambiguous:
            mentions = sorted(
                mentions + self.resolve_ambiguous(doc, ambiguous, introduced),
                key=lambda m: m.span.start,
            )
        titled = self.titled_people(doc, mentions)
        if titled:
            mentions = sorted(mentions + titled, key=lambda m: m.span.start)
        described = self.described_people(doc, mentions)
        if described:
            mentions = sorted(mentions + described, key=lambda m: m.span.start)
        return mentions

    def described_people(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A name the knowledge base does not know, described right after its first use as
        holding an office of a state, is that state's official there and wherever its
        surname recurs: 'Seth Bailey, who directs Korean affairs at the U.S. Department of
        State, …' + 'Bailey set out evidence' → USA; 'Amos Kibet, a senior Kenyan
        official,' → KEN."""
        covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
        states = {m.span.start: m for m in mentions if m.actor.kind == "state"}
        found: list[ActorMention] = []
        surnames: dict[str, ActorMention] = {}
        for ent in doc.ents:
            if ent.label_ != "PERSON" or any(i in covered for i in range(ent.start, ent.end)):
                continue
            if ent.text.split()[-1] in surnames:
                known = surnames[ent.text.split()[-1]]
                found.append(ActorMention(ent, known.actor, "person", known.kind))
                covered.update(range(ent.start, ent.end))
                continue
            if len(ent) < 2 or ent.end >= len(doc) or doc[ent.end].text != ",":
                continue
            window = doc[ent.end + 1 : min(ent.end + DESCRIPTION_WINDOW, len(doc))]
            stop = next((t.i for t in window if t.text in {",", ".", ";"}), window.end)
            clause = doc[ent.end + 1 : stop]
            if len(clause) and clause[0].pos_ in {"VERB", "AUX"}:
                continue  # 'X, praised Y's government forces': the sentence goes on
            state = next(  # the state that holds the office, not a subject ('Korean affairs')
                (
                    states[t.i]
                    for t in clause
                    if t.i in states and states[t.i].span.end < len(doc)
                    and (states[t.i].kind != "state" or self.office_follows(states[t.i].span))
                ),
                None,
            )  # fmt: skip
            if state is None or not any(t.lemma_.lower() in self.office_words for t in clause):
                continue
            mention = ActorMention(ent, state.actor, "person", "official")
            found.append(mention)
            surnames[ent.text.split()[-1]] = mention
            covered.update(range(ent.start, ent.end))
        for token in doc:  # the surname alone later on, however the tagger read it
            if token.text in surnames and token.i not in covered and token.i > 0:
                known = surnames[token.text]
                if token.i > known.span.start:
                    found.append(
                        ActorMention(doc[token.i : token.i + 1], known.actor, "person", known.kind)
                    )
                    covered.add(token.i)
        return found

    def titled_people(self, doc: Doc, mentions: list[ActorMention]) -> list[ActorMention]:
        """A name the knowledge base does not know, after a title with a nationality, is
        the state's official: 'Zimbabwean Prime Minister Tendai Moyo', 'Kenya's Defence
        Minister Amos Kibet' → the person's words stand for ZWE, KEN (kind leader for
        heads of state and government, else official)."""
        covered = {i for m in mentions for i in range(m.span.start, m.span.end)}
        found = []
        for mention in mentions:
            if mention.actor.kind != "state" or mention.form not in {"adjective", "name"}:
                continue
            i = mention.span.end
            if i < len(doc) and doc[i].text in {"'s", "’s"}:
                i += 1
            title = i
            title_or_organ = self.title_words | self.organs.keys()
            while i < len(doc) and doc[i].lower_ in title_or_organ:
                i += 1
            words = {t.lower_ for t in doc[title:i]}
            organ = [self.organs[w] for w in words if w in self.organs]
            if not organ or i >= len(doc) or doc[i].ent_type_ != "PERSON" or i in covered:
                continue
            end = i
            while end < len(doc) and doc[end].ent_type_ == "PERSON" and end not in covered:
                end += 1
            kind = "leader" if words & LEADER_TITLES else "official"
            found.append(ActorMention(doc[i:end], mention.actor, "person", kind))
            covered.update(range(i, end))
        return found

    def split_hyphenated_names(self, doc: Doc) -> None:
        """Split tokens the tokenizer keeps whole after an abbreviation's full stop, when a
        part is an actor: 'U.S.-Japan' → 'U.S.', '-', 'Japan'; 'D.C.-Tokyo' → 'D.C.', '-',
        'Tokyo' (as 'Seoul-Tokyo' already is). The last part keeps the token's place in
        the parse; the first hangs on it as a compound."""
        known = self.actor_forms.keys() | self.ambiguous_forms.keys()
        splits = []
        for token in doc:
            match = HYPHENATED_AFTER_STOP.match(token.text)
            if match and (match.group(1) in known or match.group(2) in known):
                splits.append((token, match.group(1), match.group(2)))
        if not splits:
            return
        with doc.retokenize() as retokenizer:
            for token, first, second in splits:
                retokenizer.split(
                    token,
                    [first, "-", second],
                    heads=[
                        (token, 2),
                        (token, 2),
                        token.head if token.head != token else (token, 2),
                    ],
                    attrs={
                        "DEP": ["compound", "punct", token.dep_],
                        "POS": ["PROPN", "PUNCT", token.pos_],
                        "LEMMA": [first, "-", second],
                    },
                )

    def resolve_ambiguous(
        self, doc: Doc, spans: list[Span], mentioned: set[str]
    ) -> list[ActorMention]:
        """Mentions of shared forms ('Congo', 'SAF', 'CAR') that the article decides, by
        the actors it names otherwise and the cues of the rule (gazetteer.choose_actor)."""
        found = []
        for span in spans:
            rule = self.ambiguous_forms[span.label_]
            actor = choose_actor(rule, doc.text, mentioned)
            if actor is None or self.is_part_of_longer_name(span):
                continue
            form = ActorForm(actor, rule.rule.kind)
            candidate = next(c for c in rule.rule.candidates if c.actor == actor.id)
            kind = candidate.kind or self.kind_of(span, form)
            found.append(ActorMention(span, actor, form.form, kind))
        return found

    def describes_private_people(self, span: Span) -> bool:
        """A country adjective that names a community, not the state: after a community
        marker ('*ethnic* Albanian parties') or on a noun of private people ('Chilean
        *protesters*', 'Nepali *students*'). Lexicon ``community_markers``,
        ``private_people``."""
        doc = span.doc
        if span.start > 0 and doc[span.start - 1].lower_ in self.community_markers:
            return True
        head = span.root.head
        return (
            span.root.dep_ in {"amod", "compound", "nmod"}
            and head.i >= span.end
            and head.lemma_.lower() in self.private_people
        )

    @staticmethod
    def is_another_persons_name(span: Span, form: ActorForm) -> bool:
        """A listed person's one-word alias (a surname) next to another capitalised name
        is someone else: 'Kim Soo-yeon' is not Kim Jong Un, 'Hunter Biden' not Joe Biden;
        titles do not count ('President Biden', 'Chairman Kim')."""
        if len(span) != 1:
            return False
        doc = span.doc
        token = span[0]
        neighbours = []
        if span.start > 0 and token.ent_iob_ == "I":  # the name goes on before it
            neighbours.append(doc[span.start - 1])
        if span.end < len(doc) and doc[span.end].ent_iob_ == "I":  # … or after it
            neighbours.append(doc[span.end])
        return token.ent_type_ == "PERSON" and any(
            t.text[:1].isupper() and t.text not in TITLES and not t.is_punct for t in neighbours
        )

    def is_part_of_longer_name(self, span: Span) -> bool:
        """'Washington' in 'Washington Post' is not an actor; 'U.S. Intelligence' is; 'the
        West' in 'the West African country' or 'the West Bank' is not the West."""
        doc = span.doc
        if compass_of_longer_name(span):
            return True
        if span.end < len(doc):
            nxt = doc[span.end]
            if nxt.lemma_.lower() in self.organs:
                return False
            if span.end in self.weapon_starts:
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

    def office_follows(self, span: Span) -> bool:
        """'U.S. Department of State', 'Kenyan official': an office word right after the
        name, or in a name that is itself an office ('the *Department* of State')."""
        doc = span.doc
        following = [*span, *doc[span.end : min(span.end + 3, len(doc))]]
        return any(t.lemma_.lower() in self.office_words for t in following if t.is_alpha)

    def organ_head(self, span: Span) -> Token | None:
        """'Russian officials' → 'officials'; 'the Russian Ministry of Defense' → 'Ministry'."""
        head = span.root.head
        if span.root.dep_ in {"amod", "compound", "nmod", "poss"} and (
            head.lemma_.lower() in self.organs
        ):
            return head
        return None


def compass_of_longer_name(span: Span) -> bool:
    """A span ending in a compass word that a capitalised word continues: 'the West' in
    'the West Bank', 'the South' in 'the South Korean government'."""
    doc = span.doc
    if span.end >= len(doc) or span[-1].text not in COMPASS_WORDS:
        return False
    nxt = doc[span.end]
    return nxt.is_title and nxt.is_alpha
