"""The headless commands and the account's data: one writer at a time, store problems in words.

The lock tests use real processes: a holder (tests/store/lock_holder.py) and the
`moderator-app` command, against the sandbox served from this process.
"""

from __future__ import annotations

import io
import json
import os
import signal
import sqlite3
import subprocess
import sys
from collections.abc import Iterator
from pathlib import Path

import pytest

from moderator_app import cli, headless
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Sandbox
from moderator_app.services import accounts
from tests.store import lock_holder
from tests.unprivileged import python_argv

ROOT = Path(__file__).resolve().parents[1]
GARBAGE = b"not a database at all " * 200

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL is POSIX")


@pytest.fixture
def signed_in(data_dir: Path, monkeypatch: pytest.MonkeyPatch) -> Iterator[tuple[Sandbox, Path]]:
    """A sandbox and an account signed in to it; yields the sandbox and the account's file."""
    sb = Sandbox.start()
    monkeypatch.setattr("sys.stdin", io.StringIO(DEMO_PASSWORD + "\n"))
    assert run(data_dir, "login", "--site", sb.url, "--username", MODERATOR) == 0
    yield sb, accounts.db_path(accounts.list_accounts()[0].ref)
    sb.stop()


def run(data_dir: Path, *argv: str) -> int:
    return cli.main(["--data-dir", str(data_dir), *argv])


def command(sb: Sandbox, data_dir: Path, *argv: str) -> subprocess.Popen[str]:
    """`moderator-app ARGV` in its own process, with the token in the environment."""
    env = {
        **os.environ,
        "PYTHONPATH": str(ROOT),
        headless.TOKEN_ENV: sb.token_for(MODERATOR),
    }
    env.pop("MODERATOR_DESK_DATA_DIR", None)
    return subprocess.Popen(
        [sys.executable, "-m", "moderator_app", "--data-dir", str(data_dir), *argv],
        cwd=ROOT,
        env=env,
        stdout=subprocess.PIPE,
        stderr=subprocess.PIPE,
        text=True,
    )


def kill(holder: subprocess.Popen[str]) -> None:
    holder.send_signal(signal.SIGKILL)
    holder.communicate(timeout=30)


def test_a_second_sync_is_refused_with_its_own_exit_code_while_the_app_holds_the_account(
    signed_in: tuple[Sandbox, Path], data_dir: Path
) -> None:
    sb, db_path = signed_in
    holder = lock_holder.start(db_path)
    try:
        sync = command(sb, data_dir, "sync", "--wait", "0.2")
        out, err = sync.communicate(timeout=60)
    finally:
        kill(holder)
    assert sync.returncode == headless.EXIT_BUSY == 3
    assert (
        f"Moderator Desk is already open for this account (process {holder.pid}); "
        "close it or wait for its sync to end." in err
    )
    assert "Traceback" not in err and out == ""


def test_a_waiting_sync_goes_on_once_the_holder_dies(
    signed_in: tuple[Sandbox, Path], data_dir: Path
) -> None:
    sb, db_path = signed_in
    holder = lock_holder.start(db_path)
    sync = command(sb, data_dir, "sync", "--wait", "120")
    try:
        assert sync.stderr is not None
        waiting = sync.stderr.readline()
        assert f"(process {holder.pid}); waiting up to 120 s" in waiting
    finally:
        kill(holder)  # no clean-up in the holder: the kernel frees the lock
    out, err = sync.communicate(timeout=120)
    assert sync.returncode == 0, err
    assert out.startswith("Sync:")


def test_queue_and_outbox_read_beside_the_holder(
    signed_in: tuple[Sandbox, Path],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    assert run(data_dir, "sync") == 0
    capsys.readouterr()
    holder = lock_holder.start(signed_in[1])
    try:
        assert run(data_dir, "queue", "--json") == 0
        assert json.loads(capsys.readouterr().out), "the demo has waiting questions"
        assert run(data_dir, "outbox", "--json") == 0
        assert json.loads(capsys.readouterr().out) == []
    finally:
        kill(holder)


def test_a_corrupt_database_is_said_kept_and_can_be_started_fresh(
    signed_in: tuple[Sandbox, Path],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, db_path = signed_in
    db_path.write_bytes(GARBAGE)
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    capsys.readouterr()

    assert run(data_dir, "queue") == headless.EXIT_STORE == 4
    err = capsys.readouterr().err
    assert str(db_path) in err and "damaged" in err
    assert "moderator-app sync --fresh-database" in err
    assert f"{db_path.name}.corrupt-DATE" in err
    assert db_path.read_bytes() == GARBAGE

    assert run(data_dir, "sync", "--fresh-database") == 0
    err = capsys.readouterr().err
    kept = list(db_path.parent.glob(f"{db_path.name}.corrupt-*"))
    assert len(kept) == 1 and kept[0].read_bytes() == GARBAGE
    assert f"kept as {kept[0]}" in err
    assert run(data_dir, "queue", "--json") == 0
    assert json.loads(capsys.readouterr().out), "the fresh database was synced"


def test_a_newer_database_says_update_and_is_left_alone(
    signed_in: tuple[Sandbox, Path],
    data_dir: Path,
    capsys: pytest.CaptureFixture[str],
) -> None:
    _, db_path = signed_in
    connection = sqlite3.connect(db_path)
    with connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    connection.close()
    capsys.readouterr()

    assert run(data_dir, "sync") == headless.EXIT_STORE
    err = capsys.readouterr().err
    assert "newer version of Moderator Desk" in err and "Update Moderator Desk" in err
    assert f"{db_path.name}.newer-DATE" in err
    assert not list(db_path.parent.glob("*.newer-*"))


def test_a_read_only_data_folder_is_said_as_such(
    signed_in: tuple[Sandbox, Path], data_dir: Path
) -> None:
    _, db_path = signed_in
    for suffix in ("-wal", "-shm"):
        Path(f"{db_path}{suffix}").unlink(missing_ok=True)
    env = {**os.environ, "PYTHONPATH": str(ROOT)}
    env.pop("MODERATOR_DESK_DATA_DIR", None)
    db_path.parent.chmod(0o500)
    try:
        result = subprocess.run(
            [*python_argv(), "-m", "moderator_app", "--data-dir", str(data_dir), "sync"],
            cwd=ROOT,
            env=env,
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        db_path.parent.chmod(0o700)
    assert result.returncode == headless.EXIT_STORE, result.stderr
    assert f"Moderator Desk cannot write its database {db_path}" in result.stderr
    assert "--data-dir" in result.stderr and "Traceback" not in result.stderr
