"""Link blocks: a paragraph or a run of blocks that is wholly link text leaves the body."""

from __future__ import annotations

from conftest import scrapinghub_html

import cleaner
from cleaner.link_blocks import RULE, drop_link_blocks
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
