"""Charset benchmark: does the text decoded from raw bytes equal the truth, and how fast?

Reads `$CLEANER_SHARED_DATA/charsets` (default `<repo>/../shared/data/charsets`): real files in
about 50 encodings with a manifest of their true encodings. A file counts as right when the text
equals the bytes decoded in the true encoding (so equivalent names, or ascii read as utf-8, are
right); binary files count as right when refused (`InputError`, or no encoding from a detector).
Compared: charset-normalizer and chardet alone, and `cleaner.decode.decode_bytes` (BOM, `<meta>`,
UTF-8, then its detector). Run it where chardet 7 is installed to measure chardet 7.

    python bench/bench_charsets.py [--show-misses]
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
import time
from collections.abc import Callable
from pathlib import Path

import charset_normalizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner.decode import decode_bytes  # noqa: E402
from cleaner.errors import InputError  # noqa: E402

SHARED = Path(os.environ.get("CLEANER_SHARED_DATA", ROOT.parent / "shared" / "data"))
CHARSETS = SHARED / "charsets"

# A decoder maps bytes to text, or None when it refuses them (binary, or no encoding found).
Decoder = Callable[[bytes], "str | None"]


def with_charset_normalizer(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def with_chardet(data: bytes) -> str | None:
    import chardet

    encoding = chardet.detect(data)["encoding"]
    if encoding is None:
        return None
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return None


def with_cleaner(data: bytes) -> str | None:
    try:
        return decode_bytes(data).text
    except InputError:
        return None


def truth(entry: dict, data: bytes) -> str | None:
    """The text in the true encoding; None for binary files. Unknown codecs (euc-tw) give ""."""
    if entry["encoding"] is None:
        return None
    try:
        codecs.lookup(entry["encoding"])
    except LookupError:
        return ""  # Python has no codec for it: no decoder here can be right
    return data.decode(entry["encoding"], errors="replace")


def chardet_version() -> str:
    try:
        import chardet
    except ImportError:
        return "not installed"
    return chardet.__version__


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--show-misses", action="store_true", help="list each wrong file")
    args = parser.parse_args()
    if not CHARSETS.is_dir():
        sys.exit(f"development data missing: {CHARSETS} (set CLEANER_SHARED_DATA)")
    entries = [json.loads(line) for line in (CHARSETS / "manifest.jsonl").open(encoding="utf-8")]
    files = [(entry, (CHARSETS / entry["file"]).read_bytes()) for entry in entries]
    size = sum(len(data) for _, data in files) / 1e6
    decoders: dict[str, Decoder] = {
        f"charset-normalizer {charset_normalizer.__version__}": with_charset_normalizer,
        f"chardet {chardet_version()}": with_chardet,
        "cleaner.decode_bytes": with_cleaner,
    }
    print(f"{len(files)} files, {size:.1f} MB, from {CHARSETS}")
    print(f"{'decoder':28} {'right':>9} {'share':>6} {'text':>6} {'binary':>6} {'seconds':>8}")
    binary = sum(1 for entry, _ in files if entry["encoding"] is None)
    for name, decoder in decoders.items():
        right = {"text": 0, "binary": 0}
        misses, start = [], time.perf_counter()
        for entry, data in files:
            if decoder(data) == truth(entry, data):
                right["binary" if entry["encoding"] is None else "text"] += 1
            else:
                misses.append(entry["file"])
        seconds = time.perf_counter() - start
        total = right["text"] + right["binary"]
        print(
            f"{name:28} {total:>4}/{len(files):<4} {total / len(files):>6.3f}"
            f" {right['text'] / (len(files) - binary):>6.3f} {right['binary']:>4}/{binary}"
            f" {seconds:>8.2f}"
        )
        if args.show_misses:
            for miss in misses:
                print(f"    miss {miss}")


if __name__ == "__main__":
    main()
