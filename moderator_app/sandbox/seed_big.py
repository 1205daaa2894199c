"""Big seeds for performance work: e.g. 100,000 posts, built with bulk inserts.

Everything is computed in Python first (ids, times, last poster per discussion) and
written with executemany in one transaction: that is what makes it fast.
"""

from __future__ import annotations

import random
from dataclasses import dataclass
from pathlib import Path

from moderator_app.sandbox.seed_demo import DEMO_PASSWORD, FACILITATOR, MODERATOR
from moderator_app.sandbox.state import SandboxState

D = 86400
LEARNERS_PER_COURSE = 40
FORUMS_PER_COURSE = 3


@dataclass(frozen=True)
class BigSeed:
    courses: int
    discussions: int
    posts: int  # all posts, first posts included

    @classmethod
    def parse(cls, text: str) -> BigSeed:
        """'C,D,P' as given on the command line."""
        courses, discussions, posts = (int(part) for part in text.split(","))
        if courses < 1 or discussions < courses or posts < discussions:
            raise ValueError("need courses >= 1, discussions >= courses, posts >= discussions")
        return cls(courses, discussions, posts)


def seed_big(db: SandboxState | Path, courses: int, discussions: int, posts: int) -> None:
    """Seed an empty sandbox with `courses` courses and that many discussions and posts."""
    state = db if isinstance(db, SandboxState) else SandboxState(Path(db))
    try:
        with state.tx():
            _seed(state, BigSeed(courses, discussions, posts))
    finally:
        if state is not db:
            state.close()


def _seed(state: SandboxState, spec: BigSeed) -> None:
    rng = random.Random(20261124)
    now = state.now()
    conn = state.conn
    moderator = state.add_user(MODERATOR, "Marieke", "de Vries", password=DEMO_PASSWORD)
    facilitator = state.add_user(FACILITATOR, "Joost", "Bakker", password=DEMO_PASSWORD)
    staff = [moderator, facilitator]
    forums: list[tuple[int, list[int]]] = []  # (forum id, learner ids of its course)
    for c in range(spec.courses):
        course = state.add_course(f"BIG-{c + 1}", f"Cursus {c + 1}")
        state.enrol(course, moderator, "editingteacher")
        state.enrol(course, facilitator, "teacher")
        learners = []
        for n in range(LEARNERS_PER_COURSE):
            username = f"learner{c + 1}_{n + 1}"
            # Only the first learner per course can sign in: hashing is the slow part.
            password = DEMO_PASSWORD if n == 0 else None
            user = state.add_user(username, "Deelnemer", f"{c + 1}-{n + 1}", password=password)
            state.enrol(course, user, "student")
            learners.append(user)
        for f in range(FORUMS_PER_COURSE):
            kind = "qanda" if f == 2 else "general"
            forums.append((state.add_forum(course, f"Forum {c + 1}.{f + 1}", kind), learners))

    first_post_id = int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM posts").fetchone()[0]) + 1
    first_disc_id = (
        int(conn.execute("SELECT COALESCE(MAX(id), 0) FROM discussions").fetchone()[0]) + 1
    )
    replies_left = spec.posts - spec.discussions
    discussion_rows = []
    post_rows = []
    post_id = first_post_id
    for i in range(spec.discussions):
        discussion_id = first_disc_id + i
        forum_id, learners = forums[i % len(forums)]
        starter = rng.choice(learners) if i % 5 else rng.choice(staff)
        created = now - rng.randint(3600, 60 * D)
        share = replies_left // (spec.discussions - i)
        replies_left -= share
        firstpost = post_id
        post_rows.append(
            (
                post_id,
                discussion_id,
                0,
                starter,
                created,
                created,
                f"Onderwerp {i + 1}",
                f"<p>Vraag of stelling {i + 1}.</p>",
            )
        )
        post_id += 1
        last_time, last_user = created, starter
        for r in range(share):
            last_time += rng.randint(60, 6 * 3600)
            last_time = min(last_time, now)
            last_user = rng.choice(staff) if r % 4 == 3 else rng.choice(learners)
            post_rows.append(
                (
                    post_id,
                    discussion_id,
                    firstpost,
                    last_user,
                    last_time,
                    last_time,
                    f"Re: Onderwerp {i + 1}",
                    f"<p>Reactie {r + 1} op onderwerp {i + 1}.</p>",
                )
            )
            post_id += 1
        discussion_rows.append(
            (
                discussion_id,
                forum_id,
                f"Onderwerp {i + 1}",
                firstpost,
                starter,
                last_time,
                last_user,
            )
        )
    conn.executemany(
        "INSERT INTO discussions (id, forumid, name, firstpost, userid, timemodified,"
        " usermodified) VALUES (?, ?, ?, ?, ?, ?, ?)",
        discussion_rows,
    )
    conn.executemany(
        "INSERT INTO posts (id, discussionid, parent, userid, created, modified, subject,"
        " message) VALUES (?, ?, ?, ?, ?, ?, ?, ?)",
        post_rows,
    )
