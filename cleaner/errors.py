"""Errors that name what failed and why, in one line, so a batch can report them and go on."""

from __future__ import annotations


class CleanerError(Exception):
    """Base class: every expected failure is one of these, never a bare traceback."""


class InputError(CleanerError):
    """An input cannot be cleaned: unreadable, binary, empty, too large or undecodable."""


class RulePackError(CleanerError):
    """A rule pack is invalid; the message names the file and, where known, the line."""

    def __init__(self, path: str, message: str, line: int | None = None) -> None:
        where = f"{path}:{line}" if line is not None else path
        super().__init__(f"{where}: {message}")
        self.path = path
        self.line = line


class OutputError(CleanerError):
    """An output cannot be written (disk full, no permission) or resumed; names the file."""
