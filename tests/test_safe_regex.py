"""Rule patterns are untrusted: they run on RE2 (linear time) with Python's Unicode classes."""

from __future__ import annotations

import subprocess
import sys
from pathlib import Path

import pytest
from test_rulepacks import GOOD_RULE, load_error, write_pack

from cleaner.rule_examples import check_examples
from cleaner.rulepack import load_ruleset
from cleaner.safe_regex import RuleRegexError, compile_safe, to_re2

HOSTILE = "^(a+)+$"


def test_word_digit_and_space_classes_are_unicode_like_pythons():
    assert compile_safe(r"^By (?P<authors>\w+)$").search("By José").group("authors") == "José"
    assert compile_safe(r"^\d+$").search("٣٤") is not None  # Arabic-Indic digits
    assert compile_safe(r"a\sb").search("a\u00a0b") is not None  # no-break space
    assert compile_safe(r"[\w.]+@").search("zoë.k@") is not None


def test_case_insensitive_matching_folds_non_ascii_letters():
    assert compile_safe("(?i)^école$").search("ÉCOLE") is not None


def test_rewrite_leaves_other_escapes_alone():
    assert to_re2(r"\(\.\b\n") == r"\(\.\b\n"
    assert to_re2(r"[^\w]") == r"[^\pL\pN_]"


@pytest.mark.parametrize("pattern", [r"(?=x)y", r"(?<!a)b", r"(a)\1", r"[\W]"])
def test_patterns_needing_backtracking_are_refused_with_a_reason(pattern):
    with pytest.raises(RuleRegexError):
        compile_safe(pattern)


def test_a_pack_with_a_lookahead_is_refused_naming_file_and_line(tmp_path):
    error = load_error(tmp_path, GOOD_RULE.replace("phrases: [buy our mug]", "pattern: '(?=a)b'"))
    assert "lookarounds and backreferences" in str(error) and error.line == 7


def test_a_catastrophic_pattern_runs_in_linear_time(tmp_path):
    """`^(a+)+$` on 30,000 a's and a '!' would backtrack for ages in `re`; RE2 answers at once.

    Bound: the whole child process (import, load, clean) must finish within 60 s.
    """
    pack = GOOD_RULE.replace("phrases: [buy our mug]", f"pattern: '{HOSTILE}'").replace(
        "match: [Buy our mug!]", "match: [aaa]"
    )
    write_pack(tmp_path, pack)
    script = (
        "import sys, cleaner\n"
        f"a = cleaner.clean('a' * 30000 + '!\\n\\nSecond paragraph.', rules={str(tmp_path)!r})\n"
        "print(len(a.removed))\n"
    )
    result = subprocess.run(
        [sys.executable, "-c", script], capture_output=True, text=True, timeout=60
    )
    assert result.returncode == 0, result.stderr
    assert result.stdout.strip() == "0"


def test_every_shipped_pattern_compiles_on_re2():
    ruleset = load_ruleset(())
    assert all(
        rule.match.pattern is not None for _, rule in ruleset.rules() if not rule.match.selector
    )
    assert check_examples(ruleset) == []
    assert Path(ruleset.packs[0].path).suffix == ".yaml"
