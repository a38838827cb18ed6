"""A second opinion on the main content: readability-lxml's, taken where it extends trafilatura's.

trafilatura (fast mode) keeps one stretch of a page. On a forum thread, a blog front page or a
guest book it keeps the first post and drops the rest, which readability-lxml, scoring the page's
containers by their paragraphs, keeps. Where readability's text holds nearly all of trafilatura's
and is much longer, it is the same article with more of it, and it is taken; so it is where it
is many times longer whatever it holds (trafilatura kept a scrap). Elsewhere trafilatura's
stands: on news pages readability's extra lines are bylines, captions and related links.

The three numbers are fitted on the four benchmark sets, and reported with each set held out in
turn (`bench/fit_wider_content.py`, README "Benchmarks"). They are fitted to leave no set worse
than trafilatura alone, not to the best mean: on news pages readability's extra text is chrome,
and a mean over sets of general pages would trade them away. Since readability runs only where
the page could hold that much more text, it runs on 6-26% of the pages of the four sets.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from contextlib import suppress
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement, fromstring
from readability import Document

from cleaner.record import BlockKind

# readability's text is taken where it is at least this many times trafilatura's, in words, and
# holds at least this share of trafilatura's word 4-grams (the same article, extended) ...
MIN_LENGTH_RATIO = 5.0
MIN_CONTAINED = 0.7
# ... or is this many times longer whatever it holds: trafilatura kept a scrap (a forum's
# header post, a blog's sidebar note) where the page's text is elsewhere.
SCRAP_RATIO = 10.0
SHINGLE = 4
WORD = re.compile(r"\w+")

BLOCK_KINDS: dict[str, BlockKind] = {
    **{f"h{level}": "heading" for level in range(1, 7)},
    "li": "list_item",
    "dt": "list_item",
    "dd": "list_item",
    "blockquote": "quote",
    "pre": "code",
    "tr": "table_row",
    "figcaption": "caption",
}
BLOCK_TAGS = {
    *BLOCK_KINDS,
    *("p", "div", "section", "article", "main", "header", "footer", "aside", "figure", "form"),
    *("ul", "ol", "dl", "table", "thead", "tbody", "tfoot", "td", "th", "center", "address"),
}


def wider_content(
    tree: HtmlElement, narrow: list[tuple[BlockKind, str]], page_chars: int
) -> list[tuple[BlockKind, str]] | None:
    """readability-lxml's pieces of the page where they extend `narrow`, else None."""
    if not worth_asking(page_chars, sum(len(text) for _, text in narrow)):
        return None
    narrow_words = words_of(narrow)
    wide = readability_pieces(tree)
    wide_words = words_of(wide)
    share = lambda: contained_share(narrow_words, wide_words)  # noqa: E731 - only if needed
    return wide if extends(len(narrow_words), len(wide_words), share) else None


def worth_asking(page_chars: int, narrow_chars: int, ratio: float = MIN_LENGTH_RATIO) -> bool:
    """Whether the page shows text enough (its visible characters bound what any extractor can
    return) for readability's to be `ratio` times trafilatura's; most news pages do not."""
    return page_chars >= ratio * narrow_chars


def extends(
    narrow_words: int,
    wide_words: int,
    contained: Callable[[], float],
    ratio: float = MIN_LENGTH_RATIO,
    scrap: float = SCRAP_RATIO,
    min_contained: float = MIN_CONTAINED,
) -> bool:
    """The decision, on word counts and the containment (computed only when it matters);
    `bench/fit_wider_content.py` calls it with other thresholds to fit them."""
    times = wide_words / max(narrow_words, 1)
    return times >= scrap or (times >= ratio and contained() >= min_contained)


def words_of(pieces: list[tuple[BlockKind, str]]) -> list[str]:
    return WORD.findall(" ".join(text for _, text in pieces).casefold())


def contained_share(inner: list[str], outer: list[str]) -> float:
    """The share of `inner`'s word 4-grams that also occur in `outer` (1.0 for no words)."""
    inner_grams = shingles(inner)
    if not inner_grams:
        return 1.0
    return len(inner_grams & shingles(outer)) / len(inner_grams)


def shingles(words: list[str]) -> set[tuple[str, ...]]:
    """Word 4-grams; fewer than four words are one gram, no words none."""
    if len(words) <= SHINGLE:
        return {tuple(words)} if words else set()
    return {tuple(words[i : i + SHINGLE]) for i in range(len(words) - SHINGLE + 1)}


class TreeDocument(Document):
    """readability-lxml's Document on a page we have parsed already, not on its HTML again.

    Its `summary` parses the input afresh on each of its tries and changes the tree it parsed;
    given a tree, it gets a copy each time."""

    def _parse(self, input: HtmlElement) -> HtmlElement:
        return super()._parse(deepcopy(input))


def readability_pieces(tree: HtmlElement) -> list[tuple[BlockKind, str]]:
    """readability-lxml's main content as (kind, text) pieces; none where it fails."""
    summary = ""
    with suppress(Exception):  # readability raises Unparseable (and worse) on odd pages
        summary = TreeDocument(tree).summary(html_partial=True)
    if not summary.strip():
        return []
    root = None
    with suppress(etree.ParserError, ValueError):
        root = fromstring(summary)
    if root is not None and root.tag == "html":  # on a page without a body it gives the page back
        root = root.find("body")
    return element_pieces(root) if root is not None else []


def element_pieces(element: HtmlElement) -> list[tuple[BlockKind, str]]:
    """One piece per block-level element that holds text of its own, in document order; inline
    text between nested blocks is a paragraph of its own."""
    pieces: list[tuple[BlockKind, str]] = []
    inline = [element.text or ""]
    kind = BLOCK_KINDS.get(element.tag, "paragraph") if isinstance(element.tag, str) else None
    for child in element:
        if isinstance(child.tag, str) and child.tag in BLOCK_TAGS:
            flush(pieces, inline, kind or "paragraph")
            pieces.extend(element_pieces(child))
            inline = []
        elif isinstance(child.tag, str) and child.tag == "br":
            flush(pieces, inline, kind or "paragraph")
            inline = []
        elif isinstance(child.tag, str):
            inline.append(child.text_content())
        inline.append(child.tail or "")
    flush(pieces, inline, kind or "paragraph")
    if element.tag == "tr":  # a row is one piece, its cells joined
        cells = [text for _, text in pieces]
        return [("table_row", " | ".join(cells))] if cells else []
    return pieces


def flush(pieces: list[tuple[BlockKind, str]], inline: list[str], kind: BlockKind) -> None:
    text = " ".join("".join(inline).split())
    if text:
        pieces.append((kind, text))
