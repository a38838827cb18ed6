"""Print the spin-detection figures of issue 5: false positives, recall, corpus mode, seeds, speed.

Reads the shared dev data at run time (`<repo>/../shared/data`, or CLEANER_SHARED_DATA):
`spin/dev_spun_scrapinghub.jsonl` (147 clean scrapinghub bodies, each spun four ways) and the
seeds. The swap model was fitted on the "fit" half of the originals (tools/train_spin_model.py);
the "held" half was never seen in fitting or threshold setting, so its column is the honest one.

    python bench/bench_spin.py
"""

from __future__ import annotations

import json
import os
import time
from collections import Counter, defaultdict
from pathlib import Path

from cleaner.spin import THRESHOLDS, candidates, detect_spin, swap_probabilities
from cleaner.spin_corpus import find_spun_pairs

SETTINGS = [("wordnet", 0.1), ("wordnet", 0.2), ("wordnet", 0.3), ("pps_map", 1.0)]
LABELS = {
    ("wordnet", 0.1): "10% swapped",
    ("wordnet", 0.2): "20% swapped",
    ("wordnet", 0.3): "30% swapped",
    ("pps_map", 1.0): "mined map",
}


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("CLEANER_SHARED_DATA", default))


def half(row: dict) -> str:
    return "fit" if int((row.get("original_id") or row["id"])[:2], 16) % 2 == 0 else "held"


def load_rows() -> list[dict]:
    path = shared_data() / "spin" / "dev_spun_scrapinghub.jsonl"
    return [json.loads(line) for line in path.open(encoding="utf-8")]


def single_document(rows: list[dict]) -> float:
    """Verdicts per half and setting; returns ms per article."""
    verdicts: dict[tuple[str, object, float], list[str]] = defaultdict(list)
    swap_alone: dict[tuple[str, object, float], list[bool]] = defaultdict(list)
    kinds: dict[str, dict[str, int]] = defaultdict(lambda: defaultdict(int))
    elapsed = 0.0
    for row in rows:
        start = time.perf_counter()
        report = detect_spin(row["text"])
        elapsed += time.perf_counter() - start
        key = (half(row), row["spinner"], row["rate"])
        verdicts[key].append(report.verdict)
        probs = swap_probabilities(candidates(row["text"]))
        rate = (probs >= THRESHOLDS.swap_probability).mean() if len(probs) else 0.0
        swap_alone[key].append(rate >= THRESHOLDS.spun_rate)
        for e in {e.kind for e in detect_spin(row["text"], "en", THRESHOLDS).evidence}:
            kinds[row["label"]][e] += 1
    print("## Single document (verdict 'spun'; 'spun or suspect' in brackets)\n")
    print("| half | clean FP | " + " | ".join(LABELS[s] for s in SETTINGS) + " |")
    print("|---|---|" + "---|" * len(SETTINGS))
    for h in ("fit", "held", "all"):
        halves = ("fit", "held") if h == "all" else (h,)

        def share(spinner: object, rate: float, accept: tuple[str, ...], hs=halves) -> str:
            got = [v for x in hs for v in verdicts[(x, spinner, rate)]]
            n = sum(v in accept for v in got)
            return f"{n / len(got):.3f}"

        fp = f"{share(None, 0.0, ('spun',))} [{share(None, 0.0, ('spun', 'suspect'))}]"
        cells = [
            f"{share(s, r, ('spun',))} [{share(s, r, ('spun', 'suspect'))}]" for s, r in SETTINGS
        ]
        print(f"| {h} | {fp} | " + " | ".join(cells) + " |")
    print("\nSwap model alone (rate >= spun_rate, no minimum count), all bodies:")
    for spinner, rate in [(None, 0.0), *SETTINGS]:
        got = [v for x in ("fit", "held") for v in swap_alone[(x, spinner, rate)]]
        name = LABELS.get((spinner, rate), "clean")
        print(f"  {name}: {sum(got) / len(got):.3f}")
    print("\nRule signals, bodies with at least one span of the kind (of a suspect/spun verdict):")
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


def main() -> None:
    rows = load_rows()
    candidates("warm up the tables")
    ms = single_document(rows)
    more_clean_text()
    corpus_mode(rows)
    seeds()
    print(
        f"\n## Speed\n\n  detect_spin: {ms:.1f} ms per article (mean over {len(rows)} dev bodies)"
    )


if __name__ == "__main__":
    main()
