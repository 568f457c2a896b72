"""Every ARMSWATCH_* variable the code reads is declared (and so documented) in settings."""

from __future__ import annotations

import re
from pathlib import Path

import pytest

from armswatch.errors import SettingError
from armswatch.settings import SETTINGS, get_setting, int_setting

SRC = Path(__file__).resolve().parents[1] / "src" / "armswatch"


def test_every_variable_in_the_code_is_a_declared_setting() -> None:
    used = {
        name
        for path in SRC.rglob("*.py")
        for name in re.findall(r"\bARMSWATCH_[A-Z_]+\b", path.read_text("utf-8"))
    }
    assert used <= {s.name for s in SETTINGS}, used - {s.name for s in SETTINGS}


def test_settings_come_from_the_environment_else_the_default(
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.delenv("ARMSWATCH_BATCH_SIZE", raising=False)
    assert int_setting("ARMSWATCH_BATCH_SIZE") == 64
    monkeypatch.setenv("ARMSWATCH_BATCH_SIZE", "8")
    assert get_setting("ARMSWATCH_BATCH_SIZE") == "8"
    monkeypatch.setenv("ARMSWATCH_BATCH_SIZE", "many")
    with pytest.raises(SettingError, match="not an integer"):
        int_setting("ARMSWATCH_BATCH_SIZE")
