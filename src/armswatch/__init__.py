"""armswatch: an evidence-backed ledger of arms transfers and sanctions breaches."""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

__version__ = "0.1.0"

if TYPE_CHECKING:
    from armswatch.model import Analysis

__all__ = ["__version__", "analyze"]


def analyze(text: str, published: str | None = None, **meta: Any) -> Analysis:
    """Analyse one article text and return its Analysis (see spec/OUTPUT.md).

    text (str): the article body.
    published (str | None): ISO date anchoring relative dates ("last month").
    meta: other article fields (id, url, title, outlet).
    RETURNS (Analysis): mentions, events and findings.
    """
    from armswatch.model import Article
    from armswatch.pipeline import analyze_article

    return analyze_article(Article(text=text, published=published, **meta))
