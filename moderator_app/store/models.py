"""The local store's tables (SQLAlchemy 2.0 typed models).

One SQLite file per account, so rows need no account column. Platform ids are
kept as the platform gives them (int primary keys); rows the app creates itself
(outbox items, audit events, drafts) get UUID strings. Times are unix seconds.

Schema changes go through Alembic migrations (store/migrations); a test checks
the migrations and these models describe the same schema.
"""

from __future__ import annotations

import uuid

from sqlalchemy import (
    Boolean,
    ForeignKey,
    Index,
    Integer,
    String,
    Text,
    false,
)
from sqlalchemy.orm import DeclarativeBase, Mapped, mapped_column


def new_id() -> str:
    return str(uuid.uuid4())


class Base(DeclarativeBase):
    pass


class Account(Base):
    """Who this database belongs to. Never holds the token: that is in the keyring."""

    __tablename__ = "account"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    site_url: Mapped[str] = mapped_column(String(500))
    username: Mapped[str] = mapped_column(String(255))
    user_id: Mapped[int] = mapped_column(Integer)
    fullname: Mapped[str] = mapped_column(String(255), default="")
    site_name: Mapped[str] = mapped_column(String(255), default="")
    # Space-separated web-service functions the token may call (capabilities).
    functions: Mapped[str] = mapped_column(Text, default="")
    created_at: Mapped[int] = mapped_column(Integer)


class Course(Base):
    __tablename__ = "course"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    shortname: Mapped[str] = mapped_column(String(255))
    fullname: Mapped[str] = mapped_column(String(500))
    visible: Mapped[bool] = mapped_column(Boolean, default=True)


class Participant(Base):
    """A person in a course, with their roles there (staff or learner)."""

    __tablename__ = "participant"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    fullname: Mapped[str] = mapped_column(String(255))
    username: Mapped[str] = mapped_column(String(255), default="")
    email: Mapped[str] = mapped_column(String(255), default="")
    roles: Mapped[str] = mapped_column(String(255), default="")  # space-separated shortnames
    is_staff: Mapped[bool] = mapped_column(Boolean, default=False)
    group_ids: Mapped[str] = mapped_column(String(500), default="")  # space-separated ids
    # From the same enrolled-users answer (no extra request); None = the site hides it.
    # Unix seconds, 0 = never (migration 0011).
    last_access: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_course_access: Mapped[int | None] = mapped_column(Integer, nullable=True)


class Forum(Base):
    __tablename__ = "forum"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    course_id: Mapped[int] = mapped_column(ForeignKey("course.id", ondelete="CASCADE"), index=True)
    cmid: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    type: Mapped[str] = mapped_column(String(30))
    intro: Mapped[str] = mapped_column(Text, default="")
    num_discussions: Mapped[int] = mapped_column(Integer, default=0)
    can_create_discussions: Mapped[bool] = mapped_column(Boolean, default=True)
    time_modified: Mapped[int] = mapped_column(Integer, default=0)


class Discussion(Base):
    """A discussion as the forum's list shows it, plus what the queue derives from it.

    `is_waiting` and `waiting_since` are derived (see store/waiting.py) and kept
    in columns so the queue sorts and filters in SQL at 100,000 rows.
    """

    __tablename__ = "discussion"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    forum_id: Mapped[int] = mapped_column(ForeignKey("forum.id", ondelete="CASCADE"))
    course_id: Mapped[int] = mapped_column(Integer, index=True)
    first_post_id: Mapped[int] = mapped_column(Integer)
    name: Mapped[str] = mapped_column(String(500))
    subject: Mapped[str] = mapped_column(String(500))
    message: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_fullname: Mapped[str | None] = mapped_column(String(255), nullable=True)
    created: Mapped[int] = mapped_column(Integer)
    time_modified: Mapped[int] = mapped_column(Integer)
    last_post_user_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    last_post_user_fullname: Mapped[str | None] = mapped_column(String(255), nullable=True)
    num_replies: Mapped[int] = mapped_column(Integer, default=0)
    group_id: Mapped[int] = mapped_column(Integer, default=-1)
    pinned: Mapped[bool] = mapped_column(Boolean, default=False)
    locked: Mapped[bool] = mapped_column(Boolean, default=False)
    time_locked: Mapped[int] = mapped_column(Integer, default=0)
    can_reply: Mapped[bool] = mapped_column(Boolean, default=True)
    can_lock: Mapped[bool] = mapped_column(Boolean, default=False)
    # time_modified of the discussion when its posts were last fetched; posts are
    # stale while this differs from time_modified.
    posts_synced_at_modified: Mapped[int] = mapped_column(Integer, default=0)
    is_waiting: Mapped[bool] = mapped_column(Boolean, default=False)
    waiting_since: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # The list entry asks something (store/upsert.py asks()): "questions only" reads this.
    asks: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())

    __table_args__ = (
        Index("ix_discussion_forum_modified", "forum_id", "time_modified"),
        Index("ix_discussion_waiting", "is_waiting", "waiting_since"),
        # One per queue sort (migration 0006): every page is an index range read.
        Index("ix_discussion_queue_age", "is_waiting", "locked", "waiting_since"),
        Index("ix_discussion_queue_subject", "is_waiting", "locked", "subject"),
        Index("ix_discussion_queue_learner", "is_waiting", "locked", "last_post_user_fullname"),
        Index("ix_discussion_queue_replies", "is_waiting", "locked", "num_replies"),
    )


class Post(Base):
    __tablename__ = "post"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussion.id", ondelete="CASCADE"), index=True
    )
    parent_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(String(500))
    message: Mapped[str] = mapped_column(Text, default="")
    author_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    author_fullname: Mapped[str] = mapped_column(String(255), default="")
    time_created: Mapped[int | None] = mapped_column(Integer, nullable=True)
    time_modified: Mapped[int | None] = mapped_column(Integer, nullable=True)
    is_deleted: Mapped[bool] = mapped_column(Boolean, default=False)
    is_private_reply: Mapped[bool] = mapped_column(Boolean, default=False)
    has_attachments: Mapped[bool] = mapped_column(Boolean, default=False)
    # The message was longer than limits.MAX_POST_HTML_CHARS and is kept cut: the rest
    # is on the site (the thread view links there).
    truncated: Mapped[bool] = mapped_column(Boolean, default=False, server_default=false())


class Triage(Base):
    """The moderator's local decisions about a waiting discussion."""

    __tablename__ = "triage"

    discussion_id: Mapped[int] = mapped_column(
        ForeignKey("discussion.id", ondelete="CASCADE"), primary_key=True
    )
    # Dismissed until something new is posted: the discussion's time_modified at dismissal.
    dismissed_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    dismissed_reason: Mapped[str | None] = mapped_column(String(500), nullable=True)
    dismissed_at_modified: Mapped[int | None] = mapped_column(Integer, nullable=True)
    snoozed_until: Mapped[int | None] = mapped_column(Integer, nullable=True)
    claimed_by: Mapped[str | None] = mapped_column(String(255), nullable=True)
    claimed_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


class OutboxItem(Base):
    """A write the moderator asked for, waiting to reach the platform.

    Written in the same transaction as its local effect, before any request.
    States: pending -> sending -> done | failed_retryable | failed_needs_attention.
    """

    __tablename__ = "outbox"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    kind: Mapped[str] = mapped_column(String(30))  # reply, discussion, lock, pin, delete, poll, ...
    payload: Mapped[str] = mapped_column(Text)  # JSON of the request's parameters
    state: Mapped[str] = mapped_column(String(30), default="pending", index=True)
    # Items with the same ordering key are sent strictly in order (per discussion).
    ordering_key: Mapped[str | None] = mapped_column(String(100), nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)
    not_before: Mapped[int] = mapped_column(Integer, default=0)  # scheduled posts, backoff
    attempts: Mapped[int] = mapped_column(Integer, default=0)
    last_error: Mapped[str | None] = mapped_column(Text, nullable=True)
    last_error_code: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # What the platform gave back when done (post id, discussion id, cmid), as text.
    result_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    # The local thing this item belongs to (poll draft id, share id), for the UI.
    local_ref: Mapped[str | None] = mapped_column(String(100), nullable=True, index=True)
    # What it acts on (sync/outbox_kinds.Target): a discussion, forum or user; None for
    # a poll (its draft is local_ref). Migration 0015 filled these for older rows.
    target_type: Mapped[str | None] = mapped_column(String(30), nullable=True)
    target_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    # When the push last claimed it (0: never). A send that got no answer can still land
    # until claimed_at + SEND_SETTLE_SECONDS: nothing may look for it before then.
    claimed_at: Mapped[int] = mapped_column(Integer, default=0, server_default="0")

    __table_args__ = (Index("ix_outbox_target", "target_type", "target_id"),)


class SyncCursor(Base):
    """How far a forum (or other list) has been pulled."""

    __tablename__ = "sync_cursor"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)  # e.g. "forum:12"
    last_time_modified: Mapped[int] = mapped_column(Integer, default=0)
    last_full_reconcile: Mapped[int] = mapped_column(Integer, default=0)
    last_synced_at: Mapped[int] = mapped_column(Integer, default=0)


class AuditEvent(Base):
    """Something that touched a learner's data or work: shares, consent, reveals, dismissals."""

    __tablename__ = "audit_event"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    at: Mapped[int] = mapped_column(Integer, index=True)
    actor: Mapped[str] = mapped_column(String(255))  # the moderator's username
    kind: Mapped[str] = mapped_column(String(50))
    course_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    learner_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    detail: Mapped[str] = mapped_column(Text, default="{}")  # JSON


class KeyValue(Base):
    """Small per-account state (last sync time, seen-waiting ids for notifications)."""

    __tablename__ = "key_value"

    key: Mapped[str] = mapped_column(String(100), primary_key=True)
    value: Mapped[str] = mapped_column(Text)
