"""Link blocks: a paragraph or a run of blocks that is wholly link text leaves the body."""

from __future__ import annotations

import pytest
from conftest import scrapinghub_html, shared_page

import cleaner
from cleaner.link_blocks import RULE, drop_link_blocks, link_share
from cleaner.record import Block

STORY = (
    "<p>The council voted on Tuesday to close the old bridge to traffic for the whole winter.</p>"
    "<p>Engineers said the steel had corroded faster than any inspection had predicted so far.</p>"
    "<p>Residents will have to drive an extra twenty minutes to reach the town centre each day.</p>"
)


def page(body: str) -> str:
    return f"<html><head><title>Bridge</title></head><body><article>{body}</article></body></html>"


def test_a_linked_teaser_between_paragraphs_leaves_the_body():
    teaser = "<p><a href='/other'>CITY HALL DEBATES A NEW PARKING PLAN FOR THE CENTRE</a></p>"
    article = cleaner.clean(page(STORY + teaser + STORY.replace("winter", "year")))
    assert "PARKING PLAN" not in article.text
    assert any(r.rule == RULE and "PARKING PLAN" in r.text for r in article.removed)


def test_a_run_of_linked_headings_leaves_the_body():
    related = "".join(
        f"<h3><a href='/s/{i}'>{title}</a></h3>"
        for i, title in enumerate(("Ferry fares rise", "Tunnel plan shelved", "Bus lane opens"))
    )
    article = cleaner.clean(page(STORY + related))
    assert "Tunnel plan shelved" not in article.text
    assert "corroded faster" in article.text


def test_a_paragraph_with_a_link_inside_it_stays():
    linked = "<p>The <a href='/report'>inspection report</a> was published on the council site.</p>"
    article = cleaner.clean(page(STORY + linked))
    assert "inspection report was published" in article.text


def test_a_lone_linked_heading_and_a_cited_url_stay():
    blocks = [
        Block("heading", "Logitech MX Master 3 Mouse", 0),
        Block("paragraph", "A mouse for people who work long hours at a desk every day.", 1),
        Block("paragraph", "http://www.example.org/2013/02/source.html", 2),
    ]
    links = frozenset({"Logitech MX Master 3 Mouse", "http://www.example.org/2013/02/source.html"})
    kept, removed = drop_link_blocks(blocks, links)
    assert kept == blocks and removed == []


def test_related_headlines_under_a_real_article_leave_the_body(scrapinghub):
    # cleveland.com: three linked headlines under "You may also like..." end the extracted body
    (page_id,) = [p for p in scrapinghub if p.startswith("35b158918c67")]
    article = cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])
    assert "Dave Matthews Band takes over Rock Hall Fan Vote" not in article.text
    assert scrapinghub[page_id]["articleBody"][:80] in article.text


def test_a_menu_laid_out_as_a_table_row_of_links_leaves_the_body():
    sections = ("uk", "world", "sport")
    menu = "".join(f"<td><a href='/{s}'>{s.title()} news</a></td>" for s in sections)
    prices = "<tr><td><a href='/fares'>Ferry fare</a></td><td>12 pounds</td><td>daily</td></tr>"
    table = f"<table><tr>{menu}</tr>{prices}</table>"
    article = cleaner.clean(page(table + STORY))
    assert "World news" not in article.text
    assert any(r.rule == RULE and "Uk news | World news" in r.text for r in article.removed)
    assert "Ferry fare | 12 pounds" in article.text  # a cell of text makes a row of data


def test_a_page_built_in_tables_loses_its_menu_rows():
    """A CleanEval page laid out in a table: its menu rows of links went, its notice stays."""
    html, truth = shared_page("cleaneval", "final-727")
    article = cleaner.clean(html)
    assert "Print This Page" not in article.text
    assert "Blog | Radio | Podcast" not in article.text
    assert "the page or function you tried to access could not be found" in article.text
    assert "could not be found" in truth


def test_link_share_counts_the_words_that_stand_together_in_a_link():
    links = frozenset({"Why burger chains are hurting", "Grub Street", "More"})
    roundup = Block("list_item", "Why burger chains are hurting — Grub Street", 0)
    prose = Block("paragraph", "Why burger chains are hurting is a question many ask", 1)
    assert link_share([roundup], links) == 2 / 4  # 2 of its 4 windows lie in the link
    assert link_share([prose], links) == 2 / 7
    assert link_share([Block("paragraph", "Too short", 0)], links) == 0.0


@pytest.mark.parametrize("page_id", ["T114", "R766"])
def test_a_slideshow_whose_body_was_a_link_roundup_gets_readabilitys_reading(page_id):
    """trafilatura took the page's "Link Love" roundup (each line a linked headline and its
    source) for the article; readability finds the slide's text."""
    html, truth = shared_page("dragnet", page_id)
    record = cleaner.clean(html)
    assert record.input.extraction == "readability"
    assert "Link Love" not in record.text
    assert " ".join(truth.split()[-30:]) in " ".join(record.text.split())


def test_a_link_directory_that_readability_also_reads_as_links_stays_as_found():
    html, _ = shared_page("cleaneval", "final-405")
    record = cleaner.clean(html)
    assert record.input.extraction == "trafilatura"
    assert len(record.text.split()) > 2000


def test_a_page_of_links_keeps_them_all():
    """CleanEval final-180, the table of contents of a committee report: every block is a link
    to a section. Dropping them as teasers left 327 of its 7,196 characters."""
    html, truth = shared_page("cleaneval", "final-180")
    record = cleaner.clean(html)
    assert len(record.text.split()) > 0.9 * len(truth.split())
    assert not [r for r in record.removed if r.rule == RULE]


def test_link_blocks_that_are_most_of_the_body_stay_and_a_few_among_paragraphs_go():
    links = frozenset(f"Chapter {n}: the committee's findings on item {n}" for n in range(6))
    contents = [Block("paragraph", text, i) for i, text in enumerate(sorted(links))]
    assert drop_link_blocks(contents, links) == (contents, [])
    story = [
        Block("paragraph", f"Paragraph {i} of the story, long enough " * 3, i) for i in range(6)
    ]
    teasers = [Block("paragraph", text, 6 + i) for i, text in enumerate(sorted(links)[:2])]
    kept, removed = drop_link_blocks(story + teasers, links)
    assert (kept, [r.text for r in removed]) == (story, [b.text for b in teasers])
