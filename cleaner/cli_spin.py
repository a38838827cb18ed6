"""`cleaner spin FILE...`: say whether each article body looks spun, and show why.

Thin by design: it reads each file, calls `detect_spin` (and `find_spun_pairs` across the files
when there are several) and prints. Evidence spans are shown in their sentence, marked with
[[ ]] and coloured on a terminal, each with its note, so a person can check every claim.
"""

from __future__ import annotations

from pathlib import Path
from typing import Annotated

import typer

from cleaner.record import SpinEvidence, SpinReport
from cleaner.spin import detect_spin
from cleaner.spin_corpus import find_spun_pairs

# Characters of context shown on each side of an evidence span.
CONTEXT_CHARS = 40
VERDICT_COLOURS = {"clean": typer.colors.GREEN, "suspect": typer.colors.YELLOW, "spun": "red"}


def read_body(path: Path) -> str:
    """The article body of a file: its text as is (the body the detect stage would see)."""
    return path.read_text(encoding="utf-8", errors="replace")


def evidence_line(text: str, e: SpinEvidence, colour: bool) -> str:
    """One evidence span in its context, on one line, with the note after it."""
    before = text[max(0, e.start - CONTEXT_CHARS) : e.start].split("\n")[-1]
    after = text[e.end : e.end + CONTEXT_CHARS].split("\n")[0]
    span = typer.style(e.text, fg="red", bold=True) if colour else e.text
    return f"  …{before}[[{span}]]{after}…\n      {e.kind}: {e.note}"


def describe(name: str, text: str, report: SpinReport, colour: bool = False) -> str:
    """A readable verdict for one article with its highlighted evidence."""
    verdict = report.verdict.upper()
    if colour:
        verdict = typer.style(verdict, fg=VERDICT_COLOURS[report.verdict], bold=True)
    lines = [f"{name}: {verdict} (score {report.score:.2f}, {len(report.evidence)} spans)"]
    lines += [evidence_line(text, e, colour) for e in report.evidence]
    return "\n".join(lines)


def spin_command(
    paths: Annotated[list[Path], typer.Argument(metavar="FILE", help="Article bodies to check.")],
    language: Annotated[
        str | None, typer.Option(help="Language of the texts (default: guess).")
    ] = None,
    corpus: Annotated[
        bool, typer.Option(help="Also look for spun copies of one file among the others.")
    ] = True,
) -> None:
    """Say whether each article looks machine-spun (synonym-swapped), with the evidence."""
    colour = typer.get_text_stream("stdout").isatty()
    texts = []
    failed = False
    for path in paths:
        try:
            texts.append(read_body(path))
        except OSError as error:
            typer.echo(f"{path}: cannot read: {error.strerror or error}", err=True)
            texts.append("")
            failed = True
            continue
        typer.echo(describe(str(path), texts[-1], detect_spin(texts[-1], language), colour))
    if corpus and len(paths) > 1:
        for pair in find_spun_pairs(texts):
            swaps = ", ".join(f"{a} -> {b}" for a, b in pair.swaps[:12])
            typer.echo(
                f"{paths[pair.spun_index]} is a spun copy of {paths[pair.original_index]} "
                f"(score {pair.score:.2f}, {len(pair.swaps)} swaps: {swaps})"
            )
    if failed:
        raise typer.Exit(1)
