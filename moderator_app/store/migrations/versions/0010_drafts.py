"""Drafts: the moderator's unsent texts, saved as they are typed.

Revision ID: 0010_drafts
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0010_drafts"
down_revision = "0001"
branch_labels = ("drafts",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "draft",
        sa.Column("kind", sa.String(length=20), nullable=False),
        sa.Column("target", sa.String(length=64), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("kind", "target"),
    )


def downgrade() -> None:
    op.drop_table("draft")
