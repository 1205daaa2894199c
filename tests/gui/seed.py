"""A small, hand-made store with known answers for the GUI tests.

Waiting (as DESIGN.md defines it): 101, 102, 105, 201, 202.
Not waiting: 103 (the moderator's own starter), 104 (answered by staff).
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
from moderator_app.store.waiting import refresh_waiting

NOW = 1_750_000_000
HOUR = 3600
MODERATOR_ID = 2
WAITING = {101, 102, 105, 201, 202}

LEARNERS = {
    10: "Anouk de Vries",
    11: "Bram Jansen",
    12: "Chantal Bakker",
    13: "Daan Visser",
    14: "Eva Smit",
    15: "Fatima el Amrani",
    16: "Gijs Mulder",
}


def _discussion(
    did: int,
    forum: int,
    subject: str,
    author: int,
    created: int,
    *,
    last: int | None = None,
    modified: int | None = None,
    replies: int = 0,
    message: str = "",
    locked: bool = False,
) -> pt.Discussion:
    names = {**LEARNERS, MODERATOR_ID: "Mila Moderator"}
    last = author if last is None else last
    return pt.Discussion(
        id=did,
        forum_id=forum,
        first_post_id=did * 10,
        name=subject,
        subject=subject,
        message=message or f"<p>{subject}</p>",
        author_id=author,
        author_fullname=names[author],
        created=created,
        time_modified=modified if modified is not None else created,
        last_post_user_id=last,
        last_post_user_fullname=names[last],
        num_replies=replies,
        locked=locked,
    )


def seed(db: Database) -> None:
    courses = [pt.Course(1, "BIO", "Biologie"), pt.Course(2, "GES", "Geschiedenis")]
    forums = [
        pt.Forum(11, 1, 111, "Vragen", "general"),
        pt.Forum(12, 1, 112, "Opdrachten", "qanda"),
        pt.Forum(21, 2, 211, "Discussie", "general"),
    ]
    with db.session() as s:
        s.add(
            models.Account(
                site_url="http://127.0.0.1", username="mila", user_id=MODERATOR_ID, created_at=NOW
            )
        )
        upsert_courses(s, courses)
        for course in (1, 2):
            people = [
                pt.Participant(MODERATOR_ID, course, "Mila Moderator", roles=("editingteacher",))
            ]
            people += [
                pt.Participant(uid, course, name, roles=("student",))
                for uid, name in LEARNERS.items()
            ]
            replace_participants(s, course, people)
        upsert_forums(s, forums)
        upsert_discussions(
            s,
            1,
            [
                _discussion(101, 11, "Hoe werkt fotosynthese?", 10, NOW - 50 * HOUR),
                _discussion(102, 11, "Verslag week 2", 11, NOW - 30 * HOUR),
                _discussion(103, 11, "Welkom in de cursus", MODERATOR_ID, NOW - 90 * HOUR),
                _discussion(
                    104,
                    11,
                    "Planning",
                    12,
                    NOW - 80 * HOUR,
                    last=MODERATOR_ID,
                    modified=NOW - 70 * HOUR,
                    replies=1,
                ),
                _discussion(105, 12, "Opdracht 3 inleveren", 13, NOW - 2 * HOUR),
            ],
        )
        upsert_discussions(
            s,
            2,
            [
                _discussion(
                    201,
                    21,
                    "Wie was Karel de Grote",
                    14,
                    NOW - 40 * HOUR,
                    last=15,
                    modified=NOW - 10 * HOUR,
                    replies=2,
                ),
                _discussion(
                    202,
                    21,
                    "Bronnen zoeken",
                    16,
                    NOW - 60 * HOUR,
                    last=16,
                    modified=NOW - 5 * HOUR,
                    replies=2,
                    message="<p>Waar vind ik bronnen?</p>",
                ),
            ],
        )
        # 202's posts are synced: learner, staff answer, learner follow-up.
        upsert_posts(
            s,
            [
                pt.Post(
                    2020,
                    202,
                    None,
                    "Bronnen zoeken",
                    "<p>Waar vind ik bronnen?</p>",
                    16,
                    LEARNERS[16],
                    NOW - 60 * HOUR,
                    NOW - 60 * HOUR,
                ),
                pt.Post(
                    2021,
                    202,
                    2020,
                    "Re: Bronnen zoeken",
                    "<p>Kijk in de bibliotheek.</p>",
                    MODERATOR_ID,
                    "Mila Moderator",
                    NOW - 20 * HOUR,
                    NOW - 20 * HOUR,
                ),
                pt.Post(
                    2022,
                    202,
                    2021,
                    "Re: Bronnen zoeken",
                    "<p>Welke bibliotheek?</p>",
                    16,
                    LEARNERS[16],
                    NOW - 5 * HOUR,
                    NOW - 5 * HOUR,
                ),
            ],
        )
        refresh_waiting(s)
