"""Hover cards: a pop-up hidden in a sentence leaves the page before extraction; the name stays."""

from __future__ import annotations

from conftest import scrapinghub_html

import cleaner
from cleaner.hover_cards import RULE, drop_hover_cards
from cleaner.segment_html import parse_page

CARD = (
    '<span class="rollover-people"><a href="/people/jane-roe">Jane Roe</a>'
    '<span class="rollover-people-block"><span class="rollover-block"><img src="roe.jpg">'
    '<a href="/people/jane-roe">Jane Roe</a><a href="/story/1">Roe wins the county vote</a>'
    "</span></span></span>"
)


def test_the_card_leaves_and_the_linked_name_stays():
    tree = parse_page(f"<html><body><p>Mayor {CARD} spoke on Tuesday.</p></body></html>")
    (removal,) = drop_hover_cards(tree)
    assert removal.rule == RULE and "Roe wins the county vote" in removal.text
    assert " ".join(tree.text_content().split()) == "Mayor Jane Roe spoke on Tuesday."


def test_a_tooltip_of_words_alone_stays():
    term = '<span class="tooltip">quorum</span>'
    tree = parse_page(f"<html><body><p>The council lacked a {term} on Tuesday.</p></body></html>")
    assert drop_hover_cards(tree) == []
    assert "lacked a quorum on Tuesday" in tree.text_content()


def test_names_in_a_thehill_story_read_once(scrapinghub):
    (page_id,) = [p for p in scrapinghub if p.startswith("6ebac05f637e")]
    article = cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])
    assert "Rep. Ilhan Omar (D-Minn.)" in article.text
    assert any(r.rule == RULE for r in article.removed)
