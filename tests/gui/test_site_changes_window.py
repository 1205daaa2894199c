"""What the window shows for changes made on the site: a lock closes the reply box and
moves the discussion to the Locked list; a site policy not agreed is a banner, not
'nothing waiting'; opening a thread reads it from the site (edits show)."""

from __future__ import annotations

import time
from collections.abc import Iterator
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from sqlalchemy import update

from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.queue_model import Role
from moderator_app.platform.moodle import MoodleClient
from moderator_app.sandbox import MODERATOR, Sandbox
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.store.upsert import save_account

SYNC_TIMEOUT_MS = 60_000


def queue_ids(window: MainWindow) -> list[int]:
    model = window.model
    while model.canFetchMore():
        model.fetchMore()
    return [model.index(r, 0).data(Role.DISCUSSION_ID) for r in range(model.rowCount())]


def test_a_locked_discussion_is_listed_under_locked_with_its_reply_box_closed(
    make_window, seeded_db: Database, qtbot
) -> None:
    with seeded_db.session() as s:
        s.execute(update(m.Discussion).where(m.Discussion.id == 101).values(locked=True))
    window = make_window(seeded_db)
    assert 101 not in queue_ids(window)

    window.filters.locked.setChecked(True)

    assert queue_ids(window) == [101]
    assert window.count_label.text() == "1 locked"
    window.select_row(0)
    box = window.reply_box
    assert not box.is_open()
    assert "locked" in box.status.text() and box.status.isEnabled()
    box.set_text("an answer")
    assert not box.send_button.isEnabled()
    with qtbot.assertNotEmitted(box.send_requested):
        box.request_send()
    assert not window.actions_by_name["send"].isEnabled()

    window.filters.locked.setChecked(False)
    window.select_row(0)
    assert window.reply_box.is_open() and window.reply_box.status.text() == ""


@pytest.fixture
def sandbox() -> Iterator[Sandbox]:
    sb = Sandbox.start()
    yield sb
    sb.stop()


@pytest.fixture
def live(sandbox: Sandbox, tmp_path: Path, make_window) -> Iterator[MainWindow]:
    token = sandbox.token_for(MODERATOR)

    def factory() -> MoodleClient:
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


def test_a_policy_not_agreed_shows_a_banner_and_accepting_it_fills_the_queue(
    live: MainWindow, sandbox: Sandbox, qtbot, monkeypatch
) -> None:
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda _url: True)
    moderator = sandbox.state.user_id(MODERATOR)
    sandbox.state.set_meta("sitepolicyhandler", "")
    sandbox.state.set_meta("sitepolicy", "https://example.org/policy.html")
    sandbox.state.set_policy_agreed(moderator, False)

    report = sync(live, qtbot)

    banner = live.policy_banner
    assert report.site_policy is not None and banner.isVisible()
    assert "policy" in banner.text.text()
    assert queue_ids(live) == []
    assert live.thread_title.text() != "Nothing waiting"
    assert live.status.online.text() == "● Online"  # the site answered
    assert banner.accept_button.isVisible() and not banner.site_button.isVisible()
    with qtbot.waitSignal(banner.url_opened) as opened:
        banner.read_button.click()
    assert opened.args == ["https://example.org/policy.html"]

    with qtbot.waitSignal(live.sync_finished, timeout=SYNC_TIMEOUT_MS) as done:
        banner.accept_button.click()  # agree, then the sync that follows

    assert done.args[0].ok
    assert not banner.isVisible()
    assert queue_ids(live)  # the demo's waiting learners


def test_with_tool_policy_the_banner_sends_the_moderator_to_the_site(
    live: MainWindow, sandbox: Sandbox, qtbot, monkeypatch
) -> None:
    sandbox.state.set_policy_agreed(sandbox.state.user_id(MODERATOR), False)
    monkeypatch.setattr("PySide6.QtGui.QDesktopServices.openUrl", lambda _url: True)
    sync(live, qtbot)
    banner = live.policy_banner
    assert banner.site_button.isVisible() and not banner.accept_button.isVisible()
    with qtbot.waitSignal(banner.url_opened) as opened:
        banner.site_button.click()
    assert opened.args == [f"{sandbox.url}/admin/tool/policy/index.php"]


def test_opening_a_thread_shows_an_edit_made_on_the_site(
    live: MainWindow, sandbox: Sandbox, qtbot
) -> None:
    sync(live, qtbot)
    live.select_row(0)
    first = live.current_item()
    assert first is not None
    live.select_row(1)
    qtbot.waitUntil(lambda: not live.tasks.active(), timeout=10_000)  # both reads are done
    opener = sandbox.state.discussion(first.discussion_id)["firstpost"]  # type: ignore[index]
    sandbox.state.edit_post(opener, "<p>Edited on the site</p>")

    with qtbot.waitSignal(live.thread_shown, timeout=SYNC_TIMEOUT_MS):
        live.select_row(queue_ids(live).index(first.discussion_id))
    qtbot.waitUntil(lambda: "Edited on the site" in live.browser.toPlainText(), timeout=10_000)
