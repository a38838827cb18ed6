"""The executor: run `rows.process_item` over a batch, in this process or in a pool of processes.

The pool is small and explicit because a batch must survive its worst document: each worker gets
a few items at a time and reports each one, so the parent always knows which input a worker is
on. A worker that runs
past the time limit is killed, one that dies (a segfault in a parser, the OOM killer) is noticed
by its process sentinel; either way its input becomes an error line, a fresh worker takes its
place, and the batch goes on. The parent reads inputs only while fewer than `max_in_flight` are
waiting (in a worker or for their turn to be written), so memory stays flat on any stream.
Output order is the input order unless `ordered=False`, which writes each result as it comes.
When a `Shutdown` says stop (SIGINT, SIGTERM), no more inputs are read, the finished results
are given (in order as far as they go, then the rest) and the ones in flight are abandoned.
"""

from __future__ import annotations

import contextlib
import multiprocessing as mp
import os
import pickle
import signal
import time
from collections import deque
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field
from multiprocessing.connection import Connection, wait
from typing import Any

from cleaner.rows import Item, Job, Outcome, process_item
from cleaner.shutdown import Shutdown

# Items held at once per worker (in a worker or waiting to be written in order). 16 keeps both
# cores busy behind a slow document while bounding memory at a few dozen pages per worker.
IN_FLIGHT_PER_JOB = 16
# Items handed to an idle worker at once. Short text records clean in about 3 ms, so one item
# per round trip left workers waiting on the parent; 4 keeps them busy while bounding what a
# crash sends back to the queue.
CHUNK = 4
# A chunk this small (pickled) is sent to a worker still busy with its previous one, so it never
# waits for the parent between chunks; pipes buffer far more than this, so the send cannot block.
PREFETCH_MAX_BYTES = 32 * 1024
# Default per-document time limit in seconds. The slowest scrapinghub page cleans in about 1 s
# on this machine; a page that takes a minute is pathological, not merely long.
DEFAULT_TIMEOUT = 60.0

Result = tuple[Item, Outcome]


Step = Callable[[Item, Job], Outcome]


def safe_process(item: Item, job: Job, step: Step = process_item) -> Outcome:
    """`step` (cleaning by default), with an unexpected exception turned into the item's error."""
    try:
        return step(item, job)
    except Exception as error:  # a bug must cost one input, not the batch
        return Outcome(error=f"internal error: {type(error).__name__}: {error}")


def run_items(
    items: Iterable[Item],
    job: Job,
    jobs: int = 1,
    ordered: bool = True,
    timeout: float | None = None,
    max_in_flight: int | None = None,
    step: Step = process_item,
    shutdown: Shutdown | None = None,
) -> Iterator[Result]:
    """Each item with its outcome. One job and no time limit run here; otherwise a pool.

    `step` must be a module-level function (workers import it by name); tests use it to
    simulate documents that hang or crash. Once `shutdown` is requested no item is started.
    """
    if jobs <= 1 and timeout is None:
        return run_here(iter(items), job, step, shutdown)
    limit = max_in_flight or IN_FLIGHT_PER_JOB * max(jobs, 1)
    return Pool(job, max(jobs, 1), timeout, step, shutdown).run(items, ordered, limit)


def run_here(
    items: Iterator[Item], job: Job, step: Step, shutdown: Shutdown | None
) -> Iterator[Result]:
    """In this process, one item at a time; a stop request ends the run after the current one."""
    while shutdown is None or not shutdown.requested:
        item = next(items, None)
        if item is None:
            return
        yield item, safe_process(item, job, step)


def worker_main(conn: Connection, job: Job, step: Step) -> None:
    """A worker: receive a chunk of (seq, item), send back (seq, outcome) for each in turn,
    until told to stop (None) or the parent is gone (its end of the pipe closed)."""
    # The parent handles Ctrl-C and SIGTERM and stops us: a signal sent to the whole process
    # group must not kill a worker and charge its input with a crash.
    signal.signal(signal.SIGINT, signal.SIG_IGN)
    signal.signal(signal.SIGTERM, signal.SIG_IGN)
    with contextlib.suppress(EOFError, OSError):  # a dead parent: no one to report to
        while (chunk := conn.recv()) is not None:
            for seq, item in chunk:
                conn.send((seq, safe_process(item, job, step)))


@dataclass(slots=True)
class Worker:
    process: Any
    conn: Connection
    held: deque[tuple[int, Item]] = field(default_factory=deque)  # its chunk, head in work
    since: float = 0.0  # when it started on the head item


def context() -> Any:
    """forkserver where it exists (fast starts without forking a threaded parent), else spawn."""
    if "forkserver" in mp.get_all_start_methods():
        ctx = mp.get_context("forkserver")
        ctx.set_forkserver_preload(["cleaner.preload"])
        return ctx
    return mp.get_context("spawn")


class Pool:
    """A fixed number of worker processes, each given a small chunk of items when idle.

    A worker holds at most two chunks, the second only if small, so a send never waits on a
    busy worker; results come back one by one, so the head of a worker's chunk is always the item it
    is working on, and that is the item a crash or an overrun is charged to. The rest of the
    chunk goes back to the front of the queue for the replacement.
    """

    def __init__(
        self, job: Job, jobs: int, timeout: float | None, step: Step, shutdown: Shutdown | None
    ) -> None:
        self.job = job
        self.shutdown = shutdown
        self.step = step
        self.jobs = jobs
        self.timeout = timeout
        self.ctx = context()
        self.workers: list[Worker] = []
        self.retry: deque[tuple[int, Item]] = deque()

    def start(self) -> Worker:
        parent, child = self.ctx.Pipe()
        process = self.ctx.Process(
            target=worker_main, args=(child, self.job, self.step), daemon=True
        )
        process.start()
        child.close()
        return Worker(process, parent)

    def run(self, items: Iterable[Item], ordered: bool, limit: int) -> Iterator[Result]:
        self.workers = [self.start() for _ in range(self.jobs)]
        try:
            yield from self.schedule(iter(items), ordered, limit)
        finally:
            self.stop()

    def schedule(self, items: Iterator[Item], ordered: bool, limit: int) -> Iterator[Result]:
        waiting: dict[int, Item] = {}  # read, not yet written
        done: dict[int, Outcome] = {}
        next_seq = next_out = 0
        exhausted = False
        while True:
            if self.shutdown is not None and self.shutdown.requested:
                for seq in sorted(done):
                    yield waiting.pop(seq), done.pop(seq)
                return
            for worker in self.workers:
                if len(worker.held) > CHUNK:
                    continue
                chunk = [self.retry.popleft() for _ in range(min(CHUNK, len(self.retry)))]
                while len(chunk) < CHUNK and not exhausted and len(waiting) < limit:
                    item = next(items, None)
                    if item is None:
                        exhausted = True
                        break
                    waiting[next_seq] = item
                    if item.skip or item.error:
                        done[next_seq] = safe_process(item, self.job, self.step)
                    else:
                        chunk.append((next_seq, item))
                    next_seq += 1
                if chunk:
                    self.give(worker, chunk)
            if ordered:
                while next_out in done:
                    yield waiting.pop(next_out), done.pop(next_out)
                    next_out += 1
            else:
                for seq in list(done):
                    yield waiting.pop(seq), done.pop(seq)
            if exhausted and not waiting:
                return
            done.update(self.collect())

    def give(self, worker: Worker, chunk: list[tuple[int, Item]]) -> None:
        """Send a chunk to an idle worker, or queue it behind a busy worker's chunk when it is
        small enough to sit in the pipe's buffer (a send must never wait on a busy worker)."""
        data = pickle.dumps(chunk, protocol=pickle.HIGHEST_PROTOCOL)
        if worker.held and len(data) > PREFETCH_MAX_BYTES:
            self.retry.extendleft(reversed(chunk))
            return
        if not worker.held:
            worker.since = time.monotonic()
        worker.held.extend(chunk)
        with contextlib.suppress(OSError):  # a worker that died is noticed by `collect`
            worker.conn.send_bytes(data)

    def collect(self) -> dict[int, Outcome]:
        """Wait for results (or a death, or a time limit) and return what finished."""
        busy = [w for w in self.workers if w.held]
        if not busy:
            return {}
        wake = [self.shutdown] if self.shutdown is not None else []
        wait(
            [w.conn for w in busy] + [w.process.sentinel for w in busy] + wake,
            timeout=self.time_left(busy),
        )
        finished: dict[int, Outcome] = {}
        for index, worker in enumerate(self.workers):
            finished.update(self.receive(worker))
            failure = self.failure(worker)
            if failure is not None:
                seq, _ = worker.held.popleft()
                finished[seq] = Outcome(error=failure)
                self.retry.extendleft(reversed(worker.held))
                self.replace(index)
        return finished

    def time_left(self, busy: list[Worker]) -> float | None:
        if self.timeout is None:
            return None
        first = min(w.since for w in busy)
        return max(0.0, first + self.timeout - time.monotonic())

    def receive(self, worker: Worker) -> dict[int, Outcome]:
        """The results the worker has sent so far; each one starts the clock on the next item."""
        finished = {}
        with contextlib.suppress(EOFError, OSError):
            while worker.held and worker.conn.poll():
                seq, outcome = worker.conn.recv()
                worker.held.popleft()
                worker.since = time.monotonic()
                finished[seq] = outcome
        return finished

    def failure(self, worker: Worker) -> str | None:
        """Why the worker's current item failed (it died, or overran), or None."""
        if not worker.held:
            return None
        if not worker.process.is_alive():
            worker.process.join()
            return f"worker crashed (exit code {worker.process.exitcode})"
        if self.timeout is not None and time.monotonic() - worker.since > self.timeout:
            return f"timed out after {self.timeout:g} s (--timeout)"
        return None

    def replace(self, index: int) -> None:
        kill(self.workers[index])
        self.workers[index] = self.start()

    def stop(self) -> None:
        """Idle workers are told to stop; busy ones (a stop request, an output that failed)
        are killed at once: their inputs are abandoned, not waited for."""
        for worker in self.workers:
            if not worker.held and worker.process.is_alive():
                with contextlib.suppress(OSError):
                    worker.conn.send(None)
        for worker in self.workers:
            if not worker.held:
                worker.process.join(timeout=2)
            kill(worker)


def kill(worker: Worker) -> None:
    if worker.process.is_alive():
        os.kill(worker.process.pid, signal.SIGKILL)
    worker.process.join()
    worker.conn.close()
