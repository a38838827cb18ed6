"""The text-mode chrome classifier on real text dumps: the seeds and scrapinghub pages as text."""

from __future__ import annotations

import html_text
import pytest
from conftest import SHARED_DATA, scrapinghub_html, seed_path

import cleaner
from cleaner.record import Block
from cleaner.text_chrome import block_features, classify_chrome, stopwords_for

NEWSNATION = "076f4f33bf75059db581bedf36e76fb65e89a8f7752db3339aa3ea11c5122f32"
PORTUGUESE = "3252222e61fe78982cffe0b0bad2b089c27b32f65852d1c5d3951517f3c2e295"


def line_blocks(text: str) -> list[Block]:
    """One paragraph block per non-empty line, as a text dump gives them."""
    lines = [line.strip() for line in text.splitlines() if line.strip()]
    return [Block("paragraph", line, i) for i, line in enumerate(lines)]


def verdicts_by_text(text: str, language: str | None) -> dict[str, str | None]:
    blocks = line_blocks(text)
    return {b.text: v for b, v in zip(blocks, classify_chrome(blocks, language), strict=True)}


@pytest.fixture(scope="module")
def inkl_seed() -> dict[str, str | None]:
    text = (SHARED_DATA.parent / "seeds" / "000_20b434822b35dce4.txt").read_text("utf-8")
    return verdicts_by_text(text, "en")


@pytest.fixture(scope="module")
def newsnation() -> dict[str, str | None]:
    return verdicts_by_text(html_text.extract_text(scrapinghub_html(NEWSNATION).decode()), None)


def test_app_promotion_lines_of_the_inkl_seed_are_chrome(inkl_seed):
    for line in (
        "Get all your news in one place.",
        "One app.",
        "Start reading",
        "Download the app",
    ):
        assert inkl_seed[line] is not None, line


def test_repeated_outlet_label_is_chrome(inkl_seed):
    assert inkl_seed["Axios"] == "repeated-in-page"


def test_body_paragraphs_and_bullets_of_the_inkl_seed_are_kept(inkl_seed):
    kept = [text for text, verdict in inkl_seed.items() if verdict is None]
    assert any(t.startswith("Russian Foreign Minister Sergey Lavrov said Thursday") for t in kept)
    assert any(t.startswith("• The U.S. and NATO submitted their written proposals") for t in kept)
    assert '• "There is not much cause for optimism," he added.' in kept


def test_menu_lines_of_a_news_page_are_chrome(newsnation):
    for line in ("Bollywood News", "Movie Reviews", "Terms of Use", "Advertise With Us"):
        assert newsnation[line] is not None, line


def test_body_paragraphs_of_a_news_page_are_kept(newsnation):
    kept = [text for text, verdict in newsnation.items() if verdict is None]
    assert any(t.startswith("In case you are living in Delhi-NCR") for t in kept)
    assert any(t.startswith("So now you know that there IS an oxygen bar") for t in kept)


def test_breadcrumb_with_separators_is_menu_like():
    verdicts = verdicts_by_text("Home | News | Sport | Weather", "en")
    assert verdicts["Home | News | Sport | Weather"] == "menu-like"


def test_a_portuguese_page_uses_portuguese_stopwords_and_keeps_its_body():
    text = html_text.extract_text(scrapinghub_html(PORTUGUESE).decode())
    verdicts = verdicts_by_text(text, None)
    kept = [t for t, v in verdicts.items() if v is None]
    assert any(t.startswith("Isso é muito importante, porque a aquisição") for t in kept)
    assert verdicts["Alternar navegação Menu"] is not None


def test_stopword_density_follows_the_language():
    sentence = (
        "Isso é muito importante, porque a aquisição da fluência em leitura levará as crianças."
    )
    portuguese = block_features(sentence, stopwords_for("pt", [sentence]))
    english = block_features(sentence, stopwords_for("en", [sentence]))
    assert portuguese.stop_density > 0.3 > english.stop_density


def test_a_language_without_a_list_falls_back_to_the_page_words():
    texts = ["la la la word", "la la other"]
    assert "la" in stopwords_for("xx", texts)


def test_no_blocks_give_no_verdicts():
    assert classify_chrome([], "en") == []


def test_comment_headers_are_a_template_shape():
    from cleaner.text_chrome import DEFAULT_THRESHOLDS, template_shapes

    lines = [
        "alice says:",
        "November 19, 2019 at 6:34 am",
        "Great piece.",
        "bob says:",
        "November 19, 2019 at 7:02 am",
        "I disagree.",
        "carol says:",
        "November 20, 2019 at 9:15 pm",
    ]
    blocks = line_blocks("\n".join(lines))
    stopwords = stopwords_for("en", lines)
    shapes = template_shapes(
        blocks, [block_features(t, stopwords) for t in lines], DEFAULT_THRESHOLDS
    )
    assert shapes[0] == (False, True)  # "... says:" ends three short lines
    assert shapes[1][0]  # the same date line with other numbers
    assert shapes[2] == (False, False)


def test_the_rules_alone_give_reasons_without_the_model():
    from cleaner.text_chrome import DEFAULT_THRESHOLDS, classify_by_rules

    text = (SHARED_DATA.parent / "seeds" / "000_20b434822b35dce4.txt").read_text("utf-8")
    blocks = line_blocks(text)
    stopwords = stopwords_for("en", [b.text for b in blocks])
    features = [block_features(b.text, stopwords) for b in blocks]
    rules = classify_by_rules(blocks, features, DEFAULT_THRESHOLDS)
    verdicts = {b.text: v for b, v in zip(blocks, rules, strict=True)}
    assert verdicts["Axios"] == "repeated-in-page"
    assert verdicts['• "There is not much cause for optimism," he added.'] is None


# --- in the pipeline ---------------------------------------------------------------------------


@pytest.fixture(scope="module")
def newsnation_dump() -> str:
    return html_text.extract_text(scrapinghub_html(NEWSNATION).decode())


def test_a_page_dump_loses_its_chrome_lines_to_the_audit_trail(newsnation_dump, scrapinghub):
    article = cleaner.clean(newsnation_dump)
    chrome = [r for r in article.removed if r.rule.startswith("text-chrome/")]
    assert len(chrome) >= 20
    kept = {block.text for block in article.blocks}
    assert all(r.action == "drop" and r.reason and r.text not in kept for r in chrome)
    truth = scrapinghub[NEWSNATION]["articleBody"]
    first_sentence = truth.strip().split(". ")[0]
    assert first_sentence in article.text
    assert len(article.text) < 0.6 * len(newsnation_dump)


def test_no_text_chrome_keeps_every_line(newsnation_dump):
    article = cleaner.clean(newsnation_dump, settings=cleaner.Settings(text_chrome=False))
    assert not [r for r in article.removed if r.rule.startswith("text-chrome/")]
    assert len(article.text) > 0.8 * len(" ".join(newsnation_dump.split()))


def test_an_article_body_already_clean_is_left_whole(scrapinghub):
    """Clean bodies read mostly as body: the classifier leaves them alone (and re-cleaning the
    output of a dump drops nothing more)."""
    for page_id in sorted(scrapinghub)[:30]:
        body = scrapinghub[page_id]["articleBody"]
        if len(body.split()) < 50:
            continue
        removed = cleaner.clean(body).removed
        assert not [r for r in removed if r.rule.startswith("text-chrome/")], page_id


def test_the_seeds_keep_their_titles_and_every_body_line():
    for prefix in ("000", "001", "002", "004"):
        article = cleaner.clean(seed_path(prefix))
        assert article.title or prefix == "002"  # the CNN copy has no headline
        assert not [r for r in article.removed if r.rule.startswith("text-chrome/")]
