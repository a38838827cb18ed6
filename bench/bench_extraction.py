"""Body-text extraction benchmark on four public sets (DESIGN s. 6): scrapinghub's news pages and
the CleanEval, Dragnet and Readability test pages, all in one layout (`../shared/data/README.md`).

For every set given (default: all four), one table per mode with precision / recall / F1 (the
shingle metric of `bench/scoring.py`) and pages per second, then a summary: cleaner against the
best peer per set, the macro-average over the sets and the worst set's margin. Pages/s is per CPU
second of this process (`time.process_time`); each extractor first runs on one page off the clock,
so that models and rule packs loaded on first use are not spread over the pages. Last, cleaner's
pages/s as a share of trafilatura's, from alternating passes of the two over a sample of the
pages run (`--speed-rounds`):

- html: the page's bytes go in (trafilatura default and favor_precision, readability-lxml, cleaner);
- text: the page is first rendered to full-page plain text with `html-text`, then cleaned as text
  (the raw rendering itself, C4's line rules, cleaner's text-chrome classifier alone, cleaner, and
  cleaner with the text-chrome model fitted on the other three sets: the held-out figure).

Per-page scores go to `bench/out/extraction_<set>_<mode>.jsonl` so regressions can be traced.

    python bench/bench_extraction.py                          # every set, both modes
    python bench/bench_extraction.py cleaneval --mode html
    python bench/bench_extraction.py dragnet --mode text --only cleaner --limit 20
    python bench/bench_extraction.py --fit-text-chrome cleaneval  # fit on the others, score it
    python bench/bench_extraction.py --fit-text-chrome shipped    # refit the shipped model

Data is read at run time from `<repo>/../shared/data/<set>` (or `$CLEANER_SHARED_DATA`).
"""

from __future__ import annotations

import argparse
import functools
import gzip
import hashlib
import importlib.metadata
import json
import os
import re
import statistics
import sys
import time
from collections.abc import Callable, Sequence
from contextlib import suppress
from dataclasses import dataclass
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent))
sys.path.insert(1, str(Path(__file__).resolve().parent.parent))

from scoring import PageScore, score_page, summarise

REPO = Path(__file__).resolve().parent.parent
OUT_DIR = REPO / "bench" / "out"
PEERS = ("trafilatura", "readability-lxml", "html-text", "justext", "lxml")


# The benchmark sets, all in the scrapinghub layout (`../shared/data/README.md`): news pages, then
# general web pages (CleanEval), blogs and news (Dragnet), Readability.js's test pages.
DATASETS = ("scrapinghub", "cleaneval", "dragnet", "readability")
# The peers each set's cleaner row is held against (the issue's "best of trafilatura and
# readability-lxml").
HTML_PEERS = ("trafilatura", "trafilatura-precision", "readability-lxml")
FAST_ROW = "cleaner --fast"
SPEED_CONTENDERS = ("cleaner", FAST_ROW)


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    html: bytes
    truth: str
    dataset: str = "scrapinghub"


@dataclass(frozen=True, slots=True)
class Extractor:
    """A named way to turn one page into body text; `run` is None when it cannot be loaded."""

    name: str
    run: Callable[[Page], str] | None
    note: str = ""


def shared_data() -> Path:
    return Path(os.environ.get("CLEANER_SHARED_DATA") or REPO.parent / "shared" / "data")


def load_pages(limit: int | None, half: int | None, dataset: str = "scrapinghub") -> list[Page]:
    """One set's pages in id order; `half` keeps the pages whose id hash has that parity."""
    root = shared_data() / dataset
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if half is not None:
        ids = [i for i in ids if page_half(i) == half]
    pages = []
    for page_id in ids[:limit]:
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        entry = truth[page_id]
        pages.append(Page(page_id, entry["url"], html, entry["articleBody"], dataset))
    return pages


def page_half(page_id: str) -> int:
    """A stable split of the pages in two, for tuning on one half and reporting on the other."""
    return hashlib.sha256(page_id.encode()).digest()[0] % 2


def html_str(page: Page) -> str:
    return page.html.decode("utf-8", errors="replace")


# --- HTML mode -----------------------------------------------------------------------------------


def html_extractors() -> list[Extractor]:
    import html_text
    import trafilatura
    from readability import Document

    def traf(page: Page, precision: bool = False) -> str:
        return trafilatura.extract(html_str(page), url=page.url, favor_precision=precision) or ""

    def readability_lxml(page: Page) -> str:
        return html_text.extract_text(Document(html_str(page)).summary(html_partial=True))

    return [
        Extractor("trafilatura", traf),
        Extractor("trafilatura-precision", lambda p: traf(p, precision=True)),
        Extractor("readability-lxml", readability_lxml),
        site_config_extractor(traf),
        cleaner_extractor(lambda page: (page.html, page.url)),
        cleaner_extractor(lambda page: (page.html, page.url), FAST_ROW, fast=True),
        cleaner_extractor(
            lambda page: (page.html, page.url),
            "cleaner --site-config",
            site_config=shared_data() / "ftr-site-config",
        ),
    ]


def site_config_extractor(fallback: Callable[[Page], str]) -> Extractor:
    """The page's Full-Text RSS config body where one exists and matches, else `fallback`.

    Shows what the configs alone are worth: on 2019 pages many of today's configs no longer match.
    """
    from urllib.parse import urlparse

    import html_text
    from lxml import html

    try:
        from cleaner.site_config import apply_replacements, apply_site_config, load_site_config
    except Exception as error:
        return Extractor("ftr-config+trafilatura", None, f"unavailable: {error}")
    configs = shared_data() / "ftr-site-config"

    def run(page: Page) -> str:
        config = load_site_config(configs, urlparse(page.url).hostname or "")
        if config is None or not config.body:
            return fallback(page)
        tree = html.fromstring(apply_replacements(html_str(page), config))
        body = apply_site_config(tree, config).body
        return fallback(page) if body is None else html_text.extract_text(body)

    return Extractor("ftr-config+trafilatura", run)


def cleaner_extractor(
    source: Callable[[Page], tuple[bytes | str, str | None]],
    name: str = "cleaner",
    site_config: Path | None = None,
    fast: bool = False,
) -> Extractor:
    """`cleaner.clean` on what `source` gives, or an unavailable row if the API cannot load."""
    try:
        import cleaner
    except Exception as error:
        return Extractor(name, None, f"unavailable: {type(error).__name__}: {error}")
    settings = cleaner.Settings(site_config=site_config, fast=fast)

    def run(page: Page) -> str:
        data, url = source(page)
        return cleaner.clean(data, url=url, settings=settings).text

    return Extractor(name, run)


# --- text mode -----------------------------------------------------------------------------------


_RENDERED: dict[str, str] = {}


def render_text(page: Page) -> str:
    """The full page as plain text, the way a scraper without an extractor would keep it.

    Renderings are cached by page id, and rendered before the clock starts (`prepare_inputs`), so
    text-mode pages/s measure the cleaning, not html-text.
    """
    import html_text

    key = f"{page.dataset}/{page.id}"
    if key not in _RENDERED:
        _RENDERED[key] = html_text.extract_text(html_str(page))
    return _RENDERED[key]


# C4 (Raffel et al. 2020; tensorflow_datasets c4_utils.clean_page) line and page heuristics.
C4_END_MARKS = (".", "?", "!", '"')
# Typographic closing quotes, which C4's ASCII-only end marks miss: the "c4-lines-curly" row adds
# them (181 pages: recall 0.823 -> 0.888), which is how the 0.837 baseline reproduces.
CURLY_END_MARKS = (*C4_END_MARKS, "”", "’", "»")
C4_ELLIPSIS = "..."
C4_MIN_WORDS_PER_LINE = 5
C4_MIN_NUM_SENTENCES = 3
C4_MAX_WORD_LENGTH = 1000
C4_CITATION_RE = re.compile(r"\[\d*\]|\[edit\]|\[citation needed\]")
C4_POLICY_SUBSTRINGS = (
    "terms of use",
    "privacy policy",
    "cookie policy",
    "uses cookies",
    "use of cookies",
    "use cookies",
)
# C4 counts sentences with NLTK's punkt; this split on end marks followed by space stands in for it
# (it only matters for the page-level minimum of three sentences).
SENTENCE_END_RE = re.compile(r"[.!?][\"')\]]*(?:\s+|$)")


def c4_clean(text: str, page_filters: bool, end_marks: tuple[str, ...] = C4_END_MARKS) -> str:
    """C4's `clean_page`: keep lines that end like a sentence and are long enough.

    With `page_filters`, the page-level rules apply too (a page with "lorem ipsum" or a "{" on a
    kept line, or fewer than three sentences, is dropped whole and predicts nothing).
    """
    kept, sentences = [], 0
    for raw in text.splitlines():
        line = raw.strip()
        if any(len(word) > C4_MAX_WORD_LENGTH for word in line.split()):
            continue
        line = C4_CITATION_RE.sub("", line)
        if not line.endswith(end_marks) or line.endswith(C4_ELLIPSIS):
            continue
        if len(line.split()) < C4_MIN_WORDS_PER_LINE:
            continue
        lower = line.lower()
        if "lorem ipsum" in lower and page_filters:
            return ""
        if "javascript" in lower:
            continue
        if "{" in line and page_filters:
            return ""
        if any(policy in lower for policy in C4_POLICY_SUBSTRINGS):
            continue
        sentences += len([s for s in SENTENCE_END_RE.split(line) if s.strip()])
        kept.append(line)
    if page_filters and sentences < C4_MIN_NUM_SENTENCES:
        return ""
    return "\n".join(kept).strip()


def line_blocks(page: Page) -> list:
    """One paragraph block per non-empty line of the rendering, as a text dump gives them."""
    from cleaner.record import Block

    lines = [line.strip() for line in render_text(page).splitlines() if line.strip()]
    return [Block("paragraph", line, i) for i, line in enumerate(lines)]


def text_chrome_extractor(model=None, name: str = "text-chrome") -> Extractor:
    """cleaner's text-chrome classifier alone, on one block per non-empty line of the rendering."""
    try:
        from cleaner.text_chrome import classify_chrome
    except Exception as error:
        return Extractor(name, None, f"unavailable: {type(error).__name__}: {error}")

    def run(page: Page) -> str:
        blocks = line_blocks(page)
        verdicts = classify_chrome(blocks, None, model=model)
        return "\n\n".join(b.text for b, v in zip(blocks, verdicts, strict=True) if v is None)

    return Extractor(name, run)


def text_rules_extractor() -> Extractor:
    """The text-chrome rules without the model on top, to show what the model adds."""
    from cleaner.text_chrome import (
        DEFAULT_THRESHOLDS,
        block_features,
        classify_by_rules,
        stopwords_for,
    )

    def run(page: Page) -> str:
        blocks = line_blocks(page)
        stopwords = stopwords_for(None, [b.text for b in blocks])
        features = [block_features(b.text, stopwords) for b in blocks]
        verdicts = classify_by_rules(blocks, features, DEFAULT_THRESHOLDS)
        return "\n\n".join(b.text for b, v in zip(blocks, verdicts, strict=True) if v is None)

    return Extractor("text-chrome-rules", run)


# --- fitting the text-chrome model ---------------------------------------------------------------

# Weighted logistic regression on standardised rows with the L2 penalty that had the best two-fold
# F1 (mean of fit on one half, scored on the other): 1e-3 -> 0.895, 3e-3 -> 0.895, 1e-2 -> 0.898,
# 3e-2 -> 0.895, 0.1 -> 0.886. Solved by L-BFGS to the optimum that 3,000 steps of gradient descent
# approached (the loss is convex), in a second or two instead of a minute per 30,000 lines.
FIT_L2 = 1e-2
LABEL_MIN_TOKENS = 4


def line_labels(blocks: Sequence, truth: str) -> list[float]:
    """1 for a line whose words occur, in order and whole, in the ground truth; else 0.

    A line of fewer than `LABEL_MIN_TOKENS` words ("India", "Share") is found in almost any truth
    by chance, so it is labelled body only next to a longer body line.
    """
    from scoring import tokenize

    joined = " " + " ".join(tokenize(truth)) + " "
    tokens = [tokenize(b.text) for b in blocks]
    found = [bool(t) and f" {' '.join(t)} " in joined for t in tokens]
    solid = [f and len(t) >= LABEL_MIN_TOKENS for f, t in zip(found, tokens, strict=True)]
    return [
        float(
            solid[i] or (found[i] and any(solid[j] for j in (i - 1, i + 1) if 0 <= j < len(solid)))
        )
        for i in range(len(blocks))
    ]


def fit_logistic(rows: list, labels: list, weights: list):
    """Weighted logistic regression; standardisation is folded back into the returned model."""
    import numpy as np
    from scipy.optimize import minimize

    from cleaner.text_chrome import LinearModel

    x, y, w = np.array(rows, float), np.array(labels, float), np.array(weights, float)
    mean, std = x.mean(0), x.std(0) + 1e-9
    z = np.hstack([np.ones((len(x), 1)), (x - mean) / std])
    share = w / w.sum()

    def loss_and_gradient(beta):
        margin = z @ beta
        # log(1 + e^m) - y*m, computed without overflow for large |m|
        loss = share @ (np.logaddexp(0.0, margin) - y * margin)
        gradient = z.T @ ((1 / (1 + np.exp(-margin)) - y) * share)
        penalty = np.concatenate([[0.0], beta[1:]])
        return loss + FIT_L2 / 2 * penalty @ penalty, gradient + FIT_L2 * penalty

    beta = minimize(
        loss_and_gradient,
        np.zeros(z.shape[1]),
        jac=True,
        method="L-BFGS-B",
        options={"maxiter": 5000, "gtol": 1e-9, "ftol": 1e-12},
    ).x
    coef = beta[1:] / std
    return LinearModel(float(beta[0] - (coef * mean).sum()), tuple(float(c) for c in coef))


def fit_text_chrome(pages: Sequence[Page]):
    """Fit both stages on `pages`; each page weighs the same, its lines by their words."""
    from cleaner.text_chrome import ChromeModel, context_rows, stage_one_rows

    pages_rows, labels, weights = [], [], []
    for page in pages:
        blocks = line_blocks(page)
        if not blocks:
            continue
        rows, features, _ = stage_one_rows(blocks, None)
        words = [max(1, f.words) for f in features]
        pages_rows.append((rows, features))
        labels += line_labels(blocks, page.truth)
        weights += [n / sum(words) for n in words]
    first = fit_logistic([r for rows, _ in pages_rows for r in rows], labels, weights)
    second_rows = [
        row
        for rows, features in pages_rows
        for row in context_rows(rows, [first.probability(r) for r in rows], features)
    ]
    return ChromeModel(first, fit_logistic(second_rows, labels, weights))


def model_literal(model) -> str:
    """The fitted model as Python source, wrapped to the line length, for cleaner/text_chrome.py."""
    import textwrap

    def linear(m) -> str:
        weights = textwrap.fill(
            ", ".join(f"{w:.5g}" for w in m.weights) + ",",
            width=98,
            initial_indent=" " * 8,
            subsequent_indent=" " * 8,
        )
        return f"LinearModel(\n        {m.bias:.5g},\n        (\n{weights}\n        ),\n    )"

    return (
        "# fmt: off\n"
        f"DEFAULT_MODEL = ChromeModel(\n    first={linear(model.first)},\n"
        f"    second={linear(model.second)},\n)\n"
        "# fmt: on"
    )


def text_extractors(dataset: str | None = None) -> list[Extractor]:
    """The text-mode rows; with `dataset`, also cleaner with the line model fitted on the other
    sets, the held-out figure the summary and README quote."""
    extractors = [
        Extractor("raw-text", render_text),
        Extractor("c4-lines", lambda p: c4_clean(render_text(p), page_filters=False)),
        Extractor("c4-page", lambda p: c4_clean(render_text(p), page_filters=True)),
        Extractor(
            "c4-lines-curly",
            lambda p: c4_clean(render_text(p), page_filters=False, end_marks=CURLY_END_MARKS),
        ),
        text_rules_extractor(),
        text_chrome_extractor(),
        cleaner_extractor(lambda page: (render_text(page), None)),
    ]
    if dataset is not None:
        extractors.append(held_out_cleaner(dataset))
    return extractors


HELD_OUT_TEXT_ROW = "cleaner held-out"


def held_out_cleaner(dataset: str) -> Extractor:
    """cleaner on the rendering, its line model fitted on every set but `dataset` (on first use)."""
    from unittest import mock

    import cleaner
    from cleaner import text_chrome

    def run(page: Page) -> str:
        with mock.patch.object(text_chrome, "DEFAULT_MODEL", held_out_model(dataset)):
            return cleaner.clean(render_text(page)).text

    return Extractor(HELD_OUT_TEXT_ROW, run)


@functools.cache
def held_out_model(dataset: str):
    """The line model fitted on the pages of every set except `dataset`."""
    return fit_text_chrome(
        [p for name in DATASETS if name != dataset for p in load_pages(None, None, name)]
    )


# --- running and reporting -----------------------------------------------------------------------


@dataclass(frozen=True, slots=True)
class Row:
    name: str
    scores: list[PageScore]
    seconds: float
    errors: int
    note: str = ""


def run_extractor(extractor: Extractor, pages: Sequence[Page], mode: str, out) -> Row:
    """Score one extractor on every page; a page that raises predicts nothing and is counted."""
    if extractor.run is None:
        return Row(extractor.name, [], 0.0, 0, extractor.note)
    scores, errors, seconds = [], 0, 0.0
    prepare_inputs(pages, mode)
    with suppress(Exception):  # warm-up; a failure is counted on the timed run below
        extractor.run(pages[0])
    for page in pages:
        start = time.process_time()
        try:
            prediction = extractor.run(page)
        except Exception as error:
            prediction, errors = "", errors + 1
            print(f"  {extractor.name} failed on {page.id[:12]}: {error!r}", file=sys.stderr)
        seconds += time.process_time() - start
        score = score_page(prediction, page.truth)
        scores.append(score)
        record = {
            "id": page.id,
            "url": page.url,
            "extractor": extractor.name,
            "precision": round(score.precision, 4),
            "recall": round(score.recall, 4),
            "tp": round(score.tp, 4),
            "fp": round(score.fp, 4),
            "fn": round(score.fn, 4),
            "chars": len(prediction),
        }
        out.write(json.dumps(record, sort_keys=True) + "\n")
    return Row(extractor.name, scores, seconds, errors)


def prepare_inputs(pages: Sequence[Page], mode: str) -> None:
    """In text mode, render each page before the clock starts."""
    if mode == "text":
        for page in pages:
            render_text(page)


def format_row(row: Row) -> str:
    if not row.scores:
        return f"| {row.name:<22} | {row.note or 'no pages'} |"
    summary = summarise(row.scores)
    rate = len(row.scores) / row.seconds if row.seconds else float("inf")
    errors = f" ({row.errors} errors)" if row.errors else ""
    return (
        f"| {row.name:<22} | {summary.precision:.3f} | {summary.recall:.3f} | {summary.f1:.3f} "
        f"| {rate:8.1f} |{errors}"
    )


def peer_versions() -> str:
    versions = []
    for name in PEERS:
        try:
            versions.append(f"{name} {importlib.metadata.version(name)}")
        except importlib.metadata.PackageNotFoundError:
            versions.append(f"{name} (not installed)")
    return ", ".join(versions)


def main(argv: Sequence[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument(
        "sets",
        nargs="*",
        metavar="SET",
        help=f"benchmark sets (default: all of {', '.join(DATASETS)})",
    )
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages of a set")
    parser.add_argument("--only", action="append", help="only the extractor(s) with this name")
    parser.add_argument("--half", type=int, choices=(0, 1), default=None, help="one half of pages")
    parser.add_argument(
        "--speed-rounds",
        type=int,
        default=SPEED_ROUNDS,
        help="rounds of the cleaner-vs-trafilatura speed comparison under the HTML table (0: none)",
    )
    parser.add_argument(
        "--fit-text-chrome",
        metavar="SET|all|shipped",
        help="fit the text-chrome model on every set but SET and score it on SET (or fit on all "
        "sets, or on the shipped model's: scrapinghub), and print the model to paste into "
        "cleaner/text_chrome.py",
    )
    args = parser.parse_args(argv)
    unknown = [name for name in args.sets if name not in DATASETS]
    if unknown or (args.fit_text_chrome not in (None, "all", "shipped", *DATASETS)):
        parser.error(f"unknown set {(unknown or [args.fit_text_chrome])[0]!r}; sets: {DATASETS}")
    if args.fit_text_chrome:
        return fit_and_report(args.fit_text_chrome, args.limit)

    sets = tuple(args.sets) or DATASETS
    modes = ("html", "text") if args.mode == "both" else (args.mode,)
    print(f"python {sys.version.split()[0]}; {peer_versions()}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    results: dict[tuple[str, str], dict[str, Row]] = {}
    every_page: list[Page] = []
    for dataset in sets:
        pages = load_pages(args.limit, args.half, dataset)
        every_page += pages
        for mode in modes:
            extractors = html_extractors() if mode == "html" else text_extractors(dataset)
            if args.only:
                extractors = [e for e in extractors if e.name in args.only]
            results[(dataset, mode)] = run_table(dataset, mode, pages, extractors, args.half)
    print(summary_table(results, sets, modes))
    if (
        "html" in modes
        and args.speed_rounds
        and {"cleaner", "trafilatura"} <= set(args.only or ("cleaner", "trafilatura"))
    ):
        named = {e.name: e for e in html_extractors() if e.run is not None}
        sample = every_page[:: max(1, len(every_page) // SPEED_PAGES)]
        contenders = [named[name] for name in SPEED_CONTENDERS if name in named]
        print(speed_comparison(contenders, named["trafilatura"], sample, args.speed_rounds))
    return 0


def run_table(
    dataset: str, mode: str, pages: list[Page], extractors: list[Extractor], half: int | None
) -> dict[str, Row]:
    """Print one set's table for one mode; per-page scores go to bench/out."""
    print(f"\n{dataset}, {mode} mode, {len(pages)} pages")
    print(f"| {'extractor':<22} | P     | R     | F1    | pages/s  |")
    print(f"|{'-' * 24}|-------|-------|-------|----------|")
    suffix = "" if half is None else f"_half{half}"
    rows = {}
    with open(OUT_DIR / f"extraction_{dataset}_{mode}{suffix}.jsonl", "w", encoding="utf-8") as out:
        for extractor in extractors:
            rows[extractor.name] = run_extractor(extractor, pages, mode, out)
            print(format_row(rows[extractor.name]), flush=True)
    return rows


def f1_of(row: Row | None) -> float | None:
    return summarise(row.scores).f1 if row is not None and row.scores else None


def summary_table(
    results: dict[tuple[str, str], dict[str, Row]], sets: Sequence[str], modes: Sequence[str]
) -> str:
    """cleaner against the best peer on every set, and the issue's one-line summary: the
    macro-average over the sets and the worst set's margin against its best peer (HTML), the
    macro-average and the worst set (text, with the model held out of the set it scores)."""
    lines = ["\nsummary (F1)", "| set | best HTML peer | peer | cleaner | margin | text cleaner |"]
    lines.append("|---|---|---|---|---|---|")
    html_f1, margins, text_f1 = {}, {}, {}
    for dataset in sets:
        html_rows, text_rows = (
            results.get((dataset, "html"), {}),
            results.get((dataset, "text"), {}),
        )
        peers = {name: f1_of(html_rows.get(name)) for name in HTML_PEERS}
        peers = {name: f1 for name, f1 in peers.items() if f1 is not None}
        best = max(peers, key=peers.__getitem__) if peers else None
        ours = f1_of(html_rows.get("cleaner"))
        text = f1_of(text_rows.get(HELD_OUT_TEXT_ROW)) or f1_of(text_rows.get("cleaner"))
        if ours is not None:
            html_f1[dataset] = ours
        if ours is not None and best is not None:
            margins[dataset] = ours - peers[best]
        if text is not None:
            text_f1[dataset] = text
        lines.append(
            f"| {dataset} | {best or '-'} | {fmt(peers.get(best))} | {fmt(ours)} "
            f"| {fmt(margins.get(dataset), signed=True)} | {fmt(text)} |"
        )
    if html_f1:
        worst = min(margins, key=margins.__getitem__) if margins else None
        lines.append(
            f"\nHTML: macro-average F1 {statistics.fmean(html_f1.values()):.3f} over "
            f"{len(html_f1)} sets; worst margin against the best peer "
            + (f"{margins[worst]:+.3f} ({worst})" if worst else "-")
        )
    if text_f1:
        worst_text = min(text_f1, key=text_f1.__getitem__)
        lines.append(
            f"text: macro-average F1 {statistics.fmean(text_f1.values()):.3f}; worst set "
            f"{worst_text} {text_f1[worst_text]:.3f}"
        )
    return "\n".join(lines)


def fmt(value: float | None, signed: bool = False) -> str:
    if value is None:
        return "-"
    return f"{value:+.3f}" if signed else f"{value:.3f}"


# Rounds of the speed comparison: each is four passes over the pages. The pages are an evenly
# spaced sample of every set run, about SPEED_PAGES of them (four passes: about a minute).
SPEED_ROUNDS = 2
SPEED_PAGES = 600


def speed_comparison(
    contenders: Sequence[Extractor], trafilatura: Extractor, pages: Sequence[Page], rounds: int
) -> str:
    """Each contender's pages/s as a share of trafilatura.extract's (the issue's target: 1.0).

    The table's pages/s come from one pass each, minutes apart; on a shared machine the clock
    drifts that much between them. Here whole passes alternate t-c-c-t, so drift and warm caches
    weigh on both alike (passes, not pages, because each library caches lines it has just seen:
    a page cleaned right after trafilatura read it would borrow its work)."""
    lines = [f"\nspeed on {len(pages)} pages, {2 * rounds} alternating passes each (CPU time):"]
    for contender in contenders:
        seconds = {"t": 0.0, "c": 0.0}
        run = {"t": trafilatura.run, "c": contender.run}
        for order in ("tc", "ct") * rounds:
            for who in order:
                start = time.process_time()
                for page in pages:
                    with suppress(Exception):  # a failing page is counted in the table above
                        run[who](page)
                seconds[who] += time.process_time() - start
        passes = 2 * rounds * len(pages)
        lines.append(
            f"trafilatura {passes / seconds['t']:.1f} pages/s, {contender.name} "
            f"{passes / seconds['c']:.1f} pages/s: {contender.name} at "
            f"{seconds['t'] / seconds['c']:.2f}x trafilatura's pages/s"
        )
    return "\n".join(lines)


# The sets the shipped text-chrome model (cleaner/text_chrome.py's DEFAULT_MODEL) is fitted on.
SHIPPED_FIT_SETS = ("scrapinghub",)


def fit_and_report(held_out: str, limit: int | None) -> int:
    """Fit on every set but `held_out` and score on it; or fit on all sets ("all"), or on the
    shipped model's sets ("shipped"), and score in-sample. Prints the model to paste into
    cleaner/text_chrome.py."""
    in_sample = {"all": DATASETS, "shipped": SHIPPED_FIT_SETS}
    train_sets = in_sample.get(held_out) or [name for name in DATASETS if name != held_out]
    train = [page for name in train_sets for page in load_pages(limit, None, name)]
    test = train if held_out in in_sample else load_pages(limit, None, held_out)
    model = fit_text_chrome(train)
    print(f"text-chrome model fitted on {', '.join(train_sets)}; {len(test)} pages scored")
    with open(OUT_DIR / f"extraction_text_fit_{held_out}.jsonl", "w", encoding="utf-8") as out:
        row = run_extractor(text_chrome_extractor(model), test, "text", out)
    print(format_row(row))
    print(model_literal(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
