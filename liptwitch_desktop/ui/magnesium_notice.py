"""The magnesium safety notice, one function for every path that needs it (FACTS.md).

Shown once, before the first magnesium supplement is logged (Ctrl+M, the tray, the log
dialog) and before a magnesium reminder is switched on by any path (the Reminders settings,
a triage plan); whichever comes first. "I understand" goes on; Cancel stops that action, and
the notice comes again next time, because it has not been read.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWidget

from ..controllers.settings import MAGNESIUM_NOTICE_SHOWN as SHOWN_SETTING
from ..store.settings import get_setting

if TYPE_CHECKING:
    from ..controllers.settings import SettingsController


def magnesium_notice_needed() -> bool:
    return not get_setting(SHOWN_SETTING)


def confirm_magnesium_notice(parent: QWidget | None, settings: SettingsController) -> bool:
    """Show the notice if it was never acknowledged; True to go on, False when cancelled.
    "I understand" is kept through `settings` (one Change.SETTINGS)."""
    if not magnesium_notice_needed():
        return True
    from ..reminders.texts import interactions_notice

    tr = QCoreApplication.translate
    box = QMessageBox(
        QMessageBox.Icon.Information,
        tr("MagnesiumNotice", "Before you take magnesium"),
        interactions_notice(),
        QMessageBox.StandardButton.Ok | QMessageBox.StandardButton.Cancel,
        parent,
    )
    box.setObjectName("magnesium_notice")
    box.button(QMessageBox.StandardButton.Ok).setText(tr("MagnesiumNotice", "I understand"))
    box.setDefaultButton(QMessageBox.StandardButton.Ok)
    box.setEscapeButton(QMessageBox.StandardButton.Cancel)
    box.exec()
    if box.clickedButton() is box.button(QMessageBox.StandardButton.Cancel):
        return False
    settings.magnesium_notice_read()
    return True
