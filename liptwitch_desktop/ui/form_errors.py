"""Messages shown next to the field they are about, and cleared when it is fixed."""

from __future__ import annotations

from PySide6.QtWidgets import QFormLayout, QLabel, QWidget

from .colours import error_style


def set_buddy(form: QFormLayout, field: QWidget, buddy: QWidget) -> None:
    """The label of `field`'s row focuses `buddy` (its mnemonic), when the row has a label."""
    label = form.labelForField(field)
    if isinstance(label, QLabel):
        label.setBuddy(buddy)


class FieldErrors:
    """Adds a hidden error label under each field of a QFormLayout."""

    def __init__(self, form: QFormLayout) -> None:
        self._form = form
        self._labels: dict[str, QLabel] = {}
        self._fields: dict[str, QWidget] = {}

    def add_row(self, name: str, label: str, field: QWidget) -> None:
        self._form.addRow(label, field)
        set_buddy(self._form, field, field)
        if not field.accessibleName() and label:
            field.setAccessibleName(label.replace("&", "").rstrip(":"))
        error = QLabel()
        error.setObjectName(f"error_{name}")
        error.setWordWrap(True)
        error.setStyleSheet(error_style(field))
        error.setVisible(False)
        self._form.addRow("", error)
        self._labels[name] = error
        self._fields[name] = field

    def shown(self) -> bool:
        return any(not label.isHidden() for label in self._labels.values())

    def show(self, errors: dict[str, str], focus: bool = True) -> None:
        first = None
        for name, label in self._labels.items():
            message = errors.get(name, "")
            # The text, not only a colour, says what is wrong.
            label.setText(("⚠ " + message) if message else "")
            label.setVisible(bool(message))
            if message and first is None:
                first = self._fields[name]
        if first is not None and focus:
            first.setFocus()

    def message(self, name: str) -> str:
        return self._labels[name].text()
