"""A poll's results: the bar chart, learners who answered out of those enrolled, who
chose what (only when the poll publishes names), refresh and CSV export."""

from __future__ import annotations

from pathlib import Path

from PySide6.QtCore import QCoreApplication, Qt, Signal
from PySide6.QtWidgets import (
    QFileDialog,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QSizePolicy,
    QTreeWidget,
    QTreeWidgetItem,
    QVBoxLayout,
    QWidget,
)

from moderator_app.gui.dates import format_datetime
from moderator_app.gui.polls_chart import Bar, BarChart
from moderator_app.gui.polls_words import status_text
from moderator_app.services.poll_io import results_csv
from moderator_app.services.poll_results import PollResults


class ResultsView(QWidget):
    refresh_requested = Signal(int)  # choice id
    exported = Signal(str)  # the path written

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollResults")
        self.results: PollResults | None = None
        layout = QVBoxLayout(self)
        self.title = QLabel()
        self.title.setTextFormat(Qt.TextFormat.PlainText)
        self.title.setWordWrap(True)
        font = self.title.font()
        font.setPointSizeF(font.pointSizeF() * 1.25)
        font.setBold(True)
        self.title.setFont(font)
        layout.addWidget(self.title)
        self.summary = QLabel()
        self.summary.setObjectName("resultsSummary")
        self.summary.setWordWrap(True)
        layout.addWidget(self.summary)
        self.chart = BarChart(self)
        layout.addWidget(self.chart)
        self.names_note = QLabel()
        self.names_note.setWordWrap(True)
        layout.addWidget(self.names_note)
        self.names = QTreeWidget(self)
        self.names.setObjectName("resultsNames")
        self.names.setHeaderLabels([self.tr("Option / learner"), self.tr("Answered at")])
        self.names.setAccessibleName(self.tr("Who chose what"))
        layout.addWidget(self.names, 1)
        # Takes the spare height when there is no names list, so the rest stays on top.
        self.filler = QWidget(self)
        self.filler.setSizePolicy(QSizePolicy.Policy.Preferred, QSizePolicy.Policy.Expanding)
        layout.addWidget(self.filler, 1)
        buttons = QHBoxLayout()
        self.refresh_button = QPushButton(self.tr("&Refresh results"))
        self.refresh_button.clicked.connect(self._on_refresh)
        self.export_button = QPushButton(self.tr("Export as &CSV…"))
        self.export_button.clicked.connect(self.export_csv)
        buttons.addWidget(self.refresh_button)
        buttons.addStretch(1)
        buttons.addWidget(self.export_button)
        layout.addLayout(buttons)

    def show_results(self, results: PollResults) -> None:
        self.results = results
        self.title.setText(results.name)
        self.chart.set_bars([Bar(o.text, o.count, o.percentage) for o in results.options])
        self.summary.setText(self._summary(results))
        self.names.clear()
        self.names.setVisible(results.names_visible)
        self.filler.setVisible(not results.names_visible)
        if results.names_visible:
            self.names_note.setText("")
            for option in results.options:
                parent = QTreeWidgetItem([f"{option.text} ({option.count})", ""])
                self.names.addTopLevelItem(parent)
                for person in option.responses:
                    at = format_datetime(person.time_modified)
                    parent.addChild(QTreeWidgetItem([person.fullname, at]))
            self.names.expandAll()
            self.names.resizeColumnToContents(0)
        else:
            self.names_note.setText(
                self.tr(
                    "Names are not shown: the poll is anonymous or the site does not show "
                    "them to you."
                )
            )
        self.export_button.setEnabled(bool(results.options))

    def _summary(self, results: PollResults) -> str:
        parts = [status_text(results.status)]
        if results.answered is None:
            parts.append(
                self.tr(
                    "%1 answers (learners may pick several; anonymous, so how many "
                    "learners answered is not known); %2 learners enrolled"
                )
                .replace("%1", str(results.total_answers))
                .replace("%2", str(results.enrolled))
            )
        else:
            parts.append(
                self.tr("%1 of %2 learners answered")
                .replace("%1", str(results.answered))
                .replace("%2", str(results.enrolled))
            )
        if results.fetched_at:
            when = format_datetime(results.fetched_at)
            parts.append(self.tr("as of %1").replace("%1", when))
        else:
            parts.append(self.tr("results not fetched yet: refresh or sync"))
        return " · ".join(parts)

    def _on_refresh(self) -> None:
        if self.results is not None:
            self.refresh_requested.emit(self.results.choice_id)

    @classmethod
    def ask_save_path(cls, parent: QWidget, suggested: str) -> str:
        """The file to write; tests replace this classmethod instead of a dialog."""
        path, _filter = QFileDialog.getSaveFileName(
            parent,
            QCoreApplication.translate("ResultsView", "Export results"),
            suggested,
            QCoreApplication.translate("ResultsView", "CSV files (*.csv)"),
        )
        return path

    def export_csv(self) -> None:
        if self.results is None:
            return
        path = self.ask_save_path(self, f"poll-{self.results.choice_id}-results.csv")
        if not path:
            return
        # utf-8-sig so spreadsheet programs read accents in names and options correctly.
        Path(path).write_text(results_csv(self.results), encoding="utf-8-sig", newline="")
        self.exported.emit(path)
