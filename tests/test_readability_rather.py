"""trafilatura's fast mode, compared with readability's reading by trafilatura's own rule (the
forum threads it keeps whole are in test_html.py)."""

from __future__ import annotations

from typing import NoReturn

import pytest
from lxml.html import fromstring

from cleaner.segment_html import Reading, collapsed_text, main_content, readability_rather

ARTICLE = (
    "The harbour authority said on Monday that the northern pier would stay shut until the"
    " spring, after divers found cracks in three of the concrete piles that carry the road."
)
MORE = (
    "Fishing boats will moor at the southern quay meanwhile, and the ferry to the islands will"
    " leave from the old customs house, which the town has opened again for the winter."
)
# A page with room for a reading much longer than any body below.
LONG_PAGE = fromstring(f"<html><body>{f'<div><p>{ARTICLE}</p></div>' * 12}</body></html>")


def never_read() -> NoReturn:
    raise AssertionError("readability ran where its reading could not win")


def reading_of(text: str) -> Reading:
    return Reading(text, [("paragraph", text)])


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


def test_a_body_without_paragraphs_is_compared_even_where_the_page_has_no_room():
    page = fromstring(f"<html><body><ul><li>{ARTICLE}</li><li>{MORE}</li></ul></body></html>")
    listed = fromstring(f"<body><list><item>{ARTICLE}</item><item>{MORE}</item></list></body>")
    with pytest.raises(AssertionError, match="readability ran"):
        readability_rather(page, listed, never_read)


@pytest.mark.parametrize(
    ("body_html", "reading", "taken"),
    [
        (None, ARTICLE, True),  # trafilatura found nothing
        (f"<body><p>{ARTICLE[:60]}</p></body>", ARTICLE, True),  # more than twice as long
        (f"<body><p>{ARTICLE}</p></body>", f"{ARTICLE} {MORE[:60]}", False),  # not twice
        (f"<body><p>{ARTICLE}</p></body>", "", False),  # readability read nothing
        (f"<body><p>{ARTICLE}</p></body>", ARTICLE[:40], False),  # trafilatura's is longer
        (f"<body><p>{ARTICLE[:60]}</p></body>", "{" + ARTICLE + "}", False),  # raw JSON
        # no paragraph text: a reading over 500 characters is taken even if not twice as long
        (f"<body><list><item>{ARTICLE} {MORE}</item></list></body>", ARTICLE * 4, True),
        (f"<body><list><item>{ARTICLE} {MORE}</item></list></body>", ARTICLE * 2, False),
        # more tables than paragraphs: the same
        (f"<body><table><row><cell>{ARTICLE}</cell></row></table></body>", ARTICLE * 4, True),
    ],
)
def test_trafilaturas_rule(body_html: str | None, reading: str, taken: bool):
    body = None if body_html is None else fromstring(body_html)
    assert readability_rather(LONG_PAGE, body, lambda: reading_of(reading)) is taken


def test_the_rules_lengths_are_of_the_text_with_whitespace_collapsed():
    body = fromstring(f"<body><p>  {ARTICLE}\n\n</p></body>")
    assert collapsed_text(body) == ARTICLE
