"""Tell HTML from Markdown from plain text, from the text alone."""

from __future__ import annotations

import re
from typing import Literal

Kind = Literal["html", "text", "markdown"]

HTML_START = re.compile(r"^\s*(?:<!doctype html|<html\b|<\?xml[^>]*>\s*<html\b)", re.I)
HTML_TAG = re.compile(
    r"</?(?:html|head|body|div|p|span|article|section|a|br|meta|script|table)\b[^>]*>", re.I
)
MARKDOWN_LINE = re.compile(
    r"^(?:#{1,6}\s+\S|>\s|\s{0,3}[-*+]\s+\S|\s{0,3}\d+[.)]\s+\S|```|\|.*\|\s*$)", re.M
)
MARKDOWN_INLINE = re.compile(r"\[[^\]\n]+\]\([^)\s]*\)|\*\*[^*\n]+\*\*|<https?://[^>\s]+>")
SNIFF_CHARS = 20_000
# Tags per 1,000 characters above which text that does not start like a page is still HTML.
HTML_TAG_DENSITY = 2.0
# Markdown signals (structure lines plus inline links/emphasis) that make text without a `#`
# heading Markdown; plain text has the odd dash bullet, rarely three Markdown constructs.
MARKDOWN_MIN_SIGNALS = 3


def sniff(text: str) -> Kind:
    """Classify the input; Markdown needs headings, links or emphasis that plain text lacks."""
    head = text[:SNIFF_CHARS]
    if HTML_START.match(head):
        return "html"
    if head and len(HTML_TAG.findall(head)) * 1000 / len(head) >= HTML_TAG_DENSITY:
        return "html"
    heading = re.search(r"^#{1,6}\s+\S", head, re.M) is not None
    signals = len(MARKDOWN_LINE.findall(head)) + len(MARKDOWN_INLINE.findall(head))
    if heading or signals >= MARKDOWN_MIN_SIGNALS:
        return "markdown"
    return "text"
