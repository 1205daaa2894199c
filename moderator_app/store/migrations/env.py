"""Alembic environment: the connection comes from moderator_app.store.migrate.

For writing a new migration by hand or with autogenerate, run Alembic through
`python -m moderator_app.store.revision` (see that module) rather than an alembic.ini.
"""

from __future__ import annotations

from alembic import context

from moderator_app.store.migrate import import_all_models
from moderator_app.store.models import Base

import_all_models()  # features keep their tables in store/models_<feature>.py

connection = context.config.attributes.get("connection")
if connection is None:
    raise RuntimeError("run migrations through moderator_app.store.migrate, with a connection")

context.configure(
    connection=connection,
    target_metadata=Base.metadata,
    render_as_batch=True,  # SQLite cannot ALTER most things: rebuild tables in batch mode
    compare_type=True,
)
with context.begin_transaction():
    context.run_migrations()
