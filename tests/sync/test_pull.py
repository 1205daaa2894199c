"""Pull rules through SyncEngine against an in-memory site with Moodle's list order."""

from __future__ import annotations

import threading

from sqlalchemy import func, select

from moderator_app.platform.errors import PermissionDenied
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import Progress, SyncEngine
from tests.sync.fakes import LEARNERS, TEACHER, FakeSite

COURSE = 7


def engine(db: Database, site: FakeSite, **kw: object) -> SyncEngine:
    return SyncEngine(db, site, account_user_id=TEACHER, now=lambda: site.clock, **kw)  # type: ignore[arg-type]


def waiting(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Discussion.id).where(m.Discussion.is_waiting)).scalars())


def stored(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Discussion.id)).scalars())


def seed(site: FakeSite, forums: int = 2, per_forum: int = 3) -> list[int]:
    site.add_course(COURSE)
    ids = []
    for f in range(1, forums + 1):
        site.add_forum(f, COURSE)
        for _ in range(per_forum):
            ids.append(site.start(f, LEARNERS[0]))
    return ids


def test_first_sync_builds_the_queue_from_lists_then_fetches_posts(
    db: Database, site: FakeSite
) -> None:
    ids = seed(site)
    answered = ids[0]
    site.add_reply(answered, TEACHER)
    phases: list[str] = []
    ready: list[set[int]] = []

    def progress(p: Progress) -> None:
        if p.phase == "posts" and not phases.count("posts"):
            ready.append(waiting(db))  # the queue is right before any post is fetched
        phases.append(p.phase)

    report = engine(db, site, progress=progress).run()
    assert report.ok, report
    assert ready == [set(ids) - {answered}]
    assert waiting(db) == set(ids) - {answered}
    with db.session() as s:
        assert s.execute(select(func.count()).select_from(m.Post)).scalar_one() == len(ids) + 1
    # Minimum: courses, participants, forums, one page per forum; then the posts.
    assert report.requests_by_function["discussions"] == 2
    assert report.requests_by_function["discussion_posts"] == len(ids)


def test_no_change_sync_costs_one_small_request_per_forum(db: Database, site: FakeSite) -> None:
    seed(site, forums=3, per_forum=30)
    engine(db, site).run()
    report = engine(db, site).run()
    assert report.ok
    assert report.requests_by_function == {
        "courses": 1,
        "participants": 1,
        "forums": 1,
        "discussions": 3,
    }


def test_new_posts_cost_in_proportion_to_touched_discussions(db: Database, site: FakeSite) -> None:
    ids = seed(site, forums=2, per_forum=40)
    engine(db, site).run()
    for did in ids[:3]:
        site.add_reply(did, TEACHER)
    report = engine(db, site).run()
    assert report.requests_by_function["discussion_posts"] == 3
    assert report.requests_by_function["discussions"] == 2
    assert waiting(db) == set(ids) - set(ids[:3])


def test_stop_rule_survives_old_pinned_discussions(db: Database, site: FakeSite) -> None:
    site.add_course(COURSE)
    site.add_forum(1, COURSE)
    pinned = [site.start(1, TEACHER, pinned=True) for _ in range(3)]
    old = [site.start(1, LEARNERS[0]) for _ in range(10)]
    engine(db, site).run()
    # Many changes: more than the probe page holds, below the pinned ones.
    for did in old[:6]:
        site.add_reply(did, LEARNERS[1])
    report = engine(db, site).run()
    assert report.ok
    with db.session() as s:
        rows = {r[0]: r[1] for r in s.execute(select(m.Discussion.id, m.Discussion.num_replies))}
    assert all(rows[d] == 1 for d in old[:6])
    assert all(rows[d] == 0 for d in old[6:] + pinned)
    # probe page, then one full page (the probe held only pinned + a few)
    assert report.requests_by_function["discussions"] == 2


def test_deleted_discussions_disappear_at_reconcile(db: Database, site: FakeSite) -> None:
    ids = seed(site, forums=1, per_forum=5)
    engine(db, site).run()
    site.delete_discussion(ids[1])
    report = engine(db, site).run()  # the forum's count dropped: reconcile now
    assert ids[1] not in stored(db)
    assert report.discussions_removed == 1
    assert report.forums_reconciled == 1


def test_left_course_and_lost_forum_are_removed_without_failing(
    db: Database, site: FakeSite
) -> None:
    seed(site, forums=2, per_forum=2)
    site.add_course(8)
    site.add_forum(3, 8)
    gone_course = site.start(3, LEARNERS[0])
    engine(db, site).run()
    del site.course_map[8]
    del site.forum_map[2]
    report = engine(db, site).run()
    assert report.ok
    with db.session() as s:
        assert set(s.execute(select(m.Forum.id)).scalars()) == {1}
        assert s.get(m.Course, 8) is None
    assert gone_course not in stored(db)


def test_one_failing_forum_does_not_stop_the_others(db: Database, site: FakeSite) -> None:
    ids = seed(site, forums=2, per_forum=2)
    site.fail_forum[1] = PermissionDenied("no", code="noviewdiscussionspermission")
    report = engine(db, site).run()
    assert [f.forum_id for f in report.failures] == [1]
    assert isinstance(report.failures[0].error, PermissionDenied)
    assert not report.ok
    assert stored(db) == set(ids[2:])


def test_cancel_between_pages_ends_quietly_and_next_sync_completes(
    db: Database, site: FakeSite
) -> None:
    site.add_course(COURSE)
    site.add_forum(1, COURSE)
    ids = [site.start(1, LEARNERS[0]) for _ in range(250)]
    cancel = threading.Event()

    def progress(p: Progress) -> None:
        if p.phase == "discussions":
            with db.session() as s:
                if s.execute(select(func.count()).select_from(m.Discussion)).scalar_one():
                    cancel.set()

    pages: list[int] = []
    original = site.discussions

    def counting(forum_id: int, page: int, per_page: int):  # type: ignore[no-untyped-def]
        pages.append(page)
        if page == 1:
            cancel.set()
        return original(forum_id, page, per_page)

    site.discussions = counting  # type: ignore[method-assign]
    report = engine(db, site, cancel=cancel, progress=progress).run()
    assert report.interrupted and not report.offline
    assert pages == [0, 1]
    assert 0 < len(stored(db)) < 250
    report = engine(db, site).run()
    assert report.ok
    assert stored(db) == set(ids)


def test_offline_mid_sync_stops_cleanly_and_next_sync_continues(
    db: Database, site: FakeSite
) -> None:
    ids = seed(site, forums=1, per_forum=4)
    original = site.discussion_posts
    calls = 0

    def flaky(discussion_id: int):  # type: ignore[no-untyped-def]
        nonlocal calls
        calls += 1
        if calls >= 2:
            site.offline = True
        return original(discussion_id)

    site.discussion_posts = flaky  # type: ignore[method-assign]
    report = engine(db, site).run()
    assert report.offline and not report.ok
    assert waiting(db) == set(ids)  # the queue was already right
    site.offline = False
    site.discussion_posts = original  # type: ignore[method-assign]
    report = engine(db, site).run()
    assert report.ok
    assert report.requests_by_function["discussion_posts"] == 3  # only what was missing
