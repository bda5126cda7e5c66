"""The application's one change signal: emitted once after each committed store call."""

from __future__ import annotations

from PySide6.QtCore import QObject, Signal


class AppSignals(QObject):
    # What changed: "episode", "intake", "checkin", "settings", "triage", "reminder",
    # "medicine", or "all" after a restore or import. Views refresh from the store.
    data_changed = Signal(str)
    # Ask the window to show a page or dialog ("today", "log", "drink", "checkin", ...).
    open_requested = Signal(str)
