"""Coverage-guided fuzzing (atheris) of the whole pipeline through `cleaner.clean`.

Invariant: any bytes or str gives an `Article` that matches the JSON Schema, or a `CleanerError`
(never another exception). Run it for a while on a machine with time to spare:

    python fuzz/fuzz_clean.py -max_total_time=600 fuzz/corpus

and briefly in the test suite (tests/test_fuzz.py). Without a corpus folder it starts from the
golden seed inputs.
"""

from __future__ import annotations

import shutil
import sys
import tempfile
from pathlib import Path

import atheris

with atheris.instrument_imports():
    import cleaner
    from cleaner.errors import CleanerError
    from cleaner.schema import validate_record


GOLDEN = Path(__file__).resolve().parent.parent / "golden"


def test_one_input(data: bytes) -> None:
    provider = atheris.FuzzedDataProvider(data)
    as_text = provider.ConsumeBool()
    payload = (
        provider.ConsumeUnicodeNoSurrogates(len(data))
        if as_text
        else provider.ConsumeBytes(len(data))
    )
    try:
        article = cleaner.clean(payload)
    except CleanerError:
        return
    validate_record(article.to_dict())


def seed_corpus() -> str:
    """A fresh corpus folder holding the golden inputs (libFuzzer reads one flat folder)."""
    corpus = Path(tempfile.mkdtemp(prefix="cleaner-fuzz-"))
    for source in sorted(GOLDEN.glob("*/input.*")):
        shutil.copy(source, corpus / f"{source.parent.name}{source.suffix}")
    return str(corpus)


def main() -> None:
    args = sys.argv
    if not any(not a.startswith("-") for a in args[1:]):
        args = [*args, seed_corpus()]
    atheris.Setup(args, test_one_input)
    atheris.Fuzz()


if __name__ == "__main__":
    main()
