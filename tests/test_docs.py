"""Generated reference files must match the code that generates them."""

from __future__ import annotations

from pathlib import Path

import pytest

from armswatch.docs import REPO, error_classes, generated_files


@pytest.mark.parametrize(
    "path", sorted(generated_files()), ids=lambda p: str(Path(p).relative_to(REPO))
)
def test_generated_file_is_current(path: Path) -> None:
    expected = generated_files()[path]
    assert path.exists(), f"{path} missing: run `python -m armswatch.docs`"
    assert path.read_text(encoding="utf-8") == expected, (
        f"{path} is stale: run `python -m armswatch.docs`"
    )


def test_error_codes_are_unique_and_documented() -> None:
    codes = [cls.code for cls in error_classes()]
    assert len(codes) == len(set(codes)), codes
    assert all(cls.__doc__ for cls in error_classes())
