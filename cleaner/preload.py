"""Imported once by the worker pool's fork server, so that every worker forked from it starts hot.

The first clean in a fresh process loads the spinner lexicon, the language model and the rule
packs (about 3 s here); doing it once before forking keeps a replaced worker from paying it again
and lets the workers share those tables copy-on-write.

The fork server also ignores SIGTERM, as its workers do: a SIGTERM sent to the whole process
group (systemd, a container runtime) must leave the parent able to stop the pool cleanly, not
take away the process its replacement workers come from.
"""

from __future__ import annotations

import signal

from cleaner.api import clean

WARM_TEXT = (
    "Warm-up\n\nThis paragraph is long enough for the language model and the spinner lexicon to "
    "load, which is all it is for."
)
WARM_HTML = f"<html><body><article><h1>Warm-up</h1><p>{WARM_TEXT}</p></article></body></html>"


def warm_up() -> None:
    """Clean two samples; a failure here only costs speed (each worker then reports its own)."""
    for sample in (WARM_TEXT, WARM_HTML):
        try:
            clean(sample, name="<warm-up>")
        except Exception:  # an import-time crash would take the fork server, and the batch, down
            return


signal.signal(signal.SIGTERM, signal.SIG_IGN)
warm_up()
