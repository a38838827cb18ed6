"""`--resume`: what an output already holds, so that a rerun skips those inputs and appends.

Every line `cleaner clean` writes as JSON Lines names its input: a record by `input.name`, a row
by `article.input.name` (the user's id, else `file:line`), an error line by `input`. A run that
was killed leaves at most a torn tail: a last line without its newline, or in a `.gz`/`.zst`
file a last frame cut short (outputs are written as whole frames of whole records, see
`streams.OutputFile`). Reading stops after the last whole line of the last whole frame and the
file is cut back there, so what is appended next follows whole records and the file reads as one
valid stream. Anything else that does not read (a line that is not a record, bytes that are not
gzip) is an error: resuming must never cut away a file it does not understand.
"""

from __future__ import annotations

import json
import os
import zlib
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any, BinaryIO

import zstandard

from cleaner.errors import OutputError
from cleaner.rows import Item, RowMapping, item_key

# Compressed bytes read at a time.
READ_CHUNK = 1 << 20


@dataclass(frozen=True, slots=True)
class Held:
    """What an output holds: how many whole lines name each input, and the byte offset where
    they end (the file's size when nothing is torn)."""

    keys: Counter[str]
    lines: int
    end: int
    size: int

    @property
    def torn(self) -> int:
        return self.size - self.end


def resume_output(path: Path) -> Held:
    """Read what `path` holds (nothing if it does not exist) and cut off a torn tail."""
    if not path.exists():
        return Held(Counter(), 0, 0, 0)
    held = read_held(path)
    if held.torn:
        try:
            os.truncate(path, held.end)
        except OSError as error:
            raise OutputError(f"{path}: cannot cut the torn tail: {error.strerror}") from None
    return held


def read_held(path: Path) -> Held:
    lines = LineKeys(str(path))
    try:
        with path.open("rb") as stream:
            size = os.fstat(stream.fileno()).st_size
            decoder = frame_decoder(path)
            if decoder is None:
                end = plain_end(stream, lines)
            else:
                end = frames_end(stream, lines, decoder)
    except OSError as error:
        raise OutputError(f"{path}: cannot read: {error.strerror}") from None
    return Held(lines.keys, lines.kept, end, size)


def frame_decoder(path: Path) -> Callable[[], Any] | None:
    """A fresh decoder of one frame (gzip member, zstd frame) for the file's suffix, or None."""
    if path.suffix == ".gz":
        return lambda: zlib.decompressobj(wbits=16 + zlib.MAX_WBITS)
    if path.suffix == ".zst":
        return lambda: zstandard.ZstdDecompressor().decompressobj()
    return None


def plain_end(stream: BinaryIO, lines: LineKeys) -> int:
    """Every line that ends in a newline is whole; the offset after the last one."""
    end = 0
    for line in stream:
        if not line.endswith(b"\n"):
            break
        lines.feed(line)
        lines.commit()
        end += len(line)
    return end


def frames_end(stream: BinaryIO, lines: LineKeys, new_decoder: Callable[[], Any]) -> int:
    """Decode frame after frame; the offset after the last whole frame that ends a line."""
    end = offset = 0
    decoder = new_decoder()
    for chunk in iter_chunks(stream):
        offset += len(chunk)
        data = chunk
        while data:
            try:
                lines.feed(decoder.decompress(data))
            except (zlib.error, zstandard.ZstdError) as error:
                where = f"{lines.name}: not readable after byte {end:,}"
                raise OutputError(f"{where}: {error}") from None
            if not decoder.eof:
                break
            data = decoder.unused_data
            if lines.commit():
                end = offset - len(data)
            decoder = new_decoder()
    return end


def iter_chunks(stream: BinaryIO) -> Iterator[bytes]:
    while chunk := stream.read(READ_CHUNK):
        yield chunk


class LineKeys:
    """The input names of whole lines fed in pieces; those read since the last commit point
    count only once a commit finds them ending a line."""

    def __init__(self, name: str) -> None:
        self.name = name
        self.carry = b""
        self.pending: list[str] = []
        self.keys: Counter[str] = Counter()
        self.kept = 0
        self.number = 0

    def feed(self, data: bytes) -> None:
        *whole, self.carry = (self.carry + data).split(b"\n")
        for line in whole:
            self.number += 1
            if line.strip():
                self.pending.append(self.key(line))

    def commit(self) -> bool:
        """Keep what was read if it ends a line; False (nothing kept) in the middle of one."""
        if self.carry:
            return False
        self.keys.update(self.pending)
        self.kept += len(self.pending)
        self.pending.clear()
        return True

    def key(self, line: bytes) -> str:
        try:
            return input_name(json.loads(line))
        except (ValueError, TypeError):
            raise OutputError(
                f"{self.name}:{self.number}: not a record of cleaner clean: cannot resume"
            ) from None


def input_name(line: Any) -> str:
    """The input a line of output is about: a record's, a row's record's, an error line's."""
    record = line.get("article", line) if isinstance(line, dict) else None
    name = record.get("input") if isinstance(record, dict) else None
    name = name.get("name") if isinstance(name, dict) else name
    if not isinstance(name, str):
        raise TypeError("no input name")
    return name


class Batch:
    """The items of a run less those already held by its outputs, counting what it reads.

    An input named twice (the same folder given twice) is skipped as many times as its name is
    held, so that each copy is done once. The counts tell a stopped run's summary how many
    inputs were read and not finished (`read` less those written) and whether the input was
    read to its end (`exhausted`).
    """

    def __init__(self, items: Iterable[Item], held: Counter[str], mapping: RowMapping) -> None:
        self.items = iter(items)
        self.held = held
        self.mapping = mapping
        self.held_count = 0
        self.read = 0
        self.exhausted = False

    def __iter__(self) -> Batch:
        return self

    def __next__(self) -> Item:
        for item in self.items:
            if self.held and self.held[key := item_key(item, self.mapping)] > 0:
                self.held[key] -= 1
                self.held_count += 1
                continue
            self.read += 1
            return item
        self.exhausted = True
        raise StopIteration

    def read_rest(self) -> None:
        """Count the inputs never reached; only for pages, whose items are names, not content."""
        for _ in self:
            pass
