"""Polls: drafts with their options, and Choice activities with results.

Revision ID: 0002_polls
Revises: 0001
"""

from __future__ import annotations

import sqlalchemy as sa
from alembic import op

revision = "0002_polls"
down_revision = "0001"
branch_labels = ("polls",)
depends_on = None


def upgrade() -> None:
    op.create_table(
        "poll_draft",
        sa.Column("id", sa.String(36), primary_key=True),
        sa.Column("question", sa.Text(), nullable=False),
        sa.Column("description", sa.Text(), nullable=False),
        sa.Column("allow_multiple", sa.Boolean(), nullable=False),
        sa.Column("limit_answers", sa.Boolean(), nullable=False),
        sa.Column("allow_update", sa.Boolean(), nullable=False),
        sa.Column("show_results", sa.Integer(), nullable=False),
        sa.Column("publish_names", sa.Boolean(), nullable=False),
        sa.Column("show_unanswered", sa.Boolean(), nullable=False),
        sa.Column("time_open", sa.Integer(), nullable=False),
        sa.Column("time_close", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("section", sa.Integer(), nullable=False),
        sa.Column("state", sa.String(20), nullable=False),
        sa.Column("failure_reason", sa.Text(), nullable=True),
        sa.Column("cmid", sa.Integer(), nullable=True),
        sa.Column("choice_id", sa.Integer(), nullable=True),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
    )
    op.create_index("ix_poll_draft_state", "poll_draft", ["state"])
    op.create_table(
        "poll_draft_option",
        sa.Column(
            "draft_id",
            sa.String(36),
            sa.ForeignKey("poll_draft.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("position", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("max_answers", sa.Integer(), nullable=False),
    )
    op.create_table(
        "poll_choice",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column("cmid", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.Text(), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("section", sa.Integer(), nullable=False),
        sa.Column("visible", sa.Boolean(), nullable=False),
        sa.Column("publish_names", sa.Boolean(), nullable=False),
        sa.Column("show_results", sa.Integer(), nullable=False),
        sa.Column("allow_update", sa.Boolean(), nullable=False),
        sa.Column("allow_multiple", sa.Boolean(), nullable=False),
        sa.Column("limit_answers", sa.Boolean(), nullable=False),
        sa.Column("time_open", sa.Integer(), nullable=False),
        sa.Column("time_close", sa.Integer(), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
        sa.Column("results_fetched_at", sa.Integer(), nullable=False),
    )
    op.create_index("ix_poll_choice_course_id", "poll_choice", ["course_id"])
    op.create_table(
        "poll_choice_option",
        sa.Column("id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column(
            "choice_id",
            sa.Integer(),
            sa.ForeignKey("poll_choice.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("position", sa.Integer(), nullable=False),
        sa.Column("text", sa.Text(), nullable=False),
        sa.Column("max_answers", sa.Integer(), nullable=False),
        sa.Column("count", sa.Integer(), nullable=False),
    )
    op.create_index("ix_poll_choice_option_choice", "poll_choice_option", ["choice_id", "position"])
    op.create_table(
        "poll_choice_response",
        sa.Column(
            "option_id",
            sa.Integer(),
            sa.ForeignKey("poll_choice_option.id", ondelete="CASCADE"),
            primary_key=True,
        ),
        sa.Column("user_id", sa.Integer(), primary_key=True, autoincrement=False),
        sa.Column(
            "choice_id",
            sa.Integer(),
            sa.ForeignKey("poll_choice.id", ondelete="CASCADE"),
            nullable=False,
        ),
        sa.Column("fullname", sa.String(255), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
    )
    op.create_index("ix_poll_choice_response_choice_id", "poll_choice_response", ["choice_id"])


def downgrade() -> None:
    op.drop_table("poll_choice_response")
    op.drop_table("poll_choice_option")
    op.drop_table("poll_choice")
    op.drop_table("poll_draft_option")
    op.drop_table("poll_draft")
