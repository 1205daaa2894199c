"""The inline reply box under the thread: plain text in, a send request out.

What is typed is a draft of the discussion shown (`target`): `draft_changed` says so
500 ms after the last key, when the field loses focus and on `flush()`, so the window
can keep it in the store and nothing typed is lost.
"""

from __future__ import annotations

from PySide6.QtCore import QCoreApplication, QEvent, QObject, QTimer, Signal
from PySide6.QtWidgets import (
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPlainTextEdit,
    QPushButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.forms import child, load_form

DRAFT_DELAY_MS = 500  # after the last key: saving on every key would write per letter


def confirm_discard(parent: QWidget) -> bool:
    """Ask before a draft is thrown away (tests replace this function)."""
    answer = QMessageBox.question(
        parent,
        QCoreApplication.translate("ReplyBox", "Discard draft"),
        QCoreApplication.translate(
            "ReplyBox", "Throw away the reply you started? This cannot be undone."
        ),
        QMessageBox.StandardButton.Discard | QMessageBox.StandardButton.Cancel,
        QMessageBox.StandardButton.Cancel,
    )
    return answer == QMessageBox.StandardButton.Discard


class ReplyBox(QWidget):
    send_requested = Signal(str)  # the plain text; the window turns it into an outbox item
    draft_changed = Signal(object, str)  # (target, text): keep this text as target's draft
    discard_requested = Signal(object)  # target: the moderator confirmed throwing it away

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.ui = load_form("reply_box", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.edit = child(self.ui, QPlainTextEdit, "replyEdit")
        self.status = child(self.ui, QLabel, "replyStatus")
        self.send_button = child(self.ui, QPushButton, "sendButton")
        self.send_button.clicked.connect(self.request_send)
        self.edit.textChanged.connect(self._update)
        self.edit.textChanged.connect(self._on_typed)
        self.edit.installEventFilter(self)
        self.discard_button = QPushButton(self.tr("Discard draft"))
        self.discard_button.setObjectName("discardButton")
        self.discard_button.setToolTip(self.tr("Throw away the reply you started"))
        self.discard_button.clicked.connect(self.request_discard)
        child(self.ui, QHBoxLayout, "replyButtons").insertWidget(2, self.discard_button)
        self.target: object = None  # whose draft the text is (a discussion id)
        self._dirty = False
        self._loading = False
        self._draft_timer = QTimer(self)
        self._draft_timer.setSingleShot(True)
        self._draft_timer.setInterval(DRAFT_DELAY_MS)
        self._draft_timer.timeout.connect(self.flush)
        self.closed_reason: str | None = None
        self._update()

    def set_closed(self, reason: str | None) -> None:
        """Close the box and say why (a locked discussion), or open it again (None).

        The box stays readable: only the text field and Send are switched off, and the
        reason is shown where the send status goes.
        """
        self.closed_reason = reason
        self.edit.setReadOnly(reason is not None)
        self.edit.setPlaceholderText(reason or "")
        self.status.setText(reason or "")
        self._update()

    def is_open(self) -> bool:
        return self.isEnabled() and self.closed_reason is None

    def text(self) -> str:
        return self.edit.toPlainText()

    def set_text(self, text: str) -> None:
        self.edit.setPlainText(text)

    def clear(self) -> None:
        self.edit.clear()

    def load(self, target: object, text: str) -> None:
        """Show `target`'s draft (or nothing); the previous target's text is flushed first."""
        self.flush()
        self.target = target
        self._loading = True
        try:
            self.edit.setPlainText(text)
        finally:
            self._loading = False
        self._dirty = False

    def flush(self) -> None:
        """Say the current text now (before it leaves the screen), if it changed."""
        self._draft_timer.stop()
        if self._dirty and self.target is not None:
            self._dirty = False
            self.draft_changed.emit(self.target, self.text())

    def request_discard(self) -> None:
        if not self.text().strip() or not confirm_discard(self):
            return
        target = self.target
        self._loading = True
        try:
            self.edit.clear()
        finally:
            self._loading = False
        self._dirty = False
        self._draft_timer.stop()
        if target is not None:
            self.discard_requested.emit(target)

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if watched is self.edit and event.type() == QEvent.Type.FocusOut:
            self.flush()
        return super().eventFilter(watched, event)

    def _on_typed(self) -> None:
        if self._loading:
            return
        self._dirty = True
        self._draft_timer.start()

    def set_status(self, text: str) -> None:
        self.status.setText(text)

    def start(self) -> None:
        """Put the cursor in the box (the R key)."""
        self.edit.setFocus()

    def request_send(self) -> None:
        if self.text().strip() and self.is_open():
            self.send_requested.emit(self.text())

    def _update(self) -> None:
        self.send_button.setEnabled(bool(self.text().strip()) and self.closed_reason is None)
        self.discard_button.setVisible(bool(self.text().strip()))
