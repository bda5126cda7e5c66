"""The Today page's caffeine card: the day's total against the limit (a bar that turns amber
near it and red over it, with words that say so too), and the caffeine in the body now and
expected at bedtime as a small curve.

The model is the one the late-drink reminders use (core/caffeine.py: a cautious 5-hour
half-life by default, from Settings). The curve is painted with QPainter, not pyqtgraph: it
is on the first frame, and pyqtgraph (with numpy) costs a third of a second to import.
"""

from __future__ import annotations

from datetime import datetime, time, timedelta, tzinfo

from PySide6.QtCore import QPointF, QRectF
from PySide6.QtGui import QColor, QPainter, QPainterPath, QPaintEvent, QPalette, QPen
from PySide6.QtWidgets import QFrame, QLabel, QProgressBar, QVBoxLayout, QWidget

from ..core.caffeine import (
    CaffeineDose,
    LimitLevel,
    bedtime_instant,
    body_curve,
    caffeine_remaining_at,
    limit_level,
)
from ..core.entries import TodaySummary
from ..store.settings import get_setting, get_time

# Okabe-Ito orange and vermillion: amber near the limit, red over it.
LEVEL_COLOURS = {LimitLevel.NEAR: QColor("#E69F00"), LimitLevel.OVER: QColor("#D55E00")}


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


class CaffeineCard(QFrame):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFrameShape(QFrame.Shape.StyledPanel)
        layout = QVBoxLayout(self)
        heading = QLabel(self.tr("Caffeine today"))
        font = heading.font()
        font.setBold(True)
        heading.setFont(font)
        self.body = QLabel()
        self.body.setWordWrap(True)
        self.bar = QProgressBar()
        self.bar.setTextVisible(False)
        self.bar.setAccessibleName(self.tr("Caffeine against the daily limit"))
        self.body_now = QLabel()
        self.body_now.setWordWrap(True)
        self.curve = CaffeineCurve()
        layout.addWidget(heading)
        layout.addWidget(self.body)
        layout.addWidget(self.bar)
        layout.addWidget(self.body_now)
        layout.addWidget(self.curve)
        self.level = LimitLevel.OK
        self.now_mg = 0.0
        self.bedtime_mg: float | None = None
        self._bar_palette = QPalette(self.bar.palette())

    def show_day(self, summary: TodaySummary, now: datetime, zone: tzinfo, day_start: time) -> None:
        limit = int(get_setting("caffeine_limit_mg"))
        target = int(get_setting("caffeine_target_mg"))
        half_life = float(get_setting("caffeine_half_life_h"))
        bedtime = get_time("bedtime")
        mg = round(summary.caffeine_mg)
        self.level = limit_level(mg, limit)
        text = (
            self.tr("%1 mg of your %2 mg daily limit")
            .replace("%1", f"{mg:,}")
            .replace("%2", f"{limit:,}")
        )
        if self.level is LimitLevel.OVER:
            text = "⚠ " + text + self.tr(" — over the limit")
        elif self.level is LimitLevel.NEAR:
            text += self.tr(" — near the limit")
        elif mg > target:
            text += self.tr(" (above your own target of %1 mg)").replace("%1", str(target))
        if summary.drinks:
            text += "\n" + ", ".join(
                f"{d.taken_at.astimezone(zone).strftime('%H:%M')} {d.label}" for d in summary.drinks
            )
        self.body.setText(text)
        self.bar.setRange(0, max(limit, 1))
        self.bar.setValue(min(mg, limit))
        # Colour as well as words: the bar's fill follows the level.
        palette = QPalette(self._bar_palette)
        colour = LEVEL_COLOURS.get(self.level)
        if colour is not None:
            palette.setColor(QPalette.ColorRole.Highlight, colour)
        self.bar.setPalette(palette)
        self._show_body(summary, now, zone, day_start, bedtime, half_life)

    def _show_body(
        self,
        summary: TodaySummary,
        now: datetime,
        zone: tzinfo,
        day_start: time,
        bedtime: time,
        half_life: float,
    ) -> None:
        doses = [CaffeineDose(d.taken_at, d.caffeine_mg or 0.0) for d in summary.drinks]
        doses = [d for d in doses if d.caffeine_mg > 0]
        if not doses:
            self.now_mg, self.bedtime_mg = 0.0, None
            self.body_now.setText(self.tr("No caffeine in your body from today's drinks."))
            self.curve.setVisible(False)
            return
        bed_at = bedtime_instant(summary.day, bedtime, zone, day_start)
        self.now_mg = caffeine_remaining_at(doses, now, half_life)
        clock = bedtime.strftime("%H:%M")
        if bed_at > now:
            self.bedtime_mg = caffeine_remaining_at(doses, bed_at, half_life)
            words = (
                self.tr("In your body now: about %1 mg. Expected at bedtime (%2): about %3 mg.")
                .replace("%1", f"{self.now_mg:,.0f}")
                .replace("%2", clock)
                .replace("%3", f"{self.bedtime_mg:,.0f}")
            )
        else:
            self.bedtime_mg = None
            words = self.tr("In your body now: about %1 mg.").replace("%1", f"{self.now_mg:,.0f}")
        self.body_now.setText(words)
        first = min(d.taken_at for d in doses)
        start = min(first, now) - timedelta(minutes=30)
        end = max(bed_at, now) + timedelta(minutes=30)
        span = (end - start).total_seconds()
        points = [
            ((t - start).total_seconds() / span, value)
            for t, value in body_curve(doses, start, end, half_life_h=half_life)
        ]
        self.curve.set_curve(
            points,
            (now - start).total_seconds() / span,
            (bed_at - start).total_seconds() / span if bed_at > now else None,
            self.tr("now"),
            self.tr("bedtime %1").replace("%1", clock),
        )
        self.curve.setAccessibleName(words)
        self.curve.setVisible(True)
