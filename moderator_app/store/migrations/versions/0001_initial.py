"""Initial schema: exactly the tables of store/models.py at the first release.

Revision ID: 0001
Revises:
"""

from __future__ import annotations

from collections.abc import Sequence

import sqlalchemy as sa
from alembic import op

revision: str = "0001"
down_revision: str | Sequence[str] | None = None
branch_labels: str | Sequence[str] | None = None
depends_on: str | Sequence[str] | None = None


def upgrade() -> None:
    op.create_table(
        "account",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("site_url", sa.String(length=500), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("user_id", sa.Integer(), nullable=False),
        sa.Column("fullname", sa.String(length=255), nullable=False),
        sa.Column("site_name", sa.String(length=255), nullable=False),
        sa.Column("functions", sa.Text(), nullable=False),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "audit_event",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("at", sa.Integer(), nullable=False),
        sa.Column("actor", sa.String(length=255), nullable=False),
        sa.Column("kind", sa.String(length=50), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=True),
        sa.Column("learner_id", sa.Integer(), nullable=True),
        sa.Column("detail", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_audit_event_at"), "audit_event", ["at"], unique=False)
    op.create_index(op.f("ix_audit_event_learner_id"), "audit_event", ["learner_id"], unique=False)

    op.create_table(
        "course",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("shortname", sa.String(length=255), nullable=False),
        sa.Column("fullname", sa.String(length=500), nullable=False),
        sa.Column("visible", sa.Boolean(), nullable=False),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_table(
        "key_value",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("value", sa.Text(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "outbox",
        sa.Column("id", sa.String(length=36), nullable=False),
        sa.Column("kind", sa.String(length=30), nullable=False),
        sa.Column("payload", sa.Text(), nullable=False),
        sa.Column("state", sa.String(length=30), nullable=False),
        sa.Column("ordering_key", sa.String(length=100), nullable=True),
        sa.Column("created_at", sa.Integer(), nullable=False),
        sa.Column("updated_at", sa.Integer(), nullable=False),
        sa.Column("not_before", sa.Integer(), nullable=False),
        sa.Column("attempts", sa.Integer(), nullable=False),
        sa.Column("last_error", sa.Text(), nullable=True),
        sa.Column("last_error_code", sa.String(length=100), nullable=True),
        sa.Column("result_ref", sa.String(length=100), nullable=True),
        sa.Column("local_ref", sa.String(length=100), nullable=True),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_outbox_local_ref"), "outbox", ["local_ref"], unique=False)
    op.create_index(op.f("ix_outbox_state"), "outbox", ["state"], unique=False)

    op.create_table(
        "sync_cursor",
        sa.Column("key", sa.String(length=100), nullable=False),
        sa.Column("last_time_modified", sa.Integer(), nullable=False),
        sa.Column("last_full_reconcile", sa.Integer(), nullable=False),
        sa.Column("last_synced_at", sa.Integer(), nullable=False),
        sa.PrimaryKeyConstraint("key"),
    )
    op.create_table(
        "forum",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("cmid", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("type", sa.String(length=30), nullable=False),
        sa.Column("intro", sa.Text(), nullable=False),
        sa.Column("num_discussions", sa.Integer(), nullable=False),
        sa.Column("can_create_discussions", sa.Boolean(), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_forum_course_id"), "forum", ["course_id"], unique=False)

    op.create_table(
        "participant",
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("user_id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("fullname", sa.String(length=255), nullable=False),
        sa.Column("username", sa.String(length=255), nullable=False),
        sa.Column("email", sa.String(length=255), nullable=False),
        sa.Column("roles", sa.String(length=255), nullable=False),
        sa.Column("is_staff", sa.Boolean(), nullable=False),
        sa.Column("group_ids", sa.String(length=500), nullable=False),
        sa.ForeignKeyConstraint(["course_id"], ["course.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("course_id", "user_id"),
    )
    op.create_table(
        "discussion",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("forum_id", sa.Integer(), nullable=False),
        sa.Column("course_id", sa.Integer(), nullable=False),
        sa.Column("first_post_id", sa.Integer(), nullable=False),
        sa.Column("name", sa.String(length=500), nullable=False),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_fullname", sa.String(length=255), nullable=True),
        sa.Column("created", sa.Integer(), nullable=False),
        sa.Column("time_modified", sa.Integer(), nullable=False),
        sa.Column("last_post_user_id", sa.Integer(), nullable=True),
        sa.Column("last_post_user_fullname", sa.String(length=255), nullable=True),
        sa.Column("num_replies", sa.Integer(), nullable=False),
        sa.Column("group_id", sa.Integer(), nullable=False),
        sa.Column("pinned", sa.Boolean(), nullable=False),
        sa.Column("locked", sa.Boolean(), nullable=False),
        sa.Column("time_locked", sa.Integer(), nullable=False),
        sa.Column("can_reply", sa.Boolean(), nullable=False),
        sa.Column("can_lock", sa.Boolean(), nullable=False),
        sa.Column("posts_synced_at_modified", sa.Integer(), nullable=False),
        sa.Column("is_waiting", sa.Boolean(), nullable=False),
        sa.Column("waiting_since", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["forum_id"], ["forum.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_discussion_course_id"), "discussion", ["course_id"], unique=False)
    op.create_index(
        "ix_discussion_forum_modified", "discussion", ["forum_id", "time_modified"], unique=False
    )
    op.create_index(
        "ix_discussion_waiting", "discussion", ["is_waiting", "waiting_since"], unique=False
    )

    op.create_table(
        "post",
        sa.Column("id", sa.Integer(), autoincrement=False, nullable=False),
        sa.Column("discussion_id", sa.Integer(), nullable=False),
        sa.Column("parent_id", sa.Integer(), nullable=True),
        sa.Column("subject", sa.String(length=500), nullable=False),
        sa.Column("message", sa.Text(), nullable=False),
        sa.Column("author_id", sa.Integer(), nullable=True),
        sa.Column("author_fullname", sa.String(length=255), nullable=False),
        sa.Column("time_created", sa.Integer(), nullable=True),
        sa.Column("time_modified", sa.Integer(), nullable=True),
        sa.Column("is_deleted", sa.Boolean(), nullable=False),
        sa.Column("is_private_reply", sa.Boolean(), nullable=False),
        sa.Column("has_attachments", sa.Boolean(), nullable=False),
        sa.ForeignKeyConstraint(["discussion_id"], ["discussion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("id"),
    )
    op.create_index(op.f("ix_post_discussion_id"), "post", ["discussion_id"], unique=False)

    op.create_table(
        "triage",
        sa.Column("discussion_id", sa.Integer(), nullable=False),
        sa.Column("dismissed_at", sa.Integer(), nullable=True),
        sa.Column("dismissed_reason", sa.String(length=500), nullable=True),
        sa.Column("dismissed_at_modified", sa.Integer(), nullable=True),
        sa.Column("snoozed_until", sa.Integer(), nullable=True),
        sa.Column("claimed_by", sa.String(length=255), nullable=True),
        sa.Column("claimed_at", sa.Integer(), nullable=True),
        sa.ForeignKeyConstraint(["discussion_id"], ["discussion.id"], ondelete="CASCADE"),
        sa.PrimaryKeyConstraint("discussion_id"),
    )


def downgrade() -> None:
    op.drop_table("triage")
    op.drop_index(op.f("ix_post_discussion_id"), table_name="post")

    op.drop_table("post")
    op.drop_index("ix_discussion_waiting", table_name="discussion")
    op.drop_index("ix_discussion_forum_modified", table_name="discussion")
    op.drop_index(op.f("ix_discussion_course_id"), table_name="discussion")

    op.drop_table("discussion")
    op.drop_table("participant")
    op.drop_index(op.f("ix_forum_course_id"), table_name="forum")

    op.drop_table("forum")
    op.drop_table("sync_cursor")
    op.drop_index(op.f("ix_outbox_state"), table_name="outbox")
    op.drop_index(op.f("ix_outbox_local_ref"), table_name="outbox")

    op.drop_table("outbox")
    op.drop_table("key_value")
    op.drop_table("course")
    op.drop_index(op.f("ix_audit_event_learner_id"), table_name="audit_event")
    op.drop_index(op.f("ix_audit_event_at"), table_name="audit_event")

    op.drop_table("audit_event")
    op.drop_table("account")
