"""One lane of the Trends plot stack, and the helper that draws a line with gaps."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg
from PySide6.QtCore import QRectF

from .data import DAY_SECONDS


def set_gappy(
    item: pg.PlotDataItem,
    xs: np.ndarray,
    values: list[float | None],
    marks: pg.ScatterPlotItem | None = None,
) -> None:
    """Only the days with a value, joined where the days are consecutive.

    Missing days break the line instead of being drawn as NaN: pyqtgraph's auto-range warns
    on a view full of NaN, and strict tests turn warnings into errors.
    """
    keep = np.array([v is not None for v in values], dtype=bool)
    x = xs[keep] if len(values) else xs
    y = np.array([v for v in values if v is not None], dtype=float)
    if marks is not None:
        marks.setData(x=x, y=y)
    if len(x) == 0:
        item.setData([], [])
        return
    connect = np.ones(len(x), dtype=bool)
    connect[:-1] = np.diff(x) <= DAY_SECONDS * 1.5
    connect[-1] = False
    item.setData(x, y, connect=connect)


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


def whole_step(top: float, most_ticks: int = 5) -> int:
    """A tick step in whole twitches (1, 2, 5, 10, 20, 50, ...) giving at most `most_ticks`
    ticks up to `top`: a count axis never shows "0.5 twitches"."""
    step = 1
    while top / step > most_ticks:
        for factor in (2, 5 / 2, 2):
            step = int(step * factor)
            if top / step <= most_ticks:
                break
    return step


def whole_ticks(axis: pg.AxisItem, top: float) -> None:
    step = whole_step(top)
    axis.setTickSpacing(step, step)
