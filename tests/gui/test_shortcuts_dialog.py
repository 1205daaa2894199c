"""The shortcuts overview shows every action at once: no scrolling to find a key."""

from __future__ import annotations

from moderator_app.gui.shortcuts_dialog import ShortcutsDialog


def test_every_row_is_visible_without_scrolling(make_window, seeded_db, qtbot) -> None:
    window = make_window(seeded_db)
    dialog = ShortcutsDialog(window.actions_by_name.values(), window)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    table = dialog.table
    assert table.rowCount() == len(window.actions_by_name)
    assert table.verticalScrollBar().maximum() == 0
    last = table.visualItemRect(table.item(table.rowCount() - 1, 0))
    assert table.viewport().rect().contains(last)
