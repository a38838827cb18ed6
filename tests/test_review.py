"""The review report, opened in a real browser: every removal in place with its rule, the kept text
exactly the record's text, and a hostile page's `<script>` and `onerror=` shown, never run."""

from __future__ import annotations

import re
import shutil
import subprocess
import sys
from pathlib import Path

import lxml.html
import pytest
from conftest import GOLDEN, scrapinghub_html, seed_path

from cleaner import clean
from cleaner.golden import check_cases
from cleaner.review import ReviewWriter, golden_html, in_page_order
from cleaner.rulepack import load_ruleset
from cleaner.settings import Settings

CHROMIUM = shutil.which("chromium")
# Flags that let headless Chromium run as root on a machine with no network and no session bus;
# without the background-networking ones it stalls on refused connections.
CHROMIUM_FLAGS = (
    "--headless",
    "--no-sandbox",
    "--disable-gpu",
    "--disable-quic",
    "--no-first-run",
    "--disable-background-networking",
    "--disable-component-update",
    "--disable-sync",
)
# A scrapinghub page whose paywall prompts leave the HTML before extraction (no block index).
PAYWALLED_PAGE = "042bb7b5fedab6eac7db576522b89b93904c237d344bcbe14a6a5ab7f7335856"
# Each payload would mark the report's <body> if it ever ran.
PWN = "document.body.setAttribute('data-pwned','{}')"
HOSTILE_RULES = f"""pack: hostile
version: 1
rules:
  - id: hostile.advert
    why: "<img src=x onerror=\\"{PWN.format("reason")}\\">"
    match:
      pattern: '^Advertisement:'
    action: drop
    examples:
      match: ['Advertisement: buy']
      no_match: ['x']
"""
HOSTILE_PAGE = f"""<html><head><title>&lt;script&gt;{PWN.format("title")}&lt;/script&gt;</title>
</head><body><article>
<h1>&lt;script&gt;{PWN.format("title")}&lt;/script&gt; Breaking news</h1>
<p>The council met on Tuesday to discuss the budget for next year, which several members
said was &lt;script&gt;{PWN.format("body")}&lt;/script&gt; far too small for the roads.</p>
<p>Advertisement: &lt;img src=x onerror="{PWN.format("removed")}"&gt; buy now</p>
<p>Residents asked for more buses &lt;img src=x onerror={PWN.format("img")}&gt; and the mayor
agreed to look again at the plan before the vote in the spring, she told reporters.</p>
<p>The vote is expected in March &amp; the &lt;/div&gt;&lt;/section&gt; plan will be published.</p>
</article></body></html>"""


def chromium(*args: str, profile: Path) -> subprocess.CompletedProcess:
    assert CHROMIUM is not None
    return subprocess.run(
        [CHROMIUM, *CHROMIUM_FLAGS, f"--user-data-dir={profile}", *args],
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    )


def review_of(articles, path: Path) -> Path:
    writer = ReviewWriter()
    for article in articles:
        writer.add(article)
    with path.open("w", encoding="utf-8") as out:
        writer.finish(out)
    return path


@pytest.fixture(scope="module")
def hostile_settings(tmp_path_factory) -> Settings:
    rules = tmp_path_factory.mktemp("rules")
    (rules / "hostile.yaml").write_text(HOSTILE_RULES, encoding="utf-8")
    return Settings(rules=load_ruleset((rules,)))


@pytest.fixture(scope="module")
def articles(hostile_settings):
    """Two seeds with many removals and moves, a page whose text is all attack, and a real HTML
    page with removals made before its body was found (paywall prompts)."""
    hostile = clean(
        HOSTILE_PAGE,
        url=f'https://example.com/a"><script>{PWN.format("url")}</script>',
        settings=hostile_settings,
        name="<img src=x onerror=alert(1)>.html",
    )
    paywalled = clean(scrapinghub_html(PAYWALLED_PAGE), name=f"{PAYWALLED_PAGE}.html")
    return [clean(seed_path("004")), clean(seed_path("000")), hostile, paywalled]


# Follows a moved entry's link to its field on page 3, notes the page shown, then chooses a rule
# in the filter, as a user would; for a copy of the report without its policy.
CHOOSE_RULE = """<script>
history.replaceState(null, "", "#p3-title");
window.dispatchEvent(new HashChangeEvent("hashchange"));
var shown = document.querySelectorAll("section.page:not([hidden])");
document.body.setAttribute("data-after-link", shown[0].id + " of " + shown.length);
var select = document.getElementById("rule-filter");
select.value = "inkl.sign-up-wall";
select.dispatchEvent(new Event("change"));
</script></body>"""


def need_chromium() -> None:
    if CHROMIUM is None:
        pytest.skip("Debian's chromium is not installed (`apt-get install -y chromium`)")


@pytest.fixture(scope="module")
def in_browser(articles, tmp_path_factory):
    """The report as Chromium has it after its scripts ran (the DOM), and a screenshot."""
    need_chromium()
    where = tmp_path_factory.mktemp("review")
    report = review_of(articles, where / "review.html")
    dom = chromium("--dump-dom", report.as_uri(), profile=where / "profile-dom").stdout
    shot = where / "review.png"
    chromium(
        f"--screenshot={shot}",
        "--window-size=1100,900",
        report.as_uri(),
        profile=where / "profile-shot",
    )
    return lxml.html.document_fromstring(dom), shot


def page_section(dom, number: int):
    (section,) = dom.xpath(f'//section[@id="p{number}"]')
    return section


def test_the_hostile_pages_text_is_in_the_record(articles):
    """The browser test below means something only if the attack reached the record."""
    hostile = articles[2]
    assert "<script>" in hostile.text and "onerror=" in hostile.text
    assert any("onerror=" in r.reason for r in hostile.removed)


def test_every_removal_is_shown_with_its_rule_id(in_browser, articles):
    dom, _ = in_browser
    for number, article in enumerate(articles, 1):
        shown = [
            (e.get("data-rule"), e.find_class("text")[0].text_content())
            for e in page_section(dom, number).xpath(".//*[@data-rule]")
        ]
        assert len(article.removed) >= 2
        assert sorted(shown) == sorted((r.rule, r.text) for r in article.removed)


def test_the_kept_text_is_the_records_text(in_browser, articles):
    dom, _ = in_browser
    for number, article in enumerate(articles, 1):
        kept = page_section(dom, number).find_class("kept")
        assert "\n\n".join(k.text_content() for k in kept) == article.text


def test_a_pages_script_and_onerror_run_nothing(in_browser):
    dom, _ = in_browser
    body = dom.find("body")
    assert body.get("data-paged") == "yes"  # the report's own script did run
    assert body.get("data-pwned") is None
    assert len(dom.xpath("//script")) == 1
    assert dom.xpath("//*[@onerror]") == [] and dom.xpath("//img") == []
    hostile = page_section(dom, 3).text_content()
    assert f"<script>{PWN.format('body')}</script>" in hostile
    assert f'<img src=x onerror="{PWN.format("removed")}">' in hostile


def test_one_page_is_shown_at_a_time_and_the_screenshot_is_taken(in_browser):
    dom, shot = in_browser
    assert [s.get("hidden") is None for s in dom.xpath("//section")] == [True, False, False, False]
    assert shot.read_bytes()[:8] == b"\x89PNG\r\n\x1a\n" and shot.stat().st_size > 20_000


def test_field_links_and_the_rule_filter_choose_the_page_shown(articles, tmp_path):
    need_chromium()
    report = review_of(articles, tmp_path / "review.html").read_text("utf-8")
    driven = tmp_path / "driven.html"
    driven.write_text(
        re.sub(r"<meta http-equiv=\"Content-Security-Policy\"[^>]*>", "", report).replace(
            "</body>", CHOOSE_RULE
        ),
        encoding="utf-8",
    )
    dom = lxml.html.document_fromstring(
        chromium("--dump-dom", driven.as_uri(), profile=tmp_path / "profile").stdout
    )
    assert dom.find("body").get("data-after-link") == "p3 of 1"
    assert [s.get("id") for s in dom.xpath("//section[not(@hidden)]")] == ["p2"]
    assert [r.get("data-page") for r in dom.xpath("//tr[@data-page][not(@hidden)]")] == ["p2"]
    assert dom.get_element_by_id("pager").text_content() == "page 1 of 1"
    bright = dom.xpath('//section[@id="p2"]//*[@data-rule][not(contains(@class, "dim"))]')
    assert {e.get("data-rule") for e in bright} == {"inkl.sign-up-wall"} and len(bright) == 9


def test_removals_from_the_html_before_extraction_are_shown_apart(in_browser, articles):
    dom, _ = in_browser
    early = [r for r in articles[3].removed if r.block_index is None]
    (box,) = page_section(dom, 4).find_class("before")
    shown = [
        (e.get("data-rule"), e.find_class("text")[0].text_content())
        for e in box.xpath("./*[@data-rule]")
    ]
    assert len(early) >= 2 and shown == [(r.rule, r.text) for r in early]


def test_removals_stand_before_the_block_that_follows_them_on_the_page(articles):
    """Seed 000: the app header's four lines come first, the sign-up wall after the body."""
    order = list(in_page_order(articles[1]))
    rules = [getattr(item, "rule", None) for item in order]
    assert rules[:4] == ["inkl.app-header"] * 4
    assert rules[-1] is not None and rules.index("inkl.sign-up-wall") > rules.index(None)
    assert [b for b in order if not hasattr(b, "rule")] == list(articles[1].blocks)


def test_moved_blocks_are_labelled_with_the_field_they_went_to(articles, tmp_path):
    dom = lxml.html.parse(str(review_of(articles[:1], tmp_path / "r.html"))).getroot()
    labels = {
        e.get("data-rule"): e.find_class("tag")[0].text_content()
        for e in dom.xpath("//*[@data-rule]")
    }
    assert labels["generic.correction"] == "MOVED → corrections"
    assert labels["washington-post.masthead"] == "REMOVED"
    assert (
        dom.xpath('//tr[@id="p1-corrections"]/td')[0]
        .text_content()
        .startswith("A previous version of this article")
    )


def test_the_summary_counts_removals_by_rule_across_the_batch(articles, tmp_path):
    dom = lxml.html.parse(str(review_of(articles, tmp_path / "r.html"))).getroot()
    counts = {
        row[0].text_content(): int(row[2].text_content())
        for row in dom.xpath('//table[@class="rules"]/tbody/tr')
    }
    assert counts["inkl.sign-up-wall"] == 9
    assert counts["structure.title"] == 4  # one on each page
    assert sum(counts.values()) == sum(len(a.removed) for a in articles)


def test_review_command_reports_bad_inputs_and_goes_on(tmp_path):
    shutil.copy(seed_path("001"), tmp_path / "good.txt")
    (tmp_path / "empty.txt").write_text("  \n", encoding="utf-8")
    report = tmp_path / "out" / "review.html"
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "review", str(tmp_path), "-o", str(report)],
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 1
    assert f"cleaner: error: {tmp_path / 'empty.txt'}: empty input" in result.stderr
    assert "cleaner: 1 reviewed, 1 failed" in result.stderr
    dom = lxml.html.parse(str(report)).getroot()
    assert len(dom.xpath("//section")) == 1
    assert "failed: empty input" in dom.xpath('//tr[@class="error"]')[0].text_content()


def test_golden_html_shows_a_changed_field_side_by_side(tmp_path):
    case = tmp_path / "cases" / "inkl"
    shutil.copytree(next(GOLDEN.glob("000_*")), case)
    expected = (case / "expected.json").read_text("utf-8")
    changed = expected.replace("The big picture:", "The <b>big</b> picture:")
    (case / "expected.json").write_text(changed, encoding="utf-8")
    dom = lxml.html.document_fromstring(golden_html(check_cases(tmp_path / "cases")))
    assert dom.xpath("//h2")[0].text_content() == "inkl: changed"
    (table,) = dom.xpath('//h3[text()="text"]/following-sibling::table[1]')
    cells = [td.text_content().replace("\xa0", " ") for td in table.xpath(".//td")]
    assert any("The <b>big</b> picture:" in c for c in cells)  # expected side, as text
    assert any(c.startswith("The big picture:") for c in cells)  # actual side
    assert dom.xpath("//b") == [] and dom.xpath("//script") == []
