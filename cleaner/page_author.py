"""The byline look-up of trafilatura's metadata (`extract_author`), its XPaths run as Python.

When a page names no author in its meta tags or JSON-LD (75 of the 181 scrapinghub pages),
trafilatura looks for a byline in the markup: on a copy of the page it deletes the sections that
hold other names (comments, sidebars, figures, dates), then tries three selectors, most specific
first, and keeps the first short text found. libxml2 runs the dozens of attribute tests of those
four XPaths element by element at about 2 ms each; the same tests on each element's attributes,
one walk for the sections and one for all three selectors, take about half the time (4.7 -> 2.5 ms
CPU a look-up on the scrapinghub pages). Each expression is transcribed test for test below; the
tests check that they select exactly what trafilatura's own do, and that trafilatura's have not
changed.
"""

from __future__ import annotations

import re
from collections.abc import Callable
from copy import deepcopy

from lxml import etree
from lxml.html import HtmlElement
from trafilatura.htmlprocessing import prune_unwanted_nodes
from trafilatura.metadata import extract_metainfo, normalize_authors

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


def page_author(tree: HtmlElement) -> str | None:
    """The author(s) named in the page's markup, exactly as `extract_author(tree)` gives them."""
    pruned = prune_unwanted_nodes(deepcopy(tree), [other_sections, dates_and_figures])
    named, bylines, others = byline_candidates(pruned)
    author = extract_metainfo(
        pruned, [found(named), found(bylines), found(others)], len_limit=AUTHOR_MAX_CHARS
    )
    return normalize_authors(None, author) if author else None


def found(elements: Elements) -> Callable[[HtmlElement], Elements]:
    """An expression for `extract_metainfo` that gives what one walk already found."""
    return lambda _tree: elements


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
    return list(tree.iter("time", "figure"))


def byline_candidates(tree: HtmlElement) -> tuple[Elements, Elements, Elements]:
    """What each of trafilatura's three author XPaths selects, in document order, in one walk."""
    holds_me = {rel.getparent() for rel in tree.iter("rel") if rel.xpath("string()") == "me"}
    named: Elements = []
    bylines: Elements = []
    others: Elements = []
    for element in tree.iter(etree.Element):
        attributes = element.attrib
        tag = element.tag
        if tag == "author" or (tag in NAMED_TAGS and is_named(element, attributes, holds_me)):
            named.append(element)
        if not attributes:
            continue
        if tag in BYLINE_TAGS and is_byline(attributes):
            bylines.append(element)
        if is_any_author(attributes):
            others.append(element)
    return named, bylines, others


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
