"""Banners on the Today page of a window that may not be built yet, and the reminders' ones.

Started in the tray, the window is built only when first opened: a banner for it waits
until then (building ~10 MiB of widgets for a message nobody sees is not worth it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from ..reminders.notifier import Notice
    from .window_roles import ShowsBanners


class TodayBanners:
    """`ShowsBanners` over the main window or its on-demand holder."""

    def __init__(self, window: Any) -> None:
        self._window = window  # a MainWindow, or a WindowOnDemand that builds one

    def _on_window(self, act: Callable[[Any], None]) -> None:
        when_built = getattr(self._window, "when_built", None)
        if when_built is None:  # a plain window: it exists
            act(self._window)
        else:  # now if built, else as soon as it is
            when_built(act)

    def show_banner(self, key: str, text: str, level: str = "info") -> None:
        self._on_window(lambda window: window.show_banner(key, text, level))

    def remove_banner(self, key: str) -> None:
        # Queued like a banner: news shown and then withdrawn before the window exists
        # must not be there when it is first opened.
        self._on_window(lambda window: window.remove_banner(key))


class ReminderBanners:
    """What the reminders put on Today: a notice no notification server could show, the
    "While you were away" list, the note after a late drink."""

    def __init__(self, banners: ShowsBanners) -> None:
        self._banners = banners

    def notice(self, notice: Notice) -> None:
        self._banners.show_banner(
            f"reminder_{notice.kind}", f"{notice.title}: {notice.body}", "reminder"
        )

    def away(self, lines: list[str]) -> None:
        if not lines:
            self._banners.remove_banner("away")
            return
        tr = QApplication.translate
        text = tr("Tray", "While you were away:") + "\n• " + "\n• ".join(lines)
        self._banners.show_banner("away", text, "reminder")

    def late_drink(self, text: str) -> None:
        self._banners.show_banner("late_drink", text, "info")
