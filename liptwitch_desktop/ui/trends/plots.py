"""The stack of day plots sharing one date axis: pan or zoom one and all follow.

Built once; `set_data` swaps the arrays in (cheap enough for ten years of days), and a range
switch only moves the view. Lines use clip-to-view and automatic peak downsampling so years of
data draw no more points than the screen has pixels.
"""

from __future__ import annotations

import math
from datetime import date, timedelta

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, QPointF, QRectF, Qt, Signal
from PySide6.QtGui import QBrush, QKeyEvent, QPen
from PySide6.QtWidgets import QWidget

from ..event_guard import CtrlWheelZooms
from .data import DAY_SECONDS, EPOCH, TrendsData, day_x
from .events import EventMarks
from .lane import set_gappy, whole_ticks
from .style import PlotStyle

HALF_DAY = DAY_SECONDS / 2
# Beyond this many days in view, a day is under 3 pixels wide: markers would only be noise.
MARKER_MAX_DAYS = 400
# The wheel's zoom: a few days to more than any log's "All", a month past the last day.
MIN_VISIBLE_DAYS, MAX_VISIBLE_DAYS, ZOOM_MARGIN_DAYS = 3, 40 * 366, 31


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendsPlots", text)


class Lane:
    """One plot of the stack: title, left axis, view and date axis.

    Built from pyqtgraph's parts rather than `PlotItem`, which also builds a settings form
    and context menus for every plot (about 20 ms each) that this page never shows.
    """

    def __init__(self, layout: pg.GraphicsLayout, row: int, title: str, show_dates: bool) -> None:
        sub = layout.addLayout(row=row, col=0)
        sub.setContentsMargins(0, 0, 0, 0)
        sub.setSpacing(0)
        self.titleLabel = pg.LabelItem(title, size="9pt")
        self.vb = pg.ViewBox(enableMenu=False)
        self.vb.setMouseEnabled(x=True, y=False)
        self.left = pg.AxisItem("left")
        self.left.linkToView(self.vb)
        self.left.setWidth(84)
        self.bottom = pg.DateAxisItem("bottom", utcOffset=0)
        self.bottom.linkToView(self.vb)
        sub.addItem(self.titleLabel, row=0, col=1)
        sub.addItem(self.left, row=1, col=0)
        sub.addItem(self.vb, row=1, col=1)
        # Only the first and the lowest plot show dates: the others share their x axis, and
        # working out date ticks for every axis costs a good part of each repaint.
        if show_dates:
            sub.addItem(self.bottom, row=2, col=1)
        self.layout = sub

    def getViewBox(self) -> pg.ViewBox:
        return self.vb

    def getAxis(self, name: str) -> pg.AxisItem:
        return self.left if name == "left" else self.bottom

    def addItem(self, item: pg.GraphicsObject, ignoreBounds: bool = False) -> None:
        self.vb.addItem(item, ignoreBounds=ignoreBounds)

    def setYRange(self, low: float, high: float, padding: float = 0.0) -> None:
        self.vb.setYRange(low, high, padding=padding)

    def sceneBoundingRect(self) -> QRectF:
        return self.vb.sceneBoundingRect()

    def showGrid(self, alpha: float) -> None:
        self.left.setGrid(int(alpha * 255))


class PlotStack(CtrlWheelZooms, pg.GraphicsLayoutWidget):  # the wheel scrolls the page
    """Episodes, intensity, caffeine, sleep, stress, and magnesium/food marks by day."""

    day_hovered = Signal(object)  # the hovered date, or None

    KEYS = ("episodes", "events", "intensity", "caffeine", "sleep", "stress", "marks")

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.setAccessibleName(_tr("Daily trend plots"))
        self.setAccessibleDescription(
            _tr("Left and right arrows move the highlighted day; its values appear below.")
        )
        self.data: TrendsData | None = None
        self.cursor_day: date | None = None
        self.empty_plots: list[str] = []
        self._episodes = np.zeros(0)
        self._caffeine = np.zeros(0)
        self._sleep = np.zeros(0)
        self._first_x = 0.0
        titles = {
            "episodes": _tr("Twitches per day (bars) and 7-day mean (line)"),
            "events": _tr(
                "Events: medicine ▲ started ▼ stopped · ◆ symptom check · recovery plan ★ ■"
            ),
            "intensity": _tr("Mean intensity (1-10)"),
            "caffeine": _tr("Caffeine, mg per day (dashed: daily limit; dotted: your target)"),
            "sleep": _tr("Sleep, hours (dotted: 7 h)"),
            "stress": _tr("Stress, 0-10 (dotted: 7)"),
            "marks": _tr("Magnesium taken (●) and trigger foods (✕)"),
        }
        self.titles = titles
        self.plots: dict[str, Lane] = {}
        for row, key in enumerate(self.KEYS):
            # Dates under the first plot too: the lowest one is often scrolled out of sight.
            show_dates = key in (self.KEYS[0], self.KEYS[-1])
            lane = Lane(self.ci, row, titles[key], show_dates=show_dates)
            if row:
                lane.vb.setXLink(self.plots[self.KEYS[0]].vb)
            self.plots[key] = lane
        # Twitches get the most room; the events lane enough for its three labelled rows.
        stretch = {"episodes": 4, "events": 3}
        for row, key in enumerate(self.KEYS):
            self.ci.layout.setRowStretchFactor(row, stretch.get(key, 2))
        # y follows what is visible, set in the same step as x so a pan or a range switch
        # paints once (pyqtgraph's auto-visible range repaints a second time).
        self.plots[self.KEYS[0]].vb.sigXRangeChanged.connect(self._fit_y)

        self.episode_bars = pg.BarGraphItem(x=[], height=[], width=DAY_SECONDS * 0.8)
        self.rolling = pg.PlotDataItem()
        self.intensity = pg.PlotDataItem()
        self.caffeine_bars = pg.BarGraphItem(x=[], height=[], width=DAY_SECONDS * 0.8)
        self.limit_line = pg.InfiniteLine(angle=0, movable=False)
        self.target_line = pg.InfiniteLine(angle=0, movable=False)
        self.sleep = pg.PlotDataItem()
        self.sleep_ref = pg.InfiniteLine(pos=7, angle=0, movable=False)
        self.stress = pg.PlotDataItem()
        self.stress_ref = pg.InfiniteLine(pos=7, angle=0, movable=False)
        self.magnesium = pg.ScatterPlotItem()
        self.foods = pg.ScatterPlotItem()
        # Lines are clipped to the view and downsampled to the screen's pixels. Each daily
        # line also has a marker per day (a day with no neighbour would not show otherwise),
        # kept in its own scatter item so that it can simply be hidden when the view spans so
        # many days that markers would only be noise (and slow to draw).
        self.intensity_marks = pg.ScatterPlotItem()
        self.sleep_marks = pg.ScatterPlotItem()
        self.stress_marks = pg.ScatterPlotItem()
        self.marker_items = {
            "o": (self.intensity, self.intensity_marks),
            "s": (self.sleep, self.sleep_marks),
            "t": (self.stress, self.stress_marks),
        }
        for item in (self.rolling, self.intensity, self.sleep, self.stress):
            item.setDownsampling(auto=True, method="peak")
            item.setClipToView(True)

        p = self.plots
        p["episodes"].addItem(self.episode_bars)
        p["episodes"].addItem(self.rolling)
        p["intensity"].addItem(self.intensity)
        p["intensity"].addItem(self.intensity_marks)
        p["sleep"].addItem(self.sleep_marks)
        p["stress"].addItem(self.stress_marks)
        p["caffeine"].addItem(self.caffeine_bars)
        p["caffeine"].addItem(self.limit_line, ignoreBounds=True)
        p["caffeine"].addItem(self.target_line, ignoreBounds=True)
        p["sleep"].addItem(self.sleep)
        p["sleep"].addItem(self.sleep_ref, ignoreBounds=True)
        p["stress"].addItem(self.stress)
        p["stress"].addItem(self.stress_ref, ignoreBounds=True)
        p["marks"].addItem(self.magnesium)
        p["marks"].addItem(self.foods)
        p["marks"].getAxis("left").setTicks([[(1, _tr("Magnesium")), (0, _tr("Food"))]])
        for lane in p.values():
            lane.vb.disableAutoRange()
        p["intensity"].setYRange(0, 10.5)
        p["stress"].setYRange(0, 10.5)
        p["marks"].setYRange(-0.6, 1.6)
        self.event_marks = EventMarks(p["events"])

        self.cursor_lines: list[pg.InfiniteLine] = []
        for plot in p.values():
            line = pg.InfiniteLine(angle=90, movable=False)
            line.setVisible(False)
            plot.addItem(line, ignoreBounds=True)
            self.cursor_lines.append(line)
        self.scene().sigMouseMoved.connect(self._on_mouse_moved)

    # --- style --------------------------------------------------------------------------

    def apply_style(self, style: PlotStyle) -> None:
        self.setBackground(style.background)
        fg = style.foreground
        for key, plot in self.plots.items():
            for name in ("left", "bottom"):
                axis = plot.getAxis(name)
                axis.setPen(fg)
                axis.setTextPen(fg)
            plot.titleLabel.setText(self.titles[key], color=fg.name(), size="9pt")
            plot.showGrid(style.grid_alpha)

        self.event_marks.apply_style(style)
        self.episode_bars.setOpts(brush=QBrush(style.episodes), pen=pg.mkPen(style.episodes))
        self.rolling.setPen(pg.mkPen(style.rolling, width=2))
        # One series per plot, so solid lines read without colour; dashes on long paths are
        # also very slow to draw in Qt.
        self.intensity.setPen(pg.mkPen(style.intensity, width=1.5))
        self.caffeine_bars.setOpts(
            brush=QBrush(style.caffeine, Qt.BrushStyle.Dense4Pattern), pen=pg.mkPen(style.caffeine)
        )
        self.limit_line.setPen(pg.mkPen(style.limit, width=2, style=Qt.PenStyle.DashLine))
        self.target_line.setPen(pg.mkPen(fg, width=1.5, style=Qt.PenStyle.DotLine))
        self.sleep.setPen(pg.mkPen(style.sleep, width=1.5))
        self.stress.setPen(pg.mkPen(style.stress, width=1.5))
        for symbol, (_line, marks) in self.marker_items.items():
            colour = {"o": style.intensity, "s": style.sleep, "t": style.stress}[symbol]
            marks.setSymbol(symbol)
            marks.setSize(6 if symbol == "t" else 5)
            marks.setBrush(QBrush(colour))
            marks.setPen(pg.mkPen(colour))
        ref = pg.mkPen(fg, width=1, style=Qt.PenStyle.DotLine)
        self.sleep_ref.setPen(ref)
        self.stress_ref.setPen(ref)
        self.magnesium.setSymbol("o")
        self.magnesium.setSize(7)
        self.magnesium.setBrush(QBrush(style.magnesium))
        self.magnesium.setPen(pg.mkPen(style.magnesium))
        self.foods.setSymbol("x")
        self.foods.setSize(9)
        self.foods.setBrush(QBrush(style.food))
        self.foods.setPen(pg.mkPen(style.food))
        cursor = QPen(fg)
        cursor.setStyle(Qt.PenStyle.DotLine)
        for line in self.cursor_lines:
            line.setPen(cursor)

    # --- data ---------------------------------------------------------------------------

    def set_data(self, data: TrendsData) -> None:
        self.data = data
        days = data.days
        xs = np.array([day_x(d.day) for d in days], dtype=float)
        centres = xs + HALF_DAY
        episodes = np.array([d.episodes for d in days], dtype=float)
        self.episode_bars.setOpts(x=centres, height=episodes)
        set_gappy(self.rolling, centres, data.episodes_rolling())
        set_gappy(self.intensity, centres, [d.mean_intensity for d in days], self.intensity_marks)
        caffeine = np.array([d.caffeine_mg for d in days], dtype=float)
        self.caffeine_bars.setOpts(x=centres, height=caffeine)
        self.limit_line.setPos(data.caffeine_limit_mg)
        self.target_line.setPos(data.caffeine_target_mg)
        set_gappy(self.sleep, centres, [d.sleep_hours for d in days], self.sleep_marks)
        stress = [None if d.stress is None else float(d.stress) for d in days]
        set_gappy(self.stress, centres, stress, self.stress_marks)
        mg = centres[[d.magnesium_mg > 0 for d in days]] if len(days) else centres
        self.magnesium.setData(x=mg, y=np.ones(len(mg)))
        food = centres[[bool(d.trigger_foods) for d in days]] if len(days) else centres
        self.foods.setData(x=food, y=np.zeros(len(food)))
        self.event_marks.set_events(data.events)
        self._episodes = episodes
        self._caffeine = caffeine
        self._sleep = np.array(
            [math.nan if d.sleep_hours is None else d.sleep_hours for d in days], dtype=float
        )
        self._first_x = xs[0] if len(xs) else 0.0
        self._fit_y()
        self._mark_empty(data)

    def _limit_zoom(self, last: date) -> None:
        """Unlimited, the wheel zoomed out until the date axis lost its labels (review 16/17,
        finding 18). Set with a range, so the view is already where the limits keep it."""
        end = day_x(last) + ZOOM_MARGIN_DAYS * DAY_SECONDS
        for lane in self.plots.values():
            lane.vb.setLimits(
                xMax=end,
                minXRange=MIN_VISIBLE_DAYS * DAY_SECONDS,
                maxXRange=MAX_VISIBLE_DAYS * DAY_SECONDS,
            )

    def _mark_empty(self, data: TrendsData) -> None:
        days = data.days
        hints = {
            "episodes": (
                any(d.episodes for d in days),
                _tr("log a twitch when it happens to see this"),
            ),
            "events": (
                bool(data.events),
                _tr("add a medicine or check your symptoms to see this"),
            ),
            "intensity": (
                any(d.mean_intensity is not None for d in days),
                _tr("log twitches with their intensity to see this"),
            ),
            "caffeine": (
                any(d.caffeine_mg > 0 for d in days),
                _tr("log your coffee, tea and other drinks to see this"),
            ),
            "sleep": (
                any(d.sleep_hours is not None for d in days),
                _tr("fill in the daily check-in with your sleep to see this"),
            ),
            "stress": (
                any(d.stress is not None for d in days),
                _tr("fill in the daily check-in with your stress to see this"),
            ),
            "marks": (
                any(d.magnesium_mg > 0 or d.trigger_foods for d in days),
                _tr("log magnesium and foods you suspect to see this"),
            ),
        }
        self.empty_plots = []
        for key, (has_data, hint) in hints.items():
            title = (
                self.titles[key]
                if has_data
                else f"{self.titles[key]} — {_tr('nothing yet:')} {hint}"
            )
            if not has_data:
                self.empty_plots.append(key)
            color = self.plots[key].getAxis("left").textPen().color().name()
            self.plots[key].titleLabel.setText(title, color=color, size="9pt")

    # --- range and cursor ---------------------------------------------------------------

    def _fit_y(self, *_args: object) -> None:
        """Fit the y axes of the count and amount plots to the days in view."""
        if self.data is None or not len(self._episodes):
            return
        x0, x1 = self.x_range()
        i0 = max(0, int((x0 - self._first_x) // DAY_SECONDS))
        i1 = min(len(self._episodes), int((x1 - self._first_x) // DAY_SECONDS) + 1)
        if i1 <= i0:
            return
        show_marks = (x1 - x0) / DAY_SECONDS <= MARKER_MAX_DAYS
        for _line, marks in self.marker_items.values():
            if marks.isVisible() != show_marks:
                marks.setVisible(show_marks)
        top = float(self._episodes[i0:i1].max())
        self.plots["episodes"].setYRange(0, max(top, 1.0) * 1.08)
        whole_ticks(self.plots["episodes"].getAxis("left"), max(top, 1.0))
        # The caffeine axis always shows the limit, so the bars are read against it.
        top = max(float(self._caffeine[i0:i1].max()), self.data.caffeine_limit_mg)
        self.plots["caffeine"].setYRange(0, top * 1.08)
        sleep = self._sleep[i0:i1]
        sleep = sleep[~np.isnan(sleep)]
        low = min(float(sleep.min()), 5.0) if len(sleep) else 5.0
        high = max(float(sleep.max()), 9.0) if len(sleep) else 9.0
        self.plots["sleep"].setYRange(low - 0.5, high + 0.5)

    def set_day_range(self, first: date, last: date) -> None:
        self.plots["episodes"].vb.setXRange(day_x(first), day_x(last) + DAY_SECONDS, padding=0.01)
        self._limit_zoom(last)

    def x_range(self) -> tuple[float, float]:
        (x0, x1), _ = self.plots["episodes"].vb.viewRange()
        return x0, x1

    def set_cursor(self, day: date | None) -> None:
        self.cursor_day = day
        for line in self.cursor_lines:
            line.setVisible(day is not None)
            if day is not None:
                line.setPos(day_x(day) + HALF_DAY)
        self.day_hovered.emit(day)

    def _on_mouse_moved(self, pos: QPointF) -> None:
        if self.data is None or not self.data.days:
            return
        for plot in self.plots.values():
            if plot.sceneBoundingRect().contains(pos):
                x = plot.getViewBox().mapSceneToView(pos).x()
                day = EPOCH + timedelta(days=math.floor(x / DAY_SECONDS))
                if self.data.days[0].day <= day <= self.data.days[-1].day:
                    self.set_cursor(day)
                return

    def keyPressEvent(self, event: QKeyEvent) -> None:
        step = {Qt.Key.Key_Left: -1, Qt.Key.Key_Right: 1}.get(Qt.Key(event.key()))
        if step is None or self.data is None or not self.data.days:
            super().keyPressEvent(event)
            return
        first, last = self.data.days[0].day, self.data.days[-1].day
        if self.cursor_day is None:
            x0, x1 = self.x_range()
            mid = EPOCH + timedelta(days=math.floor((x0 + x1) / 2 / DAY_SECONDS))
            day = min(max(mid, first), last)
        else:
            day = min(max(self.cursor_day + timedelta(days=step), first), last)
        self.set_cursor(day)
        x0, x1 = self.x_range()
        x = day_x(day)
        if not x0 <= x <= x1:
            width = x1 - x0
            self.plots["episodes"].vb.setXRange(x - width / 2, x + width / 2, padding=0)
        event.accept()
