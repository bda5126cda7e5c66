"""A validating dialog: OK is refused while a field has an error, and nothing is half-saved."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime

from PySide6.QtWidgets import QDialog, QDialogButtonBox, QFormLayout, QVBoxLayout, QWidget

from ..form_errors import FieldErrors


class ValidatingDialog(QDialog):
    def __init__(self, title: str, now: Callable[[], datetime], parent: QWidget | None) -> None:
        super().__init__(parent)
        self.setWindowTitle(title)
        self._now = now
        self.form = QFormLayout()
        self.errors = FieldErrors(self.form)
        self.buttons = QDialogButtonBox(
            QDialogButtonBox.StandardButton.Save | QDialogButtonBox.StandardButton.Cancel
        )
        self.buttons.accepted.connect(self.accept)
        self.buttons.rejected.connect(self.reject)
        layout = QVBoxLayout(self)
        layout.addLayout(self.form)
        layout.addWidget(self.buttons)

    def validate(self) -> dict[str, str]:
        raise NotImplementedError

    def accept(self) -> None:
        errors = self.validate()
        self.errors.show(errors)
        if not errors:
            super().accept()
