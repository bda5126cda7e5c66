"""The events lane of the Trends plots: medicines started and stopped, symptom checks by
urgency, the recovery plan's start and milestones, as markers with hover text.

Shape tells the kind and colour the urgency, and the hover text says both in words, so the
lane reads without colour too.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QCoreApplication
from PySide6.QtGui import QBrush, QColor

from ...core.trend_events import LANE, EventKind, TrendEvent
from ..dates import day_text
from .data import DAY_SECONDS, day_x
from .style import PlotStyle

if TYPE_CHECKING:
    from .plots import Lane

HALF_DAY = DAY_SECONDS / 2
SYMBOLS = {
    EventKind.MEDICINE_STARTED: "t1",  # a triangle pointing up: started
    EventKind.MEDICINE_STOPPED: "t",  # pointing down: stopped
    EventKind.TRIAGE: "d",
    EventKind.PLAN_START: "star",
    EventKind.PLAN_MILESTONE: "s",
}
SEVERITY = {"self_care": 0, "doctor_routine": 1, "doctor_soon": 2, "emergency": 3}
URGENCY_COLOURS = {
    "emergency": "#D55E00",
    "doctor_soon": "#E69F00",
    "doctor_routine": "#56B4E9",
    "self_care": "#009E73",
}


def _tr(text: str) -> str:
    return QCoreApplication.translate("TrendsEvents", text)


def _tip(x: float, y: float, data: object) -> str:
    return str(data)


class EventMarks:
    """The scatter of events on one lane, rebuilt whenever the data changes."""

    def __init__(self, lane: Lane) -> None:
        self.lane = lane
        self.items = pg.ScatterPlotItem(hoverable=True, tip=_tip, hoverSize=14)
        lane.addItem(self.items)
        lane.getAxis("left").setTicks(
            [[(2, _tr("Medicines")), (1, _tr("Checks")), (0, _tr("Recovery plan"))]]
        )
        lane.setYRange(-0.6, 2.6)
        self.events: tuple[TrendEvent, ...] = ()
        self.style: PlotStyle | None = None

    def apply_style(self, style: PlotStyle) -> None:
        self.style = style
        self.set_events(self.events)

    def _colour(self, event: TrendEvent) -> QColor:
        if event.kind is EventKind.TRIAGE:
            return QColor(URGENCY_COLOURS.get(event.urgency, "#999999"))
        if event.kind in (EventKind.MEDICINE_STARTED, EventKind.MEDICINE_STOPPED):
            return QColor("#CC79A7")
        dark = bool(self.style and self.style.dark)
        return QColor("#5EC9A5") if dark else QColor("#009E73")

    def set_events(self, events: tuple[TrendEvent, ...]) -> None:
        self.events = events
        # Several events on one day and lane share one marker: its tip lists them all.
        merged: dict[tuple[float, int], list[TrendEvent]] = {}
        for event in events:
            key = (day_x(event.day) + HALF_DAY, LANE[event.kind])
            merged.setdefault(key, []).append(event)
        spots = []
        for (x, y), group in merged.items():
            # The most urgent symptom check of the day decides the marker.
            first = max(group, key=lambda e: SEVERITY.get(e.urgency, -1))
            colour = self._colour(first)
            spots.append(
                {
                    "pos": (x, y),
                    "symbol": SYMBOLS[first.kind],
                    "size": 12,
                    "brush": QBrush(colour),
                    "pen": pg.mkPen(colour.darker(130)),
                    "data": f"{day_text(first.day)}: " + "; ".join(e.text for e in group),
                }
            )
        self.items.setData(spots)

    def x_positions(self) -> np.ndarray:
        return np.array([p.pos().x() for p in self.items.points()], dtype=float)
