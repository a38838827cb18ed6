"""The byline look-up finds what trafilatura's `extract_author` finds, element for element."""

from __future__ import annotations

import hashlib

from conftest import scrapinghub_html
from hypothesis import given
from hypothesis import strategies as st
from trafilatura.metadata import extract_author
from trafilatura.xpaths import AUTHOR_DISCARD_XPATHS, AUTHOR_XPATHS

from cleaner.page_author import (
    dates_and_figures,
    is_any_author,
    is_byline,
    is_named,
    names_byline,
    other_sections,
    page_author,
    selections,
)
from cleaner.segment_html import parse_page

# The four XPaths `cleaner/page_author.py` transcribes, as trafilatura 2.3.1 writes them. A new
# trafilatura that changes them fails here: transcribe the change, then update the digest.
TRANSCRIBED_XPATHS = "29298d1fa7279c607cd343aa1c4a80736b0596b305bfd93ea59b6de61624f264"

# One element for every test of every expression, and near misses of each.
EVERY_BRANCH = """<html><head><title>t</title></head><body>
<div id="comments"><p class="byline">Comment Writer</p></div>
<section class="sidebar"><span class="author">Sidebar Name</span></section>
<a class="title">A title</a><span class="date">May 1</span><div id="xcomment-list">x</div>
<div class="Comments-box">c</div><span data-component="FigureBlock">f</span>
<figure><figcaption class="author">Photographer Name</figcaption></figure>
<time class="byline">2019</time><p class="noauthor quote">quoted</p><p id="ProductReviews">r</p>
<article><author>Tag Author</author><link rel="author" href="/a"/>
<strong id="author">Strong Author</strong><address itemprop="author name">Addr Author</address>
<span data-testid="AuthorCard">Card Author</span><p class="the-author-name">Class Author</p>
<div><rel>me</rel>Rel Author</div><div><rel>not me</rel>Not Rel</div>
<h3 class="byl">H3 Byline</h3><h4 id="xiaobian">Editor</h4><span itemprop="authors">Prop</span>
<p class="posted-by">Poster Name</p><em class="screenname">Screen Name</em>
<b id="Author-2">Bold Author</b><i data-component="Byline">Italic Byline</i>
<h5 class="writer">Writer Name</h5><p class="Byline">Capital Byline</p><p>Body text.</p>
</article></body></html>"""


def same_elements(a: list, b: list) -> bool:
    return len(a) == len(b) and all(x is y for x, y in zip(a, b, strict=True))


def test_trafilatura_author_xpaths_are_the_ones_transcribed():
    paths = "\n".join(x.path for x in [*AUTHOR_DISCARD_XPATHS, *AUTHOR_XPATHS])
    assert hashlib.sha256(paths.encode()).hexdigest() == TRANSCRIBED_XPATHS


def byline_candidates(tree) -> tuple[list, list, list]:
    """What each of the three selectors takes from `tree` itself, in document order."""
    selected: tuple[list, list, list] = ([], [], [])
    for selector, element in selections(tree, lambda rel: rel.xpath("string()") == "me"):
        selected[selector].append(element)
    return selected


def assert_selects_like_trafilatura(html: str) -> None:
    tree = parse_page(html)
    assert same_elements(other_sections(tree), AUTHOR_DISCARD_XPATHS[0](tree))
    assert same_elements(dates_and_figures(tree), AUTHOR_DISCARD_XPATHS[1](tree))
    for found, xpath in zip(byline_candidates(tree), AUTHOR_XPATHS, strict=True):
        assert same_elements(found, xpath(tree))
    assert page_author(parse_page(html)) == extract_author(parse_page(html))


def test_every_branch_selects_what_trafilatura_selects():
    assert_selects_like_trafilatura(EVERY_BRANCH)
    tree = parse_page(EVERY_BRANCH)
    assert all(byline_candidates(tree)) and other_sections(tree)


def test_each_byline_in_turn_gives_trafilatura_author():
    """Drop the page's lines one by one from the top, so that each byline in turn comes first."""
    head, *lines = EVERY_BRANCH.splitlines()
    for start in range(len(lines)):
        assert_selects_like_trafilatura("\n".join([head, *lines[start:]]))


def test_scrapinghub_pages_give_trafilatura_author(scrapinghub):
    for page_id in sorted(scrapinghub):
        assert_selects_like_trafilatura(scrapinghub_html(page_id).decode("utf-8", "replace"))


def test_byline_reads_as_on_the_pruned_page():
    """Dates, figures and sections inside a byline leave their tails where trafilatura's deletion
    puts them, and a <rel> reads "me" once its date is gone."""
    tree = parse_page(
        "<html><body><p class='x'><rel>me<time>1</time></rel>Rel Author</p>"
        "<p class='byline'>By <time>May</time>Jane<span class='date'>x</span> Doe"
        "<figure>f</figure>Lee<a class='title'>t</a></p></body></html>"
    )
    assert page_author(tree) == extract_author(tree) == "Me Rel Author"
    del tree[0][0][0]  # the <rel>
    assert page_author(tree) == extract_author(tree) == "Jane DoeLee"


def test_the_first_short_text_ends_the_look_up_even_when_no_name():
    """trafilatura stops at the first candidate with a short text, though it holds no name."""
    tree = parse_page(
        "<html><body><span class='author'>2020</span><p class='byline'>Jane Doe</p></body></html>"
    )
    assert page_author(tree) is extract_author(tree) is None


# Pieces of class and id values: every alternative and exact value of the selectors' tests, cut
# and near misses, so that generated values meet each test.
PIECES = ["author", "Author", "-name", "Name", "byline", "Byline", "byl", "BBL", "username"]
PIECES += ["channel-name", "zuozhe", "bianji", "xiaobian", "submitted-by", "posted-by", "writer"]
PIECES += ["journalist-name", "screenname", "uthor", "a", "A", "b", "B", "-", " ", "comments"]


@given(st.lists(st.sampled_from(PIECES), min_size=1, max_size=6).map("".join))
def test_a_class_or_id_any_selector_takes_names_a_byline(value):
    """The walk's quick test skips no element a selector would take for its class or id."""
    for attributes in ({"class": value}, {"id": value}):
        if is_named(None, attributes, set()) or is_byline(attributes) or is_any_author(attributes):
            assert names_byline(value)
