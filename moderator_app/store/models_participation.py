"""The moderator's local choices for the participation view (nothing here is on the site)."""

from __future__ import annotations

from sqlalchemy import ForeignKey, Integer
from sqlalchemy.orm import Mapped, mapped_column

from moderator_app.store.models import Base


class IntroForum(Base):
    """The forum the moderator marked as a course's introductions forum (one per course)."""

    __tablename__ = "intro_forum"

    course_id: Mapped[int] = mapped_column(
        ForeignKey("course.id", ondelete="CASCADE"), primary_key=True, autoincrement=False
    )
    # No foreign key: a forum that disappears from the site leaves the mark unused, not an error.
    forum_id: Mapped[int] = mapped_column(Integer)
    marked_at: Mapped[int] = mapped_column(Integer)  # unix seconds
