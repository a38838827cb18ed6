"""Golden files: the shipped cases pass, a change shows as a readable diff, update accepts it."""

from __future__ import annotations

import shutil

from conftest import GOLDEN

from cleaner.golden import check_cases, update_cases

pytest_plugins = ["pytester"]


def test_shipped_golden_cases_are_unchanged(cleaner_golden):
    report = cleaner_golden.check(GOLDEN)
    assert len(report.results) == 5


def test_a_changed_rule_shows_a_field_diff_and_update_accepts_it(tmp_path):
    case = tmp_path / "cases" / "inkl"
    shutil.copytree(next(GOLDEN.glob("000_*")), case)
    rules = tmp_path / "rules"
    rules.mkdir()
    (rules / "more.yaml").write_text(
        """pack: more
version: 1
rules:
  - id: more.drop-big-picture
    why: testing
    match:
      pattern: '^The big picture:'
    action: drop
    examples:
      match: ['The big picture: x']
      no_match: ['x']
""",
        encoding="utf-8",
    )
    report = check_cases(tmp_path / "cases", rules=(rules,))
    assert not report.ok
    assert "CHANGED   inkl" in report.text
    assert "-The big picture: Following two weeks of fruitless diplomatic talks" in report.text
    assert update_cases(tmp_path / "cases", rules=(rules,)).results[0].status == "updated"
    assert check_cases(tmp_path / "cases", rules=(rules,)).ok


def test_a_case_without_expected_record_is_new_and_fails(tmp_path):
    (tmp_path / "c1").mkdir()
    (tmp_path / "c1" / "input.txt").write_text(
        "Hello there.\n\nA second paragraph.", encoding="utf-8"
    )
    report = check_cases(tmp_path)
    assert not report.ok and report.results[0].status == "new"


def test_pytest_plugin_fails_on_change_and_updates_with_flag(pytester):
    case = pytester.path / "golden" / "c1"
    case.mkdir(parents=True)
    (case / "input.txt").write_text("Hello there.\n\nA second paragraph.", encoding="utf-8")
    pytester.makepyfile(
        """
        def test_pinned(cleaner_golden):
            cleaner_golden.check("golden")
        """
    )
    pytester.runpytest().assert_outcomes(failed=1)
    pytester.runpytest("--cleaner-golden-update").assert_outcomes(passed=1)
    assert (case / "expected.json").is_file()
    pytester.runpytest().assert_outcomes(passed=1)
