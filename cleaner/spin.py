"""Spinner-text detection (first version: spintax remnants only; see issue 5)."""

from __future__ import annotations

import re

from cleaner.record import SpinEvidence, SpinReport

SPINTAX = re.compile(r"\{[^{}\n]{1,60}\}")


def detect_spin(text: str, language: str | None = None) -> SpinReport:
    evidence = tuple(
        SpinEvidence(m.start(), m.end(), m.group(0), "spintax", "leftover spinner template")
        for m in SPINTAX.finditer(text)
    )
    return SpinReport(
        score=1.0 if evidence else 0.0, verdict="spun" if evidence else "clean", evidence=evidence
    )
