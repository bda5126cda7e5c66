"""Colours and line styles for the plots, taken from the system palette.

Colours are from the Okabe-Ito set (distinguishable with the common colour-vision
deficiencies), and every series also differs by line style or marker, so a plot still reads
in greyscale or on paper.
"""

from __future__ import annotations

from dataclasses import dataclass

from PySide6.QtGui import QColor, QPalette
from PySide6.QtWidgets import QApplication


@dataclass(frozen=True)
class PlotStyle:
    background: QColor
    foreground: QColor
    grid_alpha: float
    episodes: QColor
    rolling: QColor
    intensity: QColor
    caffeine: QColor
    limit: QColor
    sleep: QColor
    stress: QColor
    magnesium: QColor
    food: QColor
    weekday: QColor
    weekend: QColor
    dark: bool


def current_style(palette: QPalette | None = None) -> PlotStyle:
    if palette is None:
        app = QApplication.instance()
        palette = app.palette() if isinstance(app, QApplication) else QPalette()
    bg = palette.color(QPalette.ColorRole.Base)
    fg = palette.color(QPalette.ColorRole.Text)
    dark = bg.lightnessF() < 0.5
    blue = QColor("#56B4E9") if dark else QColor("#0072B2")
    return PlotStyle(
        background=bg,
        foreground=fg,
        grid_alpha=0.25 if dark else 0.15,
        episodes=blue,
        rolling=fg,
        intensity=QColor("#CC79A7"),
        caffeine=QColor("#E69F00"),
        limit=QColor("#D55E00"),
        sleep=QColor("#009E73"),
        stress=QColor("#D55E00"),
        magnesium=QColor("#009E73") if not dark else QColor("#5EC9A5"),
        food=QColor("#D55E00") if not dark else QColor("#F0A070"),
        weekday=blue,
        weekend=QColor("#E69F00"),
        dark=dark,
    )
