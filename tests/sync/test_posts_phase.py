"""The posts phase stores threads a batch at a time and keeps the plain loop's rules.

Against the sandbox over HTTP (tests/sync/conftest.py). BATCH_THREADS is made small
where a test needs several batches from a few discussions.
"""

from __future__ import annotations

import random
import threading
import time
from collections.abc import Callable

import pytest
from sqlalchemy import select

from moderator_app.platform import types as pt
from moderator_app.platform.errors import AuthError, NotFound
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import MODERATOR, Fault
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import Progress, SyncReport, posts_phase
from moderator_app.sync.context import RunContext
from moderator_app.sync.counting import CountingPlatform
from tests.sync.conftest import FN_POSTS, EngineFactory, Site


def synced(db: Database) -> set[int]:
    """Discussions whose posts are stored at their current list entry."""
    with db.session() as s:
        return set(
            s.execute(
                select(m.Discussion.id).where(
                    m.Discussion.posts_synced_at_modified == m.Discussion.time_modified
                )
            ).scalars()
        )


def post_ids(db: Database) -> set[int]:
    with db.session() as s:
        return set(s.execute(select(m.Post.id)).scalars())


def test_several_batches_store_every_thread_and_count_it_once(
    site: Site, db: Database, engine: EngineFactory, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setattr(posts_phase, "BATCH_THREADS", 3)
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 8)
    for did in ids[:5]:
        site.reply(did, site.learners[1])
    report = engine().run()
    assert report.ok, report
    assert synced(db) == set(ids)
    assert report.threads_fetched == 8
    assert report.posts_stored == 8 + 5
    assert len(post_ids(db)) == 13
    assert report.requests_by_function["discussion_posts"] == 8


def test_waiting_discussions_are_fetched_first_oldest_first(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    answered = site.start(forum, site.learners[0])
    site.reply(answered, site.moderator)
    old, new = site.start(forum, site.learners[1]), site.start(forum, site.learners[2])
    order: list[int] = []
    eng = engine()
    inner = eng.platform.inner
    original = inner.discussion_posts

    def recording(discussion_id: int):  # type: ignore[no-untyped-def]
        order.append(discussion_id)
        return original(discussion_id)

    inner.discussion_posts = recording  # type: ignore[method-assign]
    assert eng.run().ok
    assert order == [old, new, answered]


def test_threads_fetched_before_a_cancel_are_kept(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 6)
    cancel = threading.Event()

    def progress(p: Progress) -> None:
        if p.phase == "posts" and p.done == 3:
            cancel.set()  # after three threads came in, none of them stored yet

    report = engine(cancel=cancel, progress=progress).run()
    assert report.interrupted
    assert site.requests(FN_POSTS) == 3
    assert report.threads_fetched == 3
    assert len(synced(db)) == 3  # the partial batch was stored on the way out

    report = engine().run()
    assert report.ok
    assert report.requests_by_function["discussion_posts"] == 3  # only the rest
    assert synced(db) == set(ids)


def test_an_auth_error_keeps_what_was_fetched_and_ends_the_run(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    site.starts(forum, site.learners[0], 5)
    assert engine().pull_lists().ok

    def progress(p: Progress) -> None:
        if p.phase == "posts" and p.done == 2:
            site.sb.faults.set(FN_POSTS, Fault.expired_token())

    report = engine(progress=progress).run()
    assert isinstance(report.error, AuthError)
    assert site.requests(FN_POSTS) == 3  # the refused one, then nothing more
    assert len(synced(db)) == 2


def test_a_discussion_gone_mid_batch_is_removed_and_the_others_stored(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 4)
    assert engine().pull_lists().ok
    site.delete_discussion(ids[1])
    report = engine(reconcile_after=10**9).pull()
    assert report.discussions_removed == 1
    assert report.threads_fetched == 3
    with db.session() as s:
        assert set(s.execute(select(m.Discussion.id)).scalars()) == set(ids) - {ids[1]}
    assert synced(db) == set(ids) - {ids[1]}


def test_fetch_thread_alone_stores_one_thread_and_reconciles_its_posts(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    reply = site.reply(did, site.learners[1])
    assert engine().run().ok
    assert reply in post_ids(db)
    site.sb.state.delete_post(reply)
    eng = engine()
    thread = eng.fetch_thread(did)
    assert [p.id for p in thread.posts] == [site.first_post(did)]
    assert post_ids(db) == {site.first_post(did)}
    with db.session() as s:
        row = s.get(m.Discussion, did)
        assert row is not None and row.is_waiting


# -- parallel fetchers ------------------------------------------------------------------


def _factory(site: Site, made: list[MoodleClient]) -> Callable[[], MoodleClient]:
    token = site.sb.token_for(MODERATOR)

    def make() -> MoodleClient:
        client = MoodleClient(site.sb.url, token, backoff=0.0)
        made.append(client)
        return client

    return make


def _fetchers_alive() -> list[str]:
    return [t.name for t in threading.enumerate() if t.name.startswith("posts-fetch")]


def test_parallel_fetchers_store_every_thread_once_on_a_few_clients(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 30)
    for did in ids[:10]:
        site.reply(did, site.learners[1])
    made: list[MoodleClient] = []
    report = engine(platform_factory=_factory(site, made), fetchers=4).run()
    assert report.ok, report
    assert synced(db) == set(ids)
    assert len(post_ids(db)) == 40
    assert (report.threads_fetched, report.posts_stored) == (30, 40)
    assert report.requests_by_function["discussion_posts"] == 30 == site.requests(FN_POSTS)
    assert 1 < len(made) <= 4  # the work was shared, on no more clients than asked
    assert _fetchers_alive() == []


class _SlowSite:
    """A platform whose answers take random times: parallel ones come back out of order."""

    def __init__(self, missing: int) -> None:
        self.missing = missing
        self.rng = random.Random(7)
        self.lock = threading.Lock()

    def discussion_posts(self, discussion_id: int) -> pt.DiscussionPosts:
        with self.lock:
            pause = self.rng.random() / 100
        time.sleep(pause)
        if discussion_id == self.missing:
            raise NotFound("gone")
        return pt.DiscussionPosts(course_id=1, forum_id=1, posts=[])


def test_parallel_results_are_handed_back_in_the_order_asked(db: Database) -> None:
    site = _SlowSite(missing=7)
    ctx = RunContext(
        db=db,
        platform=CountingPlatform(site),  # type: ignore[arg-type]
        user_id=1,
        report=SyncReport(),
        cancel=threading.Event(),
        now=lambda: 0,
    )
    ids = list(range(1, 41))
    got = list(posts_phase._fetch_in_parallel(ctx, ids, lambda: site, 4))  # type: ignore[arg-type, return-value]
    assert [did for did, _ in got] == ids
    assert isinstance(got[6][1], NotFound)  # failures come back as values, in their place
    assert ctx.platform.counts["discussion_posts"] == 40
    assert _fetchers_alive() == []


def test_parallel_cancel_stops_the_fetchers_and_keeps_what_came_in(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 40)
    cancel = threading.Event()

    def progress(p: Progress) -> None:
        if p.phase == "posts" and p.done == 3:
            cancel.set()

    made: list[MoodleClient] = []
    report = engine(
        platform_factory=_factory(site, made), fetchers=4, cancel=cancel, progress=progress
    ).run()
    assert report.interrupted
    assert report.threads_fetched == 3 and len(synced(db)) == 3
    assert site.requests(FN_POSTS) <= 3 + 2 * 4  # asked ahead a little, not the whole list
    assert _fetchers_alive() == []
    assert engine().run().ok
    assert synced(db) == set(ids)


def test_parallel_auth_error_ends_the_run_and_the_fetchers(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    site.starts(forum, site.learners[0], 20)
    assert engine().pull_lists().ok

    def progress(p: Progress) -> None:
        if p.phase == "posts" and p.done == 2:
            site.sb.faults.set(FN_POSTS, Fault.expired_token())

    made: list[MoodleClient] = []
    report = engine(platform_factory=_factory(site, made), fetchers=4, progress=progress).run()
    assert isinstance(report.error, AuthError)
    assert len(synced(db)) >= 2
    assert _fetchers_alive() == []
