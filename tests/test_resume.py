"""Long batches that survive: a killed or stopped run goes on with --resume, and every input ends
up exactly once in the output or the errors file; a full disk is one error line."""

from __future__ import annotations

import gzip
import json
import random
import signal
import subprocess
import sys
import time
from collections import Counter
from pathlib import Path

import psutil
import pytest
import zstandard
from conftest import seed_path
from typer.testing import CliRunner

from cleaner import streams
from cleaner.api import clean
from cleaner.cli import app
from cleaner.errors import OutputError
from cleaner.resume import resume_output
from cleaner.streams import OutputFile, open_binary

SEEDS = ("000", "001", "002", "003", "004")
# Inputs in a batch: enough for a kill to land mid-run, few enough to keep each run to seconds.
PAGES = 24
# Every this many inputs is a binary file: an error line (and a progress mark on stderr).
BAD_EVERY = 6
# How long a run may take before the test gives up on it, on a loaded 2-core machine.
RUN_LIMIT = 120


@pytest.fixture(scope="module")
def pages(tmp_path_factory) -> Path:
    """A folder of seed pages with a binary file every BAD_EVERY names."""
    folder = tmp_path_factory.mktemp("pages")
    for i in range(PAGES):
        if i % BAD_EVERY == BAD_EVERY - 1:
            (folder / f"{i:03d}.html").write_bytes(bytes(range(256)) * 8)
        else:
            text = seed_path(SEEDS[i % len(SEEDS)]).read_text("utf-8")
            (folder / f"{i:03d}.txt").write_text(text, encoding="utf-8")
    return folder


def command(*args: str) -> list[str]:
    return [sys.executable, "-m", "cleaner", "clean", *args]


def start(args: list[str], stderr: Path, **options) -> subprocess.Popen:
    with stderr.open("wb") as err:
        return subprocess.Popen(command(*args), stdout=subprocess.DEVNULL, stderr=err, **options)


def wait_for(condition, process: subprocess.Popen) -> bool:
    """Poll until `condition()` holds (True) or the run ends first (False), within RUN_LIMIT."""
    deadline = time.monotonic() + RUN_LIMIT
    while time.monotonic() < deadline:
        if condition():
            return True
        if process.poll() is not None:
            return False
        time.sleep(0.01)
    process.kill()
    pytest.fail("the run made no progress in time")


def written(output: Path, errors: Path) -> int:
    return whole_lines(output) + whole_lines(errors)


def whole_lines(path: Path) -> int:
    return path.read_bytes().count(b"\n") if path.exists() else 0


def errors_on(path: Path) -> int:
    return path.read_text("utf-8", "replace").count("cleaner: error:") if path.exists() else 0


def read_lines(path: Path) -> list[dict]:
    with open_binary(path) as stream:
        return [json.loads(line) for line in stream if line.strip()]


def names_in(output: Path, errors: Path) -> Counter:
    records = [row["input"]["name"] for row in read_lines(output)]
    failures = [row["input"] for row in read_lines(errors)] if errors.exists() else []
    return Counter(records + failures)


def expected_names(pages: Path) -> Counter:
    return Counter(str(path) for path in pages.iterdir())


def resume(pages: Path, output: Path, errors: Path) -> subprocess.CompletedProcess:
    result = subprocess.run(
        command(str(pages), "-j", "2", "-o", str(output), "--errors", str(errors), "--resume"),
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
    )
    assert "Traceback" not in result.stderr
    return result


def test_a_run_killed_again_and_again_goes_on_with_resume_and_does_each_input_once(pages, tmp_path):
    """SIGKILL of the main process at three random points, each after a resume of the last."""
    output, errors = tmp_path / "out.jsonl", tmp_path / "errors.jsonl"
    args = [str(pages), "-j", "2", "-o", str(output), "--errors", str(errors), "--resume"]
    done = 0
    for seed in (1, 2, 3):
        kill_after = done + random.Random(seed).randrange(2, 6)
        kept = whole_lines(output)
        process = start(args, tmp_path / "stderr.txt")
        reached = wait_for(lambda n=kill_after: written(output, errors) >= n, process)
        process.send_signal(signal.SIGKILL)
        process.wait(timeout=RUN_LIMIT)
        assert reached, "the run ended before it could be killed"
        said = (tmp_path / "stderr.txt").read_text("utf-8")
        assert "Traceback" not in said
        assert not done or f"resuming {output}: {kept} inputs held" in said
        done = written(output, errors)
    assert done < PAGES
    result = resume(pages, output, errors)
    assert result.returncode == 1, result.stderr  # the last page is binary: it fails
    assert f", {done} already done" in result.stderr
    assert names_in(output, errors) == expected_names(pages)


def test_a_killed_worker_and_sigterm_leave_a_valid_zst_output_that_resume_completes(
    pages, tmp_path
):
    """A worker killed mid-run costs its input one error line; SIGTERM then stops the run
    with a summary and exit 143, and every zstd frame of the output is whole."""
    output, errors = tmp_path / "out.jsonl.zst", tmp_path / "errors.jsonl"
    stderr = tmp_path / "stderr.txt"
    process = start([str(pages), "-j", "2", "-o", str(output), "--errors", str(errors)], stderr)
    assert wait_for(lambda: errors_on(stderr) >= 1 and workers(process.pid), process)
    workers(process.pid)[0].kill()
    assert wait_for(lambda: "worker crashed" in stderr.read_text("utf-8"), process)
    assert wait_for(lambda: errors_on(stderr) >= 3, process), "the run ended before SIGTERM"
    process.send_signal(signal.SIGTERM)
    assert process.wait(timeout=RUN_LIMIT) == 143
    said = stderr.read_text("utf-8")
    assert "cleaner: stopped by SIGTERM:" in said and " not started; go on with --resume" in said
    assert "Traceback" not in said
    crashed = [row for row in read_lines(errors) if "worker crashed" in row["reason"]]
    assert len(crashed) == 1
    stopped = whole_frames(output.read_bytes())
    assert 0 < stopped.count(b"\n") < PAGES
    assert resume(pages, output, errors).returncode in (0, 1)  # 1 if a binary page was left
    assert names_in(output, errors) == expected_names(pages)
    assert whole_frames(output.read_bytes()).startswith(stopped)


def whole_frames(data: bytes) -> bytes:
    """The text of a series of zstd frames, each of which must be complete."""
    text = []
    while data:
        decoder = zstandard.ZstdDecompressor().decompressobj()
        text.append(decoder.decompress(data))
        assert decoder.eof, "a zstd frame is cut short"
        data = decoder.unused_data
    return b"".join(text)


def workers(pid: int) -> list[psutil.Process]:
    """The pool's workers: children of the fork server, itself a child of the main process."""
    try:
        servers = psutil.Process(pid).children()
        return [worker for server in servers for worker in server.children()]
    except psutil.NoSuchProcess:
        return []


# The CLI in a process whose files may not grow past argv[1] bytes (EFBIG, as a full disk gives
# ENOSPC). The language model is copied to a temporary file on first use: warm up before.
SMALL_DISK = """
import resource, signal, sys
import cleaner.preload
from cleaner.cli import app
_, hard = resource.getrlimit(resource.RLIMIT_FSIZE)
resource.setrlimit(resource.RLIMIT_FSIZE, (int(sys.argv[1]), hard))
signal.signal(signal.SIGXFSZ, signal.SIG_IGN)
app(sys.argv[2:], prog_name="cleaner")
"""


def test_a_full_disk_is_one_error_line_and_what_was_written_before_stays_whole(pages, tmp_path):
    output = tmp_path / "out.jsonl"
    limit = 60_000
    args = ["clean", str(pages), "--timeout", "0", "-o", str(output)]
    result = subprocess.run(
        [sys.executable, "-c", SMALL_DISK, str(limit), *args],
        capture_output=True,
        text=True,
        timeout=RUN_LIMIT,
    )
    assert result.returncode == 1
    errors = [line for line in result.stderr.splitlines() if f"{output}: cannot write" in line]
    assert errors == [f"cleaner: error: {output}: cannot write: file too large"]
    assert "cleaner: stopped by the output error:" in result.stderr
    data = output.read_bytes()
    assert len(data) == limit
    whole, torn = data.rsplit(b"\n", 1)
    assert torn and all(json.loads(line)["input"]["name"] for line in whole.splitlines())
    full = CliRunner().invoke(app, ["clean", str(pages), "--timeout", "0", "-o", "/dev/full"])
    assert full.exit_code == 1
    assert "cleaner: error: /dev/full: cannot write: no space left on device" in full.output


def records(names: list[str]) -> list[str]:
    """Real records of the seeds under the given input names, as JSON lines."""
    lines = []
    for i, name in enumerate(names):
        article = clean(seed_path(SEEDS[i % len(SEEDS)]), name=name)
        lines.append(article.to_json() + "\n")
    return lines


def test_a_torn_last_line_is_cut_and_only_whole_records_count(tmp_path):
    output = tmp_path / "out.jsonl"
    lines = records(["a", "b", "c"])
    whole = "".join(lines[:2]).encode("utf-8")
    output.write_bytes(whole + lines[2].encode("utf-8")[:100])
    held = resume_output(output)
    assert held.keys == Counter({"a": 1, "b": 1}) and held.torn == 100
    assert output.read_bytes() == whole


@pytest.mark.parametrize("suffix", [".gz", ".zst"])
def test_a_compressed_output_cut_anywhere_keeps_its_whole_frames_and_appends_validly(
    tmp_path, monkeypatch, suffix
):
    """Each record in its own frame, the file cut at random bytes (a kill mid-write): resume
    keeps the records of whole frames; what is appended after reads as one stream."""
    monkeypatch.setattr(streams, "FRAME_BYTES", 1)
    names = [f"page-{i}" for i in range(6)]
    lines = records(names)
    full = tmp_path / f"full.jsonl{suffix}"
    with OutputFile(full) as out:
        for line in lines:
            out.write(line)
    data = full.read_bytes()
    for cut in random.Random(7).sample(range(1, len(data)), 12):
        output = tmp_path / f"cut.jsonl{suffix}"
        output.write_bytes(data[:cut])
        held = resume_output(output)
        assert list(held.keys) == names[: len(held.keys)]
        with OutputFile(output, append=True) as out:
            for line in lines[len(held.keys) :]:
                out.write(line)
        assert [row["input"]["name"] for row in read_lines(output)] == names
        if suffix == ".gz":
            assert gzip.decompress(output.read_bytes()) == "".join(lines).encode("utf-8")


def test_resume_refuses_a_file_it_does_not_understand_and_leaves_it_alone(tmp_path):
    for name, data in [("notes.jsonl", b'{"a": 1}\n{"b": 2}\n'), ("x.jsonl.gz", b"not gzip")]:
        path = tmp_path / name
        path.write_bytes(data)
        with pytest.raises(OutputError, match=str(path)):
            resume_output(path)
        assert path.read_bytes() == data


def test_resume_needs_a_jsonl_output_file():
    for args, message in [
        (["--resume"], "--resume needs -o FILE"),
        (["--resume", "-o", "x.txt", "-f", "text"], "it needs --format jsonl"),
    ]:
        result = CliRunner().invoke(app, ["clean", str(seed_path("001")), *args])
        assert result.exit_code == 2 and message in result.output
