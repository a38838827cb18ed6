"""Fit the three thresholds of `cleaner/wider_content.py` leave-one-set-out, and report each
benchmark set on thresholds chosen without it (issue 12: anything fitted is reported held out).

Every page of the four sets is cleaned twice through the whole pipeline: once with trafilatura
alone (`Settings(fast=True)`), once with readability-lxml's pieces always taken where it finds
any, recording what the decision reads (the two word counts, the containment, the page's visible
characters). Any thresholds' F1 then follows without cleaning again; for each held-out set the
grid point is chosen on the other three, by its worst margin over trafilatura alone (a gain on
one set that costs another is no gain), then by mean F1, and scored on the held-out set.

    python bench/fit_wider_content.py            # about 2 x 2,400 cleanings: ~5 min
    python bench/fit_wider_content.py --limit 40
    python bench/fit_wider_content.py --cached   # the last run's cleanings, other grids
"""

from __future__ import annotations

import argparse
import itertools
import pickle
import statistics
import sys
from collections.abc import Sequence
from dataclasses import dataclass
from pathlib import Path
from unittest import mock

from bench_extraction import DATASETS, load_pages
from scoring import PageScore, score_page, summarise

import cleaner
from cleaner import segment_html, wider_content

OUT = Path(__file__).resolve().parent / "out" / "fit_wider_content.pickle"
RATIOS = (1.5, 2.0, 3.0, 5.0, 8.0)
SCRAP_RATIOS = (3.0, 5.0, 10.0, 20.0, float("inf"))
CONTAINED = (0.6, 0.7, 0.8, 0.9)


@dataclass(frozen=True, slots=True)
class Outcome:
    """One page cleaned both ways, and what the decision between them reads."""

    narrow: PageScore
    wide: PageScore
    narrow_words: int
    wide_words: int
    narrow_chars: int
    contained: float
    page_chars: int


def outcomes(pages: Sequence) -> list[Outcome]:
    fast, full = cleaner.Settings(fast=True), cleaner.Settings()
    seen: list[tuple[int, int, int, float, int]] = []

    def always_wide(tree, narrow, page_chars):
        narrow_words = wider_content.words_of(narrow)
        wide = wider_content.readability_pieces(tree)
        wide_words = wider_content.words_of(wide)
        contained = wider_content.contained_share(narrow_words, wide_words)
        narrow_chars = sum(len(t) for _, t in narrow)
        seen.append((len(narrow_words), len(wide_words), narrow_chars, contained, page_chars))
        return wide or None

    def text(page, settings) -> str:
        try:
            return cleaner.clean(page.html, url=page.url or None, settings=settings).text
        except Exception:  # scored as an empty record, as bench_extraction scores a failure
            return ""

    found = []
    for page in pages:
        narrow = text(page, fast)
        seen.clear()
        with mock.patch.object(segment_html, "wider_content", always_wide):
            wide = text(page, full)
        words = seen[0] if seen else (0, 0, 0, 0.0, 0)  # no tree: neither ran
        found.append(Outcome(score_page(narrow, page.truth), score_page(wide, page.truth), *words))
    return found


def takes_wide(o: Outcome, ratio: float, scrap: float, contained: float) -> bool:
    """`wider_content`'s decision, on recorded counts, with other thresholds."""
    return wider_content.worth_asking(o.page_chars, o.narrow_chars, ratio) and (
        wider_content.extends(
            o.narrow_words, o.wide_words, lambda: o.contained, ratio, scrap, contained
        )
    )


def f1(found: list[Outcome], point: tuple[float, float, float]) -> float:
    return summarise(o.wide if takes_wide(o, *point) else o.narrow for o in found).f1


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of a set")
    parser.add_argument(
        "--cached", action="store_true", help="read the cleanings of the last run from bench/out"
    )
    args = parser.parse_args(argv)
    if args.cached:
        with open(OUT, "rb") as cached:
            by_set = pickle.load(cached)
    else:
        by_set = {name: outcomes(load_pages(args.limit, None, name)) for name in DATASETS}
        OUT.parent.mkdir(parents=True, exist_ok=True)
        with open(OUT, "wb") as out:
            pickle.dump(by_set, out)
    grid = list(itertools.product(RATIOS, SCRAP_RATIOS, CONTAINED))
    table = {(point, name): f1(found, point) for point in grid for name, found in by_set.items()}
    alone = {name: summarise(o.narrow for o in found).f1 for name, found in by_set.items()}

    def fitness(point: tuple[float, float, float], sets: Sequence[str]) -> tuple[float, float]:
        """The worst margin over trafilatura alone among `sets`, then their mean F1."""
        margins = [table[(point, name)] - alone[name] for name in sets]
        return min(margins), statistics.fmean(table[(point, name)] for name in sets)

    shipped = (
        wider_content.MIN_LENGTH_RATIO,
        wider_content.SCRAP_RATIO,
        wider_content.MIN_CONTAINED,
    )
    print("| held-out set | fitted on the others (ratio, scrap, contained) | held-out F1 ", end="")
    print("| trafilatura alone | shipped thresholds | readability runs on |")
    print("|---|---|---|---|---|---|")
    held = {}
    for name in DATASETS:
        point = max(grid, key=lambda p: fitness(p, [other for other in DATASETS if other != name]))
        held[name] = table[(point, name)]
        runs = statistics.fmean(
            wider_content.worth_asking(o.page_chars, o.narrow_chars, shipped[0])
            for o in by_set[name]
        )
        print(
            f"| {name} | {point} | {held[name]:.3f} | {alone[name]:.3f} | "
            f"{f1(by_set[name], shipped):.3f} | {runs:.0%} of pages |"
        )
    best_all = max(grid, key=lambda p: fitness(p, DATASETS))
    print(
        f"\nheld-out macro-average F1 {statistics.fmean(held.values()):.3f}; fitted on all four "
        f"sets: {best_all} (shipped: {shipped})"
    )
    return 0


if __name__ == "__main__":
    sys.exit(main())
