"""Small posts: trafilatura keeps what stands around a short post, readability the post."""

from __future__ import annotations

import pytest
from conftest import shared_page

import cleaner
from cleaner.record import Block
from cleaner.segment_html import SHORT_BODY_MAX_CHARS, Reading, readability_narrower

POST = "Happy Friday! We love this inspiration board and are excited to celebrate this weekend."
ABOUT = (
    "If you see an image we have not linked or given credit to, please let us know so we can"
    " give proper credit to its owner."
)


def blocks(*texts: str) -> list[Block]:
    return [Block("paragraph", text, i) for i, text in enumerate(texts)]


def reading_of(*texts: str) -> Reading:
    return Reading(" ".join(texts), [("paragraph", text) for text in texts])


@pytest.mark.parametrize(
    ("page_id", "truth_start"),
    [
        # a wedding blog's one-line post; trafilatura adds the image-credit notice and "about us"
        ("R1", "Happy Friday!"),
        # a baby's birth announced in one line, above a comment form and the author's bio
        ("R988", "Max Jacob Newport."),
    ],
)
def test_a_small_post_is_read_alone(page_id, truth_start):
    html, truth = shared_page("dragnet", page_id)
    record = cleaner.clean(html)
    assert record.text == truth.split("\n")[-1]  # the truth's first line, if two, is the title
    assert record.text.startswith(truth_start)
    assert record.input.extraction == "readability"


def test_a_reading_elsewhere_on_the_page_is_not_taken():
    # Poynter's front pages: trafilatura's short body is the article; readability reads a
    # different part of the page (a caption under a front page)
    html, _ = shared_page("dragnet", "R589")
    record = cleaner.clean(html)
    assert record.input.extraction == "trafilatura"
    assert record.text.startswith("Photography dominated most of today’s front pages")


def test_the_post_inside_a_short_body_is_taken():
    assert readability_narrower(blocks(POST, ABOUT), lambda: reading_of(POST)) == blocks(POST)


@pytest.mark.parametrize(
    "reading",
    [
        reading_of(POST, ABOUT),  # the same body
        reading_of(POST, ABOUT.rsplit(" ", 4)[0]),  # most of it: not worth a switch
        reading_of("An entirely different story about a council vote and an old bridge."),
        reading_of(),
    ],
)
def test_a_reading_that_does_not_narrow_the_body_is_not_taken(reading):
    assert readability_narrower(blocks(POST, ABOUT), lambda: reading) == []


def test_a_long_body_is_not_narrowed():
    long_body = blocks(POST, ABOUT * (SHORT_BODY_MAX_CHARS // len(ABOUT) + 1))
    asked = []
    assert readability_narrower(long_body, lambda: asked.append(1) or reading_of(POST)) == []
    assert asked == []  # readability is not run for it
