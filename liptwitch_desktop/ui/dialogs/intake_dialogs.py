"""Log or edit a drink, a magnesium dose, water or a food."""

from __future__ import annotations

from collections.abc import Callable, Sequence
from datetime import datetime, tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QDateTimeEdit,
    QDoubleSpinBox,
    QLabel,
    QLineEdit,
    QWidget,
)

from ...core.drinks import Drink
from ...core.entries import MAGNESIUM_FORMS, TRIGGER_FOODS, Intake, IntakeKind
from ...core.magnesium import DEFAULT_DOSE_MG
from ...core.validation import validate_intake
from ..timeedit import from_qdatetime, to_qdatetime
from .base import ValidatingDialog

if TYPE_CHECKING:
    from PySide6.QtCore import Qt

CUSTOM = "__custom__"


class IntakeDialog(ValidatingDialog):
    """One dialog for every intake kind: the fields follow the kind."""

    def __init__(
        self,
        kind: IntakeKind,
        now: Callable[[], datetime],
        zone: tzinfo,
        drinks: Sequence[Drink] = (),
        intake: Intake | None = None,
        default_magnesium_mg: float = DEFAULT_DOSE_MG,
        default_magnesium_form: str = "glycinate",
        dose_note: Callable[[float], str] | None = None,
        parent: QWidget | None = None,
    ) -> None:
        titles = {
            IntakeKind.CAFFEINE: self.tr("Log drink"),
            IntakeKind.MAGNESIUM: self.tr("Log magnesium"),
            IntakeKind.WATER: self.tr("Log water"),
            IntakeKind.POTASSIUM_FOOD: self.tr("Log potassium-rich food"),
            IntakeKind.TRIGGER_FOOD: self.tr("Log a possible trigger food"),
        }
        super().__init__(titles[kind], now, parent)
        self.kind = kind
        self._original = intake
        self._dose_note = dose_note
        when = intake.taken_at if intake else now()
        self.taken = QDateTimeEdit(to_qdatetime(when, zone))
        self.taken.setCalendarPopup(True)
        self.taken.setDisplayFormat("yyyy-MM-dd HH:mm")
        self.errors.add_row("taken_at", self.tr("&When:"), self.taken)

        self.amount = QDoubleSpinBox()
        self.amount.setDecimals(0)
        self.recheck_on(self.taken.dateTimeChanged, self.amount.valueChanged)
        self.label_edit = QLineEdit(intake.label if intake else "")
        self.choice = QComboBox()
        self.note = QLabel()
        self.note.setWordWrap(True)

        if kind is IntakeKind.CAFFEINE:
            for drink in drinks:
                self.choice.addItem(
                    f"{drink.label} — {drink.caffeine_mg:g} mg", (drink.label, drink.caffeine_mg)
                )
            self.choice.addItem(self.tr("Other drink…"), CUSTOM)
            self.errors.add_row("drink", self.tr("&Drink:"), self.choice)
            self.label_edit.setPlaceholderText(self.tr("Name of the drink"))
            self.errors.add_row("label", self.tr("&Name:"), self.label_edit)
            self.amount.setRange(-1, 5000)
            self.amount.setSuffix(self.tr(" mg caffeine"))
            self.errors.add_row("caffeine_mg", self.tr("&Caffeine:"), self.amount)
            self.remember = QCheckBox(self.tr("&Remember this drink for next time"))
            self.form.addRow("", self.remember)
            self.choice.currentIndexChanged.connect(self._drink_chosen)
            if intake is not None:
                index = self.choice.findText(intake.label, flags=_starts_with())
                self.choice.setCurrentIndex(index if index >= 0 else self.choice.count() - 1)
                self.amount.setValue(intake.caffeine_mg or 0)
                self.label_edit.setText(intake.label)
            else:
                self._drink_chosen(0)
        elif kind is IntakeKind.MAGNESIUM:
            for value, label in MAGNESIUM_FORMS.items():
                self.choice.addItem(self.tr(label), value)
            form = intake.label if intake else default_magnesium_form
            self.choice.setCurrentIndex(max(0, self.choice.findData(form)))
            self.errors.add_row("label", self.tr("&Form:"), self.choice)
            self.amount.setRange(-1, 5000)
            self.amount.setSuffix(self.tr(" mg elemental"))
            self.amount.setValue((intake.magnesium_mg or 0) if intake else default_magnesium_mg)
            self.amount.setToolTip(
                self.tr("The elemental magnesium printed on the label, not the compound weight.")
            )
            self.errors.add_row("magnesium_mg", self.tr("&Amount:"), self.amount)
            self.form.addRow("", self.note)
            self.amount.valueChanged.connect(self._update_note)
            self._update_note(self.amount.value())
        elif kind is IntakeKind.WATER:
            self.amount.setRange(-1, 10000)
            self.amount.setSingleStep(50)
            self.amount.setSuffix(self.tr(" ml"))
            self.amount.setValue((intake.water_ml or 0) if intake else 250)
            self.errors.add_row("water_ml", self.tr("&Amount:"), self.amount)
        elif kind is IntakeKind.TRIGGER_FOOD:
            self.choice.setEditable(True)
            for value, label in TRIGGER_FOODS.items():
                self.choice.addItem(self.tr(label), value)
            if intake is not None:
                index = self.choice.findData(intake.label)
                if index >= 0:
                    self.choice.setCurrentIndex(index)
                else:
                    self.choice.setEditText(intake.label)
            self.errors.add_row("label", self.tr("&Food:"), self.choice)
        else:
            self.label_edit.setPlaceholderText(self.tr("e.g. banana, avocado, spinach"))
            self.errors.add_row("label", self.tr("&Food:"), self.label_edit)

    def _drink_chosen(self, index: int) -> None:
        data = self.choice.itemData(index)
        custom = data == CUSTOM
        self.label_edit.setEnabled(custom)
        self.remember.setVisible(custom)
        self.remember.setChecked(False)
        if not custom and data:
            label, mg = data
            self.label_edit.setText(label)
            self.amount.setValue(mg)
        elif custom:  # an empty form: no preset's name or caffeine left in it
            self.label_edit.clear()
            self.amount.setValue(0)
            self.label_edit.setFocus()

    def choose_other_drink(self) -> None:
        """Open on "Other drink…" (chosen from the drinks menu), with nothing filled in."""
        self.choice.setCurrentIndex(self.choice.count() - 1)

    def _update_note(self, mg: float) -> None:
        # No dose yet (the first dose is asked with an empty field): nothing to check.
        self.note.setText(self._dose_note(mg) if self._dose_note and mg > 0 else "")
        self.note.setVisible(bool(self.note.text()))
        if self.isVisible():
            self.grow_soon()

    def remember_drink(self) -> dict[str, object] | None:
        """The custom drink to keep as a preset, if the person asked for it."""
        if self.kind is not IntakeKind.CAFFEINE or not self.remember.isChecked():
            return None
        return {"label": self.label_edit.text().strip(), "caffeine_mg": self.amount.value()}

    def intake(self) -> Intake:
        taken_at = from_qdatetime(self.taken.dateTime())
        original_id = self._original.id if self._original else None
        amount = self.amount.value()
        if self.kind is IntakeKind.CAFFEINE:
            return Intake(
                taken_at, self.kind, self.label_edit.text(), caffeine_mg=amount, id=original_id
            )
        if self.kind is IntakeKind.MAGNESIUM:
            return Intake(
                taken_at, self.kind, self.choice.currentData(), magnesium_mg=amount, id=original_id
            )
        if self.kind is IntakeKind.WATER:
            return Intake(taken_at, self.kind, "", water_ml=amount, id=original_id)
        if self.kind is IntakeKind.TRIGGER_FOOD:
            data = self.choice.currentData()
            text = self.choice.currentText()
            label = data if data and TRIGGER_FOODS.get(data) == text else text.strip()
            return Intake(taken_at, self.kind, label, id=original_id)
        return Intake(taken_at, self.kind, self.label_edit.text(), id=original_id)

    def validate(self) -> dict[str, str]:
        errors = validate_intake(self.intake(), self._now())
        missing_name = not self.label_edit.text().strip()
        if self.kind is IntakeKind.CAFFEINE and "label" not in errors and missing_name:
            errors["label"] = self.tr("Say which drink.")
        return errors


def _starts_with() -> Qt.MatchFlag:
    from PySide6.QtCore import Qt

    return Qt.MatchFlag.MatchStartsWith
