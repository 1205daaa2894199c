"""Settings: one schema, a round trip through the file, tolerant loading, the dialog."""

from __future__ import annotations

import json
import logging
from pathlib import Path

import pytest
from pytestqt.qtbot import QtBot

from moderator_app import settings as settings_mod
from moderator_app.settings import Settings


def test_defaults_match_the_design() -> None:
    s = Settings()
    assert (s.sla_warn_hours, s.sla_overdue_hours, s.auto_sync_minutes) == (24, 48, 5)
    assert s.notify_new_waiting is True
    assert s.language == ""
    assert (s.quiet_forum_days, s.quiet_forum_min_posters) == (7, 3)


def test_every_setting_is_declared_once_with_a_label() -> None:
    names = [spec.name for spec in Settings.schema()]
    assert len(names) == len(set(names))
    assert set(names) == set(vars(Settings()))
    assert all(spec.label for spec in Settings.schema())


def test_round_trip(data_dir: Path) -> None:
    changed = Settings(sla_warn_hours=12, notify_new_waiting=False, language="nl")
    settings_mod.save(changed)
    assert settings_mod.settings_path().parent == data_dir / "config"
    assert settings_mod.load() == changed


def test_missing_file_gives_defaults(data_dir: Path) -> None:
    assert settings_mod.load() == Settings()


def test_corrupt_file_gives_defaults_with_a_warning(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings_mod.settings_path().write_text('{"sla_warn_hours": 12,', encoding="utf-8")
    with caplog.at_level(logging.WARNING, logger="moderator_app.settings"):
        assert settings_mod.load() == Settings()
    assert "unreadable" in caplog.text


def test_wrong_types_and_unknown_keys_fall_back_per_setting(
    data_dir: Path, caplog: pytest.LogCaptureFixture
) -> None:
    settings_mod.settings_path().write_text(
        json.dumps(
            {
                "sla_warn_hours": "soon",
                "sla_overdue_hours": 72,
                "auto_sync_minutes": -3,
                "notify_new_waiting": 1,
                "removed_setting": True,
            }
        ),
        encoding="utf-8",
    )
    with caplog.at_level(logging.WARNING, logger="moderator_app.settings"):
        loaded = settings_mod.load()
    assert loaded == Settings(sla_overdue_hours=72)
    assert "sla_warn_hours" in caplog.text


def test_save_is_atomic_and_leaves_no_temp_files(data_dir: Path) -> None:
    settings_mod.save(Settings())
    settings_mod.save(Settings(sla_warn_hours=2))
    files = sorted(p.name for p in settings_mod.settings_path().parent.iterdir())
    assert files == ["settings.json"]


def test_dialog_shows_every_setting_and_returns_the_edits(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QCheckBox, QComboBox, QLabel, QSpinBox

    from moderator_app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(sla_warn_hours=12))
    qtbot.addWidget(dialog)
    assert set(dialog.editors) == {spec.name for spec in Settings.schema()}
    shown = {w.text() for w in dialog.findChildren(QLabel)} | {
        w.text() for w in dialog.findChildren(QCheckBox)
    }
    for spec in Settings.schema():
        assert any(text.startswith(spec.label) for text in shown), spec.label

    warn = dialog.editors["sla_warn_hours"]
    assert isinstance(warn, QSpinBox) and warn.value() == 12
    warn.setValue(6)
    notify = dialog.editors["notify_new_waiting"]
    assert isinstance(notify, QCheckBox)
    notify.setChecked(False)
    language = dialog.editors["language"]
    assert isinstance(language, QComboBox)
    assert [language.itemText(i) for i in range(language.count())][1:] == ["English", "Nederlands"]
    language.setCurrentIndex(language.findData("nl"))

    with qtbot.waitSignal(dialog.settings_changed) as changed:
        dialog.accept()
    assert changed.args == [Settings(sla_warn_hours=6, notify_new_waiting=False, language="nl")]


def test_dialog_restore_defaults(qtbot: QtBot) -> None:
    from PySide6.QtWidgets import QDialogButtonBox

    from moderator_app.gui.settings_dialog import SettingsDialog

    dialog = SettingsDialog(Settings(sla_warn_hours=3, auto_sync_minutes=0))
    qtbot.addWidget(dialog)
    box = dialog.findChild(QDialogButtonBox, "buttonBox")
    box.button(QDialogButtonBox.StandardButton.RestoreDefaults).click()
    assert dialog.values() == Settings()
