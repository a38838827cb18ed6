"""The command line as a user meets it: records out, one error line per bad input, exit codes."""

from __future__ import annotations

import json
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import pytest
import typer
from conftest import GOLDEN, seed_path
from typer.testing import CliRunner

from cleaner.cli import app

runner = CliRunner()


def run(*args: str) -> subprocess.CompletedProcess:
    """The installed command, in a real process, as a user would run it."""
    return subprocess.run(
        [sys.executable, "-m", "cleaner", *args], capture_output=True, text=True, timeout=120
    )


def test_clean_writes_one_jsonl_record_per_input():
    result = run("clean", str(seed_path("001")), str(seed_path("002")))
    assert result.returncode == 0, result.stderr
    records = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["source"] for r in records] == ["The Moscow Times", "CNN"]
    assert "2 cleaned, 0 failed" in result.stderr


def test_folder_is_walked_and_bad_inputs_fail_alone(tmp_path):
    (tmp_path / "good.txt").write_text(seed_path("002").read_text("utf-8"), encoding="utf-8")
    (tmp_path / "binary.html").write_bytes(bytes(range(256)) * 10)
    (tmp_path / "empty.txt").write_text("  \n\n ", encoding="utf-8")
    missing = tmp_path / "missing.html"
    result = run("clean", str(tmp_path), str(missing))
    assert result.returncode == 1
    assert len(result.stdout.splitlines()) == 1
    errors = [line for line in result.stderr.splitlines() if line.startswith("cleaner: error:")]
    assert len(errors) == 3
    assert any("binary.html: binary data" in line for line in errors)
    assert any("empty.txt: empty input" in line for line in errors)
    assert any("missing.html: no such file or directory" in line for line in errors)
    assert "1 cleaned, 3 failed" in result.stderr


def test_an_input_over_the_time_limit_is_an_error_line_in_one_job_too():
    """The limit holds without --jobs: the input runs in a worker that is replaced when late.
    A seed takes tens of milliseconds; a one-millisecond limit cannot be met."""
    result = run("clean", "--timeout", "0.001", str(seed_path("001")), str(seed_path("002")))
    assert result.returncode == 1
    assert result.stdout == ""
    errors = [line for line in result.stderr.splitlines() if line.startswith("cleaner: error:")]
    assert len(errors) == 2 and all("timed out after 0.001 s" in line for line in errors)
    assert "0 cleaned, 2 failed" in result.stderr
    untimed = run("clean", "--timeout", "0", str(seed_path("001")))
    assert untimed.returncode == 0 and json.loads(untimed.stdout)["source"] == "The Moscow Times"


def test_stdin_is_read_with_dash_and_url_is_used():
    result = subprocess.run(
        [
            sys.executable,
            "-m",
            "cleaner",
            "clean",
            "-",
            "--url",
            "https://www.cnn.com/x",
            "-f",
            "json",
        ],
        input=seed_path("002").read_bytes(),
        capture_output=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    (record,) = json.loads(result.stdout)
    assert record["domain"] == "cnn.com" and record["input"]["name"] == "<stdin>"


def test_output_file_and_text_and_markdown_formats(tmp_path):
    out = tmp_path / "out.txt"
    result = runner.invoke(app, ["clean", str(seed_path("004")), "-f", "text", "-o", str(out)])
    assert result.exit_code == 0
    assert out.read_text("utf-8").startswith("MOSCOW — The United States")
    result = runner.invoke(app, ["clean", str(seed_path("001")), "-f", "markdown"])
    assert result.stdout.startswith("# No 'Positive Response' From U.S.")


def test_url_with_several_inputs_is_a_usage_error():
    result = runner.invoke(
        app, ["clean", str(seed_path("001")), str(seed_path("002")), "--url", "https://x.org"]
    )
    assert result.exit_code == 2
    assert "--url needs exactly one input" in result.output


def test_bad_rules_directory_is_one_clear_line(tmp_path):
    (tmp_path / "bad.yaml").write_text("pack: bad\nversion: 1\nrules: []\n", encoding="utf-8")
    result = run("clean", str(seed_path("001")), "--rules", str(tmp_path))
    assert result.returncode == 2
    assert result.stderr.strip().count("\n") == 0
    assert f"{tmp_path / 'bad.yaml'}:3: rules" in result.stderr


def test_rules_test_passes_on_shipped_packs():
    result = runner.invoke(app, ["rules", "test"])
    assert result.exit_code == 0
    assert " 0 failed" in result.stdout


def test_rules_explain_names_each_rule_and_removal():
    result = runner.invoke(app, ["rules", "explain", str(seed_path("000"))])
    assert result.exit_code == 0
    assert (
        "inkl.sign-up-wall" in result.stdout and "'Sign up to read this article'" in result.stdout
    )
    assert "flags: paywalled" in result.stdout


def test_schema_command_prints_the_record_schema():
    result = runner.invoke(app, ["schema"])
    schema = json.loads(result.stdout)
    assert "removed" in schema["properties"] and schema["additionalProperties"] is False


def test_golden_check_passes_on_the_shipped_cases():
    result = runner.invoke(app, ["golden", "check", str(GOLDEN)])
    assert result.exit_code == 0, result.stdout
    assert "5 golden cases: 5 unchanged" in result.stdout


def command_paths(group: Any, prefix: tuple[str, ...] = ()) -> Iterator[list[str]]:
    """Every command and sub-command of the CLI, so a new command cannot skip this test."""
    yield list(prefix)
    for name, command in group.commands.items():
        if hasattr(command, "commands"):  # a group (typer vendors its own click classes)
            yield from command_paths(command, (*prefix, name))
        else:
            yield [*prefix, name]


@pytest.mark.parametrize("command", list(command_paths(typer.main.get_command(app))), ids=" ".join)
def test_every_command_has_help(command):
    """Usage, then a sentence on what the command does, then its options."""
    result = runner.invoke(app, [*command, "--help"])
    assert result.exit_code == 0
    usage, description, *_ = result.stdout.split("\n\n")
    assert usage.startswith("Usage: ") and len(description.split()) >= 5
    assert "Options:" in result.stdout and "--help" in result.stdout


def test_version_flag():
    result = runner.invoke(app, ["--version"])
    assert result.stdout.startswith("cleaner ")


def test_rules_list_shows_packs_and_rule_ids():
    result = runner.invoke(app, ["rules", "list"])
    assert "washington-post v1 (washingtonpost.com)" in result.stdout
    assert "generic.byline" in result.stdout
    assert Path(result.stdout.split("\n")[0].rsplit(" ", 1)[1]).suffix == ".yaml"
