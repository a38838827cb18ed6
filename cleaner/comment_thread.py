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
a comment count often stands under the headline, before the article; nor is a time alone a
signature (a live blog's entries, a programme). Headings, month names and signature words are
English; times of day and numeric dates are not.
"""

from __future__ import annotations

import re
from bisect import bisect_right
from collections.abc import Sequence
from itertools import pairwise

from cleaner.record import Block, Removal

RULE = "text.comment-thread"
REASON = "the page's comment section: a heading that names it, then signed comments"
# What a thread's heading invites readers to do; it may also follow the count ("126 Comments Add A
# Comment").
INVITATION = r"(?:join the discussion|add a comment|leave a comment|leave a reply|post a comment)"
# A heading that names a comment section, alone on its line (whitespace collapsed): "Comments",
# "37 comments", "Comments (12)", "Leave a Reply"; with a count first, "{ 69 comments… read them
# below or add one }", "16 Responses", "3 Responses to “Strawberry Cake”", "5 thoughts on “…”".
# Words that also head an article's own sections ("Responses", "Thoughts on the match") need a
# count; "Reactions" and "Discussion" are not read.
THREAD_HEADING = re.compile(
    rf"(?i)(?:\d+ )?(?:comments?|reader comments|user comments|your comments?|add your comment"
    rf"|{INVITATION})(?: ?\(\d+\))?:?"
    rf"|\W{{0,3}}\d+ comments?(?: ?[^\w\s][^\n]{{0,80}}| so far| and counting| {INVITATION})?"
    r"|\d+ (?:responses?|replies):?|(?:responses?|replies) ?\(\d+\):?"
    r"|\d+ comments? (?:to|on) [^\n]{1,200}"
    r"|\d+ (?:responses?|replies|thoughts) (?:to|on) [\"“‘'][^\n]{1,200}"
)
HEADING_MAX_WORDS = 12
# A signature line is short and dated as a comment is signed: a date and a time of day ("Deborah
# July 23, 2012 at 4:39 am"), or either with what a signature says ("Jaxon says: 10:15 AM",
# "Reply", "Permalink", "Posted by"). A time alone is a live blog's entry or a schedule's line,
# and "says" or "wrote" without the colon is a sentence's verb.
TIME_OF_DAY = re.compile(r"(?<!\d)\d{1,2}:\d{2}(?!\d)")
MONTH = (
    r"(?:jan(?:uary)?|feb(?:ruary)?|mar(?:ch)?|apr(?:il)?|may|june?|july?|aug(?:ust)?"
    r"|sep(?:t(?:ember)?)?|oct(?:ober)?|nov(?:ember)?|dec(?:ember)?)\b"
)
DATE = re.compile(
    rf"(?i)\b{MONTH}\.? \d{{1,2}}(?:st|nd|rd|th)?\b"
    rf"|\b\d{{1,2}}(?:st|nd|rd|th|\.)? (?:of )?{MONTH}"
    r"|\b\d{1,2}[/.]\d{1,2}[/.]\d{2,4}\b|\b\d{4}-\d{2}-\d{2}\b"
    r"|\b\d+ (?:minutes?|hours?|days?|weeks?|months?|years?) ago\b"
)
SIGNATURE_WORD = re.compile(r"(?i)\b(?:reply|permalink|posted (?:by|on|at)|(?:says|said|wrote):)")
SIGNATURE_MAX_WORDS = 25
# The first signature comes at most this many blocks after the heading (a comment's text may
# stand before its signature), and each of the next two at most `SIGNATURE_GAP` blocks after the
# one before: a thread signs every comment, an article's byline and dateline stand alone.
FIRST_SIGNATURE_WITHIN = 8
SIGNATURE_GAP = 12
SIGNATURES_NEEDED = 3
# Words that must stand before the heading: a dump's menus and its article. A heading at the top
# (a comment count under the headline, a document that is a list of dated entries) is never cut
# at, so the cut cannot empty a text.
MIN_WORDS_BEFORE = 20


def drop_comment_thread(blocks: Sequence[Block]) -> tuple[list[Block], list[Removal]]:
    """The blocks before the comment section's heading, and a removal for each block from it on;
    all the blocks, and no removal, when no heading starts a run of signed comments."""
    start = thread_start([block.text for block in blocks])
    if start is None:
        return list(blocks), []
    removed = [Removal(b.text, RULE, "drop", REASON, b.index) for b in blocks[start:]]
    return list(blocks[:start]), removed


def thread_start(texts: Sequence[str]) -> int | None:
    """The index of the first thread heading that signed comments follow closely, with enough
    words before it; or None. Linear: each heading finds its next signatures by bisection."""
    signatures = [i for i, text in enumerate(texts) if is_signature(text)]
    words_before = 0
    for i, text in enumerate(texts):
        if words_before >= MIN_WORDS_BEFORE and is_thread_heading(text):
            first = bisect_right(signatures, i)
            after = signatures[first : first + SIGNATURES_NEEDED]
            if len(after) == SIGNATURES_NEEDED and signed_closely(i, after):
                return i
        words_before += len(text.split())
    return None


def signed_closely(heading: int, signatures: list[int]) -> bool:
    gaps = [b - a for a, b in pairwise(signatures)]
    return signatures[0] - heading <= FIRST_SIGNATURE_WITHIN and max(gaps) <= SIGNATURE_GAP


def is_thread_heading(text: str) -> bool:
    words = text.split()
    return len(words) <= HEADING_MAX_WORDS and THREAD_HEADING.fullmatch(" ".join(words)) is not None


def is_signature(text: str) -> bool:
    if len(text.split()) > SIGNATURE_MAX_WORDS:
        return False
    dated, timed = DATE.search(text) is not None, TIME_OF_DAY.search(text) is not None
    return (dated and timed) or ((dated or timed) and SIGNATURE_WORD.search(text) is not None)
