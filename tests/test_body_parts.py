"""A body split into containers of one class is read whole, within one <article> only."""

from __future__ import annotations

from conftest import scrapinghub_html

import cleaner
from cleaner.body_parts import join_body_parts
from cleaner.segment_html import parse_page

PART_ONE = (
    "<p>The council voted on Tuesday to close the old bridge to traffic for the whole winter.</p>"
    "<p>Engineers said the steel had corroded faster than any inspection had predicted so far.</p>"
)
PART_TWO = (
    "<p>Residents will have to drive an extra twenty minutes to reach the town centre each day.</p>"
    "<p>The mayor promised a temporary ferry service before the end of the month.</p>"
)


def container(text: str) -> str:
    return f'<div class="row"><div class="article__body">{text}</div></div>'


def test_the_later_parts_of_a_split_body_join_the_first_in_page_order():
    html = (
        "<html><body><article><h1>Bridge closes</h1>"
        f"{container(PART_ONE)}<div class='ad'>Advertisement</div>{container(PART_TWO)}"
        "</article></body></html>"
    )
    tree = parse_page(html)
    assert join_body_parts(tree) == 1
    (body,) = tree.find_class("article__body")
    text = body.text_content()
    assert text.index("corroded faster") < text.index("temporary ferry service")
    assert "Advertisement" not in text


def test_bodies_of_different_articles_are_not_joined():
    html = (
        "<html><body><article><h1>Bridge closes</h1>"
        f"{container(PART_ONE)}</article><article><h1>Ferry returns</h1>"
        f"{container(PART_TWO)}</article></body></html>"
    )
    tree = parse_page(html)
    assert join_body_parts(tree) == 0
    first, second = tree.find_class("article__body")
    assert "corroded faster" in first.text_content()
    assert "temporary ferry service" in second.text_content()


def test_a_wired_story_is_read_past_its_first_ad(scrapinghub):
    (page_id,) = [p for p in scrapinghub if p.startswith("d48aeb9cf2f2")]
    truth = scrapinghub[page_id]["articleBody"]
    article = cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])
    assert truth[-200:].strip()[:100] in article.text
