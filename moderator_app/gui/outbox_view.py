"""The Outbox window: what waits to be sent, why it is stuck, and retry, cancel, copy.

A moderator who sees "Outbox: 3" must be able to find out which three, and never lose
a reply the site refused: its text can be copied before the item is cancelled.

The list is a snapshot (reloaded on show, after each action, and by the main window
after a sync); the service re-checks every action against the store, so a stale row
only ever leads to a refusal (worded in gui/outbox_words.py, as are the rows).
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.dates import format_datetime
from moderator_app.gui.outbox_words import (
    OutboxRow,
    detail_words,
    refusal_words,
    row_in_words,
    summary_words,
    undo_words,
)
from moderator_app.platform.errors import PlatformError
from moderator_app.services.outbox import OutboxRefused, OutboxService, Refusal
from moderator_app.services.outbox_details import load_details
from moderator_app.sync import outbox_plan as op

RECENT_DONE = 7 * 24 * 3600  # "show sent items" goes back this far
_DISPLAY = Qt.ItemDataRole.DisplayRole


# --- loading -----------------------------------------------------------------------------


def load_rows(outbox: OutboxService, *, include_done: bool, now: int) -> list[OutboxRow]:
    """The outbox in words, oldest first (sent items only from the last week)."""
    entries = [
        e
        for e in outbox.list(include_done=include_done)
        if e.state != op.DONE or e.created_at >= now - RECENT_DONE
    ]
    details = load_details(outbox.db, entries)
    return [row_in_words(e, details[e.id], now) for e in entries]


# --- the model --------------------------------------------------------------------------


class OutboxModel(QAbstractTableModel):
    WHAT, STATE, CREATED, ATTEMPTS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxRow] = []

    def set_rows(self, rows: Iterable[OutboxRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> OutboxRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.entry.id == item_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return (
                row.what,
                row.state,
                format_datetime(row.entry.created_at),
                row.entry.attempts,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.WHAT, self.STATE):
            return row.what if column == self.WHAT else row.state
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        titles = (self.tr("What"), self.tr("State"), self.tr("Created"), self.tr("Attempts"))
        return titles[section] if 0 <= section < len(titles) else None


# --- the window -------------------------------------------------------------------------


class OutboxView(QDialog):
    """Non-modal: it stays open next to the queue while the moderator works."""

    changed = Signal()  # an item was retried or cancelled: counts and the queue change

    def __init__(
        self,
        outbox: OutboxService,
        parent: QWidget | None = None,
        *,
        sync_action: QAction | None = None,
        open_discussion: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self.setWindowTitle(self.tr("Outbox"))
        self.setModal(False)
        self.outbox = outbox
        self._open_discussion = open_discussion
        self.model = OutboxModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.show_done = QCheckBox(self.tr("Show items sent in the last 7 days"))
        self.show_done.toggled.connect(lambda _on: self.refresh())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OutboxModel.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OutboxModel.STATE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(OutboxModel.STATE, 340)
        for column in (OutboxModel.CREATED, OutboxModel.ATTEMPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.detail = QLabel()
        self.detail.setObjectName("outboxDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)

        self.retry_button = QPushButton(self.tr("&Retry"))
        self.cancel_button = QPushButton(self.tr("&Cancel item…"))
        self.copy_button = QPushButton(self.tr("Co&py text"))
        self.open_button = QPushButton(self.tr("&Open discussion"))
        self.close_button = QPushButton(self.tr("Close"))
        self.retry_button.setToolTip(self.tr("Send it again at the next sync"))
        self.copy_button.setToolTip(self.tr("Put what you wrote on the clipboard"))
        self.open_button.setToolTip(self.tr("Select its discussion in the queue"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.close)
        self.open_button.setVisible(open_discussion is not None)

        buttons = QHBoxLayout()
        for button in (self.retry_button, self.cancel_button, self.copy_button, self.open_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        if sync_action is not None:  # after a retry, the moderator may want it sent now
            self.sync_button = QToolButton()
            self.sync_button.setDefaultAction(sync_action)
            self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(self.sync_button)
        buttons.addWidget(self.close_button)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_done)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.resize(1000, 460)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store, keeping the selected item selected."""
        current = self.selected()
        rows = load_rows(self.outbox, include_done=self.show_done.isChecked(), now=self._now())
        self.model.set_rows(rows)
        self.summary.setText(summary_words([r.entry for r in rows], self._now()))
        row = self.model.row_of(current.entry.id) if current is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _now(self) -> int:
        return self.outbox.now()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def selected(self) -> OutboxRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        row = self.selected()
        entry = row.entry if row is not None else None
        failed = entry is not None and entry.state in (
            op.FAILED_RETRYABLE,
            op.FAILED_NEEDS_ATTENTION,
        )
        self.retry_button.setEnabled(failed)
        refusal = row.refusal if row is not None else None
        self.cancel_button.setEnabled(row is not None and refusal is None)
        self.cancel_button.setToolTip(refusal or self.tr("Take it back before it is sent"))
        self.copy_button.setEnabled(row is not None and row.text is not None)
        self.open_button.setEnabled(entry is not None and entry.discussion_id is not None)
        self.detail.setText(detail_words(row, self._now()) if row is not None else "")

    # --- actions ---------------------------------------------------------------------

    def retry_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.outbox.retry(row.entry.id)
        except PlatformError:  # refused (no longer failed), or gone: either way, not waiting
            self.show_refusal(refusal_words(Refusal.NOT_FAILED))
        self._after_action(row.entry.id)

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.refusal is not None:
            self.show_refusal(row.refusal)
            return
        if not self.confirm(row.what, undo_words(row.entry, row.detail)):
            return
        try:
            self.outbox.cancel(row.entry.id)
        except OutboxRefused as exc:
            # The sync may have taken it since the list was loaded: say why, as it is now.
            self.refresh()
            self.show_refusal(refusal_words(exc.refusal))
        except PlatformError as exc:  # gone meanwhile: only the service's message is left
            self.refresh()
            self.show_refusal(exc.message)
        self._after_action(row.entry.id)

    def copy_selected(self) -> None:
        row = self.selected()
        clipboard = QGuiApplication.clipboard()
        if row is not None and row.text is not None and clipboard is not None:
            clipboard.setText(row.text)

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or row.entry.discussion_id is None or self._open_discussion is None:
            return
        if not self._open_discussion(row.entry.discussion_id):
            self.show_refusal(
                self.tr(
                    "This discussion is not in the queue's list now (it waits for no "
                    "answer, or a filter hides it)."
                )
            )

    def _after_action(self, item_id: str) -> None:
        self.refresh()
        self.select_item(item_id)
        self.changed.emit()

    # --- questions (tests replace these) ------------------------------------------------

    def confirm(self, what: str, undone: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Cancel this item?"))
        box.setText(what)
        box.setInformativeText(undone)
        drop = box.addButton(self.tr("Cancel item"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is drop

    def show_refusal(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Outbox"), text)
