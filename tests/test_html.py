"""HTML pages: trafilatura's main content as blocks, page metadata, selector rules on the DOM."""

from __future__ import annotations

import pytest
from conftest import scrapinghub_html, shared_page

import cleaner
from cleaner.schema import validate_record

SELECTOR_PACK = """\
pack: site
version: 1
sites: [example.com]
rules:
  - id: site.paywall-box
    why: the paywall box
    match:
      selector: 'div.paywall'
    action: flag:paywalled
    examples:
      match: ['<div class="paywall">Subscribe</div>']
      no_match: ['<div class="story">Text</div>']
  - id: site.byline
    why: the byline element
    match:
      selector: '.byline'
    action: field:authors
    examples:
      match: ['<p class="byline">By A</p>']
      no_match: ['<p>By A</p>']
"""

PAGE = """<!DOCTYPE html><html lang="en"><head><title>Big news today</title></head><body>
<article><h1>Big news today</h1><p class="byline">By Jane Roe and John Doe</p>
<p>The first paragraph of the story is long enough to count as real article text for us.</p>
<p>The second paragraph carries on with more detail about the events that took place this week.</p>
<div class="paywall">Subscribe to continue reading the full article.</div>
</article></body></html>"""


@pytest.fixture(scope="module")
def first_pages(scrapinghub) -> list[tuple[str, dict]]:
    return sorted(scrapinghub.items())[:12]


def test_scrapinghub_pages_give_valid_records_with_body_and_title(first_pages):
    for page_id, truth in first_pages:
        article = cleaner.clean(scrapinghub_html(page_id), url=truth["url"])
        validate_record(article.to_dict())
        assert article.input.kind == "html"
        assert article.title, page_id
        assert len(article.text) > 200, page_id
        assert article.domain and article.domain in truth["url"]


def test_html_body_overlaps_the_true_article_body(first_pages):
    for page_id, truth in first_pages:
        article = cleaner.clean(scrapinghub_html(page_id), url=truth["url"])
        true_words = set(truth["articleBody"].split())
        got_words = set(article.text.split())
        assert len(true_words & got_words) / len(true_words) > 0.6, page_id


def test_selector_rules_act_on_the_page_before_extraction(tmp_path):
    (tmp_path / "site.yaml").write_text(SELECTOR_PACK, encoding="utf-8")
    article = cleaner.clean(PAGE, url="https://www.example.com/news/1", rules=tmp_path)
    assert article.paywalled is True
    assert article.authors == ("Jane Roe", "John Doe")
    assert "Subscribe to continue" not in article.text
    assert "By Jane Roe" not in article.text
    assert article.title == "Big news today"
    assert {r.rule for r in article.removed} >= {"site.paywall-box", "site.byline"}
    assert article.language == "en"


def test_selector_rules_do_not_apply_to_other_sites(tmp_path):
    (tmp_path / "site.yaml").write_text(SELECTOR_PACK, encoding="utf-8")
    article = cleaner.clean(PAGE, url="https://other.org/news/1", rules=tmp_path)
    assert not any(r.rule.startswith("site.") for r in article.removed)


def test_html_page_without_content_gives_an_empty_record_not_a_crash():
    article = cleaner.clean("<html><head><title>x</title></head><body></body></html>")
    assert article.text == "" and article.blocks == ()


@pytest.mark.parametrize("fast", [False, True])
def test_a_page_dumped_whole_by_the_fast_pass_gets_the_full_mode(scrapinghub, fast):
    # jaraguadosul.com.br: trafilatura's main extractor finds nothing in fast mode and its baseline
    # returns the whole page (menus included) as one block; trafilatura's full mode (run on a
    # result of one block, with `fast` too) finds the story
    (page_id,) = [p for p in scrapinghub if p.startswith("f6ac15a4")]
    truth = scrapinghub[page_id]["articleBody"]
    article = cleaner.clean(
        scrapinghub_html(page_id),
        url=scrapinghub[page_id]["url"],
        settings=cleaner.Settings(fast=fast),
    )
    assert truth[:100] in article.text
    assert "Esqueci a Senha" not in article.text
    assert len(article.text) < 2 * len(truth)


@pytest.mark.parametrize("page_id", ["dev-21", "dev-33", "final-62"])
def test_a_forum_thread_keeps_every_post_not_only_the_first(page_id):
    """trafilatura's main extractor keeps a thread's first post; readability's reading, which
    cleaner compares with it unless `fast`, keeps the thread (CleanEval's truth is the whole
    thread)."""
    html, truth = shared_page("cleaneval", page_id)
    record = cleaner.clean(html)
    fast = cleaner.clean(html, settings=cleaner.Settings(fast=True))
    truth_words = len(truth.split())
    assert len(fast.text.split()) < 0.2 * truth_words
    assert 0.9 * truth_words < len(record.text.split()) < 1.2 * truth_words
    assert (record.input.extraction, fast.input.extraction) == ("readability", "trafilatura")


@pytest.mark.parametrize(
    ("prefix", "headline"),
    [
        ("63db31", "Star Wars Jedi: Fallen Order review"),  # title adds " - VG247"
        ("7ab16a", "Is Football Violence a Crime?"),  # title adds "Opinion | "
        ("c7e39a", "Julian Assange: Sweden drops rape investigation"),  # title reworded
    ],
)
def test_a_leading_headline_that_rewords_the_page_title_leaves_the_body(
    prefix, headline, scrapinghub
):
    (page_id,) = [p for p in scrapinghub if p.startswith(prefix)]
    article = cleaner.clean(scrapinghub_html(page_id), url=scrapinghub[page_id]["url"])
    assert not article.text.startswith(headline)
    assert any(r.rule == "structure.title" and r.text.startswith(headline) for r in article.removed)


def test_a_caption_set_as_a_heading_is_not_a_reworded_title():
    # yahoo-2: a photo's 60-word caption is an h1 above the story; it holds most of the words of
    # the 8-word headline ("Russia: Space ship malfunctions, breaks up over Siberia")
    html, _ = shared_page("readability", "yahoo-2")
    article = cleaner.clean(html, url="https://us.yahoo.com/news/")
    assert article.title == "Russia: Space ship malfunctions, breaks up over Siberia"
    assert article.text.startswith("In this photo dated Tuesday, Nov, 29, 2016")
    assert not any(r.text.startswith("In this photo") for r in article.removed)


def test_the_page_printing_its_own_address_above_the_headline_leaves_both_out(scrapinghub):
    # mysanantonio.com: a share box prints the page's URL, then comes the headline
    (page_id,) = [p for p in scrapinghub if p.startswith("ef2b3f268a67")]
    url = scrapinghub[page_id]["url"]
    article = cleaner.clean(scrapinghub_html(page_id), url=url)
    assert url not in article.text
    assert not article.text.startswith("Cat found in New Mexico")
    assert any(r.rule == "structure.page-url" and r.text == url for r in article.removed)


def test_a_blogs_name_above_the_headline_leaves_the_body():
    # TED Blog: trafilatura's body starts with the blog's name, an h1, then the post's headline
    html, _ = shared_page("dragnet", "142")
    article = cleaner.clean(html)
    assert (article.source, article.title) == (
        "TED Blog",
        "5 videos of Philippe Petit walking on wire",
    )
    assert not article.text.startswith(("TED Blog", "5 videos"))
    assert [r.rule for r in article.removed if r.text == "TED Blog"] == ["structure.site-name"]


def test_a_paragraph_ending_with_the_pages_address_stays():
    # infed.org: the contents line, then the whole text of the book, end with the page's address
    html, truth = shared_page("cleaneval", "final-505")
    url = "http://www.infed.org/archives/nayc/ferris_girls_clubs_leader.htm"
    article = cleaner.clean(html, url=url)
    assert not any(r.rule == "structure.page-url" for r in article.removed)
    assert len(article.text.split()) > 0.9 * len(truth.split())


@pytest.mark.parametrize("fast", [False, True])
@pytest.mark.parametrize("page_id", ["321", "439"])
def test_a_photo_story_keeps_its_caption_as_the_body(page_id, fast):
    # Dragnet gallery slides: the only text is a caption ending in its credit
    # ("(David Tonnessen/PacificCoastNews.com)"); moved to the captions it left an empty record.
    # trafilatura's fast mode dumps the whole page (1,219 characters, menus and all) as one block,
    # which gets its full mode, whose jusText rescue finds the caption
    html, truth = shared_page("dragnet", page_id)
    article = cleaner.clean(html, settings=cleaner.Settings(fast=fast))
    assert article.text and article.text.split()[:8] == truth.split("\n")[-1].split()[:8]
    assert not any(r.rule == "generic.photo-credit-caption" for r in article.removed)


def test_a_line_break_separates_words():
    # cogeco.ca's links page: names and dates, titles and blurbs split by <br>, in table cells
    # (which trafilatura turns into a <p> inside the cell) and in paragraphs (<lb/>)
    html, _ = shared_page("cleaneval", "final-74")
    text = cleaner.clean(html).text
    assert "Montgomery (1908-1985)" in text and "Montgomery(1908" not in text
    assert "CAT STEVENS.COM Articles" in text and "COMArticles" not in text
    paragraph = "<p>This is the first long line of the paragraph here<br>Second line follows.</p>"
    page = f"<html><body><article>{paragraph * 3}</article></body></html>"
    assert "here Second line" in cleaner.clean(page).text
