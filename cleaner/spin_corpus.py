"""Corpus mode: find spun copies of articles that are in the same batch (DSpin-style).

A spinner cannot change words it has no synonyms for: function words, numbers, names. DSpin
(Zhang, Wang, Voelker, NDSS 2014) calls these immutables and matches spun copies to their
source through them. Here two texts are a candidate pair when they share runs of immutables; a
pair is aligned word by word, and it is a spun pair when most of the shorter text's immutables
appear in the other in order and the differences include one-for-one swaps of related words.
The side whose swapped-in words are rarer is the spun copy. With the original at hand this
catches light spinning that single-document detection misses (Krishna et al. 2023).
"""

from __future__ import annotations

import difflib
import re
from collections import Counter, defaultdict
from collections.abc import Sequence
from dataclasses import dataclass
from functools import lru_cache
from typing import NamedTuple

from cleaner.spin import STOPWORDS
from cleaner.spin_lexicon import lexicon

WORD = re.compile(r"\w+(?:['’]\w+)?")


class CorpusThresholds(NamedTuple):
    """The numbers a spun pair must pass, with the measurement that chose them."""

    # Length of the immutable runs used to find candidate pairs, and how many they must share.
    shingle: int = 4
    min_shared_shingles: int = 3
    # Share of the shorter text's immutables found in order in the other. Spun dev copies:
    # >= 0.95, seed 003 against 002 (a longer version spun): 0.68; independent reports of one
    # story (seeds 000/001/002/004): <= 0.26.
    min_immutable_containment: float = 0.5
    # Swaps of related words needed to call the pair spun (an exact copy has none: it is a
    # duplicate, not a spun copy).
    min_related_swaps: int = 3
    # Share of the one-for-one swaps that must be related words (WordNet synonyms or forms of
    # one word). Spinners with their own thesaurus score low: 0.15-0.3 on the dev copies spun
    # with substitutions mined from real spinner output, 0.27 on seed 003.
    min_related_share: float = 0.1
    # Share of the shorter text's words that are one-for-one swaps: a spinner changes many, an
    # editor of a syndicated copy a few. Dev copies with 10% of content words swapped: >= 0.008
    # (2nd percentile 0.019); seed 003 against 002: 0.05.
    min_swap_density: float = 0.005


CORPUS_THRESHOLDS = CorpusThresholds()


@dataclass(frozen=True, slots=True)
class SpunPair:
    """`spun_index` is a spun copy of `original_index`; `swaps` are (original word, spun word)."""

    spun_index: int
    original_index: int
    swaps: tuple[tuple[str, str], ...]
    score: float


def words(text: str) -> list[str]:
    return [w.lower() for w in WORD.findall(text)]


def immutables(tokens: list[str]) -> list[str]:
    """The words no synonym spinner rewrites: function words, numbers and words with no synonym."""
    lex = lexicon()
    rewritable = lex.has_synonyms(lex.ids(tokens))
    return [
        w
        for w, can_change in zip(tokens, rewritable, strict=True)
        if not can_change or w in STOPWORDS or w.isdigit()
    ]


@lru_cache(maxsize=1 << 16)
def _synonyms(word: str) -> frozenset[str]:
    """Cached: the same swapped words recur across the pairs of a batch."""
    return frozenset(lexicon().synonyms(word))


def related(a: str, b: str) -> bool:
    """Synonyms in either direction, or forms of one word (shared stem of 4+ letters)."""
    if b in _synonyms(a) or a in _synonyms(b):
        return True
    stem = 0
    while stem < min(len(a), len(b)) and a[stem] == b[stem]:
        stem += 1
    return stem >= 4 and a != b


def candidate_pairs(immutable_lists: list[list[str]], t: CorpusThresholds) -> set[tuple[int, int]]:
    """Pairs of texts that share enough runs of immutables to be worth aligning."""
    index: dict[tuple[str, ...], list[int]] = defaultdict(list)
    for i, imm in enumerate(immutable_lists):
        for key in {tuple(imm[k : k + t.shingle]) for k in range(len(imm) - t.shingle + 1)}:
            index[key].append(i)
    shared: Counter[tuple[int, int]] = Counter()
    for docs in index.values():
        if 1 < len(docs) <= 50:  # a run found in many texts is boilerplate, not evidence
            for x in range(len(docs)):
                for y in range(x + 1, len(docs)):
                    shared[(docs[x], docs[y])] += 1
    return {pair for pair, n in shared.items() if n >= t.min_shared_shingles}


def containment(a: list[str], b: list[str]) -> float:
    """Share of the shorter list found in the longer one, in order."""
    if not a or not b:
        return 0.0
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    matched = sum(block.size for block in matcher.get_matching_blocks())
    return matched / min(len(a), len(b))


def one_for_one_swaps(a: list[str], b: list[str]) -> list[tuple[str, str]]:
    """Word pairs where `b` replaced a word of `a` by exactly one other word."""
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    swaps = []
    for tag, i1, i2, j1, j2 in matcher.get_opcodes():
        if tag == "replace" and i2 - i1 == j2 - j1:
            swaps += list(zip(a[i1:i2], b[j1:j2], strict=True))
    return swaps


def rarity(words_: Sequence[str]) -> float:
    """Mean Zipf frequency (x10) of the words: the spun side of a pair uses the rarer words."""
    lex = lexicon()
    ids = lex.ids(list(words_))
    return float(lex.zipf[ids].astype(float)[ids >= 0].sum()) / max(len(words_), 1)


def judge_pair(a: list[str], b: list[str], t: CorpusThresholds) -> tuple[bool, list, float]:
    """Whether one of two aligned texts is a spun copy of the other, its swaps and a score."""
    swaps = one_for_one_swaps(a, b)
    related_swaps = [(x, y) for x, y in swaps if related(x, y)]
    if len(related_swaps) < t.min_related_swaps:
        return False, related_swaps, 0.0
    share = len(related_swaps) / len(swaps)
    density = len(swaps) / min(len(a), len(b))
    score = share * min(1.0, len(related_swaps) / (2 * t.min_related_swaps))
    spun = share >= t.min_related_share and density >= t.min_swap_density
    return spun, related_swaps, score


def find_spun_pairs(
    texts: Sequence[str], thresholds: CorpusThresholds = CORPUS_THRESHOLDS
) -> list[SpunPair]:
    """Every pair in the batch where one text is a spun copy of the other, spun side first."""
    tokens = [words(t) for t in texts]
    imm = [immutables(t) for t in tokens]
    found = []
    for i, j in sorted(candidate_pairs(imm, thresholds)):
        if containment(imm[i], imm[j]) < thresholds.min_immutable_containment:
            continue
        spun, swaps, score = judge_pair(tokens[i], tokens[j], thresholds)
        if not spun:
            continue
        # swaps are (word in i, word in j): the side with the rarer swapped words is the copy
        all_swaps = one_for_one_swaps(tokens[i], tokens[j])
        i_words, j_words = [x for x, _ in all_swaps], [y for _, y in all_swaps]
        if rarity(j_words) <= rarity(i_words):
            found.append(SpunPair(j, i, tuple(swaps), round(score, 4)))
        else:
            found.append(SpunPair(i, j, tuple((y, x) for x, y in swaps), round(score, 4)))
    return found
