"""Share as example: pick a scope and a place, see what is missing or a side-by-side preview,
then queue the anonymised copy.

The dialog holds no store session: it calls `prepare` and `share` (given by the page),
each a short service call. A refusal lists every missing piece and offers to ask the
learner for consent.
"""

from __future__ import annotations

import re
from collections.abc import Callable

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QColor, QTextCharFormat, QTextCursor
from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QFormLayout,
    QHBoxLayout,
    QLabel,
    QLineEdit,
    QListWidget,
    QPushButton,
    QSplitter,
    QTextEdit,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.consent_words import problem_text, scope_text, target_text
from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.services.consent import SCOPE_ORDER
from moderator_app.services.redaction import Change, ChangeKind
from moderator_app.services.sharing import BadTarget, Prepared, Target

PrepareFn = Callable[[Target, str], Prepared]
HIGHLIGHT = QColor(255, 226, 122)  # pseudonyms in the anonymised copy
ShareFn = Callable[[Target, str], str]


class ShareDialog(QDialog):
    shared = Signal(str)  # the Share id
    consent_requested = Signal()

    def __init__(
        self,
        subject: str,
        places: list[tuple[str, Target]],
        prepare: PrepareFn,
        share: ShareFn,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Share as example"))
        self._prepare_fn = prepare
        self._share_fn = share
        self.prepared: Prepared | None = None
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Post: %1").replace("%1", subject)))
        form = QFormLayout()
        self.scope = QComboBox(self)
        for scope in SCOPE_ORDER:
            self.scope.addItem(scope_text(scope), scope.value)
        self.scope.setCurrentIndex(1)
        form.addRow(self.tr("Share with"), self.scope)
        self.place = QComboBox(self)
        for label, target in places:
            self.place.addItem(label, target)
        form.addRow(self.tr("Where"), self.place)
        self.subject = QLineEdit(self)
        self.subject.setPlaceholderText(self.tr("Subject (empty: the anonymised original)"))
        form.addRow(self.tr("Subject"), self.subject)
        layout.addLayout(form)

        self.status = QLabel(self)
        self.status.setObjectName("shareStatus")
        self.status.setWordWrap(True)
        layout.addWidget(self.status)
        splitter = QSplitter(self)
        self.original = SafeTextBrowser(splitter)
        self.original.setObjectName("originalView")
        self.anonymised = SafeTextBrowser(splitter)
        self.anonymised.setObjectName("anonymisedView")
        layout.addWidget(splitter, 1)
        # What redaction changed, one line each, so the moderator can check it.
        self.changes_title = QLabel(self.tr("Changes made for sharing:"), self)
        layout.addWidget(self.changes_title)
        self.changes = QListWidget(self)
        self.changes.setObjectName("changesList")
        self.changes.setMaximumHeight(120)
        layout.addWidget(self.changes)

        buttons = QHBoxLayout()
        self.check_button = QPushButton(self.tr("&Check and preview"), self)
        self.request_button = QPushButton(self.tr("&Ask for consent…"), self)
        self.share_button = QPushButton(self.tr("&Share"), self)
        close = QPushButton(self.tr("Close"), self)
        for button in (self.check_button, self.request_button, self.share_button):
            buttons.addWidget(button)
        buttons.addStretch(1)
        buttons.addWidget(close)
        layout.addLayout(buttons)
        self.request_button.setVisible(False)
        self.share_button.setEnabled(False)
        self.check_button.clicked.connect(self.check)
        self.request_button.clicked.connect(self.consent_requested)
        self.share_button.clicked.connect(self.share)
        close.clicked.connect(self.reject)
        self.scope.currentIndexChanged.connect(self._invalidate)
        self.place.currentIndexChanged.connect(self._invalidate)
        self.subject.textChanged.connect(self._invalidate)
        self.resize(900, 600)

    def target(self) -> Target:
        base: Target = self.place.currentData()
        subject = self.subject.text().strip()
        return Target(
            base.kind,
            base.course_id,
            forum_id=base.forum_id,
            group_id=base.group_id,
            post_id=base.post_id,
            discussion_id=base.discussion_id,
            subject=subject,
        )

    def _invalidate(self) -> None:
        self.prepared = None
        self.share_button.setEnabled(False)

    def check(self) -> None:
        """Check consent and place; show what is missing, or the preview."""
        self._invalidate()
        self.original.clear()
        self.anonymised.clear()
        self.changes.clear()
        self.request_button.setVisible(False)
        try:
            prepared = self._prepare_fn(self.target(), str(self.scope.currentData()))
        except BadTarget as exc:
            self.status.setText(target_text(exc))
            return
        self.prepared = prepared
        if prepared.preview is None:
            lines = [problem_text(p) for p in prepared.coverage.problems]
            self.status.setText(
                self.tr("Sharing is not allowed:") + "\n• " + "\n• ".join(dict.fromkeys(lines))
            )
            self.request_button.setVisible(True)
            return
        preview = prepared.preview
        notes = [
            self.tr("%1 mentions replaced by pseudonyms.").replace("%1", str(preview.replaced))
        ]
        if preview.dropped_media:
            notes.append(
                self.tr("%1 images or media left out (not covered by the consent).").replace(
                    "%1", str(preview.dropped_media)
                )
            )
        if preview.attachments_left_out:
            notes.append(self.tr("Attachments are never copied."))
        self.status.setText(" ".join(notes))
        self.original.set_post_html(preview.source.message)
        self.anonymised.set_post_html(preview.anonymised_html)
        self._show_changes(preview.changes)
        self.share_button.setEnabled(True)

    def _show_changes(self, changes: tuple[Change, ...]) -> None:
        """List every replacement and highlight the pseudonyms in the anonymised copy."""
        for change in changes:
            self.changes.addItem(self._change_text(change))
        if not changes:
            self.changes.addItem(
                self.tr("Nothing replaced: no names, e-mail addresses or handles found.")
            )
        selections = []
        document = self.anonymised.document()
        char_format = QTextCharFormat()
        char_format.setBackground(HIGHLIGHT)
        char_format.setForeground(QColor(Qt.GlobalColor.black))
        for label in dict.fromkeys(c.label for c in changes if c.label):
            cursor = document.find(label)
            while not cursor.isNull():
                selection = QTextEdit.ExtraSelection()
                selection.cursor = QTextCursor(cursor)
                selection.format = char_format
                selections.append(selection)
                cursor = document.find(label, cursor)
        self.anonymised.setExtraSelections(selections)

    def _change_text(self, change: Change) -> str:
        if change.kind is ChangeKind.ADDRESS:
            return _fill(self.tr("Address removed because it names someone: %1"), change.original)
        if change.where == "text":
            return _fill(self.tr("‘%1’ → %2"), change.original, change.label)
        place = self.tr("the subject") if change.where == "subject" else change.where
        return _fill(self.tr("‘%1’ → %2 (in %3)"), change.original, change.label, place)

    def share(self) -> None:
        if self.prepared is None or self.prepared.preview is None:
            return
        share_id = self._share_fn(self.target(), str(self.scope.currentData()))
        self.shared.emit(share_id)
        self.accept()


def _fill(template: str, *values: str) -> str:
    """%1, %2, ... filled in one pass (a value that holds "%2" stays as it is)."""
    return re.sub(r"%(\d)", lambda m: values[int(m.group(1)) - 1], template)
