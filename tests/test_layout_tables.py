"""Pages laid out in tables: trafilatura keeps the whole table, readability the article's cell."""

from __future__ import annotations

import pytest
from conftest import shared_page
from lxml import etree

import cleaner
from cleaner.link_blocks import window_share
from cleaner.record import Block
from cleaner.segment_html import (
    LAYOUT_TABLE_MIN_SHARE,
    blocks_of,
    body_pieces,
    main_content,
    parse_page,
    table_row_share,
)

PARAGRAPHS = [
    "The council voted on Tuesday to close the old bridge to traffic for the whole of the winter,"
    " after engineers found that the steel had corroded faster than any inspection had predicted.",
    "Residents will have to drive an extra twenty minutes to reach the town centre each day, and"
    " the bus company said it would add two services in the morning to carry those who walk.",
    "A new bridge has been promised for years, but the money for it was moved to the ring road"
    " in the spring budget, and the council says it cannot borrow more before the next election.",
]


def layout_page() -> str:
    """A page of the early web: banner row, menu cell beside the article's cell, footer row."""
    menu = "".join(f"<a href='/{w}'>{w}</a><br>" for w in ("Home", "News", "Sport", "Weather"))
    article = "".join(f"<p>{p}</p>" for p in PARAGRAPHS)
    return (
        "<html><head><title>Bridge to close</title></head><body><table>"
        "<tr><td colspan='2'>Welcome to the Valley Gazette online edition, updated daily</td></tr>"
        f"<tr><td>{menu}</td><td>{article}</td></tr>"
        "<tr><td colspan='2'>Copyright 2004 Valley Gazette. All rights reserved.</td></tr>"
        "</table></body></html>"
    )


def test_a_page_built_in_a_table_keeps_the_articles_cell_only():
    record = cleaner.clean(layout_page())
    assert record.input.extraction == "readability"
    assert [b.text for b in record.blocks] == PARAGRAPHS
    assert "Valley Gazette" not in record.text


def test_a_cleaneval_shop_page_in_a_table_loses_its_shop_rows():
    """trafilatura kept the shop's rows ("Current customer? Log In", "Ordering Help | ...");
    readability keeps the cell with the article, as the truth does."""
    html, truth = shared_page("cleaneval", "final-585")
    record = cleaner.clean(html)
    assert record.input.extraction == "readability"
    assert "Log In" not in record.text
    assert "Shipping & Returns" not in record.text
    assert " ".join(truth.split()[-30:]) in " ".join(record.text.split())


def test_a_table_page_where_readability_reads_another_part_stays_as_found():
    """Dragnet R260, a weekly review laid out in table rows: readability reads a list of
    webinars beside it, none of which is in the truth or in trafilatura's rows; that is not the
    article narrowed to its cell."""
    html, truth = shared_page("dragnet", "R260")
    body = main_content(parse_page(html.decode()), None, favor_precision=False, fast=True)
    assert body is not None
    assert table_row_share(blocks_of(body_pieces(body))) >= LAYOUT_TABLE_MIN_SHARE
    record = cleaner.clean(html)
    assert record.input.extraction == "trafilatura"
    assert "Let's take a quick look at what happened in AWS-land last week" in truth
    assert "Let's take a quick look at what happened in AWS-land last week" in record.text
    assert "Register Now" not in record.text


def test_an_article_with_a_data_table_of_links_keeps_its_table():
    """A league table under a match report: most of the body's words are the table's, and
    readability drops a table of linked team names; its reading, the report's paragraphs, is not
    in the rows, so the page is not a layout table and the table stays."""
    teams = ["Rovers", "United", "City", "Athletic", "Wanderers", "Albion", "Town", "County"]
    teams += [f"North {team}" for team in teams]
    rows = "".join(
        f"<tr><td>{i}</td><td><a href='/{t}'>{t}</a></td><td>{i + 20}</td><td>{i % 7}</td>"
        f"<td>{i % 5}</td><td>{30 - i}</td></tr>"
        for i, t in enumerate(teams, 1)
    )
    html = (
        "<html><head><title>League</title></head><body><article>"
        + "".join(f"<p>{p}</p>" for p in PARAGRAPHS[:2])
        + f"<table>{rows}</table></article></body></html>"
    )
    record = cleaner.clean(html)
    assert record.input.extraction == "trafilatura"
    assert "4 | Athletic | 24 | 4 | 4 | 26" in record.text
    assert "16 | North County | 36 | 2 | 1 | 14" in record.text


def test_a_loose_cell_of_paragraphs_gives_a_block_each_and_one_with_text_stays_whole():
    cell = etree.fromstring("<div><cell><p>First one.</p><p>Second one.</p></cell></div>")
    assert body_pieces(cell) == [("paragraph", "First one."), ("paragraph", "Second one.")]
    mixed = etree.fromstring("<div><cell>By Ann Lee <p>First one.</p></cell></div>")
    assert body_pieces(mixed) == [("paragraph", "By Ann Lee First one.")]


def test_table_row_share_counts_words_in_rows():
    blocks = [Block("table_row", "Home | News | Sport", 0), Block("paragraph", "One two three", 1)]
    assert table_row_share(blocks) == 3 / 6  # the " | " between cells is not a word
    assert table_row_share([]) == 0.0


def test_window_share_is_the_share_of_the_readings_windows_in_the_rows():
    rows = ["menu | one two three four five six"]
    assert window_share(["one two three four five six"], rows) == 1.0
    assert window_share(["one two three four nine"], rows) == 1 / 2
    assert window_share(["too short"], rows) == 0.0


@pytest.mark.parametrize("fast", [False, True])
def test_a_one_row_table_page_gets_readabilitys_reading_without_the_comment_thread(fast):
    """Dragnet R756, a workout of the day in a one-row table: unpruned, readability read the
    comment thread under it (30 times the words); pruned of comment sections, as trafilatura
    prunes what it gives readability, it reads the workout and its dedication."""
    html, truth = shared_page("dragnet", "R756")
    record = cleaner.clean(html, settings=cleaner.Settings(fast=fast))
    assert record.input.extraction == "readability"
    assert "Post time to comments." in record.text
    assert "and sister Jennifer." in record.text
    assert len(record.text) < 2 * len(truth)
