"""The inline reply box under the thread: plain text in, a send request out."""

from __future__ import annotations

from PySide6.QtCore import Signal
from PySide6.QtWidgets import QLabel, QPlainTextEdit, QPushButton, QVBoxLayout, QWidget

from moderator_app.gui.forms import child, load_form


class ReplyBox(QWidget):
    send_requested = Signal(str)  # the plain text; the window turns it into an outbox item

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
