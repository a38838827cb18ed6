"""Embedded posts out of the wrappers that would have them discarded, before extraction.

A tweet quoted in a story is article text: the scrapinghub truth keeps the embedded tweets on all
9 pages that have them. Twitter's markup is a `<blockquote class="twitter-tweet">`, which
trafilatura keeps; but a CMS often puts it in a wrapper whose class names read as share buttons or
widgets (`social-media-embed` on nj.com, `sdc-article-widget` on sky.com), and trafilatura drops
the wrapper with the tweet in it. A wrapper that holds nothing but the post gives way to the post.
"""

from __future__ import annotations

from lxml.html import HtmlElement

EMBED_CLASSES = frozenset({"twitter-tweet", "instagram-media"})
# Wrappers are unwrapped up to this many levels (sky.com nests the tweet three deep); none is
# ever the page's body or its article.
MAX_WRAPPER_DEPTH = 4
WRAPPERS = frozenset({"div", "figure", "section", "aside", "span", "p"})


def unwrap_embeds(tree: HtmlElement | None) -> int:
    """Put each embedded post in the place of the wrappers that hold only it; how many moved."""
    if tree is None:
        return 0
    posts = [
        quote
        for quote in tree.iter("blockquote")
        if EMBED_CLASSES.intersection((quote.get("class") or "").split())
    ]
    moved = 0
    for post in posts:
        wrapper = outermost_wrapper(post)
        if wrapper is not post:
            post.tail = wrapper.tail
            wrapper.getparent().replace(wrapper, post)
            moved += 1
    return moved


def outermost_wrapper(post: HtmlElement) -> HtmlElement:
    """The highest ancestor (a few levels at most) whose only text is the post's."""
    text = words(post)
    outer = post
    for _ in range(MAX_WRAPPER_DEPTH):
        parent = outer.getparent()
        if parent is None or parent.tag not in WRAPPERS or words(parent) != text:
            break
        outer = parent
    return outer


def words(element: HtmlElement) -> list[str]:
    return element.text_content().split()
