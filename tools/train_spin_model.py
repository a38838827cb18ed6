"""Train the spin swap model (`cleaner/spin_data/swap_model.json`) on half of the dev data.

Labels come from aligning each spun dev body with its original: a candidate word inside a
changed stretch is a swap, every other candidate (and every word of a clean body) is not. Only
originals in the fitting half (first hex digit pair of the id even) are used, so that the other
half stays held out for `bench/bench_spin.py`. The network is 16-16-1 (ReLU), trained with Adam
in numpy; seeded, so the file rebuilds identically on one machine.

    python tools/train_spin_model.py
"""

from __future__ import annotations

import difflib
import json
import os
import re
from pathlib import Path

import numpy as np

from cleaner.spin import DATA_DIR, candidates

HIDDEN = 16
EPOCHS = 30
SEED = 0


def shared_data() -> Path:
    default = Path(__file__).resolve().parents[2] / "shared" / "data"
    return Path(os.environ.get("CLEANER_SHARED_DATA", default))


def in_fit_half(original_id: str) -> bool:
    """The fitting half of the dev originals; the rest is held out."""
    return int(original_id[:2], 16) % 2 == 0


def changed_spans(original: str, spun: str) -> list[tuple[int, int]]:
    a = re.findall(r"\S+", original)
    b_matches = list(re.finditer(r"\S+", spun))
    b = [m.group() for m in b_matches]
    matcher = difflib.SequenceMatcher(None, a, b, autojunk=False)
    return [
        (b_matches[j1].start(), b_matches[j2 - 1].end())
        for tag, _, _, j1, j2 in matcher.get_opcodes()
        if tag != "equal" and j2 > j1
    ]


def examples(rows: list[dict]) -> tuple[np.ndarray, np.ndarray]:
    originals = {r["id"]: r["text"] for r in rows if r["label"] == "clean"}
    features, labels = [], []
    for row in rows:
        cands = candidates(row["text"])
        spans = []
        if row["label"] == "spun":
            spans = changed_spans(originals[row["original_id"]], row["text"])
        for c in cands:
            features.append(c.features)
            labels.append(float(any(a <= c.start < b for a, b in spans)))
    return np.array(features), np.array(labels)


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, np.ndarray]:
    rng = np.random.default_rng(SEED)
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = (x - mean) / scale
    params = [
        rng.normal(0, 1 / np.sqrt(z.shape[1]), (z.shape[1], HIDDEN)),
        np.zeros(HIDDEN),
        rng.normal(0, 1 / np.sqrt(HIDDEN), HIDDEN),
        np.zeros(1),
    ]
    m1 = [np.zeros_like(p) for p in params]
    m2 = [np.zeros_like(p) for p in params]
    step = 0
    for _ in range(EPOCHS):
        order = rng.permutation(len(y))
        for k in range(0, len(y), 512):
            batch = order[k : k + 512]
            hidden = np.maximum(z[batch] @ params[0] + params[1], 0)
            p = 1 / (1 + np.exp(-(hidden @ params[2] + params[3][0])))
            d = (p - y[batch]) / len(batch)
            d_hidden = np.outer(d, params[2]) * (hidden > 0)
            grads = [
                z[batch].T @ d_hidden + 1e-4 * params[0],
                d_hidden.sum(0),
                hidden.T @ d,
                np.array([d.sum()]),
            ]
            step += 1
            for i, g in enumerate(grads):
                m1[i] = 0.9 * m1[i] + 0.1 * g
                m2[i] = 0.999 * m2[i] + 0.001 * g * g
                update = (m1[i] / (1 - 0.9**step)) / (np.sqrt(m2[i] / (1 - 0.999**step)) + 1e-8)
                params[i] = params[i] - 3e-3 * update
    return {
        "mean": mean,
        "scale": scale,
        "w1": params[0],
        "b1": params[1],
        "w2": params[2],
        "b2": params[3],
    }


def main() -> None:
    path = shared_data() / "spin" / "dev_spun_scrapinghub.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    fit_rows = [r for r in rows if in_fit_half(r.get("original_id") or r["id"])]
    x, y = examples(fit_rows)
    print(f"{len(fit_rows)} bodies, {len(y)} candidate words, {int(y.sum())} swaps")
    model = fit(x, y)
    out = {k: np.round(v, 6).tolist() for k, v in model.items()}
    out["about"] = (
        "spin swap model; tools/train_spin_model.py on the even half of the dev originals"
    )
    (DATA_DIR / "swap_model.json").write_text(json.dumps(out, indent=0) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
