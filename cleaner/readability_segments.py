"""Readability's reading of a page, with the article's other segments merged into it.

trafilatura ships a fork of readability-lxml (`trafilatura.readability_lxml`) that keeps the
best-scored element and those of its siblings that score well. A blog index, or an article
split by the page into several segments with the same class ("entry-body" after "entry-body",
each in its own wrapper), has its segments in different parents: the fork reads the first one
and misses the rest. readability-lxml 0.9 added `Document.merge_article_segments`, which moves
such segments into the best element before the siblings are read. cleaner cannot depend on
readability-lxml 0.9 (it pins chardet<6, cleaner decodes with chardet 7, so pip resolves 0.8.4.1,
which lacks it), so that step is adapted here onto trafilatura's fork, with 0.9's choice of the
best element: one the page marks as the article's body (itemprop="articleBody") first. Adapted from
readability-lxml 0.9, `readability/readability.py` (Copyright Yuri Baburov and contributors,
Apache License 2.0); changed: it reads trafilatura's `Candidate` objects, is split into small
functions, and never takes a quote lead that holds the best element (0.9 then fails: an element
cannot go inside itself). This file stays under the Apache License 2.0
(https://www.apache.org/licenses/LICENSE-2.0), as trafilatura's fork of readability does.
"""

from __future__ import annotations

import logging

from lxml.html import HtmlElement
from trafilatura.readability_lxml import REGEXES, Candidate, Document
from trafilatura.utils import fromstring_bytes

from cleaner.segment_text import collapse

LOGGER = logging.getLogger(__name__)

# Class names that say "content" (readability's positive pattern, trafilatura's copy of it).
CONTENT_CLASS = REGEXES["positiveRe"]
# A segment is merged only when under this share of its text is link text (readability's bound).
SEGMENT_MAX_LINK_DENSITY = 0.2
# An element marked as the article's body is chosen only when under this share of its text is
# link text (readability-lxml 0.9's bound).
ARTICLE_BODY_MAX_LINKS = 0.1


def read_page(tree: HtmlElement) -> HtmlElement:
    """Readability's summary of `tree` (which it mutates) with the article's segments merged;
    an empty element when readability fails, as trafilatura's `try_readability` gives."""
    try:
        summary = fromstring_bytes(SegmentedDocument(tree, min_text_length=25).summary())
    except Exception as error:  # the fork can fail on odd trees: trafilatura logs it the same way
        LOGGER.warning("readability failed: %s: %s", type(error).__name__, error)
        return HtmlElement()
    return summary if summary is not None else HtmlElement()


class SegmentedDocument(Document):
    """trafilatura's readability, which also takes the best element's matching segments."""

    __slots__ = ()

    def select_best_candidate(self, candidates: dict[HtmlElement, Candidate]) -> Candidate | None:
        """The best-scored element, but one the page marks as the article's body first
        (itemprop="articleBody", schema.org) when it is not mostly links, as readability-lxml
        0.9 chooses. (0.9 then prefers an <article> inside the choice; here that read a teaser
        list on a scrapinghub page, -0.33 F1, and changed no other page: not taken.)"""
        marked = [
            c
            for c in candidates.values()
            if is_article_body(c.elem) and self.get_link_density(c.elem) <= ARTICLE_BODY_MAX_LINKS
        ]
        return max(marked or candidates.values(), key=lambda c: c.score, default=None)

    def get_article(
        self, candidates: dict[HtmlElement, Candidate], best_candidate: Candidate
    ) -> HtmlElement:
        """Move the other segments into the best element, then read it with its siblings."""
        sibling_threshold = max(10, best_candidate.score * 0.2)
        before, after = article_segments(self, candidates, best_candidate, sibling_threshold)
        for segment in reversed(before):
            best_candidate.elem.insert(0, segment)
        for segment in after:
            best_candidate.elem.append(segment)
        return super().get_article(candidates, best_candidate)


def article_segments(
    document: Document,
    candidates: dict[HtmlElement, Candidate],
    best: Candidate,
    sibling_threshold: float,
) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The segments of the article found before and after the best element, in page order.

    A segment is a scored element with the best element's tag, not its sibling (those are read
    anyway) nor its ancestor or descendant, under a fifth of link text, inside the same frame
    (the `article` or `main` around the best element, else the nearest ancestor around another
    segment whose class or id says content, or the body), and sharing the best element's content
    classes. When the best element's classes say nothing of content: if it sits in an `article`,
    a segment has all its classes, at a lower score; if it is an `article` itself, so is a
    segment, at any score, under a parent sharing a class with the best element's parent;
    otherwise there are none."""
    elem = best.elem
    classes = class_set(elem)
    content_classes = {name for name in classes if CONTENT_CLASS.search(name)}
    frame = next((a for a in elem.iterancestors() if a.tag in ("article", "main")), None)
    neutral = (
        not content_classes
        and elem.tag != "article"
        and bool(classes)
        and frame is not None
        and frame.tag == "article"
    )
    if not content_classes and elem.tag != "article" and not neutral:
        return [], []
    threshold = max(10, best.score * 0.05) if neutral else sibling_threshold
    parent = elem.getparent()
    parent_classes = class_set(parent) if parent is not None else set()
    ancestors = set(elem.iterancestors())

    def is_segment(other: HtmlElement) -> bool:
        classless_article = not content_classes and other.tag == "article"
        if candidates[other].score < threshold and not classless_article:
            return False
        if other is elem or other.getparent() is parent or other.tag != elem.tag:
            return False
        if content_classes and not content_classes & class_set(other):
            return False
        if neutral and class_set(other) != classes:
            return False
        if classless_article and not parent_classes & class_set(other.getparent()):
            return False
        if other in ancestors or any(a is elem for a in other.iterancestors()):
            return False
        return document.get_link_density(other) <= SEGMENT_MAX_LINK_DENSITY

    segments = [other for other in candidates if is_segment(other)]
    if frame is None:
        frame = segment_frame(elem, segments)
    if frame is None:
        return [], []
    return segments_in(frame, elem, set(segments), document.min_text_length)


def segment_frame(elem: HtmlElement, segments: list[HtmlElement]) -> HtmlElement | None:
    """The nearest ancestor of `elem` around a segment whose class or id says content, or the
    body: readability-lxml sets the body's id to "readabilityBody", which its content pattern
    matches (on CleanEval, 4 pages of posts laid out in tables gained)."""
    around = {a for segment in segments for a in segment.iterancestors()}
    return next(
        (
            a
            for a in elem.iterancestors()
            if a in around
            and (a.tag == "body" or CONTENT_CLASS.search(f"{a.get('class', '')} {a.get('id', '')}"))
        ),
        None,
    )


def segments_in(
    frame: HtmlElement, best_elem: HtmlElement, segments: set[HtmlElement], min_text_length: int
) -> tuple[list[HtmlElement], list[HtmlElement]]:
    """The frame's segments (each with the quote lead that introduces it) before and after the
    best element; a segment inside one already taken is not taken again, nor a lead that holds
    the best element (it cannot go inside itself)."""
    best_and_above = {best_elem, *best_elem.iterancestors()}
    taken: set[HtmlElement] = set()
    before: list[HtmlElement] = []
    after: list[HtmlElement] = []
    past_best = False
    for elem in frame.iter():
        if elem is best_elem:
            past_best = True
            continue
        if elem not in segments or taken & set(elem.iterancestors()):
            continue
        taken.add(elem)
        group = after if past_best else before
        lead = quote_lead(elem, min_text_length)
        if lead is not None and lead not in best_and_above:
            taken.add(lead)
            group.append(lead)
        group.append(elem)
    return before, after


def quote_lead(segment: HtmlElement, min_text_length: int) -> HtmlElement | None:
    """The line before a segment that quotes ("... wrote:" above a blockquote), not in an aside
    or a nav."""
    if not segment.findall(".//blockquote"):
        return None
    for container in (segment, segment.getparent()):
        lead = container.getprevious() if container is not None else None
        if lead is None or lead.xpath("ancestor-or-self::aside | ancestor-or-self::nav"):
            continue
        text = collapse(lead.text_content() or "")
        if len(text) >= min_text_length and text.endswith(":"):
            return lead
    return None


def class_set(elem: HtmlElement) -> set[str]:
    """The element's class names."""
    return set((elem.get("class") or "").split())


def is_article_body(elem: HtmlElement) -> bool:
    """The element is marked as the article's body (schema.org microdata)."""
    return "articleBody" in (elem.get("itemprop") or "").split()
