"""When in the day twitches come: an hour histogram, weekdays beside weekends.

Shown per day (episodes in that hour divided by the number of weekdays or weekend days in the
range), so five weekdays do not dwarf two weekend days.
"""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication, Qt
from PySide6.QtGui import QBrush
from PySide6.QtWidgets import QWidget

from ...core.daily import HourProfile
from .style import PlotStyle


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendsHours", text)


class HourView(pg.PlotWidget):
    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.setAccessibleName(_tr("Twitches by hour of day, weekdays and weekends"))
        self.setMinimumHeight(180)
        plot = self.getPlotItem()
        plot.setMenuEnabled(False)
        plot.setMouseEnabled(x=False, y=False)
        plot.hideButtons()
        self.title = _tr(
            "Time of day: twitches per day by hour (solid: weekdays; hatched: weekends)"
        )
        plot.setTitle(self.title, size="9pt")
        plot.getAxis("bottom").setTicks([[(h, f"{h:02d}") for h in range(0, 24, 3)]])
        plot.getAxis("left").setWidth(84)
        plot.setXRange(-0.7, 23.7, padding=0)
        self.weekday = pg.BarGraphItem(x=np.arange(24) - 0.2, height=np.zeros(24), width=0.4)
        self.weekend = pg.BarGraphItem(x=np.arange(24) + 0.2, height=np.zeros(24), width=0.4)
        plot.addItem(self.weekday)
        plot.addItem(self.weekend)
        self.legend = plot.addLegend(offset=(-10, 10))
        self.legend.addItem(self.weekday, _tr("Weekdays"))
        self.legend.addItem(self.weekend, _tr("Weekends"))
        self.profile: HourProfile | None = None

    def apply_style(self, style: PlotStyle) -> None:
        self.setBackground(style.background)
        plot = self.getPlotItem()
        for name in ("left", "bottom"):
            plot.getAxis(name).setPen(style.foreground)
            plot.getAxis(name).setTextPen(style.foreground)
        plot.titleLabel.setText(self.title, color=style.foreground.name(), size="9pt")
        self.weekday.setOpts(brush=QBrush(style.weekday), pen=pg.mkPen(style.weekday))
        self.weekend.setOpts(
            brush=QBrush(style.weekend, Qt.BrushStyle.BDiagPattern),
            pen=pg.mkPen(style.weekend, width=1.5),
        )
        self.legend.setLabelTextColor(style.foreground)

    def set_profile(self, profile: HourProfile) -> None:
        self.profile = profile
        weekday = np.array(profile.weekday, dtype=float) / max(profile.weekday_days, 1)
        weekend = np.array(profile.weekend, dtype=float) / max(profile.weekend_days, 1)
        self.weekday.setOpts(height=weekday)
        self.weekend.setOpts(height=weekend)
        self.getPlotItem().enableAutoRange(axis="y")
