"""The course's introductions forum: which one it is, and who has introduced themselves.

The moderator marks the forum (kept locally, nothing changes on the site); until then
the app suggests one by its name. A learner has introduced themselves when they started
a discussion or posted anywhere in that forum (in a single-discussion forum the
introductions are replies).
"""

from __future__ import annotations

import unicodedata

from sqlalchemy import delete, select, union
from sqlalchemy.orm import Session

from moderator_app.store.models import Discussion, Forum, Participant, Post
from moderator_app.store.models_participation import IntroForum

# Lower-case, accent-free fragments of the names course designers give such forums.
NAME_HINTS: tuple[str, ...] = (
    "introduc",  # Introductions, Introduce yourself
    "introductie",
    "get to know",
    "meet each other",
    "kennismak",  # Kennismaking, Kennismaken
    "voorstel",  # Voorstellen, Voorstelrondje
    "stel je voor",
    "stel jezelf voor",
)


def _plain(text: str) -> str:
    decomposed = unicodedata.normalize("NFKD", text)
    return "".join(c for c in decomposed if not unicodedata.combining(c)).casefold()


def looks_like_introductions(name: str) -> bool:
    plain = " ".join(_plain(name).split())
    return any(hint in plain for hint in NAME_HINTS)


def suggested_forum(session: Session, course_id: int) -> int | None:
    """The course's first forum whose name reads as an introductions forum (never news)."""
    forums = session.execute(
        select(Forum.id, Forum.name)
        .where(Forum.course_id == course_id, Forum.type != "news")
        .order_by(Forum.id)
    )
    return next((fid for fid, name in forums if looks_like_introductions(name)), None)


def marked_forum(session: Session, course_id: int) -> int | None:
    row = session.get(IntroForum, course_id)
    return row.forum_id if row is not None else None


def mark_forum(session: Session, course_id: int, forum_id: int, *, now: int) -> None:
    """Make `forum_id` the course's introductions forum (replacing an earlier mark)."""
    forum = session.get(Forum, forum_id)
    if forum is None or forum.course_id != course_id:
        raise ValueError(f"forum {forum_id} is not a forum of course {course_id}")
    row = session.get(IntroForum, course_id)
    if row is None:
        session.add(IntroForum(course_id=course_id, forum_id=forum_id, marked_at=now))
    else:
        row.forum_id = forum_id
        row.marked_at = now


def clear_mark(session: Session, course_id: int) -> None:
    session.execute(delete(IntroForum).where(IntroForum.course_id == course_id))


def introduced(session: Session, course_id: int) -> set[int] | None:
    """Users who posted in the marked introductions forum; None when none is marked."""
    forum_id = marked_forum(session, course_id)
    if forum_id is None:
        return None
    starters = select(Discussion.author_id.label("user_id")).where(
        Discussion.forum_id == forum_id, Discussion.author_id.is_not(None)
    )
    posters = (
        select(Post.author_id.label("user_id"))
        .join(Discussion, Discussion.id == Post.discussion_id)
        .where(
            Discussion.forum_id == forum_id,
            Post.author_id.is_not(None),
            Post.is_deleted.is_(False),
        )
    )
    return {int(uid) for uid in session.scalars(union(starters, posters)) if uid is not None}


def not_introduced(session: Session, course_id: int) -> list[int] | None:
    """Learners of the course who have not posted in its introductions forum (None: unmarked)."""
    done = introduced(session, course_id)
    if done is None:
        return None
    learners = session.scalars(
        select(Participant.user_id)
        .where(Participant.course_id == course_id, Participant.is_staff.is_(False))
        .order_by(Participant.user_id)
    )
    return [uid for uid in learners if uid not in done]
