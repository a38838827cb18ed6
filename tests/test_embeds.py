"""Embedded posts: a tweet in a wrapper that reads as a share widget stays in the body."""

from __future__ import annotations

from conftest import scrapinghub_html

import cleaner
from cleaner.embeds import unwrap_embeds
from cleaner.segment_html import parse_page

TWEET = (
    '<blockquote class="twitter-tweet"><p>The bridge is closed all winter, the council says.</p>'
    "— City News (@citynews) November 18, 2019</blockquote>"
)


def test_a_tweet_takes_the_place_of_the_wrappers_that_hold_only_it():
    html = (
        "<html><body><article><p>The council met on Tuesday.</p>"
        f'<div class="social-media-embed"><div class="inner">{TWEET}</div></div>'
        "<p>Residents were not pleased.</p></article></body></html>"
    )
    tree = parse_page(html)
    assert unwrap_embeds(tree) == 1
    assert tree.find_class("social-media-embed") == []
    (quote,) = tree.find_class("twitter-tweet")
    assert quote.getparent().tag == "article"


def test_a_wrapper_with_text_of_its_own_is_left_alone():
    html = (
        '<html><body><article><div class="social-media-embed"><p>Readers reacted online.</p>'
        f"{TWEET}</div></article></body></html>"
    )
    tree = parse_page(html)
    assert unwrap_embeds(tree) == 0
    assert len(tree.find_class("social-media-embed")) == 1


def test_tweets_quoted_in_a_story_are_in_its_body(scrapinghub):
    # news.sky.com: each tweet sits three deep in an "sdc-article-widget", which trafilatura drops
    (page_id,) = [p for p in scrapinghub if p.startswith("921019755f4a")]
    article = cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])
    assert "Tottenham Hotspur (@SpursOfficial) November 20, 2019" in article.text
