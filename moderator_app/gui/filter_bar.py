"""The queue's filter bar: course, forum, minimum age, questions only, locked, text search.

Turns the widgets of main_window.ui into a QueueFilter. Typing in the search field
is debounced, so a filter query runs once the user pauses, not per key.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal
from PySide6.QtWidgets import QBoxLayout, QCheckBox, QComboBox, QLineEdit, QWidget

from moderator_app.gui.forms import child
from moderator_app.services.queue import QueueFilter, QueueService

SEARCH_DEBOUNCE_MS = 250
AGE_CHOICES = (None, 24, 48, 24 * 7)


def id_and_name(row: Any) -> tuple[int, str]:
    """(id, label) from whatever the service returns for a course or forum."""
    if isinstance(row, tuple):
        return int(row[0]), str(row[1])
    for attr in ("name", "fullname", "shortname"):
        if getattr(row, attr, None):
            return int(row.id), str(getattr(row, attr))
    return int(row.id), str(row.id)


class FilterBar(QObject):
    changed = Signal()

    def __init__(self, form: QWidget, service: QueueService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self.search = child(form, QLineEdit, "searchEdit")
        self.course = child(form, QComboBox, "courseFilter")
        self.forum = child(form, QComboBox, "forumFilter")
        self.age = child(form, QComboBox, "ageFilter")
        self.questions = child(form, QCheckBox, "questionsOnly")
        # Locked discussions are closed, so not waiting: they are listed here instead.
        self.locked = QCheckBox(self.tr("Locked"), form)
        self.locked.setObjectName("lockedOnly")
        self.locked.setToolTip(
            self.tr("Show the discussions locked while a learner had the last word")
        )
        row = child(form, QBoxLayout, "filterBar")
        row.insertWidget(row.indexOf(self.questions) + 1, self.locked)
        self._debounce = QTimer(self, singleShot=True, interval=SEARCH_DEBOUNCE_MS)
        self._debounce.timeout.connect(self.changed)
        self.search.textChanged.connect(lambda _text: self._debounce.start())
        self.search.returnPressed.connect(self.apply_now)
        age_labels = (
            self.tr("Any age"),
            self.tr("Waited 24 h or more"),
            self.tr("Waited 48 h or more"),
            self.tr("Waited a week or more"),
        )
        for hours, label in zip(AGE_CHOICES, age_labels, strict=True):
            self.age.addItem(label, hours)
        self.reload_courses()
        self.course.currentIndexChanged.connect(self._on_course)
        self.forum.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.age.currentIndexChanged.connect(lambda _i: self.changed.emit())
        self.questions.toggled.connect(lambda _on: self.changed.emit())
        self.locked.toggled.connect(lambda _on: self.changed.emit())

    def current(self) -> QueueFilter:
        return QueueFilter(
            course_id=self.course.currentData(),
            forum_id=self.forum.currentData(),
            min_age_hours=self.age.currentData(),
            questions_only=self.questions.isChecked(),
            locked=self.locked.isChecked(),
            text=self.search.text().strip(),
        )

    def apply_now(self) -> None:
        """Search without waiting for the debounce (Enter in the field)."""
        if self._debounce.isActive():
            self._debounce.stop()
            self.changed.emit()

    def focus_search(self) -> None:
        self.search.setFocus()
        self.search.selectAll()

    def reload_courses(self) -> None:
        """Refill the course list (after a sync), keeping the choice when still there."""
        chosen = self.course.currentData()
        self.course.blockSignals(True)
        self.course.clear()
        self.course.addItem(self.tr("All courses"), None)
        for row in self._service.courses():
            course_id, name = id_and_name(row)
            self.course.addItem(name, course_id)
        index = self.course.findData(chosen)
        self.course.setCurrentIndex(max(index, 0))
        self.course.blockSignals(False)
        self._fill_forums()

    def choose(self, course_id: int | None, forum_id: int | None) -> None:
        self.course.blockSignals(True)
        self.course.setCurrentIndex(max(self.course.findData(course_id), 0))
        self.course.blockSignals(False)
        self._fill_forums()
        self.forum.blockSignals(True)
        self.forum.setCurrentIndex(max(self.forum.findData(forum_id), 0))
        self.forum.blockSignals(False)
        self.changed.emit()

    def _on_course(self, _index: int) -> None:
        self._fill_forums()
        self.changed.emit()

    def _fill_forums(self) -> None:
        chosen = self.forum.currentData()
        course_id = self.course.currentData()
        self.forum.blockSignals(True)
        self.forum.clear()
        self.forum.addItem(self.tr("All forums"), None)
        for row in self._service.forums(course_id):
            forum_id, name = id_and_name(row)
            self.forum.addItem(name, forum_id)
        self.forum.setCurrentIndex(max(self.forum.findData(chosen), 0))
        self.forum.setEnabled(self.forum.count() > 1)
        self.forum.blockSignals(False)
