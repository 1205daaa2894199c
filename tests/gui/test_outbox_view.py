"""The Outbox window: it lists what waits in words, and retries, cancels and copies."""

from __future__ import annotations

from collections.abc import Iterator

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication

from moderator_app.gui import i18n
from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.outbox_view import OutboxModel, OutboxView
from moderator_app.gui.shortcuts_dialog import ShortcutsDialog
from moderator_app.platform import errors as pe
from moderator_app.store import models as m
from moderator_app.store.db import Database
from moderator_app.sync import outbox_plan as op
from tests.gui.seed import NOW

REPLY_TEXT = "Hallo Bram,\n\nKijk op https://example.org/bronnen & <zoek> verder.\nGroet, Mila"


@pytest.fixture(autouse=True)
def back_to_english(qapp: object) -> Iterator[None]:
    yield
    i18n.install("en")


def set_state(
    db: Database,
    item_id: str,
    state: str,
    *,
    last_error: str | None = None,
    code: str | None = None,
    not_before: int = 0,
    attempts: int = 1,
) -> None:
    """What the push would have written after a failed send."""
    with db.session() as s:
        item = s.get(m.OutboxItem, item_id)
        assert item is not None
        item.state = state
        item.last_error = last_error
        item.last_error_code = code
        item.not_before = not_before
        item.attempts = attempts


def open_view(window: MainWindow, qtbot) -> OutboxView:
    window.actions_by_name["outbox"].trigger()
    view = window._outbox_view
    assert view is not None
    qtbot.waitExposed(view)
    return view


def texts(view: OutboxView) -> list[tuple[str, str]]:
    model = view.model
    return [
        (
            model.index(r, OutboxModel.WHAT).data(),
            model.index(r, OutboxModel.STATE).data(),
        )
        for r in range(model.rowCount())
    ]


def select(view: OutboxView, item_id: str) -> None:
    view.select_item(item_id)
    selected = view.selected()
    assert selected is not None and selected.entry.id == item_id


def test_lists_every_open_item_in_words(make_window, seeded_db, qtbot, qtmodeltester) -> None:
    window = make_window(seeded_db)
    outbox = window.outbox
    reply = outbox.reply(202, 2022, "Kijk in de mediatheek.")
    lock = outbox.lock(101)
    starter = outbox.start_discussion(11, "Stelling", "Eens of oneens?")
    outbox.start_discussion(11, "Week 2", "Wat viel op?", not_before=NOW + 2 * 24 * 3600)
    refused = outbox.reply(102, 1020, "Goed verslag!")
    set_state(seeded_db, refused, op.FAILED_NEEDS_ATTENTION, last_error="locked: nopostforum")
    set_state(seeded_db, starter, op.FAILED_RETRYABLE, code="transient", not_before=NOW + 300)
    set_state(seeded_db, lock, op.SENDING)

    view = open_view(window, qtbot)

    qtmodeltester.check(view.model)
    rows = dict(texts(view))
    assert rows["Reply to ‘Bronnen zoeken’"] == "Waiting to be sent"
    assert rows["Lock ‘Hoe werkt fotosynthese?’"] == "Being sent"
    assert rows["New discussion in Vragen: ‘Stelling’"].startswith("Will retry at ")
    assert str(2025) not in rows["New discussion in Vragen: ‘Stelling’"]  # today: the time only
    assert rows["New discussion in Vragen: ‘Week 2’"].startswith("Scheduled for ")
    assert rows["Reply to ‘Verslag week 2’"] == "Needs your attention: the discussion was locked"
    assert view.summary.text() == "4 item(s) wait to be sent to the site. 1 scheduled for later."
    select(view, refused)
    assert "The site said: nopostforum" in view.detail.text()
    assert "Retry once the discussion is open again" in view.detail.text()
    assert view.model.index(view.model.row_of(refused), OutboxModel.ATTEMPTS).data() == 1
    assert reply in {r.entry.id for r in view.model._rows}


def test_sent_items_show_only_when_asked(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    sent = window.outbox.reply(202, 2022, "Al verstuurd.")
    set_state(seeded_db, sent, op.DONE)
    view = open_view(window, qtbot)
    assert texts(view) == []
    assert view.summary.text() == "Nothing waits: everything has been sent."

    view.show_done.setChecked(True)

    assert texts(view) == [("Reply to ‘Bronnen zoeken’", "Sent")]
    assert not view.cancel_button.isEnabled() and not view.retry_button.isEnabled()


def test_retry_puts_a_needs_attention_item_back_to_pending(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(102, 1020, "Goed verslag!")
    set_state(seeded_db, item, op.FAILED_NEEDS_ATTENTION, last_error="permission: nopostforum")
    view = open_view(window, qtbot)
    select(view, item)
    assert view.retry_button.isEnabled()

    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.retry_button, Qt.MouseButton.LeftButton)

    assert [e.state for e in window.outbox.list()] == [op.PENDING]
    assert texts(view) == [("Reply to ‘Verslag week 2’", "Waiting to be sent")]
    assert not view.retry_button.isEnabled()


def test_cancel_asks_then_drops_the_item_and_undoes_the_lock(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    window = make_window(seeded_db)
    item = window.outbox.lock(101)
    with seeded_db.session() as s:
        assert s.get(m.Discussion, 101).locked  # shown at once, before sending
    view = open_view(window, qtbot)
    select(view, item)
    asked: list[tuple[str, str]] = []
    answer = False
    monkeypatch.setattr(
        view, "confirm", lambda what, undone: asked.append((what, undone)) or answer
    )

    qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)  # "Keep it"
    assert len(window.outbox.list()) == 1

    answer = True
    with qtbot.waitSignal(view.changed):
        qtbot.mouseClick(view.cancel_button, Qt.MouseButton.LeftButton)

    what, undone = asked[-1]
    assert what == "Lock ‘Hoe werkt fotosynthese?’"
    assert "will not be locked on the site" in undone and "open here again" in undone
    assert window.outbox.list() == [] and texts(view) == []
    with seeded_db.session() as s:
        assert not s.get(m.Discussion, 101).locked
    assert window.status.outbox.text() == "Outbox: 0"  # the window followed the change


def test_cancel_of_a_reply_says_to_copy_the_text_first(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(202, 2022, REPLY_TEXT)
    view = open_view(window, qtbot)
    select(view, item)
    asked: list[str] = []
    monkeypatch.setattr(view, "confirm", lambda what, undone: asked.append(undone) or False)
    view.cancel_button.click()
    assert "Copy the text first" in asked[0]


def test_a_sending_item_cannot_be_cancelled_and_says_why(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(202, 2022, REPLY_TEXT)
    set_state(seeded_db, item, op.SENDING)
    view = open_view(window, qtbot)
    select(view, item)
    assert not view.cancel_button.isEnabled()
    assert "being sent right now" in view.cancel_button.toolTip()
    assert "being sent right now" in view.detail.text()
    assert "sends it again only if it is not there" in view.detail.text()


def test_cancel_refused_when_the_sync_took_the_item_meanwhile(
    make_window, seeded_db, qtbot, monkeypatch
) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(202, 2022, REPLY_TEXT)
    view = open_view(window, qtbot)
    select(view, item)
    assert view.cancel_button.isEnabled()  # the list still says "waiting"
    set_state(seeded_db, item, op.SENDING)  # ... but the push has just taken it
    refusals: list[str] = []
    monkeypatch.setattr(view, "confirm", lambda what, undone: True)
    monkeypatch.setattr(view, "show_refusal", refusals.append)

    view.cancel_button.click()

    assert refusals == ["It is being sent right now and can no longer be cancelled."]
    assert [e.state for e in window.outbox.list()] == [op.SENDING]
    assert texts(view) == [("Reply to ‘Bronnen zoeken’", "Being sent")]


def test_copy_text_puts_the_reply_as_written_on_the_clipboard(
    make_window, seeded_db, qtbot
) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(202, 2022, REPLY_TEXT)
    set_state(seeded_db, item, op.FAILED_NEEDS_ATTENTION, last_error="deleted: invalidrecord")
    lock = window.outbox.lock(101)
    view = open_view(window, qtbot)
    select(view, lock)
    assert not view.copy_button.isEnabled()  # a lock has no text
    select(view, item)
    QApplication.clipboard().clear()

    view.copy_button.click()

    assert QApplication.clipboard().text() == REPLY_TEXT


def test_open_discussion_selects_it_in_the_queue(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    item = window.outbox.reply(202, 2022, "Kijk in de mediatheek.")
    window.select_row(0)
    assert window.current_item().discussion_id != 202
    view = open_view(window, qtbot)
    select(view, item)

    view.open_button.click()

    assert window.current_item().discussion_id == 202


def test_menu_shortcut_and_status_bar_open_it(make_window, seeded_db, qtbot, monkeypatch) -> None:
    window = make_window(seeded_db)
    action = window.actions_by_name["outbox"]
    go_menu = next(a.menu() for a in window.menuBar().actions() if a.text() == "&Go")
    assert action in go_menu.actions()
    shown: list[dict[str, str]] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(dict(self.rows())) or 0)
    window.show_shortcuts()
    assert shown[0]["Outbox…"] == "Ctrl+Shift+O"

    qtbot.keyClick(
        window.view,
        Qt.Key.Key_O,
        Qt.KeyboardModifier.ControlModifier | Qt.KeyboardModifier.ShiftModifier,
    )
    view = window._outbox_view
    assert view is not None and view.isVisible()
    view.close()
    assert not view.isVisible()

    qtbot.mouseClick(window.status.outbox, Qt.MouseButton.LeftButton)
    assert view.isVisible() and window._outbox_view is view  # one window, brought back

    window.outbox.lock(101)  # written elsewhere while the window is open
    qtbot.mouseClick(window.status.outbox, Qt.MouseButton.LeftButton)
    assert texts(view) == [("Lock ‘Hoe werkt fotosynthese?’", "Waiting to be sent")]
    assert window.status.outbox.text() == "Outbox: 1"


def test_an_open_outbox_follows_a_sync(make_window, seeded_db, qtbot) -> None:
    def offline() -> object:
        raise pe.Transient("connection refused")

    window = make_window(seeded_db, platform_factory=offline)
    view = open_view(window, qtbot)
    assert texts(view) == []
    window.outbox.lock(101)  # e.g. written by another page while the window is open

    with qtbot.waitSignal(window.sync_finished, timeout=10_000):
        window.actions_by_name["sync"].trigger()

    assert texts(view) == [("Lock ‘Hoe werkt fotosynthese?’", "Waiting to be sent")]


def test_dutch_words(make_window, seeded_db, qtbot) -> None:
    i18n.install("nl")
    window = make_window(seeded_db)
    item = window.outbox.reply(102, 1020, "Goed verslag!")
    set_state(seeded_db, item, op.FAILED_NEEDS_ATTENTION, last_error="locked: nopostforum")
    view = open_view(window, qtbot)
    ((what, state),) = texts(view)
    assert what == "Antwoord op ‘Verslag week 2’"
    assert state == "Vraagt je aandacht: de discussie is gesloten"
