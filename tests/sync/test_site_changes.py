"""What the site changes without moving a discussion in its forum's list: locks and
edits. A lock is seen on every list page fetched (and at reconcile); an edited opener
shows in its entry's `modified`; an edited reply is read when the thread is opened and,
for waiting threads, at reconcile."""

from __future__ import annotations

from sqlalchemy import select

from moderator_app.services.queue import QueueFilter, QueueService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync.plan import RECONCILE_AFTER
from tests.sync.conftest import FN_POSTS, AppClock, EngineFactory, Site


def _queue(db: Database, **flt: bool) -> list[int]:
    return [i.discussion_id for i in QueueService(db).page(QueueFilter(**flt))]


def _post(db: Database, post_id: int) -> m.Post:
    with db.session() as s:
        row = s.get(m.Post, post_id)
        assert row is not None
        s.expunge(row)
        return row


# -- locks -------------------------------------------------------------------------------


def test_a_discussion_locked_on_the_site_leaves_the_queue_for_the_locked_list(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    first, second = site.start(forum, site.learners[0]), site.start(forum, site.learners[1])
    assert engine().run().ok
    assert set(_queue(db)) == {first, second}

    site.lock_on_site(first)  # the lock leaves its place in the list alone
    assert engine().run().ok

    assert _queue(db) == [second]
    assert _queue(db, locked=True) == [first]
    assert QueueService(db).count(QueueFilter(locked=True)) == 1


def test_a_lock_beyond_the_probe_page_is_found_at_reconcile(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    ids = site.starts(forum, site.learners[0], 12)
    assert engine().run().ok
    oldest = ids[0]  # last in the site's order: not on an incremental probe page
    site.lock_on_site(oldest)
    assert engine().run().ok
    assert oldest in _queue(db)  # unseen yet: the probe page holds the newest few

    clock.value += RECONCILE_AFTER
    report = engine().run()

    assert report.forums_reconciled == 1
    assert oldest not in _queue(db)
    assert _queue(db, locked=True) == [oldest]


def test_unlocked_on_the_site_it_waits_again(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    site.lock_on_site(did)
    assert engine().run().ok
    assert _queue(db) == []
    with site.sb.state.tx() as conn:
        conn.execute("UPDATE discussions SET timelocked = 0 WHERE id = ?", (did,))
    assert engine().run().ok
    assert _queue(db) == [did]


# -- edits -------------------------------------------------------------------------------


def test_opening_a_thread_shows_edits_and_deletions_made_on_the_site(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    gone = site.reply(did, site.learners[1])
    kept = site.reply(did, site.learners[2])
    assert engine().run().ok
    opener = site.first_post(did)
    site.sb.state.edit_post(opener, "<p>q, better put</p>", "Question, edited", when=site.tick())
    edited_at = site.tick()
    site.sb.state.edit_post(kept, "<p>second thoughts</p>", when=edited_at)
    site.sb.state.delete_post(gone)
    eng = engine()

    eng.fetch_thread(did)

    assert eng.platform.counts == {"discussion_posts": 1}  # one request for the thread
    assert _post(db, kept).message == "<p>second thoughts</p>"
    assert _post(db, kept).time_modified == edited_at
    assert _post(db, opener).subject == "Question, edited"
    item = QueueService(db).get(did)
    assert item is not None and item.subject == "Question, edited"
    with db.session() as s:
        assert set(s.execute(select(m.Post.id).where(m.Post.discussion_id == did)).scalars()) == {
            opener,
            kept,
        }


def test_an_edited_opener_is_read_again_at_the_next_sync(
    site: Site, db: Database, engine: EngineFactory
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    opener = site.first_post(did)
    site.sb.state.edit_post(opener, "<p>the real question</p>", when=site.tick())

    report = engine().run()

    assert report.requests_by_function.get("discussion_posts") == 1
    assert _post(db, opener).message == "<p>the real question</p>"
    assert site.requests(FN_POSTS) == 2


def test_an_edited_reply_in_a_waiting_thread_is_read_again_at_reconcile(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    reply = site.reply(did, site.learners[1])
    answered = site.start(forum, site.learners[0])
    site.reply(answered, site.moderator)
    assert engine().run().ok
    site.sb.state.edit_post(reply, "<p>edited reply</p>", when=site.tick())
    assert engine().run().requests_by_function.get("discussion_posts", 0) == 0

    clock.value += RECONCILE_AFTER
    report = engine().run()

    assert report.forums_reconciled == 1
    assert report.requests_by_function.get("discussion_posts") == 1  # the waiting one only
    assert _post(db, reply).message == "<p>edited reply</p>"
