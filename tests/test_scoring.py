"""The benchmark metric on hand-made texts whose shingle counts are worked out in each test."""

from __future__ import annotations

import sys
from pathlib import Path

import pytest

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

from scoring import PageScore, score_page, shingles, summarise, tokenize


def test_tokens_are_word_runs_in_any_script():
    assert tokenize("Hello, wörld! Привет-мир 42") == ["Hello", "wörld", "Привет", "мир", "42"]


def test_a_text_of_n_tokens_has_n_minus_3_shingles():
    # a b c d e -> (a b c d), (b c d e)
    assert shingles("a b c d e") == {("a", "b", "c", "d"): 1, ("b", "c", "d", "e"): 1}


def test_a_text_shorter_than_a_shingle_is_one_shingle_and_empty_text_none():
    assert shingles("two words") == {("two", "words"): 1}
    assert shingles(" ,. ") == {}


def test_identical_texts_score_one():
    score = score_page("one two three four five", "one two three four five")
    assert (score.tp, score.fp, score.fn) == (1.0, 0.0, 0.0)


def test_extra_prediction_text_costs_precision_only():
    # truth a b c d e: 2 shingles; prediction a b c d e f: 3 shingles, 2 shared.
    # tp=2, fp=1, fn=0, normalised by 3.
    score = score_page("a b c d e f", "a b c d e")
    assert score == PageScore(2 / 3, 1 / 3, 0.0)
    assert score.precision == pytest.approx(2 / 3)
    assert score.recall == 1.0


def test_shingles_are_a_multiset():
    # truth has (a b c d) twice (a b c d a b c d: 5 shingles: abcd, bcda, cdab, dabc, abcd);
    # prediction a b c d has it once: tp=1, fp=0, fn=4, normalised by 5.
    score = score_page("a b c d", "a b c d a b c d")
    assert score == PageScore(1 / 5, 0.0, 4 / 5)
    assert score.recall == pytest.approx(1 / 5)


def test_empty_prediction_counts_for_recall_not_precision():
    empty = score_page("", "a b c d e")  # tp=0, fp=0, fn=2 -> (0, 0, 1)
    perfect = score_page("a b c d", "a b c d")
    summary = summarise([empty, perfect])
    assert summary.precision == 1.0  # only the page that predicted something
    assert summary.recall == 0.5  # (0 + 1) / 2


def test_f1_is_taken_from_the_averages_not_averaged_per_page():
    # page 1: P 1, R 1/2 (prediction a b c d e vs truth a b c d e f g: tp 2, fn 2 -> R 0.5)
    # page 2: P 1/2, R 1 (prediction a b c d e f g vs truth a b c d e: tp 2, fp 2 -> P 0.5)
    pages = [score_page("a b c d e", "a b c d e f g"), score_page("a b c d e f g", "a b c d e")]
    summary = summarise(pages)
    assert summary.precision == pytest.approx(0.75)
    assert summary.recall == pytest.approx(0.75)
    assert summary.f1 == pytest.approx(0.75)


def test_two_empty_texts_count_in_neither_average():
    summary = summarise([score_page("", ""), score_page("a b c d e", "a b c d e f")])
    # only the second page counts: tp 2, fn 1 -> P 1, R 2/3
    assert summary.precision == 1.0
    assert summary.recall == pytest.approx(2 / 3)
