"""Add or edit a medicine: name, dose, how often, started, stopped, why, notes."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import QCheckBox, QDateEdit, QLabel, QLineEdit, QPlainTextEdit, QWidget

from ...core.medicines import Medicine, validate_medicine
from .base import ValidatingDialog


def _qdate(day: date) -> QDate:
    return QDate(day.year, day.month, day.day)


def _pydate(value: QDate) -> date:
    return date(value.year(), value.month(), value.day())


class MedicineDialog(ValidatingDialog):
    """The "still taking it" box decides whether there is a stop date, so none is guessed."""

    def __init__(
        self,
        now: Callable[[], datetime],
        today: Callable[[], date],
        medicine: Medicine | None = None,
        parent: QWidget | None = None,
    ) -> None:
        editing = medicine is not None and medicine.id is not None
        super().__init__(
            self.tr("Edit medicine") if editing else self.tr("Started a new medicine"), now, parent
        )
        self._today = today
        self._original = medicine
        current = medicine or Medicine(name="", started=today())

        self.name = QLineEdit(current.name)
        self.name.setPlaceholderText(self.tr("e.g. salbutamol inhaler"))
        self.errors.add_row("name", self.tr("&Name:"), self.name)
        self.dose = QLineEdit(current.dose)
        self.dose.setPlaceholderText(self.tr("e.g. 100 µg, 10 mg"))
        self.errors.add_row("dose", self.tr("&Dose:"), self.dose)
        self.frequency = QLineEdit(current.frequency)
        self.frequency.setPlaceholderText(self.tr("e.g. twice a day, as needed"))
        self.errors.add_row("frequency", self.tr("&How often:"), self.frequency)

        self.started = QDateEdit(_qdate(current.started))
        self.started.setCalendarPopup(True)
        self.started.setDisplayFormat("yyyy-MM-dd")
        self.errors.add_row("started", self.tr("&Started:"), self.started)

        self.taking = QCheckBox(self.tr("I am still &taking it"))
        self.taking.setChecked(current.stopped is None)
        self.errors.add_row("taking", self.tr("Now:"), self.taking)
        self.stopped = QDateEdit(_qdate(current.stopped or today()))
        self.stopped.setCalendarPopup(True)
        self.stopped.setDisplayFormat("yyyy-MM-dd")
        self.errors.add_row("stopped", self.tr("Sto&pped:"), self.stopped)
        self.taking.toggled.connect(lambda on: self.stopped.setEnabled(not on))
        self.stopped.setEnabled(not self.taking.isChecked())

        self.reason = QLineEdit(current.reason)
        self.reason.setPlaceholderText(self.tr("what it was prescribed for"))
        self.errors.add_row("reason", self.tr("&Why:"), self.reason)
        self.notes = QPlainTextEdit(current.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.errors.add_row("notes", self.tr("N&otes:"), self.notes)
        hint = self.tr(
            "Never stop a prescribed medicine without talking to your doctor, even if you "
            "think it causes the twitch."
        )
        warning = QLabel(hint)
        warning.setWordWrap(True)
        self.form.addRow("", warning)

    def medicine(self) -> Medicine:
        return Medicine(
            id=self._original.id if self._original else None,
            name=self.name.text(),
            dose=self.dose.text(),
            frequency=self.frequency.text(),
            started=_pydate(self.started.date()),
            stopped=None if self.taking.isChecked() else _pydate(self.stopped.date()),
            reason=self.reason.text(),
            notes=self.notes.toPlainText(),
        )

    def validate(self) -> dict[str, str]:
        return validate_medicine(self.medicine(), self._today())
