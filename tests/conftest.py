"""Shared test fixtures: where the development data and the golden seeds live."""

from __future__ import annotations

import gzip
import json
import os
from pathlib import Path

import pytest
from hypothesis import settings

# Property tests are reproducible by default (the same examples on every run, so CI never fails on
# luck); `pytest --hypothesis-profile=explore` draws fresh random examples, ten times as many.
settings.register_profile("default", derandomize=True, max_examples=300)
settings.register_profile("explore", derandomize=False, max_examples=3000)
settings.load_profile("default")

ROOT = Path(__file__).resolve().parent.parent
GOLDEN = ROOT / "golden"
SHARED_DATA = Path(os.environ.get("CLEANER_SHARED_DATA", ROOT.parent / "shared" / "data"))


def seed_path(prefix: str) -> Path:
    """The input of a golden seed case, e.g. seed_path("002")."""
    (case,) = GOLDEN.glob(f"{prefix}_*")
    return case / "input.txt"


@pytest.fixture(scope="session")
def scrapinghub() -> dict[str, dict]:
    """The Article Extraction Benchmark's ground truth, read from ../shared at run time."""
    path = SHARED_DATA / "scrapinghub" / "ground-truth.json"
    if not path.exists():
        pytest.fail(f"development data missing: {path} (set CLEANER_SHARED_DATA)")
    return json.loads(path.read_text("utf-8"))


def shared_page(dataset: str, page_id: str) -> tuple[bytes, str]:
    """A page of one of the benchmark sets in ../shared/data, and its true article body."""
    root = SHARED_DATA / dataset
    truth = json.loads((root / "ground-truth.json").read_text("utf-8"))[page_id]["articleBody"]
    return gzip.decompress((root / "html" / f"{page_id}.html.gz").read_bytes()), truth


def scrapinghub_html(page_id: str) -> bytes:
    return gzip.decompress(
        (SHARED_DATA / "scrapinghub" / "html" / f"{page_id}.html.gz").read_bytes()
    )
