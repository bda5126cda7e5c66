"""Windows open inside the screen they open on, whatever its size and scale.

A 1000x700 main window is 2000x1400 pixels at a scale of 2: on a 1280x800 laptop Back/Next
and two stroke questions of the wizard were off-screen. Each window asks for its preferred
size through `resize_within_screen`, which gives at most what the screen has free (its
available geometry: without panels and docks) and keeps the window on it.
"""

from __future__ import annotations

from PySide6.QtCore import QRect
from PySide6.QtGui import QGuiApplication
from PySide6.QtWidgets import QScrollArea, QWidget

# Room left for the window manager's frame and title bar.
FRAME_MARGIN = (16, 48)
# What a title bar keeps for its buttons and icon (close, maximise, minimise, the window
# menu): a window's title shows whole only in the rest.
TITLE_BAR_BUTTONS = 120


def available_geometry(widget: QWidget) -> QRect:
    """The free area of the screen the widget will open on (its parent's, else the primary)."""
    parent = widget.parentWidget()
    screen = (parent.window().screen() if parent is not None else None) or widget.screen()
    screen = screen or QGuiApplication.primaryScreen()
    return screen.availableGeometry()


def resize_within_screen(widget: QWidget, width: int, height: int) -> None:
    """Resize to `width` x `height`, or less where the screen is smaller."""
    free = available_geometry(widget)
    width = min(width, free.width() - FRAME_MARGIN[0])
    height = min(height, free.height() - FRAME_MARGIN[1])
    widget.resize(max(width, 1), max(height, 1))


def fit_title(window: QWidget) -> None:
    """Make `window` at least as wide as its title needs in the title bar, within the screen.

    A small form ("Log water") was narrower than "Log water — LipTwitch" (Qt appends the
    app's name to a title without it) in the window manager's bold font.
    """
    from PySide6.QtGui import QFont, QFontMetrics

    title = window.windowTitle()
    name = QGuiApplication.applicationDisplayName()
    shown = title if not name or name in title else f"{title} — {name}"
    font = QFont(window.font())
    font.setBold(True)
    need = QFontMetrics(font).horizontalAdvance(shown) + TITLE_BAR_BUTTONS
    need = min(need, available_geometry(window).width() - FRAME_MARGIN[0])
    window.setMinimumWidth(max(window.minimumWidth(), need))


def grow_to_fit(window: QWidget, area: QScrollArea) -> None:
    """Make `window` tall enough for what `area` holds at its width, within the screen.

    A warning that appears while a dialog is open (the magnesium dose above 250 mg) was
    clipped: a window does not grow for its labels' height for width by itself. Where the
    screen is too small the area scrolls instead.
    """
    inner = area.widget()
    if inner is None or not window.isVisible():
        return
    width = area.viewport().width()
    need = inner.heightForWidth(width) if inner.hasHeightForWidth() else -1
    need = max(need, inner.minimumSizeHint().height())
    extra = need - area.viewport().height()
    limit = available_geometry(window).height() - FRAME_MARGIN[1]
    if extra > 0 and window.height() < limit:
        window.resize(window.width(), min(window.height() + extra, limit))
        keep_on_screen(window)


def keep_on_screen(window: QWidget) -> None:
    """Move `window` back inside its screen's free area if it hangs over an edge."""
    free = available_geometry(window)
    frame = window.frameGeometry()
    x = min(max(frame.x(), free.x()), free.right() + 1 - frame.width())
    y = min(max(frame.y(), free.y()), free.bottom() + 1 - frame.height())
    if (x, y) != (frame.x(), frame.y()):
        window.move(max(x, free.x()), max(y, free.y()))
