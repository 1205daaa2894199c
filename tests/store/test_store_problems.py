"""A database that cannot be used says why, in a typed error, and is never changed;
a fresh one can be started beside it with the old file kept."""

from __future__ import annotations

import os
import sqlite3
import subprocess
from pathlib import Path

import pytest

from moderator_app.store import models as m
from moderator_app.store.db import (
    Database,
    SchemaTooNew,
    StoreCorrupt,
    aside_name,
)
from tests.unprivileged import python_argv

ROOT = Path(__file__).resolve().parents[2]
GARBAGE = b"this is not a database, just some bytes" * 100


def _set_revision(path: Path, revision: str) -> None:
    connection = sqlite3.connect(path)
    with connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES (?)", (revision,))
    connection.close()


def _too_new(path: Path) -> None:
    Database.open(path).close()
    _set_revision(path, "9999_future")


def test_a_corrupt_file_is_refused_kept_and_can_be_set_aside(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    path.write_bytes(GARBAGE)
    with pytest.raises(StoreCorrupt) as refused:
        Database.open(path, lock_wait=0)
    assert refused.value.path == path
    assert path.read_bytes() == GARBAGE

    db = Database.open(path, lock_wait=0, start_fresh="corrupt")
    try:
        kept = db.set_aside_as
        assert kept is not None and kept.parent == tmp_path
        assert kept.name.startswith("acc.sqlite.corrupt-")
        assert kept.read_bytes() == GARBAGE
        with db.session() as s:
            s.add(m.KeyValue(key="fresh", value="1"))
    finally:
        db.close()


def test_a_newer_schema_can_be_set_aside_too(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    _too_new(path)
    with pytest.raises(SchemaTooNew):
        Database.open(path)
    db = Database.open(path, start_fresh="newer")
    db.close()
    assert db.set_aside_as is not None and ".newer-" in db.set_aside_as.name
    with pytest.raises(SchemaTooNew):
        Database.open(db.set_aside_as)  # the newer app's file, untouched


def test_the_aside_name_never_overwrites_an_earlier_one(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    first = aside_name(path, "corrupt", now=0)
    first.write_bytes(b"older")
    second = aside_name(path, "corrupt", now=0)
    assert second != first and second.name.startswith(first.name)


def test_reading_beside_the_holder_needs_no_lock_but_never_migrates(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    assert Database.open_current(path) is None  # nothing there yet: nothing to read
    writer = Database.open(path, lock_wait=0)
    try:
        with writer.session() as s:
            s.add(m.KeyValue(key="k", value="v"))
        reader = Database.open_current(path)
        assert reader is not None
        with reader.session() as s:
            assert s.get(m.KeyValue, "k") is not None
        reader.close()
    finally:
        writer.close()
    _set_revision(path, "0001")
    assert Database.open_current(path) is None  # needs a migration: only the holder runs it


_OPEN = """
import sys
from pathlib import Path
from moderator_app.store.db import Database, StoreError
try:
    Database.open(Path(sys.argv[1]), lock_wait=0).close()
except StoreError as exc:
    print(type(exc).__name__, exc.path)
"""


def _open_unprivileged(path: Path) -> str:
    result = subprocess.run(
        [*python_argv(), "-c", _OPEN, str(path)],
        cwd=ROOT,
        env={**os.environ, "PYTHONPATH": str(ROOT)},
        capture_output=True,
        text=True,
        timeout=60,
        check=False,
    )
    assert result.returncode == 0, result.stderr
    return result.stdout.strip()


def test_a_read_only_folder_is_said_as_such(tmp_path: Path) -> None:
    folder = tmp_path / "accounts"
    folder.mkdir()
    existing = folder / "old.sqlite"
    Database.open(existing).close()
    for name in ("old.sqlite-wal", "old.sqlite-shm"):
        (folder / name).unlink(missing_ok=True)
    folder.chmod(0o500)
    try:
        assert _open_unprivileged(folder / "new.sqlite") == f"StoreNotWritable {folder}/new.sqlite"
        assert _open_unprivileged(existing) == f"StoreNotWritable {existing}"
    finally:
        folder.chmod(0o700)


def test_a_lock_in_a_read_only_folder_is_said_as_not_writable(tmp_path: Path) -> None:
    folder = tmp_path / "ro"
    folder.mkdir()
    folder.chmod(0o500)
    code = (
        "import sys; from pathlib import Path; "
        "from moderator_app.store.data_lock import DataLock; "
        "from moderator_app.store.errors import StoreNotWritable\n"
        "try: DataLock.acquire(Path(sys.argv[1]))\n"
        "except StoreNotWritable: print('not writable')"
    )
    try:
        result = subprocess.run(
            [*python_argv(), "-c", code, str(folder / "acc.sqlite")],
            cwd=ROOT,
            env={**os.environ, "PYTHONPATH": str(ROOT)},
            capture_output=True,
            text=True,
            timeout=60,
            check=False,
        )
    finally:
        folder.chmod(0o700)
    assert result.stdout.strip() == "not writable", result.stderr
