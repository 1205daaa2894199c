"""The dismiss and snooze questions: a reason is required; presets land where they say."""

from __future__ import annotations

from datetime import datetime

from PySide6.QtWidgets import QDialogButtonBox

from moderator_app.gui.triage_dialogs import DismissDialog, SnoozeDialog, snooze_presets


def test_snooze_presets() -> None:
    wednesday = datetime(2026, 11, 25, 14, 30)
    presets = dict(snooze_presets(wednesday))
    assert presets["hour"] == datetime(2026, 11, 25, 15, 30)
    assert presets["tomorrow"] == datetime(2026, 11, 26, 9, 0)
    assert presets["next_week"] == datetime(2026, 11, 30, 9, 0)  # Monday
    sunday_night = datetime(2026, 11, 29, 23, 0)
    assert dict(snooze_presets(sunday_night))["next_week"] == datetime(2026, 11, 30, 9, 0)


def test_snooze_dialog_choices(qtbot) -> None:
    now = datetime(2026, 11, 25, 14, 30)
    dialog = SnoozeDialog(now)
    qtbot.addWidget(dialog)
    assert dialog.chosen() == datetime(2026, 11, 26, 9, 0)  # tomorrow is the default
    dialog.group.button(0).setChecked(True)
    assert dialog.chosen() == datetime(2026, 11, 25, 15, 30)
    dialog.custom.setDateTime(datetime(2026, 12, 1, 10, 0))  # editing picks "custom"
    assert dialog.chosen() == datetime(2026, 12, 1, 10, 0)


def test_dismiss_needs_a_reason(qtbot) -> None:
    dialog = DismissDialog()
    qtbot.addWidget(dialog)
    ok = dialog.buttons.button(QDialogButtonBox.StandardButton.Ok)
    assert not ok.isEnabled()
    dialog.reason.setEditText("   ")
    assert not ok.isEnabled()
    dialog.reason.setEditText("Beantwoord in de les")
    assert ok.isEnabled()
