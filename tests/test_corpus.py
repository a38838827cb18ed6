"""Corpus stages: near-duplicate clusters with a canonical copy, and site-template lines."""

from __future__ import annotations

import json
import subprocess
import sys

from conftest import GOLDEN

import cleaner
from cleaner.corpus import TEMPLATE_MIN_PAGES, TEMPLATE_RULE, run_corpus
from cleaner.schema import validate_record


def seed_records() -> list[dict]:
    return [cleaner.clean(case / "input.txt").to_dict() for case in sorted(GOLDEN.glob("0*"))]


def test_the_spun_cnn_copy_is_the_only_near_duplicate_among_the_seeds():
    records = seed_records()
    results = list(run_corpus(lambda: records, templates=False))
    duplicate_of = [row["duplicate_of"] for row, _ in results]
    cnn, spun = records[2]["id"], records[3]["id"]
    assert duplicate_of == [None, None, None, cnn, None]
    clusters = [member.cluster for _, member in results]
    assert clusters[2] == clusters[3] == cnn
    assert len(set(clusters)) == 4 and spun not in clusters
    for row, _ in results:
        validate_record(row)


def story(words: int, seed: int) -> str:
    vocabulary = [f"w{seed}x{i}" for i in range(words)]
    return " ".join(vocabulary)


def record(text: str, published: str | None = None, domain: str | None = None) -> dict:
    blocks = [{"kind": "paragraph", "text": part} for part in text.split("\n\n")]
    return {
        "id": cleaner.corpus.text_id(text),
        "text": text,
        "blocks": blocks,
        "published": published,
        "domain": domain,
        "removed": [],
        "duplicate_of": None,
    }


def test_canonical_copy_is_earliest_then_longest_then_first_seen():
    base = story(200, 1)
    longer = base + " " + story(40, 2)
    dated = [record(longer, "2022-01-28"), record(base, "2022-01-27"), record(base + " end")]
    rows = [row for row, _ in run_corpus(lambda: dated, templates=False)]
    assert [r["duplicate_of"] for r in rows] == [dated[1]["id"], None, dated[1]["id"]]
    undated = [record(base), record(longer), record(base)]
    rows = [row for row, _ in run_corpus(lambda: undated, templates=False)]
    assert [r["duplicate_of"] for r in rows] == [undated[1]["id"], None, undated[1]["id"]]
    same = [record(base), record(base)]
    rows = [row for row, _ in run_corpus(lambda: same, templates=False)]
    assert [r["duplicate_of"] for r in rows] == [None, same[0]["id"]]


def site_pages(count: int) -> list[dict]:
    chrome = "Sign up for the Example Daily newsletter"
    pages = []
    for n in range(count):
        body = [f"Story {n}: " + story(60, n), "A quote seen twice." if n < 2 else story(9, 99 + n)]
        pages.append(record("\n\n".join([*body, chrome]), domain="example.com"))
    return pages


def test_lines_on_most_pages_of_a_site_are_removed_with_the_audit_trail():
    pages = site_pages(TEMPLATE_MIN_PAGES + 1)
    results = list(run_corpus(lambda: pages, dedup=False))
    for row, member in results:
        assert "newsletter" not in row["text"] and member.lines_removed == 1
        (removal,) = row["removed"]
        assert removal["rule"] == TEMPLATE_RULE and removal["block_index"] == 2
        assert f"on {len(pages)} of {len(pages)} pages of example.com" in removal["reason"]
        assert row["id"] == cleaner.corpus.text_id(row["text"])
    assert "A quote seen twice." in results[0][0]["text"]


def test_a_site_with_too_few_pages_keeps_its_lines():
    pages = site_pages(TEMPLATE_MIN_PAGES - 1)
    results = list(run_corpus(lambda: pages, dedup=False))
    assert [row["text"] for row, _ in results] == [page["text"] for page in pages]
    assert all(not row["removed"] for row, _ in results)


def test_corpus_command_reads_cleaned_rows_from_stdin(tmp_path):
    rows = "".join(
        json.dumps({"doc": n, "article": rec}) + "\n" for n, rec in enumerate(seed_records())
    )
    clusters = tmp_path / "clusters.jsonl"
    result = subprocess.run(
        [sys.executable, "-m", "cleaner", "corpus", "-", "--clusters", str(clusters)],
        input=rows,
        capture_output=True,
        text=True,
        timeout=120,
    )
    assert result.returncode == 0, result.stderr
    out = [json.loads(line) for line in result.stdout.splitlines()]
    assert [r["doc"] for r in out] == [0, 1, 2, 3, 4]
    assert out[3]["article"]["duplicate_of"] == out[2]["article"]["id"]
    members = [json.loads(line) for line in clusters.read_text("utf-8").splitlines()]
    assert members[3] == {
        "id": out[3]["article"]["id"],
        "cluster": out[2]["article"]["id"],
        "duplicate_of": out[2]["article"]["id"],
    }
    assert "5 records, 1 near-duplicates" in result.stderr
