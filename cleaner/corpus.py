"""Corpus stages: what only a whole batch shows, run over records after the per-document stages.

Site-template lines: a line (a block) that recurs on many pages of one site is that site's chrome
(a newsletter box, a "Most read" heading, a legal footer); it is removed with an audit-trail
entry, counted per site on a normalised form of the line.

Near-duplicates: records are shingled into word 3-grams and sketched with MinHash; an LSH index
(datasketch) proposes pairs, and a pair is kept when the shorter text is mostly contained in the
longer one. Containment, not Jaccard, because syndicated copies are often cut or extended: the
seed 003 is a spun copy of a longer version of 002. Connected pairs form a cluster, whose
canonical copy is the earliest published, else the longest, else the first seen, except that a
text the detect stage calls spun is never canonical over one it does not (spinning makes a copy);
the others get `duplicate_of` = its id, and the cluster's id is the canonical copy's id.

Records are read three times (count lines, sketch, rewrite), so input is a file; only counts,
small per-record facts and the sketches stay in memory.
"""

from __future__ import annotations

import hashlib
import re
from collections import Counter
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from typing import Any

# Word n-grams for near-duplicate shingles. On the five seeds, 3-grams give the spun pair
# (002, 003) a containment of 0.52 and every other pair at most 0.11; 1- and 2-grams let
# independent reports of one story look alike (up to 0.63), 4- and 5-grams erode the spun pair.
SHINGLE_WORDS = 3
# MinHash permutations: the Jaccard estimate's standard error is about 0.04 at 128.
NUM_PERM = 128
# LSH candidate threshold (Jaccard). Low, because a short copy of a long text has a low Jaccard
# even when fully contained; datasketch picks 64 bands of 2 rows for it, which finds a pair at
# Jaccard 0.28 (the seeds' spun pair) with probability 0.99.
LSH_THRESHOLD = 0.1
# Share of the shorter text's shingles found in the longer one for a pair to be near-duplicates:
# halfway between the seeds' spun pair (0.52) and the closest independent reports (0.11).
MIN_CONTAINMENT = 0.3
# A site needs this many pages before any of its lines can be called a template: fewer pages
# cannot tell a template from a coincidence.
TEMPLATE_MIN_PAGES = 5
# A line is a template when it is on at least this share of its site's pages (and on at least
# TEMPLATE_MIN_PAGES of them). Chrome such as "Advertisement" or a newsletter box is on nearly
# every page; a repeated quote or dateline from one story is on a few.
TEMPLATE_MIN_SHARE = 0.5
TEMPLATE_RULE = "corpus.site-template"
SPACE = re.compile(r"\s+")
WORD = re.compile(r"\w+")


def record_of(row: dict[str, Any]) -> dict[str, Any]:
    """The article record in a line: the line itself, or its `article` (a cleaned user row)."""
    article = row.get("article")
    return article if isinstance(article, dict) else row


def normal_line(text: str) -> str:
    """The form in which lines are compared: case and spacing do not make a line different."""
    return SPACE.sub(" ", text).strip().casefold()


def line_key(text: str) -> str:
    return hashlib.blake2b(normal_line(text).encode("utf-8"), digest_size=8).hexdigest()


@dataclass(slots=True)
class SiteLines:
    """Per site: how many pages it has, and on how many pages each line appears."""

    pages: Counter[str] = field(default_factory=Counter)
    lines: Counter[tuple[str, str]] = field(default_factory=Counter)

    def add(self, record: dict[str, Any]) -> None:
        site = record.get("domain")
        if not site:
            return
        self.pages[site] += 1
        for key in {line_key(block["text"]) for block in record.get("blocks", ())}:
            self.lines[(site, key)] += 1

    def templates(self) -> dict[tuple[str, str], str]:
        """Template lines, (site, line key) -> the reason shown in the audit trail."""
        found = {}
        for (site, key), count in self.lines.items():
            pages = self.pages[site]
            if (
                pages >= TEMPLATE_MIN_PAGES
                and count >= TEMPLATE_MIN_PAGES
                and count >= TEMPLATE_MIN_SHARE * pages
            ):
                found[(site, key)] = f"site template: on {count} of {pages} pages of {site}"
        return found


def strip_templates(
    record: dict[str, Any], templates: dict[tuple[str, str], str]
) -> dict[str, Any]:
    """The record without its site's template lines, each one logged in `removed`."""
    site = record.get("domain")
    if not site or not templates:
        return record
    kept, removed = [], list(record.get("removed", ()))
    for index, block in enumerate(record.get("blocks", ())):
        reason = templates.get((site, line_key(block["text"])))
        if reason is None:
            kept.append(block)
        else:
            removed.append(
                {
                    "text": block["text"],
                    "rule": TEMPLATE_RULE,
                    "action": "drop",
                    "reason": reason,
                    "block_index": index,
                }
            )
    if len(kept) == len(record.get("blocks", ())):
        return record
    text = "\n\n".join(block["text"] for block in kept)
    return {**record, "blocks": kept, "text": text, "id": text_id(text), "removed": removed}


def text_id(text: str) -> str:
    """The record id for a body, as the record stage computes it (hash of the clean text)."""
    return hashlib.sha256(text.encode("utf-8")).hexdigest()[:16]


def shingles(text: str) -> set[bytes]:
    words = WORD.findall(text.casefold())
    if len(words) <= SHINGLE_WORDS:
        return {" ".join(words).encode("utf-8")} if words else set()
    return {
        " ".join(words[i : i + SHINGLE_WORDS]).encode("utf-8")
        for i in range(len(words) - SHINGLE_WORDS + 1)
    }


@dataclass(frozen=True, slots=True)
class Entry:
    """What clustering keeps of a record: its place, id, date and length."""

    seq: int
    id: str
    published: str | None
    length: int
    spun: bool = False


def canonical_key(entry: Entry) -> tuple[bool, bool, str, int, int]:
    """Unspun first (a spun text is a copy by construction), then earliest date (undated last),
    then longest, then first seen."""
    return (entry.spun, entry.published is None, entry.published or "", -entry.length, entry.seq)


class DuplicateFinder:
    """Adds records one by one and links each to the earlier records it nearly duplicates."""

    def __init__(self) -> None:
        from cleaner.streams import require

        datasketch = require("datasketch", "corpus")
        self.minhash = datasketch.MinHash
        self.lsh = datasketch.MinHashLSH(threshold=LSH_THRESHOLD, num_perm=NUM_PERM)
        self.sketches: dict[int, tuple[Any, int]] = {}
        self.parent: dict[int, int] = {}
        self.entries: dict[int, Entry] = {}
        self.links: dict[int, float] = {}

    def add(self, entry: Entry, text: str) -> None:
        self.entries[entry.seq] = entry
        self.parent[entry.seq] = entry.seq
        grams = shingles(text)
        if not grams:
            return
        sketch = self.minhash(num_perm=NUM_PERM)
        sketch.update_batch(list(grams))
        for other in self.lsh.query(sketch):
            score = containment(sketch, len(grams), *self.sketches[other])
            if score >= MIN_CONTAINMENT:
                self.union(entry.seq, other)
                self.links[entry.seq] = max(self.links.get(entry.seq, 0.0), score)
        self.sketches[entry.seq] = (sketch, len(grams))
        self.lsh.insert(entry.seq, sketch)

    def find(self, seq: int) -> int:
        while self.parent[seq] != seq:
            self.parent[seq] = self.parent[self.parent[seq]]
            seq = self.parent[seq]
        return seq

    def union(self, a: int, b: int) -> None:
        self.parent[self.find(a)] = self.find(b)

    def clusters(self) -> dict[int, Entry]:
        """Each record's canonical copy (itself when it has no near-duplicate)."""
        groups: dict[int, list[Entry]] = {}
        for seq, entry in self.entries.items():
            groups.setdefault(self.find(seq), []).append(entry)
        canonical = {}
        for members in groups.values():
            best = min(members, key=canonical_key)
            for member in members:
                canonical[member.seq] = best
        return canonical


def containment(a: Any, size_a: int, b: Any, size_b: int) -> float:
    """Estimated share of the smaller shingle set inside the larger, from the MinHash Jaccard."""
    jaccard = a.jaccard(b)
    shared = jaccard / (1 + jaccard) * (size_a + size_b)
    return min(1.0, shared / max(1, min(size_a, size_b)))


@dataclass(frozen=True, slots=True)
class Membership:
    """Where a record landed: its cluster (the canonical copy's id), and template lines cut."""

    id: str
    cluster: str
    duplicate_of: str | None
    lines_removed: int


def find_templates(rows: Iterable[dict[str, Any]]) -> dict[tuple[str, str], str]:
    site_lines = SiteLines()
    for row in rows:
        site_lines.add(record_of(row))
    return site_lines.templates()


def find_duplicates(records: Iterable[dict[str, Any]]) -> dict[int, Entry]:
    finder = DuplicateFinder()
    for seq, record in enumerate(records):
        spun = (record.get("spin") or {}).get("verdict") == "spun"
        entry = Entry(seq, record["id"], record.get("published"), len(record["text"]), spun)
        finder.add(entry, record["text"])
    return finder.clusters()


def run_corpus(
    read: Callable[[], Iterable[dict[str, Any]]], templates: bool = True, dedup: bool = True
) -> Iterator[tuple[dict[str, Any], Membership]]:
    """Each row, its record rewritten, with where it landed.

    `read` gives the rows afresh on each call: once to count site lines, once to sketch texts,
    once to write, so memory holds counts and sketches, never the records.
    """
    found = find_templates(read()) if templates else {}
    canonical = (
        find_duplicates(strip_templates(record_of(row), found) for row in read()) if dedup else {}
    )
    for seq, row in enumerate(read()):
        before = record_of(row)
        record = strip_templates(before, found)
        best = canonical.get(seq)
        duplicate_of = best.id if best is not None and best.seq != seq else None
        record = {**record, "duplicate_of": duplicate_of}
        out = {**row, "article": record} if before is not row else record
        cut = len(record.get("blocks", ())) != len(before.get("blocks", ()))
        lines_removed = len(before.get("blocks", ())) - len(record.get("blocks", ())) if cut else 0
        cluster = best.id if best is not None else record["id"]
        yield out, Membership(record["id"], cluster, duplicate_of, lines_removed)
