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
        *[ARTICLE] * 4,
        "3 Comments",
        COMMENT,
        "by Ann on May 3, 2012 at 9:14 am. Reply",
        COMMENT,
        "by Bob on May 3, 2012 at 10:02 am. Reply",
        "Bob says: 11:40 AM",
        COMMENT,
    )
    kept, removed = drop_comment_thread(page)
    assert [b.text for b in kept] == ["Library stays open", *[ARTICLE] * 4]
    assert [r.text for r in removed] == [b.text for b in page[5:]]
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


LIVE_ENTRIES = [
    "10:32 The opposition leader says the budget is a gamble with people's savings.",
    "10:45 Markets rise after the chancellor's speech, led by housebuilders.",
    "11:02 The mayor says on May 3, 2012 the city will take its share.",
    "11:20 The unions' leader says the pay offer is not enough.",
    "11:35 The chancellor wrote to the council on May 3 to promise more.",
]


def test_ordinary_articles_keep_sections_named_like_threads():
    # the reviewer's cases: a live blog's "Reactions", a programme's "Discussion", a report's
    # "Responses" of dated quotes: each a section of the article, not a comment thread
    cases = [
        ["Budget live", *[ARTICLE] * 4, "Reactions", *LIVE_ENTRIES],
        [
            "Conference programme",
            *[ARTICLE] * 4,
            "Discussion",
            "09:30 Opening remarks",
            "10:00 Panel",
            "11:15 Coffee break",
            "12:00 Lunch",
        ],
        [
            "Flood defences approved",
            *[ARTICLE] * 4,
            "Responses",
            *["The mayor said on March 3 that the walls would hold."] * 3,
            ARTICLE,
        ],
        ["Election night live", "12 comments", *LIVE_ENTRIES, *[ARTICLE] * 4],
        ["Election night live", ARTICLE, "12 comments", *LIVE_ENTRIES, *[ARTICLE] * 3],
    ]
    for texts in cases:
        assert thread_start(texts) is None, texts[0]


def test_a_heading_at_the_top_never_empties_a_text():
    # a dated byline and datelines under a "Comment" label (an opinion piece), then the piece
    texts = [
        "Comments",
        "By Jane Doe, 3 May 2012 10:30. Posted in Opinion",
        "Updated May 3, 2012 11:45. Reply to the author",
        "Published May 3, 2012 9:05. Permalink",
        *[ARTICLE] * 4,
    ]
    assert thread_start(texts) is None
    record = cleaner.clean("\n\n".join(texts))
    assert ARTICLE in record.text


def test_a_markdown_title_stays_the_title_when_a_thread_is_cut():
    thread = [
        "3 Comments",
        "by Ann on May 3, 2012 at 9:14 am. Reply",
        COMMENT,
        "by Bob on May 3, 2012 at 10:02 am. Reply",
        COMMENT,
        "by Cy on May 3, 2012 at 11:40 am. Reply",
        COMMENT,
    ]
    markdown = "\n\n".join(["# Library stays open", *[ARTICLE] * 5, *thread])
    record = cleaner.clean(markdown)
    assert record.title == "Library stays open"
    assert record.text == "\n\n".join([ARTICLE] * 5)
    assert [r.rule for r in record.removed][:2] == ["structure.title", RULE]
