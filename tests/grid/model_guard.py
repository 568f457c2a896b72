"""pytest plugin for ``make unit-fast``: a test not marked ``slow`` may not load the model.

Loaded with ``-p model_guard`` (``PYTHONPATH=tests/grid``). It replaces ``spacy.load``
for the session: a test without the ``slow`` mark that loads a trained pipeline (itself
or through a fixture such as ``analyzer``) is skipped, with a reason naming the problem,
so the quick loop stays quick and the list of mis-marked tests is visible (``-ra``).
"""

from __future__ import annotations

from collections.abc import Callable, Generator
from typing import Any

import pytest
import spacy

_current: list[pytest.Item] = []
_original_load: Callable[..., Any] = spacy.load


def _guarded_load(*args: Any, **kwargs: Any) -> Any:
    item = _current[-1] if _current else None
    if item is not None and item.get_closest_marker("slow") is None:
        pytest.skip(f"loads the trained spaCy model {args[:1]} but is not marked slow")
    return _original_load(*args, **kwargs)


def pytest_configure(config: pytest.Config) -> None:
    spacy.load = _guarded_load


def pytest_unconfigure(config: pytest.Config) -> None:
    spacy.load = _original_load


@pytest.hookimpl(hookwrapper=True)
def pytest_runtest_protocol(item: pytest.Item) -> Generator[None, None, None]:
    _current.append(item)
    yield
    _current.pop()
