"""A short coverage-guided fuzz run (atheris) over the whole pipeline, from the golden inputs."""

from __future__ import annotations

import subprocess
import sys

from conftest import ROOT

# Long enough for a few hundred inputs here; the real campaigns run for hours, off CI.
FUZZ_SECONDS = 30


def test_fuzzing_clean_finds_no_crash(tmp_path):
    command = [
        sys.executable,
        str(ROOT / "fuzz" / "fuzz_clean.py"),
        f"-max_total_time={FUZZ_SECONDS}",
        "-rss_limit_mb=4096",
        f"-artifact_prefix={tmp_path}/",
    ]
    result = subprocess.run(command, capture_output=True, text=True, timeout=FUZZ_SECONDS + 240)
    report = result.stderr[-3000:]
    assert result.returncode == 0, report
    assert "Done" in result.stderr and "runs in" in result.stderr, report
    assert not list(tmp_path.glob("crash-*")), report
