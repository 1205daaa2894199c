"""The Outbox window: what waits to be sent, why it is stuck, and retry, cancel, copy.

A moderator who sees "Outbox: 3" must be able to find out which three, and never lose
a reply the site refused: its text can be copied before the item is cancelled.

The list is a snapshot (reloaded on show, after each action, and by the main window
after a sync); the service re-checks every action against the store, so a stale row
only ever leads to a refusal, worded here.
"""

from __future__ import annotations

import html
import json
import re
from collections.abc import Callable, Iterable
from dataclasses import dataclass, field
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QDateTime,
    QLocale,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QAction, QGuiApplication, QShowEvent
from PySide6.QtWidgets import (
    QAbstractItemView,
    QCheckBox,
    QDialog,
    QHBoxLayout,
    QHeaderView,
    QLabel,
    QMessageBox,
    QPushButton,
    QTableView,
    QToolButton,
    QVBoxLayout,
    QWidget,
)
from sqlalchemy import select

from moderator_app.gui.dates import format_datetime
from moderator_app.platform.errors import PlatformError
from moderator_app.services.outbox import OutboxEntry, OutboxService
from moderator_app.store import models as m
from moderator_app.sync import outbox_kinds as kinds
from moderator_app.sync import outbox_plan as op
from moderator_app.sync.poll_push import POLL_KIND
from moderator_app.sync.share_push import KIND_CONSENT_REQUEST, KIND_RETRACTION

RECENT_DONE = 7 * 24 * 3600  # "show sent items" goes back this far
_DISPLAY = Qt.ItemDataRole.DisplayRole


def _tr(text: str) -> str:
    return QCoreApplication.translate("OutboxView", text)


# --- what the list shows ------------------------------------------------------------------


@dataclass(frozen=True)
class OutboxRow:
    """One item as the window shows it: words made once per reload."""

    entry: OutboxEntry
    what: str
    state: str
    text: str | None = None  # what the moderator wrote (reply, new discussion), to copy
    payload: dict[str, Any] = field(default_factory=dict)

    @property
    def refusal(self) -> str | None:
        return refusal_words(self.entry)


@dataclass(frozen=True)
class _Names:
    """Names the words need, read in one short session."""

    payloads: dict[str, dict[str, Any]]
    subjects: dict[int, str]
    forums: dict[int, str]
    people: dict[int, str]


def load_rows(outbox: OutboxService, *, include_done: bool, now: int) -> list[OutboxRow]:
    """The outbox in words, oldest first (sent items only from the last week)."""
    entries = [
        e
        for e in outbox.list(include_done=include_done)
        if e.state != op.DONE or e.created_at >= now - RECENT_DONE
    ]
    names = _read_names(outbox, entries)
    rows = []
    for entry in entries:
        payload = names.payloads.get(entry.id, {})
        rows.append(
            OutboxRow(
                entry=entry,
                what=what_words(entry, payload, names),
                state=state_words(entry, now),
                text=written_text(entry.kind, payload),
                payload=payload,
            )
        )
    return rows


def _read_names(outbox: OutboxService, entries: list[OutboxEntry]) -> _Names:
    # The service's list leaves out payloads (message bodies) on purpose; the window is
    # the one place that shows them, so it reads them itself, in one short session.
    ids = [e.id for e in entries]
    with outbox.db.session() as s:
        raw = s.execute(
            select(m.OutboxItem.id, m.OutboxItem.payload).where(m.OutboxItem.id.in_(ids))
        ).all()
        payloads = {item_id: _parse(payload) for item_id, payload in raw}
        discussions = {e.discussion_id for e in entries if e.discussion_id is not None}
        forums = {_int(p.get("forum_id")) for p in payloads.values()} - {None}
        people = {_int(p.get("user_id")) for p in payloads.values()} - {None}
        subjects = dict(
            s.execute(
                select(m.Discussion.id, m.Discussion.subject).where(
                    m.Discussion.id.in_(discussions)
                )
            ).all()
        )
        forum_names = dict(
            s.execute(select(m.Forum.id, m.Forum.name).where(m.Forum.id.in_(forums))).all()
        )
        person_names = dict(
            s.execute(
                select(m.Participant.user_id, m.Participant.fullname).where(
                    m.Participant.user_id.in_(people)
                )
            ).all()
        )
    return _Names(payloads, subjects, forum_names, person_names)


def _parse(payload: str) -> dict[str, Any]:
    try:
        data = json.loads(payload)
    except ValueError:
        return {}
    return data if isinstance(data, dict) else {}


def _int(value: object) -> int | None:
    return value if isinstance(value, int) and not isinstance(value, bool) else None


def what_words(entry: OutboxEntry, payload: dict[str, Any], names: _Names) -> str:
    """What the item does, in words: "Reply to ‘subject’", "Lock ‘subject’", ..."""
    subject = names.subjects.get(entry.discussion_id or 0) or _strip_re(entry.summary)
    kind = entry.kind
    shared = (entry.local_ref or "").startswith("share:")
    if kind == kinds.KIND_REPLY:
        text = _tr("Shared example in ‘%1’") if shared else _tr("Reply to ‘%1’")
    elif kind == kinds.KIND_DISCUSSION:
        forum = names.forums.get(_int(payload.get("forum_id")) or 0) or _tr("a forum")
        text = (
            _tr("Shared example as a new discussion in %2: ‘%1’")
            if shared
            else _tr("New discussion in %2: ‘%1’")
        ).replace("%2", forum)
        subject = entry.summary
    elif kind == kinds.KIND_LOCK:
        text = _tr("Lock ‘%1’") if payload.get("locked", True) else _tr("Unlock ‘%1’")
    elif kind == kinds.KIND_PIN:
        text = _tr("Pin ‘%1’") if payload.get("pinned", True) else _tr("Unpin ‘%1’")
    elif kind == kinds.KIND_DELETE:
        text = (
            _tr("Delete the discussion ‘%1’")
            if payload.get("is_first_post")
            else _tr("Delete a post in ‘%1’")
        )
    elif kind == POLL_KIND:
        text, subject = _tr("Poll ‘%1’"), entry.summary
    elif kind == KIND_RETRACTION:
        text, subject = _tr("Retraction of the shared copy ‘%1’"), _strip_re(entry.summary)
    elif kind == KIND_CONSENT_REQUEST:
        text = _tr("Consent request to %1")
        subject = names.people.get(_int(payload.get("user_id")) or 0) or _tr("a learner")
    else:
        return entry.summary
    return text.replace("%1", subject)


def _strip_re(subject: str) -> str:
    return subject[4:].strip() if subject.lower().startswith("re:") else subject


def reason_words(reason: str | None) -> str:
    return {
        op.REASON_LOCKED: _tr("the discussion was locked"),
        op.REASON_DELETED: _tr("it was deleted on the site"),
        op.REASON_PERMISSION: _tr("no permission on the site"),
        op.REASON_INVALID: _tr("the site refused it"),
        op.REASON_UNAVAILABLE: _tr("the site does not offer this"),
    }.get(reason or "", _tr("the site refused it"))


def advice_words(entry: OutboxEntry, now: int) -> str:
    """What the moderator can do next (the list says what happened, this says what now)."""
    if entry.state == op.PENDING and entry.not_before > now:
        return _tr("It goes at the first sync after its time, while Moderator Desk is running.")
    if entry.state != op.FAILED_NEEDS_ATTENTION:
        return ""
    if entry.reason == op.REASON_LOCKED:
        return _tr("Retry once the discussion is open again, or copy your text and cancel it.")
    if entry.reason == op.REASON_DELETED:
        return _tr("It cannot arrive any more: copy your text if you need it, then cancel it.")
    if entry.reason == op.REASON_PERMISSION:
        return _tr("Retry once you may do this again on the site, or cancel it.")
    return _tr("Retry after fixing the cause, or cancel it.")


def state_words(entry: OutboxEntry, now: int) -> str:
    """The state as a moderator reads it: "Waiting to be sent", "Will retry at 14:05"."""
    state = entry.state
    if state == op.PENDING:
        if entry.not_before > now:
            return _tr("Scheduled for %1").replace("%1", _moment(entry.not_before, now))
        return _tr("Waiting to be sent")
    if state == op.SENDING:
        return _tr("Sending")
    if state == op.FAILED_RETRYABLE:
        if entry.last_error_code == op.MAYBE_APPLIED:
            return _tr("May have arrived: the next sync checks")
        if entry.not_before > now:
            return _tr("Will retry at %1").replace("%1", _moment(entry.not_before, now))
        return _tr("Will retry at the next sync")
    if state == op.FAILED_NEEDS_ATTENTION:
        return _tr("Needs your attention: %1").replace("%1", reason_words(entry.reason))
    if state == op.DONE:
        return _tr("Sent")
    return state


def _moment(at: int, now: int) -> str:
    """Only the time when it is today (the usual case for a retry)."""
    moment, today = QDateTime.fromSecsSinceEpoch(at), QDateTime.fromSecsSinceEpoch(now)
    if moment.date() != today.date():
        return format_datetime(at)
    locale = QLocale()
    if locale.language() in (QLocale.Language.C, QLocale.Language.AnyLanguage):
        return moment.toString("HH:mm")
    return locale.toString(moment.time(), QLocale.FormatType.ShortFormat)


def refusal_words(entry: OutboxEntry) -> str | None:
    """Why this item cannot be cancelled, or None when it can (mirrors OutboxService.cancel)."""
    if entry.state == op.DONE:
        return _tr("It has been sent already.")
    if entry.state == op.SENDING:
        return _tr("It is being sent right now and can no longer be cancelled.")
    if entry.last_error_code == op.MAYBE_APPLIED:
        return _tr(
            "It may already be on the site. The next sync checks, and sends it only if it "
            "did not arrive."
        )
    if entry.kind == KIND_RETRACTION:
        return _tr(
            "A retraction cannot be cancelled: the learner withdrew consent, so the shared "
            "copy has to come off the site."
        )
    return None


def undo_words(row: OutboxRow) -> str:
    """What cancelling takes back, for the confirmation."""
    kind, payload = row.entry.kind, row.payload
    keep = _tr("Copy the text first if you want to keep it.")
    if (row.entry.local_ref or "").startswith("share:"):
        return _tr("The example will not be shared and no longer counts as shared.")
    if kind == kinds.KIND_REPLY:
        return _tr("The reply will not be sent and its text is removed from this computer.") + (
            " " + keep
        )
    if kind == kinds.KIND_DISCUSSION:
        return _tr(
            "The discussion will not be started and its text is removed from this computer."
        ) + (" " + keep)
    if kind == kinds.KIND_LOCK:
        return (
            _tr("The discussion will not be locked on the site and shows as open here again.")
            if payload.get("locked", True)
            else _tr("The discussion will not be unlocked on the site and shows as locked here.")
        )
    if kind == kinds.KIND_PIN:
        return (
            _tr("The discussion will not be pinned on the site and shows unpinned here again.")
            if payload.get("pinned", True)
            else _tr("The discussion will not be unpinned on the site and shows pinned here.")
        )
    if kind == kinds.KIND_DELETE:
        return _tr("Nothing will be deleted on the site, and the post shows here again.")
    if kind == POLL_KIND:
        return _tr("The poll will not be published; it stays a draft.")
    if kind == KIND_CONSENT_REQUEST:
        return _tr("The message asking for consent will not be sent.")
    return _tr("It will not be sent.")


_PARAGRAPH = re.compile(r"</p>\s*<p[^>]*>", re.IGNORECASE)
_BREAK = re.compile(r"<br\s*/?>", re.IGNORECASE)
_TAG = re.compile(r"<[^>]+>")


def plain_text(message_html: str) -> str:
    """The moderator's text back from the HTML the outbox stores (see plain_to_html)."""
    text = _BREAK.sub("\n", _PARAGRAPH.sub("\n\n", message_html))
    return html.unescape(_TAG.sub("", text)).strip()


def written_text(kind: str, payload: dict[str, Any]) -> str | None:
    message = payload.get("message")
    if kind not in (kinds.KIND_REPLY, kinds.KIND_DISCUSSION) or not isinstance(message, str):
        return None
    body = plain_text(message)
    subject = payload.get("subject")
    if kind == kinds.KIND_DISCUSSION and isinstance(subject, str) and subject:
        return f"{subject}\n\n{body}"  # the subject is written by the moderator too
    return body


# --- the model --------------------------------------------------------------------------


class OutboxModel(QAbstractTableModel):
    WHAT, STATE, CREATED, ATTEMPTS = range(4)

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self._rows: list[OutboxRow] = []

    def set_rows(self, rows: Iterable[OutboxRow]) -> None:
        self.beginResetModel()
        self._rows = list(rows)
        self.endResetModel()

    def row(self, index: int) -> OutboxRow | None:
        return self._rows[index] if 0 <= index < len(self._rows) else None

    def row_of(self, item_id: str) -> int:
        return next((i for i, r in enumerate(self._rows) if r.entry.id == item_id), -1)

    def rowCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: QModelIndex | QPersistentModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else 4

    def data(self, index: QModelIndex | QPersistentModelIndex, role: int = _DISPLAY) -> Any:
        row = self.row(index.row()) if index.isValid() else None
        if row is None:
            return None
        column = index.column()
        if role == _DISPLAY:
            return (
                row.what,
                row.state,
                format_datetime(row.entry.created_at),
                row.entry.attempts,
            )[column]
        if role == Qt.ItemDataRole.ToolTipRole and column in (self.WHAT, self.STATE):
            return row.what if column == self.WHAT else row.state
        return None

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = _DISPLAY) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != _DISPLAY:
            return None
        titles = (self.tr("What"), self.tr("State"), self.tr("Created"), self.tr("Attempts"))
        return titles[section] if 0 <= section < len(titles) else None


# --- the window -------------------------------------------------------------------------


class OutboxView(QDialog):
    """Non-modal: it stays open next to the queue while the moderator works."""

    changed = Signal()  # an item was retried or cancelled: counts and the queue change

    def __init__(
        self,
        outbox: OutboxService,
        parent: QWidget | None = None,
        *,
        sync_action: QAction | None = None,
        open_discussion: Callable[[int], bool] | None = None,
    ) -> None:
        super().__init__(parent)
        self.setObjectName("outboxView")
        self.setWindowTitle(self.tr("Outbox"))
        self.setModal(False)
        self.outbox = outbox
        self._open_discussion = open_discussion
        self.model = OutboxModel(self)
        self.summary = QLabel()
        self.summary.setWordWrap(True)
        self.show_done = QCheckBox(self.tr("Show items sent in the last 7 days"))
        self.show_done.toggled.connect(lambda _on: self.refresh())
        self.table = QTableView()
        self.table.setModel(self.model)
        self.table.verticalHeader().hide()
        self.table.setSelectionBehavior(QAbstractItemView.SelectionBehavior.SelectRows)
        self.table.setSelectionMode(QAbstractItemView.SelectionMode.SingleSelection)
        self.table.setWordWrap(False)
        header = self.table.horizontalHeader()
        header.setSectionResizeMode(OutboxModel.WHAT, QHeaderView.ResizeMode.Stretch)
        header.setSectionResizeMode(OutboxModel.STATE, QHeaderView.ResizeMode.Interactive)
        self.table.setColumnWidth(OutboxModel.STATE, 340)
        for column in (OutboxModel.CREATED, OutboxModel.ATTEMPTS):
            header.setSectionResizeMode(column, QHeaderView.ResizeMode.ResizeToContents)
        self.table.selectionModel().currentRowChanged.connect(lambda *_: self._update_buttons())
        self.detail = QLabel()
        self.detail.setObjectName("outboxDetail")
        self.detail.setWordWrap(True)
        self.detail.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.detail.setTextFormat(Qt.TextFormat.PlainText)

        self.retry_button = QPushButton(self.tr("&Retry"))
        self.cancel_button = QPushButton(self.tr("&Cancel item…"))
        self.copy_button = QPushButton(self.tr("Co&py text"))
        self.open_button = QPushButton(self.tr("&Open discussion"))
        self.close_button = QPushButton(self.tr("Close"))
        self.retry_button.setToolTip(self.tr("Send it again at the next sync"))
        self.copy_button.setToolTip(self.tr("Put what you wrote on the clipboard"))
        self.open_button.setToolTip(self.tr("Select its discussion in the queue"))
        self.retry_button.clicked.connect(self.retry_selected)
        self.cancel_button.clicked.connect(self.cancel_selected)
        self.copy_button.clicked.connect(self.copy_selected)
        self.open_button.clicked.connect(self.open_selected)
        self.close_button.clicked.connect(self.close)
        self.open_button.setVisible(open_discussion is not None)

        buttons = QHBoxLayout()
        for button in (self.retry_button, self.cancel_button, self.copy_button, self.open_button):
            button.setAutoDefault(False)
            buttons.addWidget(button)
        buttons.addStretch(1)
        if sync_action is not None:  # after a retry, the moderator may want it sent now
            self.sync_button = QToolButton()
            self.sync_button.setDefaultAction(sync_action)
            self.sync_button.setToolButtonStyle(Qt.ToolButtonStyle.ToolButtonTextBesideIcon)
            buttons.addWidget(self.sync_button)
        buttons.addWidget(self.close_button)
        top = QHBoxLayout()
        top.addWidget(self.summary, 1)
        top.addWidget(self.show_done)
        layout = QVBoxLayout(self)
        layout.addLayout(top)
        layout.addWidget(self.table, 1)
        layout.addWidget(self.detail)
        layout.addLayout(buttons)
        self.resize(1000, 460)
        self._update_buttons()

    # --- loading ---------------------------------------------------------------------

    def refresh(self) -> None:
        """Reload from the store, keeping the selected item selected."""
        current = self.selected()
        rows = load_rows(self.outbox, include_done=self.show_done.isChecked(), now=self._now())
        self.model.set_rows(rows)
        self.summary.setText(self._summary(rows))
        row = self.model.row_of(current.entry.id) if current is not None else -1
        if row < 0 and rows:
            row = 0
        if row >= 0:
            self.table.selectRow(row)
        self._update_buttons()

    def _summary(self, rows: list[OutboxRow]) -> str:
        # Counted as the status bar counts (services/outbox_counts.py): scheduled apart.
        now = self._now()
        open_rows = [r.entry for r in rows if r.entry.state in op.OPEN_STATES]
        scheduled = sum(1 for e in open_rows if e.state == op.PENDING and e.not_before > now)
        waiting = len(open_rows) - scheduled
        if not open_rows:
            return self.tr("Nothing waits: everything has been sent.")
        parts = [self.tr("%n item(s) wait to be sent to the site.", "", waiting)] if waiting else []
        if scheduled:
            parts.append(self.tr("%n scheduled for later.", "", scheduled))
        return " ".join(parts)

    def _now(self) -> int:
        return self.outbox.now()

    def showEvent(self, event: QShowEvent) -> None:
        self.refresh()
        super().showEvent(event)

    def selected(self) -> OutboxRow | None:
        index = self.table.currentIndex()
        return self.model.row(index.row()) if index.isValid() else None

    def select_item(self, item_id: str) -> None:
        row = self.model.row_of(item_id)
        if row >= 0:
            self.table.selectRow(row)

    def _update_buttons(self) -> None:
        row = self.selected()
        entry = row.entry if row is not None else None
        failed = entry is not None and entry.state in (
            op.FAILED_RETRYABLE,
            op.FAILED_NEEDS_ATTENTION,
        )
        self.retry_button.setEnabled(failed)
        refusal = row.refusal if row is not None else None
        self.cancel_button.setEnabled(row is not None and refusal is None)
        self.cancel_button.setToolTip(refusal or self.tr("Take it back before it is sent"))
        self.copy_button.setEnabled(row is not None and row.text is not None)
        self.open_button.setEnabled(entry is not None and entry.discussion_id is not None)
        self.detail.setText(self._detail(row))

    def _detail(self, row: OutboxRow | None) -> str:
        if row is None:
            return ""
        lines = [row.what, row.state]
        error = _site_message(row.entry)
        if error:
            lines.append(self.tr("The site said: %1").replace("%1", error))
        lines.append(advice_words(row.entry, self._now()))
        if row.refusal and row.entry.state != op.DONE:
            lines.append(row.refusal)
        return "\n".join(line for line in lines if line)

    # --- actions ---------------------------------------------------------------------

    def retry_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        try:
            self.outbox.retry(row.entry.id)
        except PlatformError:
            self.show_refusal(self.tr("It is no longer waiting for a retry."))
        self._after_action(row.entry.id)

    def cancel_selected(self) -> None:
        row = self.selected()
        if row is None:
            return
        if row.refusal is not None:
            self.show_refusal(row.refusal)
            return
        if not self.confirm(row.what, undo_words(row)):
            return
        try:
            self.outbox.cancel(row.entry.id)
        except PlatformError as exc:
            # The sync may have taken it since the list was loaded: say why, as it is now.
            self.refresh()
            fresh = self.model.row(self.model.row_of(row.entry.id))
            words = fresh.refusal if fresh is not None else None
            self.show_refusal(words or exc.message)
        self._after_action(row.entry.id)

    def copy_selected(self) -> None:
        row = self.selected()
        clipboard = QGuiApplication.clipboard()
        if row is not None and row.text is not None and clipboard is not None:
            clipboard.setText(row.text)

    def open_selected(self) -> None:
        row = self.selected()
        if row is None or row.entry.discussion_id is None or self._open_discussion is None:
            return
        if not self._open_discussion(row.entry.discussion_id):
            self.show_refusal(
                self.tr(
                    "This discussion is not in the queue's list now (it waits for no "
                    "answer, or a filter hides it)."
                )
            )

    def _after_action(self, item_id: str) -> None:
        self.refresh()
        self.select_item(item_id)
        self.changed.emit()

    # --- questions (tests replace these) ------------------------------------------------

    def confirm(self, what: str, undone: str) -> bool:
        box = QMessageBox(self)
        box.setIcon(QMessageBox.Icon.Question)
        box.setWindowTitle(self.tr("Cancel this item?"))
        box.setText(what)
        box.setInformativeText(undone)
        drop = box.addButton(self.tr("Cancel item"), QMessageBox.ButtonRole.DestructiveRole)
        keep = box.addButton(self.tr("Keep it"), QMessageBox.ButtonRole.RejectRole)
        box.setDefaultButton(keep)
        box.exec()
        return box.clickedButton() is drop

    def show_refusal(self, text: str) -> None:
        QMessageBox.information(self, self.tr("Outbox"), text)


def _site_message(entry: OutboxEntry) -> str:
    """The platform's own message of the last failure, without the stored reason word."""
    error = entry.last_error or ""
    if entry.reason and error.startswith(f"{entry.reason}:"):
        error = error.split(":", 1)[1]
    return error.strip()
