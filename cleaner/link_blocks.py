"""Blocks that are links on the page: teasers for other stories and calls to action.

trafilatura's output keeps a block's text but forgets that the block was the text of a link. On a
news page a paragraph or heading that is wholly one link is almost never article text: it is a
"read this next" teaser dropped between paragraphs, a list of related headlines at the foot, or a
"click here to get the app" button (on the scrapinghub pages, 57 of the 75 such blocks trafilatura
kept were chrome, 495 words against 145). The page's own DOM says which texts are links, so one
pass over its `<a>` elements tells them apart.

A table row each of whose cells is one link is a menu laid out as a table: pages built in
tables ("Home | UK news | World news | Politics") gave such rows beside the article.

What stays: a link whose text is a URL (a cited source), and a short link heading or label on its
own (a product name heading its review); several link blocks in a row go whatever their kind.
A body that is mostly such blocks is a page of links (a table of contents): it keeps them all.

`link_share` asks the same of a whole body: how much of it is link text, whether or not each block
is one whole link ("Headline — Source" lines of a link roundup are not).
"""

from __future__ import annotations

import re
from collections.abc import Iterable

from lxml.html import HtmlElement

from cleaner.record import Block, Removal
from cleaner.segment_text import CELL_SEPARATOR, collapse, word_total

RULE = "html.link-block"
REASON = (
    "a block that is wholly the text of one link on the page, or a table row of links"
    " (a teaser, a call to action, a menu)"
)
# A run of this many consecutive link blocks is a list of teasers whatever the blocks' kinds
# (related headlines at the foot: 3 or 4 in a row on 7 scrapinghub pages; no run in any truth).
RUN_MIN_BLOCKS = 2
# A link block alone goes when it is a sentence, not a label: from this many words, and not a
# heading (single linked product names and section headings, 1 to 3 words, were article text).
ALONE_MIN_WORDS = 4
# A body whose link blocks hold at least this share of its words is a page of links (a table of
# contents, a list of resources): the links are what the page has, and they all stay. Dropping
# them left a table of contents of 7,196 characters as 327 (CleanEval final-180). 0.8 is round
# and was set before measuring. On the four benchmark sets, 4 pages have 0.86-0.93 of their words
# in link blocks: 3 CleanEval pages (F1 +0.61 to +0.97) and a Dragnet photo page (F1 0 either
# way). At 0.5 one more CleanEval page gains and a Dragnet page loses (Dragnet -0.0004); at 0.95
# no page changes.
LINK_PAGE_MIN_SHARE = 0.8
URL_TEXT = re.compile(r"^(?:https?://|www\.)\S+$", re.I)
WORD = re.compile(r"\w+")


def link_texts(tree: HtmlElement | None) -> frozenset[str]:
    """The whitespace-normalised text of every link on the page."""
    if tree is None:
        return frozenset()
    texts = (collapse(a.text_content()) for a in tree.iter("a"))
    return frozenset(t for t in texts if t)


# Word windows compared between a body and the page's links, as the benchmark's metric counts.
SHARE_WINDOW = 4


def link_share(blocks: list[Block], links: frozenset[str]) -> float:
    """The share of the blocks' word windows that are also windows of a link's text on the page
    (0.0 for no windows); windows, so a link's words count only where they stand together."""
    return window_share([block.text for block in blocks], links)


def window_share(texts: Iterable[str], others: Iterable[str]) -> float:
    """The share of the texts' word windows that are also windows of `others` (0.0 for none)."""
    windows = set().union(*(word_windows(text) for text in texts))
    if not windows:
        return 0.0
    return len(windows & set().union(*(word_windows(text) for text in others))) / len(windows)


def word_windows(text: str) -> set[tuple[str, ...]]:
    """The text's runs of `SHARE_WINDOW` words, case folded."""
    words = WORD.findall(text.casefold())
    return set(zip(*(words[i:] for i in range(SHARE_WINDOW)), strict=False))  # shorter ones end


def drop_link_blocks(
    blocks: list[Block], links: frozenset[str]
) -> tuple[list[Block], list[Removal]]:
    """The blocks without the link blocks that read as teasers, and a removal for each; all the
    blocks, and no removal, when the link blocks are most of the body (a page of links)."""
    linked = [is_link_block(block, links) for block in blocks]
    kept: list[Block] = []
    removed: list[Removal] = []
    for i, block in enumerate(blocks):
        in_run = linked[i] and run_length(linked, i) >= RUN_MIN_BLOCKS
        alone = linked[i] and block.kind != "heading" and len(block.text.split()) >= ALONE_MIN_WORDS
        if in_run or alone:
            removed.append(Removal(block.text, RULE, "drop", REASON, block.index))
        else:
            kept.append(block)
    link_words = word_total(r.text for r in removed)  # the body's words only counted if any
    if link_words and link_words >= LINK_PAGE_MIN_SHARE * word_total(b.text for b in blocks):
        return blocks, []
    return kept, removed


def is_link_block(block: Block, links: frozenset[str]) -> bool:
    """A block that is wholly the text of one link, or a table row each of whose cells is: a
    menu laid out as a table ("Home | UK news | World news")."""
    parts = block.text.split(CELL_SEPARATOR) if block.kind == "table_row" else [block.text]
    return all(part in links and not URL_TEXT.match(part) for part in parts)


def run_length(flags: list[bool], i: int) -> int:
    """The length of the run of true values through position `i`."""
    start, end = i, i
    while start > 0 and flags[start - 1]:
        start -= 1
    while end + 1 < len(flags) and flags[end + 1]:
        end += 1
    return end - start + 1
