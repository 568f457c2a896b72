"""What two processes can give on this machine: bare spaCy in 1 and in 2 worker processes.

The engines' "2 workers / 1 worker" ratio is bounded by the machine: two processes on two
CPUs share caches, memory bandwidth and (on a VM) perhaps physical cores. This measures
that bound in the same run, with work the engines do not add to: ``nlp.pipe`` of the
same texts in ``spawn``ed processes that each load the model (start-up included, as in
the engine rows), the texts dealt out in chunks of 16 so that neither process idles
while the other works.
"""

from __future__ import annotations

import multiprocessing
from collections.abc import Sequence
from concurrent.futures import ProcessPoolExecutor

import spacy
from spacy.language import Language

from armswatch.pipeline import MODEL_NAME

CHUNK = 16
_NLP: Language | None = None


def _load() -> None:
    global _NLP
    _NLP = spacy.load(MODEL_NAME)


def _parse(texts: list[str]) -> int:
    assert _NLP is not None
    return sum(len(doc) for doc in _NLP.pipe(texts, batch_size=CHUNK))


def bare_spacy_in_processes(texts: Sequence[str], processes: int) -> int:
    """Parse ``texts`` in ``processes`` fresh worker processes; RETURNS the tokens parsed."""
    chunks = [list(texts[i : i + CHUNK]) for i in range(0, len(texts), CHUNK)]
    context = multiprocessing.get_context("spawn")
    with ProcessPoolExecutor(processes, context, initializer=_load) as pool:
        return sum(pool.map(_parse, chunks))
