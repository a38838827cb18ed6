"""The pipeline: the one list of stages that the CLI, the Python API and every executor run.

load      bytes or str -> Document (decode with the evidence kept; sniff html|text|markdown)
segment   Document -> blocks (HTML: selector rules, a split body joined, embedded posts out of
          their wrappers, hidden elements and hover cards out, trafilatura's fast mode
          (readability where trafilatura's rule prefers its reading, where trafilatura's body
          is a list of links, or a layout table's rows and readability's reading lies in them;
          a paragraph the page repeats keeps its copies),
          then the blocks that are wholly links dropped;
          text: lines, Markdown; a dump's comment thread cut off)
rules     the rule packs that apply: drop chrome, move bylines, dates, captions into fields
chrome    text dumps (and pages read whole): drop lines that read as menus, teasers, footers
rejoin    paragraph halves that a removed line stood between become one paragraph again
metadata  title, page metadata and the pack's publication name for what the rules left unset
repair    mojibake and Unicode canonical form, block by block, each fix explained
detect    language and spinner-text evidence
record    Document -> Article
"""

from __future__ import annotations

import hashlib
from collections.abc import Callable
from dataclasses import replace

from cleaner import __version__
from cleaner.body_parts import join_body_parts
from cleaner.comment_thread import drop_comment_thread
from cleaner.decode import decode_bytes
from cleaner.detect import body_text, detect
from cleaner.document import Document
from cleaner.embeds import unwrap_embeds
from cleaner.errors import InputError
from cleaner.hidden_nodes import drop_hidden
from cleaner.hover_cards import drop_hover_cards
from cleaner.html_rules import apply_selector_rules
from cleaner.link_blocks import drop_link_blocks, link_texts
from cleaner.metadata import (
    MARKDOWN_TITLE_REASON,
    TITLE_RULE,
    fill_metadata,
    moved,
    starts_with_title,
)
from cleaner.paywall import find_paywall
from cleaner.record import SCHEMA_VERSION, Article, Block, InputInfo, MojibakeFix, Removal
from cleaner.repair import mojibake_report, repair_text
from cleaner.rules import apply_rules, domain_of
from cleaner.segment_html import extract_blocks, parse_page, segment_html
from cleaner.segment_text import collapse, join_broken_blocks, segment_text
from cleaner.settings import Settings
from cleaner.site_config import extract_site_page
from cleaner.sniff import sniff
from cleaner.text_chrome import drop_chrome

Stage = Callable[[Document, Settings], Document]


def load(data: bytes | str, name: str, url: str | None, settings: Settings) -> Document:
    """Decode and sniff one input; refuse empty, oversized, binary or undecodable input."""
    size = len(data.encode("utf-8")) if isinstance(data, str) else len(data)
    if size > settings.max_bytes:
        raise InputError(
            f"{size:,} bytes is over the limit of {settings.max_bytes:,} (--max-bytes)"
        )
    raw = data.encode("utf-8") if isinstance(data, str) else data
    if isinstance(data, str):
        text, encoding, encoding_source = data, "utf-8", "str"
    else:
        decoded = decode_bytes(data)
        text, encoding, encoding_source = decoded.text, decoded.encoding, decoded.source
    if not text.strip():
        raise InputError("empty input: no text")
    info = InputInfo(
        name=name,
        kind=sniff(text),
        bytes=size,
        sha256=hashlib.sha256(raw).hexdigest(),
        encoding=encoding,
        encoding_source=encoding_source,
    )
    return Document(raw=text, input=info, url=url)


def segment(doc: Document, settings: Settings) -> Document:
    if doc.kind != "html":
        blocks = segment_text(doc.raw, markdown=doc.kind == "markdown")
        removed, page_meta = list(doc.removed), dict(doc.page_meta)
        if doc.kind == "markdown" and starts_with_title(doc.raw) and blocks:
            title = blocks.pop(0)
            page_meta["title"] = title.text
            removed.append(moved(title, TITLE_RULE, MARKDOWN_TITLE_REASON))
        blocks, thread_removed = without_comments(blocks, settings)
        return replace(doc, blocks=blocks, page_meta=page_meta, removed=removed + thread_removed)
    html, outcome = apply_selector_rules(doc, settings.rules)
    tree = parse_page(html)
    paywall = find_paywall(tree, html)  # before extraction: its prompts leave the page
    join_body_parts(tree)
    unwrap_embeds(tree)
    unseen_removed = drop_hidden(tree) + drop_hover_cards(tree)  # text readers are not shown
    links = link_texts(tree)
    blocks, page_meta, extraction = segment_html(
        tree, html, doc.url, settings.favor_precision, settings.fast, links
    )
    removed = [*outcome.removed, *paywall.removed, *unseen_removed]
    if extraction != "full-page":  # a text dump's lines are left to the chrome stage
        blocks, link_removed = drop_link_blocks(blocks, links)
        removed += link_removed
    site = extract_site_page(html, doc.url, settings.site_config)
    if site is not None:  # the site's own config knows its page better than generic metadata
        page_meta = {**page_meta, **site.fields}
        chosen = site_blocks(site.body_html, site.blocks, doc.url, settings)
        if chosen and contained_share(blocks, site.blocks) >= SITE_BODY_MIN_CONTAINED:
            blocks, extraction = chosen, "site-config"
            removed += site.removed
    if extraction == "full-page":
        blocks, thread_removed = without_comments(blocks, settings)
        removed += thread_removed
    return replace(
        doc,
        input=replace(doc.input, extraction=extraction),
        blocks=blocks,
        page_meta=page_meta,
        fields=outcome.fields,
        flags=outcome.flags | paywall.flags,
        removed=removed,
    )


def without_comments(blocks: list[Block], settings: Settings) -> tuple[list[Block], list[Removal]]:
    """A text dump without its comment section (`comment_thread`), read with the line
    classifier's setting: both are how cleaner reads a page that has lost its tags."""
    return drop_comment_thread(blocks) if settings.text_chrome else (blocks, [])


# A config's body is trusted when it holds at least this share of the words trafilatura finds on
# the whole page. Configs go stale as sites change, and fall back to broad XPaths (`//main`); a
# stale one selects a teaser list or a container without the article (on two scrapinghub pages
# of one site it gave F1 0), and then it does not contain what trafilatura found.
SITE_BODY_MIN_CONTAINED = 0.8


def site_blocks(
    body_html: str | None, fallback: list[Block], url: str | None, settings: Settings
) -> list[Block]:
    """The config's body, cleaned by trafilatura within it (configs select a container, and
    leave in it the captions and teasers trafilatura removes); its plain blocks if that finds
    nothing."""
    if body_html is None:
        return []
    blocks, extraction = extract_blocks(
        parse_page(body_html), body_html, url, settings.favor_precision, fast=True
    )
    return blocks if extraction == "trafilatura" else fallback


def contained_share(found: list[Block], container: list[Block]) -> float:
    """The share of the distinct words of `found` that occur in `container` (1.0 if none)."""
    found_words = {w for block in found for w in block.text.casefold().split()}
    container_words = {w for block in container for w in block.text.casefold().split()}
    return len(found_words & container_words) / len(found_words) if found_words else 1.0


def rules(doc: Document, settings: Settings) -> Document:
    return apply_rules(doc, settings.rules)


# The index of a Markdown title line put back for the classifier (it is never dropped).
TITLE_BLOCK_INDEX = -1


def chrome(doc: Document, settings: Settings) -> Document:
    """The line classifier, for text with no tags to tell body from chrome; after the rules, so
    that what a rule names (a byline, a caption) is moved, not dropped as chrome."""
    if not settings.text_chrome or (doc.kind == "html" and doc.input.extraction != "full-page"):
        return doc
    blocks, removed = drop_chrome_under_title(doc)
    if not removed:
        return doc
    # The rules again over what is left: a rule placed by position ("among the last 6 blocks")
    # sees the article's end only once the footer is gone, as it would cleaning this output again.
    dropped = replace(doc, blocks=blocks, removed=[*doc.removed, *removed])
    return apply_rules(dropped, settings.rules)


def drop_chrome_under_title(doc: Document) -> tuple[list[Block], list[Removal]]:
    """`drop_chrome`, with a Markdown title line taken at segmentation put back on top for it.

    The classifier reads each line with its neighbours and keeps a dump's leading heading; it
    sees a Markdown document as it would the same text with the headline not yet taken out.
    """
    title = doc.page_meta.get("title") if doc.kind == "markdown" else None
    if not title:
        return drop_chrome(doc.blocks, None)
    headline = Block("heading", title, TITLE_BLOCK_INDEX)
    blocks, removed = drop_chrome([headline, *doc.blocks], None)
    return [b for b in blocks if b is not headline], removed  # a leading heading always stays


def rejoin(doc: Document, settings: Settings) -> Document:
    """Join paragraph halves that a removed block (an advertisement line, chrome) stood between,
    as segmenting this output again would."""
    return replace(doc, blocks=join_broken_blocks(doc.blocks, guessed_headings=doc.kind == "text"))


def metadata(doc: Document, settings: Settings) -> Document:
    return fill_metadata(doc)


def repair(doc: Document, settings: Settings) -> Document:
    """Repair every block; fields read off the page get the same treatment."""
    fixes = []
    blocks = []
    for block in doc.blocks:
        text, block_fixes = repair_text(block.text)
        fixes.extend(block_fixes)
        if block_fixes and block.kind != "code":
            # A repair can restore a no-break space ("Â " -> NBSP); segmentation made every
            # whitespace run one space, and so does reading this text again.
            text = collapse(text)
        if text.strip():
            blocks.append(replace(block, text=text))
    fields = {}
    for name, value in doc.fields.items():
        if isinstance(value, str):
            value, value_fixes = repair_field(value)
            fixes.extend(value_fixes)
        elif isinstance(value, list):
            repaired = [repair_field(v) for v in value]
            value = [v for v, _ in repaired]
            fixes.extend(f for _, fs in repaired for f in fs)
        fields[name] = value
    report = mojibake_report(fixes)
    return replace(doc, blocks=blocks, fields=fields, mojibake=report)


def repair_field(value: str) -> tuple[str, tuple[MojibakeFix, ...]]:
    """A field is one line: repaired, and any whitespace (no-break spaces too) made one space,
    as the block text it may have come from is."""
    repaired, fixes = repair_text(value)
    return collapse(repaired), fixes


def detect_stage(doc: Document, settings: Settings) -> Document:
    return detect(doc)


STAGES: tuple[Stage, ...] = (segment, rules, chrome, rejoin, metadata, repair, detect_stage)


def run(doc: Document, settings: Settings) -> Article:
    for stage in STAGES:
        doc = stage(doc, settings)
    return build_article(doc, settings)


def build_article(doc: Document, settings: Settings) -> Article:
    """The published record; its id hashes the clean text, so equal bodies share an id."""
    text = body_text(doc)
    fields = doc.fields
    url = fields.get("url")
    return Article(
        id=hashlib.sha256(text.encode("utf-8")).hexdigest()[:16],
        schema_version=SCHEMA_VERSION,
        cleaner_version=__version__,
        rules_version=settings.rules.version,
        url=url,
        canonical_url=fields.get("canonical_url"),
        domain=domain_of(url),
        source=fields.get("source"),
        title=fields.get("title"),
        subtitle=fields.get("subtitle"),
        authors=tuple(fields.get("authors", ())),
        published=fields.get("published"),
        updated=fields.get("updated"),
        language=doc.language,
        text=text,
        blocks=tuple(doc.blocks),
        captions=tuple(fields.get("captions", ())),
        corrections=tuple(fields.get("corrections", ())),
        credits=tuple(fields.get("credits", ())),
        links_removed=tuple(fields.get("links_removed", ())),
        paywalled="paywalled" in doc.flags,
        truncated="truncated" in doc.flags,
        mojibake=doc.mojibake,
        spin=doc.spin,
        duplicate_of=None,
        removed=tuple(doc.removed),
        input=doc.input,
    )
