"""The mouse wheel scrolls the page; it changes a value only in the field the person chose.

Qt's spin boxes, time and date edits, combo boxes and sliders take the wheel whenever the
pointer is over them, so scrolling down Settings turned the weekly triage time from 10:00 to
01:00 and saved it. One application-wide filter fixes every one of them, in the main window
and in every dialog: such a field gets focus by click or Tab only (not by the wheel), and a
wheel turned over it without focus scrolls the nearest scroll area around it instead.
"""

from __future__ import annotations

from PySide6.QtCore import QEvent, QObject, Qt
from PySide6.QtGui import QWheelEvent
from PySide6.QtWidgets import (
    QAbstractScrollArea,
    QAbstractSlider,
    QAbstractSpinBox,
    QApplication,
    QComboBox,
    QScrollBar,
    QWidget,
)

_GUARDED = (QAbstractSpinBox, QComboBox, QAbstractSlider)


def _guarded(widget: QWidget | None) -> QWidget | None:
    """The value field `widget` is, or is part of (a spin box's line edit), if any."""
    for candidate in (widget, widget.parentWidget() if widget is not None else None):
        if isinstance(candidate, _GUARDED) and not isinstance(candidate, QScrollBar):
            return candidate
    return None


def _no_wheel_focus(widget: QWidget) -> None:
    if widget.focusPolicy() == Qt.FocusPolicy.WheelFocus:
        widget.setFocusPolicy(Qt.FocusPolicy.StrongFocus)


def scroll_enclosing(widget: QWidget, event: QWheelEvent) -> bool:
    """Send the wheel to the nearest scroll area around `widget`; False if there is none."""
    parent = widget.parentWidget()
    while parent is not None:
        if isinstance(parent, QAbstractScrollArea):
            viewport = parent.viewport()
            forwarded = QWheelEvent(
                viewport.mapFromGlobal(event.globalPosition()),
                event.globalPosition(),
                event.pixelDelta(),
                event.angleDelta(),
                event.buttons(),
                event.modifiers(),
                event.phase(),
                event.inverted(),
            )
            QApplication.sendEvent(viewport, forwarded)
            return True
        parent = parent.parentWidget()
    return False


class CtrlWheelZooms:
    """For a plot in a scrolling page: the wheel scrolls the page, Ctrl+wheel zooms the plot
    (a plain wheel zoomed the Trends dates to 2020-2035 on the way down the page)."""

    def wheelEvent(self, event: QWheelEvent) -> None:
        if event.modifiers() & Qt.KeyboardModifier.ControlModifier and self.zooms():
            super().wheelEvent(event)  # type: ignore[misc]
            return
        assert isinstance(self, QWidget)
        scroll_enclosing(self, event)
        event.accept()

    def zooms(self) -> bool:
        return True


class EventGuard(QObject):
    """Installed on the application: see the module's docstring."""

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        kind = event.type()
        if kind == QEvent.Type.Wheel:
            field = _guarded(watched) if isinstance(watched, QWidget) else None
            if field is None or field.hasFocus():
                return False
            assert isinstance(event, QWheelEvent)
            scroll_enclosing(field, event)
            event.accept()
            return True  # the value stays as it is
        if kind == QEvent.Type.Polish and isinstance(watched, _GUARDED):
            assert isinstance(watched, QWidget)
            _no_wheel_focus(watched)
        return False


def install_event_guard(app: QApplication) -> EventGuard:
    """Guard every value field from now on, and those already built. Idempotent."""
    existing = app.findChild(EventGuard)
    if isinstance(existing, EventGuard):
        return existing
    guard = EventGuard(app)
    app.installEventFilter(guard)
    for widget in app.allWidgets():
        if isinstance(widget, _GUARDED):
            _no_wheel_focus(widget)
    return guard
