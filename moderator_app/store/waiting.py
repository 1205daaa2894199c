"""The queue rule, computed in SQL: which discussions wait for a staff answer, since when.

A discussion waits when its last post is by a learner: someone with no teacher,
non-editing teacher or manager role in that course (participant.is_staff). The
account's own user is always staff. Age counts from the oldest learner post after
the last staff post.

Two sources, chosen per discussion:
- its posts, when they are synced (posts_synced_at_modified == time_modified):
  deleted posts are ignored, a private reply by staff is an answer, and "after"
  means a higher post id (ids grow with time on the platform, and never tie);
- otherwise the forum's list entry: waiting when the last poster is a learner,
  since `created` when nobody replied yet, else since `time_modified`.

is_waiting says the learner has the last word; a lock is kept apart (the `locked`
column, which a lock from the outbox sets before any refresh) and the queue leaves
locked discussions out of the waiting list (services/queue.py).

Every statement is a set-based UPDATE; nothing loops over rows in Python.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator, Sequence

from sqlalchemy import text
from sqlalchemy.orm import Session

CHUNK = 500


def _staff(user_column: str) -> str:
    """SQL: the user in `user_column` is staff in the discussion's course."""
    return (
        f"COALESCE({user_column} IN (SELECT user_id FROM account) OR EXISTS ("
        "SELECT 1 FROM participant pa WHERE pa.course_id = discussion.course_id"
        f" AND pa.user_id = {user_column} AND pa.is_staff = 1), 0)"
    )


_FROM_LIST = f"""
UPDATE discussion SET
    is_waiting = CASE WHEN {_staff("discussion.last_post_user_id")} THEN 0 ELSE 1 END,
    waiting_since = CASE
        WHEN {_staff("discussion.last_post_user_id")} THEN NULL
        WHEN num_replies = 0 THEN created
        ELSE time_modified
    END
WHERE posts_synced_at_modified != time_modified AND {{where}}
"""

# The oldest learner post after the last staff post; NULL when there is none.
_FROM_POSTS = f"""
UPDATE discussion SET waiting_since = (
    SELECT MIN(COALESCE(p.time_created, p.time_modified, discussion.time_modified))
    FROM post p
    WHERE p.discussion_id = discussion.id AND p.is_deleted = 0
      AND NOT {_staff("p.author_id")}
      AND p.id > COALESCE((
          SELECT MAX(s.id) FROM post s
          WHERE s.discussion_id = discussion.id AND s.is_deleted = 0
            AND {_staff("s.author_id")}
      ), 0)
)
WHERE posts_synced_at_modified = time_modified AND {{where}}
"""

_FLAG_FROM_POSTS = """
UPDATE discussion SET is_waiting = (waiting_since IS NOT NULL)
WHERE posts_synced_at_modified = time_modified AND {where}
"""


def _chunks(ids: Sequence[int]) -> Iterator[Sequence[int]]:
    for start in range(0, len(ids), CHUNK):
        yield ids[start : start + CHUNK]


def _run(session: Session, where: str, params: dict[str, int]) -> None:
    for template in (_FROM_LIST, _FROM_POSTS, _FLAG_FROM_POSTS):
        session.execute(text(template.format(where=where)), params)


def refresh_waiting(session: Session, discussion_ids: Iterable[int] | None = None) -> None:
    """Recompute is_waiting and waiting_since for these discussions (None: all of them)."""
    if discussion_ids is None:
        _run(session, "1 = 1", {})
        return
    ids = sorted(set(discussion_ids))
    for chunk in _chunks(ids):
        names = [f"d{i}" for i in range(len(chunk))]
        where = f"discussion.id IN ({', '.join(':' + n for n in names)})"
        _run(session, where, dict(zip(names, chunk, strict=True)))
