"""Bulk upserts: insert, update in place, keep derived columns, reconcile deletions."""

from __future__ import annotations

import dataclasses

from sqlalchemy import delete, select

from moderator_app.platform import types as pt
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import (
    POST_COLUMNS,
    delete_missing_discussions,
    delete_missing_posts,
    delete_missing_posts_of,
    replace_participants,
    save_account,
    upsert_courses,
    upsert_discussions,
    upsert_forums,
    upsert_posts,
)
from moderator_app.store.waiting import refresh_waiting
from tests.store import helpers as h


def test_courses_and_forums_are_inserted_then_updated_in_place(db: Database) -> None:
    with db.session() as s:
        upsert_courses(s, [h.course(1, "Old name"), h.course(2)])
        upsert_forums(s, [h.forum(100, 1, name="Vragen")])
    with db.session() as s:
        upsert_courses(s, [h.course(1, "New name")])
        upsert_forums(s, [h.forum(100, 1, type="qanda", name="Vragen en antwoorden")])
    with db.session() as s:
        assert s.scalars(select(m.Course.fullname).order_by(m.Course.id)).all() == [
            "New name",
            "Course one",
        ]
        f = s.get_one(m.Forum, 100)
        assert (f.name, f.type) == ("Vragen en antwoorden", "qanda")


def test_participants_become_exactly_the_given_list(db: Database) -> None:
    h.seed_course(db)
    newcomer = pt.Participant(
        id=20,
        course_id=1,
        fullname="Nina",
        roles=("student", "editingteacher"),
        groups=(pt.Group(5, "A"), pt.Group(6, "B")),
    )
    learner = h.people()[2]
    with db.session() as s:
        # The same person twice (overlapping pages) must not fail the write.
        replace_participants(s, 1, [learner, newcomer, learner])
    with db.session() as s:
        rows = s.scalars(select(m.Participant).order_by(m.Participant.user_id)).all()
        assert [(r.user_id, r.is_staff) for r in rows] == [(h.LEARNER, False), (20, True)]
        assert rows[1].roles == "student editingteacher"
        assert rows[1].group_ids == "5 6"


def test_a_discussion_update_keeps_the_derived_queue_columns(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(1, created=1000)])
    with db.session() as s:
        d = s.get_one(m.Discussion, 1)
        d.is_waiting, d.waiting_since, d.posts_synced_at_modified = True, 1000, 1000
        d.time_locked = 1500
        d.locked = True
    changed = dataclasses.replace(
        h.discussion(1, created=1000, modified=2000, last_user=h.TEACHER, replies=1),
        locked=True,
        subject="Edited",
    )
    with db.session() as s:
        upsert_discussions(s, 1, [changed])
    with db.session() as s:
        d = s.get_one(m.Discussion, 1)
        assert (d.subject, d.time_modified, d.last_post_user_id, d.num_replies) == (
            "Edited",
            2000,
            h.TEACHER,
            1,
        )
        assert (d.is_waiting, d.waiting_since, d.posts_synced_at_modified) == (True, 1000, 1000)
        assert d.time_locked == 1500  # still locked: the known lock time stays
    with db.session() as s:
        upsert_discussions(s, 1, [dataclasses.replace(changed, locked=False)])
    with db.session() as s:
        assert s.get_one(m.Discussion, 1).time_locked == 0


def test_posts_mark_their_discussion_synced_at_its_current_modified_time(db: Database) -> None:
    h.seed_course(
        db,
        discussions=[h.discussion(1, created=1000, modified=1500), h.discussion(2, created=900)],
    )
    with db.session() as s:
        upsert_posts(s, [h.post(10, 1, h.LEARNER, 1000), h.post(11, 1, h.TEACHER, 1500)])
    with db.session() as s:
        synced = dict(
            (r[0], r[1])
            for r in s.execute(select(m.Discussion.id, m.Discussion.posts_synced_at_modified))
        )
        assert synced == {1: 1500, 2: 0}
    edited = dataclasses.replace(h.post(11, 1, h.TEACHER, 1500), message="<p>edited</p>")
    with db.session() as s:
        upsert_posts(s, [edited])
    with db.session() as s:
        assert s.get_one(m.Post, 11).message == "<p>edited</p>"
        assert (
            s.scalar(select(m.Post.id).where(m.Post.discussion_id == 1).order_by(m.Post.id)) == 10
        )


def test_reconciliation_deletes_what_the_platform_no_longer_lists(db: Database) -> None:
    h.seed_course(
        db,
        forums=[h.forum(100), h.forum(101)],
        discussions=[h.discussion(1), h.discussion(2), h.discussion(3, forum_id=101)],
        posts=[h.post(10, 1, h.LEARNER, 1000), h.post(20, 2, h.LEARNER, 1000)],
    )
    with db.session() as s:
        s.add(m.Triage(discussion_id=2, claimed_by="mo"))
    with db.session() as s:
        assert delete_missing_discussions(s, 100, keep_ids=[1]) == [2]
    with db.session() as s:
        # Discussion 3 is another forum's; discussion 2's posts and triage went with it.
        assert s.scalars(select(m.Discussion.id).order_by(m.Discussion.id)).all() == [1, 3]
        assert s.scalars(select(m.Post.id)).all() == [10]
        assert s.scalars(select(m.Triage.discussion_id)).all() == []

    with db.session() as s:
        upsert_posts(s, [h.post(11, 1, h.LEARNER, 1100), h.post(12, 1, h.TEACHER, 1200)])
    with db.session() as s:
        assert delete_missing_posts(s, 1, keep_ids={10, 12}) == [11]
    with db.session() as s:
        assert s.scalars(select(m.Post.id).order_by(m.Post.id)).all() == [10, 12]


def test_reconciliation_handles_more_ids_than_sqlite_binds_at_once(db: Database) -> None:
    discussions = [h.discussion(i) for i in range(1, 1201)]
    h.seed_course(db, discussions=discussions)
    with db.session() as s:
        gone = delete_missing_discussions(s, 100, keep_ids=range(1, 1201, 2))
    assert gone == list(range(2, 1201, 2))
    with db.session() as s:
        assert len(s.scalars(select(m.Discussion.id)).all()) == 600


def test_missing_posts_of_many_discussions_go_in_one_call(db: Database) -> None:
    discussions = [h.discussion(i) for i in range(1, 701)]
    posts = [h.post(10 * i + k, i, h.LEARNER, 1000 + k) for i in range(1, 701) for k in range(3)]
    h.seed_course(db, discussions=discussions, posts=posts)
    # Each discussion keeps its first post; discussion 700 is not asked about at all.
    keep = {i: [10 * i] for i in range(1, 700)}
    keep[5] = [50, 51, 52]  # nothing missing here
    with db.session() as s:
        gone = delete_missing_posts_of(s, keep)
    expected = sorted(10 * i + k for i in range(1, 700) if i != 5 for k in (1, 2))
    assert gone == expected
    with db.session() as s:
        left = set(s.scalars(select(m.Post.id)))
    assert left == {10 * i for i in range(1, 701)} | {51, 52, 7001, 7002}


def test_empty_pages_are_harmless(db: Database) -> None:
    h.seed_course(db)
    with db.session() as s:
        upsert_courses(s, [])
        upsert_forums(s, [])
        upsert_discussions(s, 1, [])
        upsert_posts(s, [])
        replace_participants(s, 1, [])
    with db.session() as s:
        assert s.scalars(select(m.Participant)).all() == []


def test_the_account_row_is_written_once_and_makes_its_user_staff(db: Database) -> None:
    info = pt.SiteInfo(
        site_name="School",
        site_url="https://moodle.example.org",
        user_id=77,  # no staff role in the course: e.g. a site manager
        username="mo",
        fullname="Mo",
        lang="nl",
        release="4.2",
        functions=frozenset({"b_fn", "a_fn"}),
    )
    h.seed_course(db, discussions=[h.discussion(1, author=77)])
    with db.session() as s:
        s.execute(delete(m.Account))
        save_account(s, info, now=5)
        save_account(s, dataclasses.replace(info, fullname="Mo B"), now=6)
        refresh_waiting(s)
    with db.session() as s:
        accounts = s.scalars(select(m.Account)).all()
        assert [(a.user_id, a.fullname, a.functions, a.created_at) for a in accounts] == [
            (77, "Mo B", "a_fn b_fn", 5)
        ]
        assert s.get_one(m.Discussion, 1).is_waiting is False


def test_a_post_upsert_writes_every_column_of_the_post_table(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(1, created=1000)])
    post = dataclasses.replace(
        h.post(10, 1, h.LEARNER, 1000),
        parent_id=9,
        subject="Vraag",
        is_private_reply=True,
        has_attachments=True,
    )
    with db.session() as s:
        upsert_posts(s, [post])
    with db.session() as s:
        stored = s.get_one(m.Post, 10)
        assert (stored.parent_id, stored.subject, stored.is_private_reply) == (9, "Vraag", True)
        assert (stored.has_attachments, stored.truncated) == (True, False)
    assert set(POST_COLUMNS) == {c.name for c in m.Post.__table__.columns}


def test_posts_upserted_in_a_failed_transaction_are_rolled_back_with_it(db: Database) -> None:
    h.seed_course(db, discussions=[h.discussion(1, created=1000)])
    try:
        with db.session() as s:
            upsert_posts(s, [h.post(10, 1, h.LEARNER, 1000)])
            raise RuntimeError("the page failed after its posts")
    except RuntimeError:
        pass
    with db.session() as s:
        assert s.get(m.Post, 10) is None
        assert s.get_one(m.Discussion, 1).posts_synced_at_modified == 0
