"""Charset benchmark: does the text decoded from raw bytes equal the truth, and how fast?

Reads `$CLEANER_SHARED_DATA/charsets` (default `<repo>/../shared/data/charsets`): real files in
about 50 encodings with a manifest of their true encodings. A file counts as right when the text
equals the bytes decoded in the true encoding (so equivalent names, or ascii read as utf-8, are
right); binary files count as right when refused (`InputError`, or no encoding from a detector).
Compared: charset-normalizer and chardet alone, `cleaner.decode.decode_bytes` (BOM, `<meta>`,
UTF-8, then chardet), and the same steps with charset-normalizer as the detector.

The files are split by the first hex digit of their SHA-256: odd files are the tuning half (the
detector and its one rule were chosen on them), even files the reported half, never used to
choose anything. Both halves are printed; the reported one is the figure to quote.

    python bench/bench_charsets.py [--show-misses]
"""

from __future__ import annotations

import argparse
import codecs
import json
import os
import sys
import time
from collections import Counter
from collections.abc import Callable
from pathlib import Path

import chardet
import charset_normalizer

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT))

from cleaner import decode  # noqa: E402
from cleaner.errors import InputError  # noqa: E402

SHARED = Path(os.environ.get("CLEANER_SHARED_DATA", ROOT.parent / "shared" / "data"))
CHARSETS = SHARED / "charsets"

# A decoder maps bytes to text, or None when it refuses them (binary, or no encoding found).
Decoder = Callable[[bytes], "str | None"]


def with_charset_normalizer(data: bytes) -> str | None:
    best = charset_normalizer.from_bytes(data).best()
    return None if best is None else str(best)


def with_chardet(data: bytes) -> str | None:
    encoding = chardet.detect(data)["encoding"]
    if encoding is None:
        return None
    try:
        return data.decode(encoding, errors="replace")
    except LookupError:
        return None


def with_cleaner(data: bytes) -> str | None:
    try:
        return decode.decode_bytes(data).text
    except InputError:
        return None


def with_cleaner_on_charset_normalizer(data: bytes) -> str | None:
    """decode_bytes's steps with charset-normalizer's best guess as the detector."""
    chosen = decode.detect
    decode.detect = lambda raw, refused=None: getattr(
        charset_normalizer.from_bytes(raw).best(), "encoding", None
    )
    try:
        return with_cleaner(data)
    finally:
        decode.detect = chosen


def half(entry: dict) -> str:
    """The split: odd first hex digit of the SHA-256 tunes, even reports."""
    return "tune" if int(entry["sha256"][0], 16) % 2 else "report"


def truth(entry: dict, data: bytes) -> str | None:
    """The text in the true encoding; None for binary files. Unknown codecs (euc-tw) give ""."""
    if entry["encoding"] is None:
        return None
    try:
        codecs.lookup(entry["encoding"])
    except LookupError:
        return ""  # Python has no codec for it: no decoder here can be right
    return data.decode(entry["encoding"], errors="replace")


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
        f"chardet {chardet.__version__}": with_chardet,
        "decode_bytes, charset-normalizer": with_cleaner_on_charset_normalizer,
        "cleaner.decode_bytes (chardet)": with_cleaner,
    }
    sizes = {h: sum(half(entry) == h for entry, _ in files) for h in ("report", "tune")}
    print(f"{len(files)} files, {size:.1f} MB, from {CHARSETS}")
    print(
        f"split by SHA-256: {sizes['tune']} files tune (odd first hex digit), "
        f"{sizes['report']} report (even)"
    )
    print(f"{'decoder':34} {'reported':>9} {'share':>6} {'tuning':>9} {'share':>6} {'seconds':>8}")
    for name, decoder in decoders.items():
        right: Counter[str] = Counter()
        misses, start = [], time.perf_counter()
        for entry, data in files:
            if decoder(data) == truth(entry, data):
                right[half(entry)] += 1
            else:
                misses.append(f"{half(entry)} {entry['file']}")
        seconds = time.perf_counter() - start
        cells = [
            f"{right[h]:>4}/{sizes[h]:<4} {right[h] / sizes[h]:>6.3f}" for h in ("report", "tune")
        ]
        print(f"{name:34} {' '.join(cells)} {seconds:>8.2f}")
        if args.show_misses:
            for miss in misses:
                print(f"    miss {miss}")


if __name__ == "__main__":
    main()
