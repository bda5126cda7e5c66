"""The daily check-in: last night's sleep, today's stress, teeth grinding."""

from __future__ import annotations

from collections.abc import Callable
from datetime import date, datetime

from PySide6.QtCore import QDate
from PySide6.QtWidgets import (
    QCheckBox,
    QDateEdit,
    QDoubleSpinBox,
    QPlainTextEdit,
    QSpinBox,
    QWidget,
)

from ...core.entries import CheckIn
from ...core.validation import validate_checkin
from .base import ValidatingDialog


class _HoursBox(QDoubleSpinBox):
    """Up from "not given" goes to 0 h, not to -0.5 h (an error)."""

    def stepBy(self, steps: int) -> None:
        if self.value() == self.minimum() and steps > 0:
            self.setValue(0.0)
            return
        super().stepBy(steps)


class CheckInDialog(ValidatingDialog):
    def __init__(
        self,
        now: Callable[[], datetime],
        day: date,
        checkin: CheckIn | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(self.tr("Daily check-in"), now, parent)
        self._original = checkin
        current = checkin or CheckIn(day=day)
        self.day = QDateEdit(QDate(current.day.year, current.day.month, current.day.day))
        self.day.setCalendarPopup(True)
        self.day.setDisplayFormat("yyyy-MM-dd")
        self.errors.add_row("day", self.tr("&Day:"), self.day)

        self.sleep = _HoursBox()
        self.sleep.setRange(-1, 30)
        self.sleep.setDecimals(1)
        self.sleep.setSingleStep(0.5)
        self.sleep.setSuffix(self.tr(" h"))
        self.sleep.setSpecialValueText(self.tr("not given"))
        # A new check-in starts empty ("not given"): no invented 7 h or stress 3.
        self.sleep.setValue(current.sleep_hours if current.sleep_hours is not None else -1)
        self.errors.add_row("sleep_hours", self.tr("&Sleep last night:"), self.sleep)

        self.stress = QSpinBox()
        self.stress.setRange(-1, 11)
        self.stress.setSpecialValueText(self.tr("not given"))
        self.stress.setValue(current.stress if current.stress is not None else -1)
        self.stress.setToolTip(self.tr("0 = none, 10 = the worst"))
        self.errors.add_row("stress", self.tr("S&tress (0-10):"), self.stress)

        self.grinding = QCheckBox(self.tr("I noticed teeth &grinding or jaw clenching"))
        self.grinding.setChecked(current.grinding)
        self.errors.add_row("grinding", self.tr("Grinding:"), self.grinding)

        self.notes = QPlainTextEdit(current.notes)
        self.notes.setTabChangesFocus(True)
        self.notes.setMaximumHeight(70)
        self.errors.add_row("notes", self.tr("&Notes:"), self.notes)

    def checkin(self) -> CheckIn:
        qd = self.day.date()
        sleep = self.sleep.value()
        stress = self.stress.value()
        return CheckIn(
            id=self._original.id if self._original else None,
            day=date(qd.year(), qd.month(), qd.day()),
            # -1 is the spin boxes' "not given"; anything else out of range is an error.
            sleep_hours=None if sleep == self.sleep.minimum() else sleep,
            stress=None if stress == self.stress.minimum() else stress,
            grinding=self.grinding.isChecked(),
            notes=self.notes.toPlainText(),
        )

    def validate(self) -> dict[str, str]:
        checkin = self.checkin()
        errors = validate_checkin(checkin, self._now())
        empty = checkin.sleep_hours is None and checkin.stress is None
        if empty and not checkin.grinding and not checkin.notes.strip() and not errors:
            errors["sleep_hours"] = self.tr(
                "Give at least one: the hours you slept, your stress, grinding or a note."
            )
        return errors
