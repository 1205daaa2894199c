"""The sidebar's other pages: forums with their waiting counts, and 'coming soon'."""

from __future__ import annotations

from PySide6.QtCore import QObject, Qt, Signal
from PySide6.QtWidgets import QLabel, QTreeWidget, QTreeWidgetItem, QWidget

from moderator_app.gui.filter_bar import id_and_name
from moderator_app.gui.forms import child
from moderator_app.services.queue import QueueFilter, QueueService

COURSE_ROLE = Qt.ItemDataRole.UserRole + 1
FORUM_ROLE = Qt.ItemDataRole.UserRole + 2


class ForumsPage(QObject):
    forum_chosen = Signal(object, object)  # course id, forum id (None: the whole course)

    def __init__(self, form: QWidget, service: QueueService) -> None:
        super().__init__(form)
        self._service = service
        self.page = child(form, QWidget, "forumsPage")
        self.tree = child(form, QTreeWidget, "forumTree")
        self.tree.setHeaderLabels([self.tr("Course / forum"), self.tr("Waiting")])
        self.tree.header().setStretchLastSection(False)
        self.tree.itemActivated.connect(self._on_activated)
        self._stale = True

    def mark_stale(self) -> None:
        self._stale = True
        if self.page.isVisible():
            self.reload()

    def reload(self) -> None:
        if not self._stale:
            return
        self._stale = False
        self.tree.clear()
        for course in self._service.courses():
            course_id, course_name = id_and_name(course)
            course_item = QTreeWidgetItem(
                [course_name, str(self._service.count(QueueFilter(course_id=course_id)))]
            )
            course_item.setData(0, COURSE_ROLE, course_id)
            self.tree.addTopLevelItem(course_item)
            for forum in self._service.forums(course_id):
                forum_id, forum_name = id_and_name(forum)
                waiting = self._service.count(QueueFilter(course_id=course_id, forum_id=forum_id))
                forum_item = QTreeWidgetItem([forum_name, str(waiting)])
                forum_item.setData(0, COURSE_ROLE, course_id)
                forum_item.setData(0, FORUM_ROLE, forum_id)
                forum_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
                course_item.addChild(forum_item)
            course_item.setTextAlignment(1, Qt.AlignmentFlag.AlignRight)
        self.tree.expandAll()
        self.tree.resizeColumnToContents(0)
        self.tree.setColumnWidth(0, self.tree.columnWidth(0) + 40)
        self.tree.resizeColumnToContents(1)

    def _on_activated(self, item: QTreeWidgetItem, _column: int) -> None:
        self.forum_chosen.emit(item.data(0, COURSE_ROLE), item.data(0, FORUM_ROLE))


class ComingSoonPage(QObject):
    def __init__(self, form: QWidget) -> None:
        super().__init__(form)
        self.page = child(form, QWidget, "comingPage")
        self.title = child(form, QLabel, "comingTitle")
        self.text = child(form, QLabel, "comingText")
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.5)
        font.setBold(True)
        self.title.setFont(font)

    def show_section(self, name: str) -> None:
        self.title.setText(name)
        self.text.setText(
            self.tr(
                "Coming soon: this part of Moderator Desk is being built. The queue already works."
            )
        )
