"""The canonical article record: the one thing `cleaner` promises to its users.

Every field here is in the JSON Schema (`cleaner/article.schema.json`, printed by `cleaner schema`);
a test keeps the two in step. Records serialise deterministically (sorted keys, no timestamps), so
the same input and rules give byte-identical JSON, which is what golden files rely on.
"""

from __future__ import annotations

import json
from dataclasses import asdict, dataclass
from typing import Any, Literal

SCHEMA_VERSION = "1"

BlockKind = Literal["heading", "paragraph", "list_item", "quote", "caption", "table_row", "code"]
SpinVerdict = Literal["clean", "suspect", "spun"]


@dataclass(frozen=True, slots=True)
class Block:
    """One unit of the body in reading order; `index` is its place in the segmented page."""

    kind: BlockKind
    text: str
    index: int = 0


@dataclass(frozen=True, slots=True)
class Removal:
    """One entry of the audit trail: what left the body, which rule took it and where it went."""

    text: str
    rule: str
    action: str
    reason: str
    block_index: int | None


@dataclass(frozen=True, slots=True)
class MojibakeFix:
    """One repaired span: the text before and after, and how it was repaired (ftfy's plan)."""

    before: str
    after: str
    how: str


@dataclass(frozen=True, slots=True)
class MojibakeReport:
    found: bool = False
    fixed: bool = False
    fixes: tuple[MojibakeFix, ...] = ()


@dataclass(frozen=True, slots=True)
class SpinEvidence:
    """A span of `text` (start, end offsets) that looks like spinner output, and why."""

    start: int
    end: int
    text: str
    kind: str
    note: str


@dataclass(frozen=True, slots=True)
class SpinReport:
    score: float = 0.0
    verdict: SpinVerdict = "clean"
    evidence: tuple[SpinEvidence, ...] = ()


@dataclass(frozen=True, slots=True)
class InputInfo:
    """What came in: name, format, size, hash, how its bytes were decoded and its text found.

    `extraction` is None for text and Markdown; for HTML it is "trafilatura" (main content),
    "readability" (readability's reading was more than twice as long as trafilatura's, or
    trafilatura's had no paragraph text or more tables than paragraphs and readability's had
    over 500 characters; or trafilatura's was a list of links and readability's was not; or it
    was mostly the rows of a layout table, and readability's lay mostly in those rows),
    "site-config" (the body XPath of the host's Full-Text RSS config) or "full-page" (no main
    content was found, so the page's whole visible text was cleaned as text).
    """

    name: str
    kind: Literal["html", "text", "markdown"]
    bytes: int
    sha256: str
    encoding: str
    encoding_source: str
    extraction: Literal["trafilatura", "readability", "site-config", "full-page"] | None = None


@dataclass(frozen=True, slots=True)
class Article:
    """A clean article: body, metadata, flags and the audit trail of everything removed."""

    id: str
    schema_version: str
    cleaner_version: str
    rules_version: str
    url: str | None
    canonical_url: str | None
    domain: str | None
    source: str | None
    title: str | None
    subtitle: str | None
    authors: tuple[str, ...]
    published: str | None
    updated: str | None
    language: str | None
    text: str
    blocks: tuple[Block, ...]
    captions: tuple[str, ...]
    corrections: tuple[str, ...]
    credits: tuple[str, ...]
    links_removed: tuple[str, ...]
    paywalled: bool
    truncated: bool
    mojibake: MojibakeReport
    spin: SpinReport
    duplicate_of: str | None
    removed: tuple[Removal, ...]
    input: InputInfo

    def to_dict(self) -> dict[str, Any]:
        """The record as plain JSON data (lists, not tuples; block indices are internal)."""
        data = as_lists(asdict(self))
        data["blocks"] = [{"kind": b.kind, "text": b.text} for b in self.blocks]
        data["spin"]["evidence"] = [
            {"span": [e.start, e.end], "text": e.text, "kind": e.kind, "note": e.note}
            for e in self.spin.evidence
        ]
        return data

    def to_json(self, indent: int | None = None) -> str:
        """Deterministic JSON: sorted keys, UTF-8 text kept as is."""
        return dumps(self.to_dict(), indent=indent)


def as_lists(value: Any) -> Any:
    """Tuples to lists all the way down, so a record equals its own JSON round trip."""
    if isinstance(value, dict):
        return {key: as_lists(item) for key, item in value.items()}
    if isinstance(value, (list, tuple)):
        return [as_lists(item) for item in value]
    return value


def dumps(data: Any, indent: int | None = None) -> str:
    """The one JSON encoding used for records, so files and streams agree byte for byte."""
    separators = (",", ": ") if indent else (",", ":")
    return json.dumps(
        data, sort_keys=True, ensure_ascii=False, indent=indent, separators=separators
    )
