"""Helpers of the Trends lanes: a line with gaps, and count axes in whole twitches."""

from __future__ import annotations

import numpy as np
import pyqtgraph as pg

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
