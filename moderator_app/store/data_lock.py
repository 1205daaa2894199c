"""One process per account's data: an OS lock that dies with its process.

The lock is `<database>.lock` beside the account's SQLite file, held with flock
(POSIX) or LockFileEx (Windows) through `filelock`: the kernel drops it when the
process ends however it ends (a crash, SIGKILL, a power cut), so no stale lock
file ever has to be cleaned up by hand. The holder writes its process id into the
file, so a refused process can say who holds it (best effort: Windows keeps the
locked file unreadable, and then the id is simply not known).
"""

from __future__ import annotations

import errno
import os
from pathlib import Path
from types import TracebackType

from filelock import FileLock, Timeout

from moderator_app import paths
from moderator_app.store.errors import DataInUse, StoreNotWritable

_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def lock_path(db_path: Path) -> Path:
    return db_path.with_name(db_path.name + ".lock")


def _write_pid(fd: int) -> None:
    os.ftruncate(fd, 0)
    os.pwrite(fd, str(os.getpid()).encode("ascii"), 0)


def holder_pid(db_path: Path) -> int | None:
    """The process id the current holder wrote, when it can be read."""
    try:
        text = lock_path(db_path).read_text(encoding="ascii").strip()
    except (OSError, UnicodeDecodeError):
        return None
    return int(text) if text.isdigit() else None


class DataLock:
    """Held while this process works on one account's database; release() or close."""

    def __init__(self, db_path: Path, lock: FileLock) -> None:
        self.db_path = db_path
        self._lock = lock

    @classmethod
    def acquire(cls, db_path: Path, *, wait: float = 0.0) -> DataLock:
        """Take the lock, waiting up to `wait` seconds; DataInUse when another has it."""
        path = lock_path(db_path)
        lock = FileLock(
            path,
            timeout=max(wait, 0.0),
            mode=paths.PRIVATE_FILE,
            thread_local=False,  # the GUI may close the account from another thread
            on_acquired=_write_pid,
        )
        try:
            lock.acquire()
        except Timeout:
            raise DataInUse(db_path, holder_pid(db_path)) from None
        except OSError as exc:
            if exc.errno in _NOT_WRITABLE:
                raise StoreNotWritable(
                    f"The folder {db_path.parent} cannot be written to ({exc.strerror}).",
                    db_path,
                ) from exc
            raise
        return cls(db_path, lock)

    @property
    def held(self) -> bool:
        return bool(self._lock.is_locked)

    def release(self) -> None:
        if self._lock.is_locked:
            self._lock.release(force=True)

    def __enter__(self) -> DataLock:
        return self

    def __exit__(
        self,
        _type: type[BaseException] | None,
        _exc: BaseException | None,
        _tb: TracebackType | None,
    ) -> None:
        self.release()
