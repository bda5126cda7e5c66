"""The report's fonts, in points on any device: one family list that covers Latin,
Cyrillic, Arabic and CJK (Qt's fallback fills any other script).
"""

from __future__ import annotations

from PySide6.QtGui import (
    QFont,
    QPainter,
)

POINTS_PER_INCH = 72.0
FONT_FAMILIES = ["DejaVu Sans", "Noto Sans", "Noto Sans CJK SC", "Droid Sans Fallback"]
BASE_PT = 10.0


# --- the chart -------------------------------------------------------------------------------


def device_font(painter: QPainter, size_pt: float) -> QFont:
    """A font of `size_pt` points on a painter already scaled to points.

    QPainter sizes a font by the device's own resolution and then applies the scale too, so
    the size is divided by the device's dots per point first.
    """
    return report_font(size_pt * POINTS_PER_INCH / painter.device().logicalDpiY())


def report_font(size_pt: float = BASE_PT) -> QFont:
    font = QFont()
    font.setFamilies(FONT_FAMILIES)
    font.setPointSizeF(size_pt)
    return font
