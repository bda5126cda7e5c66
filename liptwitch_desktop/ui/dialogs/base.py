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

from PySide6.QtCore import Qt, QTimer, SignalInstance
from PySide6.QtGui import QShowEvent
from PySide6.QtWidgets import (
    QDialog,
    QDialogButtonBox,
    QFormLayout,
    QFrame,
    QLabel,
    QScrollArea,
    QVBoxLayout,
    QWidget,
)

from ...store.database.storage_errors import is_storage_error
from ..colours import error_style
from ..form_errors import FieldErrors
from ..screen_fit import fit_title, grow_to_fit


class ValidatingDialog(QDialog):
    def __init__(self, title: str, now: Callable[[], datetime], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        fit_title(self)  # the title shows whole in the title bar
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
        self.storage_error.setStyleSheet(error_style(self))
        self.storage_error.setVisible(False)
        self.clock_error = QLabel()
        self.clock_error.setObjectName("clock_error")
        self.clock_error.setWordWrap(True)
        self.clock_error.setStyleSheet(error_style(self))
        self.clock_error.setVisible(False)
        # The fields scroll when the screen is too small for them (a scale of 2 on a laptop);
        # elsewhere the dialog is as tall as they are and nothing scrolls.
        fields = QWidget()
        fields.setLayout(self.form)
        self.fields_area = QScrollArea()
        self.fields_area.setWidgetResizable(True)
        self.fields_area.setFrameShape(QFrame.Shape.NoFrame)
        self.fields_area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
        self.fields_area.setWidget(fields)
        layout = QVBoxLayout(self)
        layout.addWidget(self.clock_error)
        layout.addWidget(self.fields_area, 1)
        layout.addWidget(self.storage_error)
        layout.addWidget(self.buttons)

    def showEvent(self, event: QShowEvent) -> None:
        super().showEvent(event)
        self.grow_soon()

    def grow_soon(self) -> None:
        """A warning or a field's error shown while open: the dialog grows to show it (once
        the layout has taken it in)."""
        QTimer.singleShot(0, self, lambda: grow_to_fit(self, self.fields_area))

    def validate(self) -> dict[str, str]:
        raise NotImplementedError

    def recheck(self) -> None:
        """After a refused Save, each change checks again: a corrected field (a time that
        was in the future) loses its warning at once, without moving the focus."""
        if self.errors.shown():
            self.errors.show(self.validate(), focus=False)
            self.grow_soon()

    def recheck_on(self, *signals: SignalInstance) -> None:
        for signal in signals:
            signal.connect(lambda *_a: self.recheck())

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
            self.grow_soon()
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
