"""Inputs and outputs of any length: page files, JSON Lines, WARC, plain or compressed.

Everything here is lazy: inputs are yielded one `Item` at a time and outputs written one record at
a time, so a stream of any length runs in constant memory. What an input is comes from its name:
`.jsonl`/`.ndjson` are rows (one JSON object per line), `.warc`/`.arc` are web archives (their
response records are the pages), anything else is one page. `.gz` and `.zst` are decompressed on
the fly. Row mode (`--text-field`/`--html-field`) also reads standard input as rows.
"""

from __future__ import annotations

import contextlib
import gzip
import importlib
import io
import json
import sys
from collections.abc import Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import IO, Any, BinaryIO

import zstandard
from warcio.archiveiterator import ArchiveIterator

from cleaner.errors import InputError, OutputError
from cleaner.rows import Item
from cleaner.settings import DEFAULT_MAX_BYTES

ROW_SUFFIXES = (".jsonl", ".ndjson")
ARCHIVE_SUFFIXES = (".warc", ".arc")
COMPRESSED_SUFFIXES = (".gz", ".zst")
# Response content types that are pages; any other response (images, scripts, feeds) is skipped.
PAGE_CONTENT_TYPES = ("text/html", "application/xhtml+xml", "text/plain")
# Bytes read at a time while skipping the rest of an over-long line.
SKIP_CHUNK = 1 << 20
# Text held before it is compressed as one frame (a gzip member, a zstd frame) of whole records:
# a run killed mid-write loses at most this much, and --resume cuts the file back to its last
# whole frame. Against one frame for the file, frames this size make the scrapinghub records
# (2.1 MB) 0.3% larger as gzip and 1.6% as zstd; 256 KiB frames would cost 1.0% and 6.1%.
FRAME_BYTES = 1 << 20


def require(module: str, extra: str) -> Any:
    """Import an optional dependency, or fail with what to install."""
    try:
        return importlib.import_module(module)
    except ImportError:
        raise InputError(f"needs {module}: pip install 'cleaner[{extra}]'") from None


def base_name(name: str) -> str:
    """The file name without its compression suffix: `a.jsonl.gz` -> `a.jsonl`."""
    for suffix in COMPRESSED_SUFFIXES:
        if name.endswith(suffix):
            return name[: -len(suffix)]
    return name


def kind_of(name: str, row_mode: bool) -> str:
    """rows, warc or page, from the name (compression suffixes ignored); stdin is rows in row
    mode."""
    base = base_name(name).lower()
    if base.endswith(ARCHIVE_SUFFIXES):
        return "warc"
    if base.endswith(ROW_SUFFIXES) or (row_mode and name == "<stdin>"):
        return "rows"
    return "page"


def open_binary(path: Path) -> BinaryIO:
    """A file opened for reading, decompressed by suffix."""
    if path.suffix == ".gz":
        return gzip.open(path, "rb")  # type: ignore[return-value]
    if path.suffix == ".zst":
        # Our outputs are series of frames (OutputFile), so read across them; zstandard's
        # reader has no readline: buffer it so rows can be read line by line.
        reader = zstandard.ZstdDecompressor().stream_reader(
            path.open("rb"), read_across_frames=True
        )
        return io.BufferedReader(reader)  # type: ignore[arg-type]
    return path.open("rb")


def compressor(path: Path) -> Callable[[bytes], bytes] | None:
    """What turns text into one complete frame of the file's compression, by suffix."""
    if path.suffix == ".gz":
        return lambda data: gzip.compress(data, mtime=0)
    if path.suffix == ".zst":
        return zstandard.ZstdCompressor().compress
    return None


class OutputFile:
    """A UTF-8 output written a record at a time; a failed write raises `OutputError` naming it.

    `.gz` and `.zst` files are written as a series of complete frames (gzip members, zstd
    frames), each holding whole records: gzip and zstd readers read the series as one stream,
    a file cut short by a kill still reads up to its last whole frame, and a later run can
    append frames to it (`--resume`). Standard output is written through, never closed.
    """

    def __init__(self, path: Path | None, append: bool = False) -> None:
        self.name = "<stdout>" if path is None else str(path)
        self.compress = None if path is None else compressor(path)
        self.pending: list[bytes] = []
        self.size = 0
        self.fresh = not append
        self.closed = False
        try:
            if path is not None:
                path.parent.mkdir(parents=True, exist_ok=True)
            self.file = sys.stdout.buffer if path is None else path.open("ab" if append else "wb")
        except OSError as error:
            raise self.failed(error) from None

    def write(self, text: str) -> int:
        data = text.encode("utf-8")
        try:
            if self.compress is None:
                self.file.write(data)
                return len(text)
            self.pending.append(data)
            self.size += len(data)
            if self.size >= FRAME_BYTES:
                self.end_frame()
        except OSError as error:
            raise self.failed(error) from None
        return len(text)

    def end_frame(self) -> None:
        """Compress what is pending as one frame; an empty new file still gets one, to be valid."""
        if self.compress is not None and (self.pending or self.fresh):
            self.file.write(self.compress(b"".join(self.pending)))
            self.fresh = False
        self.pending.clear()
        self.size = 0

    def close(self) -> None:
        if self.closed:
            return
        self.closed = True
        try:
            self.end_frame()
            self.file.flush()
        except OSError as error:
            raise self.failed(error) from None
        finally:
            if self.file is not sys.stdout.buffer:
                with contextlib.suppress(OSError):  # a failed flush was reported just above
                    self.file.close()

    def failed(self, error: OSError) -> OutputError:
        reason = (error.strerror or str(error)).lower()
        return OutputError(f"{self.name}: cannot write: {reason}")

    def __enter__(self) -> OutputFile:
        return self

    def __exit__(self, *exc: object) -> None:
        self.close()


def iter_files(paths: list[str]) -> Iterator[tuple[str, Path | None, Path | None]]:
    """Each input's name, path (None for stdin) and, for files under a folder, the folder."""
    for raw in paths:
        if raw == "-":
            yield "<stdin>", None, None
            continue
        path = Path(raw)
        if path.is_dir():
            for found in sorted(p for p in path.rglob("*") if p.is_file() and not hidden(p, path)):
                yield str(found), found, path
        else:
            yield raw, path, None


def hidden(path: Path, root: Path) -> bool:
    return any(part.startswith(".") for part in path.relative_to(root).parts)


def iter_items(
    paths: list[str],
    row_mode: bool = False,
    url: str | None = None,
    mirror: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Iterator[Item]:
    """Every input of a batch, lazily, in order: pages, rows of JSON Lines, WARC responses.

    With `mirror`, each item's `group` is the output file it belongs to, relative to the output
    folder: its path under its input folder, `.json` added for a page, `.jsonl` for a stream.
    No more than `max_bytes` (+1, to tell it is over) of any one input is held in memory, so a
    gzip bomb or a stream with no newlines costs one error line, not the machine's memory.
    """
    for name, path, root in iter_files(paths):
        kind = kind_of(name, row_mode)
        group = output_name(path, root, kind) if mirror and path is not None else None
        if kind == "page":
            yield page_item(name, path, url, group, max_bytes)
        else:
            yield from stream_items(name, path, kind, group, max_bytes)


def page_item(
    name: str, path: Path | None, url: str | None, group: str | None, max_bytes: int
) -> Item:
    if path is None:
        return Item(name=name, data=sys.stdin.buffer.read(max_bytes + 1), url=url, group=group)
    return Item(name=name, path=path, url=url, group=group)


def stream_items(
    name: str, path: Path | None, kind: str, group: str | None, max_bytes: int
) -> Iterator[Item]:
    """The rows or WARC responses of one stream; a file that cannot be read is one error item."""
    try:
        stream = sys.stdin.buffer if path is None else open_binary(path)
    except (OSError, InputError) as error:
        yield Item(name=name, error=unreadable(error), group=group)
        return
    with stream:
        reader = read_rows if kind == "rows" else read_warc
        try:
            for item in reader(name, stream, max_bytes):
                yield replace_group(item, group)
        except (OSError, EOFError, ValueError, InputError) as error:
            yield Item(name=name, error=unreadable(error), group=group)


def unreadable(error: BaseException) -> str:
    """The reason for a stream that breaks: it still gives one error line, and the batch goes on."""
    if isinstance(error, InputError):
        return str(error)
    if isinstance(error, OSError) and error.strerror:
        return f"cannot read: {error.strerror.lower()}"
    return f"cannot read: {error or type(error).__name__}"


def replace_group(item: Item, group: str | None) -> Item:
    return item if group is None else replace(item, group=group)


def read_rows(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """One item per non-blank line; the worker parses it, so a broken line fails alone."""
    for number, line in enumerate(bounded_lines(stream, max_bytes), 1):
        if line is None:
            error = f"line over the limit of {max_bytes:,} bytes (--max-bytes)"
            yield Item(name=f"{name}:{number}", error=error)
        elif line.strip():
            yield Item(name=f"{name}:{number}", data=line, row=True)


def bounded_lines(stream: IO[bytes], limit: int) -> Iterator[bytes | None]:
    """Lines of at most `limit` bytes (newline aside); a longer one is read past, not kept,
    and given as None."""
    while line := stream.readline(limit + 1):
        if len(line) <= limit or line.endswith(b"\n"):
            yield line
            continue
        while (rest := stream.readline(SKIP_CHUNK)) and not rest.endswith(b"\n"):
            pass
        yield None


def read_warc(name: str, stream: IO[bytes], max_bytes: int) -> Iterator[Item]:
    """One item per response (or resource) record: its payload, target URI and HTTP charset."""
    number = 0
    for record in ArchiveIterator(stream, arc2warc=True):
        if record.rec_type not in ("response", "resource"):
            continue
        number += 1
        item_name = f"{name}#{number}"
        uri = record.rec_headers.get_header("WARC-Target-URI")
        headers = record.http_headers
        content_type = (headers or record.rec_headers).get_header("Content-Type") or ""
        mime, charset = parse_content_type(content_type)
        if record.rec_type == "response" and headers is None:
            yield Item(name=item_name, url=uri, skip="response without HTTP headers")
        elif mime and mime not in PAGE_CONTENT_TYPES:
            yield Item(name=item_name, url=uri, skip=f"not a page: {mime}")
        else:
            data = record.content_stream().read(max_bytes + 1)
            yield Item(name=item_name, data=data, url=uri, charset=charset)


def parse_content_type(value: str) -> tuple[str, str | None]:
    """`text/html; charset=ISO-8859-1` -> ("text/html", "ISO-8859-1")."""
    parts = [p.strip() for p in value.split(";")]
    charset = None
    for part in parts[1:]:
        key, _, found = part.partition("=")
        if key.strip().lower() == "charset" and found.strip():
            charset = found.strip().strip("\"'")
    return parts[0].lower(), charset


def read_json_rows(paths: list[Path]) -> Iterator[dict]:
    """JSON objects, one per non-blank line, from each file in turn (`.gz`/`.zst` decompressed);
    a line that is not one raises `InputError` naming the file and line."""
    for path in paths:
        with open_binary(path) as stream:
            for number, line in enumerate(stream, 1):
                if not line.strip():
                    continue
                try:
                    row = json.loads(line)
                except ValueError as error:
                    raise InputError(f"{path}:{number}: not a JSON line: {error}") from None
                if not isinstance(row, dict):
                    raise InputError(f"{path}:{number}: not a JSON object")
                yield row


def output_name(path: Path, root: Path | None, kind: str) -> str:
    """Where a mirrored input's records go, relative to the output folder."""
    relative = path.relative_to(root) if root is not None else Path(path.name)
    if kind == "page":
        return str(relative.with_name(base_name(relative.name) + ".json"))
    base = base_name(relative.name)
    stem = base.rsplit(".", 1)[0] if "." in base else base
    compression = relative.name[len(base) :]
    return str(relative.with_name(stem + ".jsonl" + compression))


class MirrorWriter:
    """Writes each group's text to its own file under `root`, keeping a few files open.

    Groups can interleave (unordered runs), so a file is reopened in append mode after it was
    closed to make room; the first open of a file truncates it.
    """

    def __init__(self, root: Path, max_open: int = 32) -> None:
        self.root = root
        self.max_open = max_open
        self.open: dict[str, OutputFile] = {}
        self.seen: set[str] = set()

    def write(self, group: str, text: str) -> None:
        handle = self.open.pop(group, None) or self.reopen(group)
        self.open[group] = handle
        handle.write(text)

    def reopen(self, group: str) -> OutputFile:
        if len(self.open) >= self.max_open:
            oldest = next(iter(self.open))
            self.open.pop(oldest).close()
        append = group in self.seen
        self.seen.add(group)
        return OutputFile(self.root / group, append=append)

    def close(self) -> None:
        for handle in self.open.values():
            handle.close()
        self.open.clear()
