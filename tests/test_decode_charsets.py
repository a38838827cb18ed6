"""Byte decoding, specified on real files in about 50 encodings: ../shared/data/charsets."""

from __future__ import annotations

import codecs
import json
from functools import cache

import pytest
from conftest import SHARED_DATA

from cleaner.decode import decode_bytes
from cleaner.errors import InputError

CHARSETS = SHARED_DATA / "charsets"

# Files no decoder here gets right, and why (each checked by hand).
KNOWN_MISSES = {
    "files/euc-tw/2687f397__ude_euc-tw1.txt": "Python has no EUC-TW codec",
    "files/mac-roman/8328c015_ioreg_output.txt": "748 KB of ASCII, a few MacRoman bytes: cp1252",
}


@cache
def manifest() -> tuple[dict, ...]:
    if not CHARSETS.is_dir():
        pytest.skip(f"shared development data directory absent: {CHARSETS}")
    path = CHARSETS / "manifest.jsonl"
    if not path.exists():
        pytest.fail(f"development data missing: {path} (set CLEANER_SHARED_DATA)")
    with path.open(encoding="utf-8") as lines:
        return tuple(json.loads(line) for line in lines)


def read(name: str) -> bytes:
    return (CHARSETS / name).read_bytes()


def has_codec(encoding: str) -> bool:
    try:
        codecs.lookup(encoding)
    except LookupError:
        return False
    return True


def test_text_files_decode_to_the_true_text_at_least_99_percent() -> None:
    entries = [e for e in manifest() if e["encoding"] is not None]
    wrong = []
    for entry in entries:
        data = read(entry["file"])
        expected = (
            data.decode(entry["encoding"], errors="replace")
            if has_codec(entry["encoding"])
            else None
        )
        try:
            text = decode_bytes(data).text
        except InputError:
            text = None
        if text != expected or expected is None:
            wrong.append(entry["file"])
    assert 1 - len(wrong) / len(manifest()) >= 0.99
    assert set(wrong) <= set(KNOWN_MISSES), wrong


def test_binary_files_are_refused_with_one_line() -> None:
    for entry in manifest():
        if entry["encoding"] is None:
            with pytest.raises(InputError, match=r"^binary data( \([^)]+\))?, not text or HTML$"):
                decode_bytes(read(entry["file"]))


def test_a_meta_charset_the_bytes_contradict_is_overridden_and_said_so() -> None:
    data = read("files/utf-8/b208e079_finnish-utf-8-latin-1-confusion.html")
    decoded = decode_bytes(data)
    assert decoded.encoding == "utf-8"
    assert decoded.source == "utf-8 (overrode meta ISO-8859-1: the bytes are UTF-8)"


def test_a_declared_charset_that_does_not_decode_is_overridden() -> None:
    text = "Именно его двойственность озвучивается писателем."
    decoded = decode_bytes(text.encode("cp1251"), declared="utf-8")
    assert decoded.text == text
    assert decoded.encoding == "cp1251"
    assert decoded.source == "detector (overrode declared utf-8: the bytes do not decode)"


def test_a_declared_charset_that_fits_is_used() -> None:
    data = read("files/koi8-r/" + next_file("koi8-r"))
    decoded = decode_bytes(data, declared="KOI8-R")
    assert (decoded.encoding, decoded.source) == ("koi8-r", "declared")


def test_latin1_label_is_read_as_cp1252_like_browsers_when_it_matters() -> None:
    decoded = decode_bytes(b"<meta charset=iso-8859-1><p>\x93Quoted\x94 caf\xe9</p>")
    assert decoded.text == "<meta charset=iso-8859-1><p>“Quoted” café</p>"
    assert (decoded.encoding, decoded.source) == ("cp1252", "meta")


def test_utf16_without_a_bom_is_text_not_binary() -> None:
    data = read("files/utf-16-le/deebadaf_sample_chinese_no_bom.txt")
    decoded = decode_bytes(data)
    assert decoded.text == data.decode("utf-16-le")
    assert decoded.encoding == "utf-16-le"


def test_a_bom_wins_over_everything() -> None:
    decoded = decode_bytes(
        codecs.BOM_UTF8 + "<meta charset=koi8-r>café".encode(), declared="cp1251"
    )
    assert (decoded.text, decoded.encoding, decoded.source) == (
        "<meta charset=koi8-r>café",
        "utf-8",
        "bom",
    )


def next_file(encoding: str) -> str:
    """The name of the first manifest file of `encoding`, within its folder."""
    entry = next(e for e in manifest() if e["encoding"] == encoding)
    return entry["file"].rsplit("/", 1)[1]


def test_a_western_label_on_a_cyrillic_page_is_overridden() -> None:
    text = "Именно его двойственность озвучивается писателем. Мы ездили на фестивали."
    page = f'<meta charset="windows-1252"><p class="story">{text}</p>'.encode("cp1251")
    decoded = decode_bytes(page)
    assert text in decoded.text
    assert decoded.encoding == "cp1251"
    assert decoded.source == (
        "detector (overrode meta windows-1252: it reads as mojibake of a non-Latin legacy page)"
    )


def test_a_western_label_on_western_text_is_kept() -> None:
    decoded = decode_bytes(
        "<meta charset=windows-1252><p>Crème brûlée à la française</p>".encode("cp1252")
    )
    assert (decoded.encoding, decoded.source) == ("cp1252", "meta")
