"""Print how often cleaning a record's own Markdown output gives the same record again (issue 7).

For every scrapinghub page, as HTML and rendered to text with html-text: clean it, render the
record as Markdown (`cleaner clean --format markdown`), clean that, and compare title and text.
Records without a title are counted apart: in text with no markup a short first line reads as a
headline, so such a record can gain one. Each changed record is listed with the rules that acted
only on the second pass.

Reads the shared dev data at run time (`<repo>/../shared/data`, or CLEANER_SHARED_DATA).
    python bench/bench_idempotence.py
"""

from __future__ import annotations

from collections import Counter

from bench_extraction import html_str, load_pages, render_text

import cleaner
from cleaner.output import as_markdown


def second_pass_rules(first: cleaner.Article, second: cleaner.Article) -> list[str]:
    """The rules that took text out of the first record's body (taking the title line aside)."""
    body = first.text
    return sorted(
        {
            r.rule
            for r in second.removed
            if r.text in body and not (r.rule == "structure.title" and r.text == first.title)
        }
    )


def main() -> int:
    pages = load_pages(None, None)
    same, titled, untitled_changed, changes = Counter(), Counter(), Counter(), []
    for page in pages:
        for mode, source in (("html", html_str(page)), ("text", render_text(page))):
            first = cleaner.clean(source)
            second = cleaner.clean(as_markdown(first))
            unchanged = (second.title, second.text) == (first.title, first.text)
            if not first.title:
                untitled_changed[mode] += not unchanged
                continue
            titled[mode] += 1
            same[mode] += unchanged
            if not unchanged:
                changes.append((mode, page.id[:12], second_pass_rules(first, second)))
    print(f"{len(pages)} scrapinghub pages; clean, render as Markdown, clean again\n")
    print("| input | records with a title | cleaned to themselves | share | untitled, changed |")
    print("|---|---|---|---|---|")
    for mode in ("html", "text"):
        share = same[mode] / max(1, titled[mode])
        print(
            f"| {mode} | {titled[mode]} | {same[mode]} | {share:.3f} | {untitled_changed[mode]} |"
        )
    print("\nchanged records (mode, page, rules that acted only on the second pass):")
    for mode, page_id, rules in changes:
        print(f"  {mode:<5} {page_id}  {', '.join(rules) or '(no removal: joins, kinds)'}")
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
