"""Hidden elements: text a page marks as not shown leaves before extraction, audit trail kept."""

from __future__ import annotations

import pytest
from conftest import shared_page

import cleaner
from cleaner.hidden_nodes import RULE, drop_hidden
from cleaner.segment_html import parse_page


def shown(tree) -> str:
    return " ".join(" ".join(tree.itertext()).split())


@pytest.mark.parametrize(
    "mark",
    [
        'hidden=""',
        'style="display:none"',
        'style="color: red; DISPLAY : None ;"',
        'style="visibility:\thidden"',
    ],
)
def test_each_way_of_hiding_takes_the_element_out(mark):
    tree = parse_page(
        f"<html><body><p>Shown words.</p><div {mark}><p>Not shown.</p></div></body></html>"
    )
    (removal,) = drop_hidden(tree)
    assert (removal.rule, removal.text, removal.action) == (RULE, "Not shown.", "drop")
    assert shown(tree) == "Shown words."


def test_a_hidden_element_inside_a_hidden_one_is_one_removal():
    tree = parse_page(
        '<html><body><p>Kept.</p><div hidden><p>Outer.</p><p style="display:none">Inner.</p>'
        "</div><span style='display:block'>Also kept.</span></body></html>"
    )
    (removal,) = drop_hidden(tree)
    assert removal.text == "Outer. Inner."
    assert shown(tree) == "Kept. Also kept."


def test_visible_styles_and_names_alone_stay():
    page = (
        '<html><body><p style="display: block">One.</p><p class="hidden">Two.</p>'
        '<p data-hidden="true">Three.</p></body></html>'
    )
    tree = parse_page(page)
    assert drop_hidden(tree) == []
    assert shown(tree) == "One. Two. Three."


def test_the_readability_test_page_of_hidden_nodes_keeps_only_what_shows():
    """Two copies of the paragraph, one display:none and one with `hidden`, made trafilatura's
    fallback take a body three times the article's length."""
    html, truth = shared_page("readability", "hidden-nodes")
    record = cleaner.clean(html)
    hidden = [r for r in record.removed if r.rule == RULE]
    assert len(hidden) == 2
    assert len(record.text.split()) <= len(truth.split())
    assert record.text.split()[:20] == truth.split()[:20]


def test_a_news_page_hiding_two_copies_of_its_newsletter_keeps_the_story(scrapinghub):
    (page_id,) = [p for p in scrapinghub if p.startswith("fde930b01859")]
    html, truth = shared_page("scrapinghub", page_id)
    record = cleaner.clean(html, url=scrapinghub[page_id]["url"])
    assert 0.9 * len(truth.split()) < len(record.text.split()) < 1.1 * len(truth.split())


def test_a_page_hidden_whole_until_its_scripts_load_is_kept():
    """A loader hides the wrapper of everything and shows it once its scripts run: dropping it
    would leave an empty record, so nothing is dropped."""
    story = "<p>The council voted on Tuesday to close the old bridge for the winter.</p>" * 5
    tree = parse_page(
        f'<html><body><div id="app" style="display:none"><article>{story}</article></div>'
        "<footer>About us</footer></body></html>"
    )
    assert drop_hidden(tree) == []
    record = cleaner.clean(
        f'<html><head><title>Bridge</title></head><body><div style="display:none">'
        f"<article>{story}</article></div></body></html>"
    )
    assert "close the old bridge" in record.text
