"""Print the spin-detection figures of issue 5: false positives, recall, corpus mode, seeds, speed.

Reads the shared dev data at run time (`<repo>/../shared/data`, or CLEANER_SHARED_DATA):
`spin/dev_spun_scrapinghub.jsonl` (147 clean scrapinghub bodies, each spun four ways) and the
seeds. Each dev body is scored by the swap models of the fold that never saw it or its copies
(cross-fitting, tools/train_spin_model.py).

    python bench/bench_spin.py
"""

from __future__ import annotations

import json
import time
from collections import Counter, defaultdict

from bench_extraction import load_pages, render_text, shared_data

from cleaner.spin import THRESHOLDS, candidates, detect_spin, dev_fold, swap_probabilities
from cleaner.spin_corpus import find_spun_pairs

SETTINGS = [("wordnet", 0.1), ("wordnet", 0.2), ("wordnet", 0.3), ("pps_map", 1.0)]
LABELS = {
    ("wordnet", 0.1): "10% swapped",
    ("wordnet", 0.2): "20% swapped",
    ("wordnet", 0.3): "30% swapped",
    ("pps_map", 1.0): "mined map",
}


def fold_of(row: dict) -> int:
    return dev_fold(row.get("original_id") or row["id"])


def load_rows() -> list[dict]:
    path = shared_data() / "spin" / "dev_spun_scrapinghub.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def single_document(rows: list[dict]) -> float:
    """Out-of-fold verdicts per setting, signals alone; returns ms per article (shipped models)."""
    verdicts: dict[tuple[object, float], list[str]] = defaultdict(list)
    swap_alone: dict[tuple[object, float], list[bool]] = defaultdict(list)
    kinds: dict[str, Counter[str]] = defaultdict(Counter)
    elapsed = 0.0
    for row in rows:
        key = (row["spinner"], row["rate"])
        report = detect_spin(row["text"], held_out_fold=fold_of(row))
        verdicts[key].append(report.verdict)
        start = time.process_time()
        detect_spin(row["text"])
        elapsed += time.process_time() - start
        probs = swap_probabilities(candidates(row["text"]), held_out_fold=fold_of(row))
        rate = (probs**THRESHOLDS.swap_power).mean() if len(probs) else 0.0
        swap_alone[key].append(rate >= THRESHOLDS.spun_rate)
        kinds[row["label"]].update({e.kind for e in report.evidence})
    print("## Single document, out of fold ('spun'; 'spun or suspect' in brackets)\n")
    print("| clean FP | " + " | ".join(LABELS[s] for s in SETTINGS) + " |")
    print("|---|" + "---|" * len(SETTINGS))

    def share(key: tuple[object, float]) -> str:
        got = verdicts[key]
        spun = sum(v == "spun" for v in got) / len(got)
        flagged = sum(v != "clean" for v in got) / len(got)
        return f"{spun:.3f} [{flagged:.3f}]"

    print("| " + " | ".join(share(k) for k in [(None, 0.0), *SETTINGS]) + " |")
    print("\nSwap model alone (swap mass rate >= spun_rate, no minimum count), out of fold:")
    for key in [(None, 0.0), *SETTINGS]:
        got = swap_alone[key]
        print(f"  {LABELS.get(key, 'clean')}: {sum(got) / len(got):.3f}")
    print("\nEvidence kinds in suspect/spun verdicts (bodies with at least one span of the kind):")
    for label, counts in sorted(kinds.items()):
        print(f"  {label}: {dict(counts)}")
    return 1000 * elapsed / len(rows)


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
    candidates("warm up the tables")
    ms = single_document(rows)
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
