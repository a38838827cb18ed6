"""Plain text and Markdown to blocks: paragraphs, headings, list items, quotes, table rows, code.

A text dump has no tags, only lines. Blank lines separate paragraphs; inside a paragraph, lines are
kept apart (menus, labels, bullets) unless they read as one wrapped paragraph. Markdown structure
becomes block kinds and inline markup is reduced to its text (links to their anchor text).
"""

from __future__ import annotations

import re
import unicodedata
from collections.abc import Iterable, Iterator

from cleaner.record import Block, BlockKind

# Lines between these lengths, in a paragraph whose lines are all about as long, are hard-wrapped
# prose rather than separate items; text dumps with one line per paragraph have longer lines.
WRAP_MIN_CHARS = 40
WRAP_MAX_CHARS = 100
WRAP_LENGTH_SPREAD = 0.35
# Headings are short and carry no sentence-final punctuation.
HEADING_MAX_WORDS = 20
# What stands between the cells of a table row's block (HTML and Markdown tables alike).
CELL_SEPARATOR = " | "
# A paragraph this long that stops mid-sentence, followed by one starting in lower case, was split
# by the scraper and is joined back.
BROKEN_PARAGRAPH_MIN_WORDS = 8

TERMINAL = re.compile(r"[.!?…:;]['\"”’»)\]]*\s*$")
BULLET = re.compile(r"^\s*(?:[•·▪◦‣●■–—-]|\*|\+|\d{1,3}[.)])\s+(?=\S)")
MD_HEADING = re.compile(r"^\s{0,3}(#{1,6})\s+(.*?)(?:\s+#+)?\s*$")
MD_QUOTE = re.compile(r"^\s{0,3}>\s?")
MD_TABLE_ROW = re.compile(r"^\s*\|.*\|\s*$")
MD_TABLE_RULE = re.compile(r"^\s*\|?\s*:?-{3,}:?\s*(?:\|\s*:?-{3,}:?\s*)*\|?\s*$")
MD_FENCE = re.compile(r"^\s{0,3}(```|~~~)")
MD_LINK_DEFINITION = re.compile(r"^\s{0,3}\[[^\]]+\]:\s+\S+")
MD_HR = re.compile(r"^\s{0,3}(?:[-*_]\s*){3,}$")

# What a Markdown line can start with that makes it more than a paragraph line.
LINE_START_MARKUP = (
    BULLET,
    MD_FENCE,
    MD_HEADING,
    MD_HR,
    MD_QUOTE,
    MD_TABLE_ROW,
    MD_LINK_DEFINITION,
)

INLINE_RULES = (
    (re.compile(r"!\[[^\]]*\]\((?:[^()\s]|\([^)]*\))*\)"), ""),  # images
    (re.compile(r"\[([^\]]+)\]\((?:[^()\s]|\([^)]*\))*(?:\s+\"[^\"]*\")?\)"), r"\1"),  # links
    (re.compile(r"\[([^\]]+)\]\[[^\]]*\]"), r"\1"),  # reference links
    (re.compile(r"<((?:https?|mailto):[^>\s]+)>"), r"\1"),  # autolinks
    (re.compile(r"\*\*(?=\S)(.+?)(?<=\S)\*\*"), r"\1"),
    (re.compile(r"__(?=\S)(.+?)(?<=\S)__"), r"\1"),
    (re.compile(r"(?<![\w*])\*(?=\S)([^*\n]+?)(?<=\S)\*(?![\w*])"), r"\1"),
    (re.compile(r"(?<![\w_])_(?=\S)([^_\n]+?)(?<=\S)_(?![\w_])"), r"\1"),
    (re.compile(r"`([^`\n]+)`"), r"\1"),
)
# Characters a backslash escapes: CommonMark's ASCII punctuation that this reader interprets, and
# the bullets plain text uses. `cleaner.output` escapes the same set when it writes Markdown.
ESCAPABLE = "\\`*_{}[]()#+-.!|<>•·▪◦‣●■–—"
ESCAPE = re.compile(r"\\([" + re.escape(ESCAPABLE) + "])")
# An escaped character is parked on a private-use code point while inline markup is reduced, so
# `\*not emphasis\*` stays literal; text already holding those code points is read unprotected.
PARKED_BASE = 0xF0000
PARKED = re.compile(f"[{chr(PARKED_BASE)}-{chr(PARKED_BASE + len(ESCAPABLE) - 1)}]")


def segment_text(text: str, markdown: bool = False) -> list[Block]:
    """Split a text dump into blocks in reading order, numbered for the audit trail."""
    lines = text.replace("\r\n", "\n").replace("\r", "\n").split("\n")
    pieces: list[tuple[BlockKind, str]] = []
    for paragraph in split_paragraphs(lines, markdown):
        if markdown:
            pieces.extend(markdown_blocks(paragraph))
        else:
            pieces.extend(plain_blocks(paragraph))
    pieces = join_broken_paragraphs(pieces, guessed_headings=not markdown)
    return numbered_blocks(pieces)


def numbered_blocks(pieces: list[tuple[BlockKind, str]]) -> list[Block]:
    """Blocks in reading order, numbered for the audit trail; a piece with nothing visible in it
    (control characters, which the repair stage drops) is no block, so no stage compares it."""
    visible = [(kind, text) for kind, text in pieces if has_visible_text(text)]
    return [Block(kind, text, i) for i, (kind, text) in enumerate(visible)]


def has_visible_text(text: str) -> bool:
    if text.isprintable():
        return bool(text.strip())
    return any(not (char.isspace() or unicodedata.category(char).startswith("C")) for char in text)


def split_paragraphs(lines: list[str], markdown: bool) -> Iterator[list[str]]:
    """Runs of non-blank lines; a fenced code block is one run even if it has blank lines."""
    run: list[str] = []
    in_fence = False
    for line in lines:
        if markdown and MD_FENCE.match(line):
            in_fence = not in_fence
            run.append(line)
            if not in_fence:
                yield run
                run = []
            continue
        if line.strip() or in_fence:
            run.append(line)
        elif run:
            yield run
            run = []
    if run:
        yield run


def plain_blocks(lines: list[str]) -> Iterator[tuple[BlockKind, str]]:
    """One block per line unless the lines are a wrapped paragraph or continue one another."""
    if is_wrapped(lines):
        yield "paragraph", collapse(" ".join(lines))
        return
    current: list[str] = []
    for line in lines:
        if current and continues(current[-1], line):
            current.append(line)
            continue
        if current:
            yield plain_kind(current)
        current = [line]
    if current:
        yield plain_kind(current)


def plain_kind(lines: list[str]) -> tuple[BlockKind, str]:
    text = collapse(" ".join(lines))
    bullet = BULLET.match(text)
    if bullet:
        return "list_item", text[bullet.end() :]
    if len(lines) == 1 and looks_like_heading(text):
        return "heading", text
    return "paragraph", text


def is_wrapped(lines: list[str]) -> bool:
    """All lines but the last are long and of similar length: a hard-wrapped paragraph."""
    if len(lines) < 2 or any(BULLET.match(line) for line in lines):
        return False
    lengths = [len(line.strip()) for line in lines[:-1]]
    longest = max(lengths)
    shortest = min(lengths)
    within = shortest >= WRAP_MIN_CHARS and longest <= WRAP_MAX_CHARS
    return within and longest - shortest <= WRAP_LENGTH_SPREAD * longest


def continues(previous: str, line: str) -> bool:
    """A line starting in lower case after one that stopped mid-sentence continues it."""
    stripped = line.lstrip()
    return bool(stripped) and stripped[0].islower() and not TERMINAL.search(previous)


def looks_like_heading(text: str) -> bool:
    words = text.split()
    return (
        0 < len(words) <= HEADING_MAX_WORDS
        and not TERMINAL.search(text)
        and (text[0].isupper() or text[0].isdigit() or text[0] in "\"'“‘")
    )


def markdown_blocks(lines: list[str]) -> Iterator[tuple[BlockKind, str]]:
    """Markdown structure to block kinds; soft-wrapped lines of one paragraph are joined."""
    if MD_FENCE.match(lines[0]):
        body = lines[1:-1] if len(lines) > 1 and MD_FENCE.match(lines[-1]) else lines[1:]
        yield "code", "\n".join(body)
        return
    kind: BlockKind | None = None
    parts: list[str] = []
    for line in lines:
        line_kind, text = markdown_line(line)
        if line_kind is None:
            continue
        starts_new = line_kind != "paragraph" or kind not in ("paragraph", "list_item", "quote")
        if line_kind == "quote" and kind == "quote":
            starts_new = False
        if starts_new and parts:
            yield from finish(kind, parts)
            parts = []
        if starts_new:
            kind = line_kind
        parts.append(text)
    if parts:
        yield from finish(kind, parts)


def markdown_line(line: str) -> tuple[BlockKind | None, str]:
    """The kind a Markdown line starts (paragraph for plain text) and its text without markup."""
    if MD_LINK_DEFINITION.match(line) or MD_HR.match(line) or MD_TABLE_RULE.match(line):
        return None, ""
    heading = MD_HEADING.match(line)
    if heading:
        return "heading", reduce_inline(heading.group(2))
    if MD_QUOTE.match(line):
        return "quote", reduce_inline(MD_QUOTE.sub("", line, count=1))
    if MD_TABLE_ROW.match(line):
        cells = [reduce_inline(cell.strip()) for cell in line.strip().strip("|").split("|")]
        return "table_row", CELL_SEPARATOR.join(cells)
    bullet = BULLET.match(line)
    if bullet:
        return "list_item", reduce_inline(line[bullet.end() :])
    return "paragraph", reduce_inline(line)


def finish(kind: BlockKind | None, parts: list[str]) -> Iterator[tuple[BlockKind, str]]:
    if kind in ("heading", "table_row"):
        for part in parts:
            if part.strip():
                yield kind, collapse(part)
        return
    text = collapse(" ".join(parts))
    if text:
        yield kind or "paragraph", text


def reduce_inline(text: str) -> str:
    """Inline Markdown to plain text: links to their text, emphasis and code marks removed."""
    protect = PARKED.search(text) is None
    if protect:
        text = ESCAPE.sub(lambda m: chr(PARKED_BASE + ESCAPABLE.index(m.group(1))), text)
    for pattern, replacement in INLINE_RULES:
        text = pattern.sub(replacement, text)
    if protect:
        return PARKED.sub(lambda m: ESCAPABLE[ord(m.group()) - PARKED_BASE], text)
    return ESCAPE.sub(r"\1", text)


def join_broken_paragraphs(
    pieces: list[tuple[BlockKind, str]], guessed_headings: bool
) -> list[tuple[BlockKind, str]]:
    """Join a paragraph cut mid-sentence by a stray blank line to the lower-case rest of it."""
    blocks = [Block(kind, text, i) for i, (kind, text) in enumerate(pieces)]
    return [(block.kind, block.text) for block in join_broken_blocks(blocks, guessed_headings)]


def join_broken_blocks(blocks: list[Block], guessed_headings: bool) -> list[Block]:
    """`join_broken_paragraphs` over numbered blocks; a joined block keeps its first index."""
    joined: list[Block] = []
    for block in blocks:
        previous = joined[-1] if joined else None
        if previous and continues_paragraph(
            previous.kind, previous.text, block.kind, block.text, guessed_headings
        ):
            joined[-1] = Block("paragraph", f"{previous.text} {block.text}", previous.index)
            continue
        joined.append(block)
    return joined


def continues_paragraph(
    prev_kind: BlockKind, prev_text: str, kind: BlockKind, text: str, guessed_headings: bool
) -> bool:
    """A lower-case paragraph after a long paragraph that stopped mid-sentence.

    In plain text a "heading" is only a guess (a line with no final punctuation) and may be the
    first half of such a paragraph; a Markdown or HTML heading is marked up as one and stays.
    """
    joinable = ("paragraph", "heading") if guessed_headings else ("paragraph",)
    if kind != "paragraph" or not text[:1].islower() or prev_kind not in joinable:
        return False
    return len(prev_text.split()) >= BROKEN_PARAGRAPH_MIN_WORDS and not TERMINAL.search(prev_text)


def collapse(text: str) -> str:
    return " ".join(text.split())


def word_total(texts: Iterable[str]) -> int:
    """The number of whitespace-separated words in the texts (what the share-of-the-page guards
    count: link blocks against the body, hidden text against the page)."""
    return sum(len(text.split()) for text in texts)
