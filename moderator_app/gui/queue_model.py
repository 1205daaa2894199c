"""The queue as a Qt table model, paged from SQL through QueueService.

The model holds only the rows loaded so far (a page at a time, via canFetchMore /
fetchMore, as the view scrolls). Sorting and filtering go back to the service, which
does them in SQL, so 100,000 waiting discussions never pass through Python at once.
"""

from __future__ import annotations

import enum
import time
from collections.abc import Callable
from typing import Any

from PySide6.QtCore import (
    QAbstractTableModel,
    QCoreApplication,
    QModelIndex,
    QPersistentModelIndex,
    Qt,
    Signal,
)
from PySide6.QtGui import QColor, QFont, QGuiApplication, QPalette

from moderator_app.gui.dates import format_datetime
from moderator_app.services.queue import (
    CLAIMED,
    PageCursor,
    QueueFilter,
    QueueItem,
    QueueService,
    SortKey,
)

PAGE_SIZE = 200
ModelIndex = QModelIndex | QPersistentModelIndex


def _claimer(item: QueueItem) -> str:
    """Who answers it: the team's claim on the site first, else the claim made here."""
    if item.team_state == CLAIMED:
        return item.team_name or _tr("another moderator")
    return item.claimed_by or ""


def _subject_tip(item: QueueItem) -> str:
    claimer = _claimer(item)
    if not claimer:
        return item.subject
    at = item.team_at if item.team_state == CLAIMED else item.claimed_at
    when = format_datetime(at)
    line = (
        _tr("Claimed by %1 on %2").replace("%1", claimer).replace("%2", when)
        if when
        else _tr("claimed by %1").replace("%1", claimer)
    )
    return f"{item.subject}\n{line}"


class Column(enum.IntEnum):
    WAITED = 0
    COURSE = 1
    FORUM = 2
    SUBJECT = 3
    LEARNER = 4
    REPLIES = 5


SORT_KEYS = {
    Column.WAITED: SortKey.AGE,
    Column.COURSE: SortKey.COURSE,
    Column.FORUM: SortKey.FORUM,
    Column.SUBJECT: SortKey.SUBJECT,
    Column.LEARNER: SortKey.LEARNER,
    Column.REPLIES: SortKey.REPLIES,
}


class Role(enum.IntEnum):
    ITEM = Qt.ItemDataRole.UserRole + 1  # the QueueItem
    DISCUSSION_ID = Qt.ItemDataRole.UserRole + 2
    SLA = Qt.ItemDataRole.UserRole + 3  # "ok" | "warn" | "overdue"
    WAITING_SINCE = Qt.ItemDataRole.UserRole + 4
    REPLY_PENDING = Qt.ItemDataRole.UserRole + 5
    HAS_DRAFT = Qt.ItemDataRole.UserRole + 6  # an unsent reply is kept (services/drafts.py)


DRAFT_MARK = "✎ "  # before the subject of a discussion with an unsent reply


def _tr(text: str) -> str:
    return QCoreApplication.translate("QueueModel", text)


def column_title(column: Column) -> str:
    return {
        Column.WAITED: _tr("Waited"),
        Column.COURSE: _tr("Course"),
        Column.FORUM: _tr("Forum"),
        Column.SUBJECT: _tr("Subject"),
        Column.LEARNER: _tr("Learner"),
        Column.REPLIES: _tr("Replies"),
    }[column]


def format_age(seconds: int) -> str:
    """A short, translated waiting time: '45 min', '5 h', '3 d 4 h'."""
    seconds = max(0, seconds)
    minutes = seconds // 60
    if minutes < 60:
        return _tr("%1 min").replace("%1", str(minutes))
    hours = minutes // 60
    if hours < 24:
        return _tr("%1 h").replace("%1", str(hours))
    days, rest = divmod(hours, 24)
    if rest == 0 or days >= 7:
        return _tr("%1 d").replace("%1", str(days))
    return _tr("%1 d %2 h").replace("%1", str(days)).replace("%2", str(rest))


def sla_colors(palette: QPalette) -> dict[str, QColor]:
    """Warn/overdue text colours that stay readable on the palette's base colour."""
    dark = palette.color(QPalette.ColorRole.Base).lightness() < 128
    if dark:
        return {"warn": QColor("#f5c04a"), "overdue": QColor("#ff7b72")}
    return {"warn": QColor("#8a5a00"), "overdue": QColor("#b3261e")}


class QueueModel(QAbstractTableModel):
    """Waiting discussions, one row each, loaded in pages of PAGE_SIZE."""

    total_changed = Signal(int)  # the number of items matching the filter

    def __init__(
        self,
        service: QueueService,
        *,
        warn_hours: int = 24,
        overdue_hours: int = 48,
        now: Callable[[], float] = time.time,
        parent: Any = None,
    ) -> None:
        super().__init__(parent)
        self._service = service
        self._now = now
        self.warn_hours = warn_hours
        self.overdue_hours = overdue_hours
        self._filter = QueueFilter()
        self._sort = SortKey.AGE
        self._descending = False
        self._rows: list[QueueItem] = []
        # Where the loaded rows end: the next page starts after it (keyset paging).
        self._cursor: PageCursor | None = None
        self._total = 0
        self._pending_replies: frozenset[int] = frozenset()
        self._drafts: frozenset[int] = frozenset()
        self._colors = sla_colors(QGuiApplication.palette())
        self._bold = QFont()
        self._bold.setBold(True)

    # --- what the window changes -------------------------------------------------

    @property
    def filter(self) -> QueueFilter:
        return self._filter

    @property
    def total(self) -> int:
        return self._total

    def set_filter(self, queue_filter: QueueFilter) -> None:
        self._filter = queue_filter
        self.refresh()

    def set_pending_replies(self, discussion_ids: frozenset[int]) -> None:
        """Discussions with a reply waiting in the outbox (shown as 'reply pending')."""
        if discussion_ids == self._pending_replies:
            return
        self._pending_replies = discussion_ids
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 5))

    def set_drafts(self, discussion_ids: frozenset[int]) -> None:
        """Discussions with a half-written reply kept as a draft (shown as 'draft')."""
        if discussion_ids == self._drafts:
            return
        self._drafts = discussion_ids
        if self._rows:
            self.dataChanged.emit(self.index(0, 0), self.index(len(self._rows) - 1, 5))

    def set_thresholds(self, warn_hours: int, overdue_hours: int) -> None:
        self.warn_hours, self.overdue_hours = warn_hours, overdue_hours
        self._colors = sla_colors(QGuiApplication.palette())
        if self._rows:
            last = len(self._rows) - 1
            self.dataChanged.emit(self.index(0, Column.WAITED), self.index(last, Column.WAITED))

    def refresh(self) -> None:
        """Reload from the store: first page only, the rest as the view scrolls."""
        self._reload(count=True)

    def _reload(self, *, count: bool) -> None:
        self.beginResetModel()
        self._rows = self._fetch(0)
        if len(self._rows) < PAGE_SIZE:
            self._total = len(self._rows)  # a short first page is the whole answer
        elif count:
            self._total = self._service.count(self._filter)
        self.endResetModel()
        self.total_changed.emit(self._total)

    def item(self, row: int) -> QueueItem | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, discussion_id: int) -> int:
        for row, item in enumerate(self._rows):
            if item.discussion_id == discussion_id:
                return row
        return -1

    # --- QAbstractTableModel ---------------------------------------------------------

    def rowCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008 (Qt default)
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: ModelIndex = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def canFetchMore(self, parent: ModelIndex = QModelIndex()) -> bool:  # noqa: B008
        return not parent.isValid() and len(self._rows) < self._total

    def fetchMore(self, parent: ModelIndex = QModelIndex()) -> None:  # noqa: B008
        if parent.isValid():
            return
        more = self._fetch(len(self._rows))
        if not more:
            self._total = len(self._rows)  # the store shrank under us: stop asking
            return
        first = len(self._rows)
        self.beginInsertRows(QModelIndex(), first, first + len(more) - 1)
        self._rows.extend(more)
        self.endInsertRows()

    def sort(self, column: int, order: Qt.SortOrder = Qt.SortOrder.AscendingOrder) -> None:
        if column not in SORT_KEYS:
            return
        self._sort = SORT_KEYS[Column(column)]
        # "Waited" ascending means shortest wait first; the service sorts by
        # waiting_since, so flip: oldest (longest wait) first is the default view.
        descending = order == Qt.SortOrder.DescendingOrder
        self._descending = not descending if self._sort == SortKey.AGE else descending
        self._reload(count=False)  # same filter, same total: only the order changes

    def headerData(
        self, section: int, orientation: Qt.Orientation, role: int = Qt.ItemDataRole.DisplayRole
    ) -> Any:
        if orientation != Qt.Orientation.Horizontal or not 0 <= section < len(Column):
            return None
        if role == Qt.ItemDataRole.DisplayRole:
            return column_title(Column(section))
        return None

    def flags(self, index: ModelIndex) -> Qt.ItemFlag:
        if not index.isValid():
            return Qt.ItemFlag.NoItemFlags
        flags = Qt.ItemFlag
        return flags.ItemIsEnabled | flags.ItemIsSelectable | flags.ItemNeverHasChildren

    def data(self, index: ModelIndex, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        item = self._rows[index.row()]
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(item, column)
        if role == Role.ITEM:
            return item
        if role == Role.DISCUSSION_ID:
            return item.discussion_id
        if role == Role.WAITING_SINCE:
            return item.waiting_since
        if role == Role.SLA:
            return self._sla(item)
        if role == Role.REPLY_PENDING:
            return item.discussion_id in self._pending_replies
        if role == Role.HAS_DRAFT:
            return item.discussion_id in self._drafts
        if column == Column.WAITED:
            return self._waited_style(item, role)
        if role == Qt.ItemDataRole.TextAlignmentRole and column == Column.REPLIES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.ToolTipRole and column == Column.SUBJECT:
            tip = _subject_tip(item)
            if item.discussion_id in self._drafts:
                tip += "\n" + _tr("You have an unsent reply here (kept as a draft).")
            return tip
        return None

    # --- helpers -----------------------------------------------------------------------

    def _fetch(self, offset: int) -> list[QueueItem]:
        """The page at `offset`: 0 starts over, otherwise the page after the loaded rows.

        Keyset paging: a page near the end of 100,000 rows costs what the first does.
        """
        items, cursor = self._service.page_after(
            self._filter,
            sort=self._sort,
            descending=self._descending,
            after=self._cursor if offset else None,
            limit=PAGE_SIZE,
        )
        if cursor is not None or not offset:
            self._cursor = cursor
        return items

    def _sla(self, item: QueueItem) -> str:
        if item.waiting_since is None:
            return "ok"
        return str(self._service.sla_level(item.waiting_since, self.warn_hours, self.overdue_hours))

    def _display(self, item: QueueItem, column: Column) -> Any:
        if column == Column.WAITED:
            if item.waiting_since is None:
                return "–"
            return format_age(int(self._now()) - item.waiting_since)
        if column == Column.COURSE:
            return item.course_name
        if column == Column.FORUM:
            return item.forum_name
        if column == Column.SUBJECT:
            marks = []
            if item.discussion_id in self._pending_replies:
                marks.append(_tr("reply pending"))
            claimer = _claimer(item)
            if claimer:
                marks.append(_tr("claimed by %1").replace("%1", claimer))
            # A draft's pen goes first: a narrow column elides the end of the subject.
            pen = DRAFT_MARK if item.discussion_id in self._drafts else ""
            return pen + (f"{item.subject}  [{', '.join(marks)}]" if marks else item.subject)
        if column == Column.LEARNER:
            return item.learner_name or ""
        if column == Column.REPLIES:
            return item.num_replies
        return None

    def _waited_style(self, item: QueueItem, role: int) -> Any:
        level = self._sla(item)
        if role == Qt.ItemDataRole.ForegroundRole and level in self._colors:
            return self._colors[level]
        if role == Qt.ItemDataRole.FontRole and level == "overdue":
            return self._bold
        if role == Qt.ItemDataRole.ToolTipRole:
            return {
                "ok": _tr("Within the response time"),
                "warn": _tr("Waiting longer than %1 hours").replace("%1", str(self.warn_hours)),
                "overdue": _tr("Overdue: waiting longer than %1 hours").replace(
                    "%1", str(self.overdue_hours)
                ),
            }.get(level)
        return None
