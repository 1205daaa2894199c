"""The local database: one SQLite file, migrated to the newest schema when opened.

Every connection gets the same pragmas (WAL, foreign keys, synchronous=NORMAL, a
busy timeout) from an engine connect event, so a connection made by another thread
or after a pool recycle is configured the same way. Sessions are per action:
`with db.session() as s: ...` commits on success and rolls back on error.

A process that works on an account (the app, `moderator-app sync`) opens its file
with `lock_wait`: the account's DataLock is then held until close(), so no second
process syncs, sends or migrates the same data. The file and its -wal/-shm are 0600
on POSIX (SQLite gives the side files the main file's mode).
"""

from __future__ import annotations

import errno
import logging
import os
import sqlite3
import threading
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from moderator_app import paths
from moderator_app.store import migrate
from moderator_app.store.data_lock import DataLock
from moderator_app.store.errors import (
    DataInUse,
    SchemaTooNew,
    StoreCorrupt,
    StoreError,
    StoreNotWritable,
)

__all__ = [
    "Database",
    "DataInUse",
    "SchemaTooNew",
    "StoreCorrupt",
    "StoreError",
    "StoreNotWritable",
    "aside_name",
    "backup_file",
    "make_engine",
]

log = logging.getLogger("moderator_app.store")

BUSY_TIMEOUT_MS = 10_000


def _set_pragmas(dbapi_connection: Any, foreign_keys: bool) -> None:
    cursor = dbapi_connection.cursor()
    try:
        cursor.execute(f"PRAGMA busy_timeout = {BUSY_TIMEOUT_MS}")
        cursor.execute("PRAGMA journal_mode = WAL")
        cursor.execute("PRAGMA synchronous = NORMAL")
        cursor.execute(f"PRAGMA foreign_keys = {'ON' if foreign_keys else 'OFF'}")
    finally:
        cursor.close()


def make_engine(path: Path, *, foreign_keys: bool = True) -> Engine:
    """An engine whose every connection carries the store's pragmas."""
    engine = create_engine(f"sqlite:///{path}", connect_args={"check_same_thread": False})

    @event.listens_for(engine, "connect")
    def _on_connect(dbapi_connection: Any, _record: Any) -> None:
        _set_pragmas(dbapi_connection, foreign_keys)

    return engine


def backup_file(source: Path, target: Path) -> None:
    """Copy a live SQLite file consistently (WAL content included) with the backup API."""
    paths.private_file(target)
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


SIDE_FILES = ("-wal", "-shm")
_NOT_WRITABLE = {errno.EACCES, errno.EPERM, errno.EROFS}


def _not_writable(path: Path, what: Path, exc: OSError) -> StoreNotWritable:
    return StoreNotWritable(f"{what} cannot be written to ({exc.strerror}).", path)


def _prepare_file(path: Path) -> None:
    """The folder and the file exist and are private and writable, or StoreNotWritable.

    Checked before SQLite runs, which would only say 'unable to open database file'.
    """
    try:
        paths.private_dir(path.parent)
    except OSError as exc:
        if exc.errno in _NOT_WRITABLE:
            raise _not_writable(path, path.parent, exc) from exc
        raise
    if not os.access(path.parent, os.W_OK | os.X_OK):
        # SQLite needs to make the -wal and -shm files beside the database.
        raise StoreNotWritable(f"The folder {path.parent} cannot be written to.", path)
    try:
        paths.private_file(path)
    except OSError as exc:
        if exc.errno in _NOT_WRITABLE:
            raise _not_writable(path, path, exc) from exc
        raise
    for suffix in SIDE_FILES:  # made 0644 by older versions
        paths.tighten_file(Path(f"{path}{suffix}"))


def aside_name(path: Path, reason: str, now: float | None = None) -> Path:
    """Where a file that cannot be used is kept: `<name>.<reason>-<date>-<time>`."""
    stamp = time.strftime("%Y%m%d-%H%M%S", time.localtime(time.time() if now is None else now))
    target = path.with_name(f"{path.name}.{reason}-{stamp}")
    n = 2
    while target.exists():
        target = path.with_name(f"{path.name}.{reason}-{stamp}-{n}")
        n += 1
    return target


def _set_aside(path: Path, reason: str) -> Path:
    """Move the file and its -wal/-shm aside (kept, never deleted); returns its new name."""
    target = aside_name(path, reason)
    for suffix in SIDE_FILES:
        side = Path(f"{path}{suffix}")
        if side.exists():
            os.replace(side, Path(f"{target}{suffix}"))
    os.replace(path, target)
    log.warning("database set aside as %s (%s)", target.name, reason)
    return target


class Database:
    """One account's SQLite file. Safe to share between threads: sessions are per call."""

    def __init__(self, path: Path, engine: Engine, lock: DataLock | None = None) -> None:
        self.path = path
        self.engine = engine
        self.lock = lock  # released by close()
        self.set_aside_as: Path | None = None  # where open(start_fresh=...) kept the old file
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._closed = threading.Event()

    @classmethod
    def open(
        cls, path: Path, *, lock_wait: float | None = None, start_fresh: str | None = None
    ) -> Database:
        """Open (or create) the file and migrate it to the newest schema.

        `lock_wait` (seconds): hold the account's DataLock until close(), waiting that
        long for another process to let go (DataInUse if it does not); None takes no
        lock (tests, the demo's own folder). `start_fresh` (e.g. "corrupt"): first move
        the existing file aside as `<name>.<start_fresh>-<date>` and start an empty one.

        An existing database is copied to `<name>.bak-<revision>` before any migration
        runs; a schema newer than this app raises SchemaTooNew and changes nothing; a
        damaged file StoreCorrupt, a read-only folder or file StoreNotWritable.
        """
        path = Path(path)
        if start_fresh is None:
            _prepare_file(path)
        else:  # the file itself is set aside under the lock, whatever state it is in
            paths.private_dir(path.parent)
        lock = DataLock.acquire(path, wait=lock_wait) if lock_wait is not None else None
        try:
            kept = _set_aside(path, start_fresh) if start_fresh and path.exists() else None
            _prepare_file(path)
            migrate.upgrade(path, make_engine)
            db = cls(path, make_engine(path), lock)
        except BaseException:
            if lock is not None:
                lock.release()
            raise
        db.set_aside_as = kept
        return db

    @classmethod
    def open_current(cls, path: Path) -> Database | None:
        """Open for reading beside another process: no lock, no migration.

        None when the file needs a migration first (only the lock holder may run it).
        The typed errors are those of open().
        """
        path = Path(path)
        if not path.exists():
            return None
        _prepare_file(path)
        if not migrate.is_current(path, make_engine):
            return None
        return cls(path, make_engine(path))

    @contextmanager
    def session(self) -> Iterator[Session]:
        """A session for one user action or sync step: commit on success, roll back on error."""
        if self._closed.is_set():
            raise StoreError("the database is closed")
        session = self._sessions()
        try:
            yield session
            session.commit()
        except BaseException:
            session.rollback()
            raise
        finally:
            session.close()

    def close(self) -> None:
        self._closed.set()
        self.engine.dispose()
        if self.lock is not None:
            self.lock.release()

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
