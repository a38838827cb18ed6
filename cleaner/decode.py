"""Bytes to text: BOM, then a declared charset, then `<meta charset>`, then UTF-8, then a detector.

Decoding never guesses silently: the chosen encoding and how it was chosen are returned, so the
record can say so, and input that is binary or undecodable is refused with a one-line reason.
A declared or `<meta>` charset that does not fit the bytes (they do not decode, or they are UTF-8
that the declared single-byte charset would turn into mojibake) is overridden, and `source` says
which and why, e.g. `utf-8 (overrode meta iso-8859-1: the bytes are UTF-8)`.

The detector is chardet 7 (0BSD), chosen over charset-normalizer by held-out evidence
(`python bench/bench_charsets.py`): the files of `../shared/data/charsets` are split by the first
hex digit of their SHA-256, odd to tune, even to report. On the reported half charset-normalizer
3.5 alone gets 135/140 and the corrections once tuned for it on every file did not carry over to
other files of the same sources (0.939 there, its own score); chardet 7.7 alone gets 138/140 here
and 0.978 on those other files, and is as fast (about 0.5 s for the 262 files). The one rule
added on the tuning half is `narrowest_gb`.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import chardet

from cleaner.errors import InputError
from cleaner.repair import looks_legacy_as_cp1252

BOMS = (
    (codecs.BOM_UTF32_LE, "utf-32-le"),
    (codecs.BOM_UTF32_BE, "utf-32-be"),
    (codecs.BOM_UTF8, "utf-8"),
    (codecs.BOM_UTF16_LE, "utf-16-le"),
    (codecs.BOM_UTF16_BE, "utf-16-be"),
)
META_CHARSET = re.compile(rb"""<meta[^>]+charset\s*=\s*["']?\s*([A-Za-z0-9_.:-]+)""", re.I)
META_SNIFF_BYTES = 4096
SNIFF_BYTES = 8192
# Share of control characters (other than tab, line breaks, form feed, and the escape and shift
# codes ISO-2022 encodings use) above which the input is taken as binary rather than text.
MAX_CONTROL_SHARE = 0.01
TEXT_CONTROLS = frozenset(b"\t\n\x0c\r\x1b\x0e\x0f")
BINARY_CONTROLS = bytes(b for b in range(32) if b not in TEXT_CONTROLS)
# Text with NUL bytes is UTF-16 or UTF-32 without a BOM, or binary; only these are tried for it.
WIDE_ENCODINGS = ["utf_32_le", "utf_32_be", "utf_16_le", "utf_16_be"]
# GB2312 is a subset of GBK, itself a subset of GB18030; chardet names the superset, which reads
# a few shared bytes differently (A1AA: U+2014 in GB18030, U+2015 in GB2312). Text that decodes
# in a narrower one was most likely written in it (the two GB2312 misses of the tuning half).
GB_FAMILY = ("gb2312", "gbk", "gb18030")
C1_BYTES = re.compile(rb"[\x80-\x9f]")
# Labels browsers read as cp1252 (WHATWG Encoding Standard); it matters only for bytes 0x80-0x9F,
# which latin-1 makes control characters, so the label's own name is kept when there are none.
BROWSER_READS_AS_CP1252 = frozenset({"iso8859-1", "ascii"})
UNICODE_ENCODINGS = ("utf-8", "utf-16", "utf-32")
# Declared Western code pages that a Cyrillic, Greek, Hebrew, Arabic or Thai page is often
# mislabelled with; the text is checked with the repair stage's test for that mojibake.
LATIN_CODEPAGES = frozenset({"cp1252", "iso8859-1", "iso8859-15"})
MARKUP = re.compile(r"<[^>]*>")

# Magic numbers of binary formats often saved under a page's name: refused at once, with the
# type named, rather than decoded into noise by a detector (a PDF reads as Big5 otherwise).
BINARY_MAGIC = (
    (b"%PDF-", "PDF"),
    (b"\x89PNG\r\n\x1a\n", "PNG image"),
    (b"GIF87a", "GIF image"),
    (b"GIF89a", "GIF image"),
    (b"\xff\xd8\xff", "JPEG image"),
    (b"RIFF", "RIFF media"),
    (b"PK\x03\x04", "ZIP archive"),
    (b"\x1f\x8b", "gzip data; name the file .gz to have it decompressed"),
    (b"BZh", "bzip2 data"),
    (b"\xfd7zXZ\x00", "xz data"),
    (b"(\xb5/\xfd", "zstd data"),
    (b"7z\xbc\xaf\x27\x1c", "7z archive"),
    (b"\x7fELF", "executable"),
    (b"OggS", "Ogg media"),
    (b"ID3", "MP3 audio"),
    (b"wOFF", "web font"),
    (b"wOF2", "web font"),
)


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
    kind = binary_signature(data)
    if kind:
        raise InputError(f"binary data ({kind}), not text or HTML")
    if b"\x00" in data[:SNIFF_BYTES]:
        return decode_wide(data)
    if looks_binary(data):
        raise InputError("binary data, not text or HTML")
    overridden, refused = [], []
    for label, source in ((declared, "declared"), (meta_charset(data), "meta")):
        if not label:
            continue
        text, encoding, reason = decode_as_declared(data, label)
        if text is not None:
            return Decoded(text, encoding, with_overrides(source, overridden))
        overridden.append(f"{source} {label}: {reason}")
        refused.append(encoding)
    if not (data.isascii() and b"\x1b" in data):  # ISO-2022 text is ASCII bytes with escapes
        text = try_decode(data, "utf-8")
        if text is not None:
            return Decoded(text, "utf-8", with_overrides("utf-8", overridden))
        text = utf8_cut_short(data)
        if text is not None:
            return Decoded(
                text, "utf-8", with_overrides("utf-8, last character cut off", overridden)
            )
    encoding = detect(data, refused)
    if encoding is None:
        raise InputError("undecodable bytes: no character encoding fits")
    text = data.decode(encoding, errors="replace")
    return Decoded(text, normal_name(encoding), with_overrides("detector", overridden))


def decode_wide(data: bytes) -> Decoded:
    """UTF-16 or UTF-32 without a BOM (their ASCII has NUL bytes), or else binary data."""
    encoding = chardet.detect(data)["encoding"]
    if encoding and encoding.lower().startswith(("utf-16", "utf-32")):
        text = data.decode(encoding, errors="replace")
        if control_share(text.encode("utf-8", errors="replace")) <= MAX_CONTROL_SHARE:
            return Decoded(text, normal_name(encoding), "detector")
    raise InputError("binary data, not text or HTML")


def decode_as_declared(data: bytes, label: str) -> tuple[str | None, str, str]:
    """The text in a declared encoding, its codec name, or why the declaration does not fit."""
    try:
        encoding = normal_name(label, strict=True)
    except LookupError:
        return None, "", "unknown encoding"
    if encoding.startswith(("utf-16", "utf-32")):
        return None, encoding, "no NUL bytes, so not UTF-16 or UTF-32"
    is_unicode = encoding.startswith(UNICODE_ENCODINGS)
    if not is_unicode and not data.isascii() and try_decode(data, "utf-8") is not None:
        return None, encoding, "the bytes are UTF-8"
    text = try_decode(data, encoding)
    if encoding in BROWSER_READS_AS_CP1252 and (text is None or C1_BYTES.search(data)):
        as_browsers_read = try_decode(data, "cp1252")
        if as_browsers_read is not None:
            text, encoding = as_browsers_read, "cp1252"
    if text is None:
        return None, encoding, "the bytes do not decode"
    if encoding in LATIN_CODEPAGES and looks_legacy_as_cp1252(MARKUP.sub(" ", text)):
        return None, encoding, "it reads as mojibake of a non-Latin legacy page"
    return text, encoding, ""


def detect(data: bytes, refused: list[str] | None = None) -> str | None:
    """chardet's guess (None for binary data), the narrowest GB encoding where it names one.

    chardet reads `<meta>` and XML declarations itself; `refused` names the encodings whose
    declaration was found not to fit, so that it guesses from the bytes instead.
    """
    known = [name for name in refused or [] if name]
    encoding = chardet.detect(data, exclude_encodings=known or None)["encoding"]
    if encoding and normal_name(encoding) in GB_FAMILY:
        return narrowest_gb(data)
    return encoding


def narrowest_gb(data: bytes) -> str:
    """The first of GB2312, GBK and GB18030 that decodes the bytes strictly."""
    return next((name for name in GB_FAMILY[:-1] if try_decode(data, name) is not None), "gb18030")


def with_overrides(source: str, overridden: list[str]) -> str:
    return f"{source} (overrode {'; '.join(overridden)})" if overridden else source


def binary_signature(data: bytes) -> str | None:
    """The file type, when the bytes start with a binary format's magic number."""
    for magic, kind in BINARY_MAGIC:
        if data.startswith(magic):
            return kind
    return "MP4 or MOV video" if data[4:8] == b"ftyp" else None


def utf8_cut_short(data: bytes) -> str | None:
    """UTF-8 but for a character cut in half at the very end (a truncated download)."""
    try:
        data.decode("utf-8")
    except UnicodeDecodeError as error:
        if error.reason == "unexpected end of data" and error.start >= len(data) - 3:
            return data[: error.start].decode("utf-8", errors="replace")
    return None


def looks_binary(data: bytes) -> bool:
    """Many control bytes mean a binary file, whatever its name says."""
    return control_share(data[:SNIFF_BYTES]) > MAX_CONTROL_SHARE


def control_share(data: bytes) -> float:
    head = data[:SNIFF_BYTES]
    controls = len(head) - len(head.translate(None, BINARY_CONTROLS))  # counted in C
    return controls / len(head) if head else 0.0


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


def normal_name(encoding: str, strict: bool = False) -> str:
    """Python's canonical codec name, so records say `cp1252`, not `Windows-1252` or `latin1`."""
    try:
        return codecs.lookup(encoding).name
    except LookupError:
        if strict:
            raise
        return encoding.lower()
