"""Migration 0015 gives older outbox rows their target columns from what they carried."""

from __future__ import annotations

from pathlib import Path

from alembic import command
from sqlalchemy import select

from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.migrate import alembic_config

_ROWS = [
    # id, kind, payload, state, ordering_key, updated_at, last_error_code
    ("r", "reply", '{"discussion_id": 7}', "pending", "discussion:7", 10, None),
    ("d", "discussion", '{"forum_id": 3, "subject": "s"}', "pending", None, 10, None),
    ("c", "consent_request", '{"user_id": 9}', "pending", "message:9", 10, None),
    ("p", "poll", "{}", "pending", "poll:abc", 10, None),
    ("m", "reply", '{"discussion_id": 8}', "failed_retryable", "discussion:8", 50, "maybe_applied"),
]


def test_older_rows_get_their_target_and_a_maybe_applied_row_its_claim_time(
    tmp_path: Path,
) -> None:
    path = tmp_path / "store.db"
    db = Database.open(path)
    with db.engine.begin() as connection:
        command.downgrade(alembic_config(connection), "0015_outbox_target@-1")
        for row in _ROWS:
            connection.exec_driver_sql(
                "INSERT INTO outbox (id, kind, payload, state, ordering_key, created_at,"
                " updated_at, not_before, attempts, last_error_code)"
                " VALUES (?, ?, ?, ?, ?, 1, ?, 0, 0, ?)",
                row,
            )
    db.close()

    db = Database.open(path)
    try:
        with db.session() as s:
            got = {
                r.id: (r.target_type, r.target_id, r.claimed_at)
                for r in s.execute(select(m.OutboxItem)).scalars()
            }
    finally:
        db.close()
    assert got == {
        "r": ("discussion", 7, 0),
        "d": ("forum", 3, 0),
        "c": ("user", 9, 0),
        "p": (None, None, 0),
        "m": ("discussion", 8, 50),
    }
