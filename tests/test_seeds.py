"""The five seed documents come out as DESIGN section 5 describes."""

from __future__ import annotations

import pytest
from conftest import seed_path

import cleaner
from cleaner.schema import validate_record


@pytest.fixture(scope="module")
def records() -> dict[str, cleaner.Article]:
    return {
        prefix: cleaner.clean(seed_path(prefix)) for prefix in ("000", "001", "002", "003", "004")
    }


def test_inkl_axios_chrome_is_gone_and_paywall_flagged(records):
    article = records["000"]
    assert article.title == "Kremlin says U.S. written responses ignored Russia's main NATO demand"
    assert article.source == "Axios"
    assert article.paywalled is True
    assert article.text.startswith("Russian Foreign Minister Sergey Lavrov said Thursday")
    assert article.text.endswith('"There is not much cause for optimism," he added.')
    for chrome in (
        "Get all your news in one place",
        "100’s of premium titles",
        "One app.",
        "Start reading",
        "Sign up to read this article",
        "Already a member?",
        "Related Stories",
        "Top stories on inkl",
        "Download the app",
        "Our Picks",
        "World\n",
    ):
        assert chrome not in article.text


def test_inkl_axios_keeps_section_lines_and_bullets(records):
    article = records["000"]
    kinds = [(b.kind, b.text[:20]) for b in article.blocks]
    assert ("paragraph", "Why it matters: A sp") in kinds
    assert ("paragraph", "The big picture: Fol") in kinds
    assert sum(kind == "list_item" for kind, _ in kinds) == 5
    assert "What to watch:" in article.text


def test_moscow_times_markdown_fields(records):
    article = records["001"]
    assert article.title == "No 'Positive Response' From U.S. on Main Ukraine Demand, Says Russia"
    assert article.published == "2022-01-27"
    assert article.url == (
        "https://www.themoscowtimes.com/2022/01/27/"
        "no-positive-response-from-us-on-main-ukraine-demand-says-russia-a76171"
    )
    assert article.domain == "themoscowtimes.com"
    assert article.source == "The Moscow Times"
    assert len(article.captions) == 1 and article.captions[0].endswith("Artyom Geodakyan / TASS")
    assert "Related article" not in article.text
    assert article.links_removed[0].startswith("Related article: U.S., NATO Reject")
    assert "](" not in article.text and "**" not in article.text
    assert "Lavrov said in a statement" in article.text  # link reduced to its text
    assert "start of a serious conversation on secondary questions." in article.text  # rejoined
    assert article.text.endswith("accusing the U.S. and NATO of fueling regional tensions.")
    assert "Original url" not in article.text


def test_cnn_header_line_gives_date_authors_source(records):
    article = records["002"]
    assert article.published == "2022-01-27"
    assert article.authors == ("Uliana Pavlova", "Tara John")
    assert article.source == "CNN"
    assert article.text.startswith("The written responses presented by the United States and NATO")
    assert ("heading", "NATO sees ‘room for progress’") in [
        (b.kind, b.text) for b in article.blocks
    ]


def test_spun_copy_keeps_its_text_and_is_flagged(records):
    article = records["003"]
    assert article.text.startswith(
        "“There is no positive reaction on the main issue in this document,”"
    )
    assert "Sergey Lavrov instructed journalists" in article.text
    assert "{that a}" in article.text
    assert article.published == "2022-01-27"
    assert article.spin.verdict == "spun"
    for evidence in article.spin.evidence:
        assert article.text[evidence.start : evidence.end] == evidence.text


@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_real_reports_are_not_flagged_as_spun(records, prefix):
    assert records[prefix].spin.verdict == "clean"


def test_washington_post_chrome_captions_teasers_corrections_credits(records):
    article = records["004"]
    assert (
        article.title
        == "U.S., NATO send written responses to Russia on its demands over Ukraine crisis"
    )
    assert article.source == "The Washington Post"
    assert article.text.startswith("MOSCOW — The United States and NATO on Wednesday")
    for chrome in (
        "Democracy Dies in Darkness",
        "Placeholder while article actions load",
        "(Video:",
        "Brendan Smialowski",
        "In meeting that Italian government tried to stop",
        "These countries are withdrawing embassy staffers",
        "As Ukraine invasion looms, Europe fears",
        "A previous version of this article",
        "contributed to this report",
    ):
        assert chrome not in article.text
    assert len(article.captions) == 3
    assert len(article.links_removed) == 3
    assert article.corrections[0].startswith("A previous version of this article said")
    assert article.credits[0].endswith("contributed to this report.")
    assert article.text.endswith("channeling Qatari gas to Europe, the administration said.")


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_every_removal_is_audited_and_the_record_is_valid(records, prefix):
    article = records[prefix]
    validate_record(article.to_dict())
    original = seed_path(prefix).read_text("utf-8")
    for removal in article.removed:
        assert removal.rule and removal.reason
        for word in removal.text.split()[:3]:
            assert word.strip("<>") in original


@pytest.mark.parametrize("prefix", ["000", "001", "002", "003", "004"])
def test_cleaning_twice_gives_identical_bytes(prefix):
    first = cleaner.clean(seed_path(prefix)).to_json()
    second = cleaner.clean(seed_path(prefix)).to_json()
    assert first == second
