"""Paywalls read off the page: schema.org declarations set `paywalled`, a prompt in place of the
rest of the article sets `truncated`; both are explained in the audit trail."""

from __future__ import annotations

import pytest
from conftest import scrapinghub_html

import cleaner

# scrapinghub pages, by id prefix
WSJ = "042bb7b5feda"  # JSON-LD false, hasPart .paywall absent, "To Read the Full Story" shown
NYT = "04a6711caa7c"  # microdata content="false", the .meteredContent section is on the page
LATIMES = "098bb3e96c0a"  # JSON-LD "False" in hasPart, the .paywall section is on the page
WIRED = "2f42ef1d3ea0"  # the prompt is only in a script template, not on the page
WDAY = "3c6d3381ef52"  # microdata content="true"
NATIONAL_REVIEW = "f5c90a6d5253"  # isAccessibleForFree: "" (says nothing)

ARTICLE = " ".join(["The council met on Tuesday and voted on the new budget for the city."] * 8)
LATER = " ".join(["Residents will see higher fees for parking and waste from next spring."] * 8)


def clean_page(prefix: str, scrapinghub: dict) -> cleaner.Article:
    (page_id,) = [p for p in scrapinghub if p.startswith(prefix)]
    return cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])


def page(head: str = "", body: str = "") -> str:
    return (
        f"<html><head><title>Budget vote</title>{head}</head><body><article><h1>Budget vote</h1>"
        f"<p>{ARTICLE}</p><p>{LATER}</p>{body}</article></body></html>"
    )


def json_ld(data: str) -> str:
    return f'<script type="application/ld+json">{data}</script>'


def rules_of(article: cleaner.Article) -> dict[str, tuple[str, str]]:
    return {r.rule: (r.action, r.text) for r in article.removed if r.rule.startswith("paywall.")}


def test_a_cut_off_page_is_paywalled_and_truncated_and_its_prompt_leaves_the_body(scrapinghub):
    article = clean_page(WSJ, scrapinghub)
    assert article.paywalled and article.truncated
    assert rules_of(article) == {
        "paywall.schema-org": (
            "flag:paywalled",
            "isAccessibleForFree: false (paywalled part: .paywall)",
        ),
        "paywall.prompt": ("flag:truncated", "To Read the Full Story Subscribe Sign In"),
    }
    assert "Read the Full Story" not in article.text


@pytest.mark.parametrize("prefix", [NYT, LATIMES, WIRED])
def test_a_declared_paywall_whose_article_is_on_the_page_is_not_truncated(prefix, scrapinghub):
    article = clean_page(prefix, scrapinghub)
    assert article.paywalled and not article.truncated
    assert list(rules_of(article)) == ["paywall.schema-org"]
    assert len(article.text.split()) > 500


@pytest.mark.parametrize("prefix", [WDAY, NATIONAL_REVIEW])
def test_a_page_declared_free_or_saying_nothing_is_not_paywalled(prefix, scrapinghub):
    article = clean_page(prefix, scrapinghub)
    assert not article.paywalled and not article.truncated
    assert rules_of(article) == {}


@pytest.mark.parametrize(
    "markup",
    [
        json_ld('{"@type": "NewsArticle", "isAccessibleForFree": false}'),
        json_ld('{"@graph": [{"@type": "NewsArticle", "isAccessibleForFree": "False"}]}'),
        json_ld('{"hasPart": [{"@type": "WebPageElement", "isAccessibleForFree": "false"}]}'),
        '<meta itemprop="isAccessibleForFree" content="False">',
    ],
)
def test_every_way_of_declaring_not_free_sets_paywalled(markup):
    article = cleaner.clean(page(head=markup))
    assert article.paywalled and not article.truncated
    assert ARTICLE in article.text and LATER in article.text


def test_broken_json_ld_is_ignored():
    article = cleaner.clean(page(head=json_ld('{"isAccessibleForFree": false,')))
    assert not article.paywalled


def test_a_prompt_after_an_empty_declared_section_means_truncated():
    declared = json_ld('{"hasPart": {"isAccessibleForFree": false, "cssSelector": ".locked"}}')
    prompt = '<div class="locked"></div><div class="gate"><p>Subscribe to continue reading</p>'
    article = cleaner.clean(page(head=declared, body=prompt + "<a>Sign in</a></div>"))
    assert article.paywalled and article.truncated
    assert rules_of(article)["paywall.prompt"] == (
        "flag:truncated",
        "Subscribe to continue reading Sign in",
    )
    assert "continue reading" not in article.text


def test_a_prompt_in_a_long_paragraph_is_article_text():
    sentence = "Critics said readers had to subscribe to continue reading the paper's coverage."
    article = cleaner.clean(page(body=f"<p>{sentence} {ARTICLE}</p>"))
    assert not article.paywalled and not article.truncated
    assert sentence in article.text
