"""The worker pool: same records as one process, in order, and no document can stall a batch."""

from __future__ import annotations

import os
import signal
import time

from conftest import seed_path

from cleaner.rows import Item, Job, Outcome, process_item
from cleaner.settings import Settings
from cleaner.shutdown import Shutdown
from cleaner.workers import run_items

JOB = Job(settings=Settings())


def misbehave(item: Item, job: Job) -> Outcome:
    """A step whose inputs named hang/crash/bug do just that; others are cleaned."""
    if item.name.startswith("hang"):
        time.sleep(600)
    if item.name.startswith("crash"):
        os.kill(os.getpid(), signal.SIGKILL)
    if item.name.startswith("bug"):
        raise RuntimeError("a bug in a stage")
    return process_item(item, job)


def seed_items(times: int = 1) -> list[Item]:
    paths = [seed_path(p) for p in ("000", "001", "002", "003", "004")] * times
    return [Item(name=f"{i}-{p.parent.name}", path=p) for i, p in enumerate(paths)]


def test_pool_gives_the_same_records_in_the_same_order_as_one_process():
    items = seed_items(2)
    alone = [outcome.text for _, outcome in run_items(items, JOB)]
    pooled = [(item.name, outcome.text) for item, outcome in run_items(items, JOB, jobs=2)]
    assert [name for name, _ in pooled] == [item.name for item in items]
    assert [text for _, text in pooled] == alone


def test_unordered_gives_every_record_once():
    items = seed_items(2)
    results = list(run_items(items, JOB, jobs=2, ordered=False))
    assert sorted(item.name for item, _ in results) == sorted(item.name for item in items)
    assert all(outcome.error is None for _, outcome in results)


def test_hung_and_crashed_documents_become_error_lines_and_the_batch_goes_on():
    good = seed_items()
    items = [good[0], Item(name="hang-1"), good[1], Item(name="crash-1"), Item(name="bug-1")]
    items += good[2:]
    started = time.monotonic()
    results = list(run_items(items, JOB, jobs=2, timeout=3, step=misbehave))
    assert time.monotonic() - started < 60
    assert [item.name for item, _ in results] == [item.name for item in items]
    errors = {item.name: outcome.error for item, outcome in results if outcome.error}
    assert errors.keys() == {"hang-1", "crash-1", "bug-1"}
    assert "timed out after 3 s" in errors["hang-1"]
    assert "worker crashed" in errors["crash-1"]
    assert "internal error: RuntimeError: a bug in a stage" in errors["bug-1"]
    assert sum(outcome.text is not None for _, outcome in results) == len(good)


def test_in_flight_items_are_bounded_however_long_the_stream():
    read = []

    def stream():
        for i, item in enumerate(seed_items(4)):
            read.append(i)
            yield item

    results = run_items(stream(), JOB, jobs=2, max_in_flight=3)
    next(results)
    assert len(read) <= 4
    assert len(list(results)) == 19


def test_skipped_and_pre_failed_items_pass_through_in_order():
    good = seed_items()[:2]
    items = [
        good[0],
        Item(name="img", skip="not a page: image/png"),
        Item(name="x", error="no"),
        good[1],
    ]
    results = list(run_items(items, JOB, jobs=2))
    assert [item.name for item, _ in results] == [item.name for item in items]
    assert results[1][1].skipped and results[2][1].error == "no"


def test_a_stop_request_ends_a_pool_run_at_once_and_abandons_what_is_in_flight():
    """SIGTERM while a worker is stuck on a document: the run ends now, not after the hang; the
    finished results are given and the rest (the hang, the items queued behind it) are not."""
    good = seed_items()
    items = [good[0], Item(name="hang-1"), *good[1:]]
    started = time.monotonic()
    with Shutdown() as shutdown:
        results = run_items(items, JOB, jobs=2, timeout=600, step=misbehave, shutdown=shutdown)
        first, _ = next(results)
        os.kill(os.getpid(), signal.SIGTERM)
        rest = [item.name for item, _ in results]
    assert time.monotonic() - started < 60
    assert shutdown.exit_code == 143
    assert first.name == good[0].name and "hang-1" not in rest
    assert len(rest) < len(items) - 2


def test_a_stop_request_in_one_process_ends_the_run_after_the_current_input():
    with Shutdown() as shutdown:
        results = run_items(seed_items(), JOB, shutdown=shutdown)
        next(results)
        os.kill(os.getpid(), signal.SIGINT)
        assert list(results) == []
    assert shutdown.exit_code == 130
