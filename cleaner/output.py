"""How records are written: JSON Lines, a JSON array, the body as text or Markdown, explained."""

from __future__ import annotations

import re
from collections.abc import Sequence

from cleaner.record import Article, Block, dumps
from cleaner.segment_text import LINE_START_MARKUP
from cleaner.sniff import sniff

MARKDOWN_PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> ", "table_row": "| "}
MARKDOWN_SUFFIX = {"table_row": " |"}
# Inline characters the Markdown reader would take as markup: emphasis, code, links, autolinks,
# and the backslash itself; `_` unless it joins two letters or digits (snake_case), since only
# there can it not open or close emphasis.
INLINE_MARKUP = re.compile(r"[\\`*\[\]<]|(?<![^\W_])_|_(?![^\W_])")
# The character to escape in a line that would start a list: the number's "." or ")", else the
# bullet itself.
NUMBERED = re.compile(r"^(\s*\d{1,3})([.)])")


def render(articles: Sequence[Article], fmt: str) -> str:
    """The text to write for these records in format `fmt` (jsonl, json, text or markdown)."""
    if fmt == "jsonl":
        return "".join(article.to_json() + "\n" for article in articles)
    if fmt == "json":
        return dumps([article.to_dict() for article in articles], indent=2) + "\n"
    if fmt == "markdown":
        return "".join(as_markdown(article) for article in articles)
    return "".join(article.text + "\n\n" for article in articles)


def as_markdown(article: Article) -> str:
    """The title and blocks as Markdown, escaped so that cleaning it again reads the same text.

    Text with no heading, list or quote reads back as plain text, where a backslash is literal:
    it is written unescaped.
    """
    escaped = markdown_parts(article, escape=True)
    if sniff(escaped) != "markdown":
        return markdown_parts(article, escape=False)
    return escaped


def markdown_parts(article: Article, escape: bool) -> str:
    parts = []
    if article.title:
        parts.append(f"# {escape_markdown(article.title, 'heading') if escape else article.title}")
    parts.extend(markdown_block(block, escape) for block in article.blocks)
    return "\n\n".join(parts) + "\n\n"


def markdown_block(block: Block, escape: bool = False) -> str:
    if block.kind == "code":
        return f"```\n{block.text}\n```"
    text = escape_markdown(block.text, block.kind) if escape else block.text
    return MARKDOWN_PREFIX.get(block.kind, "") + text + MARKDOWN_SUFFIX.get(block.kind, "")


def escape_markdown(text: str, kind: str) -> str:
    """Backslash what `segment_text` would read as markup, so the text round-trips exactly.

    A paragraph "1) Lego ..." would become a list item and "*Sharks circling*" would lose its
    asterisks: the page said them, so the record keeps them.
    """
    text = INLINE_MARKUP.sub(lambda m: "\\" + m.group(), text)
    if kind == "heading" and text.endswith("#"):
        text = text[:-1] + "\\#"  # a closing run of # is not part of a heading
    if kind == "table_row":
        return text
    if any(pattern.match(text) for pattern in LINE_START_MARKUP):
        numbered = NUMBERED.match(text)
        if numbered:
            return f"{numbered.group(1)}\\{text[numbered.end(1) :]}"
        start = len(text) - len(text.lstrip())
        return f"{text[:start]}\\{text[start:]}"
    return text


def explain(article: Article) -> str:
    """A readable account of what each rule removed or moved, in page order."""
    lines = [
        f"{article.input.name} ({article.input.kind}): "
        f"{len(article.removed)} removals, {len(article.blocks)} blocks kept"
    ]
    for removal in sorted(
        article.removed, key=lambda r: (r.block_index is None, r.block_index or 0)
    ):
        where = f"block {removal.block_index}" if removal.block_index is not None else "html"
        text = removal.text if len(removal.text) <= 100 else removal.text[:97] + "..."
        lines.append(f"  {where:>10}  {removal.rule:<36} {removal.action:<20} {text!r}")
    flags = [name for name in ("paywalled", "truncated") if getattr(article, name)]
    if flags:
        lines.append(f"  flags: {', '.join(flags)}")
    if article.mojibake.fixes:
        lines.append(f"  mojibake: {len(article.mojibake.fixes)} fixes")
    if article.spin.verdict != "clean":
        lines.append(
            f"  spin: {article.spin.verdict} (score {article.spin.score:.2f}, "
            f"{len(article.spin.evidence)} evidence spans)"
        )
    return "\n".join(lines)
