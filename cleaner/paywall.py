"""Paywalls read off the page: what the publisher declares, and the prompt it shows instead of text.

Publishers tell search engines which articles are not free with schema.org markup (Google's
"subscription and paywalled content" guidance): `isAccessibleForFree: false` in JSON-LD or
microdata, often with a `hasPart` whose `cssSelector` names the paywalled section. That sets
`paywalled`. A page that shows a prompt in place of the rest of the article ("To Read the Full
Story  Subscribe  Sign In") was served cut off: the prompt leaves the page before extraction and
sets `truncated`, unless the section the publisher declared paywalled is on the page with its text
(metered sites ship the whole article and hide it in the browser). Each finding is an audit entry.
"""

from __future__ import annotations

import json
import re
from collections.abc import Iterator
from dataclasses import dataclass, field
from typing import Any

import re2
from lxml import etree, html

from cleaner.record import Removal

DECLARED_RULE = "paywall.schema-org"
PROMPT_RULE = "paywall.prompt"
# Values of isAccessibleForFree that say "not free" (booleans arrive as strings in microdata and in
# much hand-written JSON-LD: "False" on nytimes.com, latimes.com and wired.com).
NOT_FREE = frozenset({"false", "no", "0"})
# A prompt shown where the article stops. Phrases only a paywall uses: the generic text rules
# catch the looser sign-in and newsletter lines once the text is extracted. RE2, because the whole
# raw page is searched: 0.3 ms a page where Python's engine took 7 ms (scrapinghub, 181 pages).
PROMPT = re2.compile(
    r"(?i)\bto read the (?:full|whole|rest of the) (?:story|article)\b"
    r"|\b(?:subscribe|sign in|log in|register) to (?:continue|keep) reading\b"
    r"|\bcontinue reading (?:this|your|the) (?:article|story) with\b"
    r"|\b(?:article|story|content) is (?:only |exclusively )?(?:available )?(?:to|for) "
    r"(?:paying |premium )?(?:subscribers|members)\b"
    r"|\byou(?:'ve| have) (?:reached|used) (?:your|all of your) (?:\w+ )?(?:free )?"
    r"(?:articles?|stories) (?:limit|views)\b"
)
# A prompt is a short box; a long element that quotes such a phrase is article text.
PROMPT_MAX_WORDS = 30
# The declared paywalled section counts as delivered when it holds at least this many words
# (barrons.com: 285 words in `.paywall`; a cut-off page leaves it absent or empty).
DELIVERED_MIN_WORDS = 50
# The schema.org property, spelt out in any declaration: JSON-LD script text is raw, and microdata
# names it in an attribute. Pages that lack it (169 of the 181 scrapinghub pages) skip the two
# walks of the tree that read the declaration (0.35 ms a page).
DECLARATION_KEY = "isAccessibleForFree"
INVISIBLE = frozenset({"script", "style", "noscript", "template"})
SIMPLE_SELECTOR = re.compile(r"^([.#])([\w-]+)$")


@dataclass(frozen=True, slots=True)
class PaywallFinding:
    """The flags the page earns and an audit entry for each: the declaration, the prompts."""

    flags: frozenset[str] = frozenset()
    removed: list[Removal] = field(default_factory=list)


def find_paywall(tree: html.HtmlElement | None, page: str) -> PaywallFinding:
    """Read the page's paywall markup and remove its prompts from `tree` (before extraction)."""
    if tree is None:
        return PaywallFinding()
    declared, selectors = declared_not_free(tree) if DECLARATION_KEY in page else (None, [])
    prompts = prompt_elements(tree, page)
    flags: set[str] = set()
    removed: list[Removal] = []
    if declared:
        flags.add("paywalled")
        reason = "the page declares itself not free to read (schema.org isAccessibleForFree)"
        removed.append(Removal(declared, DECLARED_RULE, "flag:paywalled", reason, None))
    if prompts:
        delivered = section_words(tree, selectors) >= DELIVERED_MIN_WORDS
        flag = "paywalled" if delivered else "truncated"
        flags.update({"paywalled", flag})
        reason = "a paywall prompt shown in place of the rest of the article" + (
            " (the paywalled section is on the page)" if delivered else ""
        )
        for element in prompts:
            text = " ".join(" ".join(element.itertext()).split())
            removed.append(Removal(text, PROMPT_RULE, f"flag:{flag}", reason, None))
            element.drop_tree()
    return PaywallFinding(frozenset(flags), removed)


def declared_not_free(tree: html.HtmlElement) -> tuple[str | None, list[str]]:
    """The declaration as evidence text (None if the page does not make one), and the CSS
    selectors of the parts it declares paywalled."""
    declared = False
    selectors: list[str] = []
    for item in schema_items(tree):
        if str(item.get(DECLARATION_KEY, "")).strip().lower() in NOT_FREE:
            declared = True
            selector = item.get("cssSelector")
            selectors += [selector] if isinstance(selector, str) else []
    for meta in tree.xpath(f'//*[@itemprop="{DECLARATION_KEY}"]'):
        if meta.get("content", meta.text_content()).strip().lower() in NOT_FREE:
            declared = True
            part = meta.getparent().xpath('./*[@itemprop="cssSelector"]/@content')
            selectors += [str(s) for s in part]
    if not declared:
        return None, []
    parts = f" (paywalled part: {', '.join(dict.fromkeys(selectors))})" if selectors else ""
    return f"isAccessibleForFree: false{parts}", selectors


def schema_items(tree: html.HtmlElement) -> Iterator[dict[str, Any]]:
    """Every object in the page's JSON-LD scripts, nested ones too (`@graph`, `hasPart`)."""
    for script in tree.xpath('//script[@type="application/ld+json"]'):
        if DECLARATION_KEY not in (script.text or ""):
            continue
        try:
            data = json.loads(script.text)
        except ValueError:
            continue
        yield from walk(data)


def walk(data: Any) -> Iterator[dict[str, Any]]:
    if isinstance(data, dict):
        yield data
        for value in data.values():
            yield from walk(value)
    elif isinstance(data, list):
        for value in data:
            yield from walk(value)


def prompt_elements(tree: html.HtmlElement, page: str) -> list[html.HtmlElement]:
    """The smallest visible elements whose text is a paywall prompt. The raw page is searched
    first, so the tree is walked only on the few pages that quote a prompt anywhere."""
    if not PROMPT.search(page):
        return []
    found: list[html.HtmlElement] = []
    for node in tree.xpath("//body//text()"):
        element = node.getparent()
        if node.is_tail and element is not None:
            element = element.getparent()
        if element is None or not PROMPT.search(node) or hidden_in_code(element):
            continue
        box = prompt_box(element)
        if box is not None and all(box is not f for f in found):
            found.append(box)
    return found


def hidden_in_code(element: etree._Element) -> bool:
    return any(a.tag in INVISIBLE for a in element.iterancestors()) or element.tag in INVISIBLE


def prompt_box(element: html.HtmlElement) -> html.HtmlElement | None:
    """The largest ancestor that is still a short box (the prompt with its buttons)."""
    if len(element.text_content().split()) > PROMPT_MAX_WORDS:
        return None
    box = element
    for parent in element.iterancestors():
        if parent.tag == "body" or len(parent.text_content().split()) > PROMPT_MAX_WORDS:
            break
        box = parent
    return box


def section_words(tree: html.HtmlElement, selectors: list[str]) -> int:
    """Words in the elements the declared selectors name (simple `.class` and `#id` only)."""
    words = 0
    for selector in {s.strip() for sel in selectors for s in sel.split(",")}:
        simple = SIMPLE_SELECTOR.match(selector)
        if simple is None:
            continue
        kind, name = simple.groups()
        xpath = (
            f'//*[contains(concat(" ", normalize-space(@class), " "), " {name} ")]'
            if kind == "."
            else f'//*[@id="{name}"]'
        )
        words += sum(len(e.text_content().split()) for e in tree.xpath(xpath))
    return words
