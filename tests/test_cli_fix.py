"""`cleaner fix`: text streams in, repaired text out; JSON Lines rows keep fields and order."""

from __future__ import annotations

import json
from pathlib import Path

import pytest
from conftest import SHARED_DATA
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()


def synthetic_rows(how: str, count: int) -> list[dict]:
    path = SHARED_DATA / "mojibake" / "synthetic.jsonl"
    if not SHARED_DATA.is_dir():
        pytest.skip(f"shared development data directory absent: {SHARED_DATA}")
    with path.open(encoding="utf-8") as lines:
        rows = [row for row in map(json.loads, lines) if row["how"] == how and row["lossless"]]
    return rows[:count]


def test_plain_text_on_stdin_comes_out_repaired_line_by_line() -> None:
    result = runner.invoke(app, ["fix"], input="The cafÃ© opened\n\nÐŸÑ€Ð¸Ð²ÐµÑ‚, world\n")
    assert result.exit_code == 0, result.stderr
    assert result.stdout == "The café opened\n\nПривет, world\n"
    assert result.stderr == ""


def test_explain_prints_each_repair_to_stderr() -> None:
    result = runner.invoke(app, ["fix", "--explain"], input="caf&amp;eacute; ok\n")
    assert result.stdout == "café ok\n"
    assert "<stdin>:1: 'caf&amp;eacute;' -> 'café' (unescape:html-entities x2)" in result.stderr


def test_real_broken_paragraphs_are_repaired_from_a_file(tmp_path: Path) -> None:
    rows = synthetic_rows("utf8_as_cp1252_twice", 5)
    path = tmp_path / "broken.txt"
    path.write_text("".join(row["broken"] + "\n" for row in rows), encoding="utf-8")
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 0, result.stderr
    assert result.stdout.splitlines() == [row["clean"] for row in rows]


def test_jsonl_repairs_the_field_keeps_other_fields_in_order_and_adds_the_report() -> None:
    rows = synthetic_rows("utf8_as_cp1251", 3)
    lines = [json.dumps({"id": r["id"], "body": r["broken"], "lang": r["lang"]}) for r in rows]
    result = runner.invoke(app, ["fix", "--jsonl", "--field", "body"], input="\n".join(lines))
    assert result.exit_code == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [list(row) for row in out] == [["id", "body", "lang", "mojibake"]] * 3
    assert [row["body"] for row in out] == [r["clean"] for r in rows]
    assert [row["id"] for row in out] == [r["id"] for r in rows]
    assert all(row["mojibake"]["found"] and row["mojibake"]["fixed"] for row in out)
    assert out[0]["mojibake"]["fixes"][0]["how"]
    assert "3 rows, 3 repaired, 0 failed" in result.stderr


def test_a_clean_row_gets_an_empty_report() -> None:
    result = runner.invoke(app, ["fix", "--jsonl"], input='{"text": "Nothing wrong here."}\n')
    assert json.loads(result.stdout) == {
        "text": "Nothing wrong here.",
        "mojibake": {"found": False, "fixed": False, "fixes": []},
    }


def test_bad_rows_are_one_error_line_each_and_the_stream_goes_on() -> None:
    rows = ['{"text": "cafÃ©"}', "not json", '{"text": 5}', "[1]", '{"other": 1}', '{"text": "ok"}']
    result = runner.invoke(app, ["fix", "--jsonl"], input="\n".join(rows) + "\n")
    assert result.exit_code == 1
    assert [json.loads(line)["text"] for line in result.stdout.splitlines()] == ["café", "ok"]
    errors = result.stderr.splitlines()
    assert errors[:4] == [
        "cleaner fix: error: <stdin>:2: not JSON: Expecting value at column 1",
        "cleaner fix: error: <stdin>:3: field 'text' is int, not a string",
        "cleaner fix: error: <stdin>:4: not a JSON object but list",
        "cleaner fix: error: <stdin>:5: field 'text' is missing",
    ]
    assert errors[-1] == "cleaner fix: 6 rows, 1 repaired, 4 failed"


def test_undecodable_line_is_an_error_naming_input_and_line(tmp_path: Path) -> None:
    path = tmp_path / "latin1.txt"
    path.write_bytes(b"fine\ncaf\xe9\nalso fine\n")
    result = runner.invoke(app, ["fix", str(path)])
    assert result.exit_code == 1
    assert result.stdout == "fine\nalso fine\n"
    assert f"cleaner fix: error: {path}:2: not valid utf-8 at byte 3 (see --encoding)" in (
        result.stderr
    )
    assert runner.invoke(app, ["fix", "--encoding", "latin-1", str(path)]).stdout == (
        "fine\ncafé\nalso fine\n"
    )


def test_usage_errors_exit_2_with_one_line() -> None:
    missing = runner.invoke(app, ["fix", "/nonexistent/file.txt"])
    assert missing.exit_code == 2
    assert (
        missing.stderr == "cleaner fix: error: /nonexistent/file.txt: No such file or directory\n"
    )
    codec = runner.invoke(app, ["fix", "--encoding", "klingon"], input="x\n")
    assert codec.exit_code == 2
    assert codec.stderr == "cleaner fix: error: unknown encoding 'klingon'\n"
