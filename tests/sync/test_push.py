"""The outbox against the sandbox over HTTP: written with its local effect, sent in order,
crash-safe.

Faults stand in for the network (HTTP 500, dropped connections before or after the
site applied the write, a request held at the site). The app's clock (`AppClock`) is
frozen, so backoff and scheduled items move only when a test moves it; the site keeps
real time, and nothing here needs to control it.
"""

from __future__ import annotations

import pytest
from sqlalchemy import update

from moderator_app.platform.errors import InvalidInput
from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.sandbox import Fault
from moderator_app.services.outbox import OutboxService, pending_reply_discussions, plain_to_html
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import (
    FN_POSTS,
    FN_REPLY,
    FN_START,
    AppClock,
    EngineFactory,
    Site,
    in_thread,
)


def ready(site: Site, engine: EngineFactory, n: int = 2, role: str = "editingteacher") -> list[int]:
    """n learner questions in one forum, synced. Returns their discussion ids."""
    forum = site.forum(site.course(role))
    ids = [site.start(forum, site.learners[0]) for _ in range(n)]
    assert engine().run().ok
    return ids


def outbox(db: Database, clock: AppClock) -> OutboxService:
    return OutboxService(db, "moderator", now=clock)


def state(db: Database, item_id: str) -> m.OutboxItem:
    with db.session() as s:
        item = s.get(m.OutboxItem, item_id)
        assert item is not None
        s.expunge(item)
        return item


def test_plain_text_becomes_escaped_moodle_html() -> None:
    assert plain_to_html("Hi <b>all</b>\nsee https://x.org/a?b=1&c=2.\n\nBye") == (
        '<p>Hi &lt;b&gt;all&lt;/b&gt;<br>see <a href="https://x.org/a?b=1&amp;c=2">'
        "https://x.org/a?b=1&amp;c=2</a>.</p><p>Bye</p>"
    )


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


def test_empty_reply_is_refused(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    with pytest.raises(InvalidInput):
        outbox(db, clock).reply(did, site.first_post(did), "  \n ")


def test_reply_is_pending_locally_then_sent_and_ends_the_wait(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "Good question")
    with db.session() as s:
        assert pending_reply_discussions(s) == {did}
    assert site.messages_by(did, site.moderator) == []  # nothing went out yet

    report = engine().run()
    assert report.outbox_sent == 1
    assert site.messages_by(did, site.moderator) == ["<p>Good question</p>"]
    assert state(db, item).state == op.DONE
    with db.session() as s:
        assert pending_reply_discussions(s) == set()
        d = s.get(m.Discussion, did)
        assert d is not None and not d.is_waiting


def test_order_per_discussion_second_waits_for_the_first(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    box = outbox(db, clock)
    first = box.reply(did, site.first_post(did), "one")
    second = box.reply(did, site.first_post(did), "two")
    site.sb.faults.set(FN_REPLY, Fault.http_500(times=1))
    engine().push()
    assert state(db, first).state == op.FAILED_RETRYABLE
    assert state(db, second).state == op.PENDING
    assert site.requests(FN_REPLY) == 1  # the second was not tried after the first failed
    # Still backing off: neither goes, and the second does not overtake.
    assert engine().push().outbox_sent == 0
    assert site.requests(FN_REPLY) == 1
    clock.value = state(db, first).not_before
    assert engine().push().outbox_sent == 2
    assert site.messages_by(did, site.moderator) == ["<p>one</p>", "<p>two</p>"]


def test_an_item_being_sent_is_left_alone_until_its_request_cannot_land() -> None:
    claimed = 1000
    views = [
        op.ItemView("a", 1, op.SENDING, "d:1", 0, claimed_at=claimed),
        op.ItemView("b", 2, op.PENDING, "d:1", 0),  # waits for the reply before it
    ]
    settled = claimed + SEND_SETTLE_SECONDS
    assert op.sendable(views, now=settled - 1) == []
    assert [v.id for v in op.sendable(views, now=settled)] == ["a"]


def test_backoff_grows_with_attempts(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "x")
    site.sb.faults.set(FN_REPLY, Fault.http_500())
    waits = []
    for _ in range(3):
        assert engine().push().offline
        row = state(db, item)
        waits.append(row.not_before - clock.value)
        clock.value = row.not_before
    assert waits == [op.backoff(1), op.backoff(2), op.backoff(3)]
    assert waits[0] < waits[1] < waits[2]
    assert site.requests(FN_REPLY) == 3  # one try per push, never a blind repeat
    assert site.messages_by(did, site.moderator) == []


def test_locked_discussion_needs_attention_with_the_reason(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    # Teachers may post in locked discussions; a moderator whose role lacks
    # mod/forum:canoverridediscussionlock (here: student) gets Moodle's refusal.
    did = ready(site, engine, role="student")[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "x")
    site.lock_on_site(did)  # locked while the reply waited in the outbox

    report = engine().run()  # the pull learns of the lock, then the push is refused
    assert report.outbox_needs_attention == 1
    [entry] = outbox(db, clock).list()
    assert entry.id == item and entry.state == op.FAILED_NEEDS_ATTENTION
    assert entry.reason == op.REASON_LOCKED and entry.last_error_code == "nopostforum"
    assert site.messages_by(did, site.moderator) == []


def test_a_lock_the_pull_cannot_see_is_looked_up_when_the_reply_is_refused(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    # 150 questions: the oldest sits on the second list page, far from the probe page,
    # and locking it on the site does not move it (its modified time stays).
    ids = ready(site, engine, n=150, role="student")
    oldest = ids[0]
    outbox(db, clock).reply(oldest, site.first_post(oldest), "x")
    site.lock_on_site(oldest)

    report = engine().run()
    assert report.outbox_needs_attention == 1
    [entry] = outbox(db, clock).list()
    assert entry.reason == op.REASON_LOCKED  # not "permission": Moodle says nopostforum for both
    with db.session() as s:
        local = s.get(m.Discussion, oldest)
        assert local is not None and local.locked  # the queue shows the lock too


def test_deleted_discussion_needs_attention(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    outbox(db, clock).reply(did, site.first_post(did), "x")
    site.delete_discussion(did)
    engine().push()
    [entry] = outbox(db, clock).list()
    assert entry.state == op.FAILED_NEEDS_ATTENTION and entry.reason == op.REASON_DELETED


def test_scheduled_item_is_not_sent_before_its_time_and_once_after(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    forum = int(site.sb.state.discussion(did)["forumid"])  # type: ignore[index]
    at = clock.value + 3600
    outbox(db, clock).start_discussion(forum, "Your motto?", "Tell us", not_before=at)
    engine().push()
    assert site.requests(FN_START) == 0
    clock.value = at
    engine().push()
    engine().push()
    assert site.requests(FN_START) == 1
    assert [d["name"] for d in site.sb.state.discussions_in(forum)].count("Your motto?") == 1


def test_a_new_discussion_found_sending_is_not_mistaken_for_one_with_the_same_title(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    forum = int(site.sb.state.discussion(did)["forumid"])  # type: ignore[index]
    # Earlier this hour the same weekly title went out with other words...
    site.sb.state.add_discussion(forum, site.moderator, "Stelling van de week", "<p>Eens?</p>")
    item = outbox(db, clock).start_discussion(forum, "Stelling van de week", "Oneens?")
    with db.session() as s:  # ...and the app died while sending this week's
        s.execute(update(m.OutboxItem).where(m.OutboxItem.id == item).values(state=op.SENDING))
    clock.value += SEND_SETTLE_SECONDS  # its request can no longer land

    report = engine().push()
    assert (report.outbox_confirmed, report.outbox_sent) == (0, 1)  # not lost
    titles = [d["name"] for d in site.sb.state.discussions_in(forum)]
    assert titles.count("Stelling van de week") == 2


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not-applied"])
def test_item_found_sending_after_a_crash_is_checked_not_resent(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock, applied: bool
) -> None:
    did = ready(site, engine)[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "only once")
    # The connection goes while the reply is out, after or before the site applied it...
    site.sb.faults.set(FN_REPLY, Fault.drop(after_write=applied, times=1))
    assert engine().push().offline
    assert len(site.messages_by(did, site.moderator)) == (1 if applied else 0)
    # ...and the app dies before it records anything: the row stays as it was claimed.
    with db.session() as s:
        s.execute(
            update(m.OutboxItem)
            .where(m.OutboxItem.id == item)
            .values(
                state=op.SENDING,
                not_before=0,
                last_error=None,
                last_error_code=None,
                updated_at=clock.value,  # the claim time
            )
        )
    posts_before = site.requests(FN_POSTS)
    # Until its request can no longer land it is left alone: neither looked for nor sent.
    clock.value += SEND_SETTLE_SECONDS - 1
    report = engine().push()
    assert (report.outbox_confirmed, report.outbox_sent) == (0, 0)
    assert site.requests(FN_POSTS) == posts_before
    assert state(db, item).state == op.SENDING

    clock.value += 1
    report = engine().push()
    assert site.requests(FN_POSTS) > posts_before  # looked on the site first
    assert (report.outbox_confirmed, report.outbox_sent) == ((1, 0) if applied else (0, 1))
    assert site.messages_by(did, site.moderator) == ["<p>only once</p>"]
    assert site.requests(FN_REPLY) == (1 if applied else 2)
    assert state(db, item).state == op.DONE


@pytest.mark.parametrize("applied", [True, False], ids=["applied", "not-applied"])
def test_maybe_applied_transient_is_checked_next_time(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock, applied: bool
) -> None:
    did = ready(site, engine)[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "maybe")
    site.sb.faults.set(FN_REPLY, Fault.drop(after_write=applied, times=1))
    report = engine().push()
    assert report.offline
    row = state(db, item)
    assert row.state == op.FAILED_RETRYABLE and row.last_error_code == op.MAYBE_APPLIED
    with pytest.raises(InvalidInput):  # nor may the user drop what may be on the site
        outbox(db, clock).cancel(item)

    clock.value = row.not_before
    report = engine().push()
    assert (report.outbox_confirmed, report.outbox_sent) == ((1, 0) if applied else (0, 1))
    assert site.messages_by(did, site.moderator) == ["<p>maybe</p>"]
    assert state(db, item).state == op.DONE


def test_lock_pin_show_locally_and_cancel_undoes(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    box = outbox(db, clock)
    lock = box.lock(did)
    box.pin(did)
    with db.session() as s:
        d = s.get(m.Discussion, did)
        assert d is not None and d.locked and d.pinned
    box.cancel(lock)
    with db.session() as s:
        d = s.get(m.Discussion, did)
        assert d is not None and not d.locked and d.pinned
    assert engine().push().outbox_sent == 1
    on_site = site.sb.state.discussion(did)
    assert on_site is not None and on_site["pinned"] and not on_site["timelocked"]


def test_cancel_refuses_an_item_on_its_way(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    did = ready(site, engine)[0]
    item = outbox(db, clock).reply(did, site.first_post(did), "x")
    hold = site.sb.faults.hold(FN_REPLY)  # the reply is parked at the site
    worker, result = in_thread(engine().push)
    try:
        assert hold.wait_reached(10)
        assert state(db, item).state == op.SENDING
        with pytest.raises(InvalidInput):
            outbox(db, clock).cancel(item)
    finally:
        hold.release()
        worker.join(30)
    assert not worker.is_alive()
    assert result[0].outbox_sent == 1
    assert state(db, item).state == op.DONE
    assert site.messages_by(did, site.moderator) == ["<p>x</p>"]
