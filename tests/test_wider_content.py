"""readability-lxml's second opinion: taken where it extends trafilatura's, else left."""

from __future__ import annotations

import gzip
import json

import pytest
from conftest import SHARED_DATA, scrapinghub_html
from lxml.html import fragment_fromstring

import cleaner
from cleaner.wider_content import contained_share, element_pieces


def shared_page(dataset: str, page_id: str) -> tuple[bytes, str]:
    root = SHARED_DATA / dataset
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))[page_id]["articleBody"]
    return gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()), truth


@pytest.mark.parametrize("page_id", ["dev-21", "dev-33", "final-62"])
def test_a_forum_thread_keeps_every_post_not_only_the_first(page_id):
    html, truth = shared_page("cleaneval", page_id)
    record = cleaner.clean(html)
    fast = cleaner.clean(html, settings=cleaner.Settings(fast=True))
    assert record.input.extraction == "readability"
    assert fast.input.extraction == "trafilatura"
    # trafilatura alone keeps a few percent of the thread; the truth is the whole thread
    assert len(fast.text.split()) < 0.2 * len(truth.split()) < 0.2 * len(record.text.split()) * 1.5


def test_news_pages_keep_trafilaturas_content(scrapinghub):
    """readability's extra lines on news pages are bylines, captions and teasers: not taken."""
    taken = [
        page_id
        for page_id in sorted(scrapinghub)[:40]
        if cleaner.clean(
            scrapinghub_html(page_id), url=scrapinghub[page_id]["url"]
        ).input.extraction
        == "readability"
    ]
    assert len(taken) <= 2, taken


def test_pieces_follow_the_block_elements_of_readabilitys_html():
    summary = fragment_fromstring(
        "<div><h2>Thread</h2><p>First <b>post</b><br>second line</p>loose text"
        "<ul><li>one</li><li>two <p>inner</p></li></ul>"
        "<table><tr><td>a</td><td>b</td></tr></table></div>"
    )
    assert element_pieces(summary) == [
        ("heading", "Thread"),
        ("paragraph", "First post"),
        ("paragraph", "second line"),
        ("paragraph", "loose text"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("paragraph", "inner"),
        ("table_row", "a | b"),
    ]


def test_contained_share_counts_word_4grams():
    words = ["the", "cat", "sat", "on", "the", "mat", "today"]
    assert contained_share(words, [*words, "more", "words"]) == 1.0
    assert contained_share(words, ["a", "b", "c", "d", "e"]) == 0.0
    assert contained_share(words, ["the", "cat", "sat", "on"]) == 0.25
    assert contained_share([], words) == 1.0
