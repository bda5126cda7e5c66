"""Banners on the Today page of a window that may not be built yet, and the reminders' ones.

Started in the tray, the window is built only when first opened: a banner for it waits
until then (building ~10 MiB of widgets for a message nobody sees is not worth it).
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtWidgets import QApplication, QBoxLayout, QMenu, QToolButton, QWidget

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

    def with_banner(self, key: str, act: Callable[[Any], None]) -> None:
        """`act(banner)` on the banner `key` once the window (and the banner) exist."""

        def find(window: Any) -> None:
            from .banners import Banner

            banner = window.findChild(Banner, f"banner_{key}")
            if banner is not None:
                act(banner)

        self._on_window(find)

    def remove_banner(self, key: str) -> None:
        # Queued like a banner: news shown and then withdrawn before the window exists
        # must not be there when it is first opened.
        self._on_window(lambda window: window.remove_banner(key))


class ReminderBanners:
    """What the reminders put on Today: a notice no notification server could show, the
    "While you were away" list, the note after a late drink."""

    def __init__(self, banners: ShowsBanners) -> None:
        self._banners = banners
        # Where the banner's buttons answer (the notifier's NoticeSink.action, set by the
        # composition root): the same path as a notification's buttons.
        self.answer: Callable[[str, str], None] | None = None

    def notice(self, notice: Notice) -> None:
        key = f"reminder_{notice.kind}"
        self._banners.show_banner(key, f"{notice.title}: {notice.body}", "reminder")
        with_banner = getattr(self._banners, "with_banner", None)
        if "snooze" in notice.actions and with_banner is not None:
            with_banner(key, lambda banner: self._add_snooze(banner, notice.kind))

    def _add_snooze(self, banner: QWidget, kind: str) -> None:
        """A "Snooze" button with the four choices, before the banner's Dismiss."""
        from ..reminders.snooze import ACTION_PREFIX, CHOICES
        from ..reminders.texts import snooze_choice_label

        if banner.findChild(QToolButton, "banner_snooze") is not None:
            return
        tr = QApplication.translate
        button = QToolButton(banner)
        button.setObjectName("banner_snooze")
        button.setText(tr("Tray", "Snooze"))
        button.setAccessibleName(tr("Tray", "Snooze this reminder"))
        button.setPopupMode(QToolButton.ToolButtonPopupMode.InstantPopup)
        menu = QMenu(button)
        for choice in CHOICES:
            item = menu.addAction(snooze_choice_label(choice))
            item.setObjectName(f"banner_snooze_{choice}")
            item.triggered.connect(
                lambda _c=False, c=choice: self._snoozed(banner, kind, ACTION_PREFIX + c)
            )
        button.setMenu(menu)
        layout = banner.layout()
        if isinstance(layout, QBoxLayout):
            layout.insertWidget(max(0, layout.count() - 1), button)

    def _snoozed(self, banner: QWidget, kind: str, key: str) -> None:
        if self.answer is not None:
            self.answer(kind, key)
        banner.hide()  # answered: the banner goes, as a notification does
        banner.deleteLater()

    def away(self, lines: list[str]) -> None:
        if not lines:
            self._banners.remove_banner("away")
            return
        tr = QApplication.translate
        text = tr("Tray", "While you were away:") + "\n• " + "\n• ".join(lines)
        self._banners.show_banner("away", text, "reminder")

    def late_drink(self, text: str) -> None:
        self._banners.show_banner("late_drink", text, "info")
