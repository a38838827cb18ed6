"""The byline look-up of trafilatura's metadata (`extract_author`), its XPaths run as Python.

When a page names no author in its meta tags or JSON-LD (75 of the 181 scrapinghub pages),
trafilatura looks for a byline in the markup: on a copy of the page it deletes the sections that
hold other names (comments, sidebars, figures, dates), then tries three selectors, most specific
first, and keeps the first short text found. libxml2 runs the dozens of attribute tests of those
four XPaths element by element at about 2 ms each; the same tests on each element's attributes
take a fraction of that. Each expression is transcribed test for test below; the tests check that
they select exactly what trafilatura's own do, and that trafilatura's have not changed.

Neither the copy nor the deletions are needed to get the same answer. An element is deleted with
its section, and whether it is depends only on its ancestors: so the selectors run on the page
itself, and a candidate is dropped if it or an ancestor is a deleted section. Only the candidates
read, one or two, are copied and have their own deleted sections pruned, which gives their text
exactly as the pruned page holds it (a deleted element's tail joins its previous sibling or its
parent, both inside the candidate). One walk over the page instead of a copy and two walks:
1.8 -> 1.0 ms CPU a look-up on the scrapinghub pages (0.86 with the early stop of `page_author`).
"""

from __future__ import annotations

import re
from collections.abc import Callable, Iterator
from copy import deepcopy
from itertools import chain

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import extract_author, normalize_authors
from trafilatura.utils import trim

Elements = list[HtmlElement]
# trafilatura.xpaths.AUTHOR_DISCARD_XPATHS[0]: `.//*[self::a or self::div or self::section or
# self::span][@id='comments' or @class='comments' or @class='title' or @class='date' or
# re:test(@id, ...) or re:test(@class, ...) or contains(@data-component, 'Figure')]`
SECTION_TAGS = frozenset({"a", "div", "section", "span"})
SECTION_EXACT = frozenset({"comments", "title", "date"})  # whole class (or, for comments, id)
SECTION_ID = re.compile("^comments|comment-?list|ProductReviews")
SECTION_CLASS = re.compile(
    "^[Cc]omments|commentlist|comments-list|sidebar|is-hidden|quote|embedly-instagram"
    "|article-(?:share|support)|print|category|meta-date|meta-reviewer"
)
# AUTHOR_DISCARD_XPATHS[1]: `//time|//figure`.
DATES_AND_FIGURES = ("time", "figure")
# AUTHOR_XPATHS[0]: a, address, div, link, p, span or strong elements marked as the author (or
# holding a <rel>me</rel>), and any <author> element.
NAMED_TAGS = frozenset({"a", "address", "div", "link", "p", "span", "strong"})
NAMED_TEST_IDS = frozenset({"AuthorCard", "AuthorURL"})
NAMED_CLASS = re.compile("author-?name|AuthorName|authorName")
# AUTHOR_XPATHS[1]: a, div, h3, h4, p or span elements with a byline class or id.
BYLINE_TAGS = frozenset({"a", "div", "h3", "h4", "p", "span"})
BYLINE_EXACT_CLASSES = frozenset({"byline", "username", "byl", "BBL"})
BYLINE_ID = re.compile("author|zuozhe|bianji|xiaobian")
BYLINE_CLASS = re.compile(
    "author|channel-name|zuozhe|bianji|xiaobian|submitted-by|posted-by|journalist-name"
)
# AUTHOR_XPATHS[2]: any element whose class, id, itemprop or data-component names an author.
ANY_ID = re.compile("[Aa]uthor")
ANY_CLASS = re.compile("[Aa]uthor|screenname|writer|[Bb]yline")
# A byline longer than this is not a name (trafilatura's `len_limit` for authors).
AUTHOR_MAX_CHARS = 120


# Candidates read (each copied and pruned) before the look-up falls back to trafilatura's own on
# one pruned copy of the page: nested candidates make the copies overlap, quadratic on a crafted
# page (250 nested bylines: 9 s). The scrapinghub pages read at most a few.
MAX_CANDIDATES_READ = 10


def page_author(tree: HtmlElement) -> str | None:
    """The author(s) named in the page's markup, exactly as `extract_author(tree)` gives them."""
    for read, element in enumerate(candidates_in_reading_order(tree), start=1):
        if read > MAX_CANDIDATES_READ:
            return extract_author(tree)
        if content := byline_text(element, tree):
            return normalize_authors(None, content)
    return None


def candidates_in_reading_order(tree: HtmlElement) -> Iterator[HtmlElement]:
    """The candidates in the order trafilatura reads them: all of the first selector's, then the
    second's, then the third's. The first selector's come as the walk meets them: when one holds
    a short text (on 30 of the 75 scrapinghub pages that need a look-up), the rest of the page is
    not walked."""
    later: tuple[Elements, Elements] = ([], [])
    for selector, element in selections(tree, lambda rel: says_me(rel, tree)):
        if selector == 0:
            yield element
        else:
            later[selector - 1].append(element)
    yield from chain(*later)


def byline_text(element: HtmlElement, root: HtmlElement) -> str | None:
    """The candidate's text, if it is left on the pruned page and is short enough for a name."""
    if is_pruned(element, root):
        return None
    content = trim(" ".join(pruned(element).itertext()))
    return content if content and 2 < len(content) < AUTHOR_MAX_CHARS else None


def says_me(rel: HtmlElement, root: HtmlElement) -> bool:
    """Whether the <rel> element reads "me" in `root` pruned of its other sections."""
    return not is_pruned(rel, root) and pruned(rel).xpath("string()") == "me"


def pruned(element: HtmlElement) -> HtmlElement:
    """A copy of the element without the sections trafilatura deletes before its look-up."""
    return prune_unwanted_nodes(deepcopy(element), [other_sections, dates_and_figures])


def is_pruned(element: HtmlElement, root: HtmlElement) -> bool:
    """Whether trafilatura's pruning of `root` deletes the element: it or an ancestor below the
    root is a section `other_sections` or `dates_and_figures` selects (the root itself never is:
    `delete_element` leaves a parentless element alone)."""
    while element is not None and element is not root:
        tag = element.tag
        if tag in DATES_AND_FIGURES or (tag in SECTION_TAGS and is_other_section(element.attrib)):
            return True
        element = element.getparent()
    return False


def other_sections(tree: HtmlElement) -> Elements:
    """Comments, sidebars, titles, dates, quotes and figure containers below the root."""
    return [
        element
        for element in tree.iterdescendants(etree.Element)
        if element.tag in SECTION_TAGS and is_other_section(element.attrib)
    ]


def is_other_section(attributes: etree._Attrib) -> bool:
    element_id, classes = attributes.get("id", ""), attributes.get("class", "")
    return (
        element_id == "comments"
        or classes in SECTION_EXACT
        or SECTION_ID.search(element_id) is not None
        or SECTION_CLASS.search(classes) is not None
        or "Figure" in attributes.get("data-component", "")
    )


def dates_and_figures(tree: HtmlElement) -> Elements:
    """AUTHOR_DISCARD_XPATHS[1]: `//time|//figure`."""
    return list(tree.iter(*DATES_AND_FIGURES))


def selections(
    tree: HtmlElement, reads_me: Callable[[HtmlElement], bool]
) -> Iterator[tuple[int, HtmlElement]]:
    """Each element selected by one of trafilatura's three author XPaths, with the XPath's index
    in AUTHOR_XPATHS, in one walk in document order.

    `reads_me` tells whether a <rel> element reads "me" (on the pruned page, for the look-up)."""
    rels_and_authors = list(tree.iter("rel", "author"))  # one pass in C; there are seldom any
    holds_me = {rel.getparent() for rel in rels_and_authors if rel.tag == "rel" and reads_me(rel)}
    marked = holds_me.union(element for element in rels_and_authors if element.tag == "author")
    for element in tree.iter(etree.Element):
        attributes = element.attrib
        if not (attributes and may_be_byline(attributes)) and not (marked and element in marked):
            continue
        tag = element.tag
        if tag == "author" or (tag in NAMED_TAGS and is_named(element, attributes, holds_me)):
            yield 0, element
        if not attributes:
            continue
        if tag in BYLINE_TAGS and is_byline(attributes):
            yield 1, element
        if is_any_author(attributes):
            yield 2, element


def may_be_byline(attributes: etree._Attrib) -> bool:
    """False when no selector can take the element for its attributes: its class and id hold no
    `names_byline` substring, and it has none of the rarer attributes the selectors read. Most of
    a page's elements are skipped after two look-ups instead of a dozen (0.93 -> 0.67 ms a walk
    over a scrapinghub page)."""
    return (
        names_byline(attributes.get("class", ""))
        or names_byline(attributes.get("id", ""))
        or "itemprop" in attributes
        or "rel" in attributes
        or "data-testid" in attributes
        or "data-component" in attributes
    )


def names_byline(value: str) -> bool:
    """Whether a class or id holds a substring every selector's class or id test needs (the union
    of their patterns and exact values). Unrolled `in` tests: half the time of one regular
    expression with these alternatives, a third of `any()` over them."""
    return (
        "uthor" in value
        or "byl" in value
        or "Byl" in value
        or "BBL" in value
        or "username" in value
        or "channel-name" in value
        or "zuozhe" in value
        or "bianji" in value
        or "xiaobian" in value
        or "submitted-by" in value
        or "posted-by" in value
        or "journalist-name" in value
        or "screenname" in value
        or "writer" in value
    )


def is_named(element: HtmlElement, attributes: etree._Attrib, holds_me: set) -> bool:
    classes = attributes.get("class", "")
    return (
        attributes.get("rel") == "author"
        or attributes.get("id") == "author"
        or classes == "author"
        or attributes.get("itemprop") == "author name"
        or element in holds_me
        or attributes.get("data-testid") in NAMED_TEST_IDS
        or NAMED_CLASS.search(classes) is not None
    )


def is_byline(attributes: etree._Attrib) -> bool:
    classes = attributes.get("class", "")
    return (
        classes in BYLINE_EXACT_CLASSES
        or "author" in attributes.get("itemprop", "")
        or BYLINE_ID.search(attributes.get("id", "")) is not None
        or BYLINE_CLASS.search(classes) is not None
    )


def is_any_author(attributes: etree._Attrib) -> bool:
    return (
        "Byline" in attributes.get("data-component", "")
        or "author" in attributes.get("itemprop", "")
        or ANY_ID.search(attributes.get("id", "")) is not None
        or ANY_CLASS.search(attributes.get("class", "")) is not None
    )
