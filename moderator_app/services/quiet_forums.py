"""Quiet forums: where learners have stopped talking, and prompts that could restart it.

A forum is quiet when no learner has posted in it for `days` days (or never), or
when fewer than `min_posters` distinct learners posted in the last 7 days. A learner
is anyone with no staff role in the course who is not the account itself. What the
store knows of learner activity: synced posts, plus the discussion lists (who
started each discussion and when, who posted last and when), so a forum whose posts
were never fetched still counts. News forums are left out (nobody replies there).
"""

from __future__ import annotations

from dataclasses import dataclass

from sqlalchemy import text

from moderator_app.services import prompt_rules as r
from moderator_app.services.prompt_stats import PROMPT_STATS
from moderator_app.store.db import Database

DAY = 86400
WEEK = 7 * DAY

_NOT_STAFF = """
    e.user_id IS NOT NULL
    AND e.user_id NOT IN (SELECT user_id FROM account)
    AND NOT EXISTS (SELECT 1 FROM participant pa WHERE pa.course_id = e.course_id
                    AND pa.user_id = e.user_id AND pa.is_staff = 1)
"""

_QUIET = f"""
WITH events AS (
    SELECT d.forum_id, d.course_id, p.author_id AS user_id,
           COALESCE(p.time_created, p.time_modified) AS at
    FROM post p JOIN discussion d ON d.id = p.discussion_id
    WHERE p.is_deleted = 0
    UNION ALL
    SELECT forum_id, course_id, author_id, created FROM discussion
    UNION ALL
    SELECT forum_id, course_id, last_post_user_id, time_modified FROM discussion
),
activity AS (
    SELECT e.forum_id, MAX(e.at) AS last_at,
           COUNT(DISTINCT CASE WHEN e.at >= :week_ago THEN e.user_id END) AS posters
    FROM events e WHERE {_NOT_STAFF}
    GROUP BY e.forum_id
)
SELECT f.id AS forum_id, f.course_id, c.fullname AS course_name, f.name AS forum_name,
       f.can_create_discussions AS can_post, a.last_at, COALESCE(a.posters, 0) AS posters
FROM forum f
JOIN course c ON c.id = f.course_id
LEFT JOIN activity a ON a.forum_id = f.id
WHERE f.type != 'news'
  AND (a.last_at IS NULL OR a.last_at < :quiet_before OR COALESCE(a.posters, 0) < :min_posters)
ORDER BY COALESCE(a.last_at, 0), COALESCE(a.posters, 0), c.fullname, f.name
"""

# Kinds that fit each reason, best first.
FIT_NEVER = (r.INTRODUCTION, r.STATEMENT, r.REFLECTION)
FIT_SILENT = (r.STATEMENT, r.CASE, r.PRACTICE_TRANSFER, r.REFLECTION)
FIT_FEW = (r.PEER_FEEDBACK, r.STATEMENT, r.PRACTICE_TRANSFER, r.CASE)


@dataclass(frozen=True)
class QuietForum:
    forum_id: int
    course_id: int
    course_name: str
    forum_name: str
    last_learner_post: int | None  # None: no learner has ever posted
    posters_last_week: int
    silent: bool  # no learner post for the set number of days (or never)
    few_posters: bool
    can_post: bool  # the forum lets this account start a discussion

    @property
    def fitting_kinds(self) -> tuple[str, ...]:
        if self.last_learner_post is None:
            return FIT_NEVER
        return FIT_SILENT if self.silent else FIT_FEW


@dataclass(frozen=True)
class Suggestion:
    prompt_id: str
    kind: str
    title: str
    used_in_course: int  # times already posted in this course
    avg_learners_72h: float | None


def find_quiet(db: Database, now: int, *, days: int, min_posters: int) -> list[QuietForum]:
    params = {"week_ago": now - WEEK, "quiet_before": now - days * DAY, "min_posters": min_posters}
    with db.session() as s:
        rows = s.execute(text(_QUIET), params).mappings().all()
    out = []
    for row in rows:
        last = row["last_at"]
        out.append(
            QuietForum(
                forum_id=row["forum_id"],
                course_id=row["course_id"],
                course_name=row["course_name"],
                forum_name=row["forum_name"],
                last_learner_post=None if last is None else int(last),
                posters_last_week=int(row["posters"]),
                silent=last is None or int(last) < params["quiet_before"],
                few_posters=int(row["posters"]) < min_posters,
                can_post=bool(row["can_post"]),
            )
        )
    return out


_SUGGEST = f"""
SELECT p.id, p.kind,
       COALESCE((SELECT title FROM prompt_text WHERE prompt_id = p.id AND lang = :lang),
                (SELECT title FROM prompt_text WHERE prompt_id = p.id ORDER BY lang LIMIT 1))
           AS title,
       (SELECT COUNT(*) FROM prompt_use u WHERE u.prompt_id = p.id AND u.course_id = :course)
           AS used,
       EXISTS (SELECT 1 FROM prompt_text WHERE prompt_id = p.id AND lang = :lang) AS has_lang,
       s.avg_learners_72h
FROM prompt p
LEFT JOIN ({PROMPT_STATS}) s ON s.prompt_id = p.id
WHERE p.archived = 0 AND p.kind IN ({{kinds}})
ORDER BY used > 0, has_lang DESC, {{kind_rank}}, s.avg_learners_72h IS NULL,
         s.avg_learners_72h DESC, title COLLATE NOCASE
LIMIT :limit
"""


def suggestions(db: Database, forum: QuietForum, *, lang: str, limit: int = 6) -> list[Suggestion]:
    """Prompts of the kinds that fit, the ones not yet used in the course first."""
    kinds = forum.fitting_kinds
    names = {f"k{i}": kind for i, kind in enumerate(kinds)}
    rank = "CASE p.kind " + " ".join(f"WHEN :{n} THEN {i}" for i, n in enumerate(names)) + " END"
    sql = _SUGGEST.format(kinds=", ".join(f":{n}" for n in names), kind_rank=rank)
    params: dict[str, object] = {"lang": lang, "course": forum.course_id, "limit": limit, **names}
    with db.session() as s:
        rows = s.execute(text(sql), params).mappings().all()
    return [
        Suggestion(
            prompt_id=row["id"],
            kind=row["kind"],
            title=row["title"] or "",
            used_in_course=int(row["used"]),
            avg_learners_72h=row["avg_learners_72h"],
        )
        for row in rows
    ]
