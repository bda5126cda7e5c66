"""Colours with a meaning, readable on the light and the dark palette."""

from __future__ import annotations

from PySide6.QtGui import QPalette
from PySide6.QtWidgets import QApplication, QWidget

ERROR_ON_LIGHT = "#b3261e"
ERROR_ON_DARK = "#ff8a80"


def error_colour(widget: QWidget | None = None) -> str:
    """Red for an error (not the highlight colour, which is the selection's: teal or blue)."""
    palette = widget.palette() if widget is not None else QApplication.palette()
    dark = palette.color(QPalette.ColorRole.Window).lightness() < 128
    return ERROR_ON_DARK if dark else ERROR_ON_LIGHT


def error_style(widget: QWidget | None = None) -> str:
    return f"color: {error_colour(widget)}; font-weight: bold;"
