"""The main window against the sandbox site: sync, reply, offline reply, new-post reminder."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.queue_model import Role
from moderator_app.platform.limits import SEND_SETTLE_SECONDS
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import ANY, MODERATOR, Fault, Sandbox
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import save_account

STAFF_ROLES = {"editingteacher", "teacher", "manager"}
SYNC_TIMEOUT_MS = 60_000


def expected_waiting(sb: Sandbox, moderator_id: int) -> set[int]:
    """The queue rule computed independently, straight from the site's own tables."""
    state = sb.state
    staff = {
        (r["courseid"], r["userid"])
        for r in state.rows("SELECT courseid, userid, role FROM enrolments")
        if r["role"] in STAFF_ROLES
    }
    courses = {
        r["courseid"]
        for r in state.rows("SELECT courseid FROM enrolments WHERE userid = ?", (moderator_id,))
    }
    waiting = set()
    for d in state.rows(
        "SELECT d.id, f.courseid FROM discussions d JOIN forums f ON f.id = d.forumid"
    ):
        if d["courseid"] not in courses:
            continue
        posts = state.posts_in(d["id"])
        if not posts:
            continue
        last = max(posts, key=lambda p: (p["created"], p["id"]))
        if last["userid"] != moderator_id and (d["courseid"], last["userid"]) not in staff:
            waiting.add(d["id"])
    return waiting


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox.start()
    yield sb
    sb.stop()


@pytest.fixture
def live(sandbox: Sandbox, tmp_path: Path, make_window) -> Iterator[MainWindow]:
    token = sandbox.token_for(MODERATOR)

    def factory() -> MoodleClient:  # a fresh client per sync, as the app does
        return MoodleClient(sandbox.url, token, timeout=5.0, read_retries=0, backoff=0.0)

    info = factory().site_info()
    db = Database.open(tmp_path / "moderator.sqlite")
    with db.session() as s:
        save_account(s, info, int(time.time()))
    window = make_window(db, platform_factory=factory, now=time.time, site_info=info)
    yield window
    window.tasks.shutdown()
    db.close()


def sync(window: MainWindow, qtbot) -> object:
    with qtbot.waitSignal(window.sync_finished, timeout=SYNC_TIMEOUT_MS) as done:
        qtbot.keyClick(window.view, Qt.Key.Key_F5)
    return done.args[0]


def queue_ids(window: MainWindow) -> set[int]:
    model = window.model
    while model.canFetchMore():
        model.fetchMore()
    return {model.index(r, 0).data(Role.DISCUSSION_ID) for r in range(model.rowCount())}


def test_after_a_sync_the_queue_is_exactly_the_waiting_discussions(live, sandbox, qtbot) -> None:
    report = sync(live, qtbot)
    assert report.ok, report
    expected = expected_waiting(sandbox, live.context.site_info.user_id)
    assert expected, "the demo seed should have learners waiting"
    assert queue_ids(live) == expected
    assert live.status.online.text() == "● Online"
    assert live.status.last_sync.text() != "Last sync: never"


def test_reply_from_the_queue_reaches_the_site_and_leaves_the_queue(live, sandbox, qtbot) -> None:
    sync(live, qtbot)
    live.select_row(0)
    item = live.current_item()
    assert item is not None
    qtbot.keyClick(live.view, Qt.Key.Key_R)
    qtbot.keyClicks(live.reply_box.edit, "Goede vraag!")
    qtbot.keyClick(live.reply_box.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ShiftModifier)
    qtbot.keyClicks(live.reply_box.edit, "Zie https://example.org/uitleg")
    with qtbot.waitSignal(live.reply_finished, timeout=SYNC_TIMEOUT_MS):
        qtbot.keyClick(live.reply_box.edit, Qt.Key.Key_Return, Qt.KeyboardModifier.ControlModifier)
    ours = [
        p
        for p in sandbox.state.posts_in(item.discussion_id)
        if p["userid"] == live.context.site_info.user_id and "Goede vraag!" in p["message"]
    ]
    assert len(ours) == 1
    assert 'href="https://example.org/uitleg"' in ours[0]["message"]
    assert item.discussion_id not in queue_ids(live)
    assert live.status.outbox.text() == "Outbox: 0"
    assert live.reply_box.text() == ""


def test_offline_reply_waits_in_the_outbox_and_goes_at_the_next_sync(live, sandbox, qtbot) -> None:
    sync(live, qtbot)
    live.select_row(0)
    item = live.current_item()
    assert item is not None
    sandbox.faults.set(ANY, Fault.drop())  # the connection drops before every request
    live.reply_box.set_text("Ik kijk er morgen naar.")
    with qtbot.waitSignal(live.reply_finished, timeout=SYNC_TIMEOUT_MS):
        live.actions_by_name["send"].trigger()
    assert live.status.outbox.text() == "Outbox: 1"
    assert live.status.online.text() == "○ Offline"
    assert item.discussion_id in queue_ids(live)
    row = live.model.row_of(item.discussion_id)
    assert live.model.index(row, 0).data(Role.REPLY_PENDING) is True
    assert "reply pending" in live.model.index(row, 3).data()
    assert not [p for p in sandbox.state.posts_in(item.discussion_id) if "morgen" in p["message"]]

    sandbox.faults.clear()  # back online
    # The send got no answer, so it may still land until its settle time: F5 looks for
    # it only after that (earlier it could post it twice). As if that time had passed:
    _age_unanswered_sends(live.outbox.db)
    report = sync(live, qtbot)
    assert report.outbox_sent == 1
    sent = [p for p in sandbox.state.posts_in(item.discussion_id) if "morgen" in p["message"]]
    assert len(sent) == 1
    assert live.status.outbox.text() == "Outbox: 0"
    assert item.discussion_id not in queue_ids(live)


def _age_unanswered_sends(db: Database) -> None:
    with db.session() as s:
        s.execute(
            update(m.OutboxItem).values(
                claimed_at=m.OutboxItem.claimed_at - SEND_SETTLE_SECONDS,
                not_before=m.OutboxItem.not_before - SEND_SETTLE_SECONDS,
            )
        )


def _new_learner_question(sandbox: Sandbox, subject: str) -> int:
    forum = sandbox.state.rows("SELECT id FROM forums ORDER BY id")[0]["id"]
    learner = sandbox.state.rows(
        "SELECT e.userid FROM enrolments e JOIN forums f ON f.courseid = e.courseid "
        "WHERE f.id = ? AND e.role = 'student'",
        (forum,),
    )[0]["userid"]
    return int(sandbox.state.add_discussion(forum, learner, subject, "<p>Wie helpt?</p>"))


def test_new_waiting_posts_raise_the_reminder(live, sandbox, qtbot) -> None:
    new: list[list[int]] = []
    shown: list[str] = []
    live.new_waiting.connect(new.append)
    live.reminder_shown.connect(shown.append)
    sync(live, qtbot)
    assert new == [] and shown == []  # the first sync only takes stock
    new_id = _new_learner_question(sandbox, "Nieuwe vraag")
    sync(live, qtbot)
    assert new == [[new_id]]
    assert shown == ["1 learner post(s) started waiting for an answer."]
    sync(live, qtbot)
    assert len(new) == 1  # the same post is not announced twice

    live.context.settings.notify_new_waiting = False  # switched off in settings
    second = _new_learner_question(sandbox, "Nog een vraag")
    sync(live, qtbot)
    assert new[-1] == [second] and len(shown) == 1


def test_a_stale_thread_is_fetched_when_opened(sandbox, tmp_path, make_window, qtbot) -> None:
    from moderator_app.sync import SyncEngine

    token = sandbox.token_for(MODERATOR)

    def factory() -> MoodleClient:
        return MoodleClient(sandbox.url, token, timeout=5.0, read_retries=0, backoff=0.0)

    info = factory().site_info()
    db = Database.open(tmp_path / "lists-only.sqlite")
    with db.session() as s:
        save_account(s, info, int(time.time()))
    # Only the discussion lists: the queue is right, the posts are not here yet.
    SyncEngine(db, factory(), account_user_id=info.user_id).pull_lists()
    window = make_window(db, platform_factory=factory, now=time.time, site_info=info, show=False)
    replied = [i for i in range(window.model.rowCount()) if window.model.item(i).num_replies > 0]
    assert replied, "the demo seed has waiting discussions with replies"
    item = window.model.item(replied[0])
    reply_texts = [p["message"] for p in sandbox.state.posts_in(item.discussion_id)[1:]]
    with qtbot.waitSignal(
        window.thread_shown,
        timeout=SYNC_TIMEOUT_MS,
        check_params_cb=lambda i: i == item.discussion_id,
    ) as shown:
        window.select_row(replied[0])
    assert shown.args == [item.discussion_id]
    # First the list's first post, then (fetched in the background) the whole thread.
    qtbot.waitUntil(
        lambda: all(_plain(t) in window.browser.toPlainText() for t in reply_texts),
        timeout=SYNC_TIMEOUT_MS,
    )
    window.tasks.shutdown()
    db.close()


def _plain(html: str) -> str:
    from PySide6.QtGui import QTextDocumentFragment

    return QTextDocumentFragment.fromHtml(html).toPlainText().strip().splitlines()[0]


def test_the_window_stays_responsive_during_a_sync(live, sandbox, qtbot) -> None:
    sync(live, qtbot)  # a first sync, so the queue has items to move through
    held = sandbox.faults.hold("mod_forum_get_forum_discussions")
    with qtbot.waitSignal(live.sync_finished, timeout=SYNC_TIMEOUT_MS) as done:
        qtbot.keyClick(live.view, Qt.Key.Key_F5)
        qtbot.waitUntil(held.reached.is_set, timeout=SYNC_TIMEOUT_MS)
        # The sync is stuck on the network; the window still works.
        first = live.current_item()
        qtbot.keyClick(live.view, Qt.Key.Key_J)
        assert live.current_item() != first
        assert not live.actions_by_name["sync"].isEnabled()
        qtbot.waitUntil(live.status.progress.isVisible, timeout=SYNC_TIMEOUT_MS)
        held.release()
    assert done.args[0].ok
    assert not live.status.progress.isVisible()
    assert live.actions_by_name["sync"].isEnabled()


def test_auto_sync_follows_the_setting(live) -> None:
    live.context.settings.auto_sync_minutes = 0
    live.apply_settings()
    assert not live._auto_sync.isActive()
    live.context.settings.auto_sync_minutes = 7
    live.apply_settings()
    assert live._auto_sync.isActive() and live._auto_sync.interval() == 7 * 60_000


def test_a_refused_reply_says_the_site_refused_it_not_offline(live, sandbox, qtbot) -> None:
    sync(live, qtbot)
    live.select_row(0)
    item = live.current_item()
    assert item is not None
    sandbox.state.delete_post(item.first_post_id)  # deleted on the site after our sync
    live.reply_box.set_text("Toch nog een vraag.")
    with qtbot.waitSignal(live.reply_finished, timeout=SYNC_TIMEOUT_MS):
        live.actions_by_name["send"].trigger()
    status = live.statusBar().currentMessage()
    assert "The site refused the reply (it was deleted on the site)" in status
    assert "Offline" not in status
    assert live.status.online.text() == "● Online"
    assert live.status.outbox.text() == "Outbox: 1"  # it waits there for the moderator
