"""Shared fixtures: one loaded Analyzer per session, the ../shared folder when present."""

from __future__ import annotations

from pathlib import Path

import pytest

from armswatch.pipeline import Analyzer

SHARED = Path(__file__).resolve().parents[1].parent / "shared"


@pytest.fixture(scope="session")
def analyzer() -> Analyzer:
    """The full pipeline (trained spaCy model + knowledge base), loaded once."""
    return Analyzer()


@pytest.fixture(scope="session")
def shared() -> Path:
    """The ../shared folder beside the checkout (gold, spec, tools); skip when absent."""
    if not SHARED.is_dir():
        pytest.skip(f"../shared not found at {SHARED}: gold/spec tests need it beside the repo")
    return SHARED
