"""Spinner-text detection (issues 5 and 13) on real inputs: the seeds, the shared dev spun set
and the clean cleaneval and dragnet article texts.

The recall floors and false-alarm ceilings are the figures measured when the detector was built
(bench/bench_spin.py), less a small margin, so a change that loses recall or calls more clean
text spun fails here. The verdict thresholds were fitted on these clean texts, so the figures
here are not held out: the bench prints those (fitted on one part, reported on the other).
"""

from __future__ import annotations

import json
import os
from functools import cache
from pathlib import Path

import numpy as np
import pytest
from typer.testing import CliRunner

from cleaner import spin
from cleaner.cli import app
from cleaner.spin import (
    NETWORK_BLOCK_ROWS,
    candidates,
    detect_spin,
    dev_fold,
    rare_word_evidence,
    respelled,
    swap_probabilities,
    thesaurus_evidence,
    tokenize,
    tortured_evidence,
)
from cleaner.spin_corpus import find_spun_pairs
from cleaner.spin_lexicon import WORD_BYTES, lexicon

SHARED = Path(
    os.environ.get("CLEANER_SHARED_DATA", Path(__file__).resolve().parents[2] / "shared" / "data")
)
SEEDS = SHARED.parent / "seeds"
DEV = SHARED / "spin" / "dev_spun_scrapinghub.jsonl"

needs_shared = pytest.mark.skipif(not DEV.exists(), reason=f"shared dev data not found at {DEV}")


def seed(prefix: str) -> str:
    (path,) = SEEDS.glob(f"{prefix}_*.txt")
    return path.read_text(encoding="utf-8")


@cache
def dev_rows() -> tuple[dict, ...]:
    return tuple(json.loads(line) for line in DEV.open(encoding="utf-8"))


@cache
def verdicts(spinner: str | None, rate: float) -> tuple[str, ...]:
    rows = [r for r in dev_rows() if r["spinner"] == spinner and r["rate"] == rate]
    # each body is scored by the swap model that never saw it (cross-fitting), as in the bench
    return tuple(
        detect_spin(r["text"], held_out_fold=dev_fold(r.get("original_id") or r["id"])).verdict
        for r in rows
    )


@needs_shared
def test_seed_003_is_spun_with_checkable_evidence():
    text = seed("003")
    report = detect_spin(text)
    assert report.verdict == "spun"
    assert len(report.evidence) >= 3
    for e in report.evidence:
        assert text[e.start : e.end] == e.text
        assert e.note
    kinds = {e.kind for e in report.evidence}
    assert {"attribution", "orphan-braces"} <= kinds
    assert any(e.text == "instructed journalists" for e in report.evidence)


@needs_shared
@pytest.mark.parametrize("prefix", ["000", "001", "002", "004"])
def test_real_news_seeds_stay_clean(prefix):
    report = detect_spin(seed(prefix))
    assert report.verdict == "clean"
    assert report.evidence == ()


@needs_shared
def test_false_positives_on_clean_dev_bodies_at_most_one_percent():
    got = verdicts(None, 0.0)
    assert len(got) == 147
    assert sum(v == "spun" for v in got) / len(got) <= 0.01


@needs_shared
@pytest.mark.parametrize(("rate", "floor"), [(0.1, 0.55), (0.2, 0.93), (0.3, 0.96)])
def test_recall_on_dev_bodies_with_content_words_swapped(rate, floor):
    got = verdicts("wordnet", rate)
    assert sum(v == "spun" for v in got) / len(got) >= floor


@needs_shared
def test_recall_on_dev_bodies_spun_with_the_mined_thesaurus():
    got = verdicts("pps_map", 1.0)  # measured 0.986 out of fold
    assert sum(v == "spun" for v in got) / len(got) >= 0.95


@needs_shared
def test_clean_cleaneval_and_dragnet_texts_are_rarely_flagged():
    texts = []
    for dataset in ("cleaneval", "dragnet"):
        truth = json.loads((SHARED / dataset / "ground-truth.json").read_text(encoding="utf-8"))
        texts += [row["articleBody"] for row in truth.values()]
    got = [detect_spin(text).verdict for text in texts]
    assert len(got) >= 2000
    assert sum(v == "spun" for v in got) / len(got) <= 0.005  # measured 10 of 2,110
    assert sum(v != "clean" for v in got) / len(got) <= 0.01  # measured 19


def test_thesaurus_outputs_are_evidence_with_their_likely_original():
    text = (
        "Americans have taken to the polls four occasions this month. "
        "In Virginia, they balloted for management of the Legislature."
    )
    evidence, flagged, _ = thesaurus_evidence(text, tokenize(text))
    assert flagged == len(evidence) >= 2
    notes = {e.text: e.note for e in evidence}
    assert notes["balloted"].startswith("balloted ← voted")
    assert "'voted for' is" in notes["balloted"]
    assert notes["occasions"].startswith("occasions ← times")
    assert all(text[e.start : e.end] == e.text and e.kind == "thesaurus" for e in evidence)


def test_a_repeated_topic_word_counts_once_in_the_thesaurus_mass():
    once = "The gadget is great."
    often = "The gadget is great. This gadget works, the gadget charges fast, every gadget sells."
    _, _, mass_once = thesaurus_evidence(once, tokenize(once))
    _, flagged, mass_often = thesaurus_evidence(often, tokenize(often))
    assert flagged >= 4
    assert mass_often < 1.5 * mass_once


def test_ordinary_two_word_phrases_are_not_tortured_phrases():
    text = "The search engine was slow, and counterfeit consciousness is coming."
    found = tortured_evidence(text, tokenize(text))
    assert [(e.text, e.note) for e in found] == [
        ("counterfeit consciousness", "tortured phrase for 'artificial intelligence'")
    ]


def test_rare_dictionary_synonyms_are_evidence_but_names_are_not():
    text = "The shareowners met on Monday. Forbiddance came later, said Ann Motortruck."
    found = rare_word_evidence(text, tokenize(text))
    assert [(e.text, e.kind) for e in found] == [
        ("shareowners", "rare-word"),
        ("Forbiddance", "rare-word"),
    ]
    assert all(text[e.start : e.end] == e.text for e in found)


def test_spintax_template_is_spun_in_any_language():
    text = "Die Regierung hat am Montag {neue|weitere} Maßnahmen angekündigt, sagte der Sprecher."
    report = detect_spin(text, language="de")
    assert report.verdict == "spun"
    assert report.evidence[0].text == "{neue|weitere}"


def test_text_that_is_not_english_gets_no_word_level_verdict():
    text = (
        "Le gouvernement a annoncé lundi de nouvelles mesures pour soutenir les ménages, "
        "a déclaré le porte-parole lors d'une conférence de presse à Paris.\n\n"
        "Les syndicats ont salué une annonce tardive mais nécessaire."
    )
    assert detect_spin(text).verdict == "clean"


def test_empty_text_is_clean():
    assert detect_spin("") == detect_spin("   \n\n ")
    assert detect_spin("").verdict == "clean"


@needs_shared
def test_corpus_mode_finds_003_as_spun_copy_of_002_and_nothing_else():
    paths = sorted(SEEDS.glob("*.txt"))
    pairs = find_spun_pairs([p.read_text(encoding="utf-8") for p in paths])
    assert [(paths[p.spun_index].name[:3], paths[p.original_index].name[:3]) for p in pairs] == [
        ("003", "002")
    ]
    assert ("training", "coaching") in pairs[0].swaps


@needs_shared
def test_corpus_mode_pairs_lightly_spun_copies_with_their_originals():
    rows = dev_rows()
    clean = [r for r in rows if r["label"] == "clean"]
    spun = [r for r in rows if r["spinner"] == "wordnet" and r["rate"] == 0.1]
    index = {r["id"]: k for k, r in enumerate(clean)}
    truth = {(len(clean) + k, index[r["original_id"]]) for k, r in enumerate(spun)}
    found = {
        (p.spun_index, p.original_index)
        for p in find_spun_pairs([r["text"] for r in clean] + [r["text"] for r in spun])
    }
    assert len(found & truth) / len(truth) >= 0.98  # right original, right direction
    assert {frozenset(p) for p in found} <= {frozenset(p) for p in truth}  # no false pair


@needs_shared
def test_corpus_mode_does_not_call_a_shortened_copy_spun():
    texts = [r["text"] for r in dev_rows() if r["label"] == "clean"][:40]
    shortened = ["\n\n".join(t.split("\n\n")[::2]) for t in texts]
    assert find_spun_pairs(texts + shortened) == []


@needs_shared
def test_spin_command_prints_verdicts_evidence_and_the_spun_pair():
    paths = [str(next(SEEDS.glob(f"{p}_*.txt"))) for p in ("002", "003")]
    result = CliRunner().invoke(app, ["spin", *paths])
    assert result.exit_code == 0, result.output
    assert ": CLEAN" in result.output and ": SPUN" in result.output
    assert "[[instructed journalists]]" in result.output
    assert "is a spun copy of" in result.output


def test_spin_command_fails_on_a_missing_file(tmp_path):
    result = CliRunner().invoke(app, ["spin", str(tmp_path / "missing.txt")])
    assert result.exit_code == 1


def test_every_vocabulary_word_is_found_and_other_words_are_not():
    lex = lexicon()
    words = [w.decode("utf-8") for w in lex.words.tolist()]
    assert (lex.ids(words) == np.arange(len(words))).all()
    too_long = "a" * (WORD_BYTES + 5)
    assert lex.ids(["qzxv", "", too_long, words[-1] + "s" * 40]).tolist() == [-1, -1, -1, -1]


@needs_shared
def test_swap_probabilities_in_blocks_equal_one_product_bit_for_bit():
    """Long bodies are scored in blocks of rows; under OpenBLAS's threading threshold (1,489
    rows) one product over all rows is still single-threaded, and must give the same bits."""
    text = " ".join(dev_rows()[0]["text"] for _ in range(8))
    cands = candidates(text)
    assert len(cands.positions) >= 1489
    for n in (NETWORK_BLOCK_ROWS + 2, NETWORK_BLOCK_ROWS + 9, 1100, 1489):
        part = cands._replace(positions=cands.positions[:n], features=cands.features[:n])
        whole = spin._network_mean(spin._models()[-1], cands.features[:n])
        assert (swap_probabilities(part) == whole).all()


def test_respelled_replaces_words_keeps_capitals_and_gives_the_new_offsets():
    text = "Voters voted early. The result came late."
    spun, starts = respelled(text, tokenize(text), {4: "outcome", 0: "electors", 1: "balloted"})
    assert spun == "Electors balloted early. The outcome came late."
    assert [spun[s : s + 4] for s in starts] == ["Elec", "ball", "outc"]
