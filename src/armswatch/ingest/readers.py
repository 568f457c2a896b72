"""Readers: every input path becomes Articles, and every bad record an InputProblem.

A bad record never stops the batch; nothing is dropped silently. JSON Lines inputs
(files, ``.gz`` files, stdin) are read line by line with a bounded ``readline``, so
neither a large file nor a huge line is ever held in memory at once.
"""

from __future__ import annotations

import os
from collections.abc import Callable, Iterator, Sequence
from functools import partial
from pathlib import Path

from armswatch.errors import InputError
from armswatch.ingest.html import PageMeta, article_from_page
from armswatch.ingest.jsonl import read_jsonl, read_jsonl_gz, read_stdin
from armswatch.ingest.limits import IngestLimits, InputProblem
from armswatch.ingest.text import (
    Item,
    article_from_record,
    check_published,
    check_text,
    decode_bytes,
    parse_json,
    record_item,
)
from armswatch.model import Article

Reader = Callable[[Path, str | None, IngestLimits], Iterator[Item]]


def iter_articles(
    paths: Sequence[str | Path],
    published: str | None = None,
    limits: IngestLimits | None = None,
) -> Iterator[Article | InputProblem]:
    """Read articles from files, directories and ``-`` (stdin, JSON Lines), in order.

    paths (Sequence[str | Path]): ``.jsonl``/``.ndjson`` (optionally ``.gz``), ``.json``,
        ``.txt``, ``.html``/``.htm`` files, directories of them, or ``-``.
    published (str | None): date for .txt/.html articles and for JSON records without
        one (ISO, RFC 822 or written out: ``ingest.dates``). A value that is no date
        raises InputError at once (before any reading).
    limits (IngestLimits | None): size limits; the defaults when None.
    RETURNS (Iterator[Article | InputProblem]): one item per record, good or bad.
    """
    if published is not None:
        published = check_published(published)
    return _iter_paths(paths, published, limits or IngestLimits())


def _iter_paths(
    paths: Sequence[str | Path], published: str | None, limits: IngestLimits
) -> Iterator[Item]:
    for raw in paths:
        if str(raw) == "-":
            yield from read_stdin(published, limits)
        elif Path(raw).is_dir():
            yield from _read_directory(Path(raw), published, limits)
        else:
            yield from _read_file(Path(raw), published, limits)


def _reader_for(path: Path) -> Reader | None:
    name = path.name.lower()
    return next((reader for suffix, reader in READERS if name.endswith(suffix)), None)


def _read_file(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    reader = _reader_for(path)
    if reader is None:
        suffixes = ", ".join(suffix for suffix, _ in READERS)
        message = f"unsupported file type (expected one of {suffixes})"
        yield InputProblem(str(path), message if path.exists() else "no such file or directory")
        return
    try:
        yield from reader(path, published, limits)
    except OSError as exc:
        yield InputProblem(str(path), _os_message(exc))
    except Exception as exc:  # a reader's bug must cost this file's rest, not the run
        yield InputProblem(str(path), f"cannot read the rest ({type(exc).__name__}: {exc})")


def _read_directory(root: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """Walk ``root`` recursively in sorted order; hidden and unsupported files are skipped."""
    errors: list[OSError] = []
    found: list[Path] = []
    for folder, dirs, files in os.walk(root, onerror=errors.append):
        dirs[:] = [name for name in dirs if not name.startswith(".")]
        base = Path(folder)
        found += [base / f for f in files if not f.startswith(".") and _reader_for(Path(f))]
    for error in errors:
        yield InputProblem(str(error.filename or root), _os_message(error))
    for path in sorted(found, key=lambda p: p.relative_to(root).parts):
        yield from _read_file(path, published, limits)


def _os_message(exc: OSError) -> str:
    if isinstance(exc, FileNotFoundError):
        return "no such file or directory"
    if isinstance(exc, PermissionError):
        return "permission denied"
    return f"cannot read ({exc.strerror or exc})"


def _read_bounded(path: Path, limits: IngestLimits) -> bytes:
    """The whole file, or InputError when it is over ``max_file_bytes``."""
    with path.open("rb") as handle:
        size = os.fstat(handle.fileno()).st_size
        data = b"" if size > limits.max_file_bytes else handle.read(limits.max_file_bytes + 1)
    if size > limits.max_file_bytes or len(data) > limits.max_file_bytes:
        limit = limits.max_file_bytes
        raise InputError(f"file too large ({max(size, len(data)):,} bytes; limit {limit:,})")
    return data


def read_txt(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """A plain-text file is one article; its text is kept exactly (a BOM is dropped)."""

    def make() -> Article:
        text = check_text(decode_bytes(_read_bounded(path, limits)), limits)
        return Article(text=text, published=published)

    yield record_item(str(path), make)


def read_html(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """An HTML page is one article: its main text (trafilatura) with the page's own title,
    date, outlet and canonical URL as its id (``ingest.html.article_from_page``); the
    ``published`` given fills in a page that states no date."""

    def make() -> Article:
        data = _read_bounded(path, limits)
        return article_from_page(data, None, limits, PageMeta(published=published))

    yield record_item(str(path), make)


def read_json(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """A ``.json`` file holds one article object or a list of them (``file.json[i]``)."""
    try:
        document = parse_json(decode_bytes(_read_bounded(path, limits)), multiline=True)
    except InputError as exc:
        yield InputProblem(str(path), exc.message)
        return
    records = document if isinstance(document, list) else [document]
    for index, record in enumerate(records):
        source = f"{path}[{index}]" if isinstance(document, list) else str(path)
        yield record_item(source, partial(article_from_record, record, published, limits))


READERS: tuple[tuple[str, Reader], ...] = (
    (".jsonl.gz", read_jsonl_gz),
    (".ndjson.gz", read_jsonl_gz),
    (".jsonl", read_jsonl),
    (".ndjson", read_jsonl),
    (".json", read_json),
    (".txt", read_txt),
    (".html", read_html),
    (".htm", read_html),
)
