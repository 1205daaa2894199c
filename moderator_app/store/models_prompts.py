"""Tables of the prompt library: prompts, their texts per language, tags, and each use.

Kept beside models.py (same Base) with its own migration (0004_prompts). A prompt is
local (UUID id); seeded ones carry the stable `seed_id` of resources/prompts, so
seeding is idempotent and an edit or archive by the moderator is never undone.
A use links to its outbox item through the item's local_ref ("prompt-use:<id>") and
learns its discussion id once the item is done. Times are unix seconds.
"""

from __future__ import annotations

from sqlalchemy import Boolean, ForeignKey, Index, Integer, String, Text
from sqlalchemy.orm import Mapped, mapped_column

from moderator_app.store.models import Base, new_id

ORIGIN_SEED = "seed"
ORIGIN_OWN = "own"
ORIGIN_IMPORT = "import"


class Prompt(Base):
    __tablename__ = "prompt"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    seed_id: Mapped[str | None] = mapped_column(String(100), nullable=True, unique=True)
    kind: Mapped[str] = mapped_column(String(30), index=True)
    origin: Mapped[str] = mapped_column(String(20), default=ORIGIN_OWN)
    archived: Mapped[bool] = mapped_column(Boolean, default=False)
    created_at: Mapped[int] = mapped_column(Integer)
    updated_at: Mapped[int] = mapped_column(Integer)


class PromptText(Base):
    """The prompt in one language; its languages are the rows it has here."""

    __tablename__ = "prompt_text"

    prompt_id: Mapped[str] = mapped_column(
        ForeignKey("prompt.id", ondelete="CASCADE"), primary_key=True
    )
    lang: Mapped[str] = mapped_column(String(10), primary_key=True)
    title: Mapped[str] = mapped_column(String(500))
    body: Mapped[str] = mapped_column(Text)  # plain text with {placeholders}


class PromptTag(Base):
    __tablename__ = "prompt_tag"

    prompt_id: Mapped[str] = mapped_column(
        ForeignKey("prompt.id", ondelete="CASCADE"), primary_key=True
    )
    tag: Mapped[str] = mapped_column(String(60), primary_key=True)

    __table_args__ = (Index("ix_prompt_tag_tag", "tag"),)


class PromptUse(Base):
    """A prompt posted (or scheduled) in a forum: the evidence of what works."""

    __tablename__ = "prompt_use"

    id: Mapped[str] = mapped_column(String(36), primary_key=True, default=new_id)
    prompt_id: Mapped[str] = mapped_column(ForeignKey("prompt.id"), index=True)
    lang: Mapped[str] = mapped_column(String(10))
    course_id: Mapped[int] = mapped_column(Integer, index=True)
    forum_id: Mapped[int] = mapped_column(Integer)
    subject: Mapped[str] = mapped_column(String(500))
    created_at: Mapped[int] = mapped_column(Integer)  # when the moderator queued it
    scheduled_for: Mapped[int] = mapped_column(Integer, default=0)  # 0: post now
    discussion_id: Mapped[int | None] = mapped_column(Integer, nullable=True, index=True)
    posted_at: Mapped[int | None] = mapped_column(Integer, nullable=True)


def use_ref(use_id: str) -> str:
    """The outbox item's local_ref for a use."""
    return f"prompt-use:{use_id}"


__all__ = [
    "ORIGIN_IMPORT",
    "ORIGIN_OWN",
    "ORIGIN_SEED",
    "Prompt",
    "PromptTag",
    "PromptText",
    "PromptUse",
    "use_ref",
]
