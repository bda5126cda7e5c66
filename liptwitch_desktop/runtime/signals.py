"""The application's one change signal: emitted once after each committed store call."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal

from ..core.changes import Change


class AppSignals(QObject):
    # What changed (a Change); views refresh from the store. Emitted through `changed`.
    data_changed = Signal(Change)
    # Ask the window to show a page or dialog ("today", "log", "drink", "checkin", ...).
    open_requested = Signal(str)

    def changed(self, change: Change) -> None:
        """Tell every listener; a bare string that is no Change is refused here, at the
        writer, not silently ignored by every listener."""
        self.data_changed.emit(Change(change))
