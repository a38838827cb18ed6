"""The working value that flows through the per-document stages of the pipeline.

A `Document` is the article under construction: the decoded input plus everything the stages have
found so far. Each stage is a function `Document -> Document` that returns a new value with
`dataclasses.replace`; none mutates its argument. `record.build_article` turns the final document
into the published `Article`.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import Any

from cleaner.record import Block, InputInfo, MojibakeReport, Removal, SpinReport


@dataclass(slots=True)
class Document:
    """An article being cleaned; `fields` holds the record fields the stages have filled."""

    raw: str
    input: InputInfo
    url: str | None = None
    blocks: list[Block] = field(default_factory=list)
    fields: dict[str, Any] = field(default_factory=dict)
    page_meta: dict[str, Any] = field(default_factory=dict)
    flags: frozenset[str] = frozenset()
    removed: list[Removal] = field(default_factory=list)
    language: str | None = None
    mojibake: MojibakeReport = field(default_factory=MojibakeReport)
    spin: SpinReport = field(default_factory=SpinReport)
    pack_source: str | None = None

    @property
    def kind(self) -> str:
        return self.input.kind
