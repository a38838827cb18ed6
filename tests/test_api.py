"""The Python API: `clean` on paths, bytes and str; `clean_many` streams and reports failures."""

from __future__ import annotations

from pathlib import Path

import pytest
from conftest import seed_path

import cleaner
from cleaner.errors import InputError


def test_clean_accepts_path_bytes_and_str_alike():
    path = seed_path("002")
    from_path = cleaner.clean(path)
    from_bytes = cleaner.clean(path.read_bytes())
    from_str = cleaner.clean(path.read_text("utf-8"))
    assert from_path.text == from_bytes.text == from_str.text
    assert from_path.input.name == str(path) and from_bytes.input.name == "<bytes>"


def test_clean_many_is_lazy_ordered_and_reports_failures_through_on_error(tmp_path):
    failures = []
    sources = [seed_path("001"), b"\x00\x01\x02binary", (seed_path("002"), "https://cnn.com/a")]
    articles = list(cleaner.clean_many(sources, on_error=lambda s, e: failures.append((s, str(e)))))
    assert [a.source for a in articles] == ["The Moscow Times", "CNN"]
    assert articles[1].url == "https://cnn.com/a"
    assert failures == [(b"\x00\x01\x02binary", "binary data, not text or HTML")]


def test_clean_many_raises_without_on_error():
    with pytest.raises(InputError):
        list(cleaner.clean_many([b""]))


def test_missing_file_and_directory_are_input_errors(tmp_path):
    with pytest.raises(InputError, match="no such file"):
        cleaner.clean(Path(tmp_path / "nope.html"))
    with pytest.raises(InputError, match="is a directory"):
        cleaner.clean(tmp_path)


def test_oversized_input_is_refused():
    settings = cleaner.Settings(max_bytes=100)
    with pytest.raises(InputError, match="over the limit"):
        cleaner.clean("x" * 101, settings=settings)


def test_latin1_bytes_with_meta_charset_are_decoded():
    html = '<html><head><meta charset="iso-8859-1"></head><body><p>Café société</p></body></html>'
    article = cleaner.clean(html.encode("latin-1"))
    assert article.input.encoding == "iso8859-1" and article.input.encoding_source == "meta"


def test_gzip_file_is_decompressed_and_a_bomb_is_refused(tmp_path):
    import gzip

    page = tmp_path / "page.txt.gz"
    page.write_bytes(gzip.compress(seed_path("002").read_bytes()))
    assert cleaner.clean(page).source == "CNN"
    bomb = tmp_path / "bomb.html.gz"
    bomb.write_bytes(gzip.compress(b"<p>" + b"a" * 5_000_000))
    with pytest.raises(InputError, match="over the limit"):
        cleaner.clean(bomb, settings=cleaner.Settings(max_bytes=1_000_000))
    broken = tmp_path / "broken.html.gz"
    broken.write_bytes(b"not gzip at all")
    with pytest.raises(InputError, match="gzip"):
        cleaner.clean(broken)
