"""Hover cards: the pop-up a page keeps inside a sentence, taken out before extraction.

Some sites put a card beside a linked name, shown on hover (thehill.com: a photo, the name again
and links to the person's latest stories in `span.rollover-block`). It is hidden by CSS, which the
extractor does not see, so the card's text ran into the sentence ("Rep. Ilhan OmarIlhan
OmarHillicon Valley: ..."). The card is the innermost span named as a tooltip, popover, hover card
or rollover that holds a link or an image; its wrapper, which also holds the visible link, stays.
A span so named that holds only words (a glossary term) stays: it may be the visible word itself.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement

from cleaner.record import Removal
from cleaner.segment_text import collapse

RULE = "html.hover-card"
REASON = "a pop-up card shown on hover, hidden on the page, not article text"
CARD_CLASS = re.compile(r"(?i)tooltip|popover|hover-?card|rollover")


def drop_hover_cards(tree: HtmlElement | None) -> list[Removal]:
    """Remove the hover cards from `tree`, in place; a removal for each that had text."""
    if tree is None:
        return []
    named = [span for span in tree.iter("span") if CARD_CLASS.search(span.get("class") or "")]
    cards = [span for span in named if is_card(span)]
    removed = []
    for card in cards:
        text = collapse(card.text_content())
        if text:
            removed.append(Removal(text, RULE, "drop", REASON, None))
        card.drop_tree()
    return removed


def is_card(span: HtmlElement) -> bool:
    """The innermost span so named, holding a link or an image."""
    inner = (s for s in span.iterdescendants("span") if CARD_CLASS.search(s.get("class") or ""))
    return next(inner, None) is None and next(span.iter("a", "img"), None) is not None
