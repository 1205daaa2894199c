"""The Prompts page: the library, quiet forums with suggestions, and what is scheduled.

Reads go through the prompt services in short sessions; writes (save, import, post)
are short local store writes on the GUI thread. Nothing here touches the network:
posting fills the outbox, the window's sync sends it.
"""

from __future__ import annotations

import html
import time
from collections.abc import Callable
from pathlib import Path
from typing import Any

from PySide6.QtCore import Qt, Signal
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QComboBox,
    QFileDialog,
    QHeaderView,
    QLabel,
    QLineEdit,
    QListWidget,
    QListWidgetItem,
    QMessageBox,
    QPushButton,
    QSplitter,
    QTableView,
    QTabWidget,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui import i18n
from moderator_app.gui.context import AppContext
from moderator_app.gui.dates import format_date, format_datetime
from moderator_app.gui.forms import child, load_form
from moderator_app.gui.prompts_editor import PromptEditorDialog
from moderator_app.gui.prompts_model import Column, PromptTableModel
from moderator_app.gui.prompts_post import PostPromptDialog
from moderator_app.gui.prompts_words import (
    fill,
    import_error_text,
    kind_name,
    language_name,
    quiet_reason,
    running_notice,
)
from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.platform.errors import InvalidInput
from moderator_app.services.outbox import plain_to_html
from moderator_app.services.prompt_io import PromptImportError
from moderator_app.services.prompt_posting import PromptPoster
from moderator_app.services.prompt_rules import KINDS
from moderator_app.services.prompt_stats import PromptStats
from moderator_app.services.prompts import (
    SORT_EFFECT,
    SORT_KIND,
    SORT_TITLE,
    PromptFilter,
    PromptService,
)
from moderator_app.services.quiet_forums import QuietForum, find_quiet, suggestions

FORUM_ROLE = Qt.ItemDataRole.UserRole + 1
USE_ROLE = Qt.ItemDataRole.UserRole + 2


class PromptsPage(QWidget):
    post_now_requested = Signal()  # a prompt was queued to go now: the window may sync
    message = Signal(str)  # a sentence for the status bar

    def __init__(
        self,
        context: AppContext,
        *,
        now: Callable[[], float] = time.time,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("promptsPage")
        self.context = context
        self._now = now
        clock = lambda: int(now())  # noqa: E731
        functions = context.site_info.functions if context.site_info else None
        self.service = PromptService(context.db, now=clock)
        self.poster = PromptPoster(
            context.db, context.account.username, site_functions=functions, now=clock
        )
        self.stats = PromptStats(context.db, now=clock)
        self.service.ensure_seeded()
        self.post_dialog: PostPromptDialog | None = None
        self._quiet: list[QuietForum] = []
        self._build()
        self.reload()

    # -- construction -------------------------------------------------------------

    def _build(self) -> None:
        self.ui = load_form("prompts_page", self)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.ui)
        self.tabs = child(self.ui, QTabWidget, "promptTabs")
        self.search = child(self.ui, QLineEdit, "searchEdit")
        self.kind_filter = child(self.ui, QComboBox, "kindFilter")
        self.tag_filter = child(self.ui, QComboBox, "tagFilter")
        self.lang_filter = child(self.ui, QComboBox, "langFilter")
        self.sort = child(self.ui, QComboBox, "sortCombo")
        self.archived = child(self.ui, QCheckBox, "archivedCheck")
        self.table = child(self.ui, QTableView, "promptTable")
        self.detail_stats = child(self.ui, QLabel, "detailStats")
        self.detail = SafeTextBrowser(self.ui)
        self.detail.setObjectName("promptDetail")
        self.ui.findChild(QVBoxLayout, "detailBrowserSlot").addWidget(self.detail)  # type: ignore[union-attr]

        self.kind_filter.addItem(self.tr("All kinds"), None)
        for kind in KINDS:
            self.kind_filter.addItem(kind_name(kind), kind)
        self.lang_filter.addItem(self.tr("All languages"), None)
        for lang in ("en", "nl"):
            self.lang_filter.addItem(language_name(lang), lang)
        for label, key in (
            (self.tr("Sort by title"), SORT_TITLE),
            (self.tr("Sort by what works"), SORT_EFFECT),
            (self.tr("Sort by kind"), SORT_KIND),
        ):
            self.sort.addItem(label, key)

        self.model = PromptTableModel(self.service, self)
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        for column in Column:
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        # Titles and tags are long: the user sizes them, the figures stay in view.
        for column, width in ((Column.TITLE, 230), (Column.TAGS, 110)):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.Interactive)
            self.table.setColumnWidth(column, width)
        # The figures are what the library is for: the table gets the room, the preview less.
        child(self.ui, QSplitter, "librarySplitter").setSizes([820, 300])
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._show_detail())
        self.table.doubleClicked.connect(lambda _i: self.edit())

        self.search.textChanged.connect(self.reload_library)
        for combo in (self.kind_filter, self.tag_filter, self.lang_filter, self.sort):
            combo.currentIndexChanged.connect(self.reload_library)
        self.archived.toggled.connect(self.reload_library)

        buttons: dict[str, Callable[[], object]] = {
            "newButton": self.new,
            "editButton": self.edit,
            "duplicateButton": self.duplicate,
            "archiveButton": self.toggle_archived,
            "importButton": self.import_set,
            "exportButton": self.export_set,
            "postButton": self.post_selected,
            "postSuggestionButton": self.post_suggestion,
            "cancelScheduledButton": self.cancel_scheduled,
        }
        for name, slot in buttons.items():
            child(self.ui, QPushButton, name).clicked.connect(slot)
        self.archive_button = child(self.ui, QPushButton, "archiveButton")
        self.edit_button = child(self.ui, QPushButton, "editButton")

        self.quiet_tree = child(self.ui, QTreeWidget, "quietTree")
        self.quiet_tree.setHeaderLabels(
            [self.tr("Forum"), self.tr("Course"), self.tr("Why it is quiet")]
        )
        self.quiet_tree.currentItemChanged.connect(lambda *_: self._show_suggestions())
        self.suggestion_list = child(self.ui, QListWidget, "suggestionList")
        self.suggestion_list.itemActivated.connect(lambda _i: self.post_suggestion())
        self.quiet_explain = child(self.ui, QLabel, "quietExplain")

        self.scheduled_tree = child(self.ui, QTreeWidget, "scheduledTree")
        self.scheduled_tree.setHeaderLabels(
            [self.tr("When"), self.tr("Subject"), self.tr("Forum"), self.tr("State")]
        )
        child(self.ui, QLabel, "scheduledNotice").setText(running_notice())

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        # Time passes and settings change: what is quiet or scheduled is read again.
        self.reload_quiet()
        self.reload_scheduled()

    # -- loading ---------------------------------------------------------------------

    def ui_language(self) -> str:
        return i18n.current_language()

    def reload(self) -> None:
        """Everything again from the store (after a sync, an import, a post)."""
        self.poster.refresh_uses()
        self._reload_tags()
        self.reload_library()
        self.reload_quiet()
        self.reload_scheduled()

    def _reload_tags(self) -> None:
        keep = self.tag_filter.currentData()
        self.tag_filter.blockSignals(True)
        self.tag_filter.clear()
        self.tag_filter.addItem(self.tr("All tags"), None)
        for tag in self.service.tags():
            self.tag_filter.addItem(tag, tag)
        self.tag_filter.setCurrentIndex(max(0, self.tag_filter.findData(keep)))
        self.tag_filter.blockSignals(False)

    def current_filter(self) -> PromptFilter:
        return PromptFilter(
            kind=self.kind_filter.currentData(),
            tag=self.tag_filter.currentData(),
            lang=self.lang_filter.currentData(),
            search=self.search.text(),
            include_archived=self.archived.isChecked(),
            sort=self.sort.currentData() or SORT_TITLE,
        )

    def reload_library(self, *_args: object, select: str | None = None) -> None:
        keep = select or self.current_prompt_id()
        self.model.reload(self.current_filter(), self.ui_language())
        row = self.model.row_of(keep) if keep else -1
        self.table.selectRow(row if row >= 0 else 0)
        self._show_detail()

    def current_prompt_id(self) -> str | None:
        summary = self.model.summary(self.table.currentIndex().row())
        return summary.id if summary else None

    def _show_detail(self) -> None:
        pid = self.current_prompt_id()
        if pid is None:
            self.detail.setHtml("")
            self.detail_stats.setText(self.tr("No prompt matches the filters."))
            return
        detail = self.service.get(pid)
        lang = (
            self.ui_language()
            if self.ui_language() in detail.data.texts
            else next(iter(detail.data.texts))
        )
        text = detail.data.texts[lang]
        self.detail.setHtml(
            f"<h3>{html.escape(text.title)}</h3>{plain_to_html(text.body)}" + self._uses_html(pid)
        )
        summary = self.model.summary(self.table.currentIndex().row())
        if summary is not None and summary.uses:
            lines = [
                fill(
                    self.tr(
                        "Posted %1 time(s). Per use, in the first 72 hours: %2 learner(s), "
                        "%3 reply(ies) on average."
                    ),
                    summary.uses,
                    f"{summary.avg_learners_72h or 0:.1f}",
                    f"{summary.avg_replies_72h or 0:.1f}",
                )
            ]
        else:
            lines = [self.tr("Not posted yet (or its replies are not synced).")]
        kind = self.stats.per_kind().get(detail.data.kind)
        if kind is not None:
            lines.append(
                fill(
                    self.tr("All prompts of the kind %1: %2 learner(s) per use in 72 hours."),
                    kind_name(detail.data.kind),
                    f"{kind.avg_learners_72h:.1f}",
                )
            )
        self.detail_stats.setText("\n".join(lines))
        self.edit_button.setEnabled(detail.editable)
        self.archive_button.setText(
            self.tr("Un&archive") if detail.archived else self.tr("&Archive")
        )

    def _uses_html(self, prompt_id: str) -> str:
        """Each measured use: learners and replies in the first 72 h and in total."""
        uses = self.stats.per_use(prompt_id)
        if not uses:
            return ""
        head = "".join(
            f"<th>{html.escape(h)}</th>"
            for h in (
                self.tr("Posted"),
                self.tr("Forum"),
                self.tr("Learners (72 h / total)"),
                self.tr("Replies (72 h / total)"),
            )
        )
        rows = "".join(
            "<tr>"
            f"<td>{format_date(u.started)}"
            f"{'*' if u.window_open else ''}</td>"
            f"<td>{html.escape(u.forum_name)}</td>"
            f"<td>{u.learners_72h} / {u.learners}</td><td>{u.replies_72h} / {u.replies}</td>"
            "</tr>"
            for u in uses
        )
        note = self.tr("* fewer than 72 hours ago: still counting.")
        return (
            f"<h4>{html.escape(self.tr('What happened each time'))}</h4>"
            f"<table cellspacing='6'><tr>{head}</tr>{rows}</table>"
            f"<p><small>{html.escape(note)}</small></p>"
        )

    def reload_quiet(self) -> None:
        settings = self.context.settings
        days, minimum = settings.quiet_forum_days, settings.quiet_forum_min_posters
        self.quiet_explain.setText(
            fill(
                self.tr(
                    "Forums where no learner posted for %1 days, or fewer than %2 learners "
                    "posted in the last 7 days (change this in Settings)."
                ),
                days,
                minimum,
            )
        )
        keep = self.current_quiet_forum()
        self._quiet = find_quiet(self.context.db, int(self._now()), days=days, min_posters=minimum)
        self.quiet_tree.clear()
        for forum in self._quiet:
            reason = quiet_reason(
                forum.silent, forum.last_learner_post is None, forum.posters_last_week, days
            )
            item = QTreeWidgetItem([forum.forum_name, forum.course_name, reason])
            item.setData(0, FORUM_ROLE, forum.forum_id)
            self.quiet_tree.addTopLevelItem(item)
            if keep is not None and forum.forum_id == keep.forum_id:
                self.quiet_tree.setCurrentItem(item)
        self.quiet_tree.resizeColumnToContents(0)
        self._show_suggestions()

    def current_quiet_forum(self) -> QuietForum | None:
        item = self.quiet_tree.currentItem() if hasattr(self, "quiet_tree") else None
        if item is None:
            return None
        forum_id = item.data(0, FORUM_ROLE)
        return next((f for f in self._quiet if f.forum_id == forum_id), None)

    def _show_suggestions(self) -> None:
        self.suggestion_list.clear()
        forum = self.current_quiet_forum()
        if forum is None:
            return
        for s in suggestions(self.context.db, forum, lang=self.ui_language()):
            label = f"{s.title}  ({kind_name(s.kind)})"
            if s.used_in_course:
                label += "  " + self.tr("— used in this course before")
            entry = QListWidgetItem(label)
            entry.setData(Qt.ItemDataRole.UserRole, s.prompt_id)
            self.suggestion_list.addItem(entry)
        self.suggestion_list.setCurrentRow(0)

    def reload_scheduled(self) -> None:
        self.scheduled_tree.clear()
        for post in self.poster.scheduled():
            when = (
                format_datetime(post.scheduled_for)
                if post.scheduled_for
                else self.tr("At the next sync")
            )
            state = self.tr("Waiting") if post.state == "pending" else post.state
            if post.last_error:
                state = self.tr("Needs attention")
            item = QTreeWidgetItem(
                [when, post.subject, f"{post.course_name} — {post.forum_name}", state]
            )
            item.setData(0, USE_ROLE, post.use_id)
            self.scheduled_tree.addTopLevelItem(item)
        self.scheduled_tree.resizeColumnToContents(0)

    # -- library actions ------------------------------------------------------------

    def new(self) -> None:
        dialog = PromptEditorDialog(parent=self)
        if dialog.exec() == PromptEditorDialog.DialogCode.Accepted:
            pid = self.service.create(dialog.result_data())
            self._reload_tags()
            self.reload_library(select=pid)

    def edit(self) -> None:
        pid = self.current_prompt_id()
        if pid is None:
            return
        detail = self.service.get(pid)
        if not detail.editable:
            self.message.emit(
                self.tr(
                    "A prompt from the library cannot be changed: duplicate it and edit the copy."
                )
            )
            return
        dialog = PromptEditorDialog(detail.data, parent=self)
        if dialog.exec() == PromptEditorDialog.DialogCode.Accepted:
            self.service.update(pid, dialog.result_data())
            self._reload_tags()
            self.reload_library(select=pid)

    def duplicate(self) -> None:
        pid = self.current_prompt_id()
        if pid is not None:
            copy = self.service.duplicate(pid)
            self.reload_library(select=copy)

    def toggle_archived(self) -> None:
        pid = self.current_prompt_id()
        if pid is not None:
            self.service.set_archived(pid, not self.service.get(pid).archived)
            self.reload_library()
            self.reload_quiet()

    def import_set(self) -> None:
        path = self.ask_open_path()
        if not path:
            return
        try:
            ids = self.service.import_json(Path(path).read_bytes())
        except PromptImportError as exc:
            self.show_error(import_error_text(exc.code, exc.where))
            return
        except OSError as exc:
            self.show_error(fill(self.tr("The file cannot be read: %1"), exc.strerror or exc))
            return
        self._reload_tags()
        self.reload_library(select=ids[0])
        self.message.emit(fill(self.tr("%1 prompt(s) imported."), len(ids)))

    def export_set(self) -> None:
        ids = [
            s.id
            for s in (self.model.summary(r) for r in range(self.model.rowCount()))
            if s is not None
        ]
        if not ids:
            return
        path = self.ask_save_path()
        if not path:
            return
        try:
            Path(path).write_text(self.service.export_json(ids), encoding="utf-8")
        except OSError as exc:
            self.show_error(fill(self.tr("The file cannot be written: %1"), exc.strerror or exc))
            return
        self.message.emit(fill(self.tr("%1 prompt(s) exported."), len(ids)))

    # Behind methods so tests can answer them without a native dialog.
    def ask_open_path(self) -> str:
        return QFileDialog.getOpenFileName(
            self, self.tr("Import prompts"), "", self.tr("Prompt sets (*.json)")
        )[0]

    def ask_save_path(self) -> str:
        return QFileDialog.getSaveFileName(
            self,
            self.tr("Export the prompts in the list"),
            "prompts.json",
            self.tr("Prompt sets (*.json)"),
        )[0]

    def show_error(self, text: str) -> None:
        QMessageBox.warning(self, self.tr("Prompts"), text)

    # -- posting ----------------------------------------------------------------------

    def post_selected(self) -> None:
        forum = self.current_quiet_forum()
        self.open_post_dialog(self.current_prompt_id(), forum.forum_id if forum else None)

    def post_suggestion(self) -> None:
        forum = self.current_quiet_forum()
        item = self.suggestion_list.currentItem()
        if forum is None or item is None:
            return
        self.open_post_dialog(item.data(Qt.ItemDataRole.UserRole), forum.forum_id)

    def open_post_dialog(self, prompt_id: str | None, forum_id: int | None) -> PostPromptDialog:
        """Opened window-modal without blocking, so tests can fill it in."""
        dialog = PostPromptDialog(
            self.poster,
            self.service,
            forum_id=forum_id,
            prompt_id=prompt_id,
            lang=self.ui_language(),
            now=self._now,
            parent=self,
        )
        dialog.posted.connect(self._on_posted)
        dialog.finished.connect(lambda _code: dialog.deleteLater())
        self.post_dialog = dialog
        dialog.open()
        return dialog

    def _on_posted(self, _use_id: str, now: bool) -> None:
        self.reload_scheduled()
        self.reload_quiet()
        if now:
            self.message.emit(self.tr("The prompt is in the outbox and goes out with the sync."))
            self.post_now_requested.emit()
        else:
            self.message.emit(self.tr("The prompt is scheduled. Keep Moderator Desk running."))
            self.tabs.setCurrentWidget(child(self.ui, QWidget, "scheduledTab"))

    def cancel_scheduled(self) -> None:
        item = self.scheduled_tree.currentItem()
        if item is None:
            return
        try:
            self.poster.cancel(item.data(0, USE_ROLE))
        except InvalidInput:
            self.show_error(self.tr("This post is being sent right now and cannot be cancelled."))
        self.reload_scheduled()


def attach_prompts_page(window: Any) -> PromptsPage:
    """Build the Prompts page for a MainWindow and wire it to the window's sync and status.

    The window plugs it in with one line, ``self.set_section_page("prompts",
    attach_prompts_page(self))``, so this feature's wiring lives here.
    """
    page = PromptsPage(window.context, now=window._now)
    window.sync_finished.connect(lambda _report: page.reload())
    page.post_now_requested.connect(window.sync_now)
    page.message.connect(lambda text: window.statusBar().showMessage(text, 10000))
    # Posting or scheduling a prompt adds to the outbox: its count follows at once.
    page.message.connect(lambda _text: window.refresh_outbox_count())
    return page
