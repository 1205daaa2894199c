"""A discussion's posts as plain values, and as one HTML page for the reading pane.

The store is read in one short session and turned into frozen dataclasses, so no
SQLAlchemy object outlives its session or crosses into the widgets.
"""

from __future__ import annotations

from dataclasses import dataclass
from html import escape

from PySide6.QtCore import QCoreApplication
from sqlalchemy import select

from moderator_app.gui.dates import format_datetime
from moderator_app.store import models


@dataclass(frozen=True)
class PostView:
    id: int
    parent_id: int | None
    subject: str
    message_html: str
    author_fullname: str
    time_created: int | None
    is_deleted: bool
    is_private_reply: bool
    has_attachments: bool


@dataclass(frozen=True)
class ThreadView:
    discussion_id: int
    subject: str
    first_post_id: int
    stale: bool  # the posts in the store are older than the discussion's last change
    posts: tuple[PostView, ...]


def load_thread(db: object, discussion_id: int) -> ThreadView | None:
    """The thread as the store has it now; None when the discussion is gone."""
    with db.session() as session:  # type: ignore[attr-defined]
        discussion = session.get(models.Discussion, discussion_id)
        if discussion is None:
            return None
        rows = session.scalars(
            select(models.Post)
            .where(models.Post.discussion_id == discussion_id)
            .order_by(models.Post.time_created.is_(None), models.Post.time_created, models.Post.id)
        ).all()
        posts = tuple(
            PostView(
                id=row.id,
                parent_id=row.parent_id,
                subject=row.subject,
                message_html=row.message,
                author_fullname=row.author_fullname,
                time_created=row.time_created,
                is_deleted=row.is_deleted,
                is_private_reply=row.is_private_reply,
                has_attachments=row.has_attachments,
            )
            for row in rows
        )
        stale = discussion.posts_synced_at_modified != discussion.time_modified
        if not posts:
            # Posts not fetched yet: the list already gave us the first post.
            posts = (
                PostView(
                    id=discussion.first_post_id,
                    parent_id=None,
                    subject=discussion.subject,
                    message_html=discussion.message,
                    author_fullname=discussion.author_fullname or "",
                    time_created=discussion.created,
                    is_deleted=False,
                    is_private_reply=False,
                    has_attachments=False,
                ),
            )
            stale = True
        return ThreadView(
            discussion_id=discussion.id,
            subject=discussion.subject,
            first_post_id=discussion.first_post_id,
            stale=stale,
            posts=posts,
        )


def _tr(text: str) -> str:
    return QCoreApplication.translate("ThreadView", text)


def _depths(posts: tuple[PostView, ...]) -> dict[int, int]:
    by_id = {post.id: post for post in posts}
    depths: dict[int, int] = {}
    for post in posts:
        depth, parent, seen = 0, post.parent_id, set()
        while parent in by_id and parent not in seen and depth < 6:
            seen.add(parent)
            depth += 1
            parent = by_id[parent].parent_id
        depths[post.id] = depth
    return depths


def thread_html(thread: ThreadView) -> str:
    """One HTML page: every post with its author and time, replies indented."""
    depths = _depths(thread.posts)
    parts: list[str] = []
    for post in thread.posts:
        indent = min(depths.get(post.id, 0), 4) * 24
        when = format_datetime(post.time_created)
        notes = []
        if post.is_private_reply:
            notes.append(_tr("private reply"))
        if post.has_attachments:
            notes.append(_tr("has attachments (open it on the site)"))
        note = f" <i>({escape(', '.join(notes))})</i>" if notes else ""
        body = (
            f"<p><i>{escape(_tr('This post was deleted.'))}</i></p>"
            if post.is_deleted
            else post.message_html
        )
        parts.append(
            f'<div style="margin-left:{indent}px">'
            f"<p><b>{escape(post.author_fullname)}</b>"
            f" <span style='color:gray'>{escape(when)}</span>{note}</p>"
            f"{body}</div><hr>"
        )
    return "".join(parts)
