"""One process per account's data: the lock refuses a second holder and dies with its process."""

from __future__ import annotations

import os
import signal
import sys
import threading
from pathlib import Path

import pytest

from moderator_app.store.data_lock import DataLock, holder_pid, lock_path
from moderator_app.store.db import Database, DataInUse
from tests.store import lock_holder

pytestmark = pytest.mark.skipif(sys.platform == "win32", reason="SIGKILL and file modes are POSIX")


def test_a_second_holder_in_the_same_process_is_refused_until_the_first_lets_go(
    tmp_path: Path,
) -> None:
    path = tmp_path / "acc.sqlite"
    first = DataLock.acquire(path)
    with pytest.raises(DataInUse) as refused:
        DataLock.acquire(path, wait=0.05)
    assert refused.value.holder_pid == os.getpid()
    assert f"process {os.getpid()}" in str(refused.value)
    first.release()
    DataLock.acquire(path).release()


def test_the_database_holds_the_lock_until_it_is_closed(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    db = Database.open(path, lock_wait=0)
    with pytest.raises(DataInUse):
        Database.open(path, lock_wait=0)
    db.close()
    Database.open(path, lock_wait=0).close()


def test_a_waiting_open_gets_the_lock_once_the_holder_lets_go(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    first = DataLock.acquire(path)
    opened: list[Database] = []
    waiter = threading.Thread(target=lambda: opened.append(Database.open(path, lock_wait=30)))
    waiter.start()
    first.release()
    waiter.join(timeout=30)
    assert opened, "the waiting open never got the lock"
    opened[0].close()


def test_another_process_is_refused_and_the_lock_dies_with_it_on_sigkill(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    holder = lock_holder.start(path)
    try:
        with pytest.raises(DataInUse) as refused:
            Database.open(path, lock_wait=0.1)
        assert refused.value.holder_pid == holder.pid
        assert holder_pid(path) == holder.pid
    finally:
        holder.send_signal(signal.SIGKILL)
        holder.wait(timeout=30)
        assert holder.stdout is not None and holder.stdin is not None
        holder.stdout.close()
        holder.stdin.close()
    assert holder.returncode == -signal.SIGKILL
    # No clean-up ran in the killed process; the kernel dropped its lock at once.
    assert lock_path(path).exists()
    db = Database.open(path, lock_wait=0)
    db.close()


def test_the_lock_file_is_private(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    with DataLock.acquire(path):
        assert lock_path(path).stat().st_mode & 0o777 == 0o600


def test_a_holder_stopped_cleanly_releases_too(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    holder = lock_holder.start(path)
    holder.communicate("stop\n", timeout=30)
    assert holder.returncode == 0
    DataLock.acquire(path).release()
