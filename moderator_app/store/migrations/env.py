"""Alembic environment: the connection comes from moderator_app.store.migrate.

For writing a new migration by hand or with autogenerate, run Alembic through
`python -m moderator_app.store.revision` (see that module) rather than an alembic.ini.
"""

from __future__ import annotations

from alembic import context

from moderator_app.store.migrate import import_all_models
from moderator_app.store.models import Base
from moderator_app.store.search import is_search_table

import_all_models()  # features keep their tables in store/models_<feature>.py

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through moderator_app.store.migrate, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables in batch mode
    compare_type=True,
    # The FTS index (migration 0006) has no model: autogenerate must not drop it.
    include_name=lambda name, kind, _parent: kind != "table" or not is_search_table(str(name)),
)
with context.begin_transaction():
    context.run_migrations()
