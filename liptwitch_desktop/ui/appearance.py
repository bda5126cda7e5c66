"""Light or dark: follow the desktop's colour scheme (Qt 6.5+), or the person's choice.

Qt follows the system scheme by itself where the platform theme reports it (GNOME and KDE
through the xdg desktop portal, Windows, macOS). The "Appearance" setting can force light or
dark; where the platform cannot switch (older desktops, the offscreen platform) a dark Fusion
palette is applied instead, so the choice always takes effect. High-DPI scaling and fonts are
Qt 6's platform defaults (per-monitor scale factors, pass-through rounding, system font):
nothing here overrides them.
"""

from __future__ import annotations

from PySide6.QtCore import Qt
from PySide6.QtGui import QColor, QGuiApplication, QPalette

from ..core.changes import Change
from ..runtime.context import AppContext
from ..store.settings import get_setting

SETTING = "color_scheme"


def dark_palette() -> QPalette:
    """A dark palette with the contrast of Fusion's own dark scheme."""
    palette = QPalette()
    role = QPalette.ColorRole
    window, base, text = QColor(45, 45, 48), QColor(30, 30, 32), QColor(235, 235, 235)
    for r, colour in (
        (role.Window, window),
        (role.WindowText, text),
        (role.Base, base),
        (role.AlternateBase, QColor(40, 40, 43)),
        (role.ToolTipBase, window),
        (role.ToolTipText, text),
        (role.PlaceholderText, QColor(160, 160, 160)),
        (role.Text, text),
        (role.Button, window),
        (role.ButtonText, text),
        (role.BrightText, QColor(255, 90, 90)),
        (role.Link, QColor(110, 170, 255)),
        # Light enough to stand out 3:1 from a button (the checked range on Trends), dark
        # enough for white text on it at 3:1 (tests/ui/test_trends_range_buttons.py).
        (role.Highlight, QColor(46, 155, 171)),
        (role.HighlightedText, QColor(255, 255, 255)),
        (role.Light, QColor(70, 70, 74)),
        (role.Midlight, QColor(58, 58, 62)),
        (role.Mid, QColor(38, 38, 40)),
        (role.Dark, QColor(20, 20, 22)),
        (role.Shadow, QColor(0, 0, 0)),
    ):
        palette.setColor(r, colour)
    disabled = QPalette.ColorGroup.Disabled
    for r in (role.WindowText, role.Text, role.ButtonText):
        palette.setColor(disabled, r, QColor(130, 130, 130))
    return palette


def palette_is_dark(app: QGuiApplication) -> bool:
    return app.palette().color(QPalette.ColorRole.Window).lightness() < 128


def system_is_dark(app: QGuiApplication) -> bool:
    return app.styleHints().colorScheme() == Qt.ColorScheme.Dark


def apply_color_scheme(app: QGuiApplication, choice: str) -> bool:
    """Apply "" (follow the system), "light" or "dark". Returns whether the result is dark."""
    hints = app.styleHints()
    requested = {"light": Qt.ColorScheme.Light, "dark": Qt.ColorScheme.Dark}.get(choice)
    if hasattr(hints, "setColorScheme"):  # Qt 6.8+: ask the platform first
        if requested is None:
            hints.unsetColorScheme()
        else:
            hints.setColorScheme(requested)
    want_dark = choice == "dark" or (choice == "" and system_is_dark(app))
    was_dark = palette_is_dark(app)
    _apply_palette(app, want_dark)
    if palette_is_dark(app) != was_dark:
        _restyle_palette_sheets()
    return palette_is_dark(app)


def _restyle_palette_sheets() -> None:
    """A style sheet's palette(...) colours are read when the sheet is set, so a banner made
    in the light palette kept its light background in dark mode: set such sheets again."""
    from PySide6.QtWidgets import QApplication

    for widget in QApplication.allWidgets():
        sheet = widget.styleSheet()
        if "palette(" in sheet:
            widget.setStyleSheet("")
            widget.setStyleSheet(sheet)


def _apply_palette(app: QGuiApplication, want_dark: bool) -> None:
    if want_dark and not palette_is_dark(app):
        app.setPalette(dark_palette())
    elif not want_dark and palette_is_dark(app):
        app.setPalette(QPalette())  # back to the platform's own palette
        if palette_is_dark(app):  # the platform itself is dark: use the style's light one
            style = getattr(app, "style", None)
            if style is not None:
                app.setPalette(style().standardPalette())


def follow_color_scheme(app: QGuiApplication, ctx: AppContext) -> None:
    """Apply the setting now, again when it changes, and when the desktop switches scheme."""

    def apply() -> None:
        apply_color_scheme(app, str(get_setting(SETTING)))

    def changed(change: Change) -> None:
        match change:
            case Change.SETTINGS | Change.ALL:
                apply()
            case _:
                pass

    apply()
    ctx.signals.data_changed.connect(changed)
    app.styleHints().colorSchemeChanged.connect(lambda _scheme: apply())
