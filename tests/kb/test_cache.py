"""The start-up cache (kb/cache.py): a changed data file is read again, a broken cache
file is rebuilt, ``off`` disables it, and a folder that cannot be written is ignored."""

from __future__ import annotations

import gc
import shutil
from pathlib import Path

import pytest

from armswatch.errors import KnowledgeBaseError
from armswatch.kb import DATA_DIR, load_kb_from
from armswatch.kb.cache import cached


@pytest.fixture
def cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> Path:
    folder = tmp_path / "cache"
    monkeypatch.setenv("ARMSWATCH_CACHE_DIR", str(folder))
    return folder


def test_a_value_is_built_once(cache: Path) -> None:
    calls: list[int] = []

    def build() -> dict[str, int]:
        calls.append(1)
        return {"a": 1}

    assert cached("thing", "k1", build) == {"a": 1}
    assert cached("thing", "k1", build) == {"a": 1}
    assert len(calls) == 1
    assert cached("thing", "k2", build) == {"a": 1}  # another key: built again
    assert len(calls) == 2


def test_a_broken_file_is_rebuilt(cache: Path) -> None:
    cached("thing", "k1", lambda: 1)
    (cache / "thing-k1.pickle").write_bytes(b"not a pickle")
    assert cached("thing", "k1", lambda: 2) == 2
    assert cached("thing", "k1", lambda: 3) == 2


def test_off_disables_the_cache(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv("ARMSWATCH_CACHE_DIR", "off")
    assert cached("thing", "k1", lambda: 1) == 1
    assert cached("thing", "k1", lambda: 2) == 2


def test_an_unwritable_folder_is_ignored(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    blocker = tmp_path / "file"
    blocker.write_text("x", encoding="utf-8")
    monkeypatch.setenv("ARMSWATCH_CACHE_DIR", str(blocker / "cache"))
    assert cached("thing", "k1", lambda: 1) == 1


def test_a_changed_data_file_is_read_again(cache: Path, tmp_path: Path) -> None:
    data = tmp_path / "data"
    shutil.copytree(DATA_DIR, data)
    before = load_kb_from(data)
    assert not any(a.id == "zz_test_state" for a in before.actors.actors)
    actors = data / "actors.yaml"
    text = actors.read_text(encoding="utf-8").replace(
        "actors:\n",
        "actors:\n  - {id: zz_test_state, name: Testland, kind: state, country: null}\n",
        1,
    )
    actors.write_text(text, encoding="utf-8")
    after = load_kb_from(data)
    assert any(a.id == "zz_test_state" for a in after.actors.actors)
    actors.write_text(text.replace("kind: state, country: null}", "kind: planet}"), "utf-8")
    with pytest.raises(KnowledgeBaseError):
        load_kb_from(data)


@pytest.mark.parametrize("enabled", [True, False])
def test_loading_leaves_garbage_collection_as_it_was(cache: Path, enabled: bool) -> None:
    """The collector is paused while a cache file is read (start-up speed), and only then:
    a load, good or broken, must not leave it off for the rest of the process, nor turn
    it on for a caller that had it off."""
    cached("thing", "k1", lambda: [1, 2])
    (cache / "thing-k2.pickle").write_bytes(b"not a pickle")
    was = gc.isenabled()
    try:
        gc.enable() if enabled else gc.disable()
        assert cached("thing", "k1", lambda: [0]) == [1, 2]
        assert gc.isenabled() is enabled
        assert cached("thing", "k2", lambda: [3]) == [3]
        assert gc.isenabled() is enabled
    finally:
        gc.enable() if was else gc.disable()
