"""The first run's later steps: the magnesium supplement, if the person takes one (with the
safety notice, FACTS.md), and the caffeine limit and cutoff.

The figures come from the knowledge base (limits.toml: 400 mg a day, 200 mg in pregnancy),
never from literals here; every value is written by the dialog through the settings
controller, in one go, on Finish.
"""

from __future__ import annotations

from typing import Any

from PySide6.QtCore import QTime, Signal
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QComboBox,
    QFormLayout,
    QLabel,
    QRadioButton,
    QSpinBox,
    QTimeEdit,
    QVBoxLayout,
    QWidget,
)

from ..core.entries import MAGNESIUM_FORMS
from ..core.knowledge import load_knowledge
from ..core.settings_schema import parse_time
from ..store.settings import get_setting

MAGNESIUM_NOTICE_SHOWN = "magnesium_notice_shown"  # as controllers.settings names it


class FirstRunStep(QWidget):
    """One step: a title, a sentence, its controls, and the settings it sets."""

    title = ""
    changed = Signal()

    def values(self) -> dict[str, Any]:
        raise NotImplementedError

    def ready(self) -> bool:
        """Whether Next/Finish may go on (a step may need one more answer first)."""
        return True

    def _heading(self, layout: QVBoxLayout, title: str, text: str) -> None:
        heading = QLabel(title)
        font = QFont(heading.font())
        font.setPointSizeF(font.pointSizeF() * 1.4)
        font.setBold(True)
        heading.setFont(font)
        heading.setWordWrap(True)
        intro = QLabel(text)
        intro.setWordWrap(True)
        layout.addWidget(heading)
        layout.addWidget(intro)


class MagnesiumStep(FirstRunStep):
    """The dose and form from the label, if the person takes magnesium; the safety notice
    is read here ("I understand"), so Ctrl+M logs that dose from then on."""

    def __init__(self, under_18: bool = False, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        from ..reminders.texts import dose_message, interactions_notice

        self._dose_message = dose_message
        layout = QVBoxLayout(self)
        self._heading(
            layout,
            self.tr("Magnesium"),
            self.tr("If you take a magnesium supplement, LipTwitch can log it in one press."),
        )
        self.takes = QCheckBox(self.tr("I &take a magnesium supplement"))
        self.takes.setObjectName("first_run_magnesium_takes")
        layout.addWidget(self.takes)
        self.details = QWidget()
        form = QFormLayout(self.details)
        form.setContentsMargins(0, 0, 0, 0)
        self.dose = QSpinBox()
        self.dose.setRange(1, 2000)
        self.dose.setSuffix(self.tr(" mg elemental"))
        self.dose.setValue(int(get_setting("magnesium_dose_mg")))
        self.dose.setToolTip(self.tr("The elemental magnesium on the label"))
        form.addRow(self.tr("&Dose:"), self.dose)
        self.form_choice = QComboBox()
        for value, label in MAGNESIUM_FORMS.items():
            self.form_choice.addItem(self.tr(label), value)
        self.form_choice.setCurrentIndex(
            max(0, self.form_choice.findData(get_setting("magnesium_form")))
        )
        form.addRow(self.tr("&Form:"), self.form_choice)
        self.dose_note = QLabel()
        self.dose_note.setObjectName("first_run_dose_note")
        self.dose_note.setWordWrap(True)
        form.addRow(self.dose_note)
        self.notice = QLabel(interactions_notice())
        self.notice.setObjectName("first_run_magnesium_notice")
        self.notice.setWordWrap(True)
        form.addRow(self.notice)
        self.understood = QCheckBox(self.tr("I &understand"))
        self.understood.setObjectName("first_run_magnesium_understood")
        form.addRow(self.understood)
        layout.addWidget(self.details)
        self.under_18 = QLabel(
            self.tr(
                "You said you are under 18: LipTwitch suggests no supplement dose. Please "
                "talk to a doctor or pharmacist first."
            )
        )
        self.under_18.setWordWrap(True)
        layout.addWidget(self.under_18)
        layout.addStretch(1)
        for signal in (self.takes.toggled, self.understood.toggled, self.dose.valueChanged):
            signal.connect(lambda *_a: self._update())
        self.set_under_18(under_18)

    def set_under_18(self, under_18: bool) -> None:
        self._minor = under_18
        self.takes.setVisible(not under_18)
        if under_18:
            self.takes.setChecked(False)
        self.under_18.setVisible(under_18)
        self._update()

    def _update(self) -> None:
        self.details.setVisible(self.takes.isChecked() and not self._minor)
        message = self._dose_message(float(self.dose.value()))
        self.dose_note.setText(("⚠ " + message) if message else "")
        self.dose_note.setVisible(bool(message))
        self.changed.emit()

    def ready(self) -> bool:
        return not self.takes.isChecked() or self.understood.isChecked()

    def values(self) -> dict[str, Any]:
        if self._minor or not self.takes.isChecked() or not self.understood.isChecked():
            return {}
        return {
            "magnesium_dose_mg": self.dose.value(),
            "magnesium_form": self.form_choice.currentData(),
            "magnesium_dose_confirmed": True,
            MAGNESIUM_NOTICE_SHOWN: True,
        }


class CaffeineStep(FirstRunStep):
    """The daily limit (the healthy adult's, or pregnancy's) and the cutoff time."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        limits = load_knowledge().limits
        adult = int(limits["caffeine_mg_day"].value)
        pregnancy = int(limits["caffeine_mg_day_pregnancy"].value)
        layout = QVBoxLayout(self)
        self._heading(
            layout,
            self.tr("Caffeine"),
            self.tr("Too much caffeine, or caffeine late in the day, often goes with twitching."),
        )
        self.limits: dict[str, QRadioButton] = {}
        current = str(get_setting("caffeine_limit_mg"))
        for mg, label in (
            (adult, self.tr("%1 mg a day (the limit for healthy adults)")),
            (pregnancy, self.tr("%1 mg a day (pregnant or breastfeeding)")),
        ):
            button = QRadioButton(label.replace("%1", f"{mg:,}"))
            button.setObjectName(f"first_run_caffeine_{mg}")
            button.setChecked(str(mg) == current)
            self.limits[str(mg)] = button
            layout.addWidget(button)
        if not any(b.isChecked() for b in self.limits.values()):
            self.limits[str(adult)].setChecked(True)
        form = QFormLayout()
        self.cutoff = QTimeEdit()
        self.cutoff.setObjectName("first_run_cutoff")
        self.cutoff.setDisplayFormat("HH:mm")
        cutoff = parse_time(get_setting("caffeine_cutoff"))
        self.cutoff.setTime(QTime(cutoff.hour, cutoff.minute))
        form.addRow(self.tr("No caffeine &after:"), self.cutoff)
        layout.addLayout(form)
        layout.addStretch(1)

    def values(self) -> dict[str, Any]:
        limit = next(mg for mg, b in self.limits.items() if b.isChecked())
        return {
            "caffeine_limit_mg": limit,
            "caffeine_cutoff": self.cutoff.time().toString("HH:mm"),
        }
