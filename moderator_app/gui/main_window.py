"""The main window: sidebar, the queue, the reading pane with inline reply, sync status.

Everything that blocks (sync, fetching a thread, sending a reply) runs through the
task runner; the window only reads the store through services in short sessions.

Prompts, Polls and Consent show "coming soon" until a feature plugs its page in with
one call in ``_build_feature_pages``: ``self.set_section_page("polls", widget)``.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Callable, Sequence
from datetime import datetime
from typing import Any

from PySide6.QtCore import QModelIndex, Qt, QTimer, Signal
from PySide6.QtGui import QAction, QCloseEvent, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QComboBox,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QListWidgetItem,
    QMainWindow,
    QMenu,
    QMessageBox,
    QSizePolicy,
    QSplitter,
    QStyle,
    QSystemTrayIcon,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy.exc import SQLAlchemyError

from moderator_app.gui import sync_jobs
from moderator_app.gui.actions import build_actions
from moderator_app.gui.consent_page import attach_consent_page
from moderator_app.gui.context import AppContext
from moderator_app.gui.errors import describe
from moderator_app.gui.filter_bar import FilterBar
from moderator_app.gui.forms import child, load_form
from moderator_app.gui.outbox_view import OutboxView
from moderator_app.gui.outbox_words import reason_words
from moderator_app.gui.pages import ComingSoonPage, ForumsPage
from moderator_app.gui.policy_banner import PolicyBanner, accept_policy_job
from moderator_app.gui.polls_page import attach_polls_page
from moderator_app.gui.prompts_page import attach_prompts_page
from moderator_app.gui.queue_model import Column, QueueModel
from moderator_app.gui.reply_box import ReplyBox
from moderator_app.gui.safe_browser import SafeTextBrowser
from moderator_app.gui.shortcuts_dialog import ShortcutsDialog
from moderator_app.gui.status_bar import Importance, SyncStatus
from moderator_app.gui.tasks import Task, TaskRunner
from moderator_app.gui.thread_pane import ThreadPane
from moderator_app.gui.thread_view import load_thread
from moderator_app.gui.triage_dialogs import DismissDialog, SnoozeDialog
from moderator_app.platform.errors import AuthError, PlatformError, PolicyNotAgreed
from moderator_app.services.drafts import REPLY, DraftService
from moderator_app.services.outbox import OutboxService, Outcome
from moderator_app.services.queue import CLAIMED, QueueItem, QueueService
from moderator_app.services.triage import TriageService, colleague_claim
from moderator_app.store.errors import StoreError

log = logging.getLogger(__name__)

SECTIONS = ("queue", "forums", "prompts", "polls", "consent")


class MainWindow(QMainWindow):
    account_switch_requested = Signal(object)  # an AccountRef
    # For the app and for tests: each says a piece of background work has ended.
    sync_finished = Signal(object)  # the SyncReport, or the exception
    thread_shown = Signal(int)  # discussion id now in the reading pane (after a fetch too)
    reply_finished = Signal(int)  # discussion id whose reply was queued and (maybe) sent
    new_waiting = Signal(list)  # discussion ids that started waiting since the last sync
    reminder_shown = Signal(str)  # the reminder text, when notifications are on

    def __init__(self, context: AppContext, *, now: Callable[[], float] = time.time) -> None:
        super().__init__()
        self.context = context
        self._closed = False
        self._now = now
        self._user = context.account.username
        self.tasks = TaskRunner(self)
        clock = lambda: int(self._now())  # noqa: E731
        self.queue = QueueService(context.db, now=clock)
        self.triage = TriageService(context.db, self._user, now=clock)
        self.outbox = OutboxService(context.db, self._user, now=clock)
        self.drafts = DraftService(context.db, now=self._now)
        self._sync_task: Task | None = None
        self._fetching: set[int] = set()
        self._shown_id: int | None = None
        self._accounts: list[Any] = []
        self._started = False
        self._outbox_view: OutboxView | None = None
        self._sign_in_needed = False  # the site refused the token: sync waits for a sign-in
        self._asking = False  # the sign-in dialog is open

        self.setWindowTitle(self._title())
        self.ui = load_form("main_window", self)
        self.setCentralWidget(self.ui)
        self.actions_by_name = build_actions(self)
        self._build_queue()
        self._build_reading_pane()
        self._section_pages: dict[str, QWidget] = {}
        self._build_pages()
        self._build_menus_and_toolbar()
        self.status = SyncStatus(self.statusBar())
        self.status.outbox_clicked.connect(self.show_outbox)
        self.tasks.busy_changed.connect(self._on_busy)
        self._tray = self._build_tray()
        self._auto_sync = QTimer(self)
        self._auto_sync.timeout.connect(self.sync_now)
        self.apply_settings()
        self.status.set_last_sync(sync_jobs.last_sync_time(context.db))
        self._build_feature_pages()
        self.refresh_queue()
        self.resize(1280, 780)

    # --- construction ------------------------------------------------------------------

    def _title(self) -> str:
        site = self.context.site_info.site_name if self.context.site_info else ""
        name = f"{self._user} — {site}" if site else self._user
        return self.tr("Moderator Desk — %1").replace("%1", name)

    def _build_queue(self) -> None:
        c = self.context.settings
        self.model = QueueModel(
            self.queue,
            warn_hours=c.sla_warn_hours,
            overdue_hours=c.sla_overdue_hours,
            now=self._now,
            parent=self,
        )
        self.view = child(self.ui, QTableView, "queueView")
        self.view.setModel(self.model)
        self.view.verticalHeader().hide()
        header = self.view.horizontalHeader()
        header.setSortIndicator(Column.WAITED, Qt.SortOrder.DescendingOrder)
        header.setSectionResizeMode(QHeaderView.ResizeMode.Interactive)
        header.setSectionResizeMode(Column.SUBJECT, QHeaderView.ResizeMode.Stretch)
        for column, width in (
            (Column.WAITED, 72),
            (Column.COURSE, 130),
            (Column.FORUM, 130),
            (Column.LEARNER, 130),
            (Column.REPLIES, 58),
        ):
            # Never narrower than the (translated) header title plus its sort arrow.
            self.view.setColumnWidth(column, max(width, header.sectionSizeHint(column) + 8))
        self.view.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.view.selectionModel().currentRowChanged.connect(self._on_current_changed)
        self.view.doubleClicked.connect(lambda _index: self.open_thread())
        self.filters = FilterBar(self.ui, self.queue, parent=self)
        self.filters.changed.connect(self._on_filter_changed)
        self.count_label = child(self.ui, QLabel, "countLabel")
        self.model.total_changed.connect(self._on_total)
        self.model.modelReset.connect(self._restore_selection)
        self.policy_banner = PolicyBanner(self.ui)
        child(self.ui, QVBoxLayout, "queuePageLayout").insertWidget(0, self.policy_banner)
        self.policy_banner.accept_requested.connect(self.accept_site_policy)

    def _build_reading_pane(self) -> None:
        self.reading_pane = child(self.ui, QWidget, "readingPane")
        self.browser = SafeTextBrowser(self.ui)
        self.browser.setObjectName("threadBrowser")
        child(self.ui, QVBoxLayout, "threadHost").addWidget(self.browser)
        self.thread_pane = ThreadPane(self.browser, self)
        self.thread_title = child(self.ui, QLabel, "threadTitle")
        self.thread_meta = child(self.ui, QLabel, "threadMeta")
        font = self.thread_title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.thread_title.setFont(font)
        self.reply_box = ReplyBox(self.ui)
        child(self.ui, QVBoxLayout, "replyHost").addWidget(self.reply_box)
        self.reply_box.send_requested.connect(self.send_reply)
        self.reply_box.draft_changed.connect(self._save_draft)
        self.reply_box.discard_requested.connect(self._discard_draft)
        self._show_empty_pane()

    def _build_pages(self) -> None:
        from PySide6.QtWidgets import QListWidget, QStackedWidget

        self.pages = child(self.ui, QStackedWidget, "pages")
        self.sidebar = child(self.ui, QListWidget, "sidebar")
        self.forums_page = ForumsPage(self.ui, self.queue)
        self.forums_page.forum_chosen.connect(self._show_forum_queue)
        self.coming_page = ComingSoonPage(self.ui)
        labels = {
            "queue": self.tr("Queue"),
            "forums": self.tr("Forums"),
            "prompts": self.tr("Prompts"),
            "polls": self.tr("Polls"),
            "consent": self.tr("Consent"),
        }
        for key in SECTIONS:
            entry = QListWidgetItem(labels[key])
            entry.setData(Qt.ItemDataRole.UserRole, key)
            self.sidebar.addItem(entry)
        self.sidebar.currentRowChanged.connect(self._on_section)
        self.sidebar.setCurrentRow(0)
        splitter = child(self.ui, QSplitter, "mainSplitter")
        splitter.setStretchFactor(0, 0)
        splitter.setStretchFactor(1, 1)
        splitter.setSizes([150, 1130])
        queue_splitter = child(self.ui, QSplitter, "queueSplitter")
        queue_splitter.setStretchFactor(0, 3)
        queue_splitter.setStretchFactor(1, 2)
        queue_splitter.setSizes([760, 460])

    def _build_feature_pages(self) -> None:
        """Feature pages (prompts, polls, consent) plug in here, one line each."""
        self.set_section_page("polls", attach_polls_page(self))
        self.set_section_page("consent", attach_consent_page(self))
        self.set_section_page("prompts", attach_prompts_page(self))

    def set_section_page(self, key: str, page: QWidget) -> None:
        """Show ``page`` for sidebar section ``key`` instead of "coming soon"."""
        if key not in SECTIONS or key in ("queue", "forums"):
            raise ValueError(f"no replaceable section {key!r}")
        self._section_pages[key] = page
        self.pages.addWidget(page)
        if SECTIONS[self.sidebar.currentRow()] == key:
            self.pages.setCurrentWidget(page)

    def _build_menus_and_toolbar(self) -> None:
        a = self.actions_by_name
        a["next"].triggered.connect(lambda: self.step(+1))
        a["previous"].triggered.connect(lambda: self.step(-1))
        a["open"].triggered.connect(self.open_thread)
        a["back"].triggered.connect(self.back_to_list)
        a["reply"].triggered.connect(self.start_reply)
        a["send"].triggered.connect(self.reply_box.request_send)
        a["dismiss"].triggered.connect(self.dismiss)
        a["snooze"].triggered.connect(self.snooze)
        a["claim"].triggered.connect(self.claim)
        a["undo"].triggered.connect(self.undo)
        a["sync"].triggered.connect(lambda: self.sync_now(manual=True))
        a["cancel_sync"].triggered.connect(self.cancel_sync)
        a["cancel_sync"].setEnabled(False)
        a["search"].triggered.connect(self.filters.focus_search)
        a["outbox"].triggered.connect(self.show_outbox)
        a["shortcuts"].triggered.connect(self.show_shortcuts)
        a["quit"].triggered.connect(self.close)
        # Enter opens only from the list and Esc returns only from the pane, so neither
        # steals the key from the search field or a dialog.
        a["open"].setShortcutContext(Qt.ShortcutContext.WidgetShortcut)
        self.view.addAction(a["open"])
        a["back"].setShortcutContext(Qt.ShortcutContext.WidgetWithChildrenShortcut)
        self.reading_pane.addAction(a["back"])

        bar = self.menuBar()
        file_menu = bar.addMenu(self.tr("&File"))
        for name in ("sync", "cancel_sync"):
            file_menu.addAction(a[name])
        # Sign out lives in the Accounts menu only (gui/accounts_menu.py), next to the
        # accounts it acts on.
        file_menu.addSeparator()
        file_menu.addAction(a["quit"])
        for title, names in (
            (self.tr("&Triage"), ("reply", "send", "", "dismiss", "snooze", "claim", "", "undo")),
            (self.tr("&Go"), ("next", "previous", "open", "back", "", "search", "", "outbox")),
        ):
            menu = bar.addMenu(title)
            for name in names:
                if name:
                    menu.addAction(a[name])
                else:
                    menu.addSeparator()
        self._settings_menu = bar.addMenu(self.tr("&Settings"))
        help_menu = bar.addMenu(self.tr("&Help"))
        help_menu.addAction(a["shortcuts"])

        toolbar = self.addToolBar(self.tr("Main"))
        toolbar.setObjectName("mainToolbar")
        toolbar.setMovable(False)
        toolbar.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
        style = self.style()
        a["sync"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_BrowserReload))
        a["undo"].setIcon(style.standardIcon(QStyle.StandardPixmap.SP_ArrowBack))
        for name in ("sync", "undo"):
            toolbar.addAction(a[name])
        spacer = QWidget()
        spacer.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Preferred)
        toolbar.addWidget(spacer)
        toolbar.addWidget(QLabel(self.tr("Account:") + " "))
        self.account_combo = QComboBox()
        self.account_combo.setObjectName("accountCombo")
        self.account_combo.setAccessibleName(self.tr("Account"))
        self.account_combo.setSizeAdjustPolicy(QComboBox.SizeAdjustPolicy.AdjustToContents)
        self.account_combo.activated.connect(self._on_account_chosen)
        toolbar.addWidget(self.account_combo)
        self.set_accounts([], None)

        # The reading pane's own buttons are the same actions.
        row = child(self.ui, QHBoxLayout, "actionRow")
        for name in ("reply", "dismiss", "snooze", "claim"):
            button = QToolButton()
            button.setDefaultAction(a[name])
            button.setObjectName(f"{name}Button")
            row.addWidget(button)
        row.addStretch(1)

    def _build_tray(self) -> QSystemTrayIcon | None:
        if not QSystemTrayIcon.isSystemTrayAvailable():
            return None
        icon = self.windowIcon()
        if icon.isNull():
            icon = self.style().standardIcon(QStyle.StandardPixmap.SP_MessageBoxInformation)
        tray = QSystemTrayIcon(icon, self)
        tray.setToolTip(self.tr("Moderator Desk"))
        tray.activated.connect(self._raise_from_tray)
        tray.show()
        return tray

    def _raise_from_tray(self, _reason: object) -> None:
        self.showNormal()
        self.activateWindow()

    # --- interface for the app (F2) ---------------------------------------------------

    def settings_menu(self) -> QMenu:
        return self._settings_menu

    def set_accounts(self, accounts: Sequence[Any], current: Any) -> None:
        """Fill the one-click account switcher. ``accounts``: AccountInfo-like objects."""
        self._accounts = list(accounts)
        self.account_combo.blockSignals(True)
        self.account_combo.clear()
        current_ref = current if current is not None else self.context.account
        selected = -1
        for i, info in enumerate(self._accounts):
            ref = _ref_of(info)
            self.account_combo.addItem(_account_label(info))
            if ref == current_ref:
                selected = i
        if selected < 0:
            self.account_combo.addItem(_account_label(self.context.account))
            selected = self.account_combo.count() - 1
        self.account_combo.setCurrentIndex(selected)
        self.account_combo.blockSignals(False)
        self.account_combo.setEnabled(len(self._accounts) > 1)

    def apply_settings(self) -> None:
        """Take up changed settings (thresholds, auto sync interval) at once."""
        settings = self.context.settings
        self.model.set_thresholds(settings.sla_warn_hours, settings.sla_overdue_hours)
        minutes = int(settings.auto_sync_minutes)
        if minutes > 0:
            self._auto_sync.start(minutes * 60_000)
        else:
            self._auto_sync.stop()

    # --- the queue ----------------------------------------------------------------------

    def refresh_outbox_count(self) -> None:
        """The status bar's outbox count, after anything that may have queued a write."""
        self.status.set_outbox(sync_jobs.outbox_count(self.outbox))

    def refresh_queue(self) -> None:
        """Reload the list from the store, keeping the current discussion selected."""
        self._remember = self.current_item()
        self.model.set_pending_replies(sync_jobs.pending_reply_ids(self.context.db))
        self.model.set_drafts(self.drafts.reply_discussions())
        self.model.refresh()
        self.refresh_outbox_count()
        # After a sync or a reply the outbox changed too: an open Outbox window follows.
        if self._outbox_view is not None and self._outbox_view.isVisible():
            self._outbox_view.refresh()
        self.forums_page.mark_stale()
        self.actions_by_name["undo"].setEnabled(self.triage.can_undo())

    def current_item(self) -> QueueItem | None:
        index = self.view.currentIndex()
        return self.model.item(index.row()) if index.isValid() else None

    def select_row(self, row: int) -> None:
        if self.model.rowCount() == 0:
            self.view.setCurrentIndex(QModelIndex())
            self._show_empty_pane()
            return
        while row >= self.model.rowCount() and self.model.canFetchMore():
            self.model.fetchMore()
        row = max(0, min(row, self.model.rowCount() - 1))
        self.view.setCurrentIndex(self.model.index(row, Column.SUBJECT))
        self.view.scrollTo(self.view.currentIndex())

    def step(self, step: int) -> None:
        """Select the next (+1) or previous (-1) item of the queue."""
        if self.pages.currentIndex() != 0:
            return
        current = self.view.currentIndex()
        self.select_row(current.row() + step if current.isValid() else 0)
        self.view.setFocus()

    def open_thread(self) -> None:
        if self.current_item() is None:
            self.select_row(0)
        if self.current_item() is not None:
            self.browser.setFocus()

    def back_to_list(self) -> None:
        # Esc leaves the reply as it is and says so: the text is kept, not thrown away.
        self.reply_box.flush()
        if self.reply_box.text().strip():
            self.status.say(self.tr("Your reply is kept as a draft."))
        self.view.setFocus()

    def _on_filter_changed(self) -> None:
        self._remember = self.current_item()
        self.model.set_filter(self.filters.current())

    def _on_total(self, total: int) -> None:
        if self.model.filter.locked:
            self.count_label.setText(self.tr("%n locked", "", total))
        else:
            self.count_label.setText(self.tr("%n waiting", "", total))

    def _restore_selection(self) -> None:
        remembered = getattr(self, "_remember", None)
        self._remember = None
        if self.model.rowCount() == 0:
            self._show_empty_pane()
            return
        if remembered is not None:
            row = self.model.row_of(remembered.discussion_id)
            self.select_row(row if row >= 0 else getattr(self, "_last_row", 0))
        else:
            self.select_row(0)

    def _on_current_changed(self, current: QModelIndex, _previous: QModelIndex) -> None:
        item = self.model.item(current.row()) if current.isValid() else None
        if item is None:
            self._show_empty_pane()
            return
        self._last_row = current.row()
        if item.discussion_id != self._shown_id:
            # The text typed so far is saved as its discussion's draft; this one's comes back.
            self.reply_box.load(
                item.discussion_id, self.drafts.get(REPLY, item.discussion_id) or ""
            )
            self.reply_box.set_status("")
        self.show_thread(item)

    # --- the reading pane -----------------------------------------------------------------

    def _show_empty_pane(self) -> None:
        self._shown_id = None
        self.reply_box.load(None, "")  # a draft on screen is saved first
        if self.policy_banner.policy is not None:
            # The site shows nothing yet: an empty list is not an answered queue.
            self.thread_title.setText(self.tr("The site's policy waits for you"))
            self.thread_meta.setText(
                self.tr("Accept the site policy (see above); the queue fills at the next sync.")
            )
        elif self.model.filter.locked:
            self.thread_title.setText(self.tr("Nothing locked"))
            self.thread_meta.setText("")
        else:
            self.thread_title.setText(self.tr("Nothing waiting"))
            self.thread_meta.setText(
                self.tr("Every learner has an answer. Press F5 to check for new posts.")
                if self.model.total == 0
                else ""
            )
        self.thread_pane.clear()
        self.reply_box.setEnabled(False)
        for name in ("reply", "send", "dismiss", "snooze", "claim"):
            self.actions_by_name[name].setEnabled(False)

    def show_thread(self, item: QueueItem) -> None:
        # Newly opened: read it from the site, which may have edits the lists never show.
        opened = item.discussion_id != self._shown_id
        self._shown_id = item.discussion_id
        thread = load_thread(self.context.db, item.discussion_id)
        self.thread_title.setText(item.subject)
        meta = [item.course_name, item.forum_name]
        claimer = item.claimed_by
        if item.team_state == CLAIMED:  # the site's word (companion plugin) comes first
            claimer = item.team_name or self.tr("Another moderator")
        if claimer:
            meta.append(self.tr("claimed by %1").replace("%1", claimer))
        if item.locked:
            meta.append(self.tr("locked: replies are closed"))
        self.thread_meta.setText(" · ".join(m for m in meta if m))
        if thread is not None:
            self.thread_pane.show(thread)  # a big thread is prepared off the GUI thread
        can_reply = not item.locked
        self.reply_box.setEnabled(True)
        self.reply_box.set_closed(
            None
            if can_reply
            else self.tr(
                "This discussion is locked: replies are closed. A teacher can unlock it "
                "on the site."
            )
        )
        for name in ("reply", "send"):
            self.actions_by_name[name].setEnabled(can_reply)
        for name in ("dismiss", "snooze", "claim"):
            self.actions_by_name[name].setEnabled(True)
        self.actions_by_name["claim"].setText(
            self.tr("Un&claim") if item.claimed_by else self.tr("&Claim")
        )
        self.thread_shown.emit(item.discussion_id)
        if opened or (thread is not None and thread.stale):
            self._fetch_thread(item.discussion_id)

    def _fetch_thread(self, discussion_id: int) -> None:
        if discussion_id in self._fetching:
            return
        self._fetching.add(discussion_id)
        task = self.tasks.run(
            "fetch-thread", sync_jobs.fetch_thread_job(self.context, discussion_id)
        )
        task.finished.connect(lambda _r: self._on_thread_fetched(discussion_id, True))
        task.failed.connect(lambda exc: self._on_thread_fetched(discussion_id, False, exc))

    def _on_thread_fetched(self, discussion_id: int, ok: bool, exc: object = None) -> None:
        self._fetching.discard(discussion_id)
        if self._closed:
            return  # a read that ended as the window closed: its store may be closed too
        if not ok:
            log.info("thread %d not fetched: %s", discussion_id, type(exc).__name__)
            if self.check_sign_in(exc):
                return  # not offline: the held status message says what to do
            if self._shown_id == discussion_id:
                self.reply_box.set_status(
                    self.tr("Offline: showing the posts stored on this computer.")
                )
            return
        item = self.current_item()
        if item is not None and item.discussion_id == discussion_id:
            thread = load_thread(self.context.db, discussion_id)
            if thread is not None:
                self.thread_pane.show(thread)
            self.thread_shown.emit(discussion_id)

    # --- replying ---------------------------------------------------------------------

    def start_reply(self) -> None:
        if self.current_item() is not None and self.reply_box.is_open():
            self.reply_box.start()

    def send_reply(self, text: str) -> None:
        item = self.current_item()
        if item is None or not text.strip():
            return
        if not self._reply_despite_claim(item.discussion_id):
            return
        try:
            item_id = self.outbox.reply(item.discussion_id, item.first_post_id, text)
        except PlatformError as exc:  # empty text, or the discussion vanished
            self.reply_box.set_status(describe(exc).text)
            return
        self.reply_box.load(item.discussion_id, "")
        self.drafts.discard(REPLY, item.discussion_id)  # it is in the outbox now
        self.reply_box.set_status(self.tr("Sending…"))
        self.model.set_pending_replies(sync_jobs.pending_reply_ids(self.context.db))
        self.status.set_outbox(sync_jobs.outbox_count(self.outbox))
        discussion_id = item.discussion_id
        job = sync_jobs.send_reply_job(self.context, self.outbox, item_id)
        task = self.tasks.run("send-reply", job)
        task.finished.connect(lambda outcome: self._on_reply_done(discussion_id, outcome))
        task.failed.connect(lambda exc: self._on_reply_failed(discussion_id, exc))

    def _reply_despite_claim(self, discussion_id: int) -> bool:
        """A colleague claimed it on the site: ask before answering alongside them."""
        colleague = colleague_claim(self.context.db, discussion_id)
        if colleague is None:
            return True
        name = colleague or self.tr("Another moderator")
        answer = QMessageBox.question(
            self,
            self.tr("Claimed by a colleague"),
            self.tr("%1 is answering this discussion. Send your reply anyway?").replace("%1", name),
        )
        return answer == QMessageBox.StandardButton.Yes

    def _save_draft(self, discussion_id: object, text: str) -> None:
        try:
            self.drafts.save(REPLY, discussion_id, text)
        except (StoreError, SQLAlchemyError) as exc:  # a full disk or closed store: say so
            log.warning("draft not saved: %s", type(exc).__name__)
            self.status.say(self.tr("Your draft could not be saved."), Importance.SAFETY, 10000)
            return
        self.model.set_drafts(self.drafts.reply_discussions())

    def _discard_draft(self, discussion_id: object) -> None:
        self.drafts.discard(REPLY, discussion_id)
        self.model.set_drafts(self.drafts.reply_discussions())
        self.status.say(self.tr("Draft discarded."))

    def _on_reply_failed(self, discussion_id: int, exc: object) -> None:
        self._on_reply_done(discussion_id, None)
        self.check_sign_in(exc)

    def _on_reply_done(self, discussion_id: int, result: sync_jobs.ReplyOutcome | None) -> None:
        """Say what became of the reply, as its outbox item tells (a refusal is no 'offline')."""
        if result is not None and self.check_sign_in(result.error):
            self.refresh_queue()
            self.reply_finished.emit(discussion_id)
            return
        outcome = result.item.outcome if result is not None else Outcome.WAITING
        if outcome is Outcome.SENT:
            self.status.set_online(True)
            self.status.say(self.tr("Reply sent."))
        else:
            message = self._reply_not_sent_words(result)
            if outcome is Outcome.REFUSED:
                self.status.set_online(True)  # the site answered
            elif result is None or result.offline:
                self.status.set_online(False)
            # A refusal needs the moderator (their text waits in the Outbox); offline less so.
            importance = (
                Importance.SAFETY if outcome is Outcome.REFUSED else Importance.CONNECTIVITY
            )
            self.status.say(message, importance, 8000)
            if self._shown_id == discussion_id:
                self.reply_box.set_status(message)
        self.refresh_queue()
        self.reply_finished.emit(discussion_id)

    def _reply_not_sent_words(self, result: sync_jobs.ReplyOutcome | None) -> str:
        if result is None or result.offline:
            return self.tr("Offline: the reply waits in the outbox and goes at the next sync.")
        item = result.item
        if item.outcome is Outcome.REFUSED:
            return self.tr(
                "The site refused the reply (%1). It waits in the Outbox: retry it or copy "
                "your text from there."
            ).replace("%1", reason_words(item.reason))
        if item.outcome is Outcome.BEING_SENT:
            return self.tr("The reply is on its way to the site.")
        if item.outcome is Outcome.GONE:
            return self.tr("The reply was cancelled.")
        if item.maybe_applied:
            return self.tr(
                "The site's answer was unclear: the next sync checks whether the reply "
                "arrived and sends it only if it did not."
            )
        return self.tr("The reply waits in the outbox and goes at the next sync.")

    # --- triage -------------------------------------------------------------------------

    def dismiss(self) -> None:
        item = self.current_item()
        if item is None:
            return
        reason = DismissDialog.ask(self)
        if not reason:
            return
        self._triage(
            lambda: self.triage.dismiss(item.discussion_id, reason),
            self.tr("Dismissed. Ctrl+Z brings it back."),
        )

    def snooze(self) -> None:
        item = self.current_item()
        if item is None:
            return
        until = SnoozeDialog.ask(self, datetime.fromtimestamp(self._now()))
        if until is None:
            return
        moment = int(until.timestamp())
        self._triage(
            lambda: self.triage.snooze(item.discussion_id, moment),
            self.tr("Snoozed. Ctrl+Z brings it back."),
        )

    def claim(self) -> None:
        item = self.current_item()
        if item is None:
            return
        if item.claimed_by:
            self._triage(lambda: self.triage.unclaim(item.discussion_id), self.tr("Unclaimed."))
        else:
            self._triage(lambda: self.triage.claim(item.discussion_id), self.tr("Claimed."))

    def undo(self) -> None:
        self._triage(self.triage.undo, self.tr("Undone."), keep_selection=False)

    def _triage(self, action: Callable[[], Any], done: str, keep_selection: bool = True) -> None:
        try:
            result = action()
        except (ValueError, LookupError) as exc:
            self.statusBar().showMessage(str(exc), 8000)
            return
        self.statusBar().showMessage(done, 5000)
        self.refresh_queue()
        if not keep_selection and isinstance(result, int):  # undo: show what came back
            row = self.model.row_of(result)
            if row >= 0:
                self.select_row(row)

    # --- sync ---------------------------------------------------------------------------

    def sync_now(self, manual: bool = False) -> None:
        """Start a sync. ``manual``: the user asked, so outbox items that are backing
        off after a network failure go now instead of after their wait."""
        if self._sync_task is not None:
            return
        if self._sign_in_needed:
            if manual:  # F5 while the token is refused: that is a request to sign in
                self.sign_in_again()
            return
        if manual:
            for entry in self.outbox.list():
                if entry.state == "failed_retryable":
                    self.outbox.retry(entry.id)
        task = self.tasks.run("sync", sync_jobs.sync_job(self.context))
        self._sync_task = task
        self.actions_by_name["sync"].setEnabled(False)
        self.actions_by_name["cancel_sync"].setEnabled(True)
        task.show_progress.connect(self.status.show_progress)
        task.progress.connect(self.status.set_progress)
        task.finished.connect(self._on_sync_done)
        task.failed.connect(self._on_sync_done)

    def cancel_sync(self) -> None:
        if self._sync_task is not None:
            self._sync_task.cancel()

    def _on_sync_done(self, outcome: object) -> None:
        self._sync_task = None
        self.actions_by_name["sync"].setEnabled(True)
        self.actions_by_name["cancel_sync"].setEnabled(False)
        self.status.hide_progress()
        result = outcome if isinstance(outcome, sync_jobs.SyncOutcome) else None
        if result is None:
            log.warning("sync failed: %s", type(outcome).__name__)
            self.status.set_online(False)
            self.status.say(sync_jobs.describe_failure(outcome), Importance.CONNECTIVITY, 10000)
            self.check_sign_in(outcome)
        else:
            self.policy_banner.set_policy(result.report.site_policy)
            report = result.report
            # A waiting site policy is an answer from the site: online, not offline.
            reached = report.error is None or report.site_policy is not None
            self.status.set_online(not report.offline and reached)
            self.status.set_last_sync(sync_jobs.last_sync_time(self.context.db))
            message = sync_jobs.describe_report(result.report)
            self.status.say(message, sync_jobs.report_importance(report), 10000)
            self.check_sign_in(report.error)
            self.check_sign_in(report.polls_error)
            if result.new_waiting:
                self._notify(result.new_waiting)
        self.filters.reload_courses()  # the first sync brings the courses and forums
        self.refresh_queue()
        self.sync_finished.emit(result.report if result is not None else outcome)

    # --- sign in again -------------------------------------------------------------------

    def check_sign_in(self, error: object) -> bool:
        """An expired or revoked token (from any job): pause sync and ask to sign in.

        True when `error` was such a refusal. A waiting site policy is not: it has its
        own banner.
        """
        if not isinstance(error, AuthError) or isinstance(error, PolicyNotAgreed):
            return False
        if self._sign_in_needed:
            return True  # asked already: one message, one dialog
        self._sign_in_needed = True
        self._auto_sync.stop()
        site = self.context.account.site_url
        self.status.hold(
            self.tr(
                "The site no longer accepts your sign-in (%1): sign in again. Sync is "
                "paused; your replies wait in the outbox."
            ).replace("%1", site)
        )
        QTimer.singleShot(0, self.sign_in_again)
        return True

    @staticmethod
    def ask_sign_in(parent: QWidget, site_url: str, username: str) -> Any:
        """The sign-in dialog, filled in for this account: its result or None (tests replace)."""
        from PySide6.QtWidgets import QDialog

        from moderator_app.gui.sign_in import SignInDialog

        dialog = SignInDialog(parent, allow_demo=False, site_url=site_url, username=username)
        if dialog.exec() != QDialog.DialogCode.Accepted:
            return None
        return dialog.result_value

    def sign_in_again(self) -> None:
        if not self._sign_in_needed or self._closed or self._asking:
            return
        self._asking = True
        try:
            ref = self.context.account
            result = MainWindow.ask_sign_in(self, ref.site_url, ref.username)
        finally:
            self._asking = False
        if result is None:
            return  # the message stays; F5 asks again
        if getattr(result, "ref", ref) != ref:
            self.account_switch_requested.emit(result.ref)  # signed in as someone else
            return
        # The platform factory reads the new token from the keyring: sync and send now.
        self._sign_in_needed = False
        self.status.release()
        self.status.say(self.tr("Signed in again."), Importance.INFORMATION)
        self.apply_settings()
        self.sync_now(manual=True)

    def accept_site_policy(self) -> None:
        """Agree to the site policy (core's handler), then sync: the queue fills."""
        self.policy_banner.set_busy(True)
        task = self.tasks.run("accept-policy", accept_policy_job(self.context))
        task.finished.connect(self._on_policy_accepted)
        task.failed.connect(self._on_policy_failed)

    def _on_policy_accepted(self, agreed: object) -> None:
        self.policy_banner.set_busy(False)
        if agreed:
            self.policy_banner.set_policy(None)
            self.statusBar().showMessage(self.tr("Site policy accepted."), 5000)
            self.sync_now()
        else:
            self.statusBar().showMessage(
                self.tr("The site did not take the agreement: accept the policy on the site."),
                10000,
            )

    def _on_policy_failed(self, exc: object) -> None:
        self.policy_banner.set_busy(False)
        self.statusBar().showMessage(sync_jobs.describe_failure(exc), 10000)

    def _notify(self, ids: list[int]) -> None:
        self.new_waiting.emit(ids)
        if not self.context.settings.notify_new_waiting:
            return
        text = self.tr("%n learner post(s) started waiting for an answer.", "", len(ids))
        self.reminder_shown.emit(text)
        if self._tray is not None:
            self._tray.showMessage(
                self.tr("New posts waiting"), text, QSystemTrayIcon.MessageIcon.Information
            )
        else:  # no tray (some desktops): the status bar carries the reminder
            self.statusBar().showMessage(text, 15000)

    def _on_busy(self, busy: bool) -> None:
        if busy:
            self.setCursor(Qt.CursorShape.BusyCursor)
        else:
            self.unsetCursor()

    # --- sections -------------------------------------------------------------------------

    def _on_section(self, row: int) -> None:
        key = SECTIONS[row] if 0 <= row < len(SECTIONS) else "queue"
        if key == "queue":
            self.pages.setCurrentIndex(0)
        elif key == "forums":
            self.forums_page.reload()
            self.pages.setCurrentWidget(self.forums_page.page)
        elif key in self._section_pages:
            self.pages.setCurrentWidget(self._section_pages[key])
        else:
            self.coming_page.show_section(self.sidebar.item(row).text())
            self.pages.setCurrentWidget(self.coming_page.page)

    def _show_forum_queue(self, course_id: int, forum_id: int) -> None:
        self.filters.choose(course_id, forum_id)
        self.sidebar.setCurrentRow(0)
        self.view.setFocus()

    def show_outbox(self) -> None:
        """Open (or bring forward) the non-modal Outbox window."""
        if self._outbox_view is None:
            self._outbox_view = OutboxView(
                self.outbox,
                self,
                sync_action=self.actions_by_name["sync"],
                open_discussion=self._select_discussion,
            )
            self._outbox_view.changed.connect(self.refresh_queue)
        # Items may have been written elsewhere (a page, the CLI): the count agrees with the list.
        self.refresh_outbox_count()
        if self._outbox_view.isVisible():
            self._outbox_view.refresh()  # already open: showing again would not reload it
        self._outbox_view.show()
        self._outbox_view.raise_()
        self._outbox_view.activateWindow()

    def _select_discussion(self, discussion_id: int) -> bool:
        """Select a discussion in the queue list (the Outbox's "Open discussion")."""
        self.sidebar.setCurrentRow(0)
        row = self.model.row_of(discussion_id)
        while row < 0 and self.model.canFetchMore():
            self.model.fetchMore()
            row = self.model.row_of(discussion_id)
        if row < 0:
            return False
        self.select_row(row)
        self.activateWindow()
        self.view.setFocus()
        return True

    def show_shortcuts(self) -> None:
        ShortcutsDialog(self.actions_by_name.values(), self).exec()

    def _switch_to(self, ref: Any) -> None:
        if ref != self.context.account:
            self.account_switch_requested.emit(ref)

    def _on_account_chosen(self, index: int) -> None:
        if 0 <= index < len(self._accounts):
            self._switch_to(_ref_of(self._accounts[index]))

    # --- Qt events ----------------------------------------------------------------------

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        if not self._started:
            self._started = True
            self.view.setFocus()
            if self.context.settings.auto_sync_minutes > 0:
                QTimer.singleShot(0, self.sync_now)

    def closeEvent(self, event: QCloseEvent) -> None:
        self.reply_box.flush()  # the last keys typed before closing are kept
        self._closed = True
        self._auto_sync.stop()
        if not self.tasks.shutdown(10_000):
            QMessageBox.warning(
                self,
                self.tr("Still busy"),
                self.tr("A sync is still finishing; it will stop at the next page."),
            )
        if self._tray is not None:
            self._tray.hide()
        super().closeEvent(event)


def _ref_of(info: Any) -> Any:
    ref = getattr(info, "ref", None)
    if ref is not None:
        return ref
    from moderator_app.services.accounts import AccountRef

    return AccountRef(info.site_url, info.username)


def _account_label(info: Any) -> str:
    site = getattr(info, "site_name", "") or getattr(info, "site_url", "")
    return f"{info.username} — {site}" if site else str(info.username)


__all__ = ["MainWindow", "QAction"]
