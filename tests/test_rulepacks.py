"""Rule packs: shipped ones pass their examples; a broken pack is refused naming file and line."""

from __future__ import annotations

from pathlib import Path

import pytest

from cleaner.errors import RulePackError
from cleaner.rule_examples import check_examples
from cleaner.rulepack import builtin_rules_dir, load_ruleset

GOOD_RULE = """\
pack: mine
version: 1
rules:
  - id: mine.promo
    why: a promotion
    match:
      phrases: [buy our mug]
    action: drop
    examples:
      match: [Buy our mug!]
      no_match: [We did not buy our mug collection.]
"""


def write_pack(tmp_path: Path, text: str, name: str = "mine.yaml") -> Path:
    (tmp_path / name).write_text(text, encoding="utf-8")
    return tmp_path


def load_error(tmp_path: Path, text: str) -> RulePackError:
    with pytest.raises(RulePackError) as caught:
        load_ruleset([write_pack(tmp_path, text)])
    return caught.value


def test_every_shipped_rule_passes_its_examples():
    assert check_examples(load_ruleset(())) == []


def test_shipped_packs_cover_generic_and_each_seed_outlet():
    names = {pack.name for pack in load_ruleset(()).packs}
    assert {"generic", "inkl", "axios", "moscow-times", "cnn", "washington-post"} <= names
    assert builtin_rules_dir().is_dir()


def test_site_packs_run_before_the_generic_pack():
    names = [pack.name for pack in load_ruleset(()).packs]
    assert names[-1] == "generic"


def test_user_pack_is_added_to_the_builtin_ones(tmp_path):
    ruleset = load_ruleset([write_pack(tmp_path, GOOD_RULE)])
    assert "mine.promo" in {rule.id for _, rule in ruleset.rules()}
    assert check_examples(ruleset) == []


def test_invalid_yaml_names_file_and_line(tmp_path):
    error = load_error(tmp_path, GOOD_RULE.replace("    action: drop", "    action: [drop"))
    assert str(error).startswith(f"{tmp_path / 'mine.yaml'}:")
    assert error.line is not None and 8 <= error.line <= 11
    assert "invalid YAML" in str(error)


def test_unknown_action_names_the_line_of_the_action(tmp_path):
    error = load_error(tmp_path, GOOD_RULE.replace("action: drop", "action: delete"))
    assert error.line == 8
    assert "rules/0/action" in str(error)


def test_missing_examples_are_refused(tmp_path):
    text = GOOD_RULE.split("    examples:")[0]
    error = load_error(tmp_path, text)
    assert "examples" in str(error) and error.line == 4


def test_bad_regular_expression_is_refused(tmp_path):
    text = GOOD_RULE.replace("phrases: [buy our mug]", "pattern: '(unclosed'")
    error = load_error(tmp_path, text)
    assert "invalid regular expression" in str(error) and error.line == 7


def test_named_group_must_be_a_record_field(tmp_path):
    text = GOOD_RULE.replace("phrases: [buy our mug]", "pattern: '(?P<mug>mug)'")
    assert "'mug' is not a record field" in str(load_error(tmp_path, text))


def test_duplicate_rule_id_is_refused(tmp_path):
    write_pack(tmp_path, GOOD_RULE.replace("pack: mine", "pack: other"), "other.yaml")
    error = load_error(tmp_path, GOOD_RULE)
    assert "already used" in str(error)


def test_bad_selector_is_refused(tmp_path):
    text = GOOD_RULE.replace("phrases: [buy our mug]", "selector: 'div[['")
    assert "invalid CSS selector" in str(load_error(tmp_path, text))


def test_missing_rules_directory_is_an_error(tmp_path):
    with pytest.raises(RulePackError, match="no such rules directory"):
        load_ruleset([tmp_path / "nope"])


def test_binary_rule_file_is_refused(tmp_path):
    (tmp_path / "bin.yaml").write_bytes(b"\xff\xfe\x00garbage\x00")
    with pytest.raises(RulePackError, match="not UTF-8"):
        load_ruleset([tmp_path])


def test_rules_version_changes_when_a_rule_changes(tmp_path):
    before = load_ruleset([write_pack(tmp_path, GOOD_RULE)]).version
    after = load_ruleset([write_pack(tmp_path, GOOD_RULE.replace("a promotion", "an ad"))]).version
    assert before != after


def pages_as_lines(scrapinghub) -> list[bytes]:
    """Each scrapinghub page's extracted blocks as the rules stage reads them, before any rule."""
    from conftest import scrapinghub_html

    from cleaner.pipeline import load, segment
    from cleaner.rules import page_bytes
    from cleaner.settings import Settings

    settings = Settings()
    pages = []
    for page_id in sorted(scrapinghub)[:60]:
        doc = segment(load(scrapinghub_html(page_id), "page.html", None, settings), settings)
        pages.append(page_bytes(doc.blocks))
    return pages


def test_page_filter_finds_exactly_the_rules_whose_pattern_matches_the_page(scrapinghub):
    """One scan for all a pack's rules answers what each rule's own search of the page would."""
    packs = load_ruleset(()).packs
    hits = 0
    for page in pages_as_lines(scrapinghub):
        for pack in packs:
            expected = {
                r.id for r in pack.rules if r.match.page_pattern and r.match.may_match_page(page)
            }
            assert pack.page_filter.matching(page) == expected
            hits += len(expected)
    assert hits > 20  # the pages do trip rules, so the equality above is not only of empty sets


def test_page_filter_that_cannot_compile_leaves_each_rule_to_search(monkeypatch, tmp_path):
    import cleaner
    import cleaner.rulepack as rulepack

    monkeypatch.setattr(rulepack, "PAGE_FILTER_MAX_MEM", 1)
    ruleset = load_ruleset([write_pack(tmp_path, GOOD_RULE)])
    mine = next(p for p in ruleset.packs if p.name == "mine")
    assert [matcher for _, matcher in mine.page_filter.parts] == [None]
    assert mine.page_filter.matching(b"Buy our mug!") == {"mine.promo"}
    article = cleaner.clean(
        "First paragraph of the story.\n\nBuy our mug!\n\nLast one.", rules=ruleset
    )
    assert "mug" not in article.text
    assert any(r.rule == "mine.promo" for r in article.removed)


def test_a_rule_set_survives_pickling_with_its_page_filters(tmp_path):
    """Worker processes and cluster engines receive rule sets pickled."""
    import pickle

    ruleset = pickle.loads(pickle.dumps(load_ruleset([write_pack(tmp_path, GOOD_RULE)])))
    mine = next(p for p in ruleset.packs if p.name == "mine")
    assert all(matcher is not None for _, matcher in mine.page_filter.parts)
    assert mine.page_filter.matching(b"intro\nBuy our mug!\nend") == {"mine.promo"}
    assert mine.page_filter.matching(b"nothing to see") == set()


def test_a_pack_too_big_for_one_set_is_split_and_finds_the_same_rules(monkeypatch, tmp_path):
    import dataclasses

    import cleaner.rulepack as rulepack

    generic = next(p for p in load_ruleset(()).packs if p.name == "generic")
    whole = generic.page_filter
    monkeypatch.setattr(rulepack, "PAGE_FILTER_MAX_MEM", 4 << 20)  # too small for all 21 at once
    split = dataclasses.replace(generic, rules=generic.rules).page_filter
    assert len(split.parts) > 1 and any(m is not None for _, m in split.parts)
    page = "\n".join(e for r in generic.rules for e in r.examples_match).encode()
    assert split.matching(page) == whole.matching(page) and whole.matching(page)
