"""A preview of a poll as learners will see it in Moodle: the question, the
description, one radio button (or check box, with several answers) per option, the
limits and when results show. Nothing in it can be sent."""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.dates import format_datetime
from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.services.poll_rules import PollData


class PollPreview(QDialog):
    def __init__(self, poll: PollData, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollPreview")
        self.setWindowTitle(self.tr("Preview: as learners see it"))
        layout = QVBoxLayout(self)
        self.title = QLabel(poll.question.strip() or self.tr("(no question yet)"))
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.3)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.description = SafeTextBrowser(self)
        self.description.set_post_html(poll.description)
        self.description.setVisible(bool(poll.description.strip()))
        self.description.setMaximumHeight(140)
        layout.addWidget(self.description)
        for line in self._notes(poll):
            note = QLabel(line)
            note.setWordWrap(True)
            layout.addWidget(note)
        self.choices: list[QAbstractButton] = []
        group = QButtonGroup(self)
        group.setExclusive(not poll.allow_multiple)
        for option in poll.options:
            text = option.text.strip() or self.tr("(empty option)")
            if poll.limit_answers:
                text += " " + self.tr("(%1 places)").replace("%1", str(option.max_answers))
            button: QAbstractButton = QCheckBox(text) if poll.allow_multiple else QRadioButton(text)
            group.addButton(button)
            self.choices.append(button)
            layout.addWidget(button)
        self.save_button = QPushButton(self.tr("Save my choice"))
        self.save_button.setEnabled(False)  # a preview sends nothing
        self.save_button.setToolTip(
            self.tr("Learners press this in Moodle; the preview sends nothing.")
        )
        layout.addWidget(self.save_button, alignment=Qt.AlignmentFlag.AlignLeft)
        buttons = QDialogButtonBox(QDialogButtonBox.StandardButton.Close)
        buttons.rejected.connect(self.reject)
        layout.addWidget(buttons)

    def _notes(self, poll: PollData) -> list[str]:
        notes = []
        if poll.time_open:
            opens = format_datetime(poll.time_open)
            notes.append(self.tr("Opens: %1").replace("%1", opens))
        if poll.time_close:
            closes = format_datetime(poll.time_close)
            notes.append(self.tr("Closes: %1").replace("%1", closes))
        if poll.allow_multiple:
            notes.append(self.tr("You may choose more than one option."))
        results = {
            0: self.tr("Results are not shown to learners."),
            1: self.tr("Results are shown after you answer."),
            2: self.tr("Results are shown after the poll closes."),
            3: self.tr("Results are always shown."),
        }.get(poll.show_results)
        if results:
            notes.append(results)
        if poll.show_results:
            notes.append(
                self.tr("Results show who chose what.")
                if poll.publish_names
                else self.tr("Results are anonymous.")
            )
        if poll.allow_update:
            notes.append(self.tr("You can change your answer later."))
        return notes
