"""HTML to blocks: trafilatura finds the main content and the page metadata; we keep its structure.

trafilatura's output tree has a small vocabulary (head, p, list/item, quote, table/row, code);
each element becomes a block of the matching kind. Page metadata (title, authors, date, site name,
canonical URL, description, language) is kept apart in `page_meta` and merged into the record
after the rules have spoken, so that what a rule reads off the page wins over generic metadata.
"""

from __future__ import annotations

import re
from typing import Any

import trafilatura
from bs4 import BeautifulSoup
from lxml import etree

from cleaner.record import Block, BlockKind
from cleaner.segment_text import segment_text

HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
KINDS: dict[str, BlockKind] = {
    "head": "heading",
    "p": "paragraph",
    "quote": "quote",
    "code": "code",
}
CONTAINERS = ("list", "table", "div")
INVISIBLE = ["head", "script", "style", "noscript", "template", "svg"]


def segment_html(
    html: str, url: str | None, favor_precision: bool = False
) -> tuple[list[Block], dict[str, Any], str]:
    """Main content blocks, page metadata and which extraction gave them.

    When trafilatura finds no main content (a page of nothing but divs, tags nested deeper than
    its parser follows), the page's whole visible text is segmented as a text dump instead, so
    the rules and the line classifier still see it: nothing is dropped unseen. A page with no
    text at all gives no blocks, not an error.
    """
    extracted = trafilatura.bare_extraction(
        html,
        url=url,
        with_metadata=True,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=favor_precision,
        deduplicate=False,
    )
    pieces = (
        list(body_pieces(extracted.body))
        if extracted is not None and extracted.body is not None
        else []
    )
    if pieces:
        blocks = [Block(kind, text, i) for i, (kind, text) in enumerate(pieces)]
        return blocks, {**page_metadata(extracted), **page_language(html)}, "trafilatura"
    metadata = trafilatura.extract_metadata(html, default_url=url)
    page_meta = {**(page_metadata(metadata) if metadata else {}), **page_language(html)}
    return segment_text(full_page_text(html)), page_meta, "full-page"


def full_page_text(html: str) -> str:
    """Every visible line of the page; Python's own HTML parser has no nesting-depth limit."""
    soup = BeautifulSoup(html, "html.parser")
    for element in soup(INVISIBLE):
        element.decompose()
    return soup.get_text("\n")


def body_pieces(element: etree._Element) -> list[tuple[BlockKind, str]]:
    """Walk trafilatura's body in order, one block per paragraph-level element."""
    pieces: list[tuple[BlockKind, str]] = []
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag == "item":
            pieces.extend(item_pieces(child))
        elif tag == "row":
            cells = [text_of(cell) for cell in child]
            row = " | ".join(c for c in cells if c)
            if row:
                pieces.append(("table_row", row))
        elif tag in CONTAINERS:
            pieces.extend(body_pieces(child))
        elif tag in KINDS or tag:
            text = text_of(child)
            if text:
                pieces.append((KINDS.get(tag, "paragraph"), text))
        if child.tail and child.tail.strip() and element.tag != "row":
            pieces.append(("paragraph", " ".join(child.tail.split())))
    return pieces


def item_pieces(item: etree._Element) -> list[tuple[BlockKind, str]]:
    """A list item is one block; a list nested in it gives its own items after it."""
    nested = [child for child in item if child.tag == "list"]
    for child in nested:
        item.remove(child)
    pieces: list[tuple[BlockKind, str]] = []
    text = text_of(item)
    if text:
        pieces.append(("list_item", text))
    for child in nested:
        pieces.extend(body_pieces(child))
    return pieces


def text_of(element: etree._Element) -> str:
    return " ".join("".join(element.itertext()).split())


def page_metadata(extracted: Any) -> dict[str, Any]:
    authors = [a.strip() for a in (extracted.author or "").split(";") if a.strip()]
    return {
        "title": extracted.title,
        "authors": authors,
        "published": extracted.date,
        "source": extracted.sitename,
        "canonical_url": extracted.url,
        "description": extracted.description,
    }


def page_language(html: str) -> dict[str, Any]:
    found = HTML_LANG.search(html[:20_000])
    return {"language": found.group(1).lower()} if found else {}
