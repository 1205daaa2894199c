"""Participation: learners' last access from the enrolled-users answer, and the
course's introductions forum as the moderator marked it.

Revision ID: 0014_participation
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0014_participation"
down_revision = "0001"
branch_labels = ("participation",)
depends_on = None


def upgrade() -> None:
    # Existing rows: unknown (NULL) until the course's participants are fetched again.
    with op.batch_alter_table("participant") as batch:
        batch.add_column(sa.Column("last_access", sa.Integer(), nullable=True))
        batch.add_column(sa.Column("last_course_access", sa.Integer(), nullable=True))
    op.create_table(
        "intro_forum",
        sa.Column("course_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("marked_at", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("course_id"),
    )


def downgrade() -> None:
    op.drop_table("intro_forum")
    with op.batch_alter_table("participant") as batch:
        batch.drop_column("last_course_access")
        batch.drop_column("last_access")
