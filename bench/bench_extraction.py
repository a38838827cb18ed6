"""Body-text extraction benchmark on the scrapinghub Article Extraction Benchmark (DESIGN s. 6).

One run prints precision / recall / F1 (the benchmark's own shingle metric, `bench/scoring.py`) and
pages per second for `cleaner` and its peers, in two modes. Pages/s is per CPU second of this
process (`time.process_time`), so that a busy machine slows the clock less than the wall; each
extractor first runs on one page off the clock, so that it is throughput: a language model or
rule packs loaded on first use, 0.7 s for cleaner, are not spread over the pages like per-page
work. Under the HTML table, cleaner's pages/s as a share of trafilatura's (the speed target),
from alternating passes of the two (`--speed-rounds`):

- html: the page's bytes go in (trafilatura default and favor_precision, readability-lxml, cleaner);
- text: the page is first rendered to full-page plain text with `html-text`, then cleaned as text
  (the raw rendering itself, C4's line rules, cleaner's text-chrome classifier alone, cleaner).

Per-page scores go to `bench/out/extraction_<mode>.jsonl` so regressions can be traced to pages.

    python bench/bench_extraction.py --mode both
    python bench/bench_extraction.py --mode text --only c4-lines --limit 20
    python bench/bench_extraction.py --mode text --half 0   # tune on one half, report on the other

Data is read at run time from `<repo>/../shared/data/scrapinghub` (or `$CLEANER_SHARED_DATA`).
"""

from __future__ import annotations

import argparse
import gzip
import hashlib
import importlib.metadata
import json
import os
import re
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


@dataclass(frozen=True, slots=True)
class Page:
    id: str
    url: str
    html: bytes
    truth: str


@dataclass(frozen=True, slots=True)
class Extractor:
    """A named way to turn one page into body text; `run` is None when it cannot be loaded."""

    name: str
    run: Callable[[Page], str] | None
    note: str = ""


def shared_data() -> Path:
    return Path(os.environ.get("CLEANER_SHARED_DATA") or REPO.parent / "shared" / "data")


def load_pages(limit: int | None, half: int | None) -> list[Page]:
    """The benchmark pages in id order; `half` keeps the pages whose id hash has that parity."""
    root = shared_data() / "scrapinghub"
    truth = json.loads((root / "ground-truth.json").read_text(encoding="utf-8"))
    ids = sorted(truth)
    if half is not None:
        ids = [i for i in ids if page_half(i) == half]
    pages = []
    for page_id in ids[:limit]:
        html = gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes())
        pages.append(Page(page_id, truth[page_id]["url"], html, truth[page_id]["articleBody"]))
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
) -> Extractor:
    """`cleaner.clean` on what `source` gives, or an unavailable row if the API cannot load."""
    try:
        import cleaner
    except Exception as error:
        return Extractor(name, None, f"unavailable: {type(error).__name__}: {error}")
    settings = cleaner.Settings(site_config=site_config)

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

    if page.id not in _RENDERED:
        _RENDERED[page.id] = html_text.extract_text(html_str(page))
    return _RENDERED[page.id]


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

# Gradient descent on standardised rows: enough steps that the loss no longer moves (checked by
# doubling them), and the L2 penalty with the best two-fold F1 (mean of fit on one half, scored on
# the other): 1e-3 -> 0.895, 3e-3 -> 0.895, 1e-2 -> 0.898, 3e-2 -> 0.895, 0.1 -> 0.886.
FIT_STEPS = 3000
FIT_RATE = 0.5
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

    from cleaner.text_chrome import LinearModel

    x, y, w = np.array(rows, float), np.array(labels, float), np.array(weights, float)
    mean, std = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / std
    z = np.hstack([np.ones((len(z), 1)), z])
    beta = np.zeros(z.shape[1])
    for _ in range(FIT_STEPS):
        p = 1 / (1 + np.exp(-z @ beta))
        penalty = FIT_L2 * np.concatenate([[0.0], beta[1:]])
        beta -= FIT_RATE * (z.T @ ((p - y) * w) / w.sum() + penalty)
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


def text_extractors() -> list[Extractor]:
    return [
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
    parser.add_argument("--mode", choices=("html", "text", "both"), default="both")
    parser.add_argument("--limit", type=int, default=None, help="only the first N pages")
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
        choices=("0", "1", "all"),
        help="fit the text-chrome model on half 0, half 1 or all pages, score it on the other "
        "half (or all), and print the model to paste into cleaner/text_chrome.py",
    )
    args = parser.parse_args(argv)
    if args.fit_text_chrome:
        return fit_and_report(args.fit_text_chrome, args.limit)

    pages = load_pages(args.limit, args.half)
    print(f"{len(pages)} pages; python {sys.version.split()[0]}; {peer_versions()}")
    OUT_DIR.mkdir(parents=True, exist_ok=True)
    modes = ("html", "text") if args.mode == "both" else (args.mode,)
    for mode in modes:
        extractors = html_extractors() if mode == "html" else text_extractors()
        if args.only:
            extractors = [e for e in extractors if e.name in args.only]
        print(f"\n{mode} mode\n| {'extractor':<22} | P     | R     | F1    | pages/s  |")
        print(f"|{'-' * 24}|-------|-------|-------|----------|")
        suffix = "" if args.half is None else f"_half{args.half}"
        with open(OUT_DIR / f"extraction_{mode}{suffix}.jsonl", "w", encoding="utf-8") as out:
            for extractor in extractors:
                print(format_row(run_extractor(extractor, pages, mode, out)), flush=True)
        named = {e.name: e for e in extractors if e.run is not None}
        if mode == "html" and args.speed_rounds and {"cleaner", "trafilatura"} <= named.keys():
            print(
                speed_comparison(named["cleaner"], named["trafilatura"], pages, args.speed_rounds)
            )
    return 0


# Rounds of the speed comparison: each is four passes over the pages (about 10 s for the 181).
SPEED_ROUNDS = 2


def speed_comparison(
    cleaner: Extractor, trafilatura: Extractor, pages: Sequence[Page], rounds: int
) -> str:
    """cleaner's pages/s as a share of trafilatura.extract's (the issue's target: 0.8 or more).

    The table's pages/s come from one pass each, minutes apart; on a shared machine the clock
    drifts that much between them. Here whole passes alternate t-c-c-t, so drift and warm caches
    weigh on both alike (passes, not pages, because each library caches lines it has just seen:
    a page cleaned right after trafilatura read it would borrow its work)."""
    seconds = {"t": 0.0, "c": 0.0}
    run = {"t": trafilatura.run, "c": cleaner.run}
    for order in ("tc", "ct") * rounds:
        for who in order:
            start = time.process_time()
            for page in pages:
                with suppress(Exception):  # a failing page is counted in the table above
                    run[who](page)
            seconds[who] += time.process_time() - start
    passes = 2 * rounds * len(pages)
    return (
        f"\nspeed, {2 * rounds} alternating passes each: trafilatura {passes / seconds['t']:.1f} "
        f"pages/s, cleaner {passes / seconds['c']:.1f} pages/s: "
        f"cleaner at {seconds['t'] / seconds['c']:.2f}x trafilatura's pages/s (CPU time)"
    )


def fit_and_report(which: str, limit: int | None) -> int:
    """Fit on one half (or all) and score on the other half (or, in-sample, on all)."""
    train = load_pages(limit, None if which == "all" else int(which))
    test = train if which == "all" else load_pages(limit, 1 - int(which))
    model = fit_text_chrome(train)
    label = (
        "in-sample, all pages" if which == "all" else f"fit on half {which}, scored on the other"
    )
    print(f"text-chrome model ({label}), {len(test)} pages scored")
    with open(OUT_DIR / f"extraction_text_fit{which}.jsonl", "w", encoding="utf-8") as out:
        row = run_extractor(text_chrome_extractor(model), test, "text", out)
    print(format_row(row))
    print(model_literal(model))
    return 0


if __name__ == "__main__":
    sys.exit(main())
