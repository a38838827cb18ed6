"""The article's headline from the page's title: without the site's name or a section around it.

A page's `<title>` (and often its og:title) wraps the headline for search results and browser tabs:
"Star Wars Jedi: Fallen Order review - VG247", "Opinion | Is Football Violence a Crime?",
"LinkNaija | Nigeria's popular news platform: BREAKING NEWS: ...". The page itself shows the
headline bare, in a heading. So the title is cut to a heading of the page that it contains whole,
between separators; failing that, a site name at either end, behind a separator, is cut off. Both
read only what the page shows; no list of sites or sections is kept.

Which title is cut matters too. trafilatura takes a page's only h1 before its `<title>`, and a
blog's only h1 is often the blog's name ("Seth's Blog", with "Seth's Blog: The importance of going
first" in `<title>` and the post's headline in an h3), or a widget's heading that looks like a
title ("Newsletter subscription status"). So the page's own titles (its metadata title, then
`<title>`) are read for a heading first (`shown_headline`), and trafilatura's pick only after.
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable

WORD = re.compile(r"\w+")
# What stands between a headline and the name or section around it: a spaced bar, dash, bullet or
# guillemet, and before the headline also a colon ("Site: Headline"; "Headline: more" is a
# headline with a subtitle). What is cut must be shorter than the headline it leaves: a site's
# name or a section, not the rest of a headline whose first words are also a heading; but behind
# a bar (or guillemet) after the headline it may be longer: "Designer Interview: Rapson-Inc. |
# Hatch: The Design Public Blog" (Dragnet: 12 titles more found whole in the truth, 2 fewer).
SEPARATOR = re.compile(r"(?:\s[|\-–—·»«/:]|:)\s*$")
SEPARATOR_AFTER = re.compile(r"^\s*[|\-–—·»«/]\s")
BAR_AFTER = re.compile(r"^\s*[|«»]\s")
SITE_SPLIT = re.compile(r"\s[|\-–—·»«]\s")
QUOTES = " '\"‘’“”"
# A heading of one word ("Games", "Opinion") is a section label, not a headline.
MIN_HEADLINE_WORDS = 2


def headline(title: str, headings: Iterable[str], site_names: Iterable[str]) -> str:
    """`title` cut to the headline the page shows, or as it was when the page shows none."""
    for heading in sorted({h for h in headings if h}, key=len, reverse=True):
        if heading_inside(heading, title):
            return heading
    return without_site_name(title, site_names)


def shown_headline(
    titles: Iterable[str | None], headings: Iterable[str], site_names: Iterable[str] = ()
) -> str | None:
    """The first of `titles` that is a heading the page shows, or holds one between separators
    (then that heading); None when none does. Neither the title nor the heading may be the
    site's name: a blog's metadata title is often its name, shown as its masthead h1."""
    names = {key(name) for name in site_names if name}
    shown = sorted({h for h in headings if h and key(h) not in names}, key=len, reverse=True)
    for title in (t for t in titles if t and key(t) not in names):
        words = WORD.findall(folded(title))
        for heading in shown:
            if len(words) >= MIN_HEADLINE_WORDS and WORD.findall(folded(heading)) == words:
                return title if heading.isupper() and not title.isupper() else heading
            if heading_inside(heading, title) and not longer_heading_beside(heading, title, shown):
                return heading
    return None


def longer_heading_beside(heading: str, title: str, shown: list[str]) -> bool:
    """Whether `title` also holds a longer shown heading than `heading` (a blog's name before
    "» Blog Archive » 1,400 Rectangles", the post's own headline)."""
    key_title = f" {' '.join(WORD.findall(folded(title)))} "
    return any(
        len(other) > len(heading)
        and len(WORD.findall(other)) >= MIN_HEADLINE_WORDS
        and f" {' '.join(WORD.findall(folded(other)))} " in key_title
        for other in shown
    )


def heading_inside(heading: str, title: str) -> bool:
    """Whether `title` is `heading` with something more before or after it behind a separator
    (quotes, dashes and case may differ: the words must run the same)."""
    words = WORD.findall(folded(heading))
    if len(words) < MIN_HEADLINE_WORDS:
        return False
    found = re.search(r"\W*".join(map(re.escape, words)), folded(title))
    if found is None:
        return False
    before, after = folded(title)[: found.start()], folded(title)[found.end() :]
    extra = len(WORD.findall(before)) + len(WORD.findall(after))
    # quotes and brackets closing the headline ("Porn (Without the Soundtrack) | Autopia") are
    # its own, not what stands between it and a site name
    before, after = before.rstrip(QUOTES + "(["), after.lstrip(QUOTES + "?!.)]")
    shorter = extra < len(words) or BAR_AFTER.search(after) is not None
    return extra > 0 and shorter and set_off(before, after)


def set_off(before: str, after: str) -> bool:
    """Whether the words before and after a headline stand behind a separator."""
    return bool(
        (not WORD.search(before) or SEPARATOR.search(before))
        and (not WORD.search(after) or SEPARATOR_AFTER.search(after))
    )


def without_site_name(title: str, site_names: Iterable[str]) -> str:
    """The title without a leading or trailing part that is the site's name."""
    names = {key(name) for name in site_names if name and key(name)}
    parts = SITE_SPLIT.split(title)
    if len(parts) < 2 or not names:
        return title
    if key(parts[-1]) in names:
        return title[: title.rindex(parts[-1])].rstrip(" |-–—·»«")
    if key(parts[0]) in names:
        return title[len(parts[0]) :].lstrip(" |-–—·»«")
    return title


def site_names(source: str | None, host: str | None) -> list[str]:
    """The names a site goes by: its stated name ("SpaceNews.com" also as "SpaceNews") and its
    host's main label ("www.9to5mac.com": "9to5mac")."""
    names = [source or ""]
    if source and re.fullmatch(r"[\w-]+(\.[\w-]+)+", source):
        names.append(source.split(".")[0])
    if host:
        labels = host.casefold().removeprefix("www.").split(".")
        names.append(labels[-2] if len(labels) >= 2 else labels[0])
    return [name for name in names if name]


def folded(text: str) -> str:
    return unicodedata.normalize("NFKC", text).casefold()


def key(text: str) -> str:
    """A name as its letters and digits only: "The GiveWell Blog" -> "thegivewellblog"."""
    return "".join(WORD.findall(folded(text)))
