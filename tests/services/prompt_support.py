"""A hand-made store for the prompt tests, with answers counted by hand.

Courses 1 (Biologie) and 2 (Geschiedenis); the account is user 2 (moderator), user 3
is a teacher (staff), users 10-15 are learners. NOW is fixed.

Quiet forums at days=7, min_posters=3 (see test_quiet_forums.py for the reasons):
  11 Vragen          learners 10, 11, 12 posted in the last 3 days   -> not quiet
  12 Casussen        last learner post 10 days ago                   -> quiet (silent)
  13 Kennismaking    no discussion at all                            -> quiet (never)
  14 Mededelingen    a news forum                                    -> left out
  16 Weekplanning    list only (posts never synced): learners 15, 12 -> quiet (2 posters)
  21 Discussie       learners 13, 14 two days ago, teacher after     -> quiet (2 posters)
"""

from __future__ import annotations

from moderator_app.platform import types as pt
from moderator_app.store import models
from moderator_app.store.db import Database
from moderator_app.store.upsert import (
    replace_participants,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
    upsert_posts,
)

NOW = 1_750_000_000
H = 3600
D = 86400
MODERATOR = 2
TEACHER = 3
LEARNERS = (10, 11, 12, 13, 14, 15)


def person(uid: int) -> str:
    return {MODERATOR: "Mila Moderator", TEACHER: "Tom Teacher"}.get(uid, f"Learner {uid}")


def discussion(
    did: int,
    forum: int,
    author: int,
    created: int,
    *,
    last: int | None = None,
    modified: int | None = None,
    replies: int = 0,
) -> pt.Discussion:
    last = author if last is None else last
    return pt.Discussion(
        id=did,
        forum_id=forum,
        first_post_id=did * 10,
        name=f"D{did}",
        subject=f"D{did}",
        message="<p>x</p>",
        author_id=author,
        author_fullname=person(author),
        created=created,
        time_modified=modified or created,
        last_post_user_id=last,
        last_post_user_fullname=person(last),
        num_replies=replies,
    )


def post(
    pid: int, did: int, author: int, at: int, *, parent: int | None = -1, deleted: bool = False
) -> pt.Post:
    return pt.Post(
        pid,
        did,
        did * 10 if parent == -1 else parent,
        "s",
        "<p>x</p>",
        author,
        person(author),
        at,
        at,
        is_deleted=deleted,
    )


def seed(db: Database) -> None:
    with db.session() as s:
        s.add(
            models.Account(
                site_url="http://127.0.0.1", username="mila", user_id=MODERATOR, created_at=NOW
            )
        )
        upsert_courses(s, [pt.Course(1, "BIO", "Biologie"), pt.Course(2, "GES", "Geschiedenis")])
        for course in (1, 2):
            people = [
                pt.Participant(MODERATOR, course, person(MODERATOR), roles=("editingteacher",)),
                pt.Participant(TEACHER, course, person(TEACHER), roles=("teacher",)),
            ]
            people += [
                pt.Participant(uid, course, person(uid), roles=("student",)) for uid in LEARNERS
            ]
            replace_participants(s, course, people)
        upsert_forums(
            s,
            [
                pt.Forum(11, 1, 111, "Vragen", "general"),
                pt.Forum(12, 1, 112, "Casussen", "general"),
                pt.Forum(13, 1, 113, "Kennismaking", "general"),
                pt.Forum(14, 1, 114, "Mededelingen", "news"),
                pt.Forum(16, 1, 116, "Weekplanning", "general"),
                pt.Forum(21, 2, 211, "Discussie", "general"),
            ],
        )
        upsert_discussions(
            s,
            1,
            [
                discussion(110, 11, 10, NOW - 3 * D, last=12, modified=NOW - 1 * D, replies=2),
                discussion(
                    120, 12, 11, NOW - 12 * D, last=MODERATOR, modified=NOW - 2 * D, replies=2
                ),
                discussion(160, 16, 15, NOW - 1 * D, last=12, modified=NOW - 20 * H, replies=3),
            ],
        )
        upsert_discussions(
            s,
            2,
            [
                discussion(210, 21, 13, NOW - 2 * D, last=TEACHER, modified=NOW - 1 * D, replies=2),
            ],
        )
        upsert_posts(
            s,
            [
                post(1100, 110, 10, NOW - 3 * D, parent=None),
                post(1101, 110, 11, NOW - 2 * D),
                post(1102, 110, 12, NOW - 1 * D),
                post(1200, 120, 11, NOW - 12 * D, parent=None),
                post(1201, 120, 10, NOW - 10 * D),
                post(1202, 120, MODERATOR, NOW - 2 * D),
                post(2100, 210, 13, NOW - 2 * D, parent=None),
                post(2101, 210, 14, NOW - 2 * D + H),
                post(2102, 210, TEACHER, NOW - 1 * D),
            ],
        )
