"""One discussion as the store holds it, for the headless `thread` command.

Plain values (no Qt, no SQLAlchemy objects) read in one short session. The text is
the posts' HTML as the site gave it; `as_text` makes a terminal-friendly copy.
"""

from __future__ import annotations

import html
import re
from dataclasses import dataclass

from sqlalchemy import select

from moderator_app.store import models as m
from moderator_app.store.db import Database

_TAG = re.compile(r"<[^>]*>")
_BLOCK_END = re.compile(r"</(p|div|li|h[1-6]|blockquote)>|<br\s*/?>", re.IGNORECASE)


@dataclass(frozen=True)
class StoredPost:
    id: int
    parent_id: int | None
    subject: str
    message_html: str
    author_id: int | None
    author_fullname: str
    time_created: int | None
    time_modified: int | None
    is_deleted: bool
    is_private_reply: bool


@dataclass(frozen=True)
class StoredThread:
    discussion_id: int
    course_name: str
    forum_name: str
    subject: str
    locked: bool
    is_waiting: bool
    # The posts are older than the discussion's last change (not read since).
    stale: bool
    posts: tuple[StoredPost, ...]


def load_stored_thread(db: Database, discussion_id: int) -> StoredThread | None:
    """The thread as stored now; None when this discussion is not in the store."""
    with db.session() as s:
        d = s.get(m.Discussion, discussion_id)
        if d is None:
            return None
        forum = s.get(m.Forum, d.forum_id)
        course = s.get(m.Course, d.course_id)
        rows = s.scalars(
            select(m.Post)
            .where(m.Post.discussion_id == discussion_id)
            .order_by(m.Post.time_created.is_(None), m.Post.time_created, m.Post.id)
        ).all()
        posts = tuple(
            StoredPost(
                id=p.id,
                parent_id=p.parent_id,
                subject=p.subject,
                message_html=p.message,
                author_id=p.author_id,
                author_fullname=p.author_fullname,
                time_created=p.time_created,
                time_modified=p.time_modified,
                is_deleted=p.is_deleted,
                is_private_reply=p.is_private_reply,
            )
            for p in rows
        )
        return StoredThread(
            discussion_id=d.id,
            course_name=course.fullname if course is not None else "",
            forum_name=forum.name if forum is not None else "",
            subject=d.subject,
            locked=d.locked,
            is_waiting=d.is_waiting and not d.locked,
            stale=d.posts_synced_at_modified != d.time_modified,
            posts=posts,
        )


def as_text(message_html: str) -> str:
    """HTML to plain lines for a terminal: tags dropped, paragraphs kept apart."""
    text = _BLOCK_END.sub("\n", message_html)
    text = html.unescape(_TAG.sub("", text))
    return "\n".join(line.strip() for line in text.splitlines() if line.strip())
