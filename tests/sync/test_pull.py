"""Pull rules through SyncEngine against the sandbox over HTTP, faults where they matter.

Each test builds the few courses, forums and posts it needs on an empty sandbox
(tests/sync/conftest.py) and counts requests both ways: what the engine says it
asked (`report.requests_by_function`) and what reached the site (`sb.requests`).
"""

from __future__ import annotations

import threading

import pytest
from sqlalchemy import func, select

from moderator_app.platform.errors import PermissionDenied, PlatformError, Transient
from moderator_app.sandbox import ANY, Fault
from moderator_app.services.outbox import OutboxService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import Progress, SyncReport
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.plan import RECONCILE_AFTER
from tests.sync.conftest import (
    FN_DISCUSSIONS,
    FN_POSTS,
    AppClock,
    EngineFactory,
    Site,
    in_thread,
)


def waiting(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Discussion.id).where(m.Discussion.is_waiting)).scalars())


def stored(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Discussion.id)).scalars())


def post_ids(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Post.id)).scalars())


def count_posts(db: Database) -> int:
    with db.session() as s:
        return int(s.execute(select(func.count()).select_from(m.Post)).scalar_one())


def without_lists(report: SyncReport) -> dict[str, int]:
    return {k: v for k, v in report.requests_by_function.items() if k != "discussions"}


def test_first_sync_builds_the_queue_from_lists_then_fetches_posts(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    course = site.course()
    forums = [site.forum(course), site.forum(course)]
    ids = [site.start(f, learner) for f in forums for learner in site.learners]
    answered = ids[0]
    site.reply(answered, site.moderator)
    at_posts: list[tuple[set[int], int]] = []

    def progress(p: Progress) -> None:
        if p.phase == "posts" and not at_posts:
            # The queue is right before a single post has been asked for.
            at_posts.append((waiting(db), site.requests(FN_POSTS)))

    report = engine(progress=progress).run()
    assert report.ok, report
    assert at_posts == [(set(ids) - {answered}, 0)]
    assert waiting(db) == set(ids) - {answered}
    assert count_posts(db) == len(ids) + 1
    assert report.requests_by_function["discussions"] == 2  # one page per forum
    assert report.requests_by_function["discussion_posts"] == len(ids)
    assert site.requests(FN_POSTS) == len(ids)


def test_no_change_sync_costs_one_list_request_per_forum_and_a_fixed_few(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    def add_courses(n: int) -> None:
        for _ in range(n):
            course = site.course()
            for _ in range(2):
                site.starts(site.forum(course), site.learners[0], 30)

    add_courses(1)
    assert engine().run().ok
    small = engine().run()
    add_courses(3)
    assert engine().run().ok
    before = site.sb.requests.snapshot()
    big = engine().run()
    after = site.sb.requests.snapshot()

    assert small.ok and big.ok
    assert small.requests_by_function["discussions"] == 2
    assert big.requests_by_function["discussions"] == 8
    assert after[FN_DISCUSSIONS] - before[FN_DISCUSSIONS] == 8  # what the site saw
    for report in (small, big):
        assert "discussion_posts" not in report.requests_by_function
    # Four times the courses and forums, the same other requests.
    assert without_lists(big) == without_lists(small)


def test_new_posts_cost_in_proportion_to_the_discussions_they_touch(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    course = site.course()
    first = site.starts(site.forum(course), site.learners[0], 40)
    second = site.starts(site.forum(course), site.learners[0], 40)
    assert engine().run().ok
    touched = [first[3], first[10], second[7]]
    for did in touched:  # six new posts in three discussions
        site.reply(did, site.learners[1])
        site.reply(did, site.moderator)
    posts_before = site.requests(FN_POSTS)

    report = engine().run()
    assert report.ok
    assert report.requests_by_function["discussion_posts"] == 3
    assert site.requests(FN_POSTS) - posts_before == 3
    assert report.requests_by_function["discussions"] == 2  # one small page per forum
    assert waiting(db) == set(first + second) - set(touched)
    assert count_posts(db) == 80 + 6


def test_stop_rule_survives_old_pinned_discussions(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    pinned = [site.start(forum, site.moderator, pinned=True) for _ in range(3)]
    old = site.starts(forum, site.learners[0], 150)
    assert engine().run().ok
    # More changes than the probe page holds, all listed below the (old) pinned ones.
    for did in old[:6]:
        site.reply(did, site.learners[1])

    report = engine().run()
    assert report.ok
    with db.session() as s:
        replies = {r[0]: r[1] for r in s.execute(select(m.Discussion.id, m.Discussion.num_replies))}
    assert [replies[d] for d in old[:6]] == [1] * 6
    assert all(replies[d] == 0 for d in old[6:] + pinned)
    # The probe, then one full page that reaches an unchanged discussion: not all 153.
    assert report.requests_by_function["discussions"] == 2


def test_forums_are_listed_in_full_again_when_old_one_per_run(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    course = site.course()
    forums = [site.forum(course) for _ in range(3)]
    for forum in forums:
        site.starts(forum, site.learners[0], 150)  # two pages each when listed in full
    assert engine().run().ok
    # Right after the first (full) sync nothing is due: one probe page per forum.
    soon = engine().run()
    assert soon.forums_reconciled == 0
    assert soon.requests_by_function["discussions"] == len(forums)
    clock.value += RECONCILE_AFTER
    reconciled = [engine().run().forums_reconciled for _ in forums]
    assert reconciled == [1, 1, 1]  # all due at once, yet one per run
    assert engine().run().forums_reconciled == 0  # each was listed again


def test_deleted_discussions_and_posts_disappear_at_reconcile(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 5)
    early = site.reply(ids[2], site.learners[1])
    late = site.reply(ids[2], site.learners[2])
    assert engine(reconcile_after=0).run().ok
    assert {early, late} <= post_ids(db)

    site.delete_discussion(ids[1])
    # Not the newest post: the list entry keeps its time, only the reply count drops.
    site.sb.state.delete_post(early)
    report = engine(reconcile_after=0).run()
    assert report.ok, report
    assert stored(db) == set(ids) - {ids[1]}
    assert early not in post_ids(db) and late in post_ids(db)
    assert report.discussions_removed == 1
    assert report.forums_reconciled == 1


def test_left_course_and_removed_forum_are_cleaned_up_without_failing(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    course = site.course()
    kept_forum, lost_forum = site.forum(course), site.forum(course)
    left_course = site.course()
    kept = site.start(kept_forum, site.learners[0])
    site.start(lost_forum, site.learners[0])
    site.start(site.forum(left_course), site.learners[0])
    assert engine().run().ok
    assert len(stored(db)) == 3

    site.leave_course(left_course)
    site.remove_forum(lost_forum)
    report = engine().run()
    assert report.ok, report
    with db.session() as s:
        assert set(s.execute(select(m.Forum.id)).scalars()) == {kept_forum}
        assert s.get(m.Course, left_course) is None
    assert stored(db) == {kept}
    assert report.courses_removed == 1


@pytest.mark.parametrize(
    ("fault", "error"),
    [
        (lambda f: Fault.moodle_exception("nopermissions", when={"forumid": f}), PermissionDenied),
        (lambda f: Fault.http_500(when={"forumid": f}), Transient),
        (lambda f: Fault.latency(1.0, when={"forumid": f}), Transient),  # > client timeout
    ],
    ids=["permission", "http500", "timeout"],
)
def test_one_failing_forum_does_not_stop_the_others(
    site: Site,
    db: Database,
    engine: EngineFactory,
    fault: object,
    error: type[PlatformError],
) -> None:
    course = site.course()
    forums = [site.forum(course) for _ in range(3)]
    ids = {f: site.starts(f, site.learners[0], 2) for f in forums}
    broken = forums[1]
    site.sb.faults.set(FN_DISCUSSIONS, fault(broken))  # type: ignore[operator]

    report = engine(timeout=0.3).run()
    assert [f.forum_id for f in report.failures] == [broken]
    assert isinstance(report.failures[0].error, error)
    assert not report.ok and not report.offline
    assert stored(db) == set(ids[forums[0]] + ids[forums[2]])
    assert count_posts(db) == 4  # the other forums' posts came in too

    site.sb.faults.clear()
    assert engine().run().ok
    assert stored(db) == {d for f in forums for d in ids[f]}


def test_cancel_between_pages_ends_quietly_and_the_next_sync_completes(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 250)
    cancel = threading.Event()
    # Park the second page at the site; the user cancels while it is on its way.
    hold = site.sb.faults.hold(FN_DISCUSSIONS, when={"forumid": forum, "page": 1})
    worker, result = in_thread(engine(cancel=cancel).run)
    try:
        assert hold.wait_reached(10)
        cancel.set()
    finally:
        hold.release()
        worker.join(30)
    assert not worker.is_alive()
    [report] = result
    assert report.interrupted and not report.offline and report.error is None
    assert site.requests(FN_DISCUSSIONS) == 2  # page 0 and the held page 1, no more
    assert site.requests(FN_POSTS) == 0
    assert 0 < len(stored(db)) < 250

    report = engine().run()
    assert report.ok
    assert stored(db) == set(ids)


def test_network_gone_mid_sync_stops_cleanly_keeps_the_outbox_and_the_next_sync_picks_up(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 4)
    assert engine().pull_lists().ok
    item = OutboxService(db, "moderator", now=clock).lock(ids[0])

    def progress(p: Progress) -> None:
        if p.phase == "posts" and p.done == 1:
            site.sb.faults.set(ANY, Fault.drop())  # the network goes after one thread

    report = engine(progress=progress).run()
    assert report.offline and not report.ok and not report.interrupted
    assert isinstance(report.error, Transient)
    assert waiting(db) == set(ids)  # the queue was already right
    assert report.requests_by_function.get("set_lock", 0) == 0
    with db.session() as s:
        row = s.get(m.OutboxItem, item)
        assert row is not None and row.state == op.PENDING  # kept, not even tried
    assert not site.sb.state.discussion(ids[0])["timelocked"]  # type: ignore[index]

    site.sb.faults.clear()
    report = engine().run()
    assert report.ok, report
    assert report.requests_by_function["discussion_posts"] == 3  # only what was missing
    assert count_posts(db) == 4
    assert report.outbox_sent == 1
    assert site.sb.state.discussion(ids[0])["timelocked"]  # type: ignore[index]
