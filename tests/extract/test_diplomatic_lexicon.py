# ruff: noqa: E501  (one sentence per table row)
"""Word families of the diplomatic event types: one invented sentence per family member.

Every sentence was written for these tests, with states and words that no gold text
uses for the fact. A row gives the event that must be found; ``NEGATIVES`` give texts
that must not yield an event of the named type (diplomats versus other people expelled,
wishes, failed talks, agreement nouns with one party).
"""

from __future__ import annotations

import pytest
from eventcases import Case, assert_no_event, assert_yields

from armswatch.kb import load_kb
from armswatch.model import Article
from armswatch.pipeline import Analyzer

CASES = [
    # meeting: phoning, talking, visiting, receiving
    Case("telephone verb", "Peru's president telephoned his Chilean counterpart on Monday.",
         "meeting", {"PER"}, {"CHL"}),
    Case("speak with", "The Norwegian foreign minister spoke with her Polish counterpart by phone.",
         "meeting", {"NOR"}, {"POL"}),
    Case("confer with", "Portugal's defence minister conferred with Angolan officials in Luanda.",
         "meeting", {"PRT"}, {"AGO"}),
    Case("receive a visitor", "Kazakhstan's president received the Mongolian foreign minister in Astana.",
         "meeting", {"KAZ"}, {"MNG"}),
    Case("negotiations between", "Negotiations between Ghana and Togo resumed in Lomé.",
         "meeting", {"GHA"}, {"TGO"}),
    Case("hold a phone call with", "Uruguay's president held a phone call with his Paraguayan counterpart.",
         "meeting", {"URY"}, {"PRY"}),
    Case("in a call with, the clause's subject", "In a video call with Mongolia's premier, the Kazakh president discussed rail links.",
         "meeting", {"KAZ"}, {"MNG"}),
    Case("during talks with", "During talks with Bhutan on Friday, Nepal offered new trade routes.",
         "meeting", {"NPL"}, {"BTN"}),
    # agreement: ratifying, declaring, concluding
    Case("ratify with", "Moldova ratified a customs agreement with Romania on Thursday.",
         "agreement", {"MDA"}, {"ROU"}),
    Case("joint declaration", "Vietnam and the Philippines issued a joint declaration on fisheries.",
         "agreement", {"VNM"}, {"PHL"}),
    Case("accord between", "An accord between Senegal and Gambia on river transit took effect in May.",
         "agreement", {"SEN"}, {"GMB"}),
    Case("reach an agreement", "Uruguay and Paraguay reached an agreement on river dredging.",
         "agreement", {"URY"}, {"PRY"}),
    # condemnation: the censure family
    Case("blast", "Lithuania's president blasted Hungary's veto of the aid.",
         "condemnation", {"LTU"}, {"HUN"}),
    Case("lash out at", "Caracas lashed out at Georgetown over the oil licences.",
         "condemnation", {"VEN"}, {"GUY"}),
    Case("hit out at", "Slovenia hit out at Croatia for closing the crossing.",
         "condemnation", {"SVN"}, {"HRV"}),
    Case("deplore", "Japan deplored the missile launch by North Korea.",
         "condemnation", {"JPN"}, {"PRK"}),
    Case("rebuke", "Finland rebuked Belarus over the border incidents.",
         "condemnation", {"FIN"}, {"BLR"}),
    Case("lodge a protest", "Brazil lodged a formal protest with Argentina over the arrests.",
         "condemnation", {"BRA"}, {"ARG"}),
    Case("complain over", "Lebanon complained to the United Nations over two Syrian air raids.",
         "condemnation", {"LBN"}, {"SYR"}),
    Case("summon an ambassador", "Ecuador summoned the Peruvian ambassador on Tuesday.",
         "condemnation", {"ECU"}, {"PER"}),
    Case("protests by", "The protests by Kenya over Ugandan fishing raids went unanswered.",
         "condemnation", {"KEN"}, {"UGA"}),
    Case("critical of", "Austria was sharply critical of Serbia's troop movements.",
         "condemnation", {"AUT"}, {"SRB"}),
    # sanction_imposed: reimposing, freezing, extending
    Case("place on a blacklist", "Ottawa placed two Belarusian banks on its blacklist.",
         "sanction_imposed", {"CAN"}, {"BLR"}),
    Case("reimpose", "Canada reimposed sanctions on Nicaragua.",
         "sanction_imposed", {"CAN"}, {"NIC"}),
    Case("freeze assets", "The EU froze the assets of several Belarusian banks.",
         "sanction_imposed", {"eu"}, {"BLR"}),
    Case("extend sanctions", "Britain extended its sanctions on Myanmar for another year.",
         "sanction_imposed", {"GBR"}, {"MMR"}),
    # diplomatic_break: expelling diplomats, recalling, suspending, closing
    Case("expel diplomats", "Switzerland expelled two Russian diplomats for spying.",
         "diplomatic_break", {"CHE"}, {"RUS"}),
    Case("recall an ambassador", "Ghana recalled its ambassador to Togo.",
         "diplomatic_break", {"GHA"}, {"TGO"}),
    Case("suspend links", "Italy suspended air links with Serbia on Wednesday.",
         "diplomatic_break", {"ITA"}, {"SRB"}),
    Case("declare persona non grata", "Peru declared two Bolivian diplomats persona non grata on Monday.",
         "diplomatic_break", {"PER"}, {"BOL"}),
    Case("order staff out", "Chile ordered Venezuelan embassy staff out of the country.",
         "diplomatic_break", {"CHL"}, {"VEN"}),
    Case("close an embassy", "Argentina closed its embassy in Caracas.",
         "diplomatic_break", {"ARG"}, {"VEN"}),
    # military_exercise: drills as a verb, manoeuvres
    Case("drill with", "The Turkish navy drilled with the Pakistani navy in the Arabian Sea.",
         "military_exercise", {"TUR"}, {"PAK"}),
    Case("manoeuvres", "Hungarian and Slovak troops began joint manoeuvres between Hungary and Slovakia.",
         "military_exercise", {"HUN"}, {"SVK"}),
]  # fmt: skip

NEGATIVES = [
    ("expelled people who are no diplomats", "Qatar has pledged to expel exiled leaders of Egypt's opposition.",
     "diplomatic_break"),
    ("a wish about talks", "Chile hopes Bolivia's new government will reopen the border talks.",
     "condemnation"),
    ("a declaration by one party", "Russia issued a declaration on maritime security.",
     "agreement"),
    ("recall of a memory", "Putin recalled that Russia had long traded with Iran.",
     "diplomatic_break"),
    ("shelling is no criticism", "Azerbaijan blasted Armenian positions near the border.",
     "condemnation"),
    ("an appeal is no phone call", "Morocco renewed its call for a truce with Mauritania.", "meeting"),
    ("speaking at a body's meeting", "At a UN General Assembly meeting, Chile's envoy criticised the budget.",
     "meeting"),
    ("complaint with no actor", "Mexico complained of delays at the border.", "condemnation"),
    ("frozen prices", "Belarus froze bread prices in Minsk.", "sanction_imposed"),
    ("own diplomats given an order", "Hungary ordered its diplomats to attend the conference.",
     "diplomatic_break"),
    ("a banned export is a refused transfer", "Austria banned the export of the engines to Chile.",
     "sanction_imposed"),
]  # fmt: skip


@pytest.mark.slow
@pytest.mark.parametrize("case", CASES, ids=[c.family for c in CASES])
def test_word_family_member_yields_its_event(analyzer: Analyzer, case: Case) -> None:
    assert_yields(analyzer, case)


@pytest.mark.slow
@pytest.mark.parametrize("name,text,kind", NEGATIVES, ids=[n[0] for n in NEGATIVES])
def test_lookalike_yields_no_event(analyzer: Analyzer, name: str, text: str, kind: str) -> None:
    assert_no_event(analyzer, text, kind)


@pytest.mark.slow
def test_failed_agreement_is_no_asserted_agreement(analyzer: Analyzer) -> None:
    """'failed to reach an agreement': no agreement stated as made."""
    text = "Egypt and Sudan failed to reach an agreement on the border crossing."
    events = analyzer.analyze(Article(text=text, published="2024-06-01")).events
    made = [e for e in events if e.type == "agreement" and e.certainty != "negated"]
    assert not made, f"{text!r} gave {[(e.type, e.certainty) for e in made]}"


def test_diplomatic_verbs_that_need_an_object_name_it() -> None:
    """Verbs too common to be triggers alone (close, reach, freeze, expel …) list the
    object words that make them one, so 'closed the meeting' is no break."""
    common = {"close", "shut", "reach", "freeze", "expel", "suspend", "add", "order"}
    for trigger in load_kb().triggers.triggers:
        if trigger.type != "arms_transfer" and trigger.lemma in common:
            assert trigger.requires_object, f"{trigger.lemma} ({trigger.type}) needs an object"
