"""The database file: pragmas, sessions, backups before migrations, refusing newer schemas."""

from __future__ import annotations

import shutil
import sqlite3
import threading
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest
from alembic import command
from sqlalchemy import func, select, text
from sqlalchemy.orm import Session

from moderator_app.store import migrate
from moderator_app.store import models as m
from moderator_app.store.db import Database, SchemaTooNew, StoreError, make_engine
from tests.store import helpers as h

TEST_MIGRATION = """
import sqlalchemy as sa
from alembic import op

revision = "0002_test"
down_revision = "0001"
branch_labels = None
depends_on = None


def upgrade() -> None:
    op.create_table("extra", sa.Column("id", sa.Integer(), primary_key=True))
    with op.batch_alter_table("course") as batch:
        batch.add_column(sa.Column("note", sa.String(50), nullable=True))
    {fail}


def downgrade() -> None:
    op.drop_table("extra")
"""


@contextmanager
def _sqlite(path: Path) -> Iterator[sqlite3.Connection]:
    """A plain sqlite3 connection that commits and closes (the app is not involved)."""
    connection = sqlite3.connect(path)
    try:
        with connection:
            yield connection
    finally:
        connection.close()


def _pragmas(session: Session) -> tuple[str, int, int, int]:
    return (
        session.execute(text("PRAGMA journal_mode")).scalar_one(),
        session.execute(text("PRAGMA foreign_keys")).scalar_one(),
        session.execute(text("PRAGMA synchronous")).scalar_one(),
        session.execute(text("PRAGMA busy_timeout")).scalar_one(),
    )


def test_every_connection_has_wal_foreign_keys_and_busy_timeout(db: Database) -> None:
    seen: list[tuple[int, tuple[str, int, int, int]]] = []

    def look(session: Session) -> None:
        raw = session.connection().connection.dbapi_connection
        seen.append((id(raw), _pragmas(session)))

    def in_thread() -> None:
        with db.session() as s:
            look(s)

    # The main thread holds its connection while a second thread gets another one.
    with db.session() as s:
        look(s)
        worker = threading.Thread(target=in_thread)
        worker.start()
        worker.join()
    assert len({conn for conn, _ in seen}) == 2
    for _conn, (journal, fks, synchronous, busy) in seen:
        assert journal == "wal"
        assert fks == 1
        assert synchronous == 1  # NORMAL
        assert busy > 0


def test_session_commits_on_success_and_rolls_back_on_error(db: Database) -> None:
    with db.session() as s:
        s.add(m.KeyValue(key="kept", value="1"))
    with pytest.raises(RuntimeError), db.session() as s:
        s.add(m.KeyValue(key="lost", value="1"))
        s.flush()
        raise RuntimeError("boom")
    with db.session() as s:
        assert s.scalars(select(m.KeyValue.key)).all() == ["kept"]


def test_sessions_from_several_threads_all_land(db: Database) -> None:
    def write(prefix: str) -> None:
        for i in range(30):
            with db.session() as s:
                s.add(m.KeyValue(key=f"{prefix}{i}", value="x"))

    threads = [threading.Thread(target=write, args=(p,)) for p in "abc"]
    for t in threads:
        t.start()
    for t in threads:
        t.join()
    with db.session() as s:
        assert s.scalar(select(func.count()).select_from(m.KeyValue)) == 90


def test_deleting_a_course_cascades_to_everything_below_it(db: Database) -> None:
    h.seed_course(
        db,
        discussions=[h.discussion(1)],
        posts=[h.post(10, 1, h.LEARNER, 1000)],
    )
    with db.session() as s:
        s.add(m.Triage(discussion_id=1, claimed_by="mo"))
    with db.session() as s:
        s.execute(text("DELETE FROM course WHERE id = 1"))
    with db.session() as s:
        for model in (m.Participant, m.Forum, m.Discussion, m.Post, m.Triage):
            assert s.scalar(select(func.count()).select_from(model)) == 0, model.__name__


def test_foreign_keys_are_enforced(db: Database) -> None:
    with pytest.raises(Exception, match="FOREIGN KEY"), db.session() as s:
        s.execute(text("INSERT INTO triage (discussion_id) VALUES (999)"))


def _migrations_with_extra(tmp_path: Path, monkeypatch: pytest.MonkeyPatch, fail: bool) -> None:
    """Point the migrator at a copy of the real migrations plus one test migration after 0001."""
    copy = tmp_path / "migrations"
    (copy / "versions").mkdir(parents=True)
    for name in ("env.py", "script.py.mako"):
        shutil.copy(migrate.MIGRATIONS_DIR / name, copy / name)
    shutil.copy(
        migrate.MIGRATIONS_DIR / "versions" / "0001_initial.py",
        copy / "versions" / "0001_initial.py",
    )
    body = TEST_MIGRATION.replace("{fail}", 'raise RuntimeError("half way")' if fail else "pass")
    (copy / "versions" / "0002_test.py").write_text(body)
    monkeypatch.setattr(migrate, "MIGRATIONS_DIR", copy)


def _database_at_0001(path: Path) -> None:
    engine = make_engine(path, foreign_keys=False)
    with engine.begin() as connection:
        command.upgrade(migrate.alembic_config(connection), "0001")
        connection.execute(
            text("INSERT INTO course (id, shortname, fullname, visible) VALUES (7, 'c7', 'Old', 1)")
        )
    engine.dispose()


def _revision(path: Path) -> list[str]:
    with _sqlite(path) as connection:
        return [row[0] for row in connection.execute("SELECT version_num FROM alembic_version")]


def test_existing_database_is_backed_up_before_a_migration(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acc.sqlite"
    _database_at_0001(path)
    _migrations_with_extra(tmp_path, monkeypatch, fail=False)

    db = Database.open(path)
    with db.session() as s:
        assert s.execute(text("SELECT fullname, note FROM course")).all() == [("Old", None)]
    db.close()

    backup = tmp_path / "acc.sqlite.bak-0001"
    assert _revision(backup) == ["0001"]
    with _sqlite(backup) as connection:
        assert connection.execute("SELECT fullname FROM course").fetchall() == [("Old",)]
    assert _revision(path) == ["0002_test"]

    # Already at head: opening again changes nothing and takes no new copy.
    backup.unlink()
    Database.open(path).close()
    assert not backup.exists()


def test_a_fresh_database_needs_no_backup(tmp_path: Path) -> None:
    Database.open(tmp_path / "new.sqlite").close()
    assert sorted(p.name for p in tmp_path.iterdir() if ".bak-" in p.name) == []
    assert set(_revision(tmp_path / "new.sqlite")) == migrate.known_heads()


def test_a_migration_failing_half_way_leaves_the_database_as_it_was(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    path = tmp_path / "acc.sqlite"
    _database_at_0001(path)
    _migrations_with_extra(tmp_path, monkeypatch, fail=True)

    with pytest.raises(RuntimeError, match="half way"):
        Database.open(path)

    assert _revision(path) == ["0001"]
    with _sqlite(path) as connection:
        tables = {r[0] for r in connection.execute("SELECT name FROM sqlite_master")}
        assert "extra" not in tables
        assert connection.execute("SELECT fullname FROM course").fetchall() == [("Old",)]


def test_a_newer_schema_is_refused_and_left_untouched(tmp_path: Path) -> None:
    path = tmp_path / "acc.sqlite"
    Database.open(path).close()
    with _sqlite(path) as connection:
        connection.execute("DELETE FROM alembic_version")
        connection.execute("INSERT INTO alembic_version VALUES ('9999_future')")
    before = path.read_bytes()

    with pytest.raises(SchemaTooNew, match="newer version") as raised:
        Database.open(path)

    assert raised.value.revisions == frozenset({"9999_future"})
    assert _revision(path) == ["9999_future"]
    assert path.read_bytes() == before
    assert not list(tmp_path.glob("*.bak-*"))


def test_a_foreign_sqlite_file_is_refused(tmp_path: Path) -> None:
    path = tmp_path / "other.sqlite"
    with _sqlite(path) as connection:
        connection.execute("CREATE TABLE notes (id INTEGER)")
    with pytest.raises(StoreError, match="not a Moderator Desk database"):
        Database.open(path)


def test_a_file_that_is_not_sqlite_is_refused_clearly(tmp_path: Path) -> None:
    path = tmp_path / "garbage.sqlite"
    path.write_bytes(b"this is not a database, just some bytes" * 100)
    with pytest.raises(StoreError, match="cannot be read as a database"):
        Database.open(path)


def test_a_closed_database_gives_no_sessions(db: Database) -> None:
    db.close()
    with pytest.raises(StoreError), db.session():
        pass
