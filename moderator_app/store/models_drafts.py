"""Text the moderator is still writing: a reply, a new discussion, a poll or a prompt.

Kept on disk as it is typed so that selecting another row, Esc, closing the app or a
crash loses nothing. A draft is keyed by what it is for: `kind` (see services/drafts.py)
and `target`, the id of the discussion, forum or local item as text.
"""

from __future__ import annotations

from sqlalchemy import Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from moderator_app.store.models import Base


class Draft(Base):
    """One unsent text; saving an empty text removes the row."""

    __tablename__ = "draft"

    kind: Mapped[str] = mapped_column(String(20), primary_key=True)
    target: Mapped[str] = mapped_column(String(64), primary_key=True)
    text: Mapped[str] = mapped_column(Text)
    updated_at: Mapped[int] = mapped_column(Integer)  # unix seconds of the last save
