"""Hidden elements: what the page itself marks as not shown, taken out before extraction.

A page can carry text that readers never see: an element with the `hidden` attribute, or an
inline style of `display: none` or `visibility: hidden` (a second copy of a block for another
screen size, a template, a closed dialog). trafilatura reads the markup, not the styles, so that
text reached the body, and its fallbacks chose a candidate for it (on a page hiding two copies of
its paragraphs, the body was three times the article). Readability.js and readability-lxml 0.9
drop such elements for the same reason. Only what the markup itself says counts: a class that a
style sheet hides is not seen here.

Each hidden element with text is one removal in the audit trail, so nothing leaves unseen.
"""

from __future__ import annotations

from lxml.html import HtmlElement

from cleaner.record import Removal
from cleaner.segment_text import collapse, word_total

RULE = "html.hidden"
REASON = "marked hidden on the page (hidden attribute, display:none, visibility:hidden)"
# Letter case and white space inside the style are ignored ("display : None"): translate()
# lowers the letters and deletes the white space, which has no counterpart in its third argument.
# It runs only on elements that have a style (half the time of running it on every element).
_STYLE = 'translate(@style, "ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\r\n", "abcdefghijklmnopqrstuvwxyz")'
HIDDEN_XPATH = (
    f"//body//*[@hidden or (@style and (contains({_STYLE}, 'display:none')"
    f" or contains({_STYLE}, 'visibility:hidden')))]"
)


# A page hidden whole until its scripts have loaded (a loader's display:none on the wrapper of
# everything) is not a page with hidden extras: when the hidden elements hold this share of the
# body's words, none of them is dropped. A bound chosen before measuring; on the four benchmark
# sets the largest share is 0.75 (a hotel page with four closed panels), and most are under 0.5.
WHOLE_PAGE_SHARE = 0.9


def drop_hidden(tree: HtmlElement | None) -> list[Removal]:
    """Remove the hidden elements from `tree`, in place; a removal for each one with text."""
    if tree is None:
        return []
    hidden = outermost(tree.xpath(HIDDEN_XPATH))
    texts = [collapse(" ".join(element.itertext())) for element in hidden]  # blocks apart
    if is_whole_page(tree, texts):
        return []
    for element in hidden:
        element.drop_tree()
    return [Removal(text, RULE, "drop", REASON, None) for text in texts if text]


def outermost(elements: list[HtmlElement]) -> list[HtmlElement]:
    """The elements that are not inside another of them (a hidden one goes with its ancestor)."""
    marked = set(elements)
    return [e for e in elements if not any(a in marked for a in e.iterancestors())]


def is_whole_page(tree: HtmlElement, hidden_texts: list[str]) -> bool:
    """Whether the hidden texts hold `WHOLE_PAGE_SHARE` of the body's words. The body's words
    are counted text by text, and the count stops once the share can no longer be reached: on
    most pages, long before the end of the body."""
    hidden_words = word_total(hidden_texts)
    if not hidden_words:
        return False
    body = tree.find(".//body")
    words = 0
    for text in (body if body is not None else tree).itertext():
        words += len(text.split())
        if WHOLE_PAGE_SHARE * words > hidden_words:
            return False
    return True
