"""Record fields filled from text: parsing a byline, a date or a URL, and the merge policy.

Rules, page metadata and pack defaults can all offer a value for the same field. Scalar fields keep
the first value offered, so the order in which the pipeline offers them is the precedence (rules,
then page metadata, then pack defaults). List fields collect every value, without repeats.
"""

from __future__ import annotations

import re
import warnings
from datetime import datetime
from typing import Any

from dateutil import parser as date_parser

LIST_FIELDS = ("authors", "captions", "corrections", "credits", "links_removed")
SCALAR_FIELDS = ("title", "subtitle", "published", "updated", "url", "canonical_url", "source")
FIELD_NAMES = LIST_FIELDS + SCALAR_FIELDS
FLAGS = ("paywalled", "truncated")

URL = re.compile(r"https?://[^\s<>\"']+")
AUTHOR_SPLIT = re.compile(r"\s*(?:,|;|\band\b|&|\bund\b|\bet\b|\by\b)\s*")
BYLINE_PREFIX = re.compile(r"^\s*(?:by|von|par|por|di|door|av)\s+", re.I)
TIME_OF_DAY = re.compile(r"\d{1,2}:\d{2}")
# Names longer than this are sentences, not authors.
AUTHOR_MAX_WORDS = 5


def parse_value(name: str, text: str) -> Any:
    """The value of field `name` read from `text`, or None when the text does not give one."""
    text = " ".join(text.split())
    if not text:
        return None
    if name == "authors":
        return parse_authors(text) or None
    if name in ("published", "updated"):
        return parse_date(text)
    if name in ("url", "canonical_url"):
        found = URL.search(text)
        return found.group(0).rstrip(".,;)") if found else None
    if name in LIST_FIELDS:
        return [text]
    return text


def parse_authors(text: str) -> list[str]:
    """'By Uliana Pavlova and Tara John' -> ['Uliana Pavlova', 'Tara John']."""
    names = [n.strip(" .") for n in AUTHOR_SPLIT.split(BYLINE_PREFIX.sub("", text))]
    return [n for n in names if n and len(n.split()) <= AUTHOR_MAX_WORDS]


def parse_date(text: str) -> str | None:
    """An ISO 8601 date (or date and time, when the text has a time of day)."""
    try:
        with warnings.catch_warnings():
            warnings.simplefilter("ignore", date_parser.UnknownTimezoneWarning)
            parsed = date_parser.parse(text, default=datetime(2000, 1, 1))
    except (ValueError, OverflowError):
        return None
    if TIME_OF_DAY.search(text):
        return parsed.isoformat()
    return parsed.date().isoformat()


def offer(fields: dict[str, Any], name: str, value: Any) -> dict[str, Any]:
    """A copy of `fields` with `value` offered to `name` under the merge policy above."""
    if value is None or value == [] or value == "":
        return fields
    merged = dict(fields)
    if name in LIST_FIELDS:
        current = list(merged.get(name, []))
        current.extend(v for v in value if v not in current)
        merged[name] = current
    elif merged.get(name) is None:
        merged[name] = value
    return merged
