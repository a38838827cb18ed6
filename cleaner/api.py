"""The Python API: `clean` one source, `clean_many` a stream of them, through the one pipeline."""

from __future__ import annotations

import gzip
import os
from collections.abc import Callable, Iterable, Iterator
from dataclasses import replace
from pathlib import Path

from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import load, run
from cleaner.record import Article
from cleaner.rulepack import RuleSet, load_ruleset
from cleaner.settings import Settings

Source = str | bytes | os.PathLike
Rules = RuleSet | str | os.PathLike | Iterable[str | os.PathLike] | None


def clean(
    source: Source,
    url: str | None = None,
    rules: Rules = None,
    settings: Settings | None = None,
    name: str | None = None,
) -> Article:
    """Clean one article.

    `source` is a `pathlib.Path` (or other path object) to read, `bytes` to decode, or a `str` of
    HTML, Markdown or plain text (a `str` is always content, never a file name). `rules` adds rule
    pack directories to the built-in packs, or replaces them with a loaded `RuleSet`. `name` is
    what the record's `input.name` calls the source (default: the path, or <bytes> / <str>). Raises
    `InputError` for input that cannot be cleaned and `RulePackError` for a bad pack.
    """
    settings = with_rules(settings or Settings(), rules)
    data, default_name = read_source(source, settings.max_bytes)
    return run(load(data, name or default_name, url, settings), settings)


def clean_many(
    sources: Iterable[Source | tuple[Source, str | None]],
    rules: Rules = None,
    settings: Settings | None = None,
    on_error: Callable[[Source, CleanerError], None] | None = None,
) -> Iterator[Article]:
    """Clean a stream of sources lazily, in order; items may be `(source, url)` pairs.

    A source that fails raises its error, unless `on_error` is given: then it is called with the
    source and the error, and the stream goes on. Rule packs are loaded once for the whole stream.
    """
    settings = with_rules(settings or Settings(), rules)
    for item in sources:
        source, url = item if isinstance(item, tuple) else (item, None)
        try:
            yield clean(source, url=url, settings=settings)
        except CleanerError as error:
            if on_error is None:
                raise
            on_error(source, error)


def with_rules(settings: Settings, rules: Rules) -> Settings:
    if rules is None:
        return settings
    if isinstance(rules, RuleSet):
        return replace(settings, rules=rules)
    dirs = [rules] if isinstance(rules, (str, os.PathLike)) else list(rules)
    return replace(settings, rules=load_ruleset([Path(d) for d in dirs]))


def read_source(source: Source, max_bytes: int) -> tuple[bytes | str, str]:
    """The content and a name for messages and the record's `input.name`.

    A `.gz` file is decompressed, reading at most one byte past `max_bytes` so that a gzip bomb
    is refused by the size limit instead of filling memory.
    """
    if isinstance(source, (bytes, bytearray)):
        return bytes(source), "<bytes>"
    if isinstance(source, str):
        return source, "<str>"
    path = Path(source)
    try:
        if path.suffix == ".gz":
            with gzip.open(path) as stream:
                return stream.read(max_bytes + 1), str(path)
        return path.read_bytes(), str(path)
    except (gzip.BadGzipFile, EOFError) as error:
        raise InputError(f"not a readable gzip file: {error}") from None
    except IsADirectoryError:
        raise InputError("is a directory") from None
    except OSError as error:
        raise InputError(str(error.strerror or error).lower()) from None
