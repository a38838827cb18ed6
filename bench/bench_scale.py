"""Throughput and memory of `cleaner clean` at scale: 1 and 2 jobs, HTML pages and a text stream.

Runs the installed command as a user would (a subprocess per measurement) and prints a table:
pages/s over the whole run (start-up included) and in steady state (first record out to last),
and peak RSS of the whole process tree (parent, fork server, workers; sampled every 0.2 s).

    python bench/bench_scale.py                      # everything (about 20 minutes on 2 cores)
    python bench/bench_scale.py --only html          # scrapinghub pages, 1 vs 2 jobs
    python bench/bench_scale.py --only text --speed-records 5000
    python bench/bench_scale.py --only rss --rss-records 10000,100000

HTML: the scrapinghub benchmark's 181 pages (read from ../shared/data at run time), repeated
`--html-repeat` times so that start-up is not most of the run. Text: a generated JSON Lines stream
of short articles (four paragraphs drawn from the golden seeds plus a numbered line, so no two
records are equal), written to a temporary folder, never into the project.
"""

from __future__ import annotations

import argparse
import contextlib
import json
import os
import random
import subprocess
import sys
import tempfile
import threading
import time
from dataclasses import dataclass
from pathlib import Path

import psutil

ROOT = Path(__file__).resolve().parent.parent
SHARED_DATA = Path(os.environ.get("CLEANER_SHARED_DATA", ROOT.parent / "shared" / "data"))
RSS_SAMPLE_SECONDS = 0.2


@dataclass(frozen=True)
class Run:
    label: str
    jobs: int
    inputs: int
    seconds: float
    steady_seconds: float
    peak_rss_mib: float
    load: float

    @property
    def rate(self) -> float:
        return self.inputs / self.seconds

    @property
    def steady_rate(self) -> float:
        return (self.inputs - 1) / self.steady_seconds if self.steady_seconds > 0 else 0.0


def tree_rss(process: psutil.Process) -> int:
    total = 0
    for proc in [process, *process.children(recursive=True)]:
        with contextlib.suppress(psutil.Error):
            total += proc.memory_info().rss
    return total


def measure(label: str, args: list[str], jobs: int) -> Run:
    """Run `cleaner clean ARGS -j JOBS`, timing each record line and sampling RSS."""
    command = [sys.executable, "-m", "cleaner", "clean", *args, "-j", str(jobs), "--no-progress"]
    load = os.getloadavg()[0]
    started = time.perf_counter()
    proc = subprocess.Popen(command, stdout=subprocess.PIPE, stderr=subprocess.DEVNULL)
    stamps: list[float] = []

    def read() -> None:
        assert proc.stdout is not None
        for _ in proc.stdout:
            stamps.append(time.perf_counter())

    reader = threading.Thread(target=read, daemon=True)
    reader.start()
    watched = psutil.Process(proc.pid)
    peak = 0
    while proc.poll() is None:
        try:
            peak = max(peak, tree_rss(watched))
        except psutil.Error:
            break
        time.sleep(RSS_SAMPLE_SECONDS)
    reader.join()
    seconds = time.perf_counter() - started
    steady = stamps[-1] - stamps[0] if len(stamps) > 1 else 0.0
    return Run(label, jobs, len(stamps), seconds, steady, peak / 2**20, load)


def seed_paragraphs() -> list[str]:
    paragraphs = []
    for case in sorted((ROOT / "golden").glob("*/input.txt")):
        text = case.read_text("utf-8")
        paragraphs.extend(p.strip() for p in text.split("\n\n") if len(p.split()) >= 12)
    return paragraphs


def write_text_stream(path: Path, count: int) -> None:
    """`count` JSON Lines records of about 1 KB: four seed paragraphs and a numbered line."""
    rng = random.Random(6)
    pool = seed_paragraphs()
    with path.open("w", encoding="utf-8") as out:
        for n in range(count):
            body = rng.sample(pool, 4)
            body.insert(2, f"Record {n} of the generated stream, line {rng.randrange(10**6)}.")
            out.write(json.dumps({"id": f"r{n}", "text": "\n\n".join(body), "batch": 1}) + "\n")


def html_runs(repeat: int) -> list[Run]:
    folder = SHARED_DATA / "scrapinghub" / "html"
    if not folder.is_dir():
        sys.exit(f"missing {folder} (set CLEANER_SHARED_DATA)")
    pages = len(list(folder.glob("*.html.gz")))
    label = f"html: scrapinghub {pages} pages x{repeat}"
    args = [str(folder)] * repeat
    return [measure(label, args, jobs) for jobs in (1, 2)]


def text_runs(tmp: Path, count: int) -> list[Run]:
    stream = tmp / f"text-{count}.jsonl"
    write_text_stream(stream, count)
    args = [str(stream)]
    return [measure(f"text: {count:,} JSONL records", args, jobs) for jobs in (1, 2)]


def rss_runs(tmp: Path, counts: list[int], jobs: int) -> list[Run]:
    runs = []
    for count in counts:
        stream = tmp / f"text-{count}.jsonl"
        if not stream.exists():
            write_text_stream(stream, count)
        runs.append(measure(f"rss: {count:,} JSONL records", [str(stream)], jobs))
    return runs


def table(runs: list[Run]) -> str:
    head = (
        f"{'run':<36} {'jobs':>4} {'inputs':>8} {'seconds':>8} {'pages/s':>8} "
        f"{'steady/s':>8} {'peak RSS MiB':>12} {'load':>5}"
    )
    lines = [head, "-" * len(head)]
    for r in runs:
        lines.append(
            f"{r.label:<36} {r.jobs:>4} {r.inputs:>8} {r.seconds:>8.1f} {r.rate:>8.1f} "
            f"{r.steady_rate:>8.1f} {r.peak_rss_mib:>12.0f} {r.load:>5.1f}"
        )
    return "\n".join(lines)


def speedups(runs: list[Run]) -> list[str]:
    lines = []
    by_label: dict[str, dict[int, Run]] = {}
    for r in runs:
        by_label.setdefault(r.label, {})[r.jobs] = r
    for label, pair in by_label.items():
        if 1 in pair and 2 in pair:
            whole = pair[2].rate / pair[1].rate
            steady = pair[2].steady_rate / pair[1].steady_rate
            lines.append(
                f"{label}: --jobs 2 / --jobs 1 = {whole:.2f}x whole run, {steady:.2f}x steady"
            )
    rss = [r for r in runs if r.label.startswith("rss:")]
    if len(rss) >= 2:
        lines.append(
            f"peak RSS {rss[-1].label[5:]} / {rss[0].label[5:]} = "
            f"{rss[-1].peak_rss_mib / rss[0].peak_rss_mib:.3f}"
        )
    return lines


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--only", choices=["html", "text", "rss"], action="append")
    # Ten rounds (1,810 pages): starting two workers costs about 2 s once, a sixth of a 3-round
    # run now that a page takes ~22 ms, which hid the speed-up (1.52x over 543 pages).
    parser.add_argument("--html-repeat", type=int, default=10)
    parser.add_argument("--speed-records", type=int, default=10_000)
    parser.add_argument("--rss-records", default="10000,100000")
    parser.add_argument("--rss-jobs", type=int, default=2)
    options = parser.parse_args()
    parts = options.only or ["html", "text", "rss"]
    runs: list[Run] = []
    with tempfile.TemporaryDirectory(prefix="bench-scale-") as folder:
        tmp = Path(folder)
        if "html" in parts:
            runs += html_runs(options.html_repeat)
        if "text" in parts:
            runs += text_runs(tmp, options.speed_records)
        if "rss" in parts:
            counts = [int(c) for c in options.rss_records.split(",")]
            runs += rss_runs(tmp, counts, options.rss_jobs)
    print(table(runs))
    print("\n".join(speedups(runs)))
    print(f"machine: {os.cpu_count()} cores; load = 1-minute load average when each run started")


if __name__ == "__main__":
    main()
