"""Scoring against a gold set, exactly as ``spec/GOLD.md`` says.

``load_gold`` reads a gold folder, ``score`` compares gold with system analyses,
``evaluate`` runs an analyser over the gold articles and scores it, ``explain`` lists
what differs per document, and ``render_scores`` turns the numbers into tables.
The gold format and its loading are in ``gold``, one document's comparison in
``compare``, the numbers of a whole set in ``scores``, the reports in ``report``.

Decisions where GOLD.md leaves room (each also stated where it is implemented):

- Tuples are sets per document: duplicates collapse. A gold tuple that is required in
  one event and optional in another is required. Self-pairs are ordinary tuples.
- A ratio whose denominator is 0 is 1.0 when there was nothing to find and nothing
  was found (tp = fp = fn = 0), else 0.0.
- Attributes are scored once per matched required ``arms_transfer`` tuple, against the
  first required gold event and the first system event (by order) carrying the tuple.
  ``items`` is the macro-average over those tuples of the category-set F1.
- An attribute the gold event leaves out is not scored for that tuple (``n`` counts
  the tuples scored), except ``time``: an absent gold time means the text states none,
  so it is scored as correct iff the system event has no time either.
- Only findings under the rule ids of OUTPUT.md (``KNOWN_RULES``) are scored.
- Documents the gold does not contain are ignored; a gold document with no system
  analysis counts as one with no events and no findings.
"""

from __future__ import annotations

from collections.abc import Callable
from pathlib import Path

from armswatch.evaluate.compare import (
    AttributeCheck,
    DocComparison,
    Pair,
    check_attributes,
    compare_doc,
    expand,
    gold_pairs,
    set_f1,
    system_pairs,
    time_correct,
)
from armswatch.evaluate.gold import (
    EXT_RULE,
    KNOWN_RULES,
    GoldDoc,
    GoldEvent,
    GoldFinding,
    load_gold,
)
from armswatch.evaluate.report import explain, format_pair, render_scores
from armswatch.evaluate.scores import ATTRIBUTES, PRF, AttributeScore, Scores, make_prf, score
from armswatch.model import Analysis, Article

__all__ = [
    "ATTRIBUTES",
    "EXT_RULE",
    "KNOWN_RULES",
    "PRF",
    "AttributeCheck",
    "AttributeScore",
    "DocComparison",
    "GoldDoc",
    "GoldEvent",
    "GoldFinding",
    "Pair",
    "Scores",
    "check_attributes",
    "compare_doc",
    "evaluate",
    "expand",
    "explain",
    "format_pair",
    "gold_pairs",
    "load_gold",
    "make_prf",
    "render_scores",
    "score",
    "set_f1",
    "system_pairs",
    "time_correct",
]


def evaluate(gold_dir: Path, analyze: Callable[[Article], Analysis]) -> Scores:
    """Run ``analyze`` on every gold article and score the analyses."""
    articles, gold = load_gold(gold_dir)
    return score(gold, {article.doc_id: analyze(article) for article in articles})
