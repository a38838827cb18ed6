"""Readability's reading keeps every segment of an article or a blog index, not only the first."""

from __future__ import annotations

import pytest
from conftest import shared_page
from lxml.html import fromstring
from trafilatura.external import try_readability

import cleaner
from cleaner.readability_segments import SegmentedDocument, read_page
from cleaner.segment_html import collapsed_text


def post_prose(number: int) -> str:
    sentence = f"Post {number} tells its own story in sentences long enough to score, with commas, "
    return f"<p>{sentence * 4}</p>" * 2


def post(number: int, body_class: str = "entry-body", link: bool = False) -> str:
    """One post of a blog index: a heading, a body of prose (half of it one link's text, with
    `link`), a byline."""
    prose = post_prose(number)
    linked = prose.replace("<p>", '<p><a href="/more">', 1).replace("</p>", "</a></p>", 1)
    return (
        f'<div class="post"><h2>Title {number}</h2><div class="{body_class}">'
        f'{linked if link else prose}</div><div class="meta">by someone</div></div>'
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


def test_segments_of_another_class_or_much_link_text_are_not_merged():
    page = (
        f'<html><body><div id="content">{post(1)}{post(2)}{post(3, link=True)}'
        f"{post(4, body_class='story')}</div></body></html>"
    )
    assert posts_read(page) == [1, 2]


def test_a_quote_lead_comes_with_its_segment_but_never_the_best_element_into_itself():
    """The line before a quoting segment's wrapper ("... wrote:") comes with it; when that line
    holds the best element, readability-lxml 0.9 fails and the page would read as nothing."""
    wrote = "And then Ann, who had read every post of the thread, wrote:"
    quoting = post(2).replace('<div class="entry-body">', '<div class="entry-body"><blockquote>')
    quoting = quoting.replace('</div><div class="meta">', '</blockquote></div><div class="meta">')
    lead_apart = (
        f'<html><body><div id="content">{post(1)}<p>{wrote}</p>{quoting}</div></body></html>'
    )
    text = collapsed_text(read_page(fromstring(lead_apart)))
    assert wrote in text
    assert text.index("Post 1 ") < text.index(wrote) < text.index("Post 2 ")
    # The wrapper before the quoting post's is the lead, and holds the best element.
    first = f'<div><div class="entry-body">{post_prose(1)}<p>{wrote}</p></div></div>'
    second = f'<div><div class="entry-body"><blockquote>{post_prose(2)}</blockquote></div></div>'
    page = f'<html><body><div id="content">{first}{second}</div></body></html>'
    assert posts_read(page) == [1, 2]


def test_a_page_readability_cannot_read_gives_an_empty_reading(monkeypatch, caplog):
    def fail(self):
        raise ValueError("no tree")

    monkeypatch.setattr(SegmentedDocument, "summary", fail)
    assert collapsed_text(read_page(fromstring(f"<html><body>{post(1)}</body></html>"))) == ""
    assert "readability failed: ValueError: no tree" in caplog.text


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


def marked_page(itemprop: str, story_links: bool = False) -> str:
    """A short story the page marks as the article's body, beside a longer sidebar of prose."""
    sentence = "The council met on Tuesday, and the vote on the bridge was close, as expected. "
    story = f"<p>{sentence * 3}</p>"
    if story_links:
        story = f'<p><a href="/x">{sentence * 3}</a></p>'
    sidebar = "".join(f"<p>{'Other news of the week, in brief, with many commas, ' * 5}</p>" * 6)
    return (
        f'<html><body><div><div class="story" itemprop="{itemprop}">{story}</div></div>'
        f'<div class="column">{sidebar}</div></body></html>'
    )


def test_the_element_marked_as_the_articles_body_is_read():
    # readability-lxml 0.9's choice: the fork scores the longer sidebar higher and reads it
    assert "the vote on the bridge" not in collapsed_text(read_page(fromstring(marked_page(""))))
    reading = collapsed_text(read_page(fromstring(marked_page("articleBody text"))))
    assert "the vote on the bridge" in reading and "Other news" not in reading


def test_a_marked_body_of_links_is_not_read():
    reading = collapsed_text(read_page(fromstring(marked_page("articleBody", story_links=True))))
    assert "Other news of the week" in reading


def test_huffpost_story_is_read_not_its_photo_captions():
    # Dragnet T121: the fork read a slideshow's captions (15,728 characters), which trafilatura's
    # rule took for being over twice its body; the story is marked itemprop="articleBody"
    html, truth = shared_page("dragnet", "T121")
    record = cleaner.clean(html)
    assert record.text.startswith("Usain Bolt did not let anyone spoil his party.")
    assert len(record.text) < 1.2 * len(truth)
