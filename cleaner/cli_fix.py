"""`cleaner fix`: repair mojibake in a text stream, like the `ftfy` command, with explanations.

Plain mode reads lines and writes each repaired (and in canonical form); `--jsonl --field NAME`
reads JSON Lines, repairs that field of each row, keeps the other fields and the row order, and
adds the report under `mojibake`. Input is streamed, so memory stays flat on files of any length.
A row that cannot be read is one error line on stderr naming the input and line; the stream goes
on, and the exit code is 1 if any row failed (2 for a usage error such as an unknown encoding).
"""

from __future__ import annotations

import codecs
import json
import sys
from collections.abc import Iterable, Iterator
from dataclasses import asdict, dataclass
from pathlib import Path
from typing import Annotated, Any, BinaryIO, TextIO

import typer

from cleaner.record import MojibakeFix
from cleaner.repair import mojibake_report, repair_text

REPORT_KEY = "mojibake"
STDIN = "-"


@dataclass
class Tally:
    """What a run did, for the summary line and the exit code."""

    rows: int = 0
    repaired: int = 0
    failed: int = 0


class RowError(ValueError):
    """One row or line that cannot be fixed; the message says why."""


def fix_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(metavar="FILE", help="Files to read; standard input when none or '-'."),
    ] = None,
    jsonl: Annotated[
        bool, typer.Option("--jsonl", help="Read JSON Lines and repair one field of each row.")
    ] = False,
    field: Annotated[
        str, typer.Option("--field", metavar="NAME", help="The field to repair with --jsonl.")
    ] = "text",
    encoding: Annotated[
        str, typer.Option("--encoding", metavar="CODEC", help="How the input bytes are encoded.")
    ] = "utf-8",
    explain: Annotated[
        bool, typer.Option("--explain", help="Plain mode: print each repair to stderr.")
    ] = False,
) -> None:
    """Repair mojibake and leftover HTML entities in text from stdin or FILEs, to stdout."""
    try:
        codecs.lookup(encoding)
    except LookupError:
        typer.echo(f"cleaner fix: error: unknown encoding {encoding!r}", err=True)
        raise typer.Exit(2) from None
    tally = Tally()
    for name, stream in open_inputs(inputs or [STDIN]):
        lines = decoded_lines(stream, encoding)
        if jsonl:
            fix_jsonl(name, lines, field, sys.stdout, tally)
        else:
            fix_plain(name, lines, sys.stdout, tally, explain)
    if jsonl or tally.failed:
        typer.echo(
            f"cleaner fix: {tally.rows} rows, {tally.repaired} repaired, {tally.failed} failed",
            err=True,
        )
    if tally.failed:
        raise typer.Exit(1)


def open_inputs(names: list[str]) -> Iterator[tuple[str, BinaryIO]]:
    """Each input's display name and its byte stream; an unreadable file is a usage error."""
    for name in names:
        if name == STDIN:
            yield "<stdin>", sys.stdin.buffer
            continue
        try:
            stream = Path(name).open("rb")  # noqa: SIM115  (closed below, after the caller's use)
        except OSError as error:
            typer.echo(f"cleaner fix: error: {name}: {error.strerror}", err=True)
            raise typer.Exit(2) from None
        with stream:
            yield name, stream


def decoded_lines(stream: BinaryIO, encoding: str) -> Iterator[tuple[int, str | RowError]]:
    """Numbered lines without their line break, or the error for a line that does not decode."""
    for number, raw in enumerate(stream, start=1):
        try:
            yield number, raw.decode(encoding).rstrip("\r\n")
        except UnicodeDecodeError as error:
            yield number, RowError(f"not valid {encoding} at byte {error.start} (see --encoding)")


def fix_plain(
    name: str,
    lines: Iterable[tuple[int, str | RowError]],
    out: TextIO,
    tally: Tally,
    explain: bool,
) -> None:
    """Repair each line; a line that cannot be decoded is reported and written as it was not."""
    for number, line in lines:
        tally.rows += 1
        if isinstance(line, RowError):
            report_error(name, number, line, tally)
            continue
        fixed, fixes = repair_text(line)
        tally.repaired += bool(fixes)
        if explain:
            for fix in fixes:
                typer.echo(
                    f"{name}:{number}: {fix.before!r} -> {fix.after!r} ({fix.how})", err=True
                )
        out.write(fixed + "\n")


def fix_jsonl(
    name: str, lines: Iterable[tuple[int, str | RowError]], field: str, out: TextIO, tally: Tally
) -> None:
    """Repair `field` in each row, keeping the other fields in order, and add the report."""
    for number, line in lines:
        if not isinstance(line, RowError) and not line.strip():
            continue
        tally.rows += 1
        try:
            row, fixes = fix_row(line, field)
        except RowError as error:
            report_error(name, number, error, tally)
            continue
        tally.repaired += bool(fixes)
        out.write(json.dumps(row, ensure_ascii=False, separators=(",", ":")) + "\n")


def fix_row(line: str | RowError, field: str) -> tuple[dict[str, Any], tuple[MojibakeFix, ...]]:
    """One JSON Lines row with `field` repaired and the report added under `mojibake`."""
    if isinstance(line, RowError):
        raise line
    try:
        row = json.loads(line)
    except json.JSONDecodeError as error:
        raise RowError(f"not JSON: {error.msg} at column {error.colno}") from None
    if not isinstance(row, dict):
        raise RowError(f"not a JSON object but {type(row).__name__}")
    value = row.get(field)
    if not isinstance(value, str):
        found = "missing" if field not in row else f"{type(value).__name__}, not a string"
        raise RowError(f"field {field!r} is {found}")
    row[field], fixes = repair_text(value)
    row[REPORT_KEY] = asdict(mojibake_report(fixes))
    return row, fixes


def report_error(name: str, number: int, error: RowError, tally: Tally) -> None:
    tally.failed += 1
    typer.echo(f"cleaner fix: error: {name}:{number}: {error}", err=True)
