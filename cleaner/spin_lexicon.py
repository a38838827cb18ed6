"""The spin detector's word tables as compact numpy arrays, loaded once on first use.

Every word is an index into one sorted vocabulary, so a whole article's look-ups (frequencies,
synonyms, bigram counts) are a few vectorised searches and hash probes instead of a Python
dict look-up per word and synonym. Loading them adds about 34 MB of RSS and 0.15 s CPU; the
nested dicts they replace took about 170 MB and 1.5 s. Built by `tools/build_spin_data.py`
(`lexicon.npz`).
"""

from __future__ import annotations

import gzip
from functools import cache
from pathlib import Path
from typing import NamedTuple

import numpy as np

DATA_DIR = Path(__file__).resolve().parent / "spin_data"
LEXICON_FILE = DATA_DIR / "lexicon.npz"


# Bigram keys go into an open-addressing hash table of 2^20 slots (under half full), because
# a binary search per look-up cost ~3 ms per article in cache misses (10k look-ups).
BIGRAM_HASH_BITS = 20
# Vocabulary words too (2^19 slots, a third full, 6 MB): found by a binary search of the sorted
# words, an article's ~400 distinct words cost ~0.18 ms CPU in cache misses, as did a dict probe
# per word (for 27 MB of RSS); hashed, its 730 words cost ~0.08 ms.
WORD_HASH_BITS = 19
HASH_MULTIPLIER = np.uint64(0x9E3779B97F4A7C15)  # Fibonacci hashing
# A word is hashed from its UTF-8 bytes padded to this width: five 64-bit lanes, and longer than
# any vocabulary word (34 bytes), so a longer word cut to fit still matches none.
WORD_BYTES = 40


class HashIndex(NamedTuple):
    """The row of each non-negative int64 key: an open-addressing table with linear probing."""

    slot_keys: np.ndarray  # the key in each slot, -1 for an empty slot
    slot_rows: np.ndarray  # the row of that key
    # Slots from a key's home slot that hold every key: one more than the largest displacement
    # (20 for the vocabulary, 13 for the bigrams), so a key not in them is not in the table.
    window: int

    @classmethod
    def build(cls, keys: np.ndarray, bits: int) -> HashIndex:
        """Insert every key by linear probing, all keys at once, one probe step per round."""
        size = 1 << bits
        slot_keys = np.full(size, -1, dtype=np.int64)
        slot_rows = np.zeros(size, dtype=np.int32)
        homes = _home_slots(keys, bits)
        slots = homes.copy()
        pending = np.arange(len(keys))
        while len(pending):
            wanted = slots[pending]
            free = slot_keys[wanted] == -1
            _, first = np.unique(wanted[free], return_index=True)
            placed = pending[free][first]
            slot_keys[slots[placed]] = keys[placed]
            slot_rows[slots[placed]] = placed
            pending = np.setdiff1d(pending, placed, assume_unique=True)
            slots[pending] = (slots[pending] + 1) & (size - 1)
        displacement = (slots - homes) & (size - 1)
        return cls(slot_keys, slot_rows, int(displacement.max(initial=0)) + 1)

    def rows(self, keys: np.ndarray) -> np.ndarray:
        """Row of each key, -1 for a key not in the table (or a key of -1).

        Two gathers instead of a probing round per step of the longest chain (up to 20 rounds of
        a few numpy calls each): the home slots of all keys, then the rest of the window of the
        few keys whose home slot holds another key.
        """
        mask = len(self.slot_keys) - 1
        rows = np.full(len(keys), -1, dtype=np.int64)
        homes = _home_slots(np.maximum(keys, 0), mask.bit_length())
        found = self.slot_keys[homes]
        valid = keys >= 0
        hit = valid & (found == keys)
        rows[hit] = self.slot_rows[homes[hit]]
        rest = np.flatnonzero(valid & ~hit & (found >= 0))
        if self.window == 1 or not len(rest):  # no key sits off its home slot, or none to seek
            return rows
        window = (homes[rest, None] + np.arange(1, self.window)) & mask
        match = self.slot_keys[window] == keys[rest, None]
        at = match.argmax(axis=1)  # the first match, as probing would find it
        in_window = np.flatnonzero(match[np.arange(len(rest)), at])
        rows[rest[in_window]] = self.slot_rows[window[in_window, at[in_window]]]
        return rows


def _home_slots(keys: np.ndarray, bits: int) -> np.ndarray:
    mixed = keys.astype(np.uint64) * HASH_MULTIPLIER
    return (mixed >> np.uint64(64 - bits)).astype(np.int64)


def _encode(joined: bytes) -> np.ndarray:
    """Newline-separated UTF-8 words, one `WORD_BYTES`-wide item each (cut to fit).

    Placing each byte by its offset (a few array operations) was no faster than this split.
    """
    return np.array(joined.split(b"\n"), dtype=f"S{WORD_BYTES}")


def _word_keys(encoded: np.ndarray) -> np.ndarray:
    """A non-negative int64 key per encoded word: its 64-bit lanes mixed polynomially."""
    lanes = encoded.view(np.uint64).reshape(len(encoded), WORD_BYTES // 8)
    keys = lanes[:, 0].copy()
    for lane in lanes.T[1:]:
        keys = keys * HASH_MULTIPLIER + lane
    return (keys >> np.uint64(1)).astype(np.int64)


class Bigrams(NamedTuple):
    """Book and web bigram counts (log10 x 10, 0 when missing) of word-id pairs, hashed."""

    index: HashIndex  # bigram key -> row of `book` and `web`
    # Each ends with an extra 0, the count of row -1 (a pair not in the table): a look-up then
    # reads every pair's count in one gather, no mask.
    book: np.ndarray  # Google Books bigrams (symspellpy)
    web: np.ndarray  # Google Web 1T bigrams (wordsegment)


def _find(table: np.ndarray, words: list[str]) -> np.ndarray:
    """Index of each word in a sorted byte-string array, -1 where it is missing.

    A word longer than the array's items would be cut to fit and could then match a prefix, so
    it counts as missing.
    """
    if not words:
        return np.zeros(0, dtype=np.int64)
    raw = "\n".join(words).encode("utf-8").split(b"\n")
    encoded = np.array(raw, dtype=table.dtype)
    found = np.minimum(np.searchsorted(table, encoded), len(table) - 1)
    fits = np.fromiter(map(len, raw), np.int64, len(raw)) <= table.dtype.itemsize
    return np.where((table[found] == encoded) & fits, found, -1)


class Lexicon(NamedTuple):
    words: np.ndarray  # sorted byte strings (UTF-8), the vocabulary
    word_index: HashIndex  # `_word_keys` of a word -> its position in `words`
    zipf: np.ndarray  # Zipf frequency x 10 per word; 0 when below Zipf 1 or unknown
    synonym_start: np.ndarray  # word i's synonyms are synonym_ids[start[i] : start[i + 1]]
    synonym_ids: np.ndarray
    bigrams: Bigrams
    tortured: dict[str, str]  # tortured phrase -> the expected phrase
    tortured_starts: np.ndarray  # bigram keys of the first two words of each tortured phrase
    rare_words: np.ndarray  # sorted WordNet synonym forms (UTF-8) rarer than Zipf 1
    # A spinner thesaurus: word i, one of its outputs, stands for the input words
    # thesaurus_ids[thesaurus_start[i] : thesaurus_start[i + 1]] (`thesaurus.tsv.gz`).
    thesaurus_start: np.ndarray
    thesaurus_ids: np.ndarray

    def ids(self, words: list[str]) -> np.ndarray:
        """Vocabulary index of each word (a token: no newline in it), -1 for a word not in the
        vocabulary.

        The hash finds a candidate row and the bytes confirm it, so a key collision is no match.
        """
        if not words:
            return np.zeros(0, dtype=np.int64)
        return self.joined_ids("\n".join(words).encode("utf-8"))

    def joined_ids(self, joined: bytes) -> np.ndarray:
        """`ids` of the newline-separated words of `joined` (UTF-8), for a caller that has the
        bytes already."""
        encoded = _encode(joined)
        rows = self.word_index.rows(_word_keys(encoded))
        return np.where((rows >= 0) & (self.words[np.maximum(rows, 0)] == encoded), rows, -1)

    def is_rare_form(self, words: list[str]) -> np.ndarray:
        """Whether each word is a WordNet synonym form that the frequency table does not know."""
        return _find(self.rare_words, words) >= 0

    def word(self, index: int) -> str:
        return self.words[index].decode("utf-8")

    def synonyms(self, word: str) -> tuple[str, ...]:
        """The word's WordNet synonyms, in the same inflection (for corpus mode)."""
        (index,) = self.ids([word])
        return tuple(self.word(i) for i in self.synonyms_of(index)) if index >= 0 else ()

    def synonyms_of(self, index: int) -> np.ndarray:
        """The ids of word `index`'s synonyms."""
        return self.synonym_ids[self.synonym_start[index] : self.synonym_start[index + 1]]

    def has_synonyms(self, ids: np.ndarray) -> np.ndarray:
        safe = np.maximum(ids, 0)
        return (ids >= 0) & (self.synonym_start[safe + 1] > self.synonym_start[safe])

    def keys(self, first: np.ndarray, second: np.ndarray) -> np.ndarray:
        """Bigram keys of word-id pairs; -1 where either word is unknown."""
        return np.where((first >= 0) & (second >= 0), first * len(self.words) + second, -1)

    def counts(self, first: np.ndarray, second: np.ndarray) -> tuple[np.ndarray, np.ndarray]:
        """Book and web bigram counts of word-id pairs, 0 for a missing pair or unknown word."""
        rows = self.bigrams.index.rows(self.keys(first, second))
        return self.bigrams.book[rows].astype(np.int64), self.bigrams.web[rows].astype(np.int64)


def _read_tortured() -> dict[str, str]:
    with gzip.open(DATA_DIR / "tortured.tsv.gz", "rt", encoding="utf-8") as handle:
        return dict(line.rstrip("\n").split("\t") for line in handle)


def _read_thesaurus() -> dict[str, list[str]]:
    with gzip.open(DATA_DIR / "thesaurus.tsv.gz", "rt", encoding="utf-8") as handle:
        rows = (line.rstrip("\n").split("\t") for line in handle)
        return {output: inputs.split(" ") for output, inputs in rows}


def _thesaurus_arrays(lex: Lexicon) -> tuple[np.ndarray, np.ndarray]:
    """The thesaurus over vocabulary ids, in the layout of the synonym arrays (words outside
    the vocabulary have no frequency or bigram to weigh them by, so they are left out)."""
    table = _read_thesaurus()
    outputs = lex.ids(list(table))
    owners = np.repeat(outputs, [len(inputs) for inputs in table.values()])
    inputs = lex.ids([word for words in table.values() for word in words])
    keep = (owners >= 0) & (inputs >= 0) & (owners != inputs)
    pairs = np.unique(np.column_stack([owners[keep], inputs[keep]]), axis=0)
    start = np.searchsorted(pairs[:, 0], np.arange(len(lex.words) + 2))
    return start.astype(np.int64), pairs[:, 1].copy()


def _ordinary_phrases(lex: Lexicon, phrases: list[str]) -> set[str]:
    """Two-word phrases found in the book or web bigram tables, which hold only common English
    pairs: "search engine" (tortured for "machine learning" in papers) is ordinary news
    language, "counterfeit consciousness" is not. Longer phrases are kept: their pairs with
    "of" or "the" are all common, and as a whole they are not ("country of the art")."""
    pairs = [phrase.split(" ") for phrase in phrases if phrase.count(" ") == 1]
    ids = lex.ids([word for pair in pairs for word in pair]).reshape(-1, 2)
    book, web = lex.counts(ids[:, 0], ids[:, 1]) if len(ids) else (ids, ids)
    common = (book > 0) | (web > 0)
    return {" ".join(pair) for pair, known in zip(pairs, common, strict=True) if known}


def _with_zero(counts: np.ndarray) -> np.ndarray:
    return np.concatenate([counts, np.zeros(1, dtype=counts.dtype)])


@cache
def lexicon() -> Lexicon:
    with np.load(LEXICON_FILE) as data:
        arrays = {name: data[name] for name in data.files}
    vocabulary = arrays["words"]
    tortured = _read_tortured()
    lex = Lexicon(
        vocabulary,
        HashIndex.build(_word_keys(vocabulary.astype(f"S{WORD_BYTES}")), WORD_HASH_BITS),
        arrays["zipf"],
        arrays["synonym_start"],
        arrays["synonym_ids"],
        Bigrams(
            HashIndex.build(arrays["bigram_keys"], BIGRAM_HASH_BITS),
            _with_zero(arrays["book_counts"]),
            _with_zero(arrays["web_counts"]),
        ),
        tortured,
        np.zeros(0, dtype=np.int64),
        arrays["rare_words"],
        np.zeros(len(vocabulary) + 2, dtype=np.int64),
        np.zeros(0, dtype=np.int64),
    )
    ordinary = _ordinary_phrases(lex, list(tortured))
    tortured = {k: v for k, v in tortured.items() if k not in ordinary}
    pairs = [phrase.split(" ")[:2] for phrase in tortured]
    starts = lex.keys(lex.ids([a for a, _ in pairs]), lex.ids([b for _, b in pairs]))
    thesaurus_start, thesaurus_ids = _thesaurus_arrays(lex)
    return lex._replace(
        tortured=tortured,
        tortured_starts=np.unique(starts[starts >= 0]),
        thesaurus_start=thesaurus_start,
        thesaurus_ids=thesaurus_ids,
    )
