"""The migrations and the models describe the same schema, so they cannot drift apart."""

from __future__ import annotations

from alembic.autogenerate import compare_metadata
from alembic.runtime.migration import MigrationContext

from moderator_app.store.db import Database
from moderator_app.store.migrate import import_all_models, known_heads
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
