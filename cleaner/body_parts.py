"""An article body that the page splits into parts, joined again before extraction.

Some templates cut the body into several containers of one class, with an ad or a newsletter box
in between (wired.com: two `article__body` blocks, each in its own grid row). trafilatura takes
the first container its body XPaths find and stops there, so everything after the first ad was
lost (on the two wired.com pages of scrapinghub, recall 0.35 and 0.45). The later parts are moved
into the first, in page order, so trafilatura reads the whole body from the container it chose.

Parts are only joined within one `<article>` element: a listing page, or a page that appends the
next story, has a body container of the same class in each story's own `<article>`.
"""

from __future__ import annotations

import re

from lxml.html import HtmlElement
from trafilatura.xpaths import BODY_XPATH

# Class names of an article body container, as trafilatura's first body XPath has them. Checked on
# every page first: a class that two containers share is rare (10 of 181 scrapinghub pages), so
# trafilatura's XPaths (1.3 ms a page) run again only for those (0.3 ms a page in all).
BODY_CLASS = re.compile(
    r"post[-_]text|post-body|post-?entry|post[-_]?content|postContent|article-?text|articleText"
    r"|(?:entry|page|text|article|art)-content|article__content|article(?:-|__)?body|articleBody"
    r"|ArticleContent|body-text|article__container"
)
CONTAINERS = ("div", "section", "article", "main")


def join_body_parts(tree: HtmlElement | None) -> int:
    """Move the later parts of a split body into its first part, in place; how many were moved."""
    if tree is None or not repeated_body_class(tree):
        return 0
    found = body_candidates(tree)
    if len(found) < 2:
        return 0
    first = found[0]
    article = next(first.iterancestors("article"), None)
    if article is None:
        return 0
    parts = [
        part
        for part in found[1:]
        if same_container(first, part) and next(part.iterancestors("article"), None) is article
    ]
    for part in parts:
        move_content(part, first)
    return len(parts)


def repeated_body_class(tree: HtmlElement) -> bool:
    """Whether two containers share a class attribute that names an article body."""
    seen: set[str] = set()
    for element in tree.iter(CONTAINERS):
        name = element.get("class")
        if name and BODY_CLASS.search(name):
            if name in seen:
                return True
            seen.add(name)
    return False


def body_candidates(tree: HtmlElement) -> list[HtmlElement]:
    """What the first of trafilatura's body XPaths that finds anything finds, in page order."""
    for expr in BODY_XPATH:
        if found := expr(tree):
            return found
    return []


def same_container(first: HtmlElement, other: HtmlElement) -> bool:
    return (
        other.tag == first.tag
        and other.get("class") == first.get("class")
        and other.get("id") == first.get("id")
        and first not in other.iterancestors()
        and other not in first.iterancestors()
    )


def move_content(part: HtmlElement, into: HtmlElement) -> None:
    """Append `part`'s text and children to `into` and take `part` out of the page."""
    if part.text and part.text.strip():
        if len(into):
            into[-1].tail = (into[-1].tail or "") + part.text
        else:
            into.text = (into.text or "") + part.text
    for child in list(part):
        into.append(child)
    part.drop_tree()
