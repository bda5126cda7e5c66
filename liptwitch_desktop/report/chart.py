"""The weekly chart (twitching days and episodes per week), painted with QPainter."""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import QPointF, QRectF, Qt
from PySide6.QtGui import (
    QBrush,
    QColor,
    QFontMetricsF,
    QPainter,
    QPainterPath,
    QPen,
)

from ..core.report.data import WeekPoint
from .fonts import device_font
from .words import tr


def is_partial(week: WeekPoint) -> bool:
    """A week the period cuts (its first or last): fewer than 7 days were counted."""
    return 0 < week.days < 7


def partial_pen_style(week: WeekPoint) -> Qt.PenStyle:
    return Qt.PenStyle.DashLine if is_partial(week) else Qt.PenStyle.SolidLine


def partial_label(week: WeekPoint) -> str:
    return tr("%1 of 7 days").replace("%1", str(week.days))


def draw_weekly_chart(painter: QPainter, rect: QRectF, weeks: Sequence[WeekPoint]) -> None:
    """Bars: days with twitching per week; solid line: caffeine mg/day; dashed: sleep h.

    Shapes and line styles, not only colour, tell the three series apart (and the legend
    says which is which), so the chart reads in black and white.
    """
    painter.save()
    small = device_font(painter, 7.5)
    painter.setFont(small)
    fm = QFontMetricsF(small, painter.device())
    legend_h = fm.height() + 6
    left, right, bottom = 34.0, 40.0, fm.height() + 6
    plot = QRectF(
        rect.left() + left,
        rect.top() + legend_h,
        rect.width() - left - right,
        rect.height() - legend_h - bottom,
    )
    axis_pen = QPen(QColor("#555555"), 0.6)
    painter.setPen(axis_pen)
    painter.drawRect(plot)
    n = max(1, len(weeks))
    slot = plot.width() / n

    # Left axis: twitching days per week, 0-7.
    for value in range(0, 8):
        y = plot.bottom() - plot.height() * value / 7
        painter.setPen(QPen(QColor("#dddddd"), 0.4))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(axis_pen)
        painter.drawText(
            QRectF(rect.left(), y - fm.height() / 2, left - 4, fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            str(value),
        )
    caffeine_max = max([w.caffeine_mean_mg or 0 for w in weeks] + [100.0])
    caffeine_top = 100.0 * ((caffeine_max + 99) // 100)
    sleep_top = 12.0
    for frac in (0.0, 0.5, 1.0):
        y = plot.bottom() - plot.height() * frac
        painter.drawText(
            QRectF(plot.right() + 3, y - fm.height() / 2, right - 3, fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            f"{caffeine_top * frac:.0f}",
        )

    bar_brush = QBrush(QColor("#8fb3d9"), Qt.BrushStyle.SolidPattern)
    partial_brush = QBrush(QColor("#8fb3d9"), Qt.BrushStyle.BDiagPattern)
    label_every = max(1, int(n / 10 + 0.999))
    for i, week in enumerate(weeks):
        x = plot.left() + slot * i
        per_week = week.twitch_days * 7 / week.days if week.days else 0
        h = plot.height() * per_week / 7
        bar = QRectF(x + slot * 0.15, plot.bottom() - h, slot * 0.7, h)
        partial = is_partial(week)
        painter.setPen(QPen(QColor("#2b5d8f"), 0.6, partial_pen_style(week)))
        painter.setBrush(partial_brush if partial else bar_brush)
        painter.drawRect(bar)
        if partial:  # said on the bar: it is a part week, scaled to seven days
            painter.setPen(axis_pen)
            painter.drawText(
                QRectF(x - slot, bar.top() - fm.height() - 1, slot * 3, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                partial_label(week),
            )
        if i % label_every == 0:
            painter.setPen(axis_pen)
            painter.drawText(
                QRectF(x - slot, plot.bottom() + 2, slot * 3, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                f"{week.start.day} {week.start:%b}",
            )
    painter.setBrush(Qt.BrushStyle.NoBrush)

    def line(values: list[float | None], top: float, pen: QPen, marker: str) -> None:
        path = QPainterPath()
        started = False
        points = []
        for i, value in enumerate(values):
            if value is None:
                started = False
                continue
            point = QPointF(
                plot.left() + slot * (i + 0.5),
                plot.bottom() - plot.height() * min(value, top) / top,
            )
            points.append(point)
            if started:
                path.lineTo(point)
            else:
                path.moveTo(point)
                started = True
        painter.setPen(pen)
        painter.drawPath(path)
        for point in points:
            if marker == "circle":
                painter.drawEllipse(point, 2.2, 2.2)
            else:
                painter.drawRect(QRectF(point.x() - 2, point.y() - 2, 4, 4))

    caffeine_pen = QPen(QColor("#b0451c"), 1.4)
    sleep_pen = QPen(QColor("#2e7d32"), 1.4, Qt.PenStyle.DashLine)
    line([w.caffeine_mean_mg for w in weeks], caffeine_top, caffeine_pen, "circle")
    line([w.sleep_mean_h for w in weeks], sleep_top, sleep_pen, "square")

    # Legend, in words.
    x = rect.left()
    y = rect.top() + legend_h / 2
    entries = [
        ("bar", tr("days with twitching per week (left, 0-7; hatched: a part week, per 7 days)")),
        ("caffeine", tr("caffeine mg/day (right, 0-%1)").replace("%1", f"{caffeine_top:.0f}")),
        ("sleep", tr("sleep h/night (0-12 h)")),
    ]
    for kind, text in entries:
        if kind == "bar":
            painter.setPen(QPen(QColor("#2b5d8f"), 0.6))
            painter.setBrush(bar_brush)
            painter.drawRect(QRectF(x, y - 4, 10, 8))
            painter.setBrush(Qt.BrushStyle.NoBrush)
        else:
            pen = caffeine_pen if kind == "caffeine" else sleep_pen
            painter.setPen(pen)
            painter.drawLine(QPointF(x, y), QPointF(x + 14, y))
        painter.setPen(axis_pen)
        painter.drawText(QPointF(x + 17, y + fm.ascent() / 2 - 1), text)
        x += 17 + fm.horizontalAdvance(text) + 14
    painter.restore()
