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
from cleaner.segment_text import collapse

RULE = "html.hidden"
REASON = "marked hidden on the page (hidden attribute, display:none, visibility:hidden)"
# Letter case and white space inside the style are ignored ("display : None"): translate()
# lowers the letters and deletes the white space, which has no counterpart in its third argument.
_STYLE = 'translate(@style, "ABCDEFGHIJKLMNOPQRSTUVWXYZ \t\r\n", "abcdefghijklmnopqrstuvwxyz")'
HIDDEN_XPATH = (
    f"//body//*[@hidden or contains({_STYLE}, 'display:none')"
    f" or contains({_STYLE}, 'visibility:hidden')]"
)


def drop_hidden(tree: HtmlElement | None) -> list[Removal]:
    """Remove the hidden elements from `tree`, in place; a removal for each one with text."""
    if tree is None:
        return []
    hidden = tree.xpath(HIDDEN_XPATH)
    marked = set(hidden)
    removed = []
    for element in hidden:
        if any(ancestor in marked for ancestor in element.iterancestors()):
            continue  # goes with its hidden ancestor
        text = collapse(" ".join(element.itertext()))  # its blocks apart, as paywall.py reads
        if text:
            removed.append(Removal(text, RULE, "drop", REASON, None))
        element.drop_tree()
    return removed
