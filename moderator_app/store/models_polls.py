"""The store's poll tables: drafts the moderator prepares, and Choice activities pulled
from the platform with their results.

Drafts are local (UUID ids) and may be invalid while being edited: validation lives in
services/polls.py, so columns here are lenient (Text for the question, no CHECKs).
Platform rows keep the platform's ids. Times are unix seconds; 0 means "not set".
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column, relationship

from moderator_app.store.models import Base, new_id

# Draft states (see services/polls.py for the transitions).
DRAFT = "draft"
WAITING = "waiting"
PUBLISHED = "published"
FAILED = "failed"
DRAFT_STATES = (DRAFT, WAITING, PUBLISHED, FAILED)


class PollDraft(Base):
    __tablename__ = "poll_draft"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    question: Mapped[str] = mapped_column(Text, default="")
    description: Mapped[str] = mapped_column(Text, default="")
    allow_multiple: Mapped[bool] = mapped_column(Boolean, default=False)
    limit_answers: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_update: Mapped[bool] = mapped_column(Boolean, default=False)
    show_results: Mapped[int] = mapped_column(Integer, default=1)  # CHOICE_SHOWRESULTS_* 0..3
    publish_names: Mapped[bool] = mapped_column(Boolean, default=False)
    show_unanswered: Mapped[bool] = mapped_column(Boolean, default=False)
    time_open: Mapped[int] = mapped_column(Integer, default=0)
    time_close: Mapped[int] = mapped_column(Integer, default=0)
    course_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    section: Mapped[int] = mapped_column(Integer, default=0)
    state: Mapped[str] = mapped_column(String(20), default=DRAFT, index=True)
    failure_reason: Mapped[str | None] = mapped_column(Text, nullable=True)
    cmid: Mapped[int | None] = mapped_column(Integer, nullable=True)
    choice_id: Mapped[int | None] = mapped_column(Integer, nullable=True)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)

    options: Mapped[list[PollDraftOption]] = relationship(
        back_populates="draft",
        order_by="PollDraftOption.position",
        cascade="all, delete-orphan",
        passive_deletes=True,
    )


class PollDraftOption(Base):
    __tablename__ = "poll_draft_option"

    draft_id: Mapped[str] = mapped_column(
        ForeignKey("poll_draft.id", ondelete="CASCADE"), primary_key=True
    )
    position: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    text: Mapped[str] = mapped_column(Text, default="")
    max_answers: Mapped[int] = mapped_column(Integer, default=0)

    draft: Mapped[PollDraft] = relationship(back_populates="options")


class PollChoice(Base):
    """A Choice activity on the platform (published by us or found in a course)."""

    __tablename__ = "poll_choice"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    cmid: Mapped[int] = mapped_column(Integer)
    course_id: Mapped[int] = mapped_column(Integer, index=True)
    name: Mapped[str] = mapped_column(Text)
    intro: Mapped[str] = mapped_column(Text, default="")
    section: Mapped[int] = mapped_column(Integer, default=0)
    visible: Mapped[bool] = mapped_column(Boolean, default=True)
    publish_names: Mapped[bool] = mapped_column(Boolean, default=False)
    show_results: Mapped[int] = mapped_column(Integer, default=1)
    allow_update: Mapped[bool] = mapped_column(Boolean, default=False)
    allow_multiple: Mapped[bool] = mapped_column(Boolean, default=False)
    limit_answers: Mapped[bool] = mapped_column(Boolean, default=False)
    time_open: Mapped[int] = mapped_column(Integer, default=0)
    time_close: Mapped[int] = mapped_column(Integer, default=0)
    time_modified: Mapped[int] = mapped_column(Integer, default=0)
    # When results were last stored (0: never); results rows are exactly that fetch.
    results_fetched_at: Mapped[int] = mapped_column(Integer, default=0)


class PollChoiceOption(Base):
    """One option of a Choice with its count at the last results fetch."""

    __tablename__ = "poll_choice_option"

    id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    choice_id: Mapped[int] = mapped_column(ForeignKey("poll_choice.id", ondelete="CASCADE"))
    position: Mapped[int] = mapped_column(Integer)
    text: Mapped[str] = mapped_column(Text)
    max_answers: Mapped[int] = mapped_column(Integer, default=0)
    count: Mapped[int] = mapped_column(Integer, default=0)

    __table_args__ = (Index("ix_poll_choice_option_choice", "choice_id", "position"),)


class PollChoiceResponse(Base):
    """Who chose what, only stored when the platform showed names to this account."""

    __tablename__ = "poll_choice_response"

    option_id: Mapped[int] = mapped_column(
        ForeignKey("poll_choice_option.id", ondelete="CASCADE"), primary_key=True
    )
    user_id: Mapped[int] = mapped_column(Integer, primary_key=True, autoincrement=False)
    choice_id: Mapped[int] = mapped_column(
        ForeignKey("poll_choice.id", ondelete="CASCADE"), index=True
    )
    fullname: Mapped[str] = mapped_column(String(255), default="")
    time_modified: Mapped[int] = mapped_column(Integer, default=0)


__all__ = [
    "DRAFT",
    "DRAFT_STATES",
    "FAILED",
    "PUBLISHED",
    "WAITING",
    "PollChoice",
    "PollChoiceOption",
    "PollChoiceResponse",
    "PollDraft",
    "PollDraftOption",
    "new_id",
]
