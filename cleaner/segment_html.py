"""HTML to blocks: trafilatura finds the main content and the page metadata; we keep its structure.

trafilatura's output tree has a small vocabulary (head, p, list/item, quote, table/row, code);
each element becomes a block of the matching kind. Page metadata (title, authors, date, site name,
canonical URL, description, language) is kept apart in `page_meta` and merged into the record
after the rules have spoken, so that what a rule reads off the page wins over generic metadata.
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from contextlib import suppress
from copy import deepcopy
from functools import cache, partial
from typing import Any, NamedTuple

import trafilatura
from bs4 import BeautifulSoup
from htmldate import find_date
from lxml import etree
from lxml.html import HtmlComment, HtmlElement, HtmlEntity, HtmlProcessingInstruction, fromstring
from trafilatura.external import sanitize_tree
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import (
    META_URL,
    examine_meta,
    extract_sitename,
    extract_title,
    extract_url,
    set_date_params,
)
from trafilatura.settings import Extractor
from trafilatura.utils import HTML_PARSER, is_dubious_html, repair_faulty_html
from trafilatura.xpaths import (
    OVERALL_DISCARD_XPATH,
    RAW_TREE_PRUNE_XPATH,
    REMOVE_COMMENTS_AND_LISTS_XPATH,
)

from cleaner.headline import headline, shown_headline, site_names
from cleaner.link_blocks import WORD, link_share, window_share
from cleaner.page_author import page_author
from cleaner.page_json import meta_json
from cleaner.readability_segments import read_page
from cleaner.record import Block, BlockKind
from cleaner.repeated_paragraphs import page_repeats, restore_repeats
from cleaner.segment_text import (
    CELL_SEPARATOR,
    collapse,
    join_broken_paragraphs,
    numbered_blocks,
    segment_text,
)

HTML_LANG = re.compile(r"<html[^>]*\blang=[\"']?([A-Za-z]{2,3})(?:[-_][A-Za-z0-9]+)?", re.I)
KINDS: dict[str, BlockKind] = {
    "head": "heading",
    "p": "paragraph",
    "quote": "quote",
    "code": "code",
}
CONTAINERS = ("list", "table", "div")
INVISIBLE = ["head", "script", "style", "noscript", "template", "svg"]


def page_parser() -> etree.HTMLParser:
    """trafilatura's own HTML parser, with one change: every node is an `HtmlElement` (or comment,
    entity, processing instruction) by a lookup lxml does in C.

    lxml.html's default lookup calls back into Python each time an element is touched, to give
    form controls their own classes; nothing here or in trafilatura uses those, and on the
    scrapinghub pages the call-back was 0.9 ms of a page's 14 ms. The trees are otherwise the
    same (the 181 records are byte-identical either way).
    """
    parser = HTML_PARSER.copy()
    parser.set_element_class_lookup(
        etree.ElementDefaultClassLookup(
            element=HtmlElement,
            comment=HtmlComment,
            pi=HtmlProcessingInstruction,
            entity=HtmlEntity,
        )
    )
    return parser


PAGE_PARSER = page_parser()


def parse_page(html: str) -> HtmlElement | None:
    """The page as an lxml tree, parsed once for every stage that reads the DOM; None for what is
    not HTML. The steps are trafilatura's `load_html` (repairs libxml2 trips on, a second try on
    bytes, the same rejection test), so extraction sees what it would have parsed itself."""
    beginning = html[:50].lower()
    html = repair_faulty_html(html, beginning)
    tree = None
    with suppress(ValueError, etree.LxmlError):  # "Unicode strings with encoding declaration ..."
        tree = fromstring(html, parser=PAGE_PARSER)
    if tree is None or len(tree) < 1:
        with suppress(ValueError, etree.LxmlError):
            tree = fromstring(html.encode("utf-8", "surrogatepass"), parser=PAGE_PARSER)
    if tree is not None and is_dubious_html(beginning) and len(tree) < 2:
        return None
    return tree


def segment_html(
    tree: HtmlElement | None,
    html: str,
    url: str | None,
    favor_precision: bool = False,
    fast: bool = False,
    links: frozenset[str] = frozenset(),
) -> tuple[list[Block], dict[str, Any], str]:
    """Main content blocks, page metadata and which extraction gave them; `links` are the texts
    of the page's links (`link_blocks.link_texts`)."""
    blocks, extraction = extract_blocks(tree, html, url, favor_precision, fast, links)
    return blocks, {**page_metadata(tree, url), **page_language(html)}, extraction


# trafilatura runs in its fast mode: its main extractor, and its rescues of short results. Its
# full mode adds, first, a comparison with readability (`readability_rather`, which cleaner makes
# itself with trafilatura's rule, on the fast mode's final result), which keeps the rest of a forum
# thread or a blog index where the main extractor keeps the first post; and second, jusText: as a
# rescue of a short result and as a candidate when a result covers little of the page, which
# cleaner does not take. Measured against the full mode on the four benchmark sets (HTML F1):
# scrapinghub 0.9792 -> 0.9792, CleanEval 0.8940 -> 0.8926, Dragnet 0.9124 -> 0.9197, Readability
# 0.9513 -> 0.9530. The jusText candidate is what CleanEval loses and Dragnet gains: where it
# changed the full mode's result, F1 fell on 33 of 35 Dragnet pages and 2 of 3 Readability pages,
# and rose on the 6 CleanEval pages, whose article the main extractor missed.
# `fast` skips the comparison too.
# In fast mode, a page whose main extractor found nothing has its whole page dumped as one block
# by trafilatura's baseline (menus and all: on Dragnet photo stories whose only text is a caption,
# the full mode's jusText rescue finds the caption): a result of one block gets the full mode
# instead, with `fast` too.


def extract_blocks(
    tree: HtmlElement | None,
    html: str,
    url: str | None,
    favor_precision: bool = False,
    fast: bool = False,
    links: frozenset[str] = frozenset(),
) -> tuple[list[Block], str]:
    """The main content as blocks, and which extraction gave them.

    trafilatura works on a copy of `tree`. When it finds no main content (a page of nothing but
    divs, tags nested deeper than its parser follows), the page's whole visible text is segmented
    as a text dump instead, so the rules and the line classifier still see it: nothing is dropped
    unseen. A page with no text at all gives no blocks, not an error. Readability's reading of
    the page replaces trafilatura's when it is much longer or trafilatura's has no paragraphs
    (`readability_rather`), when trafilatura's is a list of links or the rows of a layout table
    (`readability_instead`), or when trafilatura's is a short body that it narrows
    (`readability_narrower`). Only the first is skipped with `fast`.
    A paragraph the page repeats keeps the copies trafilatura drops (`repeated_paragraphs`).
    """
    if tree is None:
        return segment_text(full_page_text(html)), "full-page"
    read = cache(partial(readability_reading, tree, favor_precision))  # at most once, if asked
    body = main_content(tree, url, favor_precision, fast=True)
    pieces = body_pieces(body) if body is not None else []
    extraction = "trafilatura"
    if len(pieces) == 1:
        full = main_content(tree, url, favor_precision, fast=False)
        pieces = (body_pieces(full) if full is not None else []) or pieces
    elif not fast and readability_rather(tree, body, read):
        pieces, extraction = read().pieces, "readability"
    if not pieces:
        return segment_text(full_page_text(html)), "full-page"
    blocks = blocks_of(restore_repeats(pieces, page_repeats(tree)))
    if extraction == "readability":
        return blocks, extraction
    other = readability_instead(blocks, links, read) or readability_narrower(blocks, read)
    return (other, "readability") if other else (blocks, "trafilatura")


class Reading(NamedTuple):
    """Readability's reading of a page."""

    # Its text, whitespace collapsed: what trafilatura's rule measures.
    text: str
    # Its pieces, once converted to trafilatura's tree (as trafilatura converts it).
    pieces: list[tuple[BlockKind, str]]


def readability_reading(tree: HtmlElement, favor_precision: bool = False) -> Reading:
    """The page as readability (trafilatura's copy of it, with an article's segments merged:
    `readability_segments`) reads it, the page pruned first as trafilatura prunes what it gives
    readability: no infinite-scroll follow-up articles, no comment sections (but a forum
    thread's posts), and with `favor_precision` no boilerplate."""
    raw = prune_unwanted_nodes(deepcopy(tree), RAW_TREE_PRUNE_XPATH)
    if favor_precision or not is_forum_thread(raw):
        raw = prune_unwanted_nodes(raw, REMOVE_COMMENTS_AND_LISTS_XPATH)
    if favor_precision:
        raw = prune_unwanted_nodes(raw, OVERALL_DISCARD_XPATH)
    summary = read_page(raw)
    text = collapsed_text(summary)
    return Reading(text, body_pieces(sanitize_tree(summary, READABILITY_OPTIONS)[0]))


# A page that says in its JSON-LD that it is a forum thread (trafilatura's test): its posts,
# marked up like comments, are its content.
FORUM_POSTING = re.compile(
    r'"@type"\s*:\s*"DiscussionForumPosting"|"@type"\s*:\s*\[[^\]]*"DiscussionForumPosting"'
)


def is_forum_thread(tree: HtmlElement) -> bool:
    """The page's JSON-LD calls it a DiscussionForumPosting."""
    return any(
        script.text and FORUM_POSTING.search(script.text)
        for script in tree.iterfind('.//script[@type="application/ld+json"]')
    )


# Readability reads some of the page's text, never more: when the page's whole text (whitespace
# collapsed) is under twice trafilatura's, with this margin for how the two are joined, the rule
# cannot prefer readability and readability is not run (a third of the pages or more).
PAGE_TEXT_MARGIN = 1.1


def readability_rather(
    tree: HtmlElement, body: etree._Element | None, read: Callable[[], Reading]
) -> bool:
    """Whether trafilatura's rule (its `compare_extraction`) prefers readability's reading
    (`read()`) to its `body`: when it is more than twice as long, or when the body has no
    paragraph text or more tables than paragraphs and the reading is longer than twice
    trafilatura's minimum result (MIN_EXTRACTED_SIZE, 250 characters). Lengths are of the text
    with whitespace collapsed; trafilatura's own are of its text pieces joined by spaces."""
    text = collapsed_text(body) if body is not None else ""
    deficient = body is None or not has_paragraphs(body)
    if text and not deficient and len(page_text(tree)) * PAGE_TEXT_MARGIN <= 2 * len(text):
        return False
    reading = read().text
    if len(reading) in (0, len(text)) or len(text) > 2 * len(reading):
        return False
    longer = len(reading) > 2 * len(text) and not reading.startswith("{")  # not raw JSON
    enough = len(reading) > 2 * READABILITY_OPTIONS.min_extracted_size
    return not text or longer or (deficient and enough)


# The page's text nodes but those of scripts and styles, which readability drops (plain strings:
# lxml's "smart" ones, which know their parent, cost a third more on this hot path).
PAGE_TEXT_NODES = etree.XPath("//text()[not(parent::script or parent::style)]", smart_strings=False)


def page_text(tree: HtmlElement) -> str:
    """The page's text but its scripts' and styles', whitespace collapsed."""
    return collapse(" ".join(PAGE_TEXT_NODES(tree)))


def has_paragraphs(body: etree._Element) -> bool:
    """trafilatura's body has paragraph text, and no more tables than paragraphs."""
    paragraphs = body.findall(".//p")
    with_text = any(p.xpath(".//text()") for p in paragraphs)
    return with_text and len(body.findall(".//table")) <= len(paragraphs)


def collapsed_text(element: etree._Element) -> str:
    """The element's text, whitespace collapsed, as trafilatura measures a result's length."""
    return collapse(etree.tostring(element, method="text", encoding="unicode"))


# A body is a link list when at least this share of its word windows is the text of the page's
# links. On slideshow pages trafilatura can take the "Link Love" roundup beside the slides
# ("Headline — Source" lines, each a link) for the article: F1 0 on Dragnet pages where
# readability finds the slides. Half is a round bound, not fitted. On the four benchmark sets 16
# bodies reach it (5 CleanEval, 11 Dragnet); readability's reading replaced 6, all Dragnet, each
# better (+0.44 to +0.84 F1 on the page). Of the 10 kept, 2 are lists readability reads as links
# too (link directories), 8 have a readability reading under the bound below (3 of them empty).
LINK_LIST_MIN_SHARE = 0.5
# A body is a layout table when at least this share of its words is in table rows. A page built
# in a table (the menu in one cell, the article in the next, the footer in a last row) gives
# trafilatura the whole table: its rows are the body, menus, banners and footers with the
# article's cell. Readability scores the cells and keeps the article's. Half is a round bound.
LAYOUT_TABLE_MIN_SHARE = 0.5
# ... and readability's reading is taken only when at least this share of its word windows is
# text of the body's table rows: the article's cell, not another part of the page (on Dragnet
# pages of one-row tables it read a comment thread or a sidebar: 3 to 30 times the words, 3-27%
# of them kept by trafilatura), nor an article's paragraphs without the data table that follows
# them (a league table of linked team names is most of such a body's words, and readability
# drops it). Half is a round bound, not fitted.
IN_ROWS_MIN_SHARE = 0.5
# For link lists and layout tables readability's reading is taken only when it has at least this
# share of the body's words: a byline and a caption are not the article (a short post's reading
# has no such bound: the post is often a tenth of trafilatura's body). A looser bound would have
# taken 4 more Dragnet link lists (better) and one CleanEval page (worse: readability kept 196 of
# its 2,909 words). For layout tables it was kept as it is, not measured apart.
READABILITY_MIN_WORDS_RATIO = 0.3


def readability_instead(
    blocks: list[Block], links: frozenset[str], read: Callable[[], Reading]
) -> list[Block]:
    """Readability's blocks when `blocks` read as a list of links and readability's do not, or
    are mostly table rows (a page laid out in a table) and readability's lie mostly in those
    rows; else no blocks, and none when readability reads the same blocks. Asks for
    readability's reading (`read()`) only for such bodies: a few pages in a thousand of today's
    pages, more of those built in tables."""
    link_list = link_share(blocks, links) >= LINK_LIST_MIN_SHARE
    if not link_list and table_row_share(blocks) < LAYOUT_TABLE_MIN_SHARE:
        return []
    other = blocks_of(read().pieces)
    if word_count(other) < READABILITY_MIN_WORDS_RATIO * word_count(blocks):
        return []
    if [b.text for b in other] == [b.text for b in blocks]:
        return []
    if link_list:
        return other if link_share(other, links) < LINK_LIST_MIN_SHARE else []
    rows = [b.text for b in blocks if b.kind == "table_row"]
    return other if window_share([b.text for b in other], rows) >= IN_ROWS_MIN_SHARE else []


# A body under this many characters is a small post's (a title, a photo, a line or two), and on
# such pages trafilatura keeps what stands around the post: the blog's "about me", a newsletter
# box, the next post's teaser (Dragnet small posts: F1 0.1-0.4 where readability, which scores
# the element holding the post, reads the post alone). Its reading is taken when at least
# `NARROWER_MIN_INSIDE` of its word windows lie in the body and it holds under
# `NARROWER_MAX_COVER` of the body's. The three bounds were chosen leave-one-set-out from a grid
# (1,000-5,000 characters x 0.5-0.9 x 0.3-0.7), scored on the four sets' pages: every fold chose
# these, and the sets held out gained (README, Benchmarks). A reading of a short body that lies
# elsewhere on the page is not taken: there it was right as often as wrong.
SHORT_BODY_MAX_CHARS = 1000
NARROWER_MIN_INSIDE = 0.5
NARROWER_MAX_COVER = 0.7


def readability_narrower(blocks: list[Block], read: Callable[[], Reading]) -> list[Block]:
    """Readability's blocks when `blocks` are a short body that they narrow: they lie mostly in
    it and leave much of it out; else no blocks."""
    if not blocks or sum(len(block.text) for block in blocks) >= SHORT_BODY_MAX_CHARS:
        return []
    if any(block.kind == "table_row" for block in blocks):
        return []  # readability drops a table of linked names: a league table under a report
    other = blocks_of(read().pieces)
    body, reading = [b.text for b in blocks], [b.text for b in other]
    if window_share(reading, body) < NARROWER_MIN_INSIDE:
        return []
    # what it leaves out must be more than headings: the headline goes to the title anyway
    prose = [b.text for b in blocks if b.kind != "heading"]
    return other if prose and window_share(prose, reading) < NARROWER_MAX_COVER else []


def word_count(blocks: list[Block]) -> int:
    """Words as the benchmark's metric counts them: the " | " between cells is not one."""
    return sum(len(WORD.findall(block.text)) for block in blocks)


def table_row_share(blocks: list[Block]) -> float:
    """The share of the blocks' words that are in table rows (0.0 for no words). The body's
    words are counted only when it has rows: this runs on every page, and most have none."""
    row_words = word_count([b for b in blocks if b.kind == "table_row"])
    return row_words / word_count(blocks) if row_words else 0.0


def blocks_of(pieces: list[tuple[BlockKind, str]]) -> list[Block]:
    """An extractor's pieces as numbered blocks, a paragraph broken across pieces joined again
    (as text segmenting does)."""
    return numbered_blocks(join_broken_paragraphs(pieces, guessed_headings=False))


READABILITY_OPTIONS = Extractor(output_format="txt", tables=True, images=False, comments=False)


def main_content(
    tree: HtmlElement | None, url: str | None, favor_precision: bool, fast: bool
) -> etree._Element | None:
    """trafilatura's body of the page (None when it finds none)."""
    if tree is None:
        return None
    extracted = trafilatura.bare_extraction(
        tree,
        url=url,
        fast=fast,
        include_comments=False,
        include_tables=True,
        include_images=False,
        favor_precision=favor_precision,
        deduplicate=False,
        # Only the body tree is read: "txt" leaves it unrendered, where the default "python"
        # also renders it to text we would throw away (0.1 ms a page).
        output_format="txt",
    )
    return extracted.body if extracted is not None else None


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
            row = CELL_SEPARATOR.join(c for c in cells if c)
            if row:
                pieces.append(("table_row", row))
        elif tag in CONTAINERS or is_loose_cell(child):
            pieces.extend(body_pieces(child))
        elif tag in KINDS or tag:
            text = text_of(child)
            if text:
                pieces.append((KINDS.get(tag, "paragraph"), text))
        if child.tail and child.tail.strip() and element.tag != "row":
            pieces.append(("paragraph", " ".join(child.tail.split())))
    return pieces


def is_loose_cell(element: etree._Element) -> bool:
    """A table cell outside a row made only of paragraph-level elements: readability's reading
    of a page built in a table is the article's cell, whose paragraphs are blocks. A cell with
    text or inline elements of its own stays one block, so no sentence is cut in pieces."""
    return (
        element.tag == "cell"
        and not (element.text or "").strip()
        and len(element) > 0
        and all(child.tag in BLOCK_TAGS for child in element)
    )


# trafilatura's tags of a paragraph-level element (and the line break between them), of which a
# loose cell may be made.
BLOCK_TAGS = frozenset({*KINDS, *CONTAINERS, "item", "lb"})


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
    """The element's text, whitespace collapsed. A line break (trafilatura's <lb/>, HTML's <br>)
    or a paragraph inside the element (trafilatura turns a table cell's <br> into one) separates
    words as a browser shows them: "Montgomery<br>(1908-1985)" is two words, not one."""
    if next(element.iterdescendants(*SEPARATING), None) is None:
        return collapse("".join(element.itertext()))
    return collapse("".join(shown_text(element)))


# Tags of trafilatura's output (and HTML's line break) that stand between words; the rest of its
# vocabulary (hi, ref, del) is inline, and may sit inside a word.
SEPARATING = ("lb", "br", "p", "head", "list", "item", "quote", "table", "row", "cell", "code")


def shown_text(element: etree._Element) -> Iterator[str]:
    """The element's text pieces in document order, a space around each separating element;
    comments and processing instructions say nothing."""
    yield element.text or ""
    for child in element:
        if child.tag in SEPARATING:
            yield " "
            yield from shown_text(child)
            yield " "
        elif isinstance(child.tag, str):
            yield from shown_text(child)
        yield child.tail or ""


def page_metadata(tree: HtmlElement | None, url: str | None) -> dict[str, Any]:
    """Title, authors, date, site name, canonical URL and description, the way trafilatura's
    `extract_metadata` finds them, minus the categories, tags and licence it also looks for and
    we do not keep (a third of its time on the scrapinghub pages)."""
    if tree is None:
        return {}
    found = examine_meta(tree)
    if found.author and " " not in found.author:  # a handle, not a name
        found.author = None
    with suppress(Exception):  # trafilatura's JSON-LD reader is known to raise on odd data
        found = meta_json(tree, found)
    found.author = found.author or page_author(tree)
    found.url = found.url or extract_url(tree, url)
    found.date = find_date(tree, **{**set_date_params(False), "url": found.url})
    declared = (found.sitename or "").lstrip("@")  # trafilatura's guess may be the headline
    sitename = declared or (extract_sitename(tree) or "").lstrip("@")
    if sitename and "." not in sitename and not sitename[0].isupper():
        sitename = sitename.title()
    elif not sitename and found.url and (host := META_URL.match(found.url)):
        sitename = host[1]
    found.sitename = sitename or None
    address = META_URL.match(found.url or url or "")
    page_host = address[1] if address else None
    headings = page_headings(tree)
    titles = [found.title, tree.findtext(".//head//title")]
    shown = shown_headline(titles, headings, site_names(declared, page_host))
    found.title = shown or found.title or extract_title(tree)
    if found.title and not shown:
        found.title = headline(found.title, headings, site_names(found.sitename, page_host))
    found.clean_and_trim()  # entities, control characters and runaway lengths, as trafilatura does
    authors = [a.strip() for a in (found.author or "").split(";") if a.strip()]
    return {
        "title": found.title,
        "authors": authors,
        "published": found.date,
        "source": found.sitename,
        "canonical_url": found.url,
        "description": found.description,
    }


# The headline is a page's first heading of its level, or near it; beyond the first few, headings
# are of teasers and sidebars. Blogs show a post's headline in an h2 or h3 under the blog's name,
# and some sites in an h4 under teasers of the same level.
HEADING_LEVELS = ("h1", "h2", "h3", "h4")
HEADINGS_READ = 6


def page_headings(tree: HtmlElement) -> list[str]:
    """The text of the page's first headings of each level down to h4, where its headline is
    shown bare; level by level, in one walk of the page."""
    by_level: dict[str, list[HtmlElement]] = {level: [] for level in HEADING_LEVELS}
    for heading in tree.iter(*HEADING_LEVELS):
        if len(by_level[heading.tag]) < HEADINGS_READ:
            by_level[heading.tag].append(heading)
    return [text_of(heading) for level in HEADING_LEVELS for heading in by_level[level]]


def page_language(html: str) -> dict[str, Any]:
    found = HTML_LANG.search(html[:20_000])
    return {"language": found.group(1).lower()} if found else {}
