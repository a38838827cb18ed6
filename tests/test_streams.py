"""Streams: JSON Lines (plain, .gz, .zst) and WARC in; one record or one error line per input."""

from __future__ import annotations

import gzip
import io
import json
import subprocess
import sys
from pathlib import Path

import pytest
import zstandard
from conftest import scrapinghub_html, seed_path

from cleaner.rows import RowMapping, clean_columns, clean_frame, clean_record
from cleaner.streams import iter_items, output_name


def run(*args: str, stdin: bytes | None = None) -> subprocess.CompletedProcess:
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], input=stdin, capture_output=True, timeout=300
    )


def seed_rows() -> list[dict]:
    return [
        {"doc_id": f"d{i}", "body": seed_path(n).read_text("utf-8"), "crawl": "2022-05", "n": i}
        for i, n in enumerate(("000", "001", "002"))
    ]


def write_rows(path: Path, lines: list[str]) -> None:
    data = "".join(line + "\n" for line in lines).encode("utf-8")
    if path.suffix == ".gz":
        data = gzip.compress(data)
    elif path.suffix == ".zst":
        data = zstandard.ZstdCompressor().compress(data)
    path.write_bytes(data)


BROKEN = [
    "{not json",
    "[1, 2]",
    json.dumps({"doc_id": "blank", "body": "   "}),
    json.dumps({"doc_id": "nobody", "title": "x"}),
    json.dumps({"doc_id": "number", "body": 12345}),
]


def test_every_row_gives_one_record_or_one_error_line(tmp_path):
    good = [json.dumps(row) for row in seed_rows()]
    lines = [good[0], *BROKEN[:3], good[1], "", *BROKEN[3:], good[2]]
    stream = tmp_path / "rows.jsonl.gz"
    write_rows(stream, lines)
    for jobs in ("1", "2"):
        result = run(
            "clean", str(stream), "--text-field", "body", "--id-field", "doc_id", "-j", jobs
        )
        lines = result.stderr.decode().splitlines()
        errors = [line for line in lines if line.startswith("cleaner: error:")]
        records = [json.loads(line) for line in result.stdout.decode().splitlines()]
        assert result.returncode == 1
        assert len(records) == 3 and len(errors) == len(BROKEN), result.stderr.decode()[-3000:]
        assert "cleaner: 3 cleaned, 5 failed" in result.stderr.decode()
        assert [r["doc_id"] for r in records] == ["d0", "d1", "d2"]
        assert any(f"{stream}:2: not a JSON line" in e for e in errors)
        assert any(f"{stream}:3: row is a JSON list" in e for e in errors)


@pytest.mark.parametrize("name", ["rows.jsonl", "rows.jsonl.gz", "rows.jsonl.zst"])
def test_rows_keep_the_users_fields_and_carry_the_record(tmp_path, name):
    stream = tmp_path / name
    write_rows(stream, [json.dumps(row) for row in seed_rows()])
    result = run("clean", str(stream), "--text-field", "body", "--id-field", "doc_id")
    first = json.loads(result.stdout.decode().splitlines()[0])
    assert set(first) == {"doc_id", "crawl", "n", "article"}
    assert first["crawl"] == "2022-05" and first["article"]["input"]["name"] == "d0"
    assert first["article"]["title"].startswith("Kremlin says U.S. written responses")


def test_standard_input_is_rows_with_a_field_option_and_output_is_compressed(tmp_path):
    rows = [json.dumps({"text": seed_path("002").read_text("utf-8"), "url": "https://cnn.com/a"})]
    out = tmp_path / "out.jsonl.zst"
    result = run(
        "clean", "-", "-o", str(out), "--text-field", "text", stdin="\n".join(rows).encode()
    )
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in zstandard.open(out, "rt").read().splitlines()]
    assert record["article"]["domain"] == "cnn.com"


def test_clean_record_is_pure_and_reports_errors_in_the_row():
    row = {
        "id": "x1",
        "html": scrapinghub_html(
            "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
        ).decode("utf-8", "replace"),
        "lang": "en",
    }
    mapping = RowMapping(html_field="html")
    cleaned = clean_record(row, mapping)
    assert cleaned["error"] is None and cleaned["lang"] == "en" and "html" not in cleaned
    assert cleaned["article"]["input"]["kind"] == "html"
    failed = clean_record({"id": "x2", "text": ""})
    assert failed == {"id": "x2", "article": None, "error": "row has no text in field 'text'"}


def test_batches_as_columns_and_as_a_dataframe():
    import pandas as pd

    columns = {"text": [seed_path("001").read_text("utf-8"), ""], "id": ["a", "b"]}
    out = clean_columns(columns)
    assert out["id"] == ["a", "b"] and out["error"][0] is None and out["article"][1] is None
    assert json.loads(out["article"][0])["source"] == "The Moscow Times"
    frame = clean_frame(pd.DataFrame(columns))
    assert list(frame.columns) == ["id", "article", "error"] and frame["error"][1]


def warc_bytes() -> bytes:
    from warcio.statusandheaders import StatusAndHeaders
    from warcio.warcwriter import WARCWriter

    buffer = io.BytesIO()
    writer = WARCWriter(buffer, gzip=True)
    body = "<html><body><article><h1>Новости</h1><p>{}</p></article></body></html>".format(
        "Министр иностранных дел заявил в четверг, что ответы не содержат позитива. " * 5
    ).encode("cp1251")
    pages = [
        ("https://example.ru/news/1", "text/html; charset=windows-1251", body),
        ("https://example.ru/logo.png", "image/png", b"\x89PNG\r\n\x1a\n" + bytes(64)),
    ]
    for uri, content_type, payload in pages:
        headers = StatusAndHeaders("200 OK", [("Content-Type", content_type)], protocol="HTTP/1.1")
        record = writer.create_warc_record(
            uri, "response", payload=io.BytesIO(payload), http_headers=headers
        )
        writer.write_record(record)
    request = writer.create_warc_record(
        "https://example.ru/news/1", "request", payload=io.BytesIO(b"GET / HTTP/1.1\r\n\r\n")
    )
    writer.write_record(request)
    return buffer.getvalue()


def test_warc_responses_are_pages_with_their_url_and_http_charset(tmp_path):
    archive = tmp_path / "crawl.warc.gz"
    archive.write_bytes(warc_bytes())
    result = run("clean", str(archive))
    assert result.returncode == 0, result.stderr
    (record,) = [json.loads(line) for line in result.stdout.decode().splitlines()]
    assert record["url"] == "https://example.ru/news/1" and record["domain"] == "example.ru"
    assert record["input"]["encoding"] == "cp1251"
    assert record["input"]["encoding_source"] == "declared"
    assert "Министр" in record["text"]
    assert "cleaner: 1 cleaned, 0 failed, 1 skipped" in result.stderr.decode()


def test_input_dir_is_mirrored_into_output_dir(tmp_path):
    source = tmp_path / "in"
    (source / "a").mkdir(parents=True)
    (source / "a" / "page.txt").write_text(seed_path("001").read_text("utf-8"), "utf-8")
    write_rows(source / "rows.jsonl.gz", [json.dumps(r) for r in seed_rows()[:2]])
    result = run(
        "clean",
        "--input-dir",
        str(source),
        "--output-dir",
        str(tmp_path / "out"),
        "--text-field",
        "body",
        "-j",
        "2",
    )
    assert result.returncode == 0, result.stderr
    page = json.loads((tmp_path / "out" / "a" / "page.txt.json").read_text("utf-8"))
    assert page["source"] == "The Moscow Times"
    rows = gzip.decompress((tmp_path / "out" / "rows.jsonl.gz").read_bytes()).splitlines()
    assert len(rows) == 2


def test_kinds_and_output_names_come_from_file_names(tmp_path):
    assert output_name(Path("/in/a/b.warc.gz"), Path("/in"), "warc") == "a/b.jsonl.gz"
    assert output_name(Path("/in/x.html.gz"), Path("/in"), "page") == "x.html.json"
    (tmp_path / "p.html").write_text("<p>hi</p>", "utf-8")
    (item,) = iter_items([str(tmp_path / "p.html")], row_mode=True)
    assert item.path == tmp_path / "p.html" and not item.row
