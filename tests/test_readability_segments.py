"""Readability's reading keeps every segment of an article or a blog index, not only the first."""

from __future__ import annotations

import pytest
from conftest import shared_page
from lxml.html import fromstring
from trafilatura.external import try_readability

import cleaner
from cleaner.readability_segments import read_page
from cleaner.segment_html import collapsed_text


def post(number: int, body_class: str = "entry-body", link: bool = False) -> str:
    """One post of a blog index: a heading, a body of prose (or of one link), a byline."""
    sentence = f"Post {number} tells its own story in sentences long enough to score, with commas, "
    prose = f"<p>{sentence * 4}</p>" * 2
    body = f'<p><a href="/more">{sentence * 4}</a></p>' if link else prose
    return (
        f'<div class="post"><h2>Title {number}</h2><div class="{body_class}">{body}</div>'
        '<div class="meta">by someone</div></div>'
    )


def posts_read(html: str, read=read_page) -> list[int]:
    text = collapsed_text(read(fromstring(html)))
    return [n for n in range(1, 6) if f"Post {n} " in text]


@pytest.mark.parametrize("frame", ['<div id="content">', "<div>", "<table><tr><td>"])
def test_a_blog_index_is_read_whole_where_the_fork_reads_its_first_post(frame: str):
    """Inside a frame that says content, or only the body (posts laid out in a table)."""
    page = f"<html><body>{frame}{post(1)}{post(2)}{post(3)}</div></body></html>"
    assert posts_read(page) == [1, 2, 3]
    assert posts_read(page, try_readability) == [1]  # trafilatura's fork, without the merge


def test_segments_of_another_class_or_of_link_text_are_not_merged():
    page = (
        f'<html><body><div id="content">{post(1)}{post(2)}{post(3, link=True)}</div>'
        f'<div class="sidebar">{post(4, body_class="widget")}</div></body></html>'
    )
    assert posts_read(page) == [1, 2]


def test_a_page_readability_cannot_read_gives_an_empty_reading():
    assert collapsed_text(read_page(fromstring("<html><body></body></html>"))) == ""


def test_cleaneval_blog_index_keeps_its_posts():
    """CleanEval final-113, a film critic's blog front page: each post is an "entry-body" div in
    its own wrapper. trafilatura's body is the first post (about 800 characters), the fork's
    reading the first post too (3,873); merged, readability's reading is the page's posts, which
    is CleanEval's truth (55,499 characters)."""
    html, truth = shared_page("cleaneval", "final-113")
    record = cleaner.clean(html)
    words = len(truth.split())
    assert 0.85 * words < len(record.text.split()) < 1.15 * words
    assert record.input.extraction == "readability"
    assert "Michelle Alexandria" in record.text  # a post far from the first
