"""The local database: one SQLite file, migrated to the newest schema when opened.

Every connection gets the same pragmas (WAL, foreign keys, synchronous=NORMAL, a
busy timeout) from an engine connect event, so a connection made by another thread
or after a pool recycle is configured the same way. Sessions are per action:
`with db.session() as s: ...` commits on success and rolls back on error.
"""

from __future__ import annotations

import logging
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

from sqlalchemy import Engine, create_engine, event
from sqlalchemy.orm import Session, sessionmaker

from moderator_app.store import migrate

log = logging.getLogger("moderator_app.store")

BUSY_TIMEOUT_MS = 10_000


class StoreError(Exception):
    """The database file cannot be used (not ours, corrupt, unreadable)."""


class SchemaTooNew(StoreError):
    """The file was written by a newer version of the app; opening it could lose data."""

    def __init__(self, path: Path, revisions: frozenset[str]) -> None:
        self.path = path
        self.revisions = revisions
        super().__init__(
            f"The database {path.name} was created by a newer version of Moderator Desk "
            f"(schema {', '.join(sorted(revisions))}). Update the app to open it."
        )


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
    src = sqlite3.connect(source)
    try:
        dst = sqlite3.connect(target)
        try:
            src.backup(dst)
        finally:
            dst.close()
    finally:
        src.close()


class Database:
    """One account's SQLite file. Safe to share between threads: sessions are per call."""

    def __init__(self, path: Path, engine: Engine) -> None:
        self.path = path
        self.engine = engine
        self._sessions = sessionmaker(engine, expire_on_commit=False)
        self._closed = threading.Event()

    @classmethod
    def open(cls, path: Path) -> Database:
        """Open (or create) the file and migrate it to the newest schema.

        An existing database is copied to `<name>.bak-<revision>` before any migration
        runs; a schema newer than this app raises SchemaTooNew and changes nothing.
        """
        path = Path(path)
        path.parent.mkdir(parents=True, exist_ok=True)
        migrate.upgrade(path, make_engine)
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

    def __enter__(self) -> Database:
        return self

    def __exit__(self, *_exc: object) -> None:
        self.close()
