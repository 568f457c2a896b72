"""HTML pages: decode, drop active content, then strip boilerplate with trafilatura."""

from __future__ import annotations

import codecs
import json
import re

import lxml.html  # type: ignore[import-untyped]
import trafilatura
from lxml.etree import ParserError  # type: ignore[import-untyped]

from armswatch.errors import InputError
from armswatch.ingest.text import decode_bytes

# Elements whose content is never article text; removed before trafilatura sees the page.
_ACTIVE = "//script|//style|//noscript|//template|//iframe|//object|//embed|//svg"
_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.IGNORECASE)


def decode_html(data: bytes) -> str:
    """Decode a page as UTF-8, or in the charset its ``<meta>`` declares; never guess."""
    match = _CHARSET.search(data[:4096])
    if match is None or _is_utf8(match.group(1).decode("ascii")):
        return decode_bytes(data)
    name = match.group(1).decode("ascii")
    nul = data.find(b"\x00")
    if nul >= 0:
        raise InputError(f"binary data (NUL byte at offset {nul})")
    try:
        return data.decode(name)
    except LookupError:
        raise InputError(f"unknown charset {name!r} declared in the page") from None
    except UnicodeDecodeError as exc:
        byte = data[exc.start]
        raise InputError(f"not {name} text (byte 0x{byte:02x} at offset {exc.start})") from None


def _is_utf8(name: str) -> bool:
    try:
        return codecs.lookup(name).name == "utf-8"
    except LookupError:
        return False


def extract_html(page: str) -> tuple[str, str | None]:
    """Return the main text and the title of a page.

    Scripts, styles and other active elements are removed from the tree first, so
    their content can never reach the text, whichever extractor trafilatura uses.
    RETURNS (tuple[str, str | None]): (text, title); raises InputError if no text is found.
    """
    try:
        tree = lxml.html.document_fromstring(page)
    except (ParserError, ValueError) as exc:
        raise InputError(f"cannot parse HTML ({exc})") from None
    for element in tree.xpath(_ACTIVE):
        element.drop_tree()
    try:
        found = trafilatura.extract(
            tree, output_format="json", with_metadata=True, include_comments=False
        )
    except Exception as exc:  # a third-party parser: one bad page must not stop a batch
        raise InputError(f"HTML extraction failed ({type(exc).__name__}: {exc})") from None
    if not found:
        raise InputError("no article text found in the HTML page")
    result = json.loads(found)
    text = result.get("text") or ""
    title = result.get("title") or None
    return str(text), None if title is None else str(title)
