"""A pytest plugin (entry point `pytest11`) so users pin their own rule packs with golden files.

    def test_my_rules(cleaner_golden):
        cleaner_golden.check("tests/golden", rules=["my_rules/"])

`pytest --cleaner-golden-update` rewrites the expected records instead of failing, in the manner of
syrupy's `--snapshot-update`: review the diff in version control, then commit.
"""

from __future__ import annotations

import os
from dataclasses import dataclass
from pathlib import Path

import pytest

from cleaner.golden import GoldenReport, check_cases, update_cases

UPDATE_OPTION = "--cleaner-golden-update"


def pytest_addoption(parser: pytest.Parser) -> None:
    group = parser.getgroup("cleaner")
    group.addoption(
        UPDATE_OPTION,
        action="store_true",
        default=False,
        help="cleaner golden files: rewrite expected records instead of failing on a difference.",
    )


@dataclass(frozen=True)
class GoldenChecker:
    """Checks (or, with the update flag, rewrites) a folder of golden cases."""

    update: bool

    def check(
        self, directory: str | os.PathLike, rules: list[str | os.PathLike] = ()
    ) -> GoldenReport:
        rule_dirs = tuple(Path(r) for r in rules)
        action = update_cases if self.update else check_cases
        report = action(Path(directory), rules=rule_dirs)
        if not report.results:
            pytest.fail(f"no golden cases under {directory}", pytrace=False)
        if not report.ok:
            hint = "" if self.update else f"\n(review, then run pytest {UPDATE_OPTION} to accept)"
            pytest.fail(report.text + hint, pytrace=False)
        return report


@pytest.fixture
def cleaner_golden(request: pytest.FixtureRequest) -> GoldenChecker:
    return GoldenChecker(update=bool(request.config.getoption(UPDATE_OPTION)))
