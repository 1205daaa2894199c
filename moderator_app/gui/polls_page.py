"""The Polls page of the main window: drafts and the polls in the moderator's courses.

Left: a tree with the drafts (state at a glance) and the Choice activities found in
the courses. Right: the editor for a draft, the results for a poll. Local work (save,
publish into the outbox, import) is a short store write on the GUI thread; fetching
results goes through the task runner and never blocks the window.
"""

from __future__ import annotations

import time
from collections.abc import Callable, Collection
from pathlib import Path
from typing import Any

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QMessageBox,
    QPushButton,
    QSplitter,
    QStackedWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.polls_editor import PollEditor
from moderator_app.gui.polls_preview import PollPreview
from moderator_app.gui.polls_results import ResultsView
from moderator_app.gui.polls_words import import_error_text, plugin_missing_text, status_text
from moderator_app.gui.tasks import TaskControl, TaskRunner
from moderator_app.platform.errors import AuthError, PolicyNotAgreed
from moderator_app.services.poll_io import PollImportError, export_json, import_json
from moderator_app.services.poll_results import PollResultsService
from moderator_app.services.poll_rules import PollData
from moderator_app.services.polls import (
    DraftFrozen,
    PluginMissing,
    PollInvalid,
    PollService,
)
from moderator_app.store.db import Database

DRAFT_ROLE = Qt.ItemDataRole.UserRole + 1
CHOICE_ROLE = Qt.ItemDataRole.UserRole + 2


class PollsPage(QWidget):
    published = Signal(str)  # draft id queued for publishing: the window may sync now
    results_refreshed = Signal(object)  # the PollPullReport, or the exception
    message = Signal(str)  # a sentence for the status bar
    sign_in_needed = Signal(object)  # the site refused the token (an AuthError)

    def __init__(
        self,
        db: Database,
        *,
        tasks: TaskRunner | None = None,
        platform_factory: Callable[[], Any] | None = None,
        site_functions: Collection[str] | None = None,
        now: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("pollsPage")
        self._now = now
        self.service = PollService(db, now=lambda: int(now()))
        self.results_service = PollResultsService(db, now=lambda: int(now()))
        self._db = db
        self._tasks = tasks or TaskRunner(self)
        self._platform_factory = platform_factory
        self._site_functions = site_functions
        self.current_draft: str | None = None
        self._shown: tuple[str | None, str] | None = None  # the draft in the editor, its status
        self._build()
        self.reload()

    # -- construction ---------------------------------------------------------------

    def _build(self) -> None:
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        splitter = QSplitter(self)
        layout.addWidget(splitter)
        left = QWidget(splitter)
        left_layout = QVBoxLayout(left)
        left_layout.setContentsMargins(0, 0, 0, 0)
        buttons = QHBoxLayout()
        self.new_button = self._button(self.tr("&New"), self.new_draft, buttons)
        self.duplicate_button = self._button(self.tr("D&uplicate"), self.duplicate, buttons)
        self.delete_button = self._button(self.tr("De&lete"), self.delete, buttons)
        left_layout.addLayout(buttons)
        self.tree = QTreeWidget(left)
        self.tree.setObjectName("pollTree")
        self.tree.setHeaderLabels([self.tr("Poll"), self.tr("State")])
        self.tree.setAccessibleName(self.tr("Polls"))
        # Long questions are elided (full text in the tooltip); the state always shows.
        header = self.tree.header()
        header.setStretchLastSection(False)
        header.setSectionResizeMode(0, header.ResizeMode.Stretch)
        header.setSectionResizeMode(1, header.ResizeMode.ResizeToContents)
        self.tree.currentItemChanged.connect(self._on_current)
        left_layout.addWidget(self.tree, 1)
        share = QHBoxLayout()
        self.import_button = self._button(self.tr("&Import…"), self.import_drafts, share)
        self.export_button = self._button(self.tr("E&xport…"), self.export_draft, share)
        left_layout.addLayout(share)
        self.stack = QStackedWidget(splitter)
        self.empty = QLabel(self.tr("Choose a poll, or press New to prepare one."))
        self.empty.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.empty.setWordWrap(True)
        self.editor = PollEditor(self, now=self._now)
        self.results = ResultsView(self)
        for widget in (self.empty, self.editor, self.results):
            self.stack.addWidget(widget)
        # Poll titles are long questions: give the list a third of the width.
        splitter.setStretchFactor(0, 1)
        splitter.setStretchFactor(1, 2)
        splitter.setSizes([440, 700])
        self.editor.changed.connect(self._save)
        self.editor.publish_requested.connect(self.publish)
        self.editor.preview_requested.connect(self.preview)
        self.results.refresh_requested.connect(lambda _id: self.refresh_results())

    def _button(self, text: str, slot: Callable[[], None], row: QHBoxLayout) -> QPushButton:
        button = QPushButton(text, self)
        button.clicked.connect(slot)
        row.addWidget(button)
        return button

    # -- the list -------------------------------------------------------------------

    def reload(self, select_draft: str | None = None) -> None:
        """Read drafts and polls from the store again (after sync, import, publish)."""
        keep = select_draft or self.current_draft
        keep_choice = self._current_choice()
        self.tree.blockSignals(True)
        self.tree.clear()
        self.drafts_group = QTreeWidgetItem([self.tr("Drafts"), ""])
        self.choices_group = QTreeWidgetItem([self.tr("Polls in your courses"), ""])
        self.tree.addTopLevelItems([self.drafts_group, self.choices_group])
        chosen: QTreeWidgetItem | None = None
        chosen_status = ""
        choices = self.results_service.choices()
        on_site = {choice.choice_id for choice in choices}
        for draft in self.service.drafts():
            if draft.choice_id is not None and draft.choice_id in on_site:
                # Published and pulled back: it is listed once, as the site's poll.
                if draft.id == keep:
                    keep_choice = draft.choice_id
                continue
            status = status_text(draft.status)
            if draft.status == "failed" and draft.failure_reason:
                status += ": " + draft.failure_reason
            item = QTreeWidgetItem([draft.question.strip() or self.tr("(no question)"), status])
            item.setToolTip(0, item.text(0))
            item.setToolTip(1, status)
            item.setData(0, DRAFT_ROLE, draft.id)
            self.drafts_group.addChild(item)
            if draft.id == keep:
                chosen, chosen_status = item, draft.status
        for choice in choices:
            item = QTreeWidgetItem([choice.name, status_text(choice.status)])
            item.setToolTip(0, f"{choice.name}\n{choice.course_name}")
            item.setData(0, CHOICE_ROLE, choice.choice_id)
            self.choices_group.addChild(item)
            if chosen is None and choice.choice_id == keep_choice:
                chosen = item
        self.tree.expandAll()
        self.tree.blockSignals(False)
        if chosen is not None and select_draft is None and self._shown == (keep, chosen_status):
            # The draft being edited did not change state: keep the editor as it is
            # (cursor, selection, an open option editor) instead of loading it again.
            self.tree.blockSignals(True)
            self.tree.setCurrentItem(chosen)
            self.tree.blockSignals(False)
        elif chosen is not None:
            self.tree.setCurrentItem(chosen)
        else:
            self.current_draft = None
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def _current_choice(self) -> int | None:
        item = self.tree.currentItem()
        value = item.data(0, CHOICE_ROLE) if item is not None else None
        return int(value) if value is not None else None

    def _on_current(self, item: QTreeWidgetItem | None, _previous: object = None) -> None:
        draft_id = item.data(0, DRAFT_ROLE) if item is not None else None
        choice_id = item.data(0, CHOICE_ROLE) if item is not None else None
        self.current_draft = draft_id
        if draft_id is not None:
            self._show_draft(draft_id)
        elif choice_id is not None:
            self._show_results(int(choice_id))
        else:
            self.stack.setCurrentWidget(self.empty)
        self._update_buttons()

    def _show_draft(self, draft_id: str) -> None:
        summary = next(d for d in self.service.drafts() if d.id == draft_id)
        self._shown = (draft_id, summary.status)
        self.editor.load(
            self.service.get(draft_id),
            summary.status,
            summary.failure_reason,
            self.service.courses(),
            can_publish=self.can_publish(),
        )
        self.stack.setCurrentWidget(self.editor)

    def _show_results(self, choice_id: int) -> None:
        results = self.results_service.results(choice_id)
        if results is None:
            self.stack.setCurrentWidget(self.empty)
            return
        self.results.show_results(results)
        self.stack.setCurrentWidget(self.results)

    def _update_buttons(self) -> None:
        has_draft = self.current_draft is not None
        self.duplicate_button.setEnabled(has_draft)
        self.delete_button.setEnabled(has_draft)
        self.export_button.setEnabled(has_draft)

    def select_draft(self, draft_id: str) -> None:
        for item in _children(self.drafts_group):
            if item.data(0, DRAFT_ROLE) == draft_id:
                self.tree.setCurrentItem(item)
                return

    def select_choice(self, choice_id: int) -> None:
        for item in _children(self.choices_group):
            if item.data(0, CHOICE_ROLE) == choice_id:
                self.tree.setCurrentItem(item)
                return

    # -- draft actions ---------------------------------------------------------------

    def can_publish(self) -> bool:
        return self.service.can_publish(self._site_functions)

    def new_draft(self) -> None:
        draft_id = self.service.create(PollData())
        self.reload(select_draft=draft_id)
        self.editor.question.setFocus()

    def duplicate(self) -> None:
        if self.current_draft is None:
            return
        self.reload(select_draft=self.service.duplicate(self.current_draft))

    def delete(self) -> None:
        if self.current_draft is None or not self.confirm_delete():
            return
        try:
            self.service.delete(self.current_draft)
        except DraftFrozen:
            self.message.emit(self.tr("A poll waiting to be published cannot be deleted."))
            return
        self.current_draft = None
        self.reload()

    def confirm_delete(self) -> bool:
        """Ask before deleting; tests replace this method."""
        answer = QMessageBox.question(
            self, self.tr("Delete draft"), self.tr("Delete this draft? This cannot be undone.")
        )
        return answer == QMessageBox.StandardButton.Yes

    def confirm_publish(self, question: str) -> bool:
        """Ask before a poll goes to the learners (it cannot be taken back from here)."""
        answer = QMessageBox.question(
            self,
            self.tr("Publish poll"),
            self.tr(
                "Publish “%1” to the course? Learners see it after the next sync; "
                "it cannot be unpublished from here."
            ).replace("%1", question),
            QMessageBox.StandardButton.Yes | QMessageBox.StandardButton.Cancel,
            QMessageBox.StandardButton.Cancel,
        )
        return answer == QMessageBox.StandardButton.Yes

    def _save(self) -> None:
        if self.current_draft is None:
            return
        try:
            self.service.save(self.current_draft, self.editor.poll())
        except DraftFrozen:
            return  # the editor is read-only then; nothing to save
        self.editor.set_status("draft")  # an edited failed draft is a draft again
        self._shown = (self.current_draft, "draft")
        item = self.tree.currentItem()
        if item is not None:
            item.setText(0, self.editor.poll().question.strip() or self.tr("(no question)"))
            item.setText(1, status_text("draft"))

    def publish(self) -> None:
        if self.current_draft is None:
            return
        draft_id = self.current_draft
        self._save()
        # Asked only where publishing can go ahead (no plugin: the reason is said below).
        if self.can_publish() and not self.confirm_publish(self.editor.poll().question.strip()):
            return
        try:
            self.service.publish(draft_id, self._site_functions)
        except PluginMissing:
            self.message.emit(plugin_missing_text())
        except PollInvalid:
            self.editor.refresh()
            return
        except DraftFrozen:
            pass
        else:
            self.message.emit(self.tr("The poll will be published at the next sync."))
            self.published.emit(draft_id)
        self.reload(select_draft=draft_id)

    def preview(self) -> None:
        self.open_preview(self.editor.poll())

    def open_preview(self, poll: PollData) -> PollPreview:
        dialog = PollPreview(poll, self)
        dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
        dialog.open()
        return dialog

    # -- sharing -----------------------------------------------------------------------

    @classmethod
    def ask_open_path(cls, parent: QWidget) -> str:
        """The file to import; tests replace this classmethod instead of a dialog."""
        path, _filter = QFileDialog.getOpenFileName(
            parent,
            QCoreApplication.translate("PollsPage", "Import poll drafts"),
            "",
            QCoreApplication.translate("PollsPage", "Poll drafts (*.json)"),
        )
        return path

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("PollsPage", "Export poll draft"),
            suggested,
            QCoreApplication.translate("PollsPage", "Poll drafts (*.json)"),
        )
        return path

    def import_drafts(self) -> None:
        path = self.ask_open_path(self)
        if not path:
            return
        try:
            data = Path(path).read_bytes()
            ids = import_json(self._db, data, lambda: int(self._now()))
        except OSError as exc:
            self.show_import_error(
                self.tr("The file could not be read: %1").replace("%1", exc.strerror or str(exc))
            )
            return
        except PollImportError as exc:
            self.show_import_error(import_error_text(exc.code, exc.where))
            return
        self.message.emit(self.tr("%n draft(s) imported.", "", len(ids)))
        self.reload(select_draft=ids[0])

    def show_import_error(self, text: str) -> None:
        """Say why nothing was imported; tests replace this method."""
        QMessageBox.warning(self, self.tr("Import poll drafts"), text)

    def export_draft(self) -> None:
        if self.current_draft is None:
            return
        path = self.ask_save_path(self, "poll-draft.json")
        if not path:
            return
        text = export_json([self.service.get(self.current_draft)], int(self._now()))
        Path(path).write_text(text, encoding="utf-8")
        self.message.emit(self.tr("Draft exported."))

    # -- results -----------------------------------------------------------------------

    def refresh_results(self) -> None:
        """Fetch choices and results of every synced course in the background."""
        if self._platform_factory is None:
            return
        factory = self._platform_factory
        service = self.results_service
        course_ids = [course_id for course_id, _name in self.service.courses()]

        def work(_control: TaskControl) -> object:
            return service.refresh(factory(), course_ids)

        task = self._tasks.run("poll results", work)
        task.finished.connect(self._on_refreshed)
        task.failed.connect(self._on_refresh_failed)

    def on_synced(self, report: object = None) -> None:
        """After a sync: drafts may be published now; fetch fresh results when online."""
        self.reload()
        if isinstance(report, BaseException) or getattr(report, "offline", False):
            return  # results would fail the same way; the store's results still show
        self.refresh_results()

    def _on_refreshed(self, report: object) -> None:
        self.reload()
        self.results_refreshed.emit(report)

    def _on_refresh_failed(self, error: object) -> None:
        if isinstance(error, AuthError) and not isinstance(error, PolicyNotAgreed):
            # Not "could not be fetched": only signing in again fixes this.
            self.sign_in_needed.emit(error)
            self.results_refreshed.emit(error)
            return
        self.message.emit(self.tr("Results could not be fetched; try again after the next sync."))
        self.results_refreshed.emit(error)


def attach_polls_page(window: Any) -> PollsPage:
    """Build the Polls page for a MainWindow and wire it to the window's sync and status.

    The window plugs it in with one line, ``self.set_section_page("polls",
    attach_polls_page(self))``, so this feature's wiring lives here.
    """
    context = window.context
    functions = context.site_info.functions if context.site_info is not None else None
    page = PollsPage(
        context.db,
        tasks=window.tasks,
        platform_factory=context.platform_factory,
        site_functions=functions,
        now=window._now,
    )
    window.sync_finished.connect(page.on_synced)
    page.published.connect(lambda _draft_id: window.sync_now())
    page.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
    page.sign_in_needed.connect(window.check_sign_in)
    page.published.connect(lambda _draft_id: window.refresh_outbox_count())
    return page


def _children(group: QTreeWidgetItem) -> list[QTreeWidgetItem]:
    found = (group.child(row) for row in range(group.childCount()))
    return [item for item in found if item is not None]
