"""Paragraphs the page shows more than once: the copies trafilatura drops, put back.

trafilatura deletes a paragraph of over 50 characters that repeats the one before it in its
output, to undo its own artifacts (two overlapping candidates, a recovered element taken twice).
A paragraph that the page itself repeats goes too (also when a widget it drops stood between the
copies), and the body then says less than the page: a refrain, a repeated notice, a test page of
copied filler text. The page decides here: where sibling elements of the page hold the same text,
the body keeps as many copies as the page has under one parent, the missing ones placed after
the first. Copies in different containers (a teaser in a sidebar, a second
rendering for another screen) are not counted, so this never adds what trafilatura chose not to
take; it only restores the count of what it took.
"""

from __future__ import annotations

from collections import Counter

from lxml import etree
from lxml.html import HtmlElement

from cleaner.record import BlockKind
from cleaner.segment_text import collapse

# trafilatura's bound (`settings.MIN_DUPLICATE_LENGTH`): a repeat this short is left alone by it.
MIN_REPEAT_CHARS = 50


def page_repeats(tree: HtmlElement | None) -> dict[str, int]:
    """Text -> the most copies of it among the children of one element, for texts the page
    repeats; empty for almost every page."""
    if tree is None:
        return {}
    long_leads = _long_leading_text(tree)
    # Copies from one template under one parent share their leading text as written, white
    # space included: comparing it raw saves collapsing every paragraph's white space.
    by_lead = Counter((el.getparent(), el.text) for el in long_leads)
    repeated_leads = {key for key, count in by_lead.items() if count > 1}
    if not repeated_leads:
        return {}
    copies: Counter[tuple[HtmlElement, str]] = Counter()
    for el in long_leads:
        parent = el.getparent()
        if (parent, el.text) in repeated_leads:
            copies[parent, collapse(el.text_content())] += 1
    most: dict[str, int] = {}
    for (_, text), count in copies.items():
        if count > 1:
            most[text] = max(count, most.get(text, 0))
    return most


def _long_leading_text(tree: HtmlElement) -> list[HtmlElement]:
    """The body's elements whose own leading text is longer than `MIN_REPEAT_CHARS`: a cheap
    first pass (0.3 ms a page; an XPath test of each element's text took longer) past the many
    short or empty ones. A paragraph that opens with a link or bold text is missed; that leaves
    trafilatura's output as it was."""
    body = tree.find("body")
    return [
        el
        for el in (tree if body is None else body).iter(etree.Element)
        if el.text and len(el.text) > MIN_REPEAT_CHARS
    ]


def restore_repeats(
    pieces: list[tuple[BlockKind, str]], repeats: dict[str, int]
) -> list[tuple[BlockKind, str]]:
    """`pieces` with the copies of a repeated text that they lack (as many as the page has under
    one parent, less those already there) placed after its first copy."""
    if not repeats:
        return pieces
    have = Counter(text for _, text in pieces if text in repeats)
    out: list[tuple[BlockKind, str]] = []
    for kind, text in pieces:
        out.append((kind, text))
        lacking = repeats.get(text, 0) - have.get(text, 0)
        if lacking > 0:
            out.extend([(kind, text)] * lacking)
            have[text] += lacking
    return out
