"""What works: replies and distinct learners after each posted prompt, from synced data.

For a use whose discussion is known: the learners' replies in that discussion (posts
other than the opener, not deleted, by someone with no staff role in the course and
not the account itself), counted in the first 72 hours after the discussion started
and in total; then averaged per prompt and per kind. All of it in SQL.

A use counts as measured once the discussion's posts have been synced at least once;
until then its figures are not known (rather than zero).
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass

from sqlalchemy import text
from sqlalchemy.orm import Session

from moderator_app.store.db import Database

WINDOW = 72 * 3600

_LEARNER = """
    p.author_id IS NOT NULL
    AND p.author_id NOT IN (SELECT user_id FROM account)
    AND NOT EXISTS (
        SELECT 1 FROM participant pa
        WHERE pa.course_id = u.course_id AND pa.user_id = p.author_id AND pa.is_staff = 1
    )
"""

# One row per posted use whose discussion's posts have been synced.
USE_STATS = f"""
SELECT u.id AS use_id, u.prompt_id AS prompt_id, pr.kind AS kind,
       (SELECT name FROM forum WHERE forum.id = u.forum_id) AS forum_name,
       COALESCE(d.created, u.posted_at) AS started,
       COUNT(p.id) AS replies,
       COUNT(DISTINCT p.author_id) AS learners,
       COALESCE(SUM(p.time_created <= COALESCE(d.created, u.posted_at) + {WINDOW}), 0)
           AS replies_72h,
       COUNT(DISTINCT CASE WHEN p.time_created <= COALESCE(d.created, u.posted_at) + {WINDOW}
                           THEN p.author_id END) AS learners_72h
FROM prompt_use u
JOIN prompt pr ON pr.id = u.prompt_id
JOIN discussion d ON d.id = u.discussion_id AND d.posts_synced_at_modified > 0
LEFT JOIN post p ON p.discussion_id = u.discussion_id AND p.is_deleted = 0
    AND p.parent_id IS NOT NULL AND {_LEARNER}
GROUP BY u.id
"""

# One row per prompt with at least one measured use.
PROMPT_STATS = f"""
SELECT prompt_id, COUNT(*) AS uses,
       AVG(replies_72h) AS avg_replies_72h, AVG(learners_72h) AS avg_learners_72h,
       AVG(replies) AS avg_replies, AVG(learners) AS avg_learners
FROM ({USE_STATS}) GROUP BY prompt_id
"""


@dataclass(frozen=True)
class UseStats:
    use_id: str
    prompt_id: str
    kind: str
    forum_name: str
    started: int
    replies: int
    learners: int
    replies_72h: int
    learners_72h: int
    window_open: bool  # fewer than 72 h since it started: the 72 h figures still grow


@dataclass(frozen=True)
class Aggregate:
    """Averages per use over the measured uses of a prompt or a kind."""

    key: str  # prompt id or kind
    uses: int
    avg_replies_72h: float
    avg_learners_72h: float
    avg_replies: float
    avg_learners: float


class PromptStats:
    def __init__(self, db: Database, now: Callable[[], int]) -> None:
        self.db = db
        self.now = now

    def per_use(self, prompt_id: str | None = None) -> list[UseStats]:
        now = self.now()
        where = "WHERE prompt_id = :prompt" if prompt_id else ""
        sql = f"SELECT * FROM ({USE_STATS}) {where} ORDER BY started DESC"
        with self.db.session() as s:
            rows = s.execute(text(sql), {"prompt": prompt_id}).mappings().all()
        return [
            UseStats(
                use_id=r["use_id"],
                prompt_id=r["prompt_id"],
                kind=r["kind"],
                forum_name=r["forum_name"] or "",
                started=int(r["started"] or 0),
                replies=int(r["replies"]),
                learners=int(r["learners"]),
                replies_72h=int(r["replies_72h"]),
                learners_72h=int(r["learners_72h"]),
                window_open=now < int(r["started"] or 0) + WINDOW,
            )
            for r in rows
        ]

    def per_prompt(self) -> dict[str, Aggregate]:
        with self.db.session() as s:
            return _aggregates(s, PROMPT_STATS, "prompt_id")

    def per_kind(self) -> dict[str, Aggregate]:
        sql = f"""
        SELECT kind, COUNT(*) AS uses,
               AVG(replies_72h) AS avg_replies_72h, AVG(learners_72h) AS avg_learners_72h,
               AVG(replies) AS avg_replies, AVG(learners) AS avg_learners
        FROM ({USE_STATS}) GROUP BY kind
        """
        with self.db.session() as s:
            return _aggregates(s, sql, "kind")


def _aggregates(s: Session, sql: str, key: str) -> dict[str, Aggregate]:
    out: dict[str, Aggregate] = {}
    for r in s.execute(text(sql)).mappings():
        out[r[key]] = Aggregate(
            key=r[key],
            uses=int(r["uses"]),
            avg_replies_72h=float(r["avg_replies_72h"]),
            avg_learners_72h=float(r["avg_learners_72h"]),
            avg_replies=float(r["avg_replies"]),
            avg_learners=float(r["avg_learners"]),
        )
    return out
