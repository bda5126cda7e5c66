"""The small curve of caffeine in the body on Today's caffeine card, painted with QPainter.

Built just after the first paint (ui/today_caffeine.py): the painting classes' first use costs
PySide a few milliseconds the first frame need not wait for.
"""

from __future__ import annotations

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QWidget


class CaffeineCurve(QWidget):
    """Caffeine in the body over the day: a filled curve, a line at now, a dashed one at
    bedtime. Empty (and hidden by the card) when nothing was drunk."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setMinimumHeight(64)
        self.points: list[tuple[float, float]] = []  # (0..1 across the window, mg)
        self.now_at = 0.0
        self.bed_at: float | None = None
        self.top_mg = 1.0
        self.now_word = ""
        self.bed_word = ""

    def set_curve(
        self,
        points: list[tuple[float, float]],
        now_at: float,
        bed_at: float | None,
        now_word: str,
        bed_word: str,
    ) -> None:
        self.points = points
        self.now_at = now_at
        self.bed_at = bed_at
        self.now_word = now_word
        self.bed_word = bed_word
        self.top_mg = max([mg for _x, mg in points] + [1.0])
        self.update()

    def paintEvent(self, event: QPaintEvent) -> None:
        if not self.points:
            return
        painter = QPainter(self)
        painter.setRenderHint(QPainter.RenderHint.Antialiasing)
        palette = self.palette()
        line = palette.color(QPalette.ColorRole.Highlight)
        text = palette.color(QPalette.ColorRole.WindowText)
        metrics = painter.fontMetrics()
        area = QRectF(self.rect()).adjusted(1, metrics.height() + 2, -1, -1)

        def at(x: float, mg: float) -> QPointF:
            return QPointF(
                area.left() + area.width() * x, area.bottom() - area.height() * mg / self.top_mg
            )

        path = QPainterPath(at(self.points[0][0], 0.0))
        for x, mg in self.points:
            path.lineTo(at(x, mg))
        path.lineTo(at(self.points[-1][0], 0.0))
        fill = QColor(line)
        fill.setAlpha(60)
        painter.fillPath(path, fill)
        painter.setPen(QPen(line, 1.6))
        outline = QPainterPath(at(*self.points[0]))
        for x, mg in self.points[1:]:
            outline.lineTo(at(x, mg))
        painter.drawPath(outline)
        painter.setPen(QPen(text, 0.8))
        painter.drawLine(area.bottomLeft(), area.bottomRight())
        marks = [(self.now_at, self.now_word, False)]
        if self.bed_at is not None:
            marks.append((self.bed_at, self.bed_word, True))
        for x, word, dashed in marks:
            px = area.left() + area.width() * x
            pen = QPen(text, 1.0)
            if dashed:
                pen.setDashPattern([3.0, 3.0])
            painter.setPen(pen)
            painter.drawLine(QPointF(px, area.top()), QPointF(px, area.bottom()))
            width = metrics.horizontalAdvance(word)
            left = min(max(px - width / 2, 0.0), self.width() - width)
            painter.drawText(QPointF(left, metrics.ascent()), word)
        painter.end()
