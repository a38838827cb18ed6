"""Fill the record fields the rules did not: title, page metadata and the pack's publication name.

Precedence is the order of offers (see `fields.offer`): what a rule read off the page, then the
page's own metadata (HTML), then the site pack's publication name. A title or subtitle taken from
the body is written to the audit trail like any other removal.
"""

from __future__ import annotations

import re
from dataclasses import replace

from cleaner.document import Document
from cleaner.fields import offer
from cleaner.record import Block, Removal
from cleaner.repair import canonical_form
from cleaner.segment_text import MD_HEADING, collapse, has_visible_text, reduce_inline

TITLE_RULE = "structure.title"
PAGE_URL_RULE = "structure.page-url"
SUBTITLE_RULE = "structure.subtitle"
SITE_NAME_RULE = "structure.site-name"
WORD = re.compile(r"\w+")
PAGE_FIELDS = ("title", "authors", "published", "source", "canonical_url")


def fill_metadata(doc: Document) -> Document:
    fields = dict(doc.fields)
    for name in PAGE_FIELDS:
        fields = offer(fields, name, doc.page_meta.get(name))
    fields = offer(fields, "source", doc.pack_source)
    blocks, removed = page_url_blocks(doc.blocks, {doc.url, fields.get("canonical_url")})
    blocks, masthead = site_name_heading(blocks, fields.get("source"))
    removed = [*doc.removed, *removed, *masthead]
    leading_heading = len(blocks) > 1 and blocks[0].kind == "heading"  # a lone line is the body
    # A Markdown title line was taken at segmentation (`starts_with_title`): the same as here.
    title_taken = any(removal.rule == TITLE_RULE for removal in removed)
    took_heading = leading_heading and fields.get("title") in (None, blocks[0].text)
    if took_heading:
        fields = offer(fields, "title", blocks[0].text)
        removed.append(moved(blocks.pop(0), TITLE_RULE, "the headline is the title, not body text"))
    # Also after taking the headline: a page that shows it twice loses both, as cleaning this
    # output again (the title on its first line) would.
    if blocks and fields.get("title") and same_text(blocks[0].text, fields["title"]):
        removed.append(moved(blocks.pop(0), TITLE_RULE, "the headline repeats the title"))
    elif (
        leading_heading
        and not (took_heading or title_taken)
        and fields.get("title")
        and rewords(blocks[0].text, fields["title"])
    ):
        removed.append(moved(blocks.pop(0), TITLE_RULE, "the headline rewords the page title"))
    description = doc.page_meta.get("description")
    is_dek = blocks and blocks[0].kind == "heading"  # a lead paragraph often doubles as description
    if is_dek and description and same_text(blocks[0].text, description):
        fields = offer(fields, "subtitle", blocks[0].text)
        removed.append(moved(blocks.pop(0), SUBTITLE_RULE, "the standfirst is the subtitle"))
    fields = offer(fields, "url", doc.url)
    fields = offer(fields, "url", fields.get("canonical_url"))
    return replace(doc, fields=fields, blocks=blocks, removed=removed)


# A Markdown document whose first line is a level-1 heading names its title there (the
# convention of Pandoc, Jekyll and cleaner's own Markdown output); it is taken before the rules
# run, so a rule cannot read the title as a byline or a label.
MARKDOWN_TITLE_REASON = "a Markdown document's first line, a level-1 heading, is its title"


def starts_with_title(markdown: str) -> bool:
    """Whether the first line is a level-1 heading the reader keeps as the first block: read with
    the reader's own heading pattern, and with something visible in it (a heading of control
    characters only is no block, and the body's first paragraph is not a title)."""
    heading = MD_HEADING.match(markdown.lstrip().split("\n", 1)[0])
    return (
        heading is not None
        and heading.group(1) == "#"
        and has_visible_text(reduce_inline(heading.group(2)))
    )


def page_url_blocks(
    blocks: list[Block], urls: set[str | None]
) -> tuple[list[Block], list[Removal]]:
    """The blocks without those that print the page's own address (a share or print box), so that
    the headline under one is seen as leading. A block is such only if it is the address alone:
    a paragraph that ends with it ("... this page: http://...") is body text."""
    addresses = {url_key(url) for url in urls if url}
    kept: list[Block] = []
    removed: list[Removal] = []
    for block in blocks:
        if len(block.text.split()) == 1 and url_key(block.text) in addresses:
            reason = "the page's own address, not body text"
            removed.append(Removal(block.text, PAGE_URL_RULE, "drop", reason, block.index))
        else:
            kept.append(block)
    return kept, removed


def site_name_heading(blocks: list[Block], source: str | None) -> tuple[list[Block], list[Removal]]:
    """The blocks without a leading heading that is the site's name: a blog's masthead ("TED
    Blog") kept above the post's headline, which then leads the body as the title it is."""
    if (
        len(blocks) > 1
        and blocks[0].kind == "heading"
        and source
        and same_text(blocks[0].text, source)
    ):
        reason = "the site's name above the headline, not body text"
        return blocks[1:], [
            Removal(blocks[0].text, SITE_NAME_RULE, "drop", reason, blocks[0].index)
        ]
    return blocks, []


def url_key(url: str) -> str:
    """An address without its scheme, `www.` and trailing slash, for comparison."""
    bare = url.strip().split("://", 1)[-1].removeprefix("www.")
    return bare.rstrip("/").casefold()


def moved(block: Block, rule: str, reason: str) -> Removal:
    field_name = "title" if rule == TITLE_RULE else "subtitle"
    return Removal(block.text, rule, f"field:{field_name}", reason, block.index)


def same_text(a: str, b: str) -> bool:
    return comparable(a) == comparable(b)


def comparable(text: str) -> str:
    """One line in canonical form, case-folded (the repair stage, later, drops control
    characters, so a heading and the same title with one in it are the same text)."""
    return canonical_form(collapse(text)).casefold()


# A leading heading is the headline when it is the page title inside the site's name ("Opinion |
# ...", "... - VG247") or shares most of its words (an SEO title reworded: "Sweden drops Assange
# rape investigation" over "Julian Assange: Sweden drops rape investigation"). On scrapinghub, 16
# headlines stayed in the body for want of an exact match; no section heading shares this much.
HEADLINE_MIN_SHARED = 0.6
# ... but not a heading this many times the title's length, which holds most of any short title's
# words: a photo's caption set as a heading above the story (Readability's yahoo-2: 60 words under
# an 8-word headline). 3 is round, set before measuring.
HEADLINE_MAX_LENGTH_RATIO = 3


def rewords(heading: str, title: str) -> bool:
    heading_words, title_words = WORD.findall(heading.casefold()), WORD.findall(title.casefold())
    if len(heading_words) < 2 or len(title_words) < 2:
        return False
    if len(heading_words) > HEADLINE_MAX_LENGTH_RATIO * len(title_words):
        return False
    if f" {' '.join(heading_words)} " in f" {' '.join(title_words)} ":
        return True
    shared = set(title_words) & set(heading_words)
    return len(shared) >= HEADLINE_MIN_SHARED * len(set(title_words))
