"""Text dumps and Markdown become blocks of the right kinds, with markup reduced to text."""

from __future__ import annotations

import dataclasses

from cleaner import clean
from cleaner.output import as_markdown
from cleaner.record import Block
from cleaner.segment_text import segment_text
from cleaner.sniff import sniff


def kinds_and_texts(text: str, markdown: bool = False) -> list[tuple[str, str]]:
    return [(b.kind, b.text) for b in segment_text(text, markdown=markdown)]


def test_markdown_links_emphasis_and_autolinks_reduce_to_text():
    text = "A [said](#) it. **Related:** [Other story](https://x.org/a) and <https://x.org/b>"
    assert kinds_and_texts(text, markdown=True) == [
        ("paragraph", "A said it. Related: Other story and https://x.org/b")
    ]


def test_markdown_structure_becomes_block_kinds():
    text = (
        "# Title\n\n## Sub\n\n> quoted\n> more\n\n- one\n- two\n\n| a | b |\n|---|---|\n| 1 | 2 |"
    )
    assert kinds_and_texts(text, markdown=True) == [
        ("heading", "Title"),
        ("heading", "Sub"),
        ("quote", "quoted more"),
        ("list_item", "one"),
        ("list_item", "two"),
        ("table_row", "a | b"),
        ("table_row", "1 | 2"),
    ]


def test_separate_short_lines_stay_separate_blocks():
    text = "Get all your news in one place.\nOne app.\nStart reading\nAxios"
    assert [t for _, t in kinds_and_texts(text)] == text.split("\n")


def test_hard_wrapped_paragraph_is_joined():
    text = (
        "The written responses presented by the United States and NATO\n"
        "to Russia's security demands fail to address Moscow's main\n"
        "concerns, the minister said."
    )
    assert kinds_and_texts(text) == [("paragraph", " ".join(text.split()))]


def test_paragraph_split_by_a_stray_blank_line_is_rejoined():
    text = (
        "Lavrov said that there is a response which gives hope for the start of a serious"
        "\n\nconversation on secondary questions."
    )
    assert kinds_and_texts(text) == [("paragraph", " ".join(text.split()))]


def test_bullets_become_list_items_and_short_unpunctuated_lines_headings():
    text = "Troop buildup rings alarm bells\n\n  • First point here.\n  • Second point."
    assert kinds_and_texts(text) == [
        ("heading", "Troop buildup rings alarm bells"),
        ("list_item", "First point here."),
        ("list_item", "Second point."),
    ]


def test_blocks_are_numbered_in_page_order():
    assert [b.index for b in segment_text("a.\n\nb.\n\nc.")] == [0, 1, 2]


def test_sniff_tells_html_markdown_and_text_apart():
    assert sniff("<!DOCTYPE html><html><body><p>x</p></body></html>") == "html"
    assert sniff("<div><p>Hello</p><p>World</p></div>") == "html"
    assert sniff("# Title\n\nSome text with a [link](http://x).") == "markdown"
    assert sniff("Plain text.\n\nAnother paragraph - with a dash.") == "text"


def test_markdown_output_reads_back_as_the_same_blocks():
    """What looks like markup in a page's text is escaped on output, so it stays text."""
    blocks = [
        Block("heading", "C# in 2019 #"),
        Block("paragraph", "1) Lego Star Wars 75188 http://amzn.to/2iJFhRj 2) Polistil"),
        Block("paragraph", "Streaming made catalogs lucrative. *Sharks begin circling*"),
        Block("paragraph", "— Внезапно я захотел вести блог, сказал он."),
        Block("paragraph", "___"),
        Block("paragraph", "snake_case stays, __dunder__ and [a](b) and <http://c> too"),
        Block("list_item", "# not a heading"),
        Block("table_row", "Pos | Piloto | Pontos"),
    ]
    article = clean("# Title\n\nBody.")
    article = dataclasses.replace(article, blocks=tuple(blocks))
    markdown = as_markdown(article)
    assert "1\\) Lego" in markdown and "\\*Sharks begin circling\\*" in markdown
    assert "snake_case" in markdown
    again = segment_text(markdown, markdown=True)
    assert [(b.kind, b.text) for b in again[1:]] == [(b.kind, b.text) for b in blocks]


def test_a_markdown_first_line_heading_is_the_title_only_when_it_says_something():
    body = "The first paragraph of the body is here.\n\n- a list item\n- another"
    titled = clean(f"# Troops mass at the border\n\n{body}")
    assert titled.title == "Troops mass at the border"
    assert titled.text.startswith("The first paragraph")
    for empty_heading in ("# \x1b", "# ![logo](x.png)"):
        article = clean(f"{empty_heading}\n\n{body}")
        assert article.title is None
        assert article.text.startswith("The first paragraph"), empty_heading
