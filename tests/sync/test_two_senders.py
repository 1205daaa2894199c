"""Two senders on one outbox: every reply reaches the site exactly once.

Two `moderator-app sync` processes on one database; the window's send and a sync
on two threads of one process; a sync killed mid-request and started again at once.
The site is the sandbox over HTTP, slowed or holding the reply so the senders overlap.
"""

from __future__ import annotations

import shutil
import signal
import threading
from pathlib import Path

import pytest
from sqlalchemy import select

from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import DEMO_PASSWORD, MODERATOR, Fault, Sandbox
from moderator_app.services import accounts
from moderator_app.services.outbox import OutboxService
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import SyncEngine
from moderator_app.sync import outbox_plan as op
from tests.sync.conftest import (
    FN_POSTS,
    FN_REPLY,
    AppClock,
    EngineFactory,
    Site,
    in_thread,
    sync_process,
    wait_until,
)


def _signed_in(sb: Sandbox) -> tuple[Database, str, int]:
    """The demo moderator's account in this test's data dir, synced once."""
    result = accounts.sign_in(sb.url, MODERATOR, DEMO_PASSWORD)
    db = Database.open(accounts.db_path(result.ref))
    token = sb.token_for(MODERATOR)
    user_id = result.site_info.user_id
    assert SyncEngine(db, MoodleClient(sb.url, token), account_user_id=user_id).run().ok
    return db, token, user_id


def _waiting(db: Database) -> list[tuple[int, int]]:
    with db.session() as s:
        rows = s.execute(
            select(m.Discussion.id, m.Discussion.first_post_id).where(m.Discussion.is_waiting)
        ).all()
    return [(int(d), int(p)) for d, p in rows]


def _on_site(sb: Sandbox, discussion_id: int, user_id: int, text: str) -> int:
    posts = sb.state.posts_in(discussion_id)
    return sum(1 for p in posts if p["userid"] == user_id and text in p["message"])


def _row(db: Database, item_id: str) -> m.OutboxItem:
    with db.session() as s:
        row = s.get(m.OutboxItem, item_id)
        assert row is not None
        s.expunge(row)
        return row


def _same_database_elsewhere(data_dir: Path, other: Path) -> Path:
    """A second data folder whose account database is the same file (a symlink).

    The app's one-process lock (store/data_lock.py, a file beside the database) does
    not see across folders; the outbox alone must keep the two processes apart.
    SQLite follows the link, so both share one file, its WAL and its locks.
    """
    skip = shutil.ignore_patterns("*.sqlite", "*.sqlite-*", "*.lock", "*.bak-*")
    shutil.copytree(data_dir, other, ignore=skip)
    for database in data_dir.rglob("*.sqlite"):
        (other / database.relative_to(data_dir)).symlink_to(database)
    return other


@pytest.mark.slow
def test_two_sync_processes_on_one_database_send_each_reply_once(
    demo_sandbox: Sandbox, data_dir: Path, tmp_path: Path
) -> None:
    db, token, user_id = _signed_in(demo_sandbox)
    waiting = _waiting(db)
    assert waiting, "the demo has waiting questions"
    box = OutboxService(db, MODERATOR)
    queued: list[tuple[str, int, str]] = []
    for n in range(20):  # spread over the discussions: several may go at once
        did, first = waiting[n % len(waiting)]
        text = f"Antwoord nummer {n} van twintig"
        queued.append((box.reply(did, first, text), did, text))
    demo_sandbox.faults.set(FN_REPLY, Fault.latency(0.3))  # a slow site: the senders overlap

    # Neither waits for the other: a second folder escapes the one-process lock, and
    # should the lock ever catch it, the sync exits at once (3) and this test fails.
    folders = [data_dir, _same_database_elsewhere(data_dir, tmp_path / "data-2")]
    procs = [sync_process(folder, token, MODERATOR_DESK_LOCK_WAIT="0") for folder in folders]
    try:
        codes = [p.wait(timeout=180) for p in procs]
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
        demo_sandbox.faults.clear()
    assert codes == [0, 0]

    counts = [_on_site(demo_sandbox, did, user_id, text) for _, did, text in queued]
    assert counts == [1] * 20
    assert demo_sandbox.requests[FN_REPLY] == 20  # nobody even tried one twice
    assert {_row(db, item).state for item, _, _ in queued} == {op.DONE}
    db.close()


class _WatchedCancel(threading.Event):
    """A cancel flag that counts how often its push looks at it.

    A push waiting for its turn looks again and again; one that goes ahead looks once
    per item before sending it.
    """

    def __init__(self) -> None:
        super().__init__()
        self.looks = 0

    def is_set(self) -> bool:
        self.looks += 1
        return super().is_set()


def _waiting_or_sent(site: Site, watched: _WatchedCancel, before: int) -> bool:
    """The second push is waiting its turn, or it did not wait and sent its own request."""
    return watched.looks >= 2 or site.requests(FN_REPLY) > before


def test_window_send_during_a_sync_sends_the_reply_once(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    did = site.start(forum, site.learners[0])
    assert engine().run().ok
    item = OutboxService(db, MODERATOR, now=clock).reply(did, site.first_post(did), "één keer")
    hold = site.sb.faults.hold(FN_REPLY)  # the sync's reply is on its way, not yet applied
    sync_thread, sync_result = in_thread(engine().run)
    try:
        assert hold.wait_reached(10)
        assert _row(db, item).state == op.SENDING
        # The window's send job (gui/sync_jobs.send_reply_job) pushes at that moment.
        watched = _WatchedCancel()
        send_thread, send_result = in_thread(engine(cancel=watched).push)
        wait_until(lambda: _waiting_or_sent(site, watched, 1))
    finally:
        hold.release()
    sync_thread.join(30)
    send_thread.join(30)
    assert not sync_thread.is_alive() and not send_thread.is_alive()

    assert site.messages_by(did, site.moderator) == ["<p>één keer</p>"]
    assert site.requests(FN_REPLY) == 1
    assert sync_result[0].outbox_sent + send_result[0].outbox_sent == 1
    assert _row(db, item).state == op.DONE


def test_two_quick_window_sends_to_a_slow_site_send_each_reply_once(
    site: Site, db: Database, engine: EngineFactory, clock: AppClock
) -> None:
    forum = site.forum(site.course())
    first, second = site.start(forum, site.learners[0]), site.start(forum, site.learners[1])
    assert engine().run().ok
    box = OutboxService(db, MODERATOR, now=clock)
    one = box.reply(first, site.first_post(first), "een")
    hold = site.sb.faults.hold(FN_REPLY)
    first_send, _ = in_thread(engine().push)
    try:
        assert hold.wait_reached(10)
        two = box.reply(second, site.first_post(second), "twee")
        watched = _WatchedCancel()
        second_send, _ = in_thread(engine(cancel=watched).push)
        wait_until(lambda: _waiting_or_sent(site, watched, 1))
    finally:
        hold.release()
    first_send.join(30)
    second_send.join(30)
    assert not first_send.is_alive() and not second_send.is_alive()

    assert site.messages_by(first, site.moderator) == ["<p>een</p>"]
    assert site.messages_by(second, site.moderator) == ["<p>twee</p>"]
    assert site.requests(FN_REPLY) == 2
    assert {_row(db, one).state, _row(db, two).state} == {op.DONE}


@pytest.mark.slow
def test_killed_sync_started_again_at_once_waits_for_the_old_request(
    demo_sandbox: Sandbox, data_dir: Path
) -> None:
    db, token, user_id = _signed_in(demo_sandbox)
    did, first = _waiting(db)[0]
    text = "Dit antwoord was al onderweg"
    item = OutboxService(db, MODERATOR).reply(did, first, text)

    hold = demo_sandbox.faults.hold(FN_REPLY)  # the request reaches the site, parked
    procs = [sync_process(data_dir, token)]
    try:
        assert hold.wait_reached(timeout=60), "the sync never sent the reply"
        procs[0].send_signal(signal.SIGKILL)
        procs[0].wait(timeout=30)
        # Started again at once, while the old request is still at the site.
        procs.append(sync_process(data_dir, token))
        assert procs[1].wait(timeout=120) == 0
    finally:
        for p in procs:
            if p.poll() is None:
                p.kill()
    claimed = _row(db, item)
    assert claimed.state == op.SENDING  # left alone: not looked for, not resent
    assert demo_sandbox.requests[FN_REPLY] == 1

    # The old request lands after all (the site finishes what it was given).
    hold.release()
    demo_sandbox.faults.clear()
    wait_until(lambda: _on_site(demo_sandbox, did, user_id, text) == 1)

    clock = AppClock(claimed.updated_at + SEND_SETTLE_SECONDS - 1)
    client = MoodleClient(demo_sandbox.url, token)
    posts_before = demo_sandbox.requests[FN_POSTS]
    report = SyncEngine(db, client, account_user_id=user_id, now=clock).push()
    assert (report.outbox_sent, report.outbox_confirmed) == (0, 0)
    assert demo_sandbox.requests[FN_POSTS] == posts_before  # not even looked for yet

    clock.value += 1  # now it cannot land any more: look, find it, do not resend
    report = SyncEngine(db, client, account_user_id=user_id, now=clock).push()
    assert (report.outbox_sent, report.outbox_confirmed) == (0, 1)
    assert _on_site(demo_sandbox, did, user_id, text) == 1
    assert demo_sandbox.requests[FN_REPLY] == 1
    assert _row(db, item).state == op.DONE
    db.close()
