"""`cleaner rules test`: a rule must match each `match` example and no `no_match` one."""

from __future__ import annotations

from cleaner.html_rules import selector_matches
from cleaner.record import Block
from cleaner.rulepack import Rule, RuleSet
from cleaner.rules import match_block


def check_examples(ruleset: RuleSet) -> list[str]:
    """One line per failing example, naming the pack file, rule and example."""
    failures = []
    for pack, rule in ruleset.rules():
        for example in rule.examples_match:
            if not example_matches(rule, example):
                failures.append(f"{pack.path}:{rule.line}: {rule.id}: should match: {example!r}")
        for example in rule.examples_no_match:
            if example_matches(rule, example):
                failures.append(
                    f"{pack.path}:{rule.line}: {rule.id}: should not match: {example!r}"
                )
    return failures


def example_matches(rule: Rule, example: str) -> bool:
    """Selector rules run on an HTML snippet; text rules see the example as a block."""
    if rule.match.selector is not None:
        return selector_matches(rule.match.selector, example)
    kind = min(rule.match.kinds) if rule.match.kinds else "paragraph"
    return match_block(rule, Block(kind, example, 0), None) is not None
