"""Size limits of the readers and the problem record they report instead of raising."""

from __future__ import annotations

from dataclasses import dataclass

from armswatch.errors import InputError

MIB = 1024 * 1024


@dataclass(frozen=True)
class IngestLimits:
    """How much one input may hold before it is reported and skipped.

    max_article_chars (int): characters of one article's text.
    max_file_bytes (int): bytes of a whole non-JSON-Lines file (.json, .txt, .html),
        which is read into memory at once. JSON Lines files may be larger.
    max_line_bytes (int | None): bytes of one JSON Lines line held in memory; longer
        lines are skipped without being held. Defaults to room for ``max_article_chars``
        characters written as ``\\uXXXX`` escapes plus 1 MiB of metadata.
    """

    max_article_chars: int = 2_000_000
    max_file_bytes: int = 50 * MIB
    max_line_bytes: int | None = None

    @property
    def line_bytes(self) -> int:
        """The effective byte limit of one JSON Lines line."""
        if self.max_line_bytes is not None:
            return self.max_line_bytes
        return 6 * self.max_article_chars + MIB


@dataclass(frozen=True)
class InputProblem:
    """One input record that could not be read; the others are still read.

    source (str): the input and where in it, e.g. ``data/x.jsonl:17`` or ``page.html``.
    message (str): what is wrong, in one line.
    code (str): the error code (``AW001``, see ``armswatch.errors``).
    """

    source: str
    message: str
    code: str = InputError.code

    def __str__(self) -> str:
        return f"{self.source}: [{self.code}] {self.message}"
