"""Text-mode comment threads: cut a page dump where its comment section begins.

In HTML the comment section is marked up (ids and classes that say "comments"), and trafilatura
leaves it out of the body. A page flattened to text has lost that, and readers' comments read
like prose, so the line classifier keeps them: on Dragnet's blog pages rendered to text, most of
what cleaner kept beyond the article was the thread under it. What text does keep is the
thread's shape: a heading that names it ("37 comments", "Leave a Reply", "3 Responses to
“...”"), then comment after comment, each with a signature line of its own ("by Micah Baldwin on
December 5, 2010 at 1:57 am. Reply #", "Jaxon says: 10:15 AM"). A heading followed closely by
three such signatures, each within a few blocks of the last, starts the thread; it and
everything after it leave the body, as HTML mode leaves them out. A heading alone is not enough:
a comment count often stands under the headline, before the article. Headings and signature
words are English (times of day and numeric dates are not).
"""

from __future__ import annotations

import re
from collections.abc import Sequence
from itertools import pairwise

from cleaner.record import Block, Removal

RULE = "text.comment-thread"
REASON = "the page's comment section: a heading that names it, then signed comments"
# A heading that names a comment section, alone on its line.
THREAD_HEADING = re.compile(
    r"(?i)^(?:\d+\s+)?(?:comments?|responses?|replies|reactions|discussion|reader comments"
    r"|user comments|your comments?|thoughts? on\b.*|responses? to\b.*|comments? (?:on|for|to)\b.*"
    r"|leave a (?:comment|reply)|post a comment|add a comment|add your comment"
    r"|join the discussion)\s*(?:\(\d+\))?\s*:?$"
    # or a count of them first, whatever follows: "{ 69 comments… read them below or add one }"
    r"|^\W*\d+\s+(?:comments?|responses?|replies|thoughts)\b"
)
HEADING_MAX_WORDS = 12
# A signature line: short, with a time of day, or with a date and a word a signature uses.
TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
DATE = re.compile(
    r"(?i)\b(?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)[a-z]*\.? \d{1,2}\b"
    r"|\b\d{1,2} (?:jan|feb|mar|apr|may|jun|jul|aug|sep|oct|nov|dec)"
    r"|\b\d{1,2}/\d{1,2}/\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
)
SIGNATURE_WORD = re.compile(r"(?i)\b(?:reply|says|said|wrote|posted|permalink|report)\b")
SIGNATURE_MAX_WORDS = 25
# The first signature comes at most this many blocks after the heading (a comment's text may
# stand before its signature), and each of the next two at most `SIGNATURE_GAP` blocks after the
# one before: a thread signs every comment, an article's byline and dateline stand alone.
FIRST_SIGNATURE_WITHIN = 8
SIGNATURE_GAP = 12
SIGNATURES_NEEDED = 3


def drop_comment_thread(blocks: Sequence[Block]) -> tuple[list[Block], list[Removal]]:
    """The blocks before the comment section's heading, and a removal for each block from it on;
    all the blocks, and no removal, when no heading starts a run of signed comments."""
    start = thread_start([block.text for block in blocks])
    if start is None:
        return list(blocks), []
    removed = [Removal(b.text, RULE, "drop", REASON, b.index) for b in blocks[start:]]
    return list(blocks[:start]), removed


def thread_start(texts: Sequence[str]) -> int | None:
    """The index of the first thread heading that signed comments follow closely, or None."""
    signatures = [i for i, text in enumerate(texts) if is_signature(text)]
    for i, text in enumerate(texts):
        if not is_thread_heading(text):
            continue
        after = [s for s in signatures if s > i][:SIGNATURES_NEEDED]
        if len(after) == SIGNATURES_NEEDED and signed_closely(i, after):
            return i
    return None


def signed_closely(heading: int, signatures: list[int]) -> bool:
    gaps = [b - a for a, b in pairwise(signatures)]
    return signatures[0] - heading <= FIRST_SIGNATURE_WITHIN and max(gaps) <= SIGNATURE_GAP


def is_thread_heading(text: str) -> bool:
    return len(text.split()) <= HEADING_MAX_WORDS and THREAD_HEADING.match(text.strip()) is not None


def is_signature(text: str) -> bool:
    if len(text.split()) > SIGNATURE_MAX_WORDS:
        return False
    if TIME_OF_DAY.search(text):
        return True
    return DATE.search(text) is not None and SIGNATURE_WORD.search(text) is not None
