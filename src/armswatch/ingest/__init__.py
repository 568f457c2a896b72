"""Input readers: files, directories and stdin become Articles or InputProblems.

``iter_articles(paths)`` yields, in input order, an ``Article`` for every good record
and an ``InputProblem`` for every bad one; ``str(problem)`` is a one-line report such
as ``data/x.jsonl:17: [AW001] malformed JSON (Expecting ',' delimiter at column 12)``.
"""

from __future__ import annotations

from armswatch.ingest.limits import IngestLimits, InputProblem
from armswatch.ingest.readers import READERS, iter_articles

__all__ = ["READERS", "IngestLimits", "InputProblem", "iter_articles"]
