"""Text-mode comment threads: a page dump loses its comment section, not its article."""

from __future__ import annotations

import html_text
from conftest import shared_page

import cleaner
from cleaner.comment_thread import RULE, drop_comment_thread, thread_start
from cleaner.record import Block

ARTICLE = (
    "The council voted on Tuesday to keep the library open for another year, after a campaign"
    " by parents and teachers that filled the town hall twice."
)
COMMENT = "Great news, the library is the best thing in this town and I am glad it stays open."


def blocks(*texts: str) -> list[Block]:
    return [Block("paragraph", text, i) for i, text in enumerate(texts)]


def test_a_blog_dump_loses_its_thread_and_keeps_its_post():
    # Dragnet 106 (Rand Fishkin's blog) flattened to text: "37 comments", then each comment
    # with its "by <name> on <date> at <time>. Reply #" line
    html, truth = shared_page("dragnet", "106")
    record = cleaner.clean(html_text.extract_text(html.decode("utf-8")))
    assert record.text.endswith("especially when I was a young kid.)")
    assert "as a fellow entrepreneur" not in record.text.lower()
    thread = [r for r in record.removed if r.rule == RULE]
    assert thread[0].text == "37 comments"
    assert any(r.text.startswith("by Dharmesh Shah on December 4, 2010") for r in thread)
    assert truth.split("\n")[-1] in record.text


def test_a_thread_is_not_cut_with_the_line_classifier_off():
    html, _ = shared_page("dragnet", "106")
    dump = html_text.extract_text(html.decode("utf-8"))
    record = cleaner.clean(dump, settings=cleaner.Settings(text_chrome=False))
    assert "as a fellow entrepreneur" in record.text.lower()
    assert not any(r.rule == RULE for r in record.removed)


def test_comments_signed_after_their_text_are_cut_from_the_heading():
    page = blocks(
        "Library stays open",
        ARTICLE,
        "3 Comments",
        COMMENT,
        "by Ann on May 3, 2012 at 9:14 am. Reply",
        COMMENT,
        "by Bob on May 3, 2012 at 10:02 am. Reply",
        "Bob says: 11:40 AM",
        COMMENT,
    )
    kept, removed = drop_comment_thread(page)
    assert [b.text for b in kept] == ["Library stays open", ARTICLE]
    assert [r.text for r in removed] == [b.text for b in page[2:]]
    assert {r.rule for r in removed} == {RULE}


def test_a_comment_count_under_the_headline_is_not_a_thread():
    # the count stands before the article; the byline is the only signed line near it
    page = blocks(
        "Library stays open",
        "12 comments",
        "by Ann Smith on May 3, 2012 at 9:14 am",
        *[ARTICLE] * 15,
        "Posted by Ann Smith at 9:14 AM",
    )
    assert thread_start([b.text for b in page]) is None
    assert drop_comment_thread(page) == (page, [])


def test_a_heading_without_signed_comments_is_not_a_thread():
    page = blocks("Library stays open", ARTICLE, "Comments", COMMENT, COMMENT, "Leave a Reply")
    assert thread_start([b.text for b in page]) is None


def test_a_count_led_heading_starts_a_thread():
    # Paulo Coelho's blog (Dragnet 158): "{ 69 comments… read them below or add one }", then
    # each comment signed "<name> <date> at <time>" above its text
    html, truth = shared_page("dragnet", "158")
    record = cleaner.clean(html_text.extract_text(html.decode("utf-8")))
    thread = [r for r in record.removed if r.rule == RULE]
    assert thread[0].text == "{ 69 comments… read them below or add one }"
    assert "Mohammad Ali Gaad" not in record.text
    assert truth.split("\n")[-1][-40:] in record.text
