"""Bytes to text: BOM, then a declared charset, then `<meta charset>`, then UTF-8, then a detector.

Decoding never guesses silently: the chosen encoding and how it was chosen are returned, so the
record can say so, and input that is binary or undecodable is refused with a one-line reason.
A declared or `<meta>` charset that does not fit the bytes (they do not decode, or they are UTF-8
that the declared single-byte charset would turn into mojibake) is overridden, and `source` says
which and why, e.g. `utf-8 (overrode meta iso-8859-1: the bytes are UTF-8)`.

The detector is charset-normalizer (MIT), chosen over chardet 7 on `../shared/data/charsets`
(`python bench/bench_charsets.py`): chardet 7.7 is slightly more accurate alone (258 vs 255 of
262 files) and as fast, but its licence changed twice in its rewrite and this environment's
readability-lxml pins chardet<6; with the rules below, charset-normalizer gets 260 of 262.
"""

from __future__ import annotations

import codecs
import re
from dataclasses import dataclass

import charset_normalizer

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
# When the detector's best guess is the HP printer code page hp_roman8, which no web page uses,
# a result within this much chaos (charset-normalizer's mess ratio) that could be cp1252 wins:
# Finnish latin-1 reads as hp_roman8 at 0.000 and as cp1250/cp1252 at 0.019. Applying the tie to
# every guess instead cost 12 right files on charsets/ (cp1250, cp1255 and iso-8859-9 text tie
# with cp1252), and to every non-WHATWG guess one (DOS cp852 ties with cp1252 at 0.015).
CHAOS_TIE = 0.02
PRINTER_CODEPAGES = frozenset({"hp_roman8"})
# cp1250 puts its commonest Central European letters (š ž ś ź ť and capitals) in 0x8A-0x9F, where
# iso-8859-2 has only controls; the two otherwise tie (3 Slovak iso-8859-2 files of charsets/),
# so cp1250 text without a byte in 0x80-0x9F is read as iso-8859-2.
C1_BYTES = re.compile(rb"[\x80-\x9f]")
VIETNAMESE_TONE_MARKS = frozenset("\u0300\u0301\u0303\u0309\u0323")
VIETNAMESE_VOWELS = frozenset("aăâeêioôơuưy")
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
    overridden = []
    for label, source in ((declared, "declared"), (meta_charset(data), "meta")):
        if not label:
            continue
        text, encoding, reason = decode_as_declared(data, label)
        if text is not None:
            return Decoded(text, encoding, with_overrides(source, overridden))
        overridden.append(f"{source} {label}: {reason}")
    if not (data.isascii() and b"\x1b" in data):  # ISO-2022 text is ASCII bytes with escapes
        text = try_decode(data, "utf-8")
        if text is not None:
            return Decoded(text, "utf-8", with_overrides("utf-8", overridden))
        text = utf8_cut_short(data)
        if text is not None:
            return Decoded(
                text, "utf-8", with_overrides("utf-8, last character cut off", overridden)
            )
    encoding = detect(data)
    if encoding is None:
        raise InputError("undecodable bytes: no character encoding fits")
    text = data.decode(encoding, errors="replace")
    return Decoded(text, normal_name(encoding), with_overrides("detector", overridden))


def decode_wide(data: bytes) -> Decoded:
    """UTF-16 or UTF-32 without a BOM (their ASCII has NUL bytes), or else binary data."""
    best = charset_normalizer.from_bytes(data, cp_isolation=WIDE_ENCODINGS).best()
    if best is not None:
        text = str(best)
        if control_share(text.encode("utf-8", errors="replace")) <= MAX_CONTROL_SHARE:
            return Decoded(text, normal_name(best.encoding), "detector")
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


def detect(data: bytes) -> str | None:
    """charset-normalizer's best guess, corrected where it picks what browsers never use."""
    results = list(charset_normalizer.from_bytes(data))
    if not results:
        return None
    best = min(results, key=lambda result: result.chaos)
    if best.encoding in PRINTER_CODEPAGES:
        tied = [r for r in results if r.chaos <= best.chaos + CHAOS_TIE]
        if any("cp1252" in result.could_be_from_charset for result in tied):
            return "cp1252"
    if best.encoding == "cp1250" and not C1_BYTES.search(data):
        return "iso8859_2"
    if best.encoding == "cp1258" and misplaced_tone_marks(data.decode("cp1258")):
        return "cp1252"
    return best.encoding


def misplaced_tone_marks(text: str) -> bool:
    """cp1258 spells Vietnamese with combining tone marks on vowels; on consonants they are
    Latin-1 letters misread (Italian `così` -> `cos` + U+0301). Measured: the cp1258 file of
    charsets/ has 36 marks, all on vowels; the misread Italian latin-1 file 2, both on `l`."""
    bases = [text[i - 1] for i, char in enumerate(text) if i and char in VIETNAMESE_TONE_MARKS]
    on_consonants = sum(1 for base in bases if base.lower() not in VIETNAMESE_VOWELS)
    return bool(bases) and on_consonants * 2 > len(bases)


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
