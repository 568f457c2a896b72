"""Generated reference files, kept in step with the code by tests.

``python -m armswatch.docs`` rewrites them all:
- ``docs/schema/analysis.schema.json`` from ``armswatch.model.Analysis``;
- ``src/armswatch/kb/schema/*.schema.json`` from ``armswatch.kb.schema``;
- ``docs/errors.md`` from the error classes of ``armswatch.errors``;
- ``docs/settings.md`` from ``armswatch.settings.SETTINGS``;
- ``docs/rulebook.md`` and ``sanctions/data/*.schema.json`` from the rulebook data
  (``armswatch.sanctions.docs``).
"""

from __future__ import annotations

import inspect
import json
from pathlib import Path

from armswatch import errors
from armswatch.kb.schema import SCHEMA_DIR, SCHEMAS, render_schema
from armswatch.model import Analysis
from armswatch.sanctions import docs as rulebook_docs
from armswatch.settings import SETTINGS

REPO = Path(__file__).resolve().parents[2]
ANALYSIS_SCHEMA = REPO / "docs" / "schema" / "analysis.schema.json"
ERRORS_DOC = REPO / "docs" / "errors.md"
SETTINGS_DOC = REPO / "docs" / "settings.md"


def render_analysis_schema() -> str:
    schema = Analysis.model_json_schema()
    schema["$id"] = "https://armswatch.invalid/schema/analysis.schema.json"
    schema["title"] = "armswatch analysis (spec/OUTPUT.md)"
    return json.dumps(schema, indent=2, sort_keys=True, ensure_ascii=False) + "\n"


def error_classes() -> list[type[errors.ArmswatchError]]:
    found = [
        cls
        for _, cls in inspect.getmembers(errors, inspect.isclass)
        if issubclass(cls, errors.ArmswatchError)
    ]
    return sorted(found, key=lambda cls: cls.code)


def render_errors_doc() -> str:
    lines = [
        "# Error codes",
        "",
        "Every error armswatch reports carries a code you can grep for. Generated from",
        "`armswatch/errors.py` by `python -m armswatch.docs`.",
        "",
        "| code | error | meaning |",
        "| --- | --- | --- |",
    ]
    for cls in error_classes():
        doc = (cls.__doc__ or "").strip().splitlines()[0]
        lines.append(f"| `{cls.code}` | `{cls.__name__}` | {doc} |")
    return "\n".join(lines) + "\n"


def render_settings_doc() -> str:
    lines = [
        "# Settings",
        "",
        "Environment variables read by armswatch; command-line options win over them.",
        "Generated from `armswatch/settings.py` by `python -m armswatch.docs`.",
        "",
        "| variable | default | what it does |",
        "| --- | --- | --- |",
    ]
    lines += [f"| `{s.name}` | `{s.default}` | {s.help} |" for s in SETTINGS]
    return "\n".join(lines) + "\n"


def generated_files() -> dict[Path, str]:
    """Every generated file and the text it should have."""
    files = {
        ANALYSIS_SCHEMA: render_analysis_schema(),
        ERRORS_DOC: render_errors_doc(),
        SETTINGS_DOC: render_settings_doc(),
    }
    for name in SCHEMAS:
        files[SCHEMA_DIR / f"{name}.schema.json"] = render_schema(name)
    files.update(rulebook_docs.generated_files())
    return files


def write_all() -> None:
    for path, text in generated_files().items():
        path.parent.mkdir(parents=True, exist_ok=True)
        path.write_text(text, encoding="utf-8")
        print(f"wrote {path.relative_to(REPO)}")


if __name__ == "__main__":
    write_all()
