"""Print the spin-detection figures: held-out verdicts, corpus mode, seeds, speed.

Reads the shared data at run time (`<repo>/../shared/data`, or CLEANER_SHARED_DATA):
`spin/dev_spun_scrapinghub.jsonl` (147 clean scrapinghub bodies, each spun four ways), the
clean article texts of `cleaneval` and `dragnet` (2,110 more clean texts, and each of them spun
here with the spinner thesaurus, every input word replaced as the dev map rows were), the seeds.

The split, by article and by source: part A is dev fold 0 (by original id) with cleaneval,
part B dev fold 1 with dragnet (`FOLD_CLEAN_SETS`). Every text is scored by the word models that
never saw its part (the swap models learn from the other part's clean texts too). The verdict
thresholds are fitted on one part (`fit_thresholds`) and reported on the other, both ways; the
shipped thresholds are the same rule fitted on both parts, printed beside the ones in
`cleaner/spin.py`.

    python bench/bench_spin.py
"""

from __future__ import annotations

import json
import math
import random
import time
from collections import Counter, defaultdict
from typing import NamedTuple

import numpy as np
from bench_extraction import load_pages, render_text, shared_data

from cleaner.record import SpinEvidence
from cleaner.spin import (
    FOLD_CLEAN_SETS,
    STOPWORDS,
    THRESHOLDS,
    SpinThresholds,
    WordEvidence,
    detect_spin,
    dev_fold,
    gather_evidence,
    judge,
    respelled,
    tokenize,
)
from cleaner.spin_corpus import find_spun_pairs
from cleaner.spin_lexicon import lexicon

SETTINGS = [("wordnet", 0.1), ("wordnet", 0.2), ("wordnet", 0.3), ("pps_map", 1.0)]
LABELS = {
    (None, 0.0): "clean",
    ("wordnet", 0.1): "WordNet 10%",
    ("wordnet", 0.2): "WordNet 20%",
    ("wordnet", 0.3): "WordNet 30%",
    ("pps_map", 1.0): "thesaurus map",
}
# The fitting rule: each rate's "spun" threshold lets at most this share of the fitting part's
# clean texts reach it (the two rates together at most twice that), "suspect" this share.
SPUN_SHARE = 0.002
SUSPECT_SHARE = 0.004


class Judged(NamedTuple):
    """A text's evidence, gathered once and judged under each set of thresholds."""

    part: str  # "A" or "B"
    source: str
    setting: str  # a LABELS value
    words: WordEvidence
    templates: list[SpinEvidence]

    def verdict(self, thresholds: SpinThresholds) -> str:
        return judge(self.words, self.templates, thresholds).verdict


def fold_of(row: dict) -> int:
    return dev_fold(row.get("original_id") or row["id"])


def load_rows() -> list[dict]:
    path = shared_data() / "spin" / "dev_spun_scrapinghub.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def clean_bodies(dataset: str) -> list[str]:
    truth = json.loads((shared_data() / dataset / "ground-truth.json").read_text("utf-8"))
    return [truth[key]["articleBody"] for key in sorted(truth)]


def thesaurus_spinner() -> dict[int, np.ndarray]:
    """Input word id -> the thesaurus outputs that replace it (the map the dev rows used)."""
    lex = lexicon()
    lengths = np.diff(lex.thesaurus_start)
    outputs = np.repeat(np.arange(len(lengths)), lengths)
    by_input: dict[int, list[int]] = defaultdict(list)
    for output, word in zip(outputs.tolist(), lex.thesaurus_ids.tolist(), strict=True):
        by_input[word].append(output)
    return {word: np.array(outs) for word, outs in by_input.items()}


def spin_with_thesaurus(text: str, spinner: dict[int, np.ndarray], rng: random.Random) -> str:
    """Replace every thesaurus input word that is not a name or stopword by one of its outputs,
    keeping an initial capital, as the dev map rows were spun (99.5% of inputs replaced)."""
    lex = lexicon()
    tokens = tokenize(text)
    outputs = {
        i: lex.word(int(rng.choice(spinner[word_id].tolist())))
        for i, word_id in enumerate(tokens.ids.tolist())
        if word_id in spinner and not tokens.named[i] and tokens.words[i].lower() not in STOPWORDS
    }
    return respelled(text, tokens, outputs)[0]


def gather(rows: list[dict]) -> tuple[list[Judged], float]:
    """Every text of both parts, judged once; also the CPU ms per dev body (library models)."""
    out, elapsed = [], 0.0
    for row in rows:
        fold = fold_of(row)
        words, templates = gather_evidence(row["text"], held_out_fold=fold)
        setting = LABELS[(row["spinner"], row["rate"])]
        out.append(Judged("AB"[fold], f"scrapinghub dev fold {fold}", setting, words, templates))
        start = time.process_time()
        detect_spin(row["text"])
        elapsed += time.process_time() - start
    spinner, rng = thesaurus_spinner(), random.Random(13)
    for fold, dataset in enumerate(FOLD_CLEAN_SETS):
        for body in clean_bodies(dataset):
            spun = spin_with_thesaurus(body, spinner, rng)
            for setting, text in (("clean", body), ("thesaurus map", spun)):
                words, templates = gather_evidence(text, held_out_fold=fold)
                out.append(Judged("AB"[fold], dataset, setting, words, templates))
    return out, 1000 * elapsed / len(rows)


def fit_thresholds(judged: list[Judged]) -> SpinThresholds:
    """The four verdict rates from the clean texts of the fitting part (see SPUN_SHARE).

    A text with fewer than `min_flags` spans cannot be flagged, so it does not raise a rate.
    """
    clean = [j for j in judged if j.setting == "clean"]

    def cut(rates: list[float], share: float) -> float:
        allowed = int(share * len(rates))  # texts of the fitting part that may reach it
        return math.floor(sorted(rates, reverse=True)[allowed] * 1e5 + 1) / 1e5  # just above

    def rates(thesaurus: bool) -> list[float]:
        return [
            (j.words.thesaurus_rate if thesaurus else j.words.rate)
            if j.words.flags + j.words.thesaurus_flags >= THRESHOLDS.min_flags
            else 0.0
            for j in clean
        ]

    swap, thesaurus = rates(False), rates(True)
    return THRESHOLDS._replace(
        spun_rate=cut(swap, SPUN_SHARE),
        suspect_rate=cut(swap, SUSPECT_SHARE),
        thesaurus_spun_rate=cut(thesaurus, SPUN_SHARE),
        thesaurus_suspect_rate=cut(thesaurus, SUSPECT_SHARE),
    )


def verdict_table(judged: list[Judged], thresholds: SpinThresholds) -> list[str]:
    """One line per source and setting: texts, 'spun' share and ['spun' or 'suspect']."""
    groups: dict[tuple[str, str], list[str]] = defaultdict(list)
    for j in judged:
        groups[(j.source, j.setting)].append(j.verdict(thresholds))
    lines = []
    for (source, setting), got in sorted(groups.items()):
        spun = sum(v == "spun" for v in got)
        flagged = sum(v != "clean" for v in got)
        lines.append(
            f"| {source} | {setting} | {len(got)} | {spun} ({spun / len(got):.3f}) "
            f"| {flagged} ({flagged / len(got):.3f}) |"
        )
    return lines


def describe(t: SpinThresholds) -> str:
    return (
        f"spun_rate {t.spun_rate:.5f}, suspect_rate {t.suspect_rate:.5f}, "
        f"thesaurus_spun_rate {t.thesaurus_spun_rate:.5f}, "
        f"thesaurus_suspect_rate {t.thesaurus_suspect_rate:.5f}"
    )


def held_out(judged: list[Judged]) -> None:
    print("## Single document, held out\n")
    print("Part A: scrapinghub dev fold 0 + cleaneval; part B: dev fold 1 + dragnet.")
    pooled: list[tuple[Judged, str]] = []
    for fit_part, report_part in (("A", "B"), ("B", "A")):
        fitted = fit_thresholds([j for j in judged if j.part == fit_part])
        reported = [j for j in judged if j.part == report_part]
        pooled += [(j, j.verdict(fitted)) for j in reported]
        print(f"\n### Fitted on part {fit_part}, reported on part {report_part}\n")
        print(f"thresholds: {describe(fitted)}\n")
        print("| source | setting | texts | spun | spun or suspect |")
        print("|---|---|---|---|---|")
        print("\n".join(verdict_table(reported, fitted)))
    print("\n### Pooled held-out figures (each text judged by the part it was not fitted on)\n")
    by_setting: dict[str, list[str]] = defaultdict(list)
    for j, verdict in pooled:
        by_setting[j.setting].append(verdict)
    for setting, got in sorted(by_setting.items()):
        spun = sum(v == "spun" for v in got) / len(got)
        flagged = sum(v != "clean" for v in got) / len(got)
        print(f"  {setting}: {len(got)} texts, spun {spun:.4f}, spun or suspect {flagged:.4f}")
    shipped = fit_thresholds(judged)
    print(f"\nFitted on both parts (to ship): {describe(shipped)}")
    print(f"In cleaner/spin.py:              {describe(THRESHOLDS)}")
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    for j in judged:
        report = judge(j.words, j.templates)
        kinds[j.setting].update({e.kind for e in report.evidence})
    print("\nEvidence kinds in suspect/spun verdicts (texts with at least one span of the kind):")
    for setting, counts in sorted(kinds.items()):
        print(f"  {setting}: {dict(counts)}")


def corpus_mode(rows: list[dict]) -> None:
    clean = [r for r in rows if r["label"] == "clean"]
    index = {r["id"]: k for k, r in enumerate(clean)}
    print("\n## Corpus mode (147 originals + 147 spun copies per batch)\n")
    print("| setting | recall (right original and direction) | false pairs | pairs judged | s |")
    print("|---|---|---|---|---|")
    for setting in SETTINGS:
        spun = [r for r in rows if (r["spinner"], r["rate"]) == setting]
        texts = [r["text"] for r in clean] + [r["text"] for r in spun]
        truth = {(len(clean) + k, index[r["original_id"]]) for k, r in enumerate(spun)}
        start = time.perf_counter()
        found = {(p.spun_index, p.original_index) for p in find_spun_pairs(texts)}
        seconds = time.perf_counter() - start
        false = {frozenset(p) for p in found} - {frozenset(p) for p in truth}
        n_pairs = len(texts) * (len(texts) - 1) // 2
        recall = len(found & truth) / len(truth)
        print(
            f"| {LABELS[setting]} | {recall:.3f} | {len(false)} ({len(false) / n_pairs:.4%}) "
            f"| {n_pairs} | {seconds:.1f} |"
        )
    trimmed = ["\n\n".join(r["text"].split("\n\n")[::2]) for r in clean]
    found = find_spun_pairs([r["text"] for r in clean] + trimmed)
    print(
        f"\nNegative control: 147 originals + copies with every other paragraph dropped "
        f"(duplicates, not spun): {len(found)} spun pairs reported"
    )


def more_clean_text() -> None:
    """False positives on clean text never used in fitting: other scrapinghub bodies, Leipzig."""
    bodies = json.loads((shared_data() / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    units = [
        json.loads(line)
        for line in (shared_data() / "mojibake" / "clean_units.jsonl").open(encoding="utf-8")
    ]
    by_lang: dict[str, list[str]] = defaultdict(list)
    for unit in units:
        by_lang["en" if unit["lang"] == "en" else "other"].append(unit["text"])
    sets = {
        "scrapinghub ground truth, all 181 bodies (34 not in the dev set)": [
            b["articleBody"] for b in bodies.values()
        ],
        "Leipzig English sentences, 25 per pseudo-article": chunks(by_lang["en"]),
        "Leipzig/UDHR, ~70 other languages, 25 units per pseudo-article": chunks(by_lang["other"]),
    }
    print("\n## More clean text (verdicts)\n")
    for name, texts in sets.items():
        counts = Counter(detect_spin(t).verdict for t in texts)
        print(f"  {name}: {len(texts)} texts, {dict(counts)}")


def chunks(units: list[str], size: int = 25) -> list[str]:
    return ["\n\n".join(units[i : i + size]) for i in range(0, len(units), size)]


def seeds() -> None:
    paths = sorted((shared_data().parent / "seeds").glob("*.txt"))
    texts = [p.read_text(encoding="utf-8") for p in paths]
    print("\n## Seeds\n")
    for path, text in zip(paths, texts, strict=True):
        report = detect_spin(text)
        print(
            f"  {path.name}: {report.verdict} (score {report.score}, {len(report.evidence)} spans)"
        )
    for pair in find_spun_pairs(texts):
        print(
            f"  corpus: {paths[pair.spun_index].name} is a spun copy of "
            f"{paths[pair.original_index].name}, {len(pair.swaps)} swaps, score {pair.score}"
        )


def share_of_text_cleaning() -> tuple[float, float]:
    """CPU ms per page of text-mode cleaning (spin included), and the share spin takes of it.

    Text mode is the issue's yardstick: the scrapinghub pages rendered with html-text, as in
    `bench/bench_extraction.py --mode text` (its own loader and rendering); best of three passes.
    """
    import cleaner

    texts = [render_text(page) for page in load_pages(None, None)]
    cleaner.clean(texts[0])
    best_clean = best_spin = float("inf")
    for _ in range(3):
        start = time.process_time()
        bodies = [cleaner.clean(text).text for text in texts]
        cleaned = time.process_time()
        for body in bodies:
            detect_spin(body)
        best_clean = min(best_clean, cleaned - start)
        best_spin = min(best_spin, time.process_time() - cleaned)
    return best_clean / len(texts) * 1000, best_spin / best_clean


def main() -> None:
    rows = load_rows()
    detect_spin("warm up the tables")
    judged, ms = gather(rows)
    held_out(judged)
    more_clean_text()
    corpus_mode(rows)
    seeds()
    print(f"\n## Speed\n\n  detect_spin: {ms:.1f} ms CPU per article, mean over {len(rows)} bodies")
    clean_ms, share = share_of_text_cleaning()
    print(
        f"  text-mode cleaning of the 181 scrapinghub pages: {clean_ms:.1f} ms CPU a page, spin "
        f"{share:.1%} of it, so it adds {share / (1 - share):.1%} to the rest"
    )


if __name__ == "__main__":
    main()
