"""The companion plugin's answers: team claims per discussion, capabilities per course.

Revision ID: 0009_team_claims
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0009_team_claims"
down_revision = "0001"
branch_labels = ("team_claims",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "team_claim",
        sa.Column("discussion_id", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(length=20), nullable=False),
        sa.Column("reason", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("fullname", sa.String(length=255), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["discussion_id"], ["discussion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("discussion_id"),
    )
    op.create_table(
        "course_capability",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("create_polls", sa.Boolean(), nullable=False),
        sa.Column("read_consent", sa.Boolean(), nullable=False),
        sa.Column("triage", sa.Boolean(), nullable=False),
        sa.Column("lock", sa.Boolean(), nullable=False),
        sa.Column("pin", sa.Boolean(), nullable=False),
        sa.Column("all_groups", sa.Boolean(), nullable=False),
        sa.Column("policy_handler", sa.String(length=100), nullable=False),
        sa.Column("fetched_at", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("course_id"),
    )


def downgrade() -> None:
    op.drop_table("course_capability")
    op.drop_table("team_claim")
