"""The status bar: online or offline, last sync, outbox count, sync progress."""

from __future__ import annotations

from PySide6.QtCore import QObject
from PySide6.QtWidgets import QLabel, QProgressBar, QStatusBar

from moderator_app.gui.dates import format_datetime
from moderator_app.sync.report import Progress


class SyncStatus(QObject):
    def __init__(self, bar: QStatusBar) -> None:
        super().__init__(bar)
        self.bar = bar
        self.online = QLabel()
        self.last_sync = QLabel()
        self.outbox = QLabel()
        self.progress = QProgressBar()
        self.progress.setMaximumWidth(180)
        self.progress.setTextVisible(True)
        self.progress.hide()
        for widget in (self.progress, self.outbox, self.last_sync, self.online):
            bar.addPermanentWidget(widget)
        self.set_online(None)
        self.set_last_sync(None)
        self.set_outbox(0)

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

    def set_outbox(self, count: int) -> None:
        self.outbox.setText(self.tr("Outbox: %1").replace("%1", str(count)))
        self.outbox.setToolTip(self.tr("Replies and other changes waiting to be sent"))

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
