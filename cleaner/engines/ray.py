"""Ray Data adapter (`pip install 'cleaner[ray]'`): the batch function in `map_batches`.

    import ray
    from cleaner.engines.ray import clean_dataset
    clean_dataset(ray.data.read_json("pages/")).write_json("records/")

Each row comes back with the user's other fields, `article` (the record as JSON text) and
`error` (None, or why the row could not be cleaned): a bad row never fails the job.
"""

from __future__ import annotations

from typing import Any

from cleaner.rows import RowMapping, clean_frame
from cleaner.settings import DEFAULT_MAX_BYTES
from cleaner.streams import require

# Rows per batch handed to a Ray worker: large enough that per-batch overhead is small next to
# about 5-50 ms of cleaning per row, small enough to spread a modest dataset over the workers.
BATCH_SIZE = 64


def clean_dataset(
    dataset: Any,
    mapping: RowMapping | None = None,
    rules: tuple[str, ...] = (),
    favor_precision: bool = False,
    max_bytes: int = DEFAULT_MAX_BYTES,
    batch_size: int = BATCH_SIZE,
    **map_batches_options: Any,
) -> Any:
    """A Ray Dataset of rows -> a Dataset of cleaned rows (lazy, like every Ray Data step)."""
    require("ray.data", "ray")
    return dataset.map_batches(
        clean_frame,
        batch_format="pandas",
        batch_size=batch_size,
        fn_kwargs={
            "mapping": mapping or RowMapping(),
            "rules": tuple(str(r) for r in rules),
            "favor_precision": favor_precision,
            "max_bytes": max_bytes,
        },
        **map_batches_options,
    )
