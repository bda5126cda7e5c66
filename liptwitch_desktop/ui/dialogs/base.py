"""A validating dialog: OK is refused while a field has an error, and nothing is half-saved.

With `save_with(callback)` the dialog saves before it closes: if the disk refuses the
write (full, read-only, another user's folder), the dialog stays open with everything the
person typed and says what the disk refused, instead of closing on a lost entry.

Under a clock that cannot be right (1970 after a flat CMOS battery, 2150) the dialog says
that the computer's clock looks wrong, not the field check's "Dates before the year 2000
are not accepted" (the person typed no such date: the clock did), and stays open with what
was typed until the clock is set.
"""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QLabel,
    QVBoxLayout,
    QWidget,
)

from ...store.database.storage_errors import is_storage_error
from ..form_errors import FieldErrors


class ValidatingDialog(QDialog):
    def __init__(self, title: str, now: Callable[[], datetime], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._now = now
        self._save: Callable[[], object] | None = None
        self.form = QFormLayout()
        self.errors = FieldErrors(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        self.storage_error = QLabel()
        self.storage_error.setObjectName("storage_error")
        self.storage_error.setWordWrap(True)
        self.storage_error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.storage_error.setVisible(False)
        self.clock_error = QLabel()
        self.clock_error.setObjectName("clock_error")
        self.clock_error.setWordWrap(True)
        self.clock_error.setStyleSheet("color: palette(highlight); font-weight: bold;")
        self.clock_error.setVisible(False)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clock_error)
        layout.addLayout(self.form)
        layout.addWidget(self.storage_error)
        layout.addWidget(self.buttons)

    def validate(self) -> dict[str, str]:
        raise NotImplementedError

    def save_with(self, save: Callable[[], object]) -> None:
        """Save through `save()` when the person presses Save (the dialog closes after)."""
        self._save = save

    def accept(self) -> None:
        from ...core.clock_sense import ClockLooksWrong, clock_looks_wrong

        now = self._now()
        if clock_looks_wrong(now):  # before the fields: their checks measure from this clock
            self.errors.show({})
            self.show_clock_error(now)
            return
        self.clock_error.setVisible(False)
        errors = self.validate()
        self.errors.show(errors)
        if errors:
            return
        if self._save is not None:
            try:
                self._save()
            except ClockLooksWrong as exc:  # the controller's own check, same words
                self.show_clock_error(exc.now)
                return
            except Exception as exc:
                if not is_storage_error(exc):
                    raise
                self.show_storage_error(exc)
                return
        self.storage_error.setVisible(False)
        super().accept()

    def show_clock_error(self, now: datetime) -> None:
        from PySide6.QtCore import QCoreApplication

        from ..today_clock import clock_says

        self.clock_error.setText(
            "⚠ "
            + QCoreApplication.translate(
                "ValidatingDialog",
                "Your computer's clock looks wrong: it says %1, so this cannot be dated and "
                "was not saved. Set the computer's date and time, then press Save again; "
                "what you typed stays here.",
            ).replace("%1", clock_says(now))
        )
        self.clock_error.setVisible(True)
        self.clock_error.setAccessibleName(self.clock_error.text())
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setFocus()

    def show_storage_error(self, exc: BaseException) -> None:
        from ..storage_errors import refused_message

        # Text, not only colour; the focus goes to Save so trying again is one key away.
        self.storage_error.setText("⚠ " + refused_message(exc))
        self.storage_error.setVisible(True)
        self.storage_error.setAccessibleName(self.storage_error.text())
        save = self.buttons.button(QDialogButtonBox.StandardButton.Save)
        if save is not None:
            save.setFocus()
