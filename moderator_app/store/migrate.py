"""Run the store's Alembic migrations from code (no alembic.ini at run time).

Upgrades go to "heads" (plural): features add migrations on their own branches off
"0001", and every branch must apply. The whole upgrade runs in one transaction with
foreign keys off (batch mode rebuilds tables; a cascade must not fire while it does)
and is checked with `PRAGMA foreign_key_check` before it commits.

Alembic is imported only when a migration is due: importing it cost 0.17 s of every
start-up. A file already at the newest schema is recognised with one query against
the revisions read from the migration files' text (schema_is_current).
"""

from __future__ import annotations

import ast
import functools
import importlib
import logging
import pkgutil
import sqlite3
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING, Any

from sqlalchemy import Connection, Engine, event, inspect
from sqlalchemy.exc import DatabaseError

if TYPE_CHECKING:
    from alembic.config import Config
    from alembic.script import ScriptDirectory

log = logging.getLogger("moderator_app.store")

MIGRATIONS_DIR = Path(__file__).resolve().parent / "migrations"

EngineFactory = Callable[..., Engine]


def import_all_models() -> None:
    """Import every `store/models*.py`, so Base.metadata holds every feature's tables."""
    import moderator_app.store as store

    for module in pkgutil.iter_modules(store.__path__):
        if module.name.startswith("models"):
            importlib.import_module(f"moderator_app.store.{module.name}")


def alembic_config(connection: Connection | None = None) -> Config:
    from alembic.config import Config

    config = Config()
    config.set_main_option("script_location", str(MIGRATIONS_DIR))
    config.attributes["connection"] = connection
    return config


def script_directory() -> ScriptDirectory:
    from alembic.script import ScriptDirectory

    return ScriptDirectory.from_config(alembic_config())


def known_heads() -> frozenset[str]:
    return frozenset(script_directory().get_heads())


def current_revisions(connection: Connection) -> frozenset[str]:
    from alembic.runtime.migration import MigrationContext

    return frozenset(MigrationContext.configure(connection).get_current_heads())


def _assigned(tree: ast.Module, name: str) -> Any:
    for node in tree.body:
        if isinstance(node, ast.Assign | ast.AnnAssign):
            targets = node.targets if isinstance(node, ast.Assign) else [node.target]
            if any(isinstance(t, ast.Name) and t.id == name for t in targets) and node.value:
                return ast.literal_eval(node.value)
    return None


@functools.cache
def file_heads() -> frozenset[str]:
    """The newest revisions, read from the migration files' text without Alembic.

    A head is a revision no other migration names as its down_revision (a test checks
    this equals Alembic's own answer).
    """
    revisions: set[str] = set()
    parents: set[str] = set()
    for path in (MIGRATIONS_DIR / "versions").glob("*.py"):
        tree = ast.parse(path.read_text(encoding="utf-8"))
        revision = _assigned(tree, "revision")
        if revision is None:
            continue
        revisions.add(str(revision))
        down = _assigned(tree, "down_revision")
        parents.update([down] if isinstance(down, str) else list(down or ()))
    return frozenset(revisions - parents)


def schema_is_current(path: Path) -> bool:
    """True when the file's alembic_version rows are exactly the newest revisions.

    One read-only query with plain sqlite3, no Alembic; any doubt (no file, no table,
    a lock, damage) answers False and leaves the full check to Alembic.
    """
    if not path.exists():
        return False
    try:
        connection = sqlite3.connect(f"{path.as_uri()}?mode=ro", uri=True, timeout=1.0)
        try:
            rows = connection.execute("SELECT version_num FROM alembic_version").fetchall()
        finally:
            connection.close()
    except sqlite3.Error:
        return False
    return frozenset(str(row[0]) for row in rows) == file_heads()


def _unknown(revisions: frozenset[str], script: ScriptDirectory) -> frozenset[str]:
    from alembic.util import CommandError

    unknown = set()
    for revision in revisions:
        try:
            if script.get_revision(revision) is None:
                unknown.add(revision)
        except CommandError:
            unknown.add(revision)
    return frozenset(unknown)


def _transactional(engine: Engine) -> None:
    """Let SQLite run DDL inside our transaction (pysqlite would autocommit it)."""

    @event.listens_for(engine, "connect")
    def _no_implicit(dbapi_connection: Any, _record: Any) -> None:
        dbapi_connection.isolation_level = None

    @event.listens_for(engine, "begin")
    def _begin(connection: Connection) -> None:
        connection.exec_driver_sql("BEGIN IMMEDIATE")


def _not_writable(exc: DatabaseError) -> bool:
    text = str(exc.orig).lower()
    return "readonly" in text or "unable to open" in text or "read-only" in text


def _read_state(path: Path, engine: Engine) -> tuple[frozenset[str], set[str]]:
    """The file's revisions and tables; typed errors when it cannot be used at all."""
    from moderator_app.store.errors import StoreCorrupt, StoreNotWritable

    try:
        with engine.connect() as connection:
            current = current_revisions(connection)
            tables = set(inspect(connection).get_table_names())
            connection.rollback()
    except DatabaseError as exc:
        # The environment's fault, said plainly: a read-only folder or file, or a file
        # that is not SQLite at all or is damaged.
        if _not_writable(exc):
            raise StoreNotWritable(f"{path.name} cannot be written: {exc.orig}", path) from exc
        raise StoreCorrupt(f"{path.name} cannot be read as a database: {exc.orig}", path) from exc
    return current, tables


def _refuse_unusable(
    path: Path, current: frozenset[str], tables: set[str], script: ScriptDirectory
) -> None:
    from moderator_app.store.errors import SchemaTooNew, StoreCorrupt

    unknown = _unknown(current, script)
    if unknown:
        raise SchemaTooNew(path, unknown)
    if not current and tables:
        raise StoreCorrupt(f"{path.name} is not a Moderator Desk database", path)


def is_current(path: Path, engine_factory: EngineFactory) -> bool:
    """True when the file already has the newest schema (nothing to migrate).

    Changes nothing; raises the same typed errors as upgrade() for a file that
    cannot be used.
    """
    if schema_is_current(path):
        return True
    script = script_directory()
    engine = engine_factory(path, foreign_keys=False)
    try:
        current, tables = _read_state(path, engine)
    finally:
        engine.dispose()
    _refuse_unusable(path, current, tables, script)
    return current == frozenset(script.get_heads())


def upgrade(path: Path, engine_factory: EngineFactory) -> frozenset[str]:
    """Bring the file at `path` to the newest schema; return the revisions it had before."""
    # Imported here: db.py imports this module, and backup lives there.
    from moderator_app.store.db import StoreError, backup_file

    if schema_is_current(path):
        return file_heads()  # the usual start: no migration, so no Alembic import
    from alembic import command

    script = script_directory()
    heads = frozenset(script.get_heads())
    engine = engine_factory(path, foreign_keys=False)
    _transactional(engine)
    try:
        current, tables = _read_state(path, engine)
        _refuse_unusable(path, current, tables, script)
        if current == heads:
            return current
        if current:
            target = path.with_name(f"{path.name}.bak-{'+'.join(sorted(current))}")
            backup_file(path, target)
            log.info("database backed up before migration to %s", target.name)
        with engine.begin() as connection:
            command.upgrade(alembic_config(connection), "heads")
            problems = connection.exec_driver_sql("PRAGMA foreign_key_check").fetchall()
            if problems:
                raise StoreError(
                    f"migration left {len(problems)} broken references; not applied", path
                )
        log.info("database migrated from %s to %s", sorted(current) or "empty", sorted(heads))
        return current
    finally:
        engine.dispose()
