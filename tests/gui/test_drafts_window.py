"""A half-written reply is a draft: kept across row changes, Esc, closing and a crash."""

from __future__ import annotations

from PySide6.QtCore import Qt

from moderator_app.gui import reply_box as reply_box_module
from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.queue_model import DRAFT_MARK, Column, Role
from moderator_app.services.drafts import REPLY, DraftService


def _row_of(window: MainWindow, discussion_id: int) -> int:
    return window.model.row_of(discussion_id)


def _type(window: MainWindow, qtbot, text: str) -> None:
    window.start_reply()
    qtbot.keyClicks(window.reply_box.edit, text)


def test_another_row_keeps_the_draft_and_it_comes_back(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    _type(window, qtbot, "Goede vraag, kijk eens")
    window.select_row(1)
    assert window.reply_box.text() == ""  # the next discussion has no draft
    window.select_row(_row_of(window, first))
    assert window.reply_box.text() == "Goede vraag, kijk eens"
    row = _row_of(window, first)
    assert window.model.index(row, 0).data(Role.HAS_DRAFT) is True
    assert window.model.index(row, Column.SUBJECT).data().startswith(DRAFT_MARK)
    assert "draft" in window.model.index(row, Column.SUBJECT).data(Qt.ItemDataRole.ToolTipRole)
    assert window.model.index(1, 0).data(Role.HAS_DRAFT) is False


def test_typing_is_saved_after_a_pause_so_a_crash_loses_nothing(
    make_window, seeded_db, qtbot
) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    with qtbot.waitSignal(window.reply_box.draft_changed, timeout=3000):
        _type(window, qtbot, "Bijna klaar")
    # No close, no row change: what a crash would leave is already in the store.
    assert DraftService(seeded_db).get(REPLY, first) == "Bijna klaar"
    again = make_window(seeded_db)
    assert again.current_item().discussion_id == first
    assert again.reply_box.text() == "Bijna klaar"


def test_closing_the_window_keeps_the_last_keys(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    _type(window, qtbot, "Tot morgen")
    window.close()
    assert DraftService(seeded_db).get(REPLY, first) == "Tot morgen"


def test_esc_keeps_the_text_and_says_so(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    _type(window, qtbot, "Even nadenken")
    qtbot.keyClick(window.reply_box.edit, Qt.Key.Key_Escape)
    assert window.view.hasFocus()
    assert window.reply_box.text() == "Even nadenken"
    assert "draft" in window.statusBar().currentMessage()
    assert DraftService(seeded_db).get(REPLY, first) == "Even nadenken"


def test_sending_removes_the_draft(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    with qtbot.waitSignal(window.reply_box.draft_changed, timeout=3000):
        _type(window, qtbot, "Hier is het antwoord")
    with qtbot.waitSignal(window.reply_finished, timeout=5000):
        window.reply_box.request_send()
    assert DraftService(seeded_db).get(REPLY, first) is None
    row = _row_of(window, first)
    if row >= 0:
        assert window.model.index(row, 0).data(Role.HAS_DRAFT) is False


def test_discarding_asks_first(make_window, seeded_db, qtbot, monkeypatch) -> None:
    window = make_window(seeded_db)
    first = window.current_item().discussion_id
    with qtbot.waitSignal(window.reply_box.draft_changed, timeout=3000):
        _type(window, qtbot, "Toch niet")
    asked: list[bool] = []
    monkeypatch.setattr(reply_box_module, "confirm_discard", lambda _p: asked.append(False))
    window.reply_box.discard_button.click()
    assert asked and window.reply_box.text() == "Toch niet"
    assert DraftService(seeded_db).get(REPLY, first) == "Toch niet"
    monkeypatch.setattr(reply_box_module, "confirm_discard", lambda _p: True)
    window.reply_box.discard_button.click()
    assert window.reply_box.text() == ""
    assert DraftService(seeded_db).get(REPLY, first) is None
    assert window.model.index(_row_of(window, first), 0).data(Role.HAS_DRAFT) is False
