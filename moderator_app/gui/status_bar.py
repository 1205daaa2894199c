"""The status bar: online or offline, last sync, outbox count, sync progress.

Messages have an importance (`Importance`): a message never hides a more important one
that is still showing, and a message that must be acted on (sign in again) stays until
it is cleared, whatever else is said meanwhile.
"""

from __future__ import annotations

import enum

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtGui import QMouseEvent
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar, QWidget

from moderator_app.gui.dates import format_datetime
from moderator_app.services.outbox_counts import OutboxCounts
from moderator_app.sync.report import Progress


class ClickableLabel(QLabel):
    """A label that says when it is clicked (the outbox count opens the Outbox window)."""

    clicked = Signal()

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setCursor(Qt.CursorShape.PointingHandCursor)

    def mouseReleaseEvent(self, event: QMouseEvent) -> None:
        if event.button() == Qt.MouseButton.LeftButton and self.rect().contains(
            event.position().toPoint()
        ):
            self.clicked.emit()
        super().mouseReleaseEvent(event)


class Importance(enum.IntEnum):
    """How much a status message matters; a higher one outranks a lower one."""

    INFORMATION = 1  # sent, synced, undone
    CONNECTIVITY = 2  # offline, a forum or the polls could not be read
    SAFETY = 3  # sign in again, something could not be saved or needs attention


class SyncStatus(QObject):
    outbox_clicked = Signal()

    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.online = QLabel()
        self.last_sync = QLabel()
        self.outbox = ClickableLabel()
        self.outbox.setObjectName("outboxLabel")
        self.outbox.clicked.connect(self.outbox_clicked)
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        for widget in (self.progress, self.outbox, self.last_sync, self.online):
            bar.addPermanentWidget(widget)
        self._importance = Importance.INFORMATION  # of the message showing now
        self._held: str | None = None  # a message that stays until release()
        bar.messageChanged.connect(self._on_message_changed)
        self.set_online(None)
        self.set_last_sync(None)
        self.set_outbox(OutboxCounts(waiting=0, scheduled=0))

    def say(
        self, text: str, importance: Importance = Importance.INFORMATION, timeout_ms: int = 5000
    ) -> bool:
        """Show `text` unless a more important message is showing; False when it was not."""
        if not text:
            return False
        showing = bool(self.bar.currentMessage())
        if self._held is not None or (showing and importance < self._importance):
            return False
        self._importance = importance
        self.bar.showMessage(text, timeout_ms)
        return True

    def hold(self, text: str) -> None:
        """Show `text` until release(): it outranks and outlasts every other message."""
        self._held = text
        self._importance = Importance.SAFETY
        self.bar.showMessage(text)

    def release(self) -> None:
        if self._held is not None:
            self._held = None
            self.bar.clearMessage()

    @property
    def held(self) -> str | None:
        return self._held

    def _on_message_changed(self, text: str) -> None:
        if self._held is not None and text != self._held:
            # Someone wrote over it (a direct showMessage): the held message comes back.
            self.bar.showMessage(self._held)
        elif not text:
            self._importance = Importance.INFORMATION  # expired: anything may speak again

    def set_online(self, online: bool | None) -> None:
        if online is None:
            self.online.setText(self.tr("Not synced yet"))
        elif online:
            self.online.setText(self.tr("● Online"))
        else:
            self.online.setText(self.tr("○ Offline"))
        self.online.setToolTip(
            self.tr("Offline: everything local keeps working; replies wait in the outbox.")
            if online is False
            else ""
        )

    def set_last_sync(self, when: int | None) -> None:
        if not when:
            self.last_sync.setText(self.tr("Last sync: never"))
            return
        text = format_datetime(when)
        self.last_sync.setText(self.tr("Last sync: %1").replace("%1", text))

    def set_outbox(self, counts: OutboxCounts) -> None:
        # Scheduled prompts are shown apart: they are not stuck, their time has not come.
        waiting = str(counts.waiting)
        tip = self.tr("Replies and other changes waiting to be sent. Click to see them.")
        if counts.scheduled:
            text = self.tr("Outbox: %1 · %n scheduled", "", counts.scheduled)
            tip += "\n" + self.tr(
                "%n post(s) scheduled: each goes out at the first sync after its time, "
                "while Moderator Desk is running.",
                "",
                counts.scheduled,
            )
        else:
            text = self.tr("Outbox: %1")
        self.outbox.setText(text.replace("%1", waiting))
        self.outbox.setToolTip(tip)

    def show_progress(self) -> None:
        self.progress.show()

    def set_progress(self, progress: object) -> None:
        if not isinstance(progress, Progress):
            return
        phase = {
            "courses": self.tr("courses"),
            "participants": self.tr("participants"),
            "forums": self.tr("forums"),
            "discussions": self.tr("discussions"),
            "posts": self.tr("posts"),
            "outbox": self.tr("outbox"),
        }.get(progress.phase, progress.phase)
        if progress.total > 0:
            self.progress.setRange(0, progress.total)
            self.progress.setValue(min(progress.done, progress.total))
        else:
            self.progress.setRange(0, 0)  # busy indicator
        self.progress.setFormat(self.tr("Syncing %1… %p%").replace("%1", phase))

    def hide_progress(self) -> None:
        self.progress.hide()
        self.progress.reset()
