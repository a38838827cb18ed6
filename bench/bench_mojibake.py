"""Mojibake repair benchmark: `cleaner.repair.repair_text` side by side with plain ftfy.

Reads the development data from `$CLEANER_SHARED_DATA` (default `<repo>/../shared/data`) and prints
exact-repair and detection rates by kind of breakage, the share of clean units changed (listing the
changed ones under `bench/out/`), ftfy's own test cases, and MB/s on clean and on broken text.

Comparisons are made in canonical form (NFC, runs of spaces collapsed) for every fixer alike, so a
fixer is not counted wrong merely for composing accents or collapsing spaces.

    python bench/bench_mojibake.py [--quick]
"""

from __future__ import annotations

import argparse
import json
import os
import sys
import time
from collections import defaultdict
from collections.abc import Callable
from pathlib import Path

import ftfy

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.repair import canonical_form, repair_text  # noqa: E402

SHARED = Path(os.environ.get("CLEANER_SHARED_DATA", ROOT.parent / "shared" / "data"))
OUT = ROOT / "bench" / "out"

ENGLISH_ASCII_SHARE = 0.97
# A fixer maps a text to (output, found): `found` says whether it reported damage.
Fixer = Callable[[str], tuple[str, bool]]


def run_cleaner(text: str) -> tuple[str, bool]:
    fixed, fixes = repair_text(text)
    return fixed, bool(fixes)


def run_fix_text(text: str) -> tuple[str, bool]:
    fixed = ftfy.fix_text(text)
    return fixed, fixed != text


def run_fix_encoding(text: str) -> tuple[str, bool]:
    fixed = ftfy.fix_encoding(text)
    return fixed, fixed != text


FIXERS: dict[str, Fixer] = {
    "cleaner": run_cleaner,
    "ftfy.fix_text": run_fix_text,
    "ftfy.fix_encoding": run_fix_encoding,
}


def read_jsonl(path: Path) -> list[dict]:
    with path.open(encoding="utf-8") as lines:
        return [json.loads(line) for line in lines]


def display_form(text: str) -> str:
    """ftfy's display-only normalisations, which cleaner deliberately leaves out of its records."""
    text = ftfy.fixes.uncurl_quotes(text)
    text = ftfy.fixes.fix_latin_ligatures(text)
    return canonical_form(ftfy.fixes.fix_character_width(text))


def synthetic_table(rows: list[dict]) -> list[str]:
    """Exact repair (lossless rows) and detection (rows whose broken text differs) by `how`."""
    exact: dict[tuple[str, str], list[bool]] = defaultdict(list)
    found: dict[tuple[str, str], list[bool]] = defaultdict(list)
    for row in rows:
        target = canonical_form(row["clean"])
        for name, fixer in FIXERS.items():
            out, flagged = fixer(row["broken"])
            for how in (row["how"], "ALL"):
                if row["lossless"]:
                    exact[name, how].append(canonical_form(out) == target)
                if row["broken"] != row["clean"]:
                    found[name, how].append(flagged)
    hows = [*sorted({row["how"] for row in rows}), "ALL"]
    lines = [
        "exact repair (lossless rows) / detection (broken rows), by how",
        f"{'how':32} {'n':>5} " + " ".join(f"{name:>22}" for name in FIXERS),
    ]
    for how in hows:
        cells = []
        for name in FIXERS:
            e, f = exact.get((name, how), []), found.get((name, how), [])
            cells.append(f"{rate(e):>10} / {rate(f):>9}")
        n = sum(1 for row in rows if how in (row["how"], "ALL"))
        lines.append(f"{how:32} {n:>5} " + " ".join(f"{c:>22}" for c in cells))
    return lines


def rate(results: list[bool]) -> str:
    return f"{sum(results) / len(results):.3f}" if results else "-"


def clean_units_table(units: list[dict]) -> list[str]:
    """Share of clean units changed beyond canonical form; the changes are written for review."""
    OUT.mkdir(parents=True, exist_ok=True)
    lines = [
        "clean units changed (beyond canonical form; raw = any character changed;"
        " flagged = damage reported)"
    ]
    for name, fixer in FIXERS.items():
        changed, raw, flagged = [], 0, 0
        for unit in units:
            out, found = fixer(unit["text"])
            raw += out != unit["text"]
            flagged += found
            if canonical_form(out) != canonical_form(unit["text"]):
                changed.append({"lang": unit["lang"], "before": unit["text"], "after": out})
        path = OUT / f"clean_changed_{name}.jsonl"
        path.write_text("".join(json.dumps(c, ensure_ascii=False) + "\n" for c in changed))
        lines.append(
            f"{name:22} {len(changed) / len(units):.4f} ({len(changed)}/{len(units)})"
            f"  raw {raw / len(units):.4f}  flagged {flagged / len(units):.4f}"
            f"  -> {path.relative_to(ROOT)}"
        )
    return lines


def ftfy_cases_table(cases: list[dict]) -> list[str]:
    """ftfy's own cases: passing ones must pass; known failures are counted as a bonus."""
    lines = ["ftfy test cases (expect=pass / known failures fixed)"]
    for name, fixer in FIXERS.items():
        passed, bonus, failures = 0, 0, []
        for case in cases:
            out, _ = fixer(case["original"])
            ok = out == canonical_form(case["fixed_encoding"]) or display_form(out) == (
                canonical_form(case["fixed"])
            )
            if case["expect"] == "pass":
                passed += ok
                if not ok:
                    failures.append(case["id"])
            else:
                bonus += ok
        total = sum(case["expect"] == "pass" for case in cases)
        known = len(cases) - total
        lines.append(f"{name:22} {passed}/{total}  known failures fixed {bonus}/{known} {failures}")
    return lines


def speed_table(corpora: dict[str, list[str]], repeat: int) -> list[str]:
    """MB/s of UTF-8 input, a block per call, best of `repeat` runs in this one process, by CPU
    time (process_time), so other jobs on a shared machine disturb the figure less."""
    lines = [
        f"speed, MB/s of CPU time (best of {repeat})",
        f"{'text':34} " + " ".join(f"{n:>18}" for n in FIXERS),
    ]
    for label, blocks in corpora.items():
        size = sum(len(block.encode("utf-8")) for block in blocks) / 1e6
        cells = []
        for fixer in FIXERS.values():
            best = min(timed(fixer, blocks) for _ in range(repeat))
            cells.append(f"{size / best:>18.1f}")
        lines.append(f"{label:34} " + " ".join(cells))
    return lines


def timed(fixer: Fixer, blocks: list[str]) -> float:
    start = time.process_time()
    for block in blocks:
        fixer(block)
    return time.process_time() - start


def news_paragraphs(english_only: bool) -> list[str]:
    """Clean typographic news: scrapinghub's ground-truth bodies, a paragraph a block; with
    `english_only`, the pages that are at least ENGLISH_ASCII_SHARE ASCII (English news with
    curly quotes and dashes), else all 181 pages (some are Russian, Chinese, ...)."""
    truth = json.loads((SHARED / "scrapinghub" / "ground-truth.json").read_text("utf-8"))
    bodies = [page["articleBody"] for page in truth.values()]
    if english_only:
        bodies = [b for b in bodies if sum(c.isascii() for c in b) >= ENGLISH_ASCII_SHARE * len(b)]
    return [p for body in bodies for p in body.split("\n") if p.strip()]


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--quick", action="store_true", help="a 5000-unit sample of clean units")
    args = parser.parse_args()
    if not SHARED.is_dir():
        sys.exit(f"development data missing: {SHARED} (set CLEANER_SHARED_DATA)")
    data = SHARED / "mojibake"
    synthetic = read_jsonl(data / "synthetic.jsonl")
    units = read_jsonl(data / "clean_units.jsonl")
    if args.quick:
        units = units[:: max(1, len(units) // 5000)]
    report = [f"data: {SHARED}   ftfy {ftfy.__version__}   python {sys.version.split()[0]}", ""]
    report += [*synthetic_table(synthetic), ""]
    report += [*clean_units_table(units), ""]
    report += [*ftfy_cases_table(read_jsonl(data / "ftfy_cases.jsonl")), ""]
    broken = [row["broken"] for row in synthetic if row["broken"] != row["clean"]]
    corpora = {
        "clean English news (scrapinghub)": news_paragraphs(english_only=True),
        "clean news (all scrapinghub pages)": news_paragraphs(english_only=False),
        "clean units (70 languages)": [u["text"] for u in units],
        "broken synthetic": broken,
    }
    report += speed_table(corpora, repeat=1 if args.quick else 3)
    report.append(f"(load average at the end: {os.getloadavg()[0]:.2f} on {os.cpu_count()} cores)")
    print("\n".join(report))


if __name__ == "__main__":
    main()
