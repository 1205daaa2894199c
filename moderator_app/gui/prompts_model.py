"""The library as a Qt table: one row per prompt, filtered and sorted in SQL by the service."""

from __future__ import annotations

import enum
from typing import Any

from PySide6.QtCore import QAbstractTableModel, QModelIndex, QObject, QPersistentModelIndex, Qt

from moderator_app.gui.prompts_words import kind_name
from moderator_app.services.prompts import PromptFilter, PromptService, PromptSummary

ID_ROLE = Qt.ItemDataRole.UserRole + 1

Index = QModelIndex | QPersistentModelIndex


class Column(enum.IntEnum):
    TITLE = 0
    KIND = 1
    USES = 2
    LEARNERS = 3
    REPLIES = 4
    LANGUAGES = 5
    TAGS = 6


FIGURES = (Column.USES, Column.LEARNERS, Column.REPLIES)


class PromptTableModel(QAbstractTableModel):
    def __init__(self, service: PromptService, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._service = service
        self._rows: list[PromptSummary] = []
        self.filter = PromptFilter()
        self.show_lang = "en"

    def reload(self, flt: PromptFilter | None = None, show_lang: str | None = None) -> None:
        self.beginResetModel()
        if flt is not None:
            self.filter = flt
        if show_lang is not None:
            self.show_lang = show_lang
        self._rows = self._service.library(self.filter, self.show_lang)
        self.endResetModel()

    def summary(self, row: int) -> PromptSummary | None:
        return self._rows[row] if 0 <= row < len(self._rows) else None

    def row_of(self, prompt_id: str) -> int:
        for row, summary in enumerate(self._rows):
            if summary.id == prompt_id:
                return row
        return -1

    def rowCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(self._rows)

    def columnCount(self, parent: Index = QModelIndex()) -> int:  # noqa: B008
        return 0 if parent.isValid() else len(Column)

    def headerData(self, section: int, orientation: Qt.Orientation, role: int = 0) -> Any:
        if orientation != Qt.Orientation.Horizontal or role != Qt.ItemDataRole.DisplayRole:
            return None
        return {
            Column.TITLE: self.tr("Title"),
            Column.KIND: self.tr("Kind"),
            Column.LANGUAGES: self.tr("Languages"),
            Column.TAGS: self.tr("Tags"),
            Column.USES: self.tr("Uses"),
            Column.LEARNERS: self.tr("Learners in 72 h"),
            Column.REPLIES: self.tr("Replies in 72 h"),
        }.get(Column(section))

    def data(self, index: Index, role: int = Qt.ItemDataRole.DisplayRole) -> Any:
        if not index.isValid() or not 0 <= index.row() < len(self._rows):
            return None
        p = self._rows[index.row()]
        if role == ID_ROLE:
            return p.id
        column = Column(index.column())
        if role == Qt.ItemDataRole.DisplayRole:
            return self._display(p, column)
        if role == Qt.ItemDataRole.ToolTipRole and column in (Column.LEARNERS, Column.REPLIES):
            return self.tr("Average per posted use, counted from synced posts by learners.")
        if role == Qt.ItemDataRole.TextAlignmentRole and column in FIGURES:
            return int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter)
        if role == Qt.ItemDataRole.FontRole and p.archived:
            from PySide6.QtGui import QFont

            font = QFont()
            font.setItalic(True)
            return font
        return None

    def _display(self, p: PromptSummary, column: Column) -> str:
        if column == Column.TITLE:
            return p.title + (self.tr(" (archived)") if p.archived else "")
        if column == Column.KIND:
            return kind_name(p.kind)
        if column == Column.LANGUAGES:
            return " ".join(lang.upper() for lang in p.languages)
        if column == Column.TAGS:
            return ", ".join(p.tags)
        if column == Column.USES:
            return str(p.uses)
        value = p.avg_learners_72h if column == Column.LEARNERS else p.avg_replies_72h
        return "–" if value is None else f"{value:.1f}"
