"""JSON Lines from files, gzip files and stdin, read with a bounded ``readline``.

A line longer than the limit is skipped chunk by chunk (never held whole) and
reported; a truncated gzip stream is reported after the lines that could be read.
"""

from __future__ import annotations

import codecs
import gzip
import sys
import zlib
from collections.abc import Callable, Iterator
from pathlib import Path

from armswatch.errors import InputError
from armswatch.ingest.dates import RECORD_SOURCE
from armswatch.ingest.limits import IngestLimits, InputProblem
from armswatch.ingest.text import Item, article_from_record, parse_json
from armswatch.model import Article

ReadLine = Callable[[int], bytes]


def bounded_lines(readline: ReadLine, limit: int) -> Iterator[tuple[int, bytes | None]]:
    """Yield ``(line number, bytes)``; bytes is None for a line over ``limit`` bytes."""
    lineno = 0
    while chunk := readline(limit + 1):
        lineno += 1
        if len(chunk) <= limit or chunk.endswith(b"\n"):
            yield lineno, chunk
            continue
        while chunk and not chunk.endswith(b"\n"):
            chunk = readline(limit + 1)
        yield lineno, None


def parse_line(raw: bytes, published: str | None, limits: IngestLimits) -> Article | None:
    """One JSON Lines line as an Article; None for a blank line; InputError if bad."""
    if raw.startswith(codecs.BOM_UTF8):
        raw = raw[len(codecs.BOM_UTF8) :]
    nul = raw.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at column {nul + 1})")
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        byte, column = raw[exc.start], exc.start + 1
        raise InputError(f"not UTF-8 text (byte 0x{byte:02x} at column {column})") from None
    if not line.strip():
        return None
    return article_from_record(parse_json(line), published, limits)


def read_lines(
    name: str, readline: ReadLine, published: str | None, limits: IngestLimits
) -> Iterator[Item]:
    """Read a JSON Lines stream: blank lines skipped, each bad line a problem."""
    lineno = 0
    try:
        for lineno, raw in bounded_lines(readline, limits.line_bytes):
            source = f"{name}:{lineno}"
            if raw is None:
                yield InputProblem(source, f"line too long (over {limits.line_bytes:,} bytes)")
                continue
            token = RECORD_SOURCE.set(source)  # names the line in a date warning
            item: Item | None
            try:
                item = parse_line(raw, published, limits)
            except InputError as exc:
                item = InputProblem(source, exc.message)
            finally:
                RECORD_SOURCE.reset(token)
            if item is not None:
                yield item
    except (EOFError, zlib.error, gzip.BadGzipFile) as exc:
        yield InputProblem(f"{name}:{lineno + 1}", f"truncated or corrupt gzip data ({exc})")


def read_jsonl(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """A ``.jsonl``/``.ndjson`` file, one article a line (any size)."""
    with path.open("rb") as handle:
        yield from read_lines(str(path), handle.readline, published, limits)


def read_jsonl_gz(path: Path, published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """A gzip-compressed JSON Lines file."""
    with path.open("rb") as raw, gzip.GzipFile(fileobj=raw) as handle:
        yield from read_lines(str(path), handle.readline, published, limits)


def read_stdin(published: str | None, limits: IngestLimits) -> Iterator[Item]:
    """JSON Lines from standard input (``-``); reported as ``<stdin>:N``."""
    stream = sys.stdin
    binary = getattr(stream, "buffer", None)

    def readline(size: int) -> bytes:  # a text stream without .buffer (tests, IDEs)
        return stream.readline(size).encode("utf-8", "surrogatepass")

    yield from read_lines("<stdin>", binary.readline if binary else readline, published, limits)
