"""What a service or another widget may ask of the main window, each a narrow Protocol.

The composition root hands these out instead of the window itself, so the notifier's
banners, the start-up report and the tray each see only the part they use (and a test can
give them a stand-in).
"""

from __future__ import annotations

from typing import Protocol

from PySide6.QtWidgets import QWidget


class ShowsBanners(Protocol):
    """Calm messages on Today ("While you were away", a reminder without a notification
    server, what could not start)."""

    def show_banner(self, key: str, text: str, level: str = "info") -> None: ...

    def remove_banner(self, key: str) -> None: ...


class OpensPages(Protocol):
    """Brings a page of the window to the front ("today", "log", "trends", "triage",
    "settings"); an unknown key raises KeyError."""

    def show_page(self, key: str) -> QWidget: ...
