"""One immutable value that configures a run; passed down the pipeline, never a global."""

from __future__ import annotations

from dataclasses import dataclass, field
from pathlib import Path

from cleaner.rulepack import RuleSet, default_ruleset

# Inputs larger than this are refused with an error rather than risk memory and time on a page
# no article needs: the largest page of the scrapinghub benchmark is about 1.5 MiB.
DEFAULT_MAX_BYTES = 20 * 1024 * 1024


@dataclass(frozen=True, slots=True)
class Settings:
    """How to clean: the rule packs in force, the extraction trade-off and the input size limit.

    `fast` skips the length comparison of trafilatura's result with readability's reading of an
    HTML page (trafilatura runs in its fast mode either way, and in its full mode when its result
    is one block): faster, and it misses the rest of a forum thread or a blog index. Readability
    still reads the few bodies that are link lists, layout tables or short posts. `text_chrome`
    lets the line classifier drop menu, footer and teaser lines from text dumps of sites no rule
    knows, and cuts a dump's comment thread (`comment_thread`); `site_config` is a checkout of
    Full-Text RSS site configs whose per-site body and strip rules are used for the hosts they
    cover.
    """

    rules: RuleSet = field(default_factory=default_ruleset)
    favor_precision: bool = False
    fast: bool = False
    max_bytes: int = DEFAULT_MAX_BYTES
    text_chrome: bool = True
    site_config: Path | None = None
