"""Dask adapter (`pip install 'cleaner[dask]'`): the row and batch functions over a bag or a
dataframe, lazily, as Dask expects.

    import dask.bag as db
    from cleaner.engines.dask import clean_bag
    records = clean_bag(db.read_text("pages-*.jsonl").map(json.loads)).compute()

    from cleaner.engines.dask import clean_dataframe
    cleaned = clean_dataframe(dd.read_parquet("pages/"), mapping=RowMapping(html_field="html"))

Each row comes back with the user's other fields, `article` (the record; a JSON string in a
dataframe) and `error` (None, or why the row could not be cleaned): a bad row never fails the job.
"""

from __future__ import annotations

from typing import Any

from cleaner.rows import (
    ARTICLE_KEY,
    ERROR_KEY,
    RowMapping,
    clean_frame,
    clean_record,
    output_columns,
)
from cleaner.settings import DEFAULT_MAX_BYTES
from cleaner.streams import require


def clean_bag(
    bag: Any,
    mapping: RowMapping | None = None,
    rules: tuple[str, ...] = (),
    favor_precision: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """A bag of row dicts -> a bag of cleaned row dicts (`clean_record` on each)."""
    require("dask.bag", "dask")
    return bag.map(
        clean_record,
        mapping=mapping or RowMapping(),
        rules=tuple(str(r) for r in rules),
        favor_precision=favor_precision,
        max_bytes=max_bytes,
    )


def clean_dataframe(
    frame: Any,
    mapping: RowMapping | None = None,
    rules: tuple[str, ...] = (),
    favor_precision: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
) -> Any:
    """A dataframe -> a dataframe of the kept columns plus `article` (JSON text) and `error`."""
    pd = require("pandas", "dask")
    mapping = mapping or RowMapping()
    columns = output_columns(list(frame.columns), mapping)
    meta = frame._meta[[c for c in columns if c in frame.columns]].assign(
        **{ARTICLE_KEY: pd.Series(dtype=object), ERROR_KEY: pd.Series(dtype=object)}
    )
    return frame.map_partitions(
        clean_frame,
        mapping=mapping,
        rules=tuple(str(r) for r in rules),
        favor_precision=favor_precision,
        max_bytes=max_bytes,
        meta=meta,
    )
