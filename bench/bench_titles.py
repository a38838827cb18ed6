"""Title benchmark: is the record's title the headline the page shows?

No set here has a title truth, but two keep the headline at the top of their body truth: Dragnet's
(in most of its pages) and CleanEval's (in about half). So a title counts as the headline when its
words run, whole and in order, in the first 400 characters of the page's truth. A title that
carries a site name or section ("Headline | Site", "Opinion | Headline") fails; one that is the
site's name ("Seth's Blog") fails unless the truth opens with it, which Dragnet's does not.
Scrapinghub's truth leaves the headline out and Readability's keeps it only when it differs from
the page's `<title>`, so their figures are printed but say little.
Compared: cleaner's title and trafilatura's (`extract_metadata`, the title cleaner started from).

    python bench/bench_titles.py [--show-misses N]

Per-page titles go to `bench/out/titles.jsonl`.
"""

from __future__ import annotations

import argparse
import json
import re
import sys
from collections.abc import Callable
from pathlib import Path

import trafilatura

ROOT = Path(__file__).resolve().parent.parent
sys.path.insert(0, str(ROOT / "bench"))
sys.path.insert(0, str(ROOT))

from bench_extraction import DATASETS, Page, html_str, load_pages  # noqa: E402

import cleaner  # noqa: E402

OUT = ROOT / "bench" / "out"
# How much of the truth's start a headline may sit in: a date line or a section label may come
# before it.
OPENING_CHARS = 400
WORD = re.compile(r"\w+")


def words(text: str) -> str:
    return " ".join(WORD.findall(text.casefold()))


def is_headline(title: str | None, truth: str) -> bool:
    """The title's words run whole in the truth's opening."""
    found = words(title or "")
    return bool(found) and f" {found} " in f" {words(truth[:OPENING_CHARS])} "


def cleaner_title(page: Page) -> str | None:
    return cleaner.clean(page.html, url=page.url or None).title


def trafilatura_title(page: Page) -> str | None:
    return trafilatura.extract_metadata(html_str(page), default_url=page.url or None).title


TITLERS: dict[str, Callable[[Page], str | None]] = {
    "cleaner": cleaner_title,
    "trafilatura": trafilatura_title,
}


def main() -> None:
    parser = argparse.ArgumentParser(description=__doc__.split("\n")[0])
    parser.add_argument("--show-misses", type=int, default=0, metavar="N")
    args = parser.parse_args()
    OUT.mkdir(exist_ok=True)
    rows = []
    print(f"| set | pages | {' | '.join(TITLERS)} |")
    print(f"|---|---|{'---|' * len(TITLERS)}")
    for dataset in DATASETS:
        pages = load_pages(None, None, dataset)
        hits = dict.fromkeys(TITLERS, 0)
        misses = []
        for page in pages:
            for name, titler in TITLERS.items():
                title = titler(page)
                hit = is_headline(title, page.truth)
                hits[name] += hit
                rows.append(
                    {"set": dataset, "id": page.id, "titler": name, "title": title, "hit": hit}
                )
                if name == "cleaner" and not hit:
                    misses.append((page.id, title))
        cells = " | ".join(f"{hits[name]} ({hits[name] / len(pages):.3f})" for name in TITLERS)
        print(f"| {dataset} | {len(pages)} | {cells} |", flush=True)
        for page_id, title in misses[: args.show_misses]:
            print(f"    miss {page_id}: {title!r}")
    with (OUT / "titles.jsonl").open("w", encoding="utf-8") as out:
        out.writelines(json.dumps(row, ensure_ascii=False) + "\n" for row in rows)


if __name__ == "__main__":
    main()
