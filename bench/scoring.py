"""The Article Extraction Benchmark's metric (scrapinghub article-extraction-benchmark).

Tokens are `\\w+` runs; a page's text becomes the multiset of its 4-token shingles. Per page,
prediction against truth gives TP / FP / FN counts, normalised to sum to 1 so that long pages do
not weigh more than short ones. Precision and recall are averaged over pages, and F1 is taken from
the two averages (not averaged per page).

Edge cases follow evaluate.py as we know it:
- a text with fewer than 4 tokens (but at least one) is a single shingle of all its tokens;
  a text with no token has no shingle;
- precision is averaged only over pages whose prediction has a shingle (TP + FP > 0): an empty
  prediction says nothing about precision, so it costs recall only;
- recall is averaged only over pages whose truth has a shingle (TP + FN > 0);
- so a page where both are empty counts in neither average (its per-page P and R read 1).
"""

from __future__ import annotations

import re
import statistics
from collections import Counter
from collections.abc import Iterable
from dataclasses import dataclass

SHINGLE_SIZE = 4
TOKEN_RE = re.compile(r"\w+", re.UNICODE)


@dataclass(frozen=True, slots=True)
class PageScore:
    """Normalised TP / FP / FN of one page (they sum to 1, or are all 0 for two empty texts)."""

    tp: float
    fp: float
    fn: float

    @property
    def precision(self) -> float:
        return precision_score(self.tp, self.fp, self.fn)

    @property
    def recall(self) -> float:
        return recall_score(self.tp, self.fp, self.fn)


@dataclass(frozen=True, slots=True)
class Summary:
    precision: float
    recall: float
    f1: float
    pages: int


def tokenize(text: str) -> list[str]:
    """Word runs in any script; punctuation and whitespace only separate."""
    return TOKEN_RE.findall(text or "")


def shingles(text: str, size: int = SHINGLE_SIZE) -> Counter[tuple[str, ...]]:
    """The multiset of `size`-token windows; a short text is one shingle of all its tokens."""
    tokens = tokenize(text)
    windows = (tuple(tokens[i : i + size]) for i in range(max(1, len(tokens) - size + 1)))
    return Counter(w for w in windows if w)


def score_page(prediction: str, truth: str) -> PageScore:
    """Shingle TP / FP / FN of one page, normalised to sum to 1."""
    pred, true = shingles(prediction), shingles(truth)
    tp = sum((pred & true).values())
    fp = sum((pred - true).values())
    fn = sum((true - pred).values())
    total = tp + fp + fn
    if total == 0:
        return PageScore(0.0, 0.0, 0.0)
    return PageScore(tp / total, fp / total, fn / total)


def precision_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fp == 0:
        return 0.0
    return tp / (tp + fp)


def recall_score(tp: float, fp: float, fn: float) -> float:
    if fp == fn == 0:
        return 1.0
    if tp == fn == 0:
        return 0.0
    return tp / (tp + fn)


def summarise(scores: Iterable[PageScore]) -> Summary:
    """Mean precision (over pages that predicted something), mean recall, F1 of the two means."""
    scores = list(scores)
    precisions = [s.precision for s in scores if s.tp + s.fp > 0]
    recalls = [s.recall for s in scores if s.tp + s.fn > 0]
    precision = statistics.fmean(precisions) if precisions else 0.0
    recall = statistics.fmean(recalls) if recalls else 0.0
    f1 = 2 * precision * recall / (precision + recall) if precision + recall else 0.0
    return Summary(precision, recall, f1, len(scores))
