"""The poll editor: every field of a draft, validation next to each field, publish.

The layout is ui/poll_editor.ui (held by composition in `self.ui`). The editor only
edits values: the page (gui/polls_page.py) saves them through services/polls.py on
`changed` and publishes on `publish_requested`. Validation runs on every change with
the same rules the service applies, so the Publish button is enabled exactly when the
service would accept the poll.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Sequence

from PySide6.QtCore import QDateTime, Qt, Signal
from PySide6.QtGui import QAction, QBrush, QColor, QKeySequence, QPalette
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QLabel,
    QLineEdit,
    QPlainTextEdit,
    QPushButton,
    QSpinBox,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.forms import child, load_form
from moderator_app.gui.polls_words import issue_text, plugin_missing_text, status_text
from moderator_app.services.poll_rules import Issue, PollData, PollOption, validate
from moderator_app.services.poll_templates import LANGUAGES, TEMPLATES, from_template

EDITABLE_STATES = ("draft", "failed")
OPTION_FLAGS = (
    Qt.ItemFlag.ItemIsSelectable
    | Qt.ItemFlag.ItemIsEnabled
    | Qt.ItemFlag.ItemIsEditable
    | Qt.ItemFlag.ItemIsDragEnabled
    | Qt.ItemFlag.ItemNeverHasChildren  # dropping onto an option must not nest it
)


class PollEditor(QWidget):
    changed = Signal()  # the moderator edited something (not emitted while loading)
    publish_requested = Signal()
    preview_requested = Signal()

    def __init__(
        self, parent: QWidget | None = None, *, now: Callable[[], float] = time.time
    ) -> None:
        super().__init__(parent)
        self._now = now
        self._loading = False
        self._state = "draft"
        self._can_publish = True
        self.issues: list[Issue] = []
        self.ui = load_form("poll_editor", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self._find_widgets()
        self._set_up_options()
        self._set_up_templates()
        self._connect()
        self.load(PollData(), "draft", None, [], can_publish=True)

    # -- construction ---------------------------------------------------------------

    def _find_widgets(self) -> None:
        u = self.ui
        self.question = child(u, QLineEdit, "questionEdit")
        self.description = child(u, QPlainTextEdit, "descriptionEdit")
        self.options = child(u, QTreeWidget, "optionList")
        self.add_button = child(u, QPushButton, "addOptionButton")
        self.remove_button = child(u, QPushButton, "removeOptionButton")
        self.up_button = child(u, QPushButton, "upButton")
        self.down_button = child(u, QPushButton, "downButton")
        self.allow_multiple = child(u, QCheckBox, "allowMultipleCheck")
        self.allow_update = child(u, QCheckBox, "allowUpdateCheck")
        self.limit_answers = child(u, QCheckBox, "limitAnswersCheck")
        self.show_results = child(u, QComboBox, "showResultsCombo")
        self.publish_names = child(u, QComboBox, "publishCombo")
        self.show_unanswered = child(u, QCheckBox, "showUnansweredCheck")
        self.open_check = child(u, QCheckBox, "openCheck")
        self.open_edit = child(u, QDateTimeEdit, "openEdit")
        self.close_check = child(u, QCheckBox, "closeCheck")
        self.close_edit = child(u, QDateTimeEdit, "closeEdit")
        self.course = child(u, QComboBox, "courseCombo")
        self.section = child(u, QSpinBox, "sectionSpin")
        self.template = child(u, QComboBox, "templateCombo")
        self.template_language = child(u, QComboBox, "templateLanguageCombo")
        self.apply_template_button = child(u, QPushButton, "applyTemplateButton")
        self.preview_button = child(u, QPushButton, "previewButton")
        self.publish_button = child(u, QPushButton, "publishButton")
        self.state_label = child(u, QLabel, "stateLabel")
        self.plugin_label = child(u, QLabel, "pluginLabel")
        self.errors = {
            "question": child(u, QLabel, "questionError"),
            "options": child(u, QLabel, "optionsError"),
            "limits": child(u, QLabel, "limitsError"),
            "times": child(u, QLabel, "timesError"),
            "course": child(u, QLabel, "courseError"),
        }
        for label in self.errors.values():
            label.setStyleSheet(f"color: {error_colour(self.palette())};")
            label.hide()

    def _set_up_options(self) -> None:
        tree = self.options
        tree.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        tree.setDragDropMode(QAbstractItemView.DragDropMode.InternalMove)
        tree.setDropIndicatorShown(True)
        tree.header().setStretchLastSection(False)
        tree.header().setSectionResizeMode(0, tree.header().ResizeMode.Stretch)
        self.move_up_action = self._list_action(self.tr("Move option up"), "Alt+Up", -1)
        self.move_down_action = self._list_action(self.tr("Move option down"), "Alt+Down", +1)
        self.remove_action = QAction(self.tr("Remove option"), tree)
        self.remove_action.setShortcut(QKeySequence(QKeySequence.StandardKey.Delete))
        self.remove_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.remove_action.triggered.connect(self.remove_option)
        self.add_action = QAction(self.tr("Add option"), tree)
        self.add_action.setShortcut(QKeySequence(Qt.Key.Key_Insert))
        self.add_action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.add_action.triggered.connect(self.add_option)
        tree.addActions(
            [self.move_up_action, self.move_down_action, self.remove_action, self.add_action]
        )
        model = tree.model()
        model.rowsInserted.connect(self._on_rows_inserted)
        for signal in (model.rowsRemoved, model.rowsMoved, model.dataChanged):
            signal.connect(self._on_edited)

    def _list_action(self, text: str, keys: str, step: int) -> QAction:
        action = QAction(text, self.options)
        action.setShortcut(QKeySequence(keys))
        action.setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        action.triggered.connect(lambda: self.move_option(step))
        return action

    def _set_up_templates(self) -> None:
        names = {"en": "English", "nl": "Nederlands"}  # language names in their own language
        for language in LANGUAGES:
            self.template_language.addItem(names.get(language, language), language)
        self.template_language.currentIndexChanged.connect(self._fill_templates)
        self._fill_templates()

    def _fill_templates(self) -> None:
        language = self.template_language.currentData() or "en"
        self.template.clear()
        for template in TEMPLATES:
            self.template.addItem(template.title[language], template.key)

    def _connect(self) -> None:
        self.question.textEdited.connect(self._on_edited)
        self.description.textChanged.connect(self._on_edited)
        for box in (
            self.allow_multiple,
            self.allow_update,
            self.limit_answers,
            self.show_unanswered,
            self.open_check,
            self.close_check,
        ):
            box.toggled.connect(self._on_edited)
        for combo in (self.show_results, self.publish_names, self.course):
            combo.currentIndexChanged.connect(self._on_edited)
        for edit in (self.open_edit, self.close_edit):
            edit.dateTimeChanged.connect(self._on_edited)
        self.section.valueChanged.connect(self._on_edited)
        self.add_button.clicked.connect(self.add_option)
        self.remove_button.clicked.connect(self.remove_option)
        self.up_button.clicked.connect(lambda: self.move_option(-1))
        self.down_button.clicked.connect(lambda: self.move_option(+1))
        self.apply_template_button.clicked.connect(self.apply_template)
        self.publish_button.clicked.connect(self.publish_requested)
        self.preview_button.clicked.connect(self.preview_requested)

    # -- loading and reading ----------------------------------------------------------

    def load(
        self,
        poll: PollData,
        status: str,
        failure_reason: str | None,
        courses: Sequence[tuple[int, str]],
        *,
        can_publish: bool,
    ) -> None:
        """Show a draft with its status at a glance; only draft and failed are editable."""
        self._loading = True
        try:
            self._state = status
            self._can_publish = can_publish
            self.question.setText(poll.question)
            self.description.setPlainText(poll.description)
            self.options.clear()
            for option in poll.options:
                self.options.addTopLevelItem(self._option_item(option))
            self.allow_multiple.setChecked(poll.allow_multiple)
            self.allow_update.setChecked(poll.allow_update)
            self.limit_answers.setChecked(poll.limit_answers)
            self.show_results.setCurrentIndex(max(0, min(3, poll.show_results)))
            self.publish_names.setCurrentIndex(1 if poll.publish_names else 0)
            self.show_unanswered.setChecked(poll.show_unanswered)
            self._set_time(self.open_check, self.open_edit, poll.time_open)
            self._set_time(self.close_check, self.close_edit, poll.time_close)
            self._fill_courses(courses, poll.course_id)
            self.section.setValue(poll.section)
            frozen = status not in EDITABLE_STATES
            for widget in self._field_widgets():
                widget.setEnabled(not frozen)
            self._show_state(status, failure_reason)
        finally:
            self._loading = False
        self.refresh()

    def _field_widgets(self) -> list[QWidget]:
        return [
            self.question,
            self.description,
            self.options,
            self.add_button,
            self.remove_button,
            self.up_button,
            self.down_button,
            self.allow_multiple,
            self.allow_update,
            self.limit_answers,
            self.show_results,
            self.publish_names,
            self.show_unanswered,
            self.open_check,
            self.open_edit,
            self.close_check,
            self.close_edit,
            self.course,
            self.section,
            self.template,
            self.template_language,
            self.apply_template_button,
        ]

    def _option_item(self, option: PollOption) -> QTreeWidgetItem:
        item = QTreeWidgetItem()
        item.setFlags(OPTION_FLAGS)
        item.setData(0, Qt.ItemDataRole.EditRole, option.text)
        item.setData(1, Qt.ItemDataRole.EditRole, int(option.max_answers))
        return item

    def _set_time(self, check: QCheckBox, edit: QDateTimeEdit, value: int) -> None:
        check.setChecked(bool(value))
        if value:
            edit.setDateTime(QDateTime.fromSecsSinceEpoch(value))
        else:  # a sensible start when the moderator ticks the box: tomorrow, this hour
            edit.setDateTime(QDateTime.fromSecsSinceEpoch(int(self._now()) // 3600 * 3600 + 86_400))

    def _fill_courses(self, courses: Sequence[tuple[int, str]], chosen: int | None) -> None:
        self.course.clear()
        self.course.addItem(self.tr("Choose a course…"), None)
        for course_id, name in courses:
            self.course.addItem(name, course_id)
        if chosen is not None and self.course.findData(chosen) < 0:
            self.course.addItem(
                self.tr("Course %1 (not synced)").replace("%1", str(chosen)), chosen
            )
        self.course.setCurrentIndex(
            max(0, self.course.findData(chosen)) if chosen is not None else 0
        )

    def poll(self) -> PollData:
        """The values in the fields, as the service stores them."""
        options = []
        for item in self.option_items():
            limit = item.data(1, Qt.ItemDataRole.EditRole)
            options.append(
                PollOption(
                    str(item.data(0, Qt.ItemDataRole.EditRole) or ""),
                    int(limit) if isinstance(limit, int) else 0,
                )
            )
        course = self.course.currentData()
        return PollData(
            question=self.question.text(),
            description=self.description.toPlainText(),
            options=tuple(options),
            allow_multiple=self.allow_multiple.isChecked(),
            limit_answers=self.limit_answers.isChecked(),
            allow_update=self.allow_update.isChecked(),
            show_results=self.show_results.currentIndex(),
            publish_names=self.publish_names.currentIndex() == 1,
            show_unanswered=self.show_unanswered.isChecked(),
            time_open=self._time(self.open_check, self.open_edit),
            time_close=self._time(self.close_check, self.close_edit),
            course_id=int(course) if course is not None else None,
            section=self.section.value(),
        )

    @staticmethod
    def _time(check: QCheckBox, edit: QDateTimeEdit) -> int:
        return int(edit.dateTime().toSecsSinceEpoch()) if check.isChecked() else 0

    # -- editing ----------------------------------------------------------------------

    def option_items(self) -> list[QTreeWidgetItem]:
        tree = self.options
        found = (tree.topLevelItem(row) for row in range(tree.topLevelItemCount()))
        return [item for item in found if item is not None]

    def add_option(self) -> None:
        item = self._option_item(PollOption(""))
        current = self.options.currentItem()
        row = self.options.indexOfTopLevelItem(current) + 1 if current is not None else 0
        if row <= 0:
            row = self.options.topLevelItemCount()
        self.options.insertTopLevelItem(row, item)
        self.options.setCurrentItem(item)
        self.options.setFocus()
        self.options.editItem(item, 0)

    def remove_option(self) -> None:
        item = self.options.currentItem()
        if item is None:
            return
        row = self.options.indexOfTopLevelItem(item)
        self.options.takeTopLevelItem(row)
        remaining = self.option_items()
        if remaining:
            self.options.setCurrentItem(remaining[min(row, len(remaining) - 1)])

    def move_option(self, step: int) -> None:
        item = self.options.currentItem()
        if item is None:
            return
        row = self.options.indexOfTopLevelItem(item)
        target = row + step
        if not 0 <= target < self.options.topLevelItemCount():
            return
        self.options.takeTopLevelItem(row)
        self.options.insertTopLevelItem(target, item)
        self.options.setCurrentItem(item)

    def apply_template(self) -> None:
        if self._has_content() and not self.confirm_replace():
            return
        poll = from_template(
            str(self.template.currentData()),
            str(self.template_language.currentData()),
            self.poll(),
        )
        self.load(poll, self._state, None, self._courses(), can_publish=self._can_publish)
        self.changed.emit()

    def confirm_replace(self) -> bool:
        """Ask before a template replaces what was written; tests replace this method."""
        from PySide6.QtWidgets import QMessageBox

        answer = QMessageBox.question(
            self,
            self.tr("Use template"),
            self.tr("Replace the question and options with the template's?"),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _has_content(self) -> bool:
        poll = self.poll()
        return bool(poll.question.strip() or any(o.text.strip() for o in poll.options))

    def _courses(self) -> list[tuple[int, str]]:
        return [
            (int(self.course.itemData(i)), self.course.itemText(i))
            for i in range(1, self.course.count())
        ]

    def _on_rows_inserted(self, _parent: object, first: int, last: int) -> None:
        # A drop builds new items from the dragged data: give them the option flags again.
        for row in range(first, last + 1):
            item = self.options.topLevelItem(row)
            if item is not None:
                item.setFlags(OPTION_FLAGS)
        self._on_edited()

    def _on_edited(self, *_args: object) -> None:
        if self._loading:
            return
        self.refresh()
        self.changed.emit()

    # -- validation -------------------------------------------------------------------

    def refresh(self) -> None:
        """Run the rules; show each problem by its field; enable Publish only when valid."""
        poll = self.poll()
        self.issues = validate(poll, int(self._now()))
        by_place: dict[str, list[str]] = {key: [] for key in self.errors}
        bad_rows: dict[int, str] = {}
        for issue in self.issues:
            text = issue_text(issue)
            by_place[_place(issue)].append(text)
            if issue.index is not None:
                bad_rows.setdefault(issue.index, text)
        for key, label in self.errors.items():
            label.setText("\n".join(by_place[key]))
            label.setVisible(bool(by_place[key]))
        self._mark_rows(bad_rows)
        self.options.setColumnHidden(1, not poll.limit_answers)
        self.open_edit.setEnabled(self.open_check.isChecked() and self.open_check.isEnabled())
        self.close_edit.setEnabled(self.close_check.isChecked() and self.close_check.isEnabled())
        self.plugin_label.setVisible(not self._can_publish)
        self.plugin_label.setText("" if self._can_publish else plugin_missing_text())
        self.publish_button.setEnabled(
            not self.issues and self._can_publish and self._state in EDITABLE_STATES
        )

    def _mark_rows(self, bad_rows: dict[int, str]) -> None:
        self._loading = True  # colouring rows changes data: not an edit
        try:
            for row, item in enumerate(self.option_items()):
                problem = bad_rows.get(row)
                item.setToolTip(0, problem or "")
                item.setData(0, Qt.ItemDataRole.AccessibleDescriptionRole, problem or "")
                colour = QColor(error_colour(self.palette()))
                item.setForeground(0, QBrush(colour) if problem else QBrush())
        finally:
            self._loading = False

    def set_status(self, status: str, failure_reason: str | None = None) -> None:
        self._state = status
        self._show_state(status, failure_reason)
        self.refresh()

    def _show_state(self, state: str, failure_reason: str | None) -> None:
        text = status_text(state)
        if state == "failed" and failure_reason:
            text += ": " + failure_reason
        self.state_label.setText(text)


def error_colour(palette: QPalette) -> str:
    """A red that stays readable on the palette's background, light or dark."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    return "#ff8a80" if dark else "#b71c1c"


def _place(issue: Issue) -> str:
    if issue.field in ("question",):
        return "question"
    if issue.field == "max_answers":
        return "limits"
    if issue.field in ("time_open", "time_close"):
        return "times"
    if issue.field in ("course", "section"):
        return "course"
    if issue.field == "show_results":
        return "limits"
    return "options"
