"""A corpus of bad inputs, generated at test time: each gives a record or one clear error line.

Every case runs the real command in a child process with the bound it must meet stated beside it:
wall time (the child is killed past it) and peak memory (the child's own maximum resident size).
"""

from __future__ import annotations

import gzip
import json
import random
import subprocess
import sys
from pathlib import Path

import pytest

# The child runs the CLI and reports its own peak RSS (KiB) on the last line of stderr.
RUN_CLI = """
import resource, runpy, sys
sys.argv = ["cleaner", *sys.argv[1:]]
code = 0
try:
    runpy.run_module("cleaner", run_name="__main__")
except SystemExit as exit:
    code = exit.code or 0
print(resource.getrusage(resource.RUSAGE_SELF).ru_maxrss, file=sys.stderr)
sys.exit(code)
"""


def run_bounded(path: Path, seconds: int, mebibytes: int, *args: str) -> tuple[int, str, str]:
    """Clean `path`; fail if the child outlives `seconds` or its peak RSS exceeds `mebibytes`.

    `--timeout 0` keeps the cleaning in the child itself, so its peak RSS is the one measured."""
    command = [sys.executable, "-c", RUN_CLI, "clean", "--timeout", "0", str(path), *args]
    result = subprocess.run(command, capture_output=True, text=True, timeout=seconds)
    *messages, peak_kib = result.stderr.strip().split("\n")
    assert int(peak_kib) < mebibytes * 1024, f"peak RSS {int(peak_kib) // 1024} MiB"
    return result.returncode, result.stdout, "\n".join(messages)


def one_error_line(stderr: str, name: Path) -> str:
    errors = [line for line in stderr.splitlines() if line.startswith("cleaner: error:")]
    assert len(errors) == 1, stderr
    assert str(name) in errors[0]
    return errors[0]


def one_record(stdout: str) -> dict:
    (line,) = stdout.splitlines()
    return json.loads(line)


def test_fifty_megabyte_page_is_refused_by_the_size_limit(tmp_path):
    page = tmp_path / "huge.html"
    paragraph = "<p>Paragraph of a very large page with some words in it to make it long.</p>"
    page.write_text("<html><body>" + paragraph * 700_000 + "</body></html>")
    assert page.stat().st_size > 50_000_000
    code, stdout, stderr = run_bounded(page, seconds=60, mebibytes=600)
    assert code == 1 and stdout == ""
    assert "over the limit" in one_error_line(stderr, page)


def test_tags_nested_ten_thousand_deep(tmp_path):
    page = tmp_path / "deep.html"
    text = "<p>The only paragraph, deep inside ten thousand nested divisions of the page.</p>"
    page.write_text("<html><body>" + "<div>" * 10_000 + text + "</div>" * 10_000 + "</body></html>")
    code, stdout, _ = run_bounded(page, seconds=60, mebibytes=600)
    assert code == 0
    assert "ten thousand nested divisions" in one_record(stdout)["text"]


def test_ten_megabyte_single_line(tmp_path):
    dump = tmp_path / "line.txt"
    dump.write_text("word " * 2_000_000)
    code, stdout, _ = run_bounded(dump, seconds=120, mebibytes=1500)
    assert code == 0
    assert len(one_record(stdout)["text"]) > 9_000_000


def test_random_bytes_are_one_error_line(tmp_path):
    blob = tmp_path / "photo.html"
    blob.write_bytes(random.Random(7).randbytes(100_000))
    code, stdout, stderr = run_bounded(blob, seconds=30, mebibytes=600)
    assert code == 1 and stdout == ""
    assert "binary data" in one_error_line(stderr, blob)


def test_truncated_html_gives_what_is_there(tmp_path):
    page = tmp_path / "cut.html"
    page.write_text(
        "<html><head><title>Cut off</title></head><body><article><p>The first paragraph of a "
        "story that was cut off in the middle of a sente"
    )
    code, stdout, _ = run_bounded(page, seconds=30, mebibytes=600)
    assert code == 0
    assert "cut off in the middle" in one_record(stdout)["text"]


def test_three_encodings_in_one_page_decode_without_crashing(tmp_path):
    page = tmp_path / "mixed.html"
    page.write_bytes(
        "<html><body><p>Café in UTF-8, ".encode()
        + "café in Latin-1, ".encode("latin-1")
        + "Москва in cp1251.</p></body></html>".encode("cp1251")
    )
    code, stdout, _ = run_bounded(page, seconds=30, mebibytes=600)
    assert code == 0
    record = one_record(stdout)
    assert "Café in UTF-8" in record["text"] or "Caf" in record["text"]
    assert record["input"]["encoding_source"] in ("detector", "utf-8", "meta")


@pytest.mark.parametrize("content", ["", "   \n\t\n  "], ids=["empty", "whitespace"])
def test_empty_and_whitespace_files_are_one_error_line(tmp_path, content):
    dump = tmp_path / "blank.txt"
    dump.write_text(content)
    code, stdout, stderr = run_bounded(dump, seconds=30, mebibytes=600)
    assert code == 1 and stdout == ""
    assert "empty input" in one_error_line(stderr, dump)


def test_html_page_with_no_body_gives_an_empty_record(tmp_path):
    page = tmp_path / "nobody.html"
    page.write_text("<html><head><title>No body here</title></head></html>")
    code, stdout, _ = run_bounded(page, seconds=30, mebibytes=600)
    assert code == 0
    assert one_record(stdout)["text"] == ""


def test_half_a_utf8_sequence_at_the_end(tmp_path):
    dump = tmp_path / "half.txt"
    dump.write_bytes("A sentence that ends with half a character: é".encode()[:-1])
    code, stdout, _ = run_bounded(dump, seconds=30, mebibytes=600)
    assert code == 0
    record = one_record(stdout)
    assert record["text"] == "A sentence that ends with half a character:"
    assert record["input"]["encoding_source"] == "utf-8, last character cut off"


@pytest.mark.parametrize(
    ("content", "kind"),
    [(b"%PDF-1.4\n%\xe2\xe3\xcf\xd3\n1 0 obj", "PDF"), (b"\x89PNG\r\n\x1a\n\x00\x00", "PNG")],
)
def test_binary_formats_named_like_pages_are_refused_by_type(tmp_path, content, kind):
    page = tmp_path / "article.html"
    page.write_bytes(content)
    code, stdout, stderr = run_bounded(page, seconds=30, mebibytes=600)
    assert code == 1 and stdout == ""
    assert f"binary data ({kind}" in one_error_line(stderr, page)


def test_gzip_bomb_row_in_a_jsonl_stream_is_one_error_line(tmp_path):
    """A 2 GiB row that compresses to 2 MB: refused by the size limit without being held in
    memory, while the rows around it are cleaned."""
    stream = tmp_path / "rows.jsonl.gz"
    good = json.dumps({"text": "A short row of a story, with a sentence in it."}).encode()
    with gzip.open(stream, "wb", compresslevel=1) as out:
        out.write(good + b"\n" + b'{"text": "')
        block = b"a" * (1 << 24)
        for _ in range(128):
            out.write(block)
        out.write(b'"}\n' + good + b"\n")
    assert stream.stat().st_size < 20_000_000
    code, stdout, stderr = run_bounded(stream, 120, 600, "--max-bytes", "10000000")
    assert code == 1
    assert len(stdout.splitlines()) == 2
    error = one_error_line(stderr, stream)
    assert f"{stream}:2" in error and "over the limit" in error
    assert "2 cleaned, 1 failed" in stderr
