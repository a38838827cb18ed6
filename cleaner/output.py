"""How records are written: JSON Lines, a JSON array, the body as text or Markdown, explained."""

from __future__ import annotations

from collections.abc import Sequence

from cleaner.record import Article, Block, dumps

MARKDOWN_PREFIX = {"heading": "## ", "list_item": "- ", "quote": "> "}


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
    parts = [f"# {article.title}"] if article.title else []
    parts.extend(markdown_block(block) for block in article.blocks)
    return "\n\n".join(parts) + "\n\n"


def markdown_block(block: Block) -> str:
    if block.kind == "code":
        return f"```\n{block.text}\n```"
    return MARKDOWN_PREFIX.get(block.kind, "") + block.text


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
