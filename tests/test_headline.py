"""Titles are the headline the page shows: no site name or section around it."""

from __future__ import annotations

import re

import pytest
from conftest import scrapinghub_html, shared_page

import cleaner
from cleaner.headline import headline, shown_headline, site_names


@pytest.mark.parametrize(
    ("prefix", "title"),
    [
        (
            "63db31",
            "Star Wars Jedi: Fallen Order review – shoots for the moon, lands among the stars",
        ),
        ("7ab16a", "Is Football Violence a Crime?"),  # <title> "Opinion | ..."
    ],
)
def test_the_title_is_the_headline_the_page_shows(prefix, title, scrapinghub):
    (page_id,) = [p for p in scrapinghub if p.startswith(prefix)]
    assert cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"]).title == title


def test_no_scrapinghub_title_ends_with_its_site_name(scrapinghub):
    """Before, 45 of the 181 titles carried a site name or section behind a separator."""
    suffixed = []
    for page_id, entry in scrapinghub.items():
        record = cleaner.clean(scrapinghub_html(page_id), url=entry["url"])
        parts = re.split(r"\s[|\-–—]\s", record.title or "")
        if len(parts) > 1 and record.source and parts[-1].casefold() in record.source.casefold():
            suffixed.append(record.title)
    assert suffixed == []


@pytest.mark.parametrize(
    ("title", "headings", "names", "expected"),
    [
        ("Opinion | Is It?  Yes", ["Is It? Yes"], [], "Is It? Yes"),
        (
            "LinkNaija | Top news: Kepa signs for Chelsea",
            ["Kepa signs for Chelsea"],
            [],
            "Kepa signs for Chelsea",
        ),
        # a heading that is only the first words of a headline with a subtitle is not the headline
        (
            "Generation HIV: Growing up under a shadow",
            ["Generation HIV"],
            [],
            "Generation HIV: Growing up under a shadow",
        ),
        # one word is a section label
        ("Games - Big sale today - IGN", ["Games"], ["IGN"], "Games - Big sale today"),
        (
            "MacBook sale at Amazon - 9to5Mac",
            [],
            site_names(None, "www.9to5mac.com"),
            "MacBook sale at Amazon",
        ),
        (
            "NASA adds five companies - SpaceNews.com",
            [],
            site_names("SpaceNews.com", None),
            "NASA adds five companies",
        ),
        # a dash inside a headline that names no site stays
        (
            "Take C.A.R.E. - comwrap auf der DMEXCO",
            [],
            ["Comwrap"],
            "Take C.A.R.E. - comwrap auf der DMEXCO",
        ),
        ("Plain headline", ["Other heading"], ["Site"], "Plain headline"),
    ],
)
def test_headline(title, headings, names, expected):
    assert headline(title, headings, names) == expected


@pytest.mark.parametrize(
    ("page_id", "title"),
    [
        # the blog's name is the page's only h1; <title> holds the post's h2 ("... «  Rand's Blog")
        ("102", "The Dangerous Hubris of the Startup World"),
        # <title> "Seth's Blog: The importance of going first"; the headline is an h3
        ("113", "The importance of going first"),
        # an h3 with "title" in its class ("Newsletter subscription status") is not the headline
        ("141", "WTF Weds: Staples In My Head"),
        # og:title "... | Autopia | Wired.com"; the page shows the headline in an h4
        ("R12", "Pure Space Shuttle Porn (Without the Cheesy Soundtrack)"),
    ],
)
def test_a_blog_title_is_the_post_not_the_blog(page_id, title):
    html, _ = shared_page("dragnet", page_id)
    assert cleaner.clean(html).title == title


@pytest.mark.parametrize(
    ("titles", "headings", "expected"),
    [
        # the metadata title is read first, then <title>
        (
            [None, "Seth's Blog: Why going first wins"],
            ["Seth's Blog", "Why going first wins"],
            "Why going first wins",
        ),
        (["Going first | Blog", "Other"], ["Going first"], "Going first"),
        # a title that is a heading is that heading, as the page shows it
        (["The “Big” Day"], ['The "Big" Day'], 'The "Big" Day'),
        (["Quiet Title Here"], ["QUIET TITLE HERE"], "Quiet Title Here"),
        # a heading with more words than the headline left around it is the site's name
        (
            ["danah boyd | apophenia » omg bodies are fascinating"],
            ["danah boyd | apophenia", "omg bodies are fascinating"],
            "omg bodies are fascinating",
        ),
        # behind a bar, a site's name may be longer than the headline it follows
        (
            ["Designer Interview: Rapson-Inc.  | Hatch: The Design Public® Blog"],
            ["Follow Us!", "Designer Interview: Rapson-Inc."],
            "Designer Interview: Rapson-Inc.",
        ),
        # ... but a heading after a bar is not the headline for being shorter than what leads
        (["Chewy Treats for a Storm | Sticky Gooey"], ["Sticky Gooey"], None),
        # nor one beside a longer heading in the title (WordPress: "Blog » Blog Archive » Post")
        (["dy/dan » Blog Archive » 1,400 Rectangles"], ["dy/dan", "1,400 Rectangles"], None),
        # one word, or none, is no headline
        (["Ball"], ["Ball"], None),
        ([" - "], ["***"], None),
        (["Nothing shown"], ["Another heading"], None),
        ([None, ""], ["Heading"], None),
    ],
)
def test_shown_headline(titles, headings, expected):
    assert shown_headline(titles, headings) == expected


@pytest.mark.parametrize(
    ("titles", "headings", "expected"),
    [
        # a blog whose metadata title is its name, shown as its masthead (Dragnet R738)
        (
            ["Ed Brill", "Ed Brill - New IBM study: social business"],
            ["Ed Brill", "New IBM study: social business"],
            "New IBM study: social business",
        ),
        # the site's name before a bar is not the headline, however long what follows
        (["Sticky Gooey | Chewy Treats for a Storm"], ["Sticky Gooey"], None),
    ],
)
def test_the_sites_name_is_not_the_headline(titles, headings, expected):
    assert shown_headline(titles, headings, ["Ed Brill", "Sticky Gooey"]) == expected
