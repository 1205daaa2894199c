"""The small questions triage asks: why dismiss, and snooze until when.

Each dialog is opened through a classmethod (`ask`), so tests replace that one method
instead of clicking through a modal dialog.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QButtonGroup,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)


def snooze_presets(now: datetime) -> list[tuple[str, datetime]]:
    """Preset moments (English keys): in an hour, tomorrow 9:00, next Monday 9:00."""
    tomorrow = (now + timedelta(days=1)).replace(hour=9, minute=0, second=0, microsecond=0)
    days_to_monday = 7 - now.weekday()
    next_week = (now + timedelta(days=days_to_monday)).replace(
        hour=9, minute=0, second=0, microsecond=0
    )
    return [
        ("hour", now + timedelta(hours=1)),
        ("tomorrow", tomorrow),
        ("next_week", next_week),
    ]


class DismissDialog(QDialog):
    """Asks why a waiting discussion needs no reply (the reason is required)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Dismiss"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Why does this discussion need no reply?")))
        self.reason = QComboBox(editable=True)
        self.reason.addItems(
            [
                self.tr("Answered elsewhere"),
                self.tr("No reply needed"),
                self.tr("Not a question"),
                self.tr("Duplicate"),
            ]
        )
        self.reason.setCurrentIndex(-1)
        editor = self.reason.lineEdit()
        if editor is not None:
            editor.setPlaceholderText(self.tr("Choose or type a reason"))
        layout.addWidget(self.reason)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Dismiss"))
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout.addWidget(self.buttons)
        self.reason.currentTextChanged.connect(self._update)
        self._update()

    def _update(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(bool(self.reason.currentText().strip()))

    @classmethod
    def ask(cls, parent: QWidget | None) -> str | None:
        dialog = cls(parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.reason.currentText().strip() or None


class SnoozeDialog(QDialog):
    """Asks until when to hide a discussion: presets or a chosen moment."""

    def __init__(self, now: datetime, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Snooze"))
        labels = {
            "hour": self.tr("For an hour"),
            "tomorrow": self.tr("Until tomorrow 9:00"),
            "next_week": self.tr("Until next week (Monday 9:00)"),
        }
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Hide this discussion from the queue until:")))
        self.group = QButtonGroup(self)
        self._moments: list[datetime | None] = []
        for key, moment in snooze_presets(now):
            button = QRadioButton(labels[key])
            self.group.addButton(button, len(self._moments))
            self._moments.append(moment)
            layout.addWidget(button)
        custom = QRadioButton(self.tr("Until a moment I choose:"))
        self.group.addButton(custom, len(self._moments))
        self._moments.append(None)
        layout.addWidget(custom)
        self.custom = QDateTimeEdit(QDateTime(now + timedelta(days=2)))
        self.custom.setCalendarPopup(True)
        self.custom.setMinimumDateTime(QDateTime(now))
        self.custom.dateTimeChanged.connect(lambda _value: custom.setChecked(True))
        layout.addWidget(self.custom)
        self.group.button(1).setChecked(True)
        buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
        )
        buttons.button(QDialogButtonBox.StandardButton.Ok).setText(self.tr("Snooze"))
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def chosen(self) -> datetime:
        moment = self._moments[self.group.checkedId()]
        if moment is not None:
            return moment
        chosen = self.custom.dateTime().toPython()
        assert isinstance(chosen, datetime)
        return chosen

    @classmethod
    def ask(cls, parent: QWidget | None, now: datetime) -> datetime | None:
        dialog = cls(now, parent)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.chosen()
