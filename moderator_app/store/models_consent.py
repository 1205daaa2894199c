"""Tables of the consent register: consents, shares made under them, assigned pseudonyms.

Kept beside models.py (same Base) so the consent work has its own module and its own
migration (0003_consent). Times are unix seconds. No foreign key to course or
participant: a consent and its shares must outlive an unenrolment or a course that
disappears from the sync, because they are the evidence of what was done.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text, UniqueConstraint
from sqlalchemy.orm import Mapped, mapped_column

from moderator_app.store.models import Base, new_id


class Consent(Base):
    """One learner's consent for sharing (some of) their work in a course."""

    __tablename__ = "consent"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    course_id: Mapped[int] = mapped_column(Integer)
    learner_id: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(20))  # group | course | cohorts
    # None: all of the learner's work in the course; else one item, e.g. "post:123".
    item_ref: Mapped[str | None] = mapped_column(String(100), nullable=True)
    include_media: Mapped[bool] = mapped_column(Boolean, default=False)
    source: Mapped[str] = mapped_column(String(20))  # policy | message | form
    note: Mapped[str] = mapped_column(Text, default="")
    given_at: Mapped[int] = mapped_column(Integer)
    valid_until: Mapped[int | None] = mapped_column(Integer, nullable=True)
    withdrawn_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    withdrawn_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    recorded_by: Mapped[str] = mapped_column(String(255))
    recorded_at: Mapped[int] = mapped_column(Integer)

    __table_args__ = (Index("ix_consent_course_learner", "course_id", "learner_id"),)


class Share(Base):
    """A copy of learner work the app posted (or will post) under a consent."""

    __tablename__ = "consent_share"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    consent_id: Mapped[str] = mapped_column(ForeignKey("consent.id"), index=True)
    course_id: Mapped[int] = mapped_column(Integer)
    learner_id: Mapped[int] = mapped_column(Integer, index=True)
    source_post_id: Mapped[int] = mapped_column(Integer)
    scope: Mapped[str] = mapped_column(String(20))
    target_kind: Mapped[str] = mapped_column(String(20))  # discussion | reply
    target_course_id: Mapped[int] = mapped_column(Integer)
    target_forum_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_discussion_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    target_post_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    group_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    subject: Mapped[str] = mapped_column(String(500))
    anonymised_html: Mapped[str] = mapped_column(Text)
    outbox_id: Mapped[str] = mapped_column(String(36))
    created_at: Mapped[int] = mapped_column(Integer)
    created_by: Mapped[str] = mapped_column(String(255))
    retracted_at: Mapped[int | None] = mapped_column(Integer, nullable=True)
    retract_reason: Mapped[str | None] = mapped_column(String(30), nullable=True)
    retraction_outbox_id: Mapped[str | None] = mapped_column(String(36), nullable=True)


class PseudonymAssignment(Base):
    """The pseudonym a participant got in a course under one secret.

    Stored so a pseudonym never changes once given (a newcomer whose hash collides
    gets the suffix, not the person who had the name first). `key_id` identifies the
    secret (a keyed hash of a constant, never the secret): a new secret gives new rows.
    """

    __tablename__ = "pseudonym"

    course_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    key_id: Mapped[str] = mapped_column(String(32), primary_key=True)
    adjective: Mapped[int] = mapped_column(Integer)
    animal: Mapped[int] = mapped_column(Integer)
    suffix: Mapped[int] = mapped_column(Integer, default=1)  # 1: no suffix shown
    created_at: Mapped[int] = mapped_column(Integer)

    __table_args__ = (
        UniqueConstraint(
            "course_id", "key_id", "adjective", "animal", "suffix", name="uq_pseudonym_label"
        ),
    )
