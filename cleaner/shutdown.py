"""SIGINT and SIGTERM as a request to stop, so that a long batch ends cleanly when it is stopped.

A deploy, a scheduler or Ctrl-C stops a batch; dying at once would leave a torn last record and,
in a `.gz`/`.zst` output, a stream that does not decompress to the end. Instead the batch stops
taking inputs, writes what is finished, closes its outputs and exits 128 + the signal's number
(130, 143), as a shell reports a process killed by it. A second signal acts as it would without
us: Ctrl-C twice interrupts at once.
"""

from __future__ import annotations

import contextlib
import os
import signal
from typing import Any

SIGNALS = (signal.SIGINT, signal.SIGTERM)


class Shutdown:
    """Catches SIGINT and SIGTERM while in use; `requested` says whether one came.

    Its `fileno()` becomes readable when a signal comes, so a process pool waiting on its
    workers wakes at once rather than after the slowest document.
    """

    def __init__(self) -> None:
        self.signum: int | None = None
        self.previous: dict[int, Any] = {}
        self.read_fd, self.write_fd = os.pipe()
        os.set_blocking(self.write_fd, False)

    def __enter__(self) -> Shutdown:
        for signum in SIGNALS:
            self.previous[signum] = signal.signal(signum, self.handle)
        return self

    def __exit__(self, *exc: object) -> None:
        self.restore()
        os.close(self.read_fd)
        os.close(self.write_fd)

    def handle(self, signum: int, frame: object) -> None:
        self.signum = signum
        self.restore()
        with contextlib.suppress(OSError):
            os.write(self.write_fd, b"\0")

    def restore(self) -> None:
        for signum, handler in self.previous.items():
            signal.signal(signum, handler)
        self.previous.clear()

    @property
    def requested(self) -> bool:
        return self.signum is not None

    @property
    def name(self) -> str:
        return signal.Signals(self.signum).name if self.signum is not None else ""

    @property
    def exit_code(self) -> int:
        return 128 + (self.signum or 0)

    def fileno(self) -> int:
        return self.read_fd
