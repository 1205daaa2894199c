"""What the headless commands say about real-site situations (issue 15 point 5)."""

from __future__ import annotations

import io
import os
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import cli, headless
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox, SiteMode
from moderator_app.sync.report import SkippedRecord, SyncReport


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox.start()
    yield sb
    sb.stop()


def run(data_dir: Path, *argv: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *argv])


def login(
    sb: Sandbox, data_dir: Path, monkeypatch: pytest.MonkeyPatch, username: str = MODERATOR
) -> int:
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    return run(data_dir, "login", "--site", sb.url, "--username", username)


def test_a_learner_account_is_told_what_it_will_see(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch, "sanne") == 0
    out = capsys.readouterr()
    assert "Signed in" in out.out
    assert "not a teacher, non-editing teacher or manager" in out.err
    assert "as a learner sees them" in out.err


def test_a_moderator_account_gets_no_such_note(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch) == 0
    assert "not a teacher" not in capsys.readouterr().err


def test_sync_during_maintenance_says_maintenance(
    sandbox: Sandbox,
    data_dir: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert login(sandbox, data_dir, monkeypatch) == 0
    capsys.readouterr()
    sandbox.mode = SiteMode.MAINTENANCE
    assert run(data_dir, "sync") == headless.EXIT_FAILED
    err = capsys.readouterr().err
    assert "maintenance mode" in err
    assert "could not be reached" not in err


def test_skipped_records_are_listed_per_forum() -> None:
    report = SyncReport(
        skipped=[
            SkippedRecord(7, "discussion", 2**64, "a number too large to store"),
            SkippedRecord(7, "post", 12, "text that is not valid Unicode"),
            SkippedRecord(None, "course", 2**64, "a number too large to store"),
        ]
    )
    assert headless.skipped_lines(report) == [
        f"Forum 7: skipped, could not be stored: discussion {2**64} (a number too large to "
        "store), post 12 (text that is not valid Unicode).",
        f"Outside forums: skipped, could not be stored: course {2**64} (a number too large "
        "to store).",
    ]


def test_queue_into_a_reader_that_left_ends_quietly(
    sandbox: Sandbox, data_dir: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    assert login(sandbox, data_dir, monkeypatch) == 0
    read_end, write_end = os.pipe()
    os.close(read_end)  # as `| head` does once it has its lines
    try:
        child = subprocess.run(
            [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), "queue"],
            stdout=write_end,
            stderr=subprocess.PIPE,
            timeout=60,
            check=False,
        )
    finally:
        os.close(write_end)
    err = child.stderr.decode()
    assert "Traceback" not in err and "BrokenPipeError" not in err
    assert child.returncode == cli.EXIT_READER_GONE
