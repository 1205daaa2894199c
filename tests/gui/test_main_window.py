"""The main window over a seeded store: keyboard triage, dismiss/snooze/claim, undo."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtCore import Qt
from PySide6.QtWidgets import QApplication, QLabel

from moderator_app.gui.main_window import MainWindow
from moderator_app.gui.queue_model import Role
from moderator_app.gui.shortcuts_dialog import ShortcutsDialog
from moderator_app.gui.triage_dialogs import DismissDialog, SnoozeDialog
from moderator_app.services.queue import QueueService
from tests.gui.seed import HOUR, NOW, WAITING


def queue_ids(window: MainWindow) -> list[int]:
    model = window.model
    return [model.index(r, 0).data(Role.DISCUSSION_ID) for r in range(model.rowCount())]


def current_id(window: MainWindow) -> int | None:
    item = window.current_item()
    return item.discussion_id if item else None


def test_opens_on_the_queue_oldest_first_with_the_thread_shown(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    assert set(queue_ids(window)) == WAITING
    assert queue_ids(window)[0] == 101  # oldest first
    assert current_id(window) == 101
    assert window.thread_title.text() == "Hoe werkt fotosynthese?"
    assert "fotosynthese" in window.browser.toPlainText()
    assert window.count_label.text() == "5 waiting"


def test_thread_shows_every_stored_post(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    window.select_row(window.model.row_of(202))
    text = window.browser.toPlainText()
    for fragment in (
        "Waar vind ik bronnen?",
        "Kijk in de bibliotheek.",
        "Welke bibliotheek?",
        "Gijs Mulder",
        "Mila Moderator",
    ):
        assert fragment in text


def test_keyboard_navigation(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    window.view.setFocus()
    order = queue_ids(window)
    qtbot.keyClick(window.view, Qt.Key.Key_J)
    assert current_id(window) == order[1]
    qtbot.keyClick(window.view, Qt.Key.Key_Down)
    assert current_id(window) == order[2]
    qtbot.keyClick(window.view, Qt.Key.Key_K)
    assert current_id(window) == order[1]
    qtbot.keyClick(window.view, Qt.Key.Key_Up)
    assert current_id(window) == order[0]
    qtbot.keyClick(window.view, Qt.Key.Key_Return)  # open: focus moves to the thread
    assert window.browser.hasFocus()
    qtbot.keyClick(window.browser, Qt.Key.Key_J)  # J still moves from the reading pane
    assert current_id(window) == order[1]
    qtbot.keyClick(window.view, Qt.Key.Key_R)  # reply: cursor into the reply box
    assert window.reply_box.edit.hasFocus()
    qtbot.keyClicks(window.reply_box.edit, "jk")  # typing is text, not navigation
    assert window.reply_box.text() == "jk"
    assert current_id(window) == order[1]


def test_search_shortcut_and_debounced_text_filter(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_F, Qt.KeyboardModifier.ControlModifier)
    assert window.filters.search.hasFocus()
    with qtbot.waitSignal(window.model.total_changed) as total:
        qtbot.keyClicks(window.filters.search, "karel")
    assert total.args == [1]
    assert queue_ids(window) == [201]
    assert current_id(window) == 201


def test_filter_widgets_drive_the_queue(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    f = window.filters
    f.course.setCurrentIndex(f.course.findData(2))
    assert set(queue_ids(window)) == {201, 202}
    assert [f.forum.itemData(i) for i in range(f.forum.count())] == [None, 21]
    f.course.setCurrentIndex(0)
    f.questions.setChecked(True)
    assert set(queue_ids(window)) == {101, 105, 202}
    f.age.setCurrentIndex(f.age.findData(48))
    assert set(queue_ids(window)) == {101}


def test_dismiss_with_reason_then_undo(make_window, seeded_db, qtbot, monkeypatch) -> None:
    asked: list[object] = []
    monkeypatch.setattr(
        DismissDialog,
        "ask",
        classmethod(lambda cls, parent: asked.append(parent) or "Answered elsewhere"),
    )
    window = make_window(seeded_db)
    window.view.setFocus()
    assert current_id(window) == 101
    assert not window.actions_by_name["undo"].isEnabled()  # nothing to undo yet
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert asked == [window]
    assert 101 not in queue_ids(window)
    assert current_id(window) == 102  # the next one is ready
    qtbot.keyClick(window.view, Qt.Key.Key_Z, Qt.KeyboardModifier.ControlModifier)
    assert 101 in queue_ids(window)
    assert current_id(window) == 101  # undo shows what came back
    assert not window.actions_by_name["undo"].isEnabled()


def test_dismiss_cancelled_changes_nothing(make_window, seeded_db, qtbot, monkeypatch) -> None:
    monkeypatch.setattr(DismissDialog, "ask", classmethod(lambda cls, parent: None))
    window = make_window(seeded_db)
    qtbot.keyClick(window.view, Qt.Key.Key_D)
    assert set(queue_ids(window)) == WAITING


def test_snooze_hides_until_the_chosen_time(make_window, seeded_db, qtbot, monkeypatch) -> None:
    until = datetime.fromtimestamp(NOW + 3 * HOUR)
    monkeypatch.setattr(SnoozeDialog, "ask", classmethod(lambda cls, parent, now: until))
    window = make_window(seeded_db)
    qtbot.keyClick(window.view, Qt.Key.Key_S)
    assert 101 not in queue_ids(window)
    later = QueueService(seeded_db, now=lambda: NOW + 4 * HOUR)
    assert 101 in {item.discussion_id for item in later.page()}


def test_claim_and_unclaim(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    window.view.setFocus()
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    item = window.current_item()
    assert item is not None and item.claimed_by == "mila"
    assert "claimed by mila" in window.model.index(0, 3).data()
    qtbot.keyClick(window.view, Qt.Key.Key_C)
    assert window.current_item().claimed_by is None


def test_shortcuts_overview_lists_every_action(make_window, seeded_db, qtbot, monkeypatch) -> None:
    shown: list[list[tuple[str, str]]] = []
    monkeypatch.setattr(ShortcutsDialog, "exec", lambda self: shown.append(self.rows()) or 0)
    window = make_window(seeded_db)
    qtbot.keyClick(window.view, Qt.Key.Key_F1)
    qtbot.keyClick(window.view, Qt.Key.Key_Question)
    assert len(shown) == 2
    rows = dict(shown[0])
    assert len(rows) == len(window.actions_by_name)
    assert rows["Dismiss…"] == "D"
    assert rows["Next item"] == "J, Down"
    assert rows["Sync now"] == "F5"
    assert "F1" in rows["Keyboard shortcuts"] and "?" in rows["Keyboard shortcuts"]


def test_every_action_is_in_a_menu(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    in_menus = {
        action
        for menu_action in window.menuBar().actions()
        for action in menu_action.menu().actions()
    }
    assert set(window.actions_by_name.values()) <= in_menus


def test_sections_without_their_page_say_coming_soon(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    unbuilt = [key for key in ("prompts", "polls", "consent") if key not in window._section_pages]
    for key in unbuilt:
        row = ("prompts", "polls", "consent").index(key) + 2
        window.sidebar.setCurrentRow(row)
        assert window.pages.currentWidget() is window.coming_page.page
        assert window.coming_page.title.text() == window.sidebar.item(row).text()
        assert "Coming soon" in window.coming_page.text.text()
    for key, page in window._section_pages.items():
        window.sidebar.setCurrentRow(("prompts", "polls", "consent").index(key) + 2)
        assert window.pages.currentWidget() is page


def test_a_feature_page_replaces_coming_soon(make_window, seeded_db) -> None:
    from PySide6.QtWidgets import QWidget

    window = make_window(seeded_db)
    page = QWidget()
    window.set_section_page("prompts", page)
    window.sidebar.setCurrentRow(2)
    assert window.pages.currentWidget() is page
    window.sidebar.setCurrentRow(0)
    assert window.pages.currentIndex() == 0


def test_forums_page_counts_and_jumps_to_a_forum_queue(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    window.sidebar.setCurrentRow(1)
    tree = window.forums_page.tree
    counts = {
        tree.topLevelItem(i).text(0): tree.topLevelItem(i).text(1)
        for i in range(tree.topLevelItemCount())
    }
    assert counts == {"Biologie": "3", "Geschiedenis": "2"}
    discussie = tree.topLevelItem(1).child(0)
    tree.itemActivated.emit(discussie, 0)
    assert window.pages.currentIndex() == 0
    assert set(queue_ids(window)) == {201, 202}


def test_status_bar_shows_outbox_and_sync_state(make_window, seeded_db) -> None:
    window = make_window(seeded_db)
    labels = [w.text() for w in window.statusBar().findChildren(QLabel)]
    assert "Outbox: 0" in labels
    assert "Last sync: never" in labels
    assert not window.status.progress.isVisible()
    QApplication.processEvents()
