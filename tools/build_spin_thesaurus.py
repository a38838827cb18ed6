"""Build `cleaner/spin_data/thesaurus.tsv.gz`: a spinner's fixed thesaurus, word form by form.

Real spinning tools replace words from a fixed thesaurus. The shared dev data holds one mined
from real spinner output (`spin/pps_word_substitutions.jsonl`: lemma pairs "vote" -> "ballot"
with their part of speech, from the Problematic Paper Screener's tortured phrases, CC BY 4.0).
A spinner writes them inflected ("balloted" for "voted"), so each pair is expanded to every
inflection both lemmas have under the same Penn tag, by `lemminflect` (MIT; build time only:
`pip install lemminflect`). Each line is an output form and the forms it stands for:
`balloted<TAB>voted`. Measured on the dev copies spun with the map: 98.6% of the one-word
substitutions are lines of the table (the rest are non-words such as "priorer").

    python tools/build_spin_thesaurus.py
"""

from __future__ import annotations

import json
from collections import defaultdict

from build_spin_data import write_tsv
from lemminflect import getAllInflections, getAllInflectionsOOV
from train_spin_model import shared_data

PARTS_OF_SPEECH = frozenset({"NOUN", "VERB", "ADJ", "ADV"})


def inflections(lemma: str, upos: str) -> dict[str, tuple[str, ...]]:
    """Penn tag -> forms of the lemma (rule-based for words lemminflect does not list)."""
    return getAllInflections(lemma, upos=upos) or getAllInflectionsOOV(lemma, upos=upos)


def thesaurus(pairs: list[dict]) -> dict[str, set[str]]:
    """Output form -> the input forms it replaces, over every shared inflection."""
    table: dict[str, set[str]] = defaultdict(set)
    for pair in pairs:
        expected, tortured, upos = pair["expected"], pair["tortured"], pair["upos"]
        if " " in expected or " " in tortured or expected == tortured:
            continue
        table[tortured].add(expected)
        if upos not in PARTS_OF_SPEECH:
            continue
        # The first form of a tag is the usual one; the others are rarer spellings or, for
        # nouns, the uncountable use ("condition" as a plural of "condition").
        outputs = inflections(tortured, upos)
        for tag, forms in inflections(expected, upos).items():
            if outputs.get(tag) and outputs[tag][0] != forms[0]:
                table[outputs[tag][0]].add(forms[0])
    return table


def main() -> None:
    path = shared_data() / "spin" / "pps_word_substitutions.jsonl"
    pairs = [json.loads(line) for line in path.open(encoding="utf-8")]
    table = thesaurus(pairs)
    rows = [f"{out}\t{' '.join(sorted(ins))}" for out, ins in sorted(table.items()) if ins]
    write_tsv("thesaurus.tsv.gz", rows)


if __name__ == "__main__":
    main()
