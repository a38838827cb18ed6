"""The `cleaner` command: a thin layer that parses arguments and calls the library.

Conventions follow trafilatura's CLI and Unix habit: records on stdout (or `-o FILE`), one error
line per failed input on stderr naming the input, a summary line at the end, and an exit code that
says whether any input failed (0 all cleaned, 1 some failed or the output could not be written,
2 usage or rule-pack error, 130/143 stopped by SIGINT/SIGTERM).
"""

from __future__ import annotations

import sys
from collections import Counter
from collections.abc import Callable, Iterator
from contextlib import closing, contextmanager, nullcontext
from dataclasses import dataclass
from enum import StrEnum
from pathlib import Path
from typing import TYPE_CHECKING, Annotated, Any

import typer

from cleaner import __version__
from cleaner.api import clean
from cleaner.cli_fix import fix_command
from cleaner.cli_spin import spin_command
from cleaner.errors import CleanerError, OutputError, RulePackError
from cleaner.record import Article
from cleaner.rulepack import RuleSet, load_ruleset
from cleaner.settings import DEFAULT_MAX_BYTES, Settings
from cleaner.shutdown import Shutdown
from cleaner.workers import DEFAULT_TIMEOUT, run_items

if TYPE_CHECKING:
    from cleaner.resume import Batch
    from cleaner.rows import RowMapping
    from cleaner.streams import OutputFile

# More inputs than this on a terminal get a progress bar.
PROGRESS_MIN_INPUTS = 4

app = typer.Typer(
    help="Turn raw news pages (HTML) and scraped text dumps into clean, canonical article records.",
    no_args_is_help=True,
    add_completion=False,
    pretty_exceptions_enable=False,
    rich_markup_mode=None,  # plain help, as argparse tools like trafilatura print it
)
rules_app = typer.Typer(help="Check rule packs and see what they do.", no_args_is_help=True)
golden_app = typer.Typer(
    help="Golden-file regression tests: pin what the rules do on real pages.", no_args_is_help=True
)
app.add_typer(rules_app, name="rules")
app.add_typer(golden_app, name="golden")


class Format(StrEnum):
    jsonl = "jsonl"
    json = "json"
    text = "text"
    markdown = "markdown"


RulesOption = Annotated[
    list[Path] | None,
    typer.Option(
        "--rules",
        metavar="DIR",
        help="A directory (or file) of extra rule packs; repeatable.",
        show_default=False,
    ),
]

# Options that `clean` and `review` share.
UrlOption = Annotated[
    str | None, typer.Option("--url", metavar="URL", help="The page's URL (one input only).")
]
FavorPrecisionOption = Annotated[
    bool,
    typer.Option("--favor-precision", help="HTML: prefer leaving text out to letting chrome in."),
]
FastOption = Annotated[
    bool,
    typer.Option(
        "--fast",
        help="HTML: no comparison of trafilatura's result with readability's reading "
        "(faster; misses the rest of a forum thread or a blog index). A result of one block "
        "still gets trafilatura's full mode.",
    ),
]
TextChromeOption = Annotated[
    bool,
    typer.Option(
        "--text-chrome/--no-text-chrome",
        help="Text dumps: drop site chrome (menus, footers, teasers) and the comment thread.",
    ),
]
ProgressOption = Annotated[
    bool | None,
    typer.Option("--progress/--no-progress", help="Progress bar (default: on a terminal)."),
]


def version_callback(value: bool) -> None:
    if value:
        typer.echo(f"cleaner {__version__}")
        raise typer.Exit()


@app.callback()
def main(
    version: Annotated[
        bool,
        typer.Option(
            "--version",
            callback=version_callback,
            is_eager=True,
            help="Print the version and exit.",
        ),
    ] = False,
) -> None:
    """cleaner: raw news pages in, clean article records (JSON) out."""


def fail(message: str, code: int = 2) -> typer.Exit:
    typer.echo(f"cleaner: error: {message}", err=True)
    return typer.Exit(code)


def load_rules(rules: list[Path] | None) -> RuleSet:
    try:
        return load_ruleset(tuple(rules or ()))
    except RulePackError as error:
        raise fail(str(error)) from None


def expand_inputs(paths: list[str]) -> Iterator[tuple[str, Path | None]]:
    """Each input's display name and path (None for stdin); folders are walked in sorted order."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", None
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(
                p for p in path.rglob("*") if p.is_file() and not is_hidden(p, path)
            ):
                yield str(found), found
        else:
            yield raw, path


def is_hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def clean_input(name: str, path: Path | None, url: str | None, settings: Settings) -> Article:
    if path is None:
        return clean(sys.stdin.buffer.read(), url=url, settings=settings, name=name)
    return clean(path, url=url, settings=settings)


@app.command("clean")
def clean_command(
    inputs: Annotated[
        list[str] | None,
        typer.Argument(
            metavar="INPUT",
            help="Files or folders to clean (.gz, .zst are decompressed; .jsonl are rows, "
            ".warc archives); - reads standard input.",
            show_default=False,
        ),
    ] = None,
    output: Annotated[
        Path | None,
        typer.Option(
            "-o", "--output", metavar="FILE", help="Write records here, not to standard output."
        ),
    ] = None,
    output_format: Annotated[
        Format,
        typer.Option(
            "--format",
            "-f",
            help="jsonl: one record per line; json: an array; text or markdown: the body.",
        ),
    ] = Format.jsonl,
    rules: RulesOption = None,
    url: UrlOption = None,
    favor_precision: FavorPrecisionOption = False,
    fast: FastOption = False,
    max_bytes: Annotated[
        int, typer.Option("--max-bytes", metavar="N", help="Refuse inputs larger than N bytes.")
    ] = DEFAULT_MAX_BYTES,
    text_chrome: TextChromeOption = True,
    site_config: Annotated[
        Path | None,
        typer.Option(
            "--site-config",
            metavar="DIR",
            help="A checkout of Full-Text RSS site configs: per-site body and strip rules.",
            show_default=False,
        ),
    ] = None,
    progress: ProgressOption = None,
    jobs: Annotated[
        int, typer.Option("--jobs", "-j", metavar="N", min=1, help="Worker processes.")
    ] = 1,
    unordered: Annotated[
        bool,
        typer.Option(
            "--unordered", help="With --jobs: write records as they finish, not in order."
        ),
    ] = False,
    timeout: Annotated[
        float,
        typer.Option(
            "--timeout",
            metavar="SECONDS",
            min=0,
            help="Per-input time limit: an input over it becomes an error line (its worker is "
            "replaced). 0: no limit, and no worker process with one job.",
        ),
    ] = DEFAULT_TIMEOUT,
    text_field: Annotated[
        str | None,
        typer.Option(
            "--text-field",
            metavar="NAME",
            help="JSON Lines: the field with the text (default: text). Reads stdin as rows.",
            show_default=False,
        ),
    ] = None,
    html_field: Annotated[
        str | None,
        typer.Option(
            "--html-field", metavar="NAME", help="JSON Lines: a field with HTML (wins over text)."
        ),
    ] = None,
    url_field: Annotated[
        str, typer.Option("--url-field", metavar="NAME", help="JSON Lines: the page URL field.")
    ] = "url",
    id_field: Annotated[
        str, typer.Option("--id-field", metavar="NAME", help="JSON Lines: your id for the row.")
    ] = "id",
    input_dir: Annotated[
        Path | None,
        typer.Option("--input-dir", metavar="DIR", help="Clean every file under DIR."),
    ] = None,
    output_dir: Annotated[
        Path | None,
        typer.Option(
            "--output-dir", metavar="DIR", help="Mirror the inputs' tree: one output file each."
        ),
    ] = None,
    errors: Annotated[
        Path | None,
        typer.Option(
            "--errors",
            metavar="FILE",
            help="Also write each failure to FILE as a JSON line: {input, reason}.",
        ),
    ] = None,
    resume: Annotated[
        bool,
        typer.Option(
            "--resume",
            help="Go on with a stopped run: skip the inputs -o FILE (and --errors FILE) already "
            "hold, cut a torn last record, append the rest.",
        ),
    ] = False,
) -> None:
    """Clean pages, text dumps, JSON Lines rows and WARC archives into article records.

    Each input (a page, a row, a WARC response) gives one record, or one error line on stderr
    naming it; the batch goes on, and the exit code is 1 if any input failed. Rows keep your
    other fields and carry the record under `article`.
    """
    from cleaner.resume import Batch
    from cleaner.rows import Job, RowMapping
    from cleaner.streams import iter_files, iter_items, kind_of

    paths = [*(inputs or []), *([str(input_dir)] if input_dir else [])]
    if not paths:
        raise fail("no input: give files, folders, - for standard input, or --input-dir")
    files = list(iter_files(paths))
    if url and len(files) != 1:
        raise fail("--url needs exactly one input")
    if output_dir and output:
        raise fail("--output and --output-dir exclude each other")
    if resume and output is None:
        raise fail("--resume needs -o FILE, the output to go on with")
    if resume and output_format != Format.jsonl:
        raise fail("--resume reads the records back: it needs --format jsonl")
    if site_config is not None and not site_config.is_dir():
        raise fail(f"--site-config {site_config}: not a directory")
    settings = Settings(
        rules=load_rules(rules),
        favor_precision=favor_precision,
        fast=fast,
        max_bytes=max_bytes,
        text_chrome=text_chrome,
        site_config=site_config,
    )
    mapping = RowMapping(text_field or "text", html_field, url_field or None, id_field or None)
    job = Job(settings=settings, mapping=mapping, fmt=output_format.value)
    row_mode = bool(text_field or html_field)
    pages_only = all(kind_of(name, row_mode) == "page" for name, _, _ in files)
    with Shutdown() as shutdown:
        held = resumed_inputs([output, errors]) if resume else Counter()
        items = iter_items(
            paths, row_mode=row_mode, url=url, mirror=output_dir is not None, max_bytes=max_bytes
        )
        batch = Batch(items, held, mapping)
        limit = timeout or None
        run = run_items(
            batch, job, jobs=jobs, ordered=not unordered, timeout=limit, shutdown=shutdown
        )
        show_progress = wants_progress(progress, len(files))
        sinks = Sinks(output, errors, output_dir, output_format, append=resume)
        with progress_bar(show_progress, len(files) if pages_only else None) as advance:
            tally, broken = write_results(run, sinks, mapping, advance)
        if (shutdown.requested or broken is not None) and pages_only:
            batch.read_rest()
    report(tally, batch, shutdown, broken, output)


def report(
    tally: Tally, batch: Batch, shutdown: Shutdown, broken: OutputError | None, output: Path | None
) -> None:
    """The error that stopped the output, the summary line, and the exit code."""
    stopped = shutdown.name or ("the output error" if broken is not None else "")
    if broken is not None:
        typer.echo(f"cleaner: error: {broken}", err=True)
    unusual = tally.failed or tally.skipped or batch.held_count or stopped
    if tally.cleaned + tally.failed > 1 or unusual:
        typer.echo(summary(tally, batch, stopped, output), err=True)
    if shutdown.requested:
        raise typer.Exit(shutdown.exit_code)
    if tally.failed or broken is not None:
        raise typer.Exit(1)


def resumed_inputs(outputs: list[Path | None]) -> Counter[str]:
    """The inputs the outputs of a stopped run hold (how many times each), after cutting their
    torn tails."""
    from cleaner.resume import resume_output

    held: Counter[str] = Counter()
    for path in outputs:
        if path is None:
            continue
        try:
            found = resume_output(path)
        except OutputError as error:
            raise fail(str(error)) from None
        cut = f", a torn tail of {found.torn:,} bytes cut" if found.torn else ""
        held_here = f"{found.lines:,} input{'s' if found.lines != 1 else ''} held"
        typer.echo(f"cleaner: resuming {path}: {held_here}{cut}", err=True)
        held.update(found.keys)
    return held


@dataclass(frozen=True, slots=True)
class Sinks:
    """Where a run writes: records to a file, stdout or a mirrored tree; failures to a file."""

    output: Path | None
    errors: Path | None
    output_dir: Path | None
    output_format: Format
    append: bool = False


@dataclass(slots=True)
class Tally:
    cleaned: int = 0
    failed: int = 0
    skipped: int = 0

    @property
    def written(self) -> int:
        return self.cleaned + self.failed + self.skipped


def summary(tally: Tally, batch: Batch, stopped: str, output: Path | None) -> str:
    """`180 cleaned, 1 failed`, with what was skipped, already done, or left by a stop (a
    signal or a failed output)."""
    parts = [f"{tally.cleaned} cleaned", f"{tally.failed} failed"]
    if tally.skipped:
        parts.append(f"{tally.skipped} skipped")
    if batch.held_count:
        parts.append(f"{batch.held_count} already done")
    if not stopped:
        return "cleaner: " + ", ".join(parts)
    parts.append(f"{batch.read - tally.written} not started")
    rest = "" if batch.exhausted else " and the rest of the input not read"
    hint = "; go on with --resume" if output is not None else ""
    return f"cleaner: stopped by {stopped}: {', '.join(parts)}{rest}{hint}"


def write_results(
    results: Iterator[tuple[Any, Any]],
    sinks: Sinks,
    mapping: RowMapping,
    advance: Callable[[int, int, int], None],
) -> tuple[Tally, OutputError | None]:
    """Write each record as it comes, an error line for each failure; the counts, and the
    error that stopped the writing if an output failed (what was written before it stays)."""
    tally = Tally()
    try:
        with closing(results), open_sinks(sinks, mapping) as writer:
            for item, outcome in results:
                writer.write(item, outcome, tally)
                advance(tally.cleaned, tally.failed, tally.skipped)
            writer.finish(tally)
    except OutputError as error:
        if sinks.output is None:
            silence_stdout()
        return tally, error
    return tally, None


@dataclass(slots=True)
class Writer:
    """The open outputs of a run: records (a file or stdout, or a mirrored tree), failures."""

    sinks: Sinks
    mapping: RowMapping
    out: OutputFile
    failures: OutputFile | None
    mirror: Any

    @property
    def is_array(self) -> bool:
        return self.sinks.output_format == Format.json and self.mirror is None

    def write(self, item: Any, outcome: Any, tally: Tally) -> None:
        if outcome.skipped:
            tally.skipped += 1
        elif outcome.error is not None:
            tally.failed += 1
            self.fail(item, outcome.error)
        else:
            if self.mirror is not None:
                self.mirror.write(item.group or "records.jsonl", outcome.text)
            elif self.is_array:
                self.out.write("[\n" if not tally.cleaned else ",\n")
                self.out.write(outcome.text.rstrip("\n"))
            else:
                self.out.write(outcome.text)
            tally.cleaned += 1

    def fail(self, item: Any, reason: str) -> None:
        """The error line on stderr and, when asked, in the errors file under the name the
        input's record would carry, so that `--resume` knows it was tried."""
        from cleaner.record import dumps
        from cleaner.rows import item_key

        typer.echo(f"cleaner: error: {item.name}: {reason}", err=True)
        if self.failures is not None:
            line = {"input": item_key(item, self.mapping), "reason": reason}
            self.failures.write(dumps(line) + "\n")

    def finish(self, tally: Tally) -> None:
        if self.is_array:
            self.out.write("\n]\n" if tally.cleaned else "[]\n")


@contextmanager
def open_sinks(sinks: Sinks, mapping: RowMapping) -> Iterator[Writer]:
    """The outputs, closed at the end whatever happens, so that a compressed output always
    ends with a whole frame."""
    from cleaner.streams import MirrorWriter

    mirror = MirrorWriter(sinks.output_dir) if sinks.output_dir is not None else None
    failures = open_output(sinks.errors, sinks.append) if sinks.errors else nullcontext()
    try:
        with open_output(sinks.output, sinks.append) as out, failures as errors_out:
            yield Writer(sinks, mapping, out, errors_out, mirror)
    finally:
        if mirror is not None:
            mirror.close()


def silence_stdout() -> None:
    """Stdout failed (a full disk, a closed pipe): point it at /dev/null so that the
    interpreter's own flush at exit does not print a second error as a traceback."""
    import os

    devnull = os.open(os.devnull, os.O_WRONLY)
    os.dup2(devnull, sys.stdout.fileno())
    os.close(devnull)


def open_output(output: Path | None, append: bool = False) -> OutputFile:
    """Standard output, or a file (`.gz` and `.zst` are compressed); appended to on --resume."""
    from cleaner.streams import OutputFile

    try:
        return OutputFile(output, append=append)
    except OutputError as error:
        raise fail(str(error)) from None


def wants_progress(progress: bool | None, inputs: int) -> bool:
    """The user's choice, else a bar on a terminal when there are enough inputs to wait for."""
    if progress is not None:
        return progress
    return sys.stderr.isatty() and inputs >= PROGRESS_MIN_INPUTS


@contextmanager
def progress_bar(enabled: bool, total: int | None) -> Iterator[Callable[[int, int, int], None]]:
    """A transient progress bar on stderr (never on stdout, where records go), or nothing.

    It counts inputs done, failed and skipped; a stream's length is unknown, so without a
    total the bar just counts.
    """
    if not enabled:
        yield lambda cleaned, failed, skipped: None
        return
    from rich.console import Console
    from rich.progress import Progress

    with Progress(console=Console(stderr=True), transient=True) as bar:
        task = bar.add_task("cleaning", total=total)

        def advance(cleaned: int, failed: int, skipped: int) -> None:
            counts = f"{cleaned} cleaned, {failed} failed, {skipped} skipped"
            bar.update(task, completed=cleaned + failed + skipped, description=counts)

        yield advance


@app.command("corpus")
def corpus_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="RECORDS",
            help="JSON Lines of records from `cleaner clean` (.gz, .zst too); - reads stdin.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path | None,
        typer.Option("-o", "--output", metavar="FILE", help="Write records here, not to stdout."),
    ] = None,
    clusters: Annotated[
        Path | None,
        typer.Option(
            "--clusters", metavar="FILE", help="Also write {id, cluster, duplicate_of} per record."
        ),
    ] = None,
    templates: Annotated[
        bool, typer.Option("--templates/--no-templates", help="Remove site-template lines.")
    ] = True,
    dedup: Annotated[
        bool, typer.Option("--dedup/--no-dedup", help="Mark near-duplicates (duplicate_of).")
    ] = True,
) -> None:
    """Corpus stages over a batch of records: site-template lines, near-duplicate clusters.

    A record that nearly duplicates an earlier-published (else longer) one gets `duplicate_of`,
    the canonical copy's id, which is also the cluster's id.
    """
    from cleaner.corpus import run_corpus
    from cleaner.record import dumps
    from cleaner.streams import read_json_rows

    with spooled_inputs(inputs) as paths:
        clusters_out = open_output(clusters) if clusters else nullcontext(None)
        counts = {"records": 0, "duplicates": 0, "lines": 0}
        try:
            with open_output(output) as out, clusters_out as side:
                for row, member in run_corpus(lambda: read_json_rows(paths), templates, dedup):
                    out.write(dumps(row) + "\n")
                    if side is not None:
                        side.write(dumps(member_dict(member)) + "\n")
                    counts["records"] += 1
                    counts["duplicates"] += member.duplicate_of is not None
                    counts["lines"] += member.lines_removed
        except CleanerError as error:
            raise fail(str(error)) from None
    typer.echo(
        f"cleaner: {counts['records']} records, {counts['duplicates']} near-duplicates, "
        f"{counts['lines']} template lines removed",
        err=True,
    )


def member_dict(member: Any) -> dict[str, Any]:
    return {"id": member.id, "cluster": member.cluster, "duplicate_of": member.duplicate_of}


@contextmanager
def spooled_inputs(inputs: list[str]) -> Iterator[list[Path]]:
    """The inputs as files: corpus stages read them more than once, so stdin goes to a temp file."""
    import shutil
    import tempfile

    if "-" not in inputs:
        yield [Path(i) for i in inputs]
        return
    with tempfile.NamedTemporaryFile(suffix=".jsonl") as spool:
        shutil.copyfileobj(sys.stdin.buffer, spool)
        spool.flush()
        yield [Path(spool.name) if i == "-" else Path(i) for i in inputs]


@app.command("schema")
def schema_command() -> None:
    """Print the JSON Schema of the article record."""
    from cleaner.schema import schema_text

    typer.echo(schema_text())


@rules_app.command("list")
def rules_list_command(rules: RulesOption = None) -> None:
    """List the loaded rule packs and their rules."""
    ruleset = load_rules(rules)
    for pack in ruleset.packs:
        where = ", ".join(pack.sites) or ("pages it detects" if pack.detect else "every page")
        typer.echo(f"{pack.name} v{pack.version} ({where}) {pack.path}")
        for rule in pack.rules:
            typer.echo(f"  {rule.id:<40} {rule.action:<22} {rule.why}")


@rules_app.command("test")
def rules_test_command(rules: RulesOption = None) -> None:
    """Check every rule against its examples: `match` ones must match, `no_match` ones not."""
    from cleaner.rule_examples import check_examples

    ruleset = load_rules(rules)
    failures = check_examples(ruleset)
    for failure in failures:
        typer.echo(f"FAIL {failure}", err=True)
    total = sum(len(r.examples_match) + len(r.examples_no_match) for _, r in ruleset.rules())
    passed = total - len(failures)
    typer.echo(
        f"{len(ruleset.rules())} rules, {total} examples: {passed} passed, {len(failures)} failed"
    )
    if failures:
        raise typer.Exit(1)


@rules_app.command("explain")
def rules_explain_command(
    input_path: Annotated[
        str, typer.Argument(metavar="INPUT", help="A file to clean; - reads standard input.")
    ],
    url: Annotated[str | None, typer.Option("--url", help="The page's URL.")] = None,
    rules: RulesOption = None,
) -> None:
    """Show which rule removed or moved what, block by block."""
    from cleaner.output import explain

    settings = Settings(rules=load_rules(rules))
    name, path = next(expand_inputs([input_path]))
    try:
        article = clean_input(name, path, url, settings)
    except CleanerError as error:
        raise fail(f"{name}: {error}", 1) from None
    typer.echo(explain(article))


@app.command("review")
def review_command(
    inputs: Annotated[
        list[str],
        typer.Argument(
            metavar="INPUT",
            help="Pages, folders, .warc archives or .jsonl rows to clean; - reads standard input.",
            show_default=False,
        ),
    ],
    output: Annotated[
        Path, typer.Option("-o", "--output", metavar="FILE", help="The HTML report to write.")
    ] = Path("review.html"),
    rules: RulesOption = None,
    url: UrlOption = None,
    favor_precision: FavorPrecisionOption = False,
    fast: FastOption = False,
    text_chrome: TextChromeOption = True,
    progress: ProgressOption = None,
) -> None:
    """Clean the inputs and write one HTML file to look at what was removed and moved, and why.

    Each input gets a page: its record's fields, then the body with every removed block struck
    through in place and every moved one (byline, caption, correction) labelled with its field,
    each with its rule and reason. The file needs no network; open it in any browser.
    """
    from cleaner.review import ReviewWriter
    from cleaner.rows import RowMapping, item_article
    from cleaner.streams import iter_files, iter_items

    files = list(iter_files(inputs))
    if url and len(files) != 1:
        raise fail("--url needs exactly one input")
    settings = Settings(
        rules=load_rules(rules),
        favor_precision=favor_precision,
        fast=fast,
        text_chrome=text_chrome,
    )
    writer = ReviewWriter()
    skipped = 0
    report_path = output.resolve()
    bar = progress_bar(wants_progress(progress, len(files)), len(files))
    with open_output(output) as out, bar as advance:  # opened first: a bad path fails at once
        for item in iter_items(inputs, url=url, max_bytes=settings.max_bytes):
            if item.path is not None and item.path.resolve() == report_path:
                continue  # the report itself, written inside a folder under review
            try:
                if item.skip:
                    skipped += 1
                else:
                    writer.add(item_article(item, RowMapping(), settings))
            except CleanerError as error:
                typer.echo(f"cleaner: error: {item.name}: {error}", err=True)
                writer.add_failure(item.name, str(error))
            advance(writer.count, writer.failed, skipped)
        try:
            writer.finish(out)
        except OSError as error:
            raise fail(f"{output}: cannot write: {error.strerror or error}") from None
    extra = f", {skipped} skipped" if skipped else ""
    typer.echo(
        f"cleaner: {writer.count} reviewed, {writer.failed} failed{extra}; report in {output}",
        err=True,
    )
    if writer.failed:
        raise typer.Exit(1)


@golden_app.command("check")
def golden_check_command(
    directory: Annotated[Path, typer.Argument(help="A folder of golden cases.")] = Path("golden"),
    rules: RulesOption = None,
    html: Annotated[
        Path | None,
        typer.Option(
            "--html",
            metavar="FILE",
            help="Also write an HTML report: each changed field side by side.",
            show_default=False,
        ),
    ] = None,
) -> None:
    """Re-clean every case and show what changed against its expected record."""
    from cleaner.golden import check_cases
    from cleaner.review import golden_html

    report = run_golden(check_cases, directory, rules)
    typer.echo(report.text)
    if html is not None:
        with open_output(html) as out:
            out.write(golden_html(report))
    if not report.ok:
        raise typer.Exit(1)


@golden_app.command("update")
def golden_update_command(
    directory: Annotated[Path, typer.Argument(help="A folder of golden cases.")] = Path("golden"),
    rules: RulesOption = None,
) -> None:
    """Rewrite every case's expected record from the current output (after reviewing `check`)."""
    from cleaner.golden import update_cases

    report = run_golden(update_cases, directory, rules)
    typer.echo(report.text)
    if not report.ok:
        raise typer.Exit(1)


def run_golden(action, directory: Path, rules: list[Path] | None):
    try:
        return action(directory, rules=tuple(rules or ()))
    except CleanerError as error:
        raise fail(str(error)) from None


# Commands that live in their own modules, listed after the ones defined here.
app.command("fix")(fix_command)
app.command("spin")(spin_command)
