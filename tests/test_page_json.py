"""The JSON-LD reader gives what trafilatura's `extract_meta_json` gives, field for field."""

from __future__ import annotations

import hashlib
import inspect

from conftest import scrapinghub_html
from hypothesis import given
from hypothesis import strategies as st
from trafilatura import json_metadata, metadata
from trafilatura.metadata import JSON_MINIFY, examine_meta, extract_meta_json
from trafilatura.settings import Document

from cleaner.page_json import meta_json, minified_json, normalized_json
from cleaner.segment_html import parse_page

# trafilatura 2.3.1's reader and the two clean-up steps `cleaner/page_json.py` redoes. A new
# trafilatura that changes them fails here: check the steps still match, then update the digest.
REDONE_SOURCE = "85f707a281404b776ef053723b3355e2b8076d619724288d5ca22a88674d5407"

# Pieces that meet each branch of the minifier and the normalizer: quotes, escapes (of quotes,
# blanks, code units, lone surrogates), raw surrogates, tags, entities, Unicode blanks.
PIECES = ['"', "\\", '\\"', "\\\\", " ", "\n", "\t", "\r", "\u2003", "\xa0", "a", "é", "{", ":"]
PIECES += ["\\n", "\\t", "\\u00e9", "\\u0041", "\\ud83d", "\\ude00", "\ud800", "<b>", "&amp;"]


def fields(document: Document) -> list:
    return [getattr(document, name, None) for name in document.__slots__ if "body" not in name]


def test_trafilatura_reader_is_the_one_redone():
    source = "".join(
        [
            inspect.getsource(metadata.extract_meta_json),
            inspect.getsource(json_metadata.normalize_json),
            JSON_MINIFY.pattern,
        ]
    )
    assert hashlib.sha256(source.encode()).hexdigest() == REDONE_SOURCE


@given(st.lists(st.sampled_from(PIECES), max_size=40).map("".join))
def test_minified_and_normalized_as_trafilatura_does(text):
    assert minified_json(text) == JSON_MINIFY.sub(r"\1", text)
    assert normalized_json(text) == json_metadata.normalize_json(text)


def test_odd_scripts_read_as_trafilatura_reads_them():
    html = """<html><head><script type="application/ld+json">{"@context": "https://schema.org",
    "@type": "NewsArticle", "headline": "A \\ud83d\\ude00 <b>bold</b>\\n title",
    "author": {"@type": "Person", "name": "Jane   Doe"}}</script>
    <script type="application/settings+json">{"publisher": "Unclosed \\"quote</script>
    <script type="application/ld+json"></script><script>{"headline": "not JSON-LD"}</script>
    </head><body><p>text</p></body></html>"""
    tree = parse_page(html)
    assert fields(meta_json(tree, Document())) == fields(extract_meta_json(tree, Document()))


def test_scrapinghub_pages_read_as_trafilatura_reads_them(scrapinghub):
    for page_id in sorted(scrapinghub):
        tree = parse_page(scrapinghub_html(page_id).decode("utf-8", "replace"))
        assert fields(meta_json(tree, examine_meta(tree))) == fields(
            extract_meta_json(tree, examine_meta(tree))
        )
