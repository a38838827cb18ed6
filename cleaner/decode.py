"""Bytes to text: BOM, then a declared charset, then `<meta charset>`, then UTF-8, then a detector.

Decoding never guesses silently: the chosen encoding and how it was chosen are returned, so the
record can say so, and input that is binary or undecodable is refused with a one-line reason.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

from charset_normalizer import from_bytes

from cleaner.errors import InputError

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
META_SNIFF_BYTES = 4096
# Share of control bytes (other than tab, newline, carriage return, form feed) above which the
# input is taken as binary rather than text in some legacy encoding.
MAX_CONTROL_SHARE = 0.01


@dataclass(frozen=True, slots=True)
class Decoded:
    text: str
    encoding: str
    source: str


def decode_bytes(data: bytes, declared: str | None = None) -> Decoded:
    """Decode raw page bytes, trying the most trustworthy evidence first."""
    for bom, encoding in BOMS:
        if data.startswith(bom):
            return Decoded(data[len(bom) :].decode(encoding, errors="replace"), encoding, "bom")
    if looks_binary(data):
        raise InputError("binary data, not text or HTML")
    for encoding, source in ((declared, "declared"), (meta_charset(data), "meta")):
        text = try_decode(data, encoding)
        if text is not None:
            return Decoded(text, normal_name(encoding), source)
    text = try_decode(data, "utf-8")
    if text is not None:
        return Decoded(text, "utf-8", "utf-8")
    best = from_bytes(data).best()
    if best is None:
        raise InputError("undecodable bytes: no character encoding fits")
    return Decoded(str(best), normal_name(best.encoding), "detector")


def looks_binary(data: bytes) -> bool:
    """NUL bytes or many control bytes mean a binary file, whatever its name says."""
    head = data[:8192]
    if b"\x00" in head:
        return True
    controls = sum(1 for b in head if b < 32 and b not in (9, 10, 12, 13))
    return bool(head) and controls / len(head) > MAX_CONTROL_SHARE


def meta_charset(data: bytes) -> str | None:
    match = META_CHARSET.search(data[:META_SNIFF_BYTES])
    return match.group(1).decode("ascii", errors="ignore") if match else None


def try_decode(data: bytes, encoding: str | None) -> str | None:
    """Strict decoding, or None when the encoding is unknown or the bytes do not fit it."""
    if not encoding:
        return None
    try:
        return data.decode(normal_name(encoding))
    except (LookupError, UnicodeDecodeError):
        return None


def normal_name(encoding: str) -> str:
    """Python's canonical codec name, so records say `cp1252`, not `Windows-1252` or `latin1`."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        return encoding.lower()
