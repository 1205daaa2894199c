"""The settings dialog, built from the settings schema, and the Settings menu entries.

Every setting in moderator_app.settings.Settings appears here with its (translated)
label; integers as spin boxes within their bounds, booleans as check boxes, the
language as a choice of System, English and Nederlands.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import replace
from typing import Any

from PySide6.QtCore import QCoreApplication, Signal
from PySide6.QtGui import QAction, QActionGroup
from PySide6.QtWidgets import (
    QAbstractButton,
    QCheckBox,
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QMenu,
    QSpinBox,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.forms import child, load_form
from moderator_app.gui.i18n import LANGUAGES
from moderator_app.settings import Settings, SettingSpec


def label_for(spec: SettingSpec) -> str:
    return QCoreApplication.translate("Settings", spec.label)


def language_choices() -> list[tuple[str, str]]:
    """(code, name) pairs; "" follows the system. Language names stay in their own tongue."""
    system = QCoreApplication.translate("Settings", "System default")
    return [("", system), *LANGUAGES.items()]


class SettingsDialog(QDialog):
    settings_changed = Signal(object)  # the new Settings, after OK

    def __init__(self, settings: Settings, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Settings"))
        self._original = settings
        self.form = load_form("settings_dialog", self)
        QVBoxLayout(self).addWidget(self.form)
        fields = child(self.form, QFormLayout, "fieldsLayout")
        self.editors: dict[str, QWidget] = {}
        for spec in Settings.schema():
            editor = self._editor_for(spec)
            editor.setObjectName(f"setting_{spec.name}")
            editor.setAccessibleName(label_for(spec))
            self.editors[spec.name] = editor
            if isinstance(editor, QCheckBox):
                editor.setText(label_for(spec))
                fields.addRow(editor)
            else:
                fields.addRow(label_for(spec) + ":", editor)
        self.show_values(settings)

        buttons = child(self.form, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        buttons.clicked.connect(self._on_clicked)
        self._buttons = buttons

    def _editor_for(self, spec: SettingSpec) -> QWidget:
        if spec.name == "language":
            combo = QComboBox(self)
            for code, name in language_choices():
                combo.addItem(name, code)
            return combo
        if spec.type is bool:
            return QCheckBox(self)
        if spec.type is int:
            spin = QSpinBox(self)
            spin.setRange(spec.minimum, spec.maximum or 1_000_000)
            return spin
        raise TypeError(f"no editor for setting {spec.name} of type {spec.type}")

    def show_values(self, settings: Settings) -> None:
        for name, editor in self.editors.items():
            value = getattr(settings, name)
            if isinstance(editor, QComboBox):
                editor.setCurrentIndex(max(0, editor.findData(value)))
            elif isinstance(editor, QCheckBox):
                editor.setChecked(bool(value))
            elif isinstance(editor, QSpinBox):
                editor.setValue(int(value))

    def values(self) -> Settings:
        changes: dict[str, Any] = {}
        for name, editor in self.editors.items():
            if isinstance(editor, QComboBox):
                changes[name] = editor.currentData()
            elif isinstance(editor, QCheckBox):
                changes[name] = editor.isChecked()
            elif isinstance(editor, QSpinBox):
                changes[name] = editor.value()
        return replace(self._original, **changes)

    def accept(self) -> None:
        new = self.values()
        super().accept()
        if new != self._original:
            self.settings_changed.emit(new)

    def _on_clicked(self, button: QAbstractButton) -> None:
        role = self._buttons.buttonRole(button)
        if role == QDialogButtonBox.ButtonRole.ResetRole:
            self.show_values(Settings())


def add_settings_actions(
    menu: QMenu,
    current_language: str,
    on_settings: Callable[[], None],
    on_language: Callable[[str], None],
) -> QActionGroup:
    """Settings… and a Language submenu (System, English, Nederlands) in `menu`."""
    settings_action = QAction(QCoreApplication.translate("Settings", "&Settings…"), menu)
    settings_action.setObjectName("settingsAction")
    settings_action.setMenuRole(QAction.MenuRole.PreferencesRole)
    settings_action.triggered.connect(on_settings)
    menu.addAction(settings_action)

    languages = menu.addMenu(QCoreApplication.translate("Settings", "&Language"))
    languages.setObjectName("languageMenu")
    group = QActionGroup(languages)
    group.setExclusive(True)
    for code, name in language_choices():
        action = QAction(name, languages)
        action.setCheckable(True)
        action.setChecked(code == current_language)
        action.setData(code)
        action.triggered.connect(lambda _checked=False, c=code: on_language(c))
        group.addAction(action)
        languages.addAction(action)
    return group
