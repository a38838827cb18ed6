"""The pipeline as pure, picklable functions over rows: what every executor runs.

A row is a user's JSON object (a JSON Lines line, a dataframe row, a Ray or Dask record). A
`RowMapping` says which of its fields hold the content, the URL and the user's id; the cleaned
record comes back under `article`, next to the user's other fields, which are kept as they were.
A row that cannot be cleaned gives `article: None` and a one-line `error`, never an exception, so
an engine's batch goes on. Only plain values (field names, rule directories, numbers) cross
process boundaries; each process loads its rule packs once (`settings_for`).

`Item` and `process_item` are the same idea for the command line: one input (a page file, a
JSON Lines line, a WARC response) and the text to write for it, rendered in the worker so the
parent only moves strings.
"""

from __future__ import annotations

import hashlib
import json
import textwrap
from dataclasses import dataclass, replace
from functools import lru_cache
from pathlib import Path
from typing import Any

from cleaner.api import clean
from cleaner.decode import decode_bytes
from cleaner.errors import CleanerError, InputError
from cleaner.output import render
from cleaner.pipeline import load, run
from cleaner.record import Article, dumps
from cleaner.rulepack import load_ruleset
from cleaner.settings import DEFAULT_MAX_BYTES, Settings

ARTICLE_KEY = "article"
ERROR_KEY = "error"


@dataclass(frozen=True, slots=True)
class RowMapping:
    """Which fields of a user's row hold the content, the page URL and the user's own id.

    The HTML field wins when a row has both; the content fields are dropped from the output (the
    record carries the clean text and the input's hash), every other field is kept.
    """

    text_field: str = "text"
    html_field: str | None = None
    url_field: str | None = "url"
    id_field: str | None = "id"

    def content_fields(self) -> tuple[str, ...]:
        return tuple(f for f in (self.html_field, self.text_field) if f)


@lru_cache(maxsize=8)
def settings_for(
    rules: tuple[str, ...] = (), favor_precision: bool = False, max_bytes: int = DEFAULT_MAX_BYTES
) -> Settings:
    """One `Settings` per process and configuration: rule packs are parsed once, not per row."""
    return Settings(
        rules=load_ruleset(tuple(Path(r) for r in rules)),
        favor_precision=favor_precision,
        max_bytes=max_bytes,
    )


def clean_record(
    row: dict[str, Any],
    mapping: RowMapping | None = None,
    rules: tuple[str, ...] = (),
    favor_precision: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, Any]:
    """Clean one row: the user's other fields, `article` (the record or None) and `error`."""
    mapping = mapping or RowMapping()
    settings = settings_for(tuple(str(r) for r in rules), favor_precision, max_bytes)
    kept = kept_fields(row, mapping)
    try:
        article = clean_row(row, mapping, settings, name=row_name(row, mapping, "<row>"))
    except CleanerError as error:
        return {**kept, ARTICLE_KEY: None, ERROR_KEY: str(error)}
    return {**kept, ARTICLE_KEY: article.to_dict(), ERROR_KEY: None}


def clean_columns(
    columns: dict[str, list[Any]],
    mapping: RowMapping | None = None,
    rules: tuple[str, ...] = (),
    favor_precision: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> dict[str, list[Any]]:
    """A batch as columns (name -> values): the kept columns, `article` as JSON text, `error`.

    Records go out as JSON strings so that a columnar engine sees one plain string column,
    whatever the record holds; `json.loads` gives the record back.
    """
    names = list(columns)
    size = len(columns[names[0]]) if names else 0
    out: dict[str, list[Any]] = {}
    for i in range(size):
        row = {name: columns[name][i] for name in names}
        cleaned = clean_record(row, mapping, rules, favor_precision, max_bytes)
        article = cleaned[ARTICLE_KEY]
        cleaned[ARTICLE_KEY] = None if article is None else dumps(article)
        for name, value in cleaned.items():
            out.setdefault(name, []).append(value)
    return out


def clean_frame(frame: Any, **options: Any) -> Any:
    """A pandas DataFrame batch: the same columns as `clean_columns`, in a DataFrame."""
    import pandas as pd

    columns = {name: frame[name].tolist() for name in frame.columns}
    cleaned = clean_columns(columns, **options)
    if not cleaned:
        return pd.DataFrame(columns=output_columns(list(frame.columns), options.get("mapping")))
    return pd.DataFrame(cleaned, index=frame.index)


def output_columns(columns: list[str], mapping: RowMapping | None) -> list[str]:
    """The columns `clean_columns` gives for input with these columns (for engines' metadata)."""
    content = (mapping or RowMapping()).content_fields()
    return [c for c in columns if c not in content] + [ARTICLE_KEY, ERROR_KEY]


def kept_fields(row: dict[str, Any], mapping: RowMapping) -> dict[str, Any]:
    content = mapping.content_fields()
    return {k: v for k, v in row.items() if k not in content and k not in (ARTICLE_KEY, ERROR_KEY)}


def row_name(row: dict[str, Any], mapping: RowMapping, default: str) -> str:
    """What messages and `input.name` call a row: the user's id when it has one."""
    value = row.get(mapping.id_field) if mapping.id_field else None
    return default if value is None or value == "" else str(value)


def row_content(row: dict[str, Any], mapping: RowMapping) -> str:
    for field_name in mapping.content_fields():
        value = row.get(field_name)
        if isinstance(value, str) and value.strip():
            return value
    wanted = " or ".join(repr(f) for f in mapping.content_fields())
    raise InputError(f"row has no text in field {wanted}")


def row_url(row: dict[str, Any], mapping: RowMapping) -> str | None:
    value = row.get(mapping.url_field) if mapping.url_field else None
    return value if isinstance(value, str) and value else None


def clean_row(row: Any, mapping: RowMapping, settings: Settings, name: str) -> Article:
    if not isinstance(row, dict):
        raise InputError(f"row is a JSON {type(row).__name__}, not an object")
    return clean(row_content(row, mapping), url=row_url(row, mapping), settings=settings, name=name)


def parse_row(line: bytes | str) -> Any:
    try:
        return json.loads(line)
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        raise InputError(f"not a JSON line: {error}") from None


def clean_bytes_declared(
    data: bytes, charset: str | None, name: str, url: str | None, settings: Settings
) -> Article:
    """Clean page bytes whose HTTP header declared a charset (a WARC response).

    The declared charset is tried first; the record keeps the input's own size and hash and says
    where the encoding came from, as `load` does for undeclared bytes.
    """
    if not charset:
        return clean(data, url=url, settings=settings, name=name)
    if len(data) > settings.max_bytes:
        raise InputError(f"{len(data):,} bytes is over the limit of {settings.max_bytes:,}")
    decoded = decode_bytes(data, declared=charset)
    doc = load(decoded.text, name, url, settings)
    info = replace(
        doc.input,
        bytes=len(data),
        sha256=hashlib.sha256(data).hexdigest(),
        encoding=decoded.encoding,
        encoding_source=decoded.source,
    )
    return run(replace(doc, input=info), settings)


@dataclass(frozen=True, slots=True)
class Item:
    """One input of a batch: a name for messages and where its content is.

    `path` is a page file the worker reads; `data` is content already read (stdin, a WARC
    payload) or, when `row` is set, one raw JSON Lines line that the worker parses. `skip` names
    why an input is not an article (a WARC image response): it is counted, not cleaned; `error`
    is an input that failed before cleaning (a stream that cannot be read). `group`
    is the output file the result belongs to when a tree is mirrored.
    """

    name: str
    path: Path | None = None
    data: bytes | str | None = None
    url: str | None = None
    charset: str | None = None
    row: bool = False
    skip: str | None = None
    error: str | None = None
    group: str | None = None


@dataclass(frozen=True, slots=True)
class Job:
    """How to clean every item of a batch: picklable, so it can travel to worker processes."""

    settings: Settings
    mapping: RowMapping = RowMapping()
    fmt: str = "jsonl"


@dataclass(frozen=True, slots=True)
class Outcome:
    """What an item gave: the text to write, or an error line's reason, or a skip."""

    text: str | None = None
    error: str | None = None
    skipped: bool = False


def process_item(item: Item, job: Job) -> Outcome:
    """Clean one item and render it; expected failures become an error, never an exception."""
    if item.skip:
        return Outcome(skipped=True)
    if item.error:
        return Outcome(error=item.error)
    try:
        if item.row:
            return Outcome(text=clean_row_line(item, job))
        return Outcome(text=render_one(clean_item(item, job.settings), job.fmt))
    except CleanerError as error:
        return Outcome(error=str(error))


def item_key(item: Item, mapping: RowMapping) -> str:
    """What the record of this item names as its input (`input.name`): the key `--resume`
    matches against an output, and the `input` of the item's error line."""
    if item.path is not None:
        return str(item.path)
    if not item.row:
        return item.name
    try:
        row = parse_row(item.data or "")
    except InputError:
        return item.name
    return row_name(row, mapping, item.name) if isinstance(row, dict) else item.name


def clean_item(item: Item, settings: Settings) -> Article:
    if item.path is not None:
        return clean(item.path, url=item.url, settings=settings)
    if isinstance(item.data, bytes):
        return clean_bytes_declared(item.data, item.charset, item.name, item.url, settings)
    return clean(item.data or "", url=item.url, settings=settings, name=item.name)


def item_article(item: Item, mapping: RowMapping, settings: Settings) -> Article:
    """The record of any item of a batch: a page, a WARC response, or a row read by `mapping`."""
    if item.error:
        raise InputError(item.error)
    if not item.row:
        return clean_item(item, settings)
    row = parse_row(item.data or "")
    name = row_name(row, mapping, item.name) if isinstance(row, dict) else item.name
    return clean_row(row, mapping, settings, name)


def clean_row_line(item: Item, job: Job) -> str:
    """A JSON Lines row: the user's fields and the record, or its body in text formats."""
    row = parse_row(item.data or "")
    if not isinstance(row, dict):
        raise InputError(f"row is a JSON {type(row).__name__}, not an object")
    article = clean_row(row, job.mapping, job.settings, row_name(row, job.mapping, item.name))
    if job.fmt in ("text", "markdown"):
        return render([article], job.fmt)
    data = {**kept_fields(row, job.mapping), ARTICLE_KEY: article.to_dict()}
    return json_item(dumps(data, indent=2)) if job.fmt == "json" else dumps(data) + "\n"


def render_one(article: Article, fmt: str) -> str:
    if fmt == "json":
        return json_item(article.to_json(indent=2))
    return render([article], fmt)


def json_item(text: str) -> str:
    """One element of a JSON array as `render(..., "json")` lays it out (indented two spaces)."""
    return textwrap.indent(text, "  ")
