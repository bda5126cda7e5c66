"""The weekly chart, painted with QPainter: three panels on one date axis, each with one
y-axis labelled with its unit (days with twitching per week; mg of caffeine a day; hours of
sleep a night). One axis per panel: a second scale on the right was read against the first.

A week the period cuts (its first or last) is drawn as a part week: its slot shaded in every
panel, its bar hatched and scaled to seven days, and the days it holds said in words ("this
week so far: 3 of 7 days"), so it does not look like a quiet week.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass

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


def partial_notes(weeks: Sequence[WeekPoint]) -> list[str]:
    """The part weeks in words, under the chart: the first week and this week so far."""
    notes = []
    if weeks and is_partial(weeks[0]) and len(weeks) > 1:
        notes.append(tr("first week: %1").replace("%1", partial_label(weeks[0])))
    if weeks and is_partial(weeks[-1]):
        notes.append(tr("this week so far: %1").replace("%1", partial_label(weeks[-1])))
    return notes


@dataclass(frozen=True)
class Panel:
    """One panel of the chart: its one y-axis (0 to `top`, ticks, a label with the unit) and
    a value per week (None: nothing logged that week)."""

    y_label: str
    top: float
    ticks: tuple[float, ...]
    values: tuple[float | None, ...]
    bars: bool  # bars (twitching) or a line with markers (caffeine, sleep)
    share: float  # of the plots' height


def weekly_panels(weeks: Sequence[WeekPoint]) -> list[Panel]:
    per_week = tuple(w.twitch_days * 7 / w.days if w.days else 0.0 for w in weeks)
    caffeine = tuple(w.caffeine_mean_mg for w in weeks)
    caffeine_max = max([v or 0 for v in caffeine] + [100.0])
    caffeine_top = 100.0 * ((caffeine_max + 99) // 100)
    return [
        Panel(
            tr("days with twitching per week (0-7)"),
            7.0,
            tuple(range(0, 8)),
            per_week,
            True,
            0.44,
        ),
        Panel(
            tr("mg caffeine a day (weekly mean)"),
            caffeine_top,
            (0.0, caffeine_top / 2, caffeine_top),
            caffeine,
            False,
            0.28,
        ),
        Panel(
            tr("hours of sleep a night (weekly mean)"),
            12.0,
            (0.0, 6.0, 12.0),
            tuple(w.sleep_mean_h for w in weeks),
            False,
            0.28,
        ),
    ]


BAR_FILL = QColor("#8fb3d9")
BAR_EDGE = QColor("#2b5d8f")
LINE_INK = (QColor("#b0451c"), QColor("#2e7d32"))  # caffeine, sleep
PART_WEEK_SHADE = QColor("#f1f1f1")


def _tick(value: float) -> str:
    return f"{value:.0f}"


def draw_weekly_chart(painter: QPainter, rect: QRectF, weeks: Sequence[WeekPoint]) -> None:
    """The three panels, top to bottom, then the weeks' dates and the part weeks in words.

    Shapes and line styles, not only colour, tell the series apart, and each panel says in
    words what it shows, so the chart reads in black and white.
    """
    painter.save()
    small = device_font(painter, 7.5)
    painter.setFont(small)
    fm = QFontMetricsF(small, painter.device())
    panels = weekly_panels(weeks)
    notes = partial_notes(weeks)
    label_h, gap = fm.height() + 2, 5.0
    bottom = fm.height() + 4 + (fm.height() + 2 if notes else 0)
    left, right = 34.0, 8.0
    plots_h = rect.height() - bottom - len(panels) * label_h - (len(panels) - 1) * gap
    n = max(1, len(weeks))
    slot = (rect.width() - left - right) / n
    axis_pen = QPen(QColor("#555555"), 0.6)
    y = rect.top()
    plot = QRectF()
    for index, panel in enumerate(panels):
        painter.setPen(axis_pen)
        painter.drawText(
            QRectF(rect.left() + left, y, rect.width() - left, label_h),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            panel.y_label,
        )
        y += label_h
        plot = QRectF(rect.left() + left, y, rect.width() - left - right, plots_h * panel.share)
        _draw_panel(painter, plot, panel, weeks, slot, fm, index)
        y = plot.bottom() + gap

    label_every = max(1, int(n / 10 + 0.999))
    painter.setPen(axis_pen)
    for i, week in enumerate(weeks):
        if i % label_every == 0:
            x = plot.left() + slot * i
            painter.drawText(
                QRectF(x - slot, plot.bottom() + 2, slot * 3, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignTop),
                f"{week.start.day} {week.start:%b}",
            )
    if notes:
        text = tr("Shaded, hatched: a part week, its bar counted per 7 days") + " — "
        painter.drawText(
            QRectF(rect.left(), rect.bottom() - fm.height() - 1, rect.width(), fm.height()),
            int(Qt.AlignmentFlag.AlignLeft | Qt.AlignmentFlag.AlignVCenter),
            text + "; ".join(notes),
        )
    painter.restore()


def _draw_panel(
    painter: QPainter,
    plot: QRectF,
    panel: Panel,
    weeks: Sequence[WeekPoint],
    slot: float,
    fm: QFontMetricsF,
    index: int,
) -> None:
    axis_pen = QPen(QColor("#555555"), 0.6)
    for i, week in enumerate(weeks):  # part weeks shaded behind everything
        if is_partial(week):
            painter.fillRect(
                QRectF(plot.left() + slot * i, plot.top(), slot, plot.height()), PART_WEEK_SHADE
            )
    for tick in panel.ticks:
        y = plot.bottom() - plot.height() * tick / panel.top
        painter.setPen(QPen(QColor("#dddddd"), 0.4))
        painter.drawLine(QPointF(plot.left(), y), QPointF(plot.right(), y))
        painter.setPen(axis_pen)
        painter.drawText(
            QRectF(plot.left() - 34, y - fm.height() / 2, 30, fm.height()),
            int(Qt.AlignmentFlag.AlignRight | Qt.AlignmentFlag.AlignVCenter),
            _tick(tick),
        )
    painter.setPen(axis_pen)
    painter.setBrush(Qt.BrushStyle.NoBrush)
    painter.drawRect(plot)
    if panel.bars:
        _draw_bars(painter, plot, panel, weeks, slot, fm)
        return
    ink = LINE_INK[(index - 1) % len(LINE_INK)]
    pen = QPen(ink, 1.4, Qt.PenStyle.SolidLine if index == 1 else Qt.PenStyle.DashLine)
    path = QPainterPath()
    started = False
    points = []
    for i, value in enumerate(panel.values):
        if value is None:
            started = False
            continue
        point = QPointF(
            plot.left() + slot * (i + 0.5),
            plot.bottom() - plot.height() * min(value, panel.top) / panel.top,
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
        if index == 1:
            painter.drawEllipse(point, 2.2, 2.2)
        else:
            painter.drawRect(QRectF(point.x() - 2, point.y() - 2, 4, 4))
    if not points:
        painter.setPen(axis_pen)
        painter.drawText(plot, int(Qt.AlignmentFlag.AlignCenter), tr("nothing logged"))


def _draw_bars(
    painter: QPainter,
    plot: QRectF,
    panel: Panel,
    weeks: Sequence[WeekPoint],
    slot: float,
    fm: QFontMetricsF,
) -> None:
    solid = QBrush(BAR_FILL, Qt.BrushStyle.SolidPattern)
    hatched = QBrush(BAR_FILL, Qt.BrushStyle.BDiagPattern)
    for i, (week, value) in enumerate(zip(weeks, panel.values, strict=True)):
        x = plot.left() + slot * i
        h = plot.height() * (value or 0.0) / panel.top
        bar = QRectF(x + slot * 0.15, plot.bottom() - h, slot * 0.7, h)
        partial = is_partial(week)
        painter.setPen(QPen(BAR_EDGE, 0.6, partial_pen_style(week)))
        painter.setBrush(hatched if partial else solid)
        painter.drawRect(bar)
        if partial:  # said on the bar too: a part week, scaled to seven days
            painter.setPen(QPen(QColor("#555555"), 0.6))
            top = max(bar.top() - fm.height() - 1, plot.top())
            painter.drawText(
                QRectF(x - slot, top, slot * 3, fm.height()),
                int(Qt.AlignmentFlag.AlignHCenter | Qt.AlignmentFlag.AlignBottom),
                partial_label(week),
            )
    painter.setBrush(Qt.BrushStyle.NoBrush)
