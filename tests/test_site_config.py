"""The Full-Text RSS site-config reader on the real configs, and applying one to a page."""

from __future__ import annotations

import json
import subprocess
import sys

import pytest
from conftest import SHARED_DATA, scrapinghub_html, seed_path
from lxml import html

import cleaner
from cleaner.site_config import (
    SiteConfig,
    apply_replacements,
    apply_site_config,
    find_site_config,
    load_site_config,
    parse_site_config,
)

CONFIGS = SHARED_DATA / "ftr-site-config"


def test_every_real_config_parses():
    paths = sorted(CONFIGS.glob("*.txt"))
    assert len(paths) >= 1965
    configs = [parse_site_config(p.read_text("utf-8", errors="replace")) for p in paths]
    assert sum(1 for c in configs if c.body) > 1500


def test_nytimes_config_gives_its_fields_in_file_order():
    config = load_site_config(CONFIGS, "www.nytimes.com")
    assert config.title == (
        '//h1[@class="articleHeadline"]',
        '//meta[@property="og:title"]/@content',
    )
    assert config.author == ('//meta[@name="byl"]/@content',)
    assert config.body[0].startswith('//section[@name="articleBody"]')
    assert len(config.body) == 7
    assert "articleTools" in config.strip_id_or_class
    assert config.flag("prune") is False
    assert config.flag("autodetect_on_failure") is None


def test_host_lookup_follows_the_naming_rules(tmp_path):
    for name in ("example.com.txt", ".example.org.txt", "sport.example.net.txt"):
        (tmp_path / name).write_text("body: //article\n")
    assert find_site_config(tmp_path, "www.example.com").name == "example.com.txt"
    assert find_site_config(tmp_path, "example.com").name == "example.com.txt"
    assert find_site_config(tmp_path, "news.example.org").name == ".example.org.txt"
    assert find_site_config(tmp_path, "www.example.org") is None
    assert find_site_config(tmp_path, "sport.example.net").name == "sport.example.net.txt"
    assert find_site_config(tmp_path, "news.example.net") is None


def test_find_and_replace_strings_pair_up_in_order():
    config = parse_site_config(
        "find_string: <br><br>\nreplace_string: </p><p>\nreplace_string(<b>): <strong>\n"
    )
    assert config.replace_string == (("<br><br>", "</p><p>"), ("<b>", "<strong>"))
    assert apply_replacements("a<br><br>b<b>", config) == "a</p><p>b<strong>"


def test_comments_blank_lines_and_unknown_directives_are_harmless():
    config = parse_site_config("# a comment\n\nwrap_in(blockquote): //q\nnot a directive\n")
    assert config.other == (("wrap_in(blockquote)", "//q"),)
    assert config.body == ()


PAGE = """<html><head><meta property="og:title" content="The headline"></head><body>
<div class="nav">Home News</div>
<article><p>First paragraph.</p><div class="share tools">Share this</div>
<p>Second paragraph.</p><img src="https://ads.example.com/pixel.gif"><aside>Read more</aside>
<span class="byline">By Ann Writer</span></article></body></html>"""


def test_applying_a_config_strips_by_kind_then_selects_the_body():
    config = parse_site_config(
        "title: //h1\ntitle: //meta[@property='og:title']/@content\n"
        "author: //span[@class='byline']\nbody: //div[@id='missing']\nbody: //article\n"
        "strip: //aside\nstrip_id_or_class: share\nstrip_image_src: ads.example.com\n"
        "strip_id_or_class: byline\n"
    )
    tree = html.fromstring(PAGE)
    found = apply_site_config(tree, config)
    assert found.title == "The headline"
    assert found.authors == ("By Ann Writer",)
    assert " ".join(found.body.text_content().split()) == "First paragraph. Second paragraph."
    assert [s.rule for s in found.stripped] == [
        "strip: //aside",
        "strip_id_or_class: share",
        "strip_id_or_class: byline",
        "strip_image_src: ads.example.com",
    ]
    assert "Share this" in tree.text_content()  # the input tree is left as it was


def test_several_body_matches_are_wrapped_in_page_order():
    tree = html.fromstring("<div><p class='x'>one</p><b>no</b><p class='x'>two</p></div>")
    found = apply_site_config(tree, SiteConfig(body=("//p[@class='x']",)))
    assert found.body.text_content() == "onetwo"


def test_a_broken_xpath_matches_nothing():
    tree = html.fromstring("<div><p>text</p></div>")
    found = apply_site_config(tree, SiteConfig(body=("//p[", "//p"), strip=("((",)))
    assert found.body.text_content() == "text"


@pytest.mark.parametrize("quote", ["it's", 'say "hi"', 'it\'s "both"'])
def test_id_or_class_names_with_quotes_do_not_break_the_xpath(quote):
    tree = html.fromstring("<div><p>kept</p></div>")
    found = apply_site_config(tree, SiteConfig(body=("//div",), strip_id_or_class=(quote,)))
    assert found.body.text_content() == "kept"


# --- in the pipeline: `cleaner clean --site-config DIR` ------------------------------------------

BUSINESS_INSIDER = "fde930b01859"  # the config's body is the article; its strips take the byline
WSJ = "042bb7b5feda"  # the config falls back to //main, which does not hold the article


def page_id(prefix: str, scrapinghub: dict) -> str:
    (found,) = [p for p in scrapinghub if p.startswith(prefix)]
    return found


def test_a_host_with_a_config_is_extracted_by_it_with_its_strips_audited(scrapinghub, tmp_path):
    pid = page_id(BUSINESS_INSIDER, scrapinghub)
    page = tmp_path / "page.html"
    page.write_bytes(scrapinghub_html(pid))
    url = scrapinghub[pid]["url"]
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "clean", str(page), "--url", url,
         "--site-config", str(CONFIGS)],
        capture_output=True, text=True, timeout=120,
    )  # fmt: skip
    assert result.returncode == 0, result.stderr
    record = json.loads(result.stdout)
    plain = cleaner.clean(scrapinghub_html(pid), url=url)
    assert record["input"]["extraction"] == "site-config"
    assert plain.input.extraction == "trafilatura"
    truth = scrapinghub[pid]["articleBody"]
    assert record["text"].startswith(truth[:200])
    assert len(record["text"]) < 1.05 * len(truth)
    assert "The WeWork logo is displayed outside of a co-working space" not in record["text"]
    assert any(r["rule"] == "site-config/www.businessinsider.com" for r in record["removed"])


def test_a_stale_config_that_misses_the_article_gives_way_to_trafilatura(scrapinghub):
    pid = page_id(WSJ, scrapinghub)
    url = scrapinghub[pid]["url"]
    settings = cleaner.Settings(site_config=CONFIGS)
    article = cleaner.clean(scrapinghub_html(pid), url=url, settings=settings)
    assert article.input.extraction == "trafilatura"
    assert article.text == cleaner.clean(scrapinghub_html(pid), url=url).text
    assert not any(r.rule.startswith("site-config/") for r in article.removed)


def test_a_host_without_a_config_is_untouched(scrapinghub):
    article = cleaner.clean(seed_path("002"), settings=cleaner.Settings(site_config=CONFIGS))
    assert article.input.kind == "text" and article.text
