"""Small dialogs of the consent page: record a consent, ask for one, reveal a pseudonym.

Each dialog only collects values; the page calls the services with them. Tests fill
the fields and call `accept()` (or replace `exec`), no modal loop needed.
"""

from __future__ import annotations

from PySide6.QtCore import QDateTime
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.consent_words import scope_text, source_text
from moderator_app.services.consent import SCOPE_ORDER, ConsentSpec, Source, post_ref

YEAR = 365 * 86_400


def _buttons(dialog: QDialog, ok_text: str) -> QDialogButtonBox:
    box = QDialogButtonBox(
        QDialogButtonBox.StandardButton.Ok | QDialogButtonBox.StandardButton.Cancel
    )
    box.button(QDialogButtonBox.StandardButton.Ok).setText(ok_text)
    box.accepted.connect(dialog.accept)
    box.rejected.connect(dialog.reject)
    return box


class AddConsentDialog(QDialog):
    """Record a consent for one learner: scope, coverage, source with a note, validity."""

    def __init__(
        self,
        learner_name: str,
        posts: list[tuple[int, str]],
        now: int,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Record consent"))
        layout = QVBoxLayout(self)
        layout.addWidget(QLabel(self.tr("Consent of %1").replace("%1", learner_name)))
        form = QFormLayout()
        self.scope = QComboBox(self)
        for scope in SCOPE_ORDER:
            self.scope.addItem(scope_text(scope), scope.value)
        self.scope.setCurrentIndex(1)
        form.addRow(self.tr("Share with"), self.scope)
        self.coverage = QComboBox(self)
        self.coverage.addItem(self.tr("All of the learner's work in this course"), None)
        for post_id, subject in posts:
            self.coverage.addItem(self.tr("Only: %1").replace("%1", subject), post_ref(post_id))
        form.addRow(self.tr("Covers"), self.coverage)
        self.media = QCheckBox(self.tr("Images and attachments may be shared too"), self)
        form.addRow("", self.media)
        self.source = QComboBox(self)
        for source in (Source.MESSAGE, Source.FORM, Source.POLICY):
            self.source.addItem(source_text(source), source.value)
        form.addRow(self.tr("Evidence"), self.source)
        self.note = QPlainTextEdit(self)
        self.note.setPlaceholderText(self.tr("Where the evidence is, e.g. the message's date"))
        self.note.setFixedHeight(60)
        form.addRow(self.tr("Note"), self.note)
        self.given = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(now), self)
        self.given.setCalendarPopup(True)
        form.addRow(self.tr("Given on"), self.given)
        self.limited = QCheckBox(self.tr("Valid until"), self)
        self.until = QDateTimeEdit(QDateTime.fromSecsSinceEpoch(now + YEAR), self)
        self.until.setCalendarPopup(True)
        self.until.setEnabled(False)
        self.limited.toggled.connect(self.until.setEnabled)
        form.addRow(self.limited, self.until)
        layout.addLayout(form)
        self.buttons = _buttons(self, self.tr("Record"))
        layout.addWidget(self.buttons)
        # A consent without evidence is worth nothing later: Record (and Enter) wait
        # until the note says where the evidence is; the site's policy is its own record.
        self.note.textChanged.connect(self._update_ok)
        self.source.currentIndexChanged.connect(lambda _i: self._update_ok())
        self._update_ok()

    def has_evidence(self) -> bool:
        return self.source.currentData() == Source.POLICY.value or bool(
            self.note.toPlainText().strip()
        )

    def _update_ok(self) -> None:
        ok = self.buttons.button(QDialogButtonBox.StandardButton.Ok)
        ok.setEnabled(self.has_evidence())
        ok.setToolTip(
            "" if self.has_evidence() else self.tr("Say in the note where the evidence is.")
        )

    def accept(self) -> None:
        if self.has_evidence():
            super().accept()

    def spec(self, course_id: int, learner_id: int) -> ConsentSpec:
        return ConsentSpec(
            course_id=course_id,
            learner_id=learner_id,
            scope=str(self.scope.currentData()),
            source=str(self.source.currentData()),
            given_at=int(self.given.dateTime().toSecsSinceEpoch()),
            note=self.note.toPlainText().strip(),
            valid_until=(
                int(self.until.dateTime().toSecsSinceEpoch()) if self.limited.isChecked() else None
            ),
            item_ref=self.coverage.currentData(),
            include_media=self.media.isChecked(),
        )


class RequestDialog(QDialog):
    """The consent request to the learner, editable before it goes into the outbox."""

    def __init__(self, learner_name: str, text: str, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Ask for consent"))
        layout = QVBoxLayout(self)
        layout.addWidget(
            QLabel(
                self.tr("Message to %1, sent through the site at the next sync:").replace(
                    "%1", learner_name
                )
            )
        )
        self.text = QPlainTextEdit(self)
        self.text.setPlainText(text)
        layout.addWidget(self.text)
        layout.addWidget(_buttons(self, self.tr("Put in outbox")))
        self.resize(520, 360)

    def message(self) -> str:
        return self.text.toPlainText()


class RevealDialog(QDialog):
    """Ask which pseudonym to reveal; revealing is recorded in the audit trail."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Reveal a pseudonym"))
        layout = QVBoxLayout(self)
        warning = QLabel(
            self.tr(
                "Revealing who is behind a pseudonym is recorded in the audit trail, "
                "with your name and the time."
            )
        )
        warning.setWordWrap(True)
        layout.addWidget(warning)
        self.label = QLineEdit(self)
        self.label.setPlaceholderText(self.tr("e.g. Blauwe Reiger"))
        layout.addWidget(self.label)
        layout.addWidget(_buttons(self, self.tr("Reveal")))

    def pseudonym(self) -> str:
        return self.label.text().strip()
