"""The JSON Schema of the article record, shipped with the package (`cleaner schema`)."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path
from typing import Any

SCHEMA_PATH = Path(__file__).parent / "article.schema.json"


@cache
def article_schema() -> dict[str, Any]:
    return json.loads(SCHEMA_PATH.read_text("utf-8"))


def schema_text() -> str:
    return json.dumps(article_schema(), indent=2, ensure_ascii=False)


def validate_record(record: dict[str, Any]) -> None:
    """Raise `jsonschema.ValidationError` if a record does not match the schema."""
    import jsonschema

    jsonschema.validate(record, article_schema(), cls=jsonschema.Draft202012Validator)
