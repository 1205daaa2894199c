"""The outbox: written with its local effect, sent in order, crash-safe."""

from __future__ import annotations

import pytest
from sqlalchemy import select, update

from moderator_app.platform.errors import InvalidInput, Transient
from moderator_app.platform.types import NewPost
from moderator_app.services.outbox import OutboxService, pending_reply_discussions, plain_to_html
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op
from tests.sync.fakes import LEARNERS, TEACHER, FakeSite

COURSE = 7


def engine(db: Database, site: FakeSite) -> SyncEngine:
    return SyncEngine(db, site, account_user_id=TEACHER, now=lambda: site.clock)  # type: ignore[arg-type]


def ready(db: Database, site: FakeSite, n: int = 2) -> list[int]:
    site.add_course(COURSE)
    site.add_forum(1, COURSE)
    ids = [site.start(1, LEARNERS[0]) for _ in range(n)]
    assert engine(db, site).run().ok
    return ids


def outbox(db: Database, site: FakeSite) -> OutboxService:
    return OutboxService(db, "moderator", now=lambda: site.clock)


def replies_by_teacher(site: FakeSite, did: int) -> list[str]:
    return [p.message for p in site.posts[did] if p.author_id == TEACHER]


def state(db: Database, item_id: str) -> m.OutboxItem:
    with db.session() as s:
        item = s.get(m.OutboxItem, item_id)
        assert item is not None
        return item


def test_plain_text_becomes_escaped_moodle_html() -> None:
    assert plain_to_html("Hi <b>all</b>\nsee https://x.org/a?b=1&c=2.\n\nBye") == (
        '<p>Hi &lt;b&gt;all&lt;/b&gt;<br>see <a href="https://x.org/a?b=1&amp;c=2">'
        "https://x.org/a?b=1&amp;c=2</a>.</p><p>Bye</p>"
    )


def test_empty_reply_is_refused(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    with pytest.raises(InvalidInput):
        outbox(db, site).reply(did, site.disc_map[did].first_post_id, "  \n ")


def test_reply_is_pending_locally_then_sent_and_ends_the_wait(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "Good question")
    with db.session() as s:
        assert pending_reply_discussions(s) == {did}
    report = engine(db, site).run()
    assert report.outbox_sent == 1
    assert replies_by_teacher(site, did) == ["<p>Good question</p>"]
    assert state(db, item).state == op.DONE
    with db.session() as s:
        assert pending_reply_discussions(s) == set()
        d = s.get(m.Discussion, did)
        assert d is not None and not d.is_waiting


def test_order_per_discussion_second_waits_for_the_first(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    box = outbox(db, site)
    first = box.reply(did, site.disc_map[did].first_post_id, "one")
    second = box.reply(did, site.disc_map[did].first_post_id, "two")
    site.offline = True
    engine(db, site).push()
    site.offline = False
    assert state(db, first).state == op.FAILED_RETRYABLE
    assert state(db, second).state == op.PENDING
    # Still backing off: neither goes, the second does not overtake.
    assert engine(db, site).push().outbox_sent == 0
    site.clock = state(db, first).not_before
    assert engine(db, site).push().outbox_sent == 2
    assert replies_by_teacher(site, did) == ["<p>one</p>", "<p>two</p>"]


def test_backoff_grows_with_attempts(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "x")
    site.offline = True
    waits = []
    for _ in range(3):
        engine(db, site).push()
        row = state(db, item)
        waits.append(row.not_before - site.clock)
        site.clock = row.not_before
    assert waits == [op.backoff(1), op.backoff(2), op.backoff(3)]
    assert waits[0] < waits[1] < waits[2]


def test_locked_discussion_needs_attention_with_the_reason(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "x")
    from dataclasses import replace

    site.disc_map[did] = replace(site.disc_map[did], locked=True)
    with db.session() as s:
        s.execute(update(m.Discussion).where(m.Discussion.id == did).values(locked=True))
    report = engine(db, site).push()
    assert report.outbox_needs_attention == 1
    [entry] = outbox(db, site).list()
    assert entry.id == item and entry.state == op.FAILED_NEEDS_ATTENTION
    assert entry.reason == op.REASON_LOCKED and entry.last_error_code == "nopostforum"


def test_deleted_discussion_needs_attention(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    outbox(db, site).reply(did, site.disc_map[did].first_post_id, "x")
    site.delete_discussion(did)
    engine(db, site).push()
    [entry] = outbox(db, site).list()
    assert entry.state == op.FAILED_NEEDS_ATTENTION and entry.reason == op.REASON_DELETED


def test_scheduled_item_is_not_sent_before_its_time_and_once_after(
    db: Database, site: FakeSite
) -> None:
    ready(db, site)
    sent: list[str] = []
    site.start_discussion = lambda f, subj, msg, opts: sent.append(subj) or 999  # type: ignore[attr-defined]
    at = site.clock + 3600
    outbox(db, site).start_discussion(1, "Your motto?", "Tell us", not_before=at)
    engine(db, site).push()
    assert sent == []
    site.clock = at
    engine(db, site).push()
    engine(db, site).push()
    assert sent == ["Your motto?"]


def test_item_found_sending_after_a_crash_is_checked_not_resent(
    db: Database, site: FakeSite
) -> None:
    did = ready(db, site)[0]
    first_post = site.disc_map[did].first_post_id
    item = outbox(db, site).reply(did, first_post, "only once")
    # The crash: marked sending, the platform applied it, the answer never came back.
    with db.session() as s:
        s.execute(update(m.OutboxItem).where(m.OutboxItem.id == item).values(state=op.SENDING))
    site.reply(first_post, "Re", "<p>only once</p>")
    report = engine(db, site).push()
    assert report.outbox_confirmed == 1 and report.outbox_sent == 0
    assert replies_by_teacher(site, did) == ["<p>only once</p>"]
    assert state(db, item).state == op.DONE


def test_item_found_sending_but_not_applied_is_sent_once(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "lost")
    with db.session() as s:
        s.execute(update(m.OutboxItem).where(m.OutboxItem.id == item).values(state=op.SENDING))
    assert engine(db, site).push().outbox_sent == 1
    assert replies_by_teacher(site, did) == ["<p>lost</p>"]


def test_maybe_applied_transient_is_checked_next_time(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "maybe")
    original = site.reply

    def applied_then_dropped(
        post_id: int, subject: str, message: str, *, private: bool = False
    ) -> NewPost:
        original(post_id, subject, message, private=private)
        error = Transient("connection dropped")
        error.maybe_applied = True  # type: ignore[attr-defined]
        raise error

    site.reply = applied_then_dropped  # type: ignore[method-assign]
    report = engine(db, site).push()
    assert report.offline
    assert state(db, item).last_error_code == op.MAYBE_APPLIED
    site.reply = original  # type: ignore[method-assign]
    site.clock = state(db, item).not_before
    report = engine(db, site).push()
    assert report.outbox_confirmed == 1
    assert replies_by_teacher(site, did) == ["<p>maybe</p>"]


def test_lock_pin_show_locally_and_cancel_undoes(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    box = outbox(db, site)
    lock = box.lock(did)
    box.pin(did)
    with db.session() as s:
        d = s.get(m.Discussion, did)
        assert d is not None and d.locked and d.pinned
    box.cancel(lock)
    with db.session() as s:
        d = s.get(m.Discussion, did)
        assert d is not None and not d.locked and d.pinned
        kinds = set(s.execute(select(m.OutboxItem.kind)).scalars())
    assert kinds == {"pin"}


def test_cancel_refuses_an_item_on_its_way(db: Database, site: FakeSite) -> None:
    did = ready(db, site)[0]
    item = outbox(db, site).reply(did, site.disc_map[did].first_post_id, "x")
    with db.session() as s:
        s.execute(update(m.OutboxItem).where(m.OutboxItem.id == item).values(state=op.SENDING))
    with pytest.raises(InvalidInput):
        outbox(db, site).cancel(item)


def test_sendable_keeps_order_and_skips_scheduled() -> None:
    views = [
        op.ItemView("a", 1, op.FAILED_NEEDS_ATTENTION, "d:1", 0),
        op.ItemView("b", 2, op.PENDING, "d:1", 0),
        op.ItemView("c", 3, op.PENDING, None, 500),
        op.ItemView("d", 4, op.PENDING, "d:2", 0),
        op.ItemView("e", 5, op.DONE, "d:3", 0),
    ]
    assert [v.id for v in op.sendable(views, now=100)] == ["d"]
    assert [v.id for v in op.sendable(views, now=500)] == ["c", "d"]
