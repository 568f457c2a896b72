"""The extractor's fingerprint: which code and knowledge made an analysis.

A fingerprint names the registered extractor (``armswatch.event_extractor.v1``, in
spaCy's ``misc`` registry: ``spacy.registry.misc.get(EXTRACTOR)``), the package version,
and a hash of the knowledge base (actors, companies, outlets, weapons, triggers, as
loaded) and of the rulebook (rules, groups, regions). Every stored article records the
fingerprint of the analysis it holds (``articles.fingerprint``); ``armswatch reanalyze
--stale`` runs again the texts whose fingerprint differs from the current one.
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import dataclass
from functools import lru_cache
from typing import TYPE_CHECKING

from armswatch import __version__
from armswatch.kb import KnowledgeBase, load_kb
from armswatch.sanctions.schema import DATA_DIR as RULEBOOK_DIR

if TYPE_CHECKING:
    from armswatch.extract.evaluative import EvaluationFinder
    from armswatch.extract.frames import FrameFinder

EXTRACTOR = "armswatch.event_extractor.v1"
"""The registered name and version of the event extractor (``Event.extractor``)."""
RULEBOOK_FILES = ("rules.yaml", "groups.yaml", "regions.yaml")
DIGITS = 12


@dataclass(frozen=True)
class Fingerprint:
    """extractor name, package version, knowledge-base hash, rulebook hash."""

    extractor: str
    version: str
    kb: str
    rulebook: str

    @property
    def key(self) -> str:
        """The one string stored with each analysis: ``name@version+kb.<hash>+rules.<hash>``."""
        return f"{self.extractor}@{self.version}+kb.{self.kb}+rules.{self.rulebook}"


def kb_hash(kb: KnowledgeBase) -> str:
    """A hash of the knowledge base's content, as loaded (file layout and comments aside)."""
    digest = hashlib.sha256()
    for part in (kb.actors, kb.weapons, kb.triggers):
        digest.update(part.model_dump_json().encode("utf-8"))
    return digest.hexdigest()[:DIGITS]


@lru_cache(maxsize=1)
def rulebook_hash() -> str:
    """A hash of the packaged rulebook files (the rules engine reads nothing else)."""
    digest = hashlib.sha256()
    for name in RULEBOOK_FILES:
        digest.update(name.encode("utf-8") + b"\0" + (RULEBOOK_DIR / name).read_bytes())
    return digest.hexdigest()[:DIGITS]


def fingerprint_of(kb: KnowledgeBase) -> Fingerprint:
    """The fingerprint of an analysis made with ``kb`` by this armswatch."""
    return Fingerprint(EXTRACTOR, __version__, kb_hash(kb), rulebook_hash())


@lru_cache(maxsize=1)
def current_fingerprint() -> Fingerprint:
    """The fingerprint of the packaged knowledge base and rulebook (cached per process)."""
    return fingerprint_of(load_kb())


def make_event_extractor(kb: KnowledgeBase) -> tuple[FrameFinder, EvaluationFinder]:
    """``armswatch.event_extractor.v1``: the frame finders that make events from a parse.

    Registered in spaCy's ``misc`` registry (spaCy forbids dots in component factory
    names), so a config can refer to it and the name stored with every event resolves
    to the code that made it. A changed behaviour gets ``.v2``, and ``.v1`` stays.
    """
    from armswatch.extract.evaluative import EvaluationFinder
    from armswatch.extract.frames import FrameFinder

    frames = FrameFinder(kb)
    return frames, EvaluationFinder(kb, frames)


def register_extractor() -> None:
    """Register ``make_event_extractor`` under ``EXTRACTOR`` (once per process)."""
    from spacy.util import registry

    if EXTRACTOR not in registry.misc.get_all():
        registry.misc.register(EXTRACTOR, func=make_event_extractor)


def load_extractor(kb: KnowledgeBase) -> tuple[FrameFinder, EvaluationFinder]:
    """The event extractor, looked up by its registered name (``EXTRACTOR``)."""
    from spacy.util import registry

    register_extractor()
    factory: Callable[[KnowledgeBase], tuple[FrameFinder, EvaluationFinder]]
    factory = registry.misc.get(EXTRACTOR)
    return factory(kb)
