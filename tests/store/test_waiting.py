"""The queue rule on hand-made data with known answers."""

from __future__ import annotations

import dataclasses

from sqlalchemy import select, update

from moderator_app.platform import types as pt
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import replace_participants, upsert_discussions, upsert_posts
from moderator_app.store.waiting import refresh_waiting
from tests.store import helpers as h
from tests.store.helpers import ACCOUNT_USER, LEARNER, LEARNER2, TEACHER


def _state(db: Database) -> dict[int, tuple[bool, int | None]]:
    with db.session() as s:
        rows = s.execute(
            select(m.Discussion.id, m.Discussion.is_waiting, m.Discussion.waiting_since)
        )
        return {r[0]: (r[1], r[2]) for r in rows}


def _refresh(db: Database, ids: list[int] | None = None) -> dict[int, tuple[bool, int | None]]:
    with db.session() as s:
        refresh_waiting(s, ids)
    return _state(db)


def test_list_rule_learner_opener_waits_staff_opener_does_not(db: Database) -> None:
    h.seed_course(
        db,
        discussions=[
            h.discussion(1, author=LEARNER, created=1000),
            h.discussion(2, author=TEACHER, created=1000),
            h.discussion(3, author=ACCOUNT_USER, created=1000),  # no staff role, still staff
            h.discussion(
                4, author=LEARNER, created=1000, modified=3000, last_user=LEARNER2, replies=2
            ),
            h.discussion(
                5, author=LEARNER, created=1000, modified=3000, last_user=TEACHER, replies=1
            ),
        ],
    )
    assert _refresh(db) == {
        1: (True, 1000),  # new learner question, nobody replied: since it was asked
        2: (False, None),
        3: (False, None),
        4: (True, 3000),  # the list only knows the last post's time
        5: (False, None),
    }


def test_posts_rule_learner_follow_up_after_a_staff_answer(db: Database) -> None:
    # Like fixture 032: learner asks, moderator answers, the learner asks again.
    h.seed_course(
        db,
        discussions=[h.discussion(6, created=100, modified=300, last_user=LEARNER, replies=2)],
        posts=[
            h.post(11, 6, LEARNER, 100),
            h.post(12, 6, ACCOUNT_USER, 200, parent=11),
            h.post(13, 6, LEARNER, 300, parent=11),
        ],
    )
    assert _refresh(db) == {6: (True, 300)}


def test_posts_rule_age_is_the_oldest_learner_post_after_the_last_staff_post(db: Database) -> None:
    h.seed_course(
        db,
        discussions=[
            h.discussion(1, created=100, modified=400, replies=3),
            h.discussion(2, created=100, modified=300, replies=2, last_user=LEARNER2),
        ],
        posts=[
            h.post(10, 1, LEARNER, 100),
            h.post(11, 1, TEACHER, 200),
            h.post(12, 1, LEARNER2, 300),
            h.post(13, 1, LEARNER, 400),
            # Nobody on the staff side answered: the first post starts the clock.
            h.post(20, 2, LEARNER, 100),
            h.post(21, 2, LEARNER2, 200),
            h.post(22, 2, LEARNER, 300),
        ],
    )
    assert _refresh(db) == {1: (True, 300), 2: (True, 100)}


def test_posts_rule_private_staff_reply_answers_and_deleted_posts_do_not_count(
    db: Database,
) -> None:
    h.seed_course(
        db,
        discussions=[
            h.discussion(9, created=100, modified=200, replies=1, last_user=TEACHER),
            h.discussion(7, created=100, modified=200, replies=1, last_user=TEACHER),
            h.discussion(8, created=100, modified=300, replies=2, last_user=LEARNER2),
        ],
        posts=[
            h.post(17, 9, LEARNER, 100),
            h.post(18, 9, TEACHER, 200, private=True, parent=17),
            # The staff answer was deleted: the question is unanswered again.
            h.post(30, 7, LEARNER, 100),
            h.post(31, 7, TEACHER, 200, deleted=True),
            # A deleted learner post does not start the clock.
            h.post(40, 8, LEARNER, 100),
            h.post(41, 8, TEACHER, 150),
            h.post(42, 8, LEARNER, 200, deleted=True),
            h.post(43, 8, LEARNER2, 300),
        ],
    )
    assert _refresh(db) == {9: (False, None), 7: (True, 100), 8: (True, 300)}


def test_stale_posts_fall_back_to_the_list(db: Database) -> None:
    # Posts were fetched when the staff answer was the last post; the list since
    # shows a newer learner post.
    h.seed_course(
        db,
        discussions=[h.discussion(1, created=100, modified=200, last_user=TEACHER, replies=1)],
        posts=[h.post(10, 1, LEARNER, 100), h.post(11, 1, TEACHER, 200)],
    )
    assert _refresh(db) == {1: (False, None)}
    newer = h.discussion(1, created=100, modified=500, last_user=LEARNER2, replies=2)
    with db.session() as s:
        upsert_discussions(s, 1, [newer])
    assert _refresh(db) == {1: (True, 500)}
    # Once the posts arrive the exact age is known.
    with db.session() as s:
        upsert_posts(s, [h.post(12, 1, LEARNER2, 450), h.post(13, 1, LEARNER, 500)])
    assert _refresh(db) == {1: (True, 450)}


def test_only_the_given_discussions_are_recomputed(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(1), h.discussion(2)])
    assert _refresh(db, [1]) == {1: (True, 1000), 2: (False, None)}
    assert _refresh(db, []) == {1: (True, 1000), 2: (False, None)}


def test_a_learner_who_becomes_staff_no_longer_waits(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(1, author=LEARNER)])
    assert _refresh(db) == {1: (True, 1000)}
    promoted = dataclasses.replace(h.people()[2], roles=("student", "manager"))
    with db.session() as s:
        replace_participants(s, 1, [promoted])
    assert _refresh(db) == {1: (False, None)}


def test_roles_count_per_course(db: Database) -> None:
    # A teacher in course 1 is a learner in course 2.
    h.seed_course(db, course_id=1)
    h.seed_course(db, course_id=2, forums=[h.forum(200, 2)])
    with db.session() as s:
        replace_participants(
            s, 2, [pt.Participant(id=TEACHER, course_id=2, fullname="Tess", roles=("student",))]
        )
        upsert_discussions(s, 1, [h.discussion(1, author=TEACHER)])
        upsert_discussions(s, 2, [h.discussion(2, forum_id=200, author=TEACHER)])
    assert _refresh(db) == {1: (False, None), 2: (True, 1000)}


def test_many_ids_are_handled_in_chunks(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(i, created=i) for i in range(1, 1302)])
    with db.session() as s:
        s.execute(update(m.Discussion).values(is_waiting=False, waiting_since=None))
    state = _refresh(db, list(range(1, 1302)))
    assert all(state[i] == (True, i) for i in range(1, 1302))
