"""Add or edit one of the moderator's own prompts: kind, tags, English and Dutch text."""

from __future__ import annotations

from PySide6.QtWidgets import (
    QComboBox,
    QDialog,
    QDialogButtonBox,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.forms import child, load_form
from moderator_app.gui.prompts_words import kind_name, problem_text
from moderator_app.services.prompt_rules import (
    KINDS,
    PromptData,
    PromptText,
    parse_tags,
    validate,
)

EDITED_LANGS = ("en", "nl")


class PromptEditorDialog(QDialog):
    """Returns the edited PromptData from `result_data()` after accept()."""

    def __init__(self, data: PromptData | None = None, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setWindowTitle(self.tr("Prompt") if data is None else self.tr("Edit prompt"))
        self.ui = load_form("prompts_editor", self)
        layout = QVBoxLayout(self)
        layout.addWidget(self.ui)
        self.kind = child(self.ui, QComboBox, "kindCombo")
        for kind in KINDS:
            self.kind.addItem(kind_name(kind), kind)
        self.tags = child(self.ui, QLineEdit, "tagsEdit")
        self.titles = {lang: child(self.ui, QLineEdit, f"{lang}Title") for lang in EDITED_LANGS}
        self.bodies = {lang: child(self.ui, QPlainTextEdit, f"{lang}Body") for lang in EDITED_LANGS}
        self.problems = child(self.ui, QLabel, "problemsLabel")
        buttons = child(self.ui, QDialogButtonBox, "buttonBox")
        buttons.accepted.connect(self.accept)
        buttons.rejected.connect(self.reject)
        # Texts in languages this editor does not show are kept as they are.
        self._other_texts: dict[str, PromptText] = {}
        if data is not None:
            self.set_data(data)
        self.resize(640, 520)

    def set_data(self, data: PromptData) -> None:
        self.kind.setCurrentIndex(max(0, self.kind.findData(data.kind)))
        self.tags.setText(", ".join(data.tags))
        for lang in EDITED_LANGS:
            text = data.texts.get(lang)
            self.titles[lang].setText(text.title if text else "")
            self.bodies[lang].setPlainText(text.body if text else "")
        self._other_texts = {k: v for k, v in data.texts.items() if k not in EDITED_LANGS}

    def result_data(self) -> PromptData:
        texts = dict(self._other_texts)
        for lang in EDITED_LANGS:
            title = self.titles[lang].text().strip()
            body = self.bodies[lang].toPlainText().strip()
            if title or body:  # an empty language is left out, half a one is a problem
                texts[lang] = PromptText(title, body)
        return PromptData(
            kind=str(self.kind.currentData()), texts=texts, tags=parse_tags(self.tags.text())
        )

    def accept(self) -> None:
        problems = validate(self.result_data())
        if problems:
            self.problems.setText("\n".join(problem_text(p) for p in problems))
            return
        super().accept()
