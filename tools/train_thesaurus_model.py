"""Train the spin thesaurus model (`cleaner/spin_data/thesaurus_model.json`) by cross-fitting.

Examples are the thesaurus outputs (`cleaner.spin.thesaurus_candidates`) of the clean dev bodies
and of their copies spun with the mined map (`pps_map` rows): an output inside a stretch the
spinner changed is a substitution, every other one is not. The map's own pairs give no label:
a word is only called a substitution where the alignment with the original shows it. The dev
originals are split in two folds by id (`cleaner.spin.dev_fold`); model i is fitted on the
other fold, so each dev body is scored by a model that never saw it or its copies, and a last
model on both folds is the library's. A logistic regression with an L2 penalty, fitted by
scipy's L-BFGS: deterministic, so the file rebuilds identically.

    python tools/train_thesaurus_model.py
"""

from __future__ import annotations

import json

import numpy as np
from scipy.optimize import minimize
from train_spin_model import examples, fold_of, shared_data

from cleaner.spin import (
    DATA_DIR,
    SWAP_MODEL_FOLDS,
    ThesaurusCandidates,
    Tokens,
    thesaurus_candidates,
)

# L2 penalty on the standardised weights (the bias is free).
PENALTY = 1.0


def thesaurus_outputs(text: str, tokens: Tokens) -> ThesaurusCandidates:
    return thesaurus_candidates(tokens)


def fit(x: np.ndarray, y: np.ndarray) -> dict[str, object]:
    mean, scale = x.mean(0), x.std(0) + 1e-9
    z = np.column_stack([np.ones(len(x)), (x - mean) / scale])

    def loss(w: np.ndarray) -> tuple[float, np.ndarray]:
        p = np.clip(1 / (1 + np.exp(-(z @ w))), 1e-12, 1 - 1e-12)
        penalty = 0.5 * PENALTY * float(w[1:] @ w[1:])
        value = -float(y @ np.log(p) + (1 - y) @ np.log(1 - p)) + penalty
        return value, z.T @ (p - y) + PENALTY * np.r_[0.0, w[1:]]

    w = minimize(loss, np.zeros(z.shape[1]), jac=True, method="L-BFGS-B").x
    print(f"  {len(y)} outputs, {int(y.sum())} substitutions, loss {loss(w)[0] / len(y):.4f}")
    return {
        "mean": mean.round(6).tolist(),
        "scale": scale.round(6).tolist(),
        "weights": w[1:].round(6).tolist(),
        "bias": round(float(w[0]), 6),
    }


def main() -> None:
    path = shared_data() / "spin" / "dev_spun_scrapinghub.jsonl"
    rows = [json.loads(line) for line in path.open(encoding="utf-8")]
    rows = [r for r in rows if r["label"] == "clean" or r["spinner"] == "pps_map"]
    folds = []
    for fold in range(SWAP_MODEL_FOLDS):
        print(f"model that never saw fold {fold}:")
        folds.append(fit(*examples([r for r in rows if fold_of(r) != fold], thesaurus_outputs)))
    print("library model, both folds:")
    model = {
        "about": "spin thesaurus models; tools/train_thesaurus_model.py (cross-fitting)",
        "folds": folds,
        "all": fit(*examples(rows, thesaurus_outputs)),
    }
    (DATA_DIR / "thesaurus_model.json").write_text(json.dumps(model) + "\n", encoding="utf-8")


if __name__ == "__main__":
    main()
