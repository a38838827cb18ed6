"""Titles are the headline the page shows: no site name or section around it."""

from __future__ import annotations

import re

import pytest
from conftest import scrapinghub_html

import cleaner
from cleaner.headline import headline, site_names


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
