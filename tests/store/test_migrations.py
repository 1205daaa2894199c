"""The migrations and the models describe the same schema, so they cannot drift apart."""

from __future__ import annotations

import subprocess
import sys

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from moderator_app.store.db import Database
from moderator_app.store.migrate import (
    file_heads,
    import_all_models,
    known_heads,
    schema_is_current,
)
from moderator_app.store.models import Base
from moderator_app.store.search import is_search_table


def test_migrated_database_matches_the_models(db: Database) -> None:
    import_all_models()
    with db.engine.connect() as connection:
        context = MigrationContext.configure(
            connection,
            opts={
                "compare_type": True,
                "compare_server_default": True,
                # The FTS index is SQLite's own (triggers, shadow tables): no model.
                "include_name": lambda name, kind, _parent: (
                    kind != "table" or not is_search_table(str(name))
                ),
            },
        )
        assert compare_metadata(context, Base.metadata) == []


def test_every_branch_of_migrations_is_applied(db: Database) -> None:
    with db.engine.connect() as connection:
        current = set(MigrationContext.configure(connection).get_current_heads())
    assert current == set(known_heads())


def test_the_heads_read_from_the_files_are_alembics() -> None:
    assert file_heads() == known_heads()


def test_reopening_a_current_store_does_not_import_alembic(db: Database) -> None:
    # Alembic's import is a sixth of the start-up; it is needed only for a migration.
    code = (
        "import sys; from pathlib import Path; from moderator_app.store.db import Database; "
        f"Database.open(Path({str(db.path)!r})).close(); print('alembic' in sys.modules)"
    )
    db.close()
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True)
    assert done.stdout.strip() == "False"


def test_a_store_behind_the_newest_schema_is_not_taken_for_current(db: Database) -> None:
    with db.engine.begin() as connection:
        connection.exec_driver_sql("DELETE FROM alembic_version WHERE version_num LIKE '0006%'")
    assert not schema_is_current(db.path)
