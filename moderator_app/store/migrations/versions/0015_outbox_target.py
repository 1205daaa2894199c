"""Outbox: what an item acts on as columns (target_type, target_id), and when the push
last claimed it (claimed_at).

Older rows get their target from what they carried: the ordering key
"discussion:N" / "message:N", or a new discussion's forum_id in its payload. A row
whose send may have reached the site keeps its settle time: its claim time is not
known any more, so its last change (after the claim) stands in for it.

Revision ID: 0015_outbox_target
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0015_outbox_target"
down_revision = "0001"
branch_labels = ("outbox_target",)
depends_on = None


def upgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.add_column(sa.Column("target_type", sa.String(length=30), nullable=True))
        batch.add_column(sa.Column("target_id", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("claimed_at", sa.Integer(), nullable=False, server_default="0"))
        batch.create_index("ix_outbox_target", ["target_type", "target_id"])
    op.execute(
        "UPDATE outbox SET target_type = 'discussion',"
        " target_id = CAST(substr(ordering_key, 12) AS INTEGER)"
        " WHERE ordering_key LIKE 'discussion:%'"
    )
    op.execute(
        "UPDATE outbox SET target_type = 'user',"
        " target_id = CAST(substr(ordering_key, 9) AS INTEGER)"
        " WHERE ordering_key LIKE 'message:%'"
    )
    op.execute(
        "UPDATE outbox SET target_type = 'forum',"
        " target_id = CAST(json_extract(payload, '$.forum_id') AS INTEGER)"
        " WHERE target_type IS NULL AND kind = 'discussion' AND json_valid(payload)"
        " AND json_extract(payload, '$.forum_id') IS NOT NULL"
    )
    op.execute(
        "UPDATE outbox SET claimed_at = updated_at"
        " WHERE state = 'sending' OR last_error_code = 'maybe_applied'"
    )


def downgrade() -> None:
    with op.batch_alter_table("outbox") as batch:
        batch.drop_index("ix_outbox_target")
        batch.drop_column("claimed_at")
        batch.drop_column("target_id")
        batch.drop_column("target_type")
