"""The extraction benchmark runs end to end on real pages and prints what the README quotes."""

from __future__ import annotations

import json
import sys
from pathlib import Path

sys.path.insert(0, str(Path(__file__).resolve().parent.parent / "bench"))

import bench_extraction


def test_html_run_prints_scores_speed_share_and_per_page_records(
    scrapinghub, tmp_path, capsys, monkeypatch
):
    monkeypatch.setattr(bench_extraction, "OUT_DIR", tmp_path)
    argv = ["scrapinghub", "--mode", "html", "--limit", "6"]
    argv += ["--only", "trafilatura", "--only", "cleaner"]
    argv += ["--speed-rounds", "1"]
    assert bench_extraction.main(argv) == 0
    printed = capsys.readouterr().out
    rows = {
        line.split("|")[1].strip(): line for line in printed.splitlines() if line.startswith("| ")
    }
    assert {"trafilatura", "cleaner"} <= rows.keys()
    f1 = float(rows["cleaner"].split("|")[4])
    assert 0.5 < f1 <= 1.0
    assert "x trafilatura's pages/s" in printed
    records = [json.loads(line) for line in (tmp_path / "extraction_scrapinghub_html.jsonl").open()]
    assert len(records) == 12 and {r["extractor"] for r in records} == {"trafilatura", "cleaner"}
    assert all(0.0 <= r["precision"] <= 1.0 and r["chars"] >= 0 for r in records)
