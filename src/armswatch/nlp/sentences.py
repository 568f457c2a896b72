"""Component ``armswatch_line_breaks_v1``: a line break ends a sentence.

Headlines, datelines and list items stand on their own lines without final punctuation;
the parser would run them into the next sentence. Runs before the parser, which keeps
the boundaries set here and adds its own.
"""

from __future__ import annotations

from spacy.language import Language
from spacy.tokens import Doc


@Language.component(
    "armswatch_line_breaks_v1", assigns=["token.is_sent_start"], requires=["token.text"]
)
def mark_line_breaks(doc: Doc) -> Doc:
    """Start a sentence after every whitespace token that holds a newline."""
    for token in doc[:-1]:
        if token.is_space and "\n" in token.text:
            doc[token.i + 1].is_sent_start = True
    return doc
