"""Run work right after a window's first paint, so it never delays what the person sees.

A zero-delay timer alone is not enough: under X11 the expose event comes back from the server
after timers posted during start-up have already run. (No `Qt` namespace here: touching it
the first time costs ~30 ms, which code that runs before the first paint avoids.)
"""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QEvent, QObject, QTimer
from PySide6.QtWidgets import QWidget


class _FirstPaintFilter(QObject):
    def __init__(self, widget: QWidget, callbacks: list[Callable[[], None]]) -> None:
        super().__init__(widget)
        self._callbacks = callbacks
        self._fired = False

    def eventFilter(self, watched: QObject, event: QEvent) -> bool:
        if not self._fired and event.type() == QEvent.Type.Paint:
            self._fired = True
            watched.removeEventFilter(self)
            # Queued: the paint finishes first, then the work runs on the next loop turn.
            for callback in self._callbacks:
                QTimer.singleShot(0, callback)
        return False


def after_first_paint(
    widget: QWidget, callback: Callable[[], None], *, before_others: bool = False
) -> None:
    """Call `callback` once, just after `widget` first paints.

    Callbacks run in the order they were added; `before_others` puts this one ahead of those
    already waiting (Qt asks the most recently installed filter first).
    """
    existing = [f for f in widget.children() if isinstance(f, _FirstPaintFilter)]
    if existing and not existing[0]._fired and not before_others:
        existing[0]._callbacks.append(callback)
        return
    widget.installEventFilter(_FirstPaintFilter(widget, [callback]))
