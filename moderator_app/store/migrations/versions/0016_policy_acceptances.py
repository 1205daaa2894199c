"""Site policy acceptances per course participant, from the companion plugin.

Revision ID: 0016_policy_acceptances
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0016_policy_acceptances"
down_revision = "0001"
branch_labels = ("policy_acceptances",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "policy_acceptance",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("version_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("policy_name", sa.String(length=255), nullable=False),
        sa.Column("revision", sa.String(length=100), nullable=False),
        sa.Column("optional", sa.Boolean(), nullable=False),
        sa.Column("status", sa.String(length=20), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
        sa.Column("on_behalf", sa.Boolean(), nullable=False),
        sa.Column("fetched_at", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("course_id", "user_id", "version_id"),
    )


def downgrade() -> None:
    op.drop_table("policy_acceptance")
