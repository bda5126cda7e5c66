"""When in the day twitches come: an hour histogram, weekdays beside weekends.

Shown in whole twitches (how many started in that hour over the days in view), which is
what a person can check against their log; the title says over how many days, and the
legend how many of them were weekdays and weekend days (five to two), so the two series are
read for what they are.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from ...core.daily import HourProfile
from ..event_guard import CtrlWheelZooms
from .lane import whole_ticks
from .style import PlotStyle


def _tr(text: str, disambiguation: str = "", n: int = -1) -> str:
    return QCoreApplication.translate("TrendsHours", text, disambiguation or None, n)


def _bars(heights: np.ndarray, left: float) -> tuple[np.ndarray, np.ndarray]:
    """The outline of 24 bars 0.4 wide, starting `left` of each hour, as one filled curve."""
    hours = np.arange(24, dtype=float)
    x = np.empty(24 * 4)
    y = np.zeros(24 * 4)
    x[0::4] = x[1::4] = hours + left
    x[2::4] = x[3::4] = hours + left + 0.4
    y[1::4] = y[2::4] = heights
    return x, y


class HourView(CtrlWheelZooms, pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("Twitches by hour of day, weekdays and weekends"))
        self.setMinimumHeight(180)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        self.title = _tr("Twitches per hour of day")
        plot.setTitle(self.title, size="9pt")
        plot.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 24, 3)]])
        plot.getAxis("left").setWidth(84)
        plot.disableAutoRange()
        plot.setXRange(-0.7, 23.7, padding=0)
        # Bars drawn as filled outlines: BarGraphItem updates made the other plots on the page
        # repaint a second time on every range switch.
        self.weekday = pg.PlotDataItem(fillLevel=0)
        self.weekend = pg.PlotDataItem(fillLevel=0)
        plot.addItem(self.weekday)
        plot.addItem(self.weekend)
        self.legend = plot.addLegend(offset=(-10, 10))
        self.legend.addItem(self.weekday, _tr("Weekdays"))
        self.legend.addItem(self.weekend, _tr("Weekends"))
        self.foreground = "#000000"
        self.profile: HourProfile | None = None
        self.heights: tuple[np.ndarray, np.ndarray] = (np.zeros(24), np.zeros(24))

    def zooms(self) -> bool:
        return False  # 24 fixed hours: nothing to zoom, the wheel scrolls the page

    def apply_style(self, style: PlotStyle) -> None:
        self.setBackground(style.background)
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            plot.getAxis(name).setPen(style.foreground)
            plot.getAxis(name).setTextPen(style.foreground)
        self.foreground = style.foreground.name()
        plot.titleLabel.setText(self.title, color=self.foreground, size="9pt")
        self.weekday.setBrush(QBrush(style.weekday))
        self.weekday.setPen(pg.mkPen(style.weekday))
        self.weekend.setBrush(QBrush(style.weekend, Qt.BrushStyle.BDiagPattern))
        self.weekend.setPen(pg.mkPen(style.weekend, width=1.5))
        self.legend.setLabelTextColor(style.foreground)

    def set_profile(self, profile: HourProfile) -> None:
        self.profile = profile
        weekday = np.array(profile.weekday, dtype=float)
        weekend = np.array(profile.weekend, dtype=float)
        self.weekday.setData(*_bars(weekday, -0.4))
        self.weekend.setData(*_bars(weekend, 0.0))
        self.heights = (weekday, weekend)
        days = profile.weekday_days + profile.weekend_days
        self.title = _tr(
            "Twitches per hour of day over %n day(s) (solid: weekdays; hatched: weekends)",
            "",
            days,
        )
        if profile.total == 0:  # blank bars say nothing: say what to log instead
            self.title += " — " + _tr("nothing yet: log a twitch when it happens to see this")
        self.getPlotItem().titleLabel.setText(self.title, color=self.foreground, size="9pt")
        # The legend says how many days each series covers (five weekdays to two weekend days).
        for sample, label in self.legend.items:
            item = sample.item
            if item is self.weekday:
                label.setText(_tr("Weekdays (%n day(s))", "", profile.weekday_days))
            elif item is self.weekend:
                label.setText(_tr("Weekends (%n day(s))", "", profile.weekend_days))
        # Set, not auto-ranged: auto-ranging settles after the first paint and paints again.
        top = max(float(weekday.max()), float(weekend.max()), 0.0)
        self.getPlotItem().setYRange(0, top * 1.1 if top > 0 else 1.0, padding=0)
        whole_ticks(self.getPlotItem().getAxis("left"), max(top, 1.0))
