"""Golden files: pin what the pipeline and a rule pack do on real pages, and show every change.

A case is a folder holding one `input.*` file (the page or text dump as it came), an optional
`url.txt`, and `expected.json`, the record it must give. `check` re-cleans every case and prints a
readable diff per changed field; `update` rewrites the expected records after a reviewed change.
The versions of cleaner and of the rules are recorded but not compared: they change with every
release, while what is pinned is the behaviour.
"""

from __future__ import annotations

import difflib
import json
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from cleaner.errors import CleanerError, InputError
from cleaner.pipeline import load, run
from cleaner.record import dumps
from cleaner.rulepack import load_ruleset
from cleaner.settings import Settings

EXPECTED = "expected.json"
URL_FILE = "url.txt"
NOT_COMPARED = frozenset({"cleaner_version", "rules_version"})


@dataclass(frozen=True, slots=True)
class FieldChange:
    """One field whose value changed, as lines (long text one paragraph a line) before and after."""

    name: str
    expected: tuple[str, ...]
    actual: tuple[str, ...]


@dataclass(frozen=True, slots=True)
class CaseResult:
    name: str
    status: str  # unchanged | changed | new | failed | updated
    detail: str = ""
    changes: tuple[FieldChange, ...] = ()


@dataclass(frozen=True, slots=True)
class GoldenReport:
    results: tuple[CaseResult, ...]

    @property
    def ok(self) -> bool:
        return all(r.status in ("unchanged", "updated") for r in self.results)

    @property
    def text(self) -> str:
        lines = []
        for result in self.results:
            lines.append(f"{result.status.upper():<9} {result.name}")
            if result.detail:
                lines.append(result.detail)
        counts = {
            s: sum(r.status == s for r in self.results)
            for s in ("unchanged", "changed", "new", "failed", "updated")
        }
        summary = ", ".join(f"{n} {s}" for s, n in counts.items() if n)
        lines.append(f"{len(self.results)} golden cases: {summary or 'none found'}")
        return "\n".join(lines)


def find_cases(directory: Path) -> list[Path]:
    """Case folders below `directory`: those holding an `input.*` file."""
    if not directory.is_dir():
        raise InputError(f"{directory}: not a folder of golden cases")
    return sorted({p.parent for p in directory.rglob("input.*") if p.is_file()})


def input_file(case: Path) -> Path:
    inputs = sorted(p for p in case.glob("input.*") if p.is_file())
    if len(inputs) != 1:
        raise InputError(f"{case}: needs exactly one input.* file, found {len(inputs)}")
    return inputs[0]


def clean_case(case: Path, settings: Settings) -> dict[str, Any]:
    """The record a case's input gives now, named relative to the case so moves do not matter."""
    source = input_file(case)
    url_path = case / URL_FILE
    url = url_path.read_text("utf-8").strip() if url_path.is_file() else None
    doc = load(source.read_bytes(), source.name, url or None, settings)
    return run(doc, settings).to_dict()


def check_cases(directory: Path, rules: tuple[Path, ...] = ()) -> GoldenReport:
    settings = Settings(rules=load_ruleset(rules))
    return GoldenReport(
        tuple(check_case(case, directory, settings)[0] for case in find_cases(directory))
    )


def update_cases(directory: Path, rules: tuple[Path, ...] = ()) -> GoldenReport:
    """Write the current record of every new or changed case; failed cases are left as they are."""
    settings = Settings(rules=load_ruleset(rules))
    results = []
    for case in find_cases(directory):
        result, record = check_case(case, directory, settings)
        if result.status in ("changed", "new") and record is not None:
            (case / EXPECTED).write_text(dumps(record, indent=2) + "\n", encoding="utf-8")
            result = CaseResult(result.name, "updated", result.detail, result.changes)
        results.append(result)
    return GoldenReport(tuple(results))


def check_case(
    case: Path, root: Path, settings: Settings
) -> tuple[CaseResult, dict[str, Any] | None]:
    """The case's result against its expected record, and the record it gives now."""
    name = case.relative_to(root).as_posix() if case != root else case.name
    try:
        actual = clean_case(case, settings)
    except CleanerError as error:
        return CaseResult(name, "failed", f"    {error}"), None
    expected_path = case / EXPECTED
    if not expected_path.is_file():
        return CaseResult(
            name, "new", f"    no {EXPECTED} yet: review the output, then `cleaner golden update`"
        ), actual
    try:
        expected = json.loads(expected_path.read_text("utf-8"))
    except (json.JSONDecodeError, UnicodeDecodeError) as error:
        return CaseResult(name, "failed", f"    {expected_path}: not valid JSON: {error}"), actual
    changes = changed_fields(expected, actual)
    status = "changed" if changes else "unchanged"
    return CaseResult(name, status, diff_text(changes), changes), actual


def changed_fields(expected: dict[str, Any], actual: dict[str, Any]) -> tuple[FieldChange, ...]:
    """Every compared field that differs, in name order; long text is split by paragraph."""
    return tuple(
        FieldChange(key, tuple(as_lines(expected.get(key))), tuple(as_lines(actual.get(key))))
        for key in sorted((set(expected) | set(actual)) - NOT_COMPARED)
        if expected.get(key) != actual.get(key)
    )


def diff_text(changes: tuple[FieldChange, ...]) -> str:
    """A unified diff per changed field."""
    out = []
    for change in changes:
        out.append(f"  {change.name}:")
        diff = difflib.unified_diff(
            change.expected, change.actual, "expected", "actual", lineterm="", n=1
        )
        out.extend(f"    {line}" for line in list(diff)[2:])
    return "\n".join(out)


def as_lines(value: Any) -> list[str]:
    if isinstance(value, str):
        return [line for line in value.split("\n") if line]
    return dumps(value, indent=2).split("\n")
