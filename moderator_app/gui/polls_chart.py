"""A horizontal bar chart of a poll's counts, painted with QPainter.

Colours come from the widget's palette (Highlight for bars, Text for labels, Base for
the track), so the chart is readable in light and dark themes alike without a chart
module. Each bar's label says the option, the count and the percentage: the numbers
are in the text, so the chart is never colour-only.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

from PySide6.QtCore import QRectF, QSize, Qt
from PySide6.QtGui import QColor, QPainter, QPaintEvent, QPalette
from PySide6.QtWidgets import QSizePolicy, QWidget

BAR_HEIGHT = 22
GAP = 10
MARGIN = 8


@dataclass(frozen=True)
class Bar:
    label: str
    count: int
    percentage: float


def contrast_ratio(a: QColor, b: QColor) -> float:
    """WCAG contrast ratio of two colours (1.0 .. 21.0)."""

    def luminance(c: QColor) -> float:
        def channel(v: float) -> float:
            return v / 12.92 if v <= 0.03928 else ((v + 0.055) / 1.055) ** 2.4

        return (
            0.2126 * channel(c.redF()) + 0.7152 * channel(c.greenF()) + 0.0722 * channel(c.blueF())
        )

    hi, lo = sorted((luminance(a), luminance(b)), reverse=True)
    return (hi + 0.05) / (lo + 0.05)


class BarChart(QWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setObjectName("pollChart")
        self._bars: tuple[Bar, ...] = ()
        self.setSizePolicy(QSizePolicy.Policy.Expanding, QSizePolicy.Policy.Minimum)
        self.setAccessibleName(self.tr("Results chart"))

    def set_bars(self, bars: Sequence[Bar]) -> None:
        self._bars = tuple(bars)
        self.setAccessibleDescription(
            "; ".join(self.label_for(bar) for bar in self._bars) or self.tr("No answers yet")
        )
        self.updateGeometry()
        self.update()

    def bars(self) -> tuple[Bar, ...]:
        return self._bars

    def label_for(self, bar: Bar) -> str:
        return (
            self.tr("%1: %2 (%3%)")
            .replace("%1", bar.label)
            .replace("%2", str(bar.count))
            .replace("%3", f"{bar.percentage:.0f}")
        )

    def colours(self) -> dict[str, QColor]:
        """The palette roles the chart paints with (tests check their contrast)."""
        palette = self.palette()
        return {
            "bar": palette.color(QPalette.ColorRole.Highlight),
            "track": palette.color(QPalette.ColorRole.AlternateBase),
            "text": palette.color(QPalette.ColorRole.WindowText),
            "background": palette.color(QPalette.ColorRole.Window),
        }

    def sizeHint(self) -> QSize:
        rows = max(1, len(self._bars))
        line = self.fontMetrics().height()
        return QSize(360, 2 * MARGIN + rows * (line + BAR_HEIGHT + GAP))

    def minimumSizeHint(self) -> QSize:
        return QSize(160, self.sizeHint().height())

    def bar_rects(self) -> list[QRectF]:
        """Where each bar is drawn (its filled part), for painting and for tests."""
        width = max(0.0, float(self.width() - 2 * MARGIN))
        line = self.fontMetrics().height()
        rects = []
        y = float(MARGIN)
        for bar in self._bars:
            y += line + 2
            # The full track is 100%: the bar is the share its label states.
            filled = width * min(max(bar.percentage, 0.0), 100.0) / 100.0
            rects.append(QRectF(MARGIN, y, filled, BAR_HEIGHT))
            y += BAR_HEIGHT + GAP - 2
        return rects

    def paintEvent(self, event: QPaintEvent) -> None:  # noqa: N802 - Qt's name
        c = self.colours()
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        painter.fillRect(self.rect(), c["background"])
        line = self.fontMetrics().height()
        width = float(self.width() - 2 * MARGIN)
        if not self._bars:
            painter.setPen(c["text"])
            painter.drawText(self.rect(), Qt.AlignmentFlag.AlignCenter, self.tr("No options"))
            painter.end()
            return
        for bar, rect in zip(self._bars, self.bar_rects(), strict=True):
            label_rect = QRectF(MARGIN, rect.top() - line - 2, width, line)
            painter.setPen(c["text"])
            elided = self.fontMetrics().elidedText(
                self.label_for(bar), Qt.TextElideMode.ElideMiddle, int(width)
            )
            painter.drawText(label_rect, Qt.AlignmentFlag.AlignLeft, elided)
            painter.fillRect(QRectF(MARGIN, rect.top(), width, BAR_HEIGHT), c["track"])
            painter.fillRect(rect, c["bar"])
        painter.end()
