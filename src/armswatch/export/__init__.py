"""Exports beyond the store's tables: FtM entities, the actor network, dossiers.

``export_view(db, out, fmt, overwrite)`` writes ``entities.ftm.json`` (``ftm``),
``actors.graphml`` (``graphml``) or ``actors.gexf`` (``gexf``) under ``out``;
``armswatch.export.dossier`` builds the report of one dyad (``report`` renders it).
"""

from __future__ import annotations

from dataclasses import dataclass
from pathlib import Path

from armswatch.errors import ExportError
from armswatch.store.view import open_view

FILES = {"ftm": "entities.ftm.json", "graphml": "actors.graphml", "gexf": "actors.gexf"}


@dataclass(frozen=True)
class Written:
    """What an export wrote: the file, how many items, and what they are."""

    path: Path
    count: int
    what: str


def export_view(
    db_path: str | Path, out_dir: str | Path, fmt: str, overwrite: bool = False
) -> Written:
    """Write the ``fmt`` export of the store under ``out_dir``. Raises ExportError."""
    from armswatch.export.ftm import write_ftm
    from armswatch.export.graph import write_graph

    if fmt not in FILES:
        raise ExportError(f"unknown format {fmt!r}: use {', '.join(FILES)}")
    path = Path(out_dir) / FILES[fmt]
    if path.exists() and not overwrite:
        raise ExportError(f"{path} exists already: use --overwrite or another --out")
    path.parent.mkdir(parents=True, exist_ok=True)
    with open_view(db_path) as view:
        if fmt == "ftm":
            return Written(path, write_ftm(view, path), "entities")
        return Written(path, write_graph(view, path, fmt), "edges")
