"""Posts: a flag for a post whose HTML was cut to the size the store keeps.

Revision ID: 0005_post_truncated
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0005_post_truncated"
down_revision = "0001"
branch_labels = ("post_truncated",)
depends_on = None


def upgrade() -> None:
    # Existing rows were stored whole: false. Batch mode, as SQLite needs for ALTER.
    with op.batch_alter_table("post") as batch:
        batch.add_column(
            sa.Column("truncated", sa.Boolean(), nullable=False, server_default=sa.false())
        )


def downgrade() -> None:
    with op.batch_alter_table("post") as batch:
        batch.drop_column("truncated")
