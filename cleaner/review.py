"""Review reports: what cleaner kept, removed and moved, for people to look at rather than read.

`ReviewWriter` turns a stream of records into one self-contained HTML file: a page per input with
the record's fields on top and the body below it, where every removed block stands in place,
struck through and labelled with its rule and reason, and every moved block (a byline, a caption,
a correction) is labelled with the field it went to. A summary counts removals by rule across the
batch, and a filter shows only the pages and entries of one rule. `golden_html` shows the changed
fields of a golden check side by side.

Everything that comes from a page is escaped (`html.escape`), and the file's Content Security
Policy lets only its own script run (by hash): a page's `<script>` or `onerror=` is text here.
Pages are written to a spool file as they come and the summary goes on top at the end, so memory
stays flat however long the batch; in the browser one page is shown at a time.
"""

from __future__ import annotations

import base64
import difflib
import hashlib
import shutil
import tempfile
from collections import Counter
from collections.abc import Iterator
from html import escape
from typing import TextIO

from cleaner.golden import CaseResult, GoldenReport
from cleaner.record import Article, Block, Removal

# How an entry of the audit trail is labelled: its action's prefix gives the kind, and the kind a
# word and a colour (never colour alone).
KIND_LABELS = {"removed": "REMOVED", "moved": "MOVED", "flagged": "FLAGGED"}
# Characters after which the golden report wraps a line of a side-by-side diff: two sides fit
# the report's width.
DIFF_WRAP_COLUMN = 60

STYLE = """
body{font:15px/1.5 system-ui,sans-serif;margin:0 auto;max-width:72rem;padding:1rem 2rem;
color:#1d1d1f;background:#fff}
h1{font-size:1.4rem}h2{font-size:1.2rem;margin:.2rem 0}
table{border-collapse:collapse;margin:.5rem 0}
td,th{border:1px solid #ccc;padding:.2rem .5rem;text-align:left;vertical-align:top}
th{background:#f3f3f3}
.fields th{width:9rem;font-weight:600}
.page{border-top:3px solid #444;margin-top:1.5rem;padding-top:.5rem}
.page,.fields tr{scroll-margin-top:3rem}
.meta{color:#555;font-size:.85rem}
.body{margin-top:1rem}
.blk{margin:.35rem 0;padding:.25rem .6rem;border-left:4px solid #2e7d32;white-space:pre-wrap}
.kept.heading{font-weight:700;font-size:1.1rem}
.kept.list_item::before{content:"\\2022  "}
.kept.quote{font-style:italic}
.kept.code{font-family:monospace}
.entry{border-left-color:transparent;white-space:normal;border-radius:3px}
.entry .text{white-space:pre-wrap}
.removed{background:#fdecea;border-left-color:#c62828}
.removed .text{text-decoration:line-through;color:#7f2620}
.moved{background:#e8f0fe;border-left-color:#1565c0}
.flagged{background:#fff4e0;border-left-color:#ef6c00}
.tag{font:700 .7rem/1 monospace;padding:.15rem .35rem;border-radius:2px;color:#fff;
margin-right:.4rem}
.removed .tag{background:#c62828}.moved .tag{background:#1565c0}.flagged .tag{background:#ef6c00}
.tag a{color:#fff}
.rule{font:600 .8rem monospace;margin-right:.4rem}
.reason{color:#555;font-size:.8rem;display:block}
.before{border:1px dashed #c62828;padding:.3rem .6rem}
.dim{opacity:.25}
.bar{position:sticky;top:0;background:#fff;padding:.4rem 0;border-bottom:1px solid #ccc;z-index:1}
.pager{margin-left:1.5rem}
.pager a{margin-left:1rem}
summary{cursor:pointer;font-weight:600;margin:.4rem 0}
.value{white-space:pre-wrap}
.error{color:#b00020}
table.diff{font:12px monospace;width:100%}
.diff_add{background:#d7f5d7}.diff_chg{background:#fff3b0}.diff_sub{background:#ffd6d6}
"""

# Paging and the rule filter. Without scripts every page is simply shown one after another.
SCRIPT = """
(function () {
  var pages = Array.prototype.slice.call(document.querySelectorAll("section.page"));
  var rows = Array.prototype.slice.call(document.querySelectorAll("tr[data-page]"));
  var select = document.getElementById("rule-filter");
  var pager = document.getElementById("pager");
  function hasRule(page, rule) {
    if (!rule) return true;
    var entries = page.querySelectorAll("[data-rule]");
    for (var i = 0; i < entries.length; i++) {
      if (entries[i].getAttribute("data-rule") === rule) return true;
    }
    return false;
  }
  function link(page, label) {
    var a = document.createElement("a");
    a.href = "#" + page.id;
    a.textContent = label;
    return a;
  }
  function show() {
    var rule = select.value;
    var shown = pages.filter(function (page) { return hasRule(page, rule); });
    var target = location.hash.slice(1);  // a page (p3) or a field on it (p3-captions)
    var wanted = target.split("-")[0];
    var at = Math.max(0, shown.findIndex(function (page) { return page.id === wanted; }));
    pages.forEach(function (page) { page.hidden = page !== shown[at]; });
    rows.forEach(function (row) {
      row.hidden = !hasRule(document.getElementById(row.getAttribute("data-page")), rule);
    });
    document.querySelectorAll("[data-rule]").forEach(function (entry) {
      entry.classList.toggle("dim", !!rule && entry.getAttribute("data-rule") !== rule);
    });
    pager.textContent = shown.length ? "page " + (at + 1) + " of " + shown.length : "no page";
    if (at > 0) pager.appendChild(link(shown[at - 1], "previous"));
    if (at + 1 < shown.length) pager.appendChild(link(shown[at + 1], "next"));
    if (target && shown[at] && shown[at].id === wanted) {
      (document.getElementById(target) || shown[at]).scrollIntoView();
    }
  }
  select.addEventListener("change", show);
  window.addEventListener("hashchange", show);
  document.querySelectorAll("a[data-filter]").forEach(function (a) {
    a.addEventListener("click", function (event) {
      event.preventDefault();
      select.value = a.getAttribute("data-filter");
      show();
    });
  });
  document.body.setAttribute("data-paged", "yes");
  show();
})();
"""


def script_hash(script: str) -> str:
    """The CSP source that lets exactly this inline script run, and nothing else."""
    digest = hashlib.sha256(script.encode("utf-8")).digest()
    return f"'sha256-{base64.b64encode(digest).decode('ascii')}'"


def head(title: str, script: str | None) -> str:
    """The document head: inline style, and a policy that forbids every other script, any
    network access and plugins, so the report is safe to open whatever the pages said."""
    scripts = script_hash(script) if script else "'none'"
    policy = (
        f"default-src 'none'; style-src 'unsafe-inline'; img-src data:; script-src {scripts}; "
        "base-uri 'none'; form-action 'none'"
    )
    return (
        '<!DOCTYPE html>\n<html lang="en"><head><meta charset="utf-8">\n'
        f'<meta http-equiv="Content-Security-Policy" content="{escape(policy)}">\n'
        f"<title>{escape(title)}</title>\n<style>{STYLE}</style></head>\n<body>\n"
    )


def text_html(text: str) -> str:
    """Text as HTML character data; a CR is written as a reference, which the parser keeps."""
    return escape(text).replace("\r", "&#13;")


def entry_kind(action: str) -> str:
    """removed (drop, drop-after, drop-before), moved (field:NAME) or flagged (flag:NAME)."""
    if action.startswith("field:"):
        return "moved"
    if action.startswith("flag:"):
        return "flagged"
    return "removed"


def in_page_order(article: Article) -> Iterator[Block | Removal]:
    """Kept blocks in the record's order, each removal placed before the first kept block that
    follows it on the page. A removal with no block (taken from the HTML before the body was
    found) is not in here; a removal sharing its block's index (a span) comes before it."""
    pending = sorted(
        (r for r in article.removed if r.block_index is not None),
        key=lambda r: r.block_index or 0,
    )
    at = 0
    for block in article.blocks:
        while at < len(pending) and (pending[at].block_index or 0) <= block.index:
            yield pending[at]
            at += 1
        yield block
    yield from pending[at:]


def kept_html(block: Block) -> str:
    """A kept block: its text alone in the element, so the kept elements read as `text`."""
    return f'<div class="blk kept {block.kind}">{text_html(block.text)}</div>\n'


def removal_html(removal: Removal, page_id: str) -> str:
    """A removal in place: a kind label in words, the rule and reason, the text it took."""
    kind = entry_kind(removal.action)
    label = KIND_LABELS[kind]
    target = removal.action.partition(":")[2]
    if kind == "moved":
        label += f' → <a href="#{page_id}-{escape(target)}">{escape(target)}</a>'
    elif kind == "flagged":
        label += f" {escape(target)}"
    elif removal.action != "drop":
        label += f" ({escape(removal.action)})"
    return (
        f'<div class="blk entry {kind}" data-rule="{escape(removal.rule)}" '
        f'data-action="{escape(removal.action)}"><span class="tag">{label}</span>'
        f'<span class="rule">{text_html(removal.rule)}</span>'
        f'<span class="text">{text_html(removal.text)}</span>'
        f'<span class="reason">{text_html(removal.reason)}</span></div>\n'
    )


# Record fields shown as they are, at the top of each page (when set).
SHOWN_FIELDS = (
    "title",
    "subtitle",
    "authors",
    "published",
    "updated",
    "source",
    "url",
    "canonical_url",
    "language",
    "captions",
    "corrections",
    "credits",
    "links_removed",
)


def field_rows(article: Article) -> list[tuple[str, str]]:
    """The record's fields worth reading at a glance, as (name, value) text."""
    values: list[tuple[str, object]] = [(name, getattr(article, name)) for name in SHOWN_FIELDS]
    values += [
        ("paywalled", article.paywalled),
        ("truncated", article.truncated),
        ("mojibake", len(article.mojibake.fixes) and f"{len(article.mojibake.fixes)} fixes"),
        ("spin", f"{article.spin.verdict} (score {article.spin.score:.2f})"),
        ("id", article.id),
    ]
    return [(name, as_text(value)) for name, value in values if value]


def as_text(value: object) -> str:
    if isinstance(value, tuple):
        return "\n".join(str(item) for item in value)
    return "yes" if value is True else str(value)


def fields_html(article: Article, page_id: str) -> str:
    rows = "".join(
        f'<tr id="{page_id}-{name}"><th>{name}</th><td class="value">{text_html(value)}</td></tr>'
        for name, value in field_rows(article)
    )
    return f'<table class="fields">{rows}</table>\n'


def page_html(article: Article, number: int) -> str:
    """One input's page: where it came from, its fields, then the body with every entry."""
    page_id = f"p{number}"
    info = article.input
    meta = f"{info.name} · {info.kind}" + (f" · {info.extraction}" if info.extraction else "")
    meta += f" · {info.bytes:,} bytes · {len(article.blocks)} blocks kept"
    early = [r for r in article.removed if r.block_index is None]
    parts = [
        f'<section class="page" id="{page_id}">\n',
        f"<h2>{number}. {text_html(article.title or info.name)}</h2>\n",
        f'<p class="meta">{text_html(meta)}</p>\n',
        fields_html(article, page_id),
    ]
    if early:
        parts.append(
            '<div class="before"><p class="meta">Taken from the HTML before the body '
            "was found:</p>\n"
        )
        parts.extend(removal_html(r, page_id) for r in early)
        parts.append("</div>\n")
    parts.append('<div class="body">\n')
    for item in in_page_order(article):
        is_block = isinstance(item, Block)
        parts.append(kept_html(item) if is_block else removal_html(item, page_id))
    parts.append("</div>\n</section>\n")
    return "".join(parts)


class ReviewWriter:
    """Writes a review report as records come: pages go to a spool file, counts stay in memory
    (one per rule), and `finish` puts the summary, the index and the pages into `out`."""

    def __init__(self) -> None:
        # Spools live as long as the writer: `finish` copies and closes them.
        self.pages = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.index = tempfile.TemporaryFile("w+", encoding="utf-8")  # noqa: SIM115
        self.removals: Counter[tuple[str, str]] = Counter()
        self.rule_pages: Counter[str] = Counter()
        self.count = 0
        self.failed = 0

    def add(self, article: Article) -> None:
        self.count += 1
        number = self.count + self.failed
        self.pages.write(page_html(article, number))
        self.removals.update((r.rule, entry_kind(r.action)) for r in article.removed)
        self.rule_pages.update({r.rule for r in article.removed})
        kinds = Counter(entry_kind(r.action) for r in article.removed)
        cells = [
            f'<a href="#p{number}">{number}</a>',
            text_html(article.input.name),
            text_html(article.title or ""),
            str(len(article.blocks)),
            *(str(kinds[kind]) for kind in KIND_LABELS),
        ]
        self.index.write(
            f'<tr data-page="p{number}"><td>' + "</td><td>".join(cells) + "</td></tr>\n"
        )

    def add_failure(self, name: str, reason: str) -> None:
        self.failed += 1
        self.index.write(
            f'<tr class="error"><td>{self.count + self.failed}</td><td>{text_html(name)}</td>'
            f'<td colspan="5">failed: {text_html(reason)}</td></tr>\n'
        )

    def finish(self, out: TextIO) -> None:
        """Write the whole report to `out` and drop the spool files."""
        out.write(head(f"cleaner review: {plural(self.count, 'page')}", SCRIPT))
        out.write(self.summary_html())
        inputs = self.count + self.failed
        opened = " open" if inputs <= INDEX_OPEN_MAX else ""
        out.write(f"<details{opened}><summary>Pages ({inputs})</summary>\n{INDEX_HEAD}")
        for spool in (self.index, self.pages):
            spool.seek(0)
            shutil.copyfileobj(spool, out)
            spool.close()
            if spool is self.index:
                out.write("</tbody></table></details>\n")
                out.write(self.filter_html())
        out.write(f"<script>{SCRIPT}</script>\n</body></html>\n")

    def summary_html(self) -> str:
        """The batch at a glance: counts, and removals by rule (most first), each a filter."""
        total = sum(self.removals.values())
        rows = "".join(
            f'<tr><td><a href="#" data-filter="{escape(rule)}">{text_html(rule)}</a></td>'
            f"<td>{KIND_LABELS[kind].lower()}</td><td>{n}</td><td>{self.rule_pages[rule]}</td></tr>"
            for (rule, kind), n in sorted(self.removals.items(), key=lambda x: (-x[1], x[0]))
        )
        return (
            f"<h1>cleaner review: {plural(self.count, 'page')}, {self.failed} failed, "
            f"{plural(total, 'removal')} and moves</h1>\n"
            '<p class="meta">Kept blocks have a green bar; every other entry is labelled '
            "REMOVED (struck through), MOVED → the field it went to, or FLAGGED, with its rule "
            "and the rule's reason.</p>\n"
            f"<details open><summary>Rules ({len(self.rule_pages)})</summary>\n"
            '<table class="rules"><thead><tr><th>rule</th><th>kind</th><th>entries</th>'
            f"<th>pages</th></tr></thead><tbody>{rows}</tbody></table></details>\n"
        )

    def filter_html(self) -> str:
        """The bar that stays on top: the rule filter, and where the shown page is."""
        options = "".join(
            f'<option value="{escape(rule)}">{text_html(rule)}</option>'
            for rule in sorted(self.rule_pages)
        )
        return (
            '<div class="bar"><label>Rule: <select id="rule-filter">'
            f'<option value="">(every rule)</option>{options}</select></label> '
            '<span id="pager" class="pager"></span></div>\n'
        )


def plural(count: int, noun: str) -> str:
    return f"{count} {noun}" + ("" if count == 1 else "s")


# The page index starts folded above this many inputs, so a large batch opens on its first page.
INDEX_OPEN_MAX = 20
INDEX_HEAD = (
    '<table class="index"><thead><tr><th>#</th><th>input</th><th>title</th><th>kept</th>'
    + "".join(f"<th>{label.lower()}</th>" for label in KIND_LABELS.values())
    + "</tr></thead><tbody>\n"
)


def golden_html(report: GoldenReport) -> str:
    """A golden check as HTML: every case's status, each changed field side by side."""
    differ = difflib.HtmlDiff(wrapcolumn=DIFF_WRAP_COLUMN)
    parts = [
        head("cleaner golden check", None),
        f"<h1>{text_html(report.text.splitlines()[-1])}</h1>\n",
    ]
    parts.append("<table><thead><tr><th>case</th><th>status</th></tr></thead><tbody>")
    parts.extend(
        f'<tr><td><a href="#case-{n}">{text_html(r.name)}</a></td><td>{r.status}</td></tr>'
        for n, r in enumerate(report.results)
    )
    parts.append("</tbody></table>\n")
    for number, result in enumerate(report.results):
        parts.append(case_html(result, number, differ))
    parts.append("</body></html>\n")
    return "".join(parts)


def case_html(result: CaseResult, number: int, differ: difflib.HtmlDiff) -> str:
    """One case: its name and status, the side-by-side diff of each changed field, or the
    reason it failed."""
    parts = [
        f'<section class="page" id="case-{number}"><h2>{text_html(result.name)}: '
        f"{result.status}</h2>\n"
    ]
    for change in result.changes:
        parts.append(f"<h3>{text_html(change.name)}</h3>\n")
        parts.append(
            differ.make_table(
                list(change.expected),
                list(change.actual),
                "expected",
                "actual",
                context=True,
                numlines=1,
            )
        )
    if not result.changes and result.detail:
        parts.append(f'<pre class="meta">{text_html(result.detail)}</pre>\n')
    parts.append("</section>\n")
    return "".join(parts)
