"""The magnesium safety notice, one function for every path that needs it (FACTS.md).

Shown once, before the first magnesium supplement is logged (Ctrl+M, the tray, the log
dialog) and before a magnesium reminder is switched on by any path (the Reminders settings,
a triage plan, an import); whichever comes first. "I understand" goes on; Cancel stops that
action, and the notice comes again next time, because it has not been read. A reminder an
import (or an older data file) brought in is held off by the store until the notice is
answered: `show_held_notice` asks at start, before the reminder is ever scheduled.
"""

from __future__ import annotations

from typing import TYPE_CHECKING, Any

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..store.magnesium_notice import notice_pending, notice_shown

if TYPE_CHECKING:
    from ..controllers.settings import SettingsController


def magnesium_notice_needed() -> bool:
    return not notice_shown()


def _notice_box(parent: QWidget | None) -> QMessageBox:
    from ..reminders.texts import interactions_notice

    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("MagnesiumNotice", "Magnesium safety"),
        interactions_notice(),
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("magnesium_notice")
    box.button(QMessageBox.StandardButton.Ok).setText(tr("MagnesiumNotice", "I understand"))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    return box


def confirm_magnesium_notice(parent: QWidget | None, settings: SettingsController) -> bool:
    """Show the notice if it was never acknowledged; True to go on, False when cancelled.
    "I understand" is kept through `settings` (one Change.SETTINGS)."""
    if not magnesium_notice_needed():
        return True
    box = _notice_box(parent)
    box.exec()
    if box.clickedButton() is box.button(QMessageBox.StandardButton.Cancel):
        return False
    settings.magnesium_notice_read()
    return True


def show_held_notice(settings: SettingsController, window: Any) -> QMessageBox | None:
    """At start, after the first run: the notice for a magnesium reminder that is held (an
    import switched it on here, or an older file has it on), over the window once it exists.
    Not blocking: the other start-up steps go on; the answer turns the reminder on or
    leaves it off, and one change makes the reminder service rebuild."""
    if not notice_pending():  # most starts: the first run's widgets stay unloaded
        return None
    from .first_run import FirstRunDialog
    from .window_on_demand import WindowOnDemand

    if isinstance(window, WindowOnDemand):
        if not window.is_built:  # started in the tray: the reminder stays off till then

            def later(built: QWidget) -> None:
                show_held_notice(settings, built)

            window.when_built(later)
            return None
        window = window.get()
    first_run = window.findChild(FirstRunDialog) if window is not None else None
    if first_run is not None and first_run.isVisible():  # one question at a time
        first_run.finished.connect(lambda _code: show_held_notice(settings, window))
        return None
    box = _notice_box(window)

    def answered(_code: int) -> None:
        accepted = box.clickedButton() is box.button(QMessageBox.StandardButton.Ok)
        settings.settle_magnesium_notice(accepted)

    box.finished.connect(answered)
    box.open()
    return box
