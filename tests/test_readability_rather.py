"""trafilatura's fast mode, compared with readability's reading by trafilatura's own rule (the
forum threads it keeps whole are in test_html.py)."""

from __future__ import annotations

from lxml.html import fromstring

from cleaner.segment_html import Reading, main_content, readability_rather

ARTICLE = (
    "The harbour authority said on Monday that the northern pier would stay shut until the"
    " spring, after divers found cracks in three of the concrete piles that carry the road."
)
MORE = (
    "Fishing boats will moor at the southern quay meanwhile, and the ferry to the islands will"
    " leave from the old customs house, which the town has opened again for the winter."
)


def never_read():
    raise AssertionError("readability ran where its reading could not win")


def test_readability_is_not_run_when_the_page_has_no_room_for_a_longer_reading():
    """The page's text is the article and a short menu: no reading of it can be twice as long
    as trafilatura's, so readability is not asked."""
    page = fromstring(
        "<html><body><nav><a href='/'>Home</a> <a href='/news'>News</a></nav>"
        f"<article><h1>Pier shut</h1><p>{ARTICLE}</p><p>{MORE}</p></article></body></html>"
    )
    body = main_content(page, None, favor_precision=False, fast=True)
    assert body is not None
    assert readability_rather(page, body, never_read) is False


def test_trafilaturas_rule_takes_a_reading_twice_as_long_or_one_where_it_found_nothing():
    page = fromstring(f"<html><body><div><p>{ARTICLE}</p><p>{ARTICLE}</p></div></body></html>")
    short = fromstring(f"<body><p>{ARTICLE[:60]}</p></body>")
    same = fromstring(f"<body><p>{ARTICLE}</p><p>{ARTICLE}</p></body>")
    reading = Reading(f"{ARTICLE} {ARTICLE}", [("paragraph", ARTICLE), ("paragraph", ARTICLE)])
    assert readability_rather(page, None, lambda: reading) is True
    assert readability_rather(page, short, lambda: reading) is True
    assert readability_rather(page, same, lambda: reading) is False  # as long: trafilatura's stays
