"""Which stated date is a transfer's own (``TimeReader``), and what stands in for it when
none is: a stage of the same transfer dated nearby, the announcement's month, the
dateline, the article's date for a transfer told as current. The dates themselves are
resolved against the article's date in extract/timex.py."""

from __future__ import annotations

import re
from collections.abc import Iterable
from datetime import date, timedelta

from spacy.tokens import Doc, Span, Token

from armswatch.extract.syntax import clause_tokens, governors
from armswatch.extract.timex import (
    MONTH_ONLY,
    WEEKDAY,
    YEAR,
    make_time,
    month_range,
    resolve_time,
)
from armswatch.kb import KnowledgeBase
from armswatch.model import Time
from armswatch.nlp.mentions import WeaponMention

# 'WASHINGTON, December 17, 2025 - ', 'SEOUL, Feb. 7 (UPI) -- ', 'New Taipei, Dec. 16 (CNA) '
DATELINE = re.compile(
    r"^\s*[A-Z][A-Za-z .'-]{2,40},\s+(?P<date>[A-Z][a-z]{2,8}\.? \d{1,2}(?:, \d{4})?)"
    r"\s*(?:\([^)]{1,40}\)\s*(?:-{1,2}|–|—)?|-{1,2}|–|—)\s"
)
ARTICLE_DATE = "(the article's date)"
"""The text of a time no words state, taken from the article's date (``current_at_publication``);
a stated time of the same transfer is preferred to it (extract/merge.py: ``event_time``)."""
STAGES_WITH_A_DATE = {"agreed", "ongoing", "delivered"}  # signing, shipping, handover dates
DEFINITE = {"the", "these", "those", "this", "that", "such"}
CURRENT_TAGS = {"VBZ", "VBP", "VB", "VBG"}  # 'is sending', 'has signed', 'will deliver', 'to buy'


class TimeReader:
    """The transfer's own time for a trigger, in this order (spec/ANNOTATION.md, "Stages
    and announcement dates"):

    1. ``own_date``: a date in the trigger's clause or on a governing verb that is no
       speech verb — 'signed on Thursday a deal to supply …', 'delivered in August';
    2. ``stage_date_nearby``: a stage of the same transfer dated in the previous or next
       sentence, or in any sentence naming the same system — 'Saab to supply Colombia
       with Gripens' + 'Colombia on Friday put its name to a deal … Gripen';
    3. ``announcement_month``: only the announcement carries the day and the transfer is
       current ('has signed', 'will deliver', 'approval of a sale') → that month;
    4. ``dateline``: 'WASHINGTON, December 17, 2025 - …' for the first sentence;
    5. ``reported_as_current``: 'X is sending Y' in the headline or lead, with a dated
       announcement in the opening → that month;
    6. ``current_at_publication``: 'X is sending Y' (or a headline noun, 'New aid for
       Y') in the headline or lead and no date at all → the month of the article's date.

    Dates of statements, deadlines ('by 2019') and battlefield use are never the time.
    """

    def __init__(
        self,
        speech_verbs: Iterable[str],
        stage_words: Iterable[str],
        stop_words: Iterable[str] = (),
        interdiction_verbs: Iterable[str] = (),
    ) -> None:
        self.speech_verbs = frozenset(speech_verbs)
        self.interdiction_verbs = frozenset(interdiction_verbs)  # 'seized on March 3'
        self.stage_words = (frozenset(stage_words) | self.interdiction_verbs) - self.speech_verbs
        self.stop_words = frozenset(stop_words)  # halts and refusals: 'suspended the sale

    @classmethod
    def of_knowledge(cls, kb: KnowledgeBase) -> TimeReader:
        """Stage words: the dated transfer triggers, the governors of the stages after
        planning (sign, order, deal, conclude, arrive …) and the interdiction verbs (a
        seizure dates an interdicted shipment: ANNOTATION.md, "Interdicted shipments")."""
        lexicon = kb.triggers.lexicon
        triggers = {t.lemma for t in kb.triggers.triggers if t.type == "arms_transfer"
                    and t.dates_event}  # fmt: skip
        governed = {w for w, s in lexicon.status_governors.items() if s in STAGES_WITH_A_DATE}
        stops = {w for w, s in lexicon.status_governors.items() if s in {"cancelled", "denied"}}
        return cls(lexicon.speech_verbs, triggers | governed, stops, lexicon.interdiction_verbs)

    def of(self, trigger: Token, published: date | None) -> Time | None:
        own, announced = self.own_date(trigger, published)
        if own is not None:
            return own
        described = self.party_stage_date(trigger, published)
        if described is not None:
            return described
        nearby = self.stage_date_nearby(trigger, published)
        if nearby is not None:
            return nearby
        if announced is not None and self.is_current(trigger):
            return announcement_month(announced)
        dateline = self.dateline(trigger, published)
        if dateline is not None:
            return dateline[1]
        return self.reported_as_current(trigger, published) or self.current_at_publication(
            trigger, published
        )

    def current_at_publication(self, trigger: Token, published: date | None) -> Time | None:
        """'Norway is sending NASAMS to Ukraine' or a headline noun ('More Danish aid for
        Ukraine') in the headline or lead, with no date anywhere: the article places the
        transfer at its own date → that month (ANNOTATION.md: when the text places the
        transfer in the announcement's month, use the month). A past or relative-clause
        report ('Norway sent …', 'Norway has sold …') or a future one ('Norway will send
        …') is not placed this way."""
        if published is None or not self.under_way(trigger):
            return None
        sentences = [s for s in trigger.doc.sents if s.text.strip()][:2]  # headline, lead
        if trigger.sent.start not in {s.start for s in sentences}:
            return None
        start, end = month_range(published.year, published.month)
        return make_time(ARTICLE_DATE, start, end, "month")

    def reported_as_current(self, trigger: Token, published: date | None) -> Time | None:
        """'France is sending SCALP missiles to Ukraine' in the headline or lead, and the
        opening dates its announcement ('Arriving in Vilnius on Tuesday, Macron
        disclosed …'): a transfer under way when announced → the announcement's month.
        Without a dated announcement there is no time ('X is buying Y, officials say')."""
        sentences = [s for s in trigger.doc.sents if s.text.strip()][:2]
        if trigger.sent.start not in {s.start for s in sentences} or trigger.tag_ != "VBG":
            return None
        if not any(c.lower_ in {"is", "are", "am"} and c.dep_ == "aux" for c in trigger.children):
            return None
        for sent in sentences:
            for ent in sent.ents:
                if ent.label_ != "DATE":
                    continue
                verbs = [g for g in governors(ent.root) if g.pos_ in {"VERB", "AUX"}][:2]
                if any(v.lemma_.lower() in self.speech_verbs for v in verbs):
                    time = resolve_entity(ent, published)
                    if time is not None and time.start is not None:
                        return announcement_month(time)
        return None

    def own_date(self, trigger: Token, published: date | None) -> tuple[Time | None, Time | None]:
        """(the first date of the trigger's clause and non-speech governors, the first
        date on a governing speech verb)."""
        scope = {t.i for t in own_clause(trigger) if not in_deadline(t, trigger)}
        for acl in (c for c in trigger.children if c.dep_ == "acl"):  # 'a package, announced on'
            scope |= {t.i for c in acl.children if c.dep_ == "prep" for t in c.subtree}
        scope |= under_agreement_dates(trigger)
        speech_scope: set[int] = set()
        for gov in governors(trigger, max_hops=4):
            if gov.pos_ not in {"VERB", "AUX"}:
                continue
            if gov.lemma_.lower() in self.speech_verbs:  # 'In a statement released on …'
                speakers = [gov]
                if gov.dep_ in {"xcomp", "advcl"}:  # 'used a meeting this morning to announce'
                    speakers.append(gov.head)
                for speaker in speakers:
                    speech_scope |= {t.i for t in clause_tokens(speaker)}
                    for child in speaker.children:
                        if child.dep_ in {"prep", "npadvmod", "advmod"}:
                            speech_scope |= {t.i for t in child.subtree}
                    speech_scope |= said_before_clause(speaker)
                scope -= speech_scope
                break
            scope |= {t.i for t in own_clause(gov) if not in_deadline(t, gov)}
            scope |= under_agreement_dates(gov)
        dateline = self.dateline(trigger, published)
        own = announced = None
        for ent in trigger.sent.ents:
            if ent.label_ not in {"DATE", "TIME"} or (
                dateline is not None and ent.start < dateline[0]
            ):
                continue  # TIME: 'this morning', 'tonight' resolve to the day
            if ent.root.i in scope and own is None:
                own = resolve_entity(ent, published)
                carrier = next((g for g in governors(ent.root) if g.pos_ in {"VERB", "AUX"}), None)
                if own is not None and carrier is not None and told_as_future(carrier):
                    own = ahead_of(own, published)  # 'will deliver the boats in June'
            elif ent.root.i in speech_scope and announced is None:
                announced = resolve_entity(ent, published)
        return own, announced

    def party_stage_date(self, trigger: Token, published: date | None) -> Time | None:
        """A stage of the same transfer told in a relative clause on the subject of the
        trigger's clause: 'the UAE, *which bought the guns in a 2019 deal*, is the only
        country known to have imported AH-4 howitzers from China' → 2019. The clause's
        verb is a stage word and its items are the same: the same named system, or a
        definite word of the same kind ('the guns'); 'Egypt, which bought Rafale jets in
        2015, will buy Su-35s' tells two transfers."""
        told = weapons_at(trigger.doc, {t.i for t in own_clause(trigger)})
        if not told:
            return None
        for host in (trigger, *governors(trigger)):
            subjects = [c for c in host.children if c.dep_ in {"nsubj", "nsubjpass"}]
            clauses = [c for s in subjects for c in s.children if c.dep_ == "relcl"]
            for clause in clauses:
                if clause.lemma_.lower() not in self.stage_words:
                    continue
                tokens = {t.i for t in own_clause(clause) if not in_deadline(t, clause)}
                if not any(same_items(w, told) for w in weapons_at(trigger.doc, tokens)):
                    continue
                for ent in trigger.sent.ents:
                    if ent.label_ == "DATE" and ent.root.i in tokens:
                        time = resolve_entity(ent, published)
                        if time is not None and time.start is not None:
                            return time
        return None

    def stage_date_nearby(self, trigger: Token, published: date | None) -> Time | None:
        """A dated stage of the same transfer in a neighbouring sentence (the same weapon
        kind and a shared actor) or anywhere in the article (the same named system):
        'The deal, concluded late last year, provides for … Cheongung-II missiles'."""
        sent = trigger.sent
        sentences = [s for s in trigger.doc.sents if s.text.strip()]
        index = next((n for n, s in enumerate(sentences) if s.start == sent.start), None)
        if index is None:
            return None
        systems, categories, actors = mentions_in(sent)
        if not systems and not categories:
            return None
        ordered = sorted(
            (n for n in range(len(sentences)) if n != index), key=lambda n: abs(n - index)
        )
        for n in ordered:
            other = sentences[n]
            other_systems, other_categories, other_actors = mentions_in(other)
            same_system = bool(systems & other_systems)
            adjacent = abs(n - index) == 1 and bool(categories & other_categories)
            same_actors = bool(actors & other_actors) or not other_actors  # 'The tanks arrived'
            same_act = self.same_act(trigger, other) and bool(categories & other_categories)
            if not (same_system or same_act or (adjacent and same_actors)):
                continue
            time = self.stage_date_in(other, published)
            if time is not None and not is_future(time, published):
                return time
        return None

    def same_act(self, trigger: Token, other: Span) -> bool:
        """The other sentence reports the same kind of act with the same verb: 'arms for
        the rebels seized' + 'the patrol ship had on March 3 seized weapons from a dhow'.
        Only for interdictions, which the text reports again with their day."""
        lemma = trigger.lemma_.lower()
        return lemma in self.interdiction_verbs and any(
            t.lemma_.lower() == lemma and t.pos_ == "VERB" for t in other
        )

    def stage_date_in(self, sent: Span, published: date | None) -> Time | None:
        """The first resolvable date in ``sent`` attached to a stage: its verb is a stage
        word or has one in its clause ('concluded late last year', 'arrived on Sunday',
        'on Friday put its name to a deal'); dates of speech are skipped."""
        dateline = self.dateline(sent[0], published)
        for ent in sent.ents:
            if ent.label_ != "DATE" or (dateline is not None and ent.start < dateline[0]):
                continue
            verb = next((g for g in governors(ent.root) if g.pos_ in {"VERB", "AUX"}), None)
            if verb is None or in_deadline(ent.root, verb):
                continue
            lemma = verb.lemma_.lower()
            speaks = lemma in self.speech_verbs and any(
                c.dep_ in {"ccomp", "parataxis"} for c in verb.children
            )
            near = [verb, *own_clause(verb)]
            if verb.dep_ in {"acl", "relcl"}:  # 'the deal, concluded late last year'
                near.append(verb.head)
            if speaks or lemma in self.stop_words:
                continue  # a statement's or a halt's day
            if not any(t.lemma_.lower() in self.stage_words for t in near):
                continue
            time = resolve_entity(ent, published)
            if time is not None and time.start is not None:
                return time
        return None

    @staticmethod
    def is_current(trigger: Token) -> bool:
        """Whether the text places the transfer at the time of its announcement: a
        present, present perfect or future form, an infinitive or an event noun. In a
        relative clause only a future counts: 'the Anka, which Turkey has exported to
        Kazakhstan, the maker said on Wednesday' is background, 'a contract, under which
        Romania will import K9s' is the news."""
        if trigger.pos_ != "VERB":
            return True
        auxes = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
        if trigger.dep_ == "relcl":
            return bool(auxes & {"will", "shall", "'ll"})
        return trigger.tag_ in CURRENT_TAGS or bool(auxes & {"has", "have", "will", "is", "are"})

    @staticmethod
    def under_way(trigger: Token) -> bool:
        """An event noun or a present, non-perfect, non-future verb: 'is sending', 'ships',
        'New aid for Y' (not 'has sent', 'will send', 'to send'); a noun that is the object
        or subject of a verb takes the verb's tense ('has taken receipt' is done)."""
        if trigger.pos_ != "VERB":
            verb = trigger.head
            if trigger.dep_ in {"dobj", "nsubj", "nsubjpass"} and verb.pos_ in {"VERB", "AUX"}:
                return TimeReader.under_way(verb)
            return True
        auxes = {c.lower_ for c in trigger.children if c.dep_ in {"aux", "auxpass"}}
        if auxes - {"is", "are", "am"} or trigger.dep_ == "relcl":
            return False
        return trigger.tag_ in {"VBZ", "VBP"} or (trigger.tag_ == "VBG" and bool(auxes))

    @staticmethod
    def dateline(trigger: Token, published: date | None) -> tuple[int, Time] | None:
        """'WASHINGTON, December 17, 2025 - The State Department has …': the dateline's
        date is the time of what the first sentence (or the lead after a headline)
        reports. RETURNS (token index where the dateline ends, its Time), or None."""
        sent = trigger.sent
        opening = [s.start for s in trigger.doc.sents if s.text.strip()][:2]  # headline, lead
        if sent.start not in opening:
            return None
        match = DATELINE.match(trigger.doc.text[sent.start_char : sent.start_char + 120])
        if match is None:
            return None
        time = resolve_time(match["date"], published)
        if time is None or time.start is None:
            return None
        end = trigger.doc.char_span(
            sent.start_char, sent.start_char + match.end(), alignment_mode="expand"
        )
        return (end.end if end is not None else sent.start), time


def own_clause(head: Token) -> list[Token]:
    """The clause of ``head`` without coordinated clauses: in 'Taiwan has received the
    tanks, and on Monday they were moved', Monday is the move's day, not the receipt's."""
    conjoined = {
        t.i
        for c in head.children
        if c.dep_ == "conj" and c.pos_ in {"VERB", "AUX"}
        for t in c.subtree
    }
    return [t for t in clause_tokens(head) if t.i not in conjoined]


def said_before_clause(speaker: Token) -> set[int]:
    """The words between a speech verb and the subject of its reported clause belong to
    the speech, however the parser hung them: 'Spain said *on Monday* it will deliver …'
    (the parser puts 'on Monday' in the reported clause)."""
    found: set[int] = set()
    for clause in (c for c in speaker.children if c.dep_ == "ccomp" and c.i > speaker.i):
        subject = next((c for c in clause.children if c.dep_ in {"nsubj", "nsubjpass"}), None)
        if subject is None:
            continue
        start = subject.left_edge.i
        found |= {
            t.i
            for c in clause.children
            if c.dep_ in {"prep", "npadvmod"} and speaker.i < c.i < start
            for t in c.subtree
        }
    return found


def under_agreement_dates(head: Token) -> set[int]:
    """The tokens of an 'under …' phrase on ``head``: 'making the deliveries under a deal
    concluded in February 2022' — the signing of the deal the transfer is made under is a
    stage of it (ANNOTATION.md, "Stages and announcement dates"). A relative clause right
    after the phrase is the deal's even when the parser hangs its pronoun on the verb:
    'will have received the jets under the terms of an agreement *that* the two countries
    signed on Tuesday'."""
    scope: set[int] = set()
    for prep in head.children:
        if prep.dep_ != "prep" or prep.lower_ != "under":
            continue
        phrase = [t.i for t in prep.subtree]
        scope |= set(phrase)
        following = head.doc[max(phrase) + 1] if max(phrase) + 1 < len(head.doc) else None
        if following is not None and following.tag_ == "WDT" and following.head == head:
            scope |= {t.i for t in following.subtree}
    return scope


def in_deadline(token: Token, trigger: Token) -> bool:
    """'by 2019' is a deadline, not the time of the event."""
    return any(g.dep_ == "prep" and g.lower_ == "by" for g in token.ancestors if g != trigger)


def resolve_entity(ent: Span, published: date | None) -> Time | None:
    """A DATE entity resolved, with a preceding 'since' kept ('since 2022' is a range)."""
    doc = ent.doc
    before = doc[ent.start - 1] if ent.start > 0 else None
    text = f"since {ent.text}" if before is not None and before.lower_ == "since" else ent.text
    time = resolve_time(text, published)
    return time.model_copy(update={"text": ent.text}) if time is not None else None


FUTURE_AUX = {"will", "shall", "'ll"}


def told_as_future(trigger: Token) -> bool:
    """'will deliver', 'is to be dispatched', 'is set to deliver' (on the verb, the verb
    an event noun is the subject or object of, or the verb an infinitive completes)."""
    verb = trigger
    if trigger.pos_ != "VERB" and trigger.dep_ in {"nsubj", "nsubjpass", "dobj"}:
        verb = trigger.head
    for word in (verb, *governors(verb, max_hops=3)):
        auxes = {c.lower_ for c in word.children if c.dep_ in {"aux", "auxpass"}}
        if word.pos_ in {"VERB", "AUX"} and auxes & FUTURE_AUX:
            return True
        head = word.head
        if "to" in auxes and word.dep_ == "xcomp" and head.lemma_ in {"be", "set"}:
            return head.tag_ != "VBD"  # 'is to be sent', 'is set to send'
        if word.dep_ != "xcomp":  # 'will sign a deal to supply', 'is due to deliver'
            return False
    return False


def ahead_of(time: Time, published: date | None) -> Time:
    """A future act's month or weekday with no year lies after the article's date: 'will
    deliver the boats in June' (March 2024) → June 2024, not June 2023; 'will sign on
    Monday' → the coming Monday. Stated years stay as they are."""
    if published is None or time.start is None or YEAR.search(time.text or ""):
        return time
    start = date.fromisoformat(time.start)
    if start >= published or time.precision not in {"day", "month", "range"}:
        return time
    text = time.text or ""
    if time.precision == "day" and WEEKDAY.search(text) and not MONTH_ONLY.search(text):
        moved = start + timedelta(days=7)
        return make_time(text, moved, moved, "day")
    end = date.fromisoformat(time.end) if time.end else start
    if (end - start).days > 366:
        return time
    return make_time(text, a_year_later(start), a_year_later(end), time.precision or "day")


def a_year_later(day: date) -> date:
    """The same day a year on (28 February for 29 February)."""
    return day.replace(year=day.year + 1, day=min(day.day, 28) if day.month == 2 else day.day)


def is_future(time: Time, published: date | None) -> bool:
    """A date after the article's: 'deliveries will begin in 2027' is a later stage."""
    return published is not None and (time.start or "") > published.isoformat()


def announcement_month(time: Time) -> Time:
    """The month of an announcement's day: 'approved on Wednesday, April 1' → April."""
    if time.precision != "day" or time.start is None:
        return time
    day = date.fromisoformat(time.start)
    start, end = month_range(day.year, day.month)
    return make_time(time.text or "", start, end, "month")


def weapons_at(doc: Doc, tokens: set[int]) -> list[WeaponMention]:
    """The weapon mentions whose head is one of ``tokens``."""
    return [w for w in doc._.aw_weapons or [] if w.span.root.i in tokens]


def same_items(mention: WeaponMention, told: list[WeaponMention]) -> bool:
    """Whether ``mention`` names items of ``told``: the same system, or a definite word
    of the same kind with no system of its own ('the guns' for AH-4 howitzers)."""
    system = mention.weapon.system
    if system is not None:
        return any(w.weapon.system == system for w in told)
    definite = any(c.dep_ == "det" and c.lower_ in DEFINITE for c in mention.span.root.children)
    return definite and any(w.weapon.category == mention.weapon.category for w in told)


def mentions_in(sent: Span) -> tuple[set[str], set[str], set[str]]:
    """(weapon systems, weapon categories, actor keys) mentioned in ``sent``."""
    weapons = [w for w in sent.doc._.aw_weapons or [] if sent.start <= w.span.start < sent.end]
    actors = [a for a in sent.doc._.aw_actors or [] if sent.start <= a.span.start < sent.end]
    systems = {w.weapon.system for w in weapons if w.weapon.system}
    return systems, {w.weapon.category for w in weapons}, {a.key for a in actors}
