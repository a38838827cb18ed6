"""The rules stage: run the packs that apply to a page over its blocks (or its HTML, for selectors).

Rules run one after another, each over the blocks the previous ones left, so a pack can first cut
the app chrome and then read the labels that were under it. Every block or span a rule takes out is
written to the audit trail with the rule's id and reason; a field rule's text goes to its field.
"""

from __future__ import annotations

import re
from dataclasses import dataclass, replace
from typing import Any
from urllib.parse import urlsplit

from cleaner.document import Document
from cleaner.fields import FIELD_NAMES, offer, parse_value
from cleaner.record import Block, Removal
from cleaner.rulepack import Rule, RulePack, RuleSet

CANONICAL_LINK = re.compile(
    r"<link[^>]+rel=[\"']?canonical[\"']?[^>]*href=[\"']?([^\"'\s>]+)|"
    r"<meta[^>]+property=[\"']og:url[\"'][^>]*content=[\"']?([^\"'\s>]+)",
    re.I,
)
# Before segmentation (HTML selector rules) `detect` patterns look at the start of the raw page.
DETECT_RAW_CHARS = 200_000


@dataclass(frozen=True, slots=True)
class Outcome:
    """What one rule did to one block: the removal, and the field values or flags it gave."""

    removal: Removal
    fields: tuple[tuple[str, Any], ...] = ()
    flags: tuple[str, ...] = ()


def domain_of(url: str | None) -> str | None:
    if not url:
        return None
    host = urlsplit(url if "//" in url else f"//{url}").hostname
    return host.removeprefix("www.") if host else None


def page_url(doc: Document) -> str | None:
    """The URL given with the input, else the page's own canonical link (HTML only)."""
    if doc.url or doc.kind != "html":
        return doc.url
    found = CANONICAL_LINK.search(doc.raw[:DETECT_RAW_CHARS])
    return (found.group(1) or found.group(2)) if found else None


def applicable_packs(ruleset: RuleSet, doc: Document) -> list[RulePack]:
    """Packs for every page, for the page's site, or whose `detect` patterns match a block."""
    domain = domain_of(page_url(doc))
    page = page_bytes(doc.blocks) if doc.blocks else doc.raw[:DETECT_RAW_CHARS].encode("utf-8")
    chosen = []
    for pack in ruleset.packs:
        on_site = domain is not None and any(
            domain == s or domain.endswith("." + s) for s in pack.sites
        )
        detected = any(p.search(page) for p in pack.detect)
        if pack.applies_to_all() or on_site or detected:
            chosen.append(pack)
    return chosen


# Rules run again over what the previous pass left while it changed something a rule may see:
# a rule placed by position ("among the last 6 blocks") sees a new end once a later rule dropped
# the footer, and the rest of a line a span rule cut ("date 2022-01-01 #") may be what another
# rule drops. Then cleaning the output again finds nothing more. One extra pass settles every
# scrapinghub page; the bound is a guard.
RULE_MAX_PASSES = 3


def apply_rules(doc: Document, ruleset: RuleSet) -> Document:
    """Run every text rule of every applicable pack over the document's blocks, in order."""
    packs = applicable_packs(ruleset, doc)
    rules = [rule for pack in packs for rule in pack.rules if rule.match.page_pattern is not None]
    blocks, fields, flags, removed = (
        list(doc.blocks),
        dict(doc.fields),
        set(doc.flags),
        list(doc.removed),
    )
    for _ in range(RULE_MAX_PASSES):
        before = {block.index: block.text for block in blocks}
        blocks, outcomes = rule_pass(rules, blocks, packs)
        for outcome in outcomes:
            removed.append(outcome.removal)
            for name, value in outcome.fields:
                fields = offer(fields, name, value)
            flags.update(outcome.flags)
        rules = rules_to_rerun(rules, before, blocks)
        if not outcomes or not rules:
            break
    pack_source = next((p.source for p in packs if p.source), None)
    return replace(
        doc,
        blocks=blocks,
        fields=fields,
        flags=frozenset(flags),
        removed=removed,
        pack_source=pack_source,
    )


def rule_pass(
    rules: list[Rule], blocks: list[Block], packs: list[RulePack]
) -> tuple[list[Block], list[Outcome]]:
    """Each rule once, in pack order, over the blocks the earlier rules left.

    Most rules find nothing on most pages, so a rule searches the blocks one by one only when its
    pattern matches the page (the blocks as lines) somewhere; after a rule changed the blocks,
    the page is read again for the rules after it."""
    candidates = rules_matching_page(packs, page_bytes(blocks))
    outcomes: list[Outcome] = []
    for rule in rules:
        if rule.id not in candidates:
            continue
        blocks, found = apply_rule(rule, blocks)
        if found:
            candidates = rules_matching_page(packs, page_bytes(blocks))
            outcomes.extend(found)
    return blocks, outcomes


def rules_matching_page(packs: list[RulePack], page: bytes) -> set[str]:
    """The ids of the packs' text rules whose pattern matches somewhere in `page`."""
    return set().union(*(pack.page_filter.matching(page) for pack in packs))


def rules_to_rerun(rules: list[Rule], before: dict[int, str], after: list[Block]) -> list[Rule]:
    """All rules when a block was rewritten; the positional ones when blocks left; else none."""
    if any(before.get(block.index) != block.text for block in after):
        return rules
    if len(after) < len(before):
        return [rule for rule in rules if rule.match.position is not None]
    return []


def page_bytes(blocks: list[Block]) -> bytes:
    """The blocks as one UTF-8 text (what RE2 reads), a line each: multi-line patterns see each
    block as lines."""
    return "\n".join(block.text for block in blocks).encode("utf-8")


def apply_rule(rule: Rule, blocks: list[Block]) -> tuple[list[Block], list[Outcome]]:
    """One rule over the blocks: the blocks that remain and what was taken out."""
    kept: list[Block] = []
    outcomes: list[Outcome] = []
    candidates = positions(rule, len(blocks))
    i = 0
    while i < len(blocks):
        block = blocks[i]
        following = blocks[i + 1] if rule.match.join_next and i + 1 < len(blocks) else None
        found = match_block(rule, block, following) if i in candidates else None
        if found is not None and is_photo_story(rule, block, blocks):
            found = None
        if found is None:
            kept.append(block)
            i += 1
            continue
        if rule.action == "drop-after":
            outcomes.extend(removal(rule, b, b.text) for b in blocks[i:])
            return kept, outcomes
        if rule.action == "drop-before":
            outcomes.extend(removal(rule, b, b.text) for b in [*kept, block])
            kept = []
            i += 1
            continue
        taken, rest = split_match(rule, block, found, following)
        outcomes.append(field_outcome(rule, block, taken, found))
        if following is not None:
            outcomes.append(removal(rule, following, following.text))
            i += 1
        if rest:
            kept.append(replace(block, text=rest))
        i += 1
    return kept, outcomes


def is_photo_story(rule: Rule, block: Block, blocks: list[Block]) -> bool:
    """Whether `rule` would move to the captions the last text of the body: a page whose only
    text is a photo's caption (a gallery slide, a photo story) has it as its article, and moving
    it would leave an empty record (two Dragnet pages did, where readability-lxml found it)."""
    return rule.action == "field:captions" and not any(
        other is not block and other.kind != "heading" for other in blocks
    )


def positions(rule: Rule, count: int) -> range:
    """Indices of the remaining blocks the rule may look at, from its `position`."""
    if rule.match.position is None:
        return range(count)
    where, n = rule.match.position
    if where == "first":
        return range(min(count, int(n)))
    if where == "last":
        return range(max(0, count - int(n)), count)
    if where == "skip":
        return range(min(count, int(n)), count)
    return range(int(count * (1 - n)), count)


def match_block(rule: Rule, block: Block, following: Block | None) -> Any | None:
    if rule.match.kinds is not None and block.kind not in rule.match.kinds:
        return None
    text = f"{block.text} {following.text}" if following is not None else block.text
    found = rule.match.matches_text(text)
    if found is None or not found.group(0).strip():
        return None
    if rule.action.startswith("field:") and field_values(rule, found, text) == ():
        return None
    return found


def split_match(rule: Rule, block: Block, found: Any, following: Block | None) -> tuple[str, str]:
    """The text the rule takes, and what stays in the block (only for span rules)."""
    if rule.match.scope == "span" and following is None:
        rest = " ".join((block.text[: found.start()] + " " + block.text[found.end() :]).split())
        return found.group(0).strip(), rest
    taken = f"{block.text} {following.text}" if following is not None else block.text
    return taken, ""


def field_values(rule: Rule, found: Any, taken: str) -> tuple[tuple[str, Any], ...]:
    """Values for the action's field and for every named group; () when the text gives none."""
    values = []
    groups = {k: v for k, v in found.groupdict().items() if v}
    if rule.action.startswith("field:"):
        target = rule.action.removeprefix("field:")
        source_text = groups.pop(target, None) or (
            found.group(0) if rule.match.scope == "span" else taken
        )
        value = parse_value(target, source_text)
        if value is None:
            return ()
        values.append((target, value))
    for name, text in groups.items():
        if name in FIELD_NAMES:
            value = parse_value(name, text)
            if value is not None:
                values.append((name, value))
    return tuple(values)


def field_outcome(rule: Rule, block: Block, taken: str, found: Any) -> Outcome:
    flags = rule.flags
    if rule.action.startswith("flag:"):
        flags = (*flags, rule.action.removeprefix("flag:"))
    return Outcome(
        removal=Removal(taken, rule.id, rule.action, rule.why, block.index),
        fields=field_values(rule, found, taken),
        flags=flags,
    )


def removal(rule: Rule, block: Block, text: str) -> Outcome:
    return Outcome(Removal(text, rule.id, rule.action, rule.why, block.index), flags=rule.flags)
