"""Full-Text RSS site configs: per-site XPath rules for the article body, title, author and date.

The format (fivefilters/ftr-site-config, inherited from Instapaper) is one `directive: value` per
line, `#` for comments; a directive may repeat (several `body` XPaths are tried in order, every
`strip` applies). Reading it directly lets a user point `cleaner` at a checkout of those ~2,000
public-domain configs and get per-site extraction for the sites it covers.

`parse_site_config` reads one file into a frozen `SiteConfig`; `find_site_config` picks the file
for a host with the format's naming rules; `apply_site_config` runs a config on an lxml tree and
says what it removed, so the record's audit trail can name every strip rule; `extract_site_page`
is what the segment stage calls: blocks, fields and audit entries for a page whose host has one.
"""

from __future__ import annotations

import copy
import re
from collections.abc import Sequence
from dataclasses import dataclass, field
from functools import lru_cache
from pathlib import Path
from typing import Any
from urllib.parse import urlsplit

from lxml import etree, html

from cleaner.fields import parse_date
from cleaner.record import Block, BlockKind, Removal
from cleaner.segment_text import numbered_blocks

# Directives that hold a list of XPath expressions or strings, in file order.
LIST_DIRECTIVES = (
    "title",
    "body",
    "author",
    "date",
    "strip",
    "strip_id_or_class",
    "strip_image_src",
    "strip_attr",
    "single_page_link",
    "next_page_link",
    "test_url",
    "test_contains",
    "native_ad_clue",
    "dissolve",
    "skip_id_or_class",
    "if_page_contains",
)
# Directives that are yes/no switches.
FLAG_DIRECTIVES = (
    "tidy",
    "prune",
    "autodetect_on_failure",
    "autodetect_next_page",
    "skip_json_ld",
    "insert_detected_image",
    "convert_double_br_tags",
    "requires_login",
    "strip_comments",
)
LINE_RE = re.compile(r"^\s*([A-Za-z_]+)(?:\(([^)]*)\))?\s*:\s*(.*?)\s*$")


@dataclass(frozen=True, slots=True)
class SiteConfig:
    """One site's rules. List fields keep file order; flags are None when the file is silent."""

    title: tuple[str, ...] = ()
    body: tuple[str, ...] = ()
    author: tuple[str, ...] = ()
    date: tuple[str, ...] = ()
    strip: tuple[str, ...] = ()
    strip_id_or_class: tuple[str, ...] = ()
    strip_image_src: tuple[str, ...] = ()
    strip_attr: tuple[str, ...] = ()
    single_page_link: tuple[str, ...] = ()
    next_page_link: tuple[str, ...] = ()
    test_url: tuple[str, ...] = ()
    test_contains: tuple[str, ...] = ()
    native_ad_clue: tuple[str, ...] = ()
    dissolve: tuple[str, ...] = ()
    skip_id_or_class: tuple[str, ...] = ()
    if_page_contains: tuple[str, ...] = ()
    flags: tuple[tuple[str, bool], ...] = ()
    # (find, replace) pairs applied to the raw HTML before parsing, in file order.
    replace_string: tuple[tuple[str, str], ...] = ()
    # HTTP headers to fetch the site with; kept for callers that fetch, unused here.
    http_header: tuple[tuple[str, str], ...] = ()
    # Directives this reader keeps but does not interpret (login_*, wrap_in(tag), parser ...).
    other: tuple[tuple[str, str], ...] = ()

    def flag(self, name: str) -> bool | None:
        return dict(self.flags).get(name)


@dataclass(frozen=True, slots=True)
class Stripped:
    """One node a strip rule removed: the rule (`strip: XPATH`, ...) and the node's text."""

    rule: str
    text: str


@dataclass(frozen=True, slots=True)
class SiteExtraction:
    """What a config found on a page; `body` is None when no body XPath matched."""

    body: html.HtmlElement | None
    title: str | None
    authors: tuple[str, ...]
    date: str | None
    stripped: tuple[Stripped, ...] = field(default=())


def parse_site_config(text: str) -> SiteConfig:
    """Read one site-config file; unknown or malformed lines are kept in `other` or skipped."""
    lists: dict[str, list[str]] = {name: [] for name in LIST_DIRECTIVES}
    flags, replace, headers, other = [], [], [], []
    pending_find: list[str] = []
    for line in text.splitlines():
        if not line.strip() or line.lstrip().startswith("#"):
            continue
        match = LINE_RE.match(line)
        if not match:
            continue
        name, argument, value = match.group(1).lower(), match.group(2), match.group(3)
        if name in lists and argument is None:
            lists[name].append(value)
        elif name in FLAG_DIRECTIVES:
            flags.append((name, value.lower() in ("yes", "true", "1")))
        elif name == "find_string":
            pending_find.append(value)
        elif name == "replace_string" and argument is not None:
            replace.append((argument, value))
        elif name == "replace_string" and pending_find:
            replace.append((pending_find.pop(0), value))
        elif name == "http_header" and argument is not None:
            headers.append((argument.lower(), value))
        else:
            other.append((f"{name}({argument})" if argument is not None else name, value))
    return SiteConfig(
        **{name: tuple(values) for name, values in lists.items()},
        flags=tuple(flags),
        replace_string=tuple(replace),
        http_header=tuple(headers),
        other=tuple(other),
    )


def find_site_config(directory: Path, host: str) -> Path | None:
    """The config file for `host`, by the format's naming rules.

    `example.com.txt` serves example.com and www.example.com; `sport.example.com.txt` only that
    host; `.example.com.txt` any subdomain of example.com (but not example.com or www itself).
    """
    host = host.lower().rstrip(".")
    bare = host.removeprefix("www.")
    for name in (f"{host}.txt", f"{bare}.txt"):
        if (directory / name).is_file():
            return directory / name
    parts = host.split(".")
    for i in range(1, len(parts) - 1):
        candidate = directory / f".{'.'.join(parts[i:])}.txt"
        if host != f"www.{'.'.join(parts[i:])}" and candidate.is_file():
            return candidate
    return None


def load_site_config(directory: Path, host: str) -> SiteConfig | None:
    path = find_site_config(directory, host)
    if path is None:
        return None
    return parse_site_config(path.read_text(encoding="utf-8", errors="replace"))


def apply_replacements(page: str, config: SiteConfig) -> str:
    """The raw-HTML string replacements (`find_string` / `replace_string`), in file order."""
    for find, replace in config.replace_string:
        page = page.replace(find, replace)
    return page


def apply_site_config(tree: html.HtmlElement, config: SiteConfig) -> SiteExtraction:
    """Run a config on a page: fields first, then strip rules, then the body XPath.

    The tree is copied, never changed. Title, author and date are read before stripping (sites
    often strip the byline from the body that they read the author from). A body XPath matching
    several nodes gives all of them, in page order, under one `<div>`, as Full-Text RSS does.
    """
    tree = copy.deepcopy(tree)
    title = first_string(tree, config.title)
    authors = tuple(dict.fromkeys(s for xpath in config.author for s in strings(tree, xpath)))
    date = first_string(tree, config.date)
    stripped = strip_nodes(tree, config)
    return SiteExtraction(select_body(tree, config.body), title, authors, date, stripped)


def strip_nodes(tree: html.HtmlElement, config: SiteConfig) -> tuple[Stripped, ...]:
    """Remove every node matched by `strip`, `strip_id_or_class` and `strip_image_src`."""
    rules = [(f"strip: {x}", x) for x in config.strip]
    rules += [(f"strip_id_or_class: {n}", id_or_class_xpath(n)) for n in config.strip_id_or_class]
    rules += [(f"strip_image_src: {s}", image_src_xpath(s)) for s in config.strip_image_src]
    removed = []
    for rule, xpath in rules:
        for node in elements(tree, xpath):
            if node.getparent() is None:
                continue
            removed.append(Stripped(rule, " ".join(node.text_content().split())))
            node.drop_tree()
    return tuple(removed)


def select_body(tree: html.HtmlElement, xpaths: Sequence[str]) -> html.HtmlElement | None:
    """The first body XPath that matches; several matches are wrapped in one `<div>`."""
    for xpath in xpaths:
        nodes = outermost(elements(tree, xpath))
        if len(nodes) == 1:
            return nodes[0]
        if nodes:
            wrapper = html.Element("div")
            wrapper.extend(copy.deepcopy(n) for n in nodes)
            return wrapper
    return None


def outermost(nodes: list[html.HtmlElement]) -> list[html.HtmlElement]:
    """Drop nodes inside another matched node, so no text is taken twice."""
    chosen = set(nodes)
    return [n for n in nodes if not any(a in chosen for a in n.iterancestors())]


def id_or_class_xpath(name: str) -> str:
    """Full-Text RSS's reading of `strip_id_or_class`: a whole class token, or the id."""
    literal = xpath_literal(f" {name.strip()} ")
    return (
        f"//*[contains(concat(' ',normalize-space(@class),' '),{literal})"
        f" or contains(concat(' ',normalize-space(@id),' '),{literal})]"
    )


def image_src_xpath(fragment: str) -> str:
    return f"//img[contains(@src,{xpath_literal(fragment.strip())})]"


def xpath_literal(value: str) -> str:
    """A string literal for XPath 1.0, which has no escape: concat() when both quotes occur."""
    if "'" not in value:
        return f"'{value}'"
    if '"' not in value:
        return f'"{value}"'
    parts = value.split("'")
    return "concat(" + ', "\'", '.join(f"'{p}'" for p in parts) + ")"


def elements(tree: html.HtmlElement, xpath: str) -> list[html.HtmlElement]:
    """Element results of an XPath; a broken expression (they exist in the wild) matches nothing."""
    try:
        result = tree.xpath(xpath)
    except (etree.XPathError, ValueError):
        return []
    if not isinstance(result, list):
        return []
    return [r for r in result if isinstance(r, html.HtmlElement)]


def strings(tree: html.HtmlElement, xpath: str) -> list[str]:
    """Non-empty text results of an XPath: attribute values, text nodes or element text."""
    try:
        result = tree.xpath(xpath)
    except (etree.XPathError, ValueError):
        return []
    items = result if isinstance(result, list) else [result]
    texts = []
    for item in items:
        text = item.text_content() if isinstance(item, html.HtmlElement) else str(item)
        text = " ".join(text.split())
        if text:
            texts.append(text)
    return texts


def first_string(tree: html.HtmlElement, xpaths: Sequence[str]) -> str | None:
    for xpath in xpaths:
        found = strings(tree, xpath)
        if found:
            return found[0]
    return None


# --- in the pipeline -----------------------------------------------------------------------------

# Paragraph-level elements of a config's body, and the block kind each becomes.
BLOCK_TAGS: dict[str, BlockKind] = {
    "p": "paragraph",
    **dict.fromkeys(("h1", "h2", "h3", "h4", "h5", "h6"), "heading"),
    "li": "list_item",
    "blockquote": "quote",
    "pre": "code",
    "figcaption": "caption",
    "tr": "table_row",
}
INVISIBLE_TAGS = frozenset({"script", "style", "noscript", "template", "svg"})
RULE_PREFIX = "site-config/"


@dataclass(frozen=True, slots=True)
class SitePage:
    """What a site config gives a page: its body as HTML and as blocks (None and empty when no
    body XPath matched), the fields it reads (title, authors, published) and an audit entry per
    node its strip rules removed."""

    body_html: str | None
    blocks: list[Block]
    fields: dict[str, Any]
    removed: list[Removal]


def extract_site_page(page: str, url: str | None, directory: Path | None) -> SitePage | None:
    """The config for the page's host applied to the page, or None when there is none."""
    host = urlsplit(url).hostname if url else None
    config = cached_site_config(directory, host) if directory and host else None
    if config is None:
        return None
    try:
        tree = html.fromstring(apply_replacements(page, config))
    except (etree.ParserError, ValueError):
        return None
    found = apply_site_config(tree, config)
    fields = {
        "title": found.title,
        "authors": list(found.authors),
        "published": parse_date(found.date) if found.date else None,
    }
    fields = {name: value for name, value in fields.items() if value}
    if found.body is None:
        return SitePage(None, [], fields, [])
    body_html = html.tostring(found.body, encoding="unicode")
    blocks = numbered_blocks(body_pieces(found.body))
    rule = f"{RULE_PREFIX}{host}"
    removed = [Removal(s.text, rule, "drop", s.rule, None) for s in found.stripped if s.text]
    return SitePage(f"<html><body>{body_html}</body></html>", blocks, fields, removed)


@lru_cache(maxsize=4096)
def cached_site_config(directory: Path, host: str) -> SiteConfig | None:
    """A batch meets the same hosts again and again: read each host's file once per process."""
    return load_site_config(directory, host)


def body_pieces(element: html.HtmlElement) -> list[tuple[BlockKind, str]]:
    """The body in reading order: one block per paragraph-level element, and text standing
    outside any of them as paragraphs of its own, so nothing in the body is lost."""
    pieces: list[tuple[BlockKind, str]] = []
    if element.text and element.text.strip():
        pieces.append(("paragraph", " ".join(element.text.split())))
    for child in element:
        tag = child.tag if isinstance(child.tag, str) else ""
        if tag in BLOCK_TAGS:
            text = " ".join(child.text_content().split())
            if text:
                pieces.append((BLOCK_TAGS[tag], text))
        elif tag and tag not in INVISIBLE_TAGS:
            pieces.extend(body_pieces(child))
        if child.tail and child.tail.strip():
            pieces.append(("paragraph", " ".join(child.tail.split())))
    return pieces
