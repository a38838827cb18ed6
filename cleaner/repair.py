"""Mojibake repair and Unicode canonical form for one block of text (first version; see issue 4)."""

from __future__ import annotations

import ftfy

from cleaner.record import MojibakeFix

CONFIG = ftfy.TextFixerConfig(
    uncurl_quotes=False, fix_latin_ligatures=False, fix_character_width=False, normalization="NFC"
)


def repair_text(text: str) -> tuple[str, tuple[MojibakeFix, ...]]:
    fixed, plan = ftfy.fix_and_explain(text, config=CONFIG)
    fixed = " ".join(fixed.split(" "))
    encoding_steps = [
        f"{step.action}:{step.parameter}"
        for step in plan or ()
        if step.action in ("encode", "decode", "transcode", "apply")
    ]
    if fixed != text and encoding_steps:
        return fixed, (MojibakeFix(text, fixed, " / ".join(encoding_steps)),)
    return fixed, ()
