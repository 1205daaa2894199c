"""One push at a time per database file inside this process.

The GUI's send job and a sync (or two engines opened on the same file) would otherwise
walk the outbox side by side. The claim in push.py keeps two processes apart; this
lock keeps a process's own threads from even trying, so a push that waits here finds
what the other one sent already done.
"""

from __future__ import annotations

import os
import threading
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from pathlib import Path

# How often a waiting push looks at its cancel flag.
_CANCEL_POLL_SECONDS = 0.2

_guard = threading.Lock()
_locks: dict[str, threading.Lock] = {}


def _key(path: Path) -> str:
    return os.path.normcase(str(Path(path).resolve()))


def lock_for(path: Path) -> threading.Lock:
    """The one lock of this database file (the same object for every engine on it)."""
    key = _key(path)
    with _guard:
        lock = _locks.get(key)
        if lock is None:
            lock = _locks[key] = threading.Lock()
        return lock


@contextmanager
def held(path: Path, check_cancel: Callable[[], None]) -> Iterator[None]:
    """Hold the file's push lock; `check_cancel` may raise while waiting for it."""
    lock = lock_for(path)
    while not lock.acquire(timeout=_CANCEL_POLL_SECONDS):
        check_cancel()
    try:
        yield
    finally:
        lock.release()
