"""Drive a modal dialog for real: act on it once it is shown, from inside its event loop."""

from __future__ import annotations

from collections.abc import Callable

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QDialog


def with_modal(interact: Callable[[QDialog], None], trigger: Callable[[], object]) -> list[str]:
    """Run `trigger` (which opens a modal dialog) and `interact` with that dialog.

    Returns a list with the dialog's class name, so a test can assert a dialog did open.
    """
    seen: list[str] = []

    def poll() -> None:
        dialog = QApplication.activeModalWidget()
        if isinstance(dialog, QDialog) and dialog.isVisible():
            seen.append(type(dialog).__name__)
            interact(dialog)
        else:
            QTimer.singleShot(10, poll)

    QTimer.singleShot(0, poll)
    trigger()
    return seen
