"""A paragraph the page repeats keeps its copies; a copy elsewhere on the page adds nothing."""

from __future__ import annotations

from conftest import shared_page

import cleaner
from cleaner.repeated_paragraphs import page_repeats, restore_repeats
from cleaner.segment_html import parse_page

REFRAIN = (
    "We shall fight on the beaches, we shall fight on the landing grounds, we shall fight in "
    "the fields and in the streets."
)
STORY = " ".join(
    f"<p>Paragraph {i} of the speech tells the listeners how the evacuation went, which ships "
    f"came back and what the army left behind on the shore.</p>"
    for i in range(4)
)


def page(article: str, aside: str = "") -> str:
    return (
        "<html><head><title>The speech</title></head><body>"
        f"<article><h1>The speech</h1>{article}</article><aside>{aside}</aside></body></html>"
    )


def test_a_paragraph_the_page_repeats_in_a_row_keeps_every_copy():
    article = cleaner.clean(page(f"{STORY}<p>{REFRAIN}</p><p>{REFRAIN}</p><p>{REFRAIN}</p>"))
    assert article.text.count(REFRAIN) == 3
    assert article.text.index(REFRAIN) > article.text.index("Paragraph 3")


def test_a_copy_in_another_container_is_not_added():
    article = cleaner.clean(page(f"{STORY}<p>{REFRAIN}</p>", aside=f"<p>{REFRAIN}</p>"))
    assert article.text.count(REFRAIN) == 1


def test_page_repeats_counts_copies_under_one_parent_only():
    tree = parse_page(
        page(f"<p>{REFRAIN}</p><div>x</div><p>{REFRAIN}</p>", aside=f"<p>{REFRAIN}</p>")
    )
    assert page_repeats(tree) == {REFRAIN: 2}
    assert page_repeats(parse_page(page(STORY))) == {}
    assert page_repeats(None) == {}


def test_restore_repeats_adds_only_the_copies_missing():
    pieces = [("heading", "Title"), ("paragraph", REFRAIN), ("paragraph", "Other.")]
    restored = restore_repeats(pieces, {REFRAIN: 3})
    copies = [("paragraph", REFRAIN)] * 3
    assert restored == [("heading", "Title"), *copies, ("paragraph", "Other.")]
    assert restore_repeats(restored, {REFRAIN: 3}) == restored
    assert restore_repeats(pieces, {}) == pieces


def test_the_readability_test_page_with_share_buttons_keeps_its_five_paragraphs():
    """Five copies of a paragraph around a "Like this" widget; trafilatura kept one."""
    html, truth = shared_page("readability", "social-buttons")
    paragraph = truth.splitlines()[1]
    assert truth.count(paragraph) == 5
    assert cleaner.clean(html).text.count(paragraph) == 5
