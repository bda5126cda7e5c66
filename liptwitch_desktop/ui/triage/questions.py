"""One widget per knowledge-base question, built from its kind (yes/no, choice, multi, number).

Every control is reachable by keyboard (Tab between questions, arrows inside a group, Space
to tick) and carries the question text as its accessible name or buddy label.
"""

from __future__ import annotations

from collections.abc import Sequence

from PySide6.QtCore import Qt, Signal
from PySide6.QtWidgets import (
    QAbstractButton,
    QButtonGroup,
    QCheckBox,
    QComboBox,
    QDoubleSpinBox,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QVBoxLayout,
    QWidget,
)

from ...core.knowledge.model import Drink, Question
from ...core.triage.result import AnswerValue


class QuestionWidget(QFrame):
    """A question and its answer controls. `value()` is None while unanswered.

    A value put in from the log (`prefill`) is remembered, so the wizard can tell an answer
    the person gave from a pre-fill they left as it was (`is_prefilled()`): only the first
    is "You said".
    """

    changed = Signal()

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.question = question
        self.setObjectName(f"question_{question.id}")
        self.setAccessibleName(question.text)
        self.label = QLabel(question.text)
        self.label.setWordWrap(True)
        font = self.label.font()
        font.setBold(True)
        self.label.setFont(font)
        self.note = QLabel()  # e.g. "From your log: ..."
        self.note.setWordWrap(True)
        self.note.hide()
        self._layout = QVBoxLayout(self)
        self._layout.setContentsMargins(0, 6, 0, 6)
        self._layout.addWidget(self.label)
        if question.hint:  # "If you are not sure how fast it came on, choose Not sure."
            self.hint = QLabel(question.hint)
            self.hint.setObjectName(f"hint_{question.id}")
            self.hint.setWordWrap(True)
            self._layout.addWidget(self.hint)
            self.setAccessibleDescription(question.hint)
        self._prefilled: AnswerValue | None = None

    def value(self) -> AnswerValue | None:
        raise NotImplementedError

    def set_value(self, value: AnswerValue | None) -> None:
        raise NotImplementedError

    def prefill(self, value: AnswerValue) -> None:
        """Put in a value from the log; until changed it is the log's, not the person's."""
        self.set_value(value)
        self._prefilled = self.value()

    def is_prefilled(self) -> bool:
        """The value is still the one the log put in (the person has not changed it)."""
        return self._prefilled is not None and self.value() == self._prefilled

    def show_note(self, text: str) -> None:
        self.note.setText(text)
        self.note.show()


class ButtonsQuestion(QuestionWidget):
    """yes_no and choice (radio buttons, one answer) and multi (check boxes)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        if question.kind == "yes_no":
            options = [("yes", self.tr("Yes")), ("no", self.tr("No"))]
            if question.warning:  # a warning sign takes "not sure" (counted as yes)
                options.append(("unsure", self.tr("Not sure")))
        else:
            options = [(o.id, o.label) for o in question.options]
        self.multi = question.kind == "multi"
        self.group = QButtonGroup(self)
        self.group.setExclusive(not self.multi)
        self.buttons: dict[str, QAbstractButton] = {}
        row = QHBoxLayout() if question.kind == "yes_no" else QVBoxLayout()
        for option_id, label in options:
            button: QAbstractButton = QCheckBox(label) if self.multi else QRadioButton(label)
            button.setObjectName(f"{question.id}__{option_id}")
            button.setAccessibleDescription(question.text)
            self.group.addButton(button)
            self.buttons[option_id] = button
            row.addWidget(button)
            button.toggled.connect(lambda _on: self.changed.emit())
        if question.kind == "yes_no":
            row.addStretch(1)
        self._layout.addLayout(row)
        self._layout.addWidget(self.note)

    def value(self) -> AnswerValue | None:
        checked = tuple(k for k, b in self.buttons.items() if b.isChecked())
        if self.multi:
            return checked
        return checked[0] if checked else None

    def set_value(self, value: AnswerValue | None) -> None:
        chosen: Sequence[object] = (
            () if value is None else value if isinstance(value, tuple) else (value,)
        )
        if not self.multi:
            # An exclusive group refuses to uncheck its last button; lift that for a reset.
            self.group.setExclusive(False)
        for key, button in self.buttons.items():
            button.setChecked(key in chosen)
        self.group.setExclusive(not self.multi)

    def button(self, option_id: str) -> QAbstractButton:
        return self.buttons[option_id]


class NumberQuestion(QuestionWidget):
    """A number with its unit; the lowest step reads "Not sure" (unanswered)."""

    def __init__(self, question: Question, parent: QWidget | None = None) -> None:
        super().__init__(question, parent)
        assert question.min is not None and question.max is not None
        self.spin = QDoubleSpinBox()
        self.spin.setObjectName(f"{question.id}__value")
        self.spin.setAccessibleName(question.text)
        decimals = 1 if question.unit == "h" else 0
        step = 0.5 if question.unit == "h" else 10
        self.spin.setDecimals(decimals)
        self.spin.setSingleStep(step)
        self.not_sure = question.min - step
        self.spin.setRange(self.not_sure, question.max)
        self.spin.setSpecialValueText(self.tr("Not sure"))
        self.spin.setSuffix(f" {question.unit}")
        self.spin.setValue(self.not_sure)
        self.spin.valueChanged.connect(lambda _v: self.changed.emit())
        self.label.setBuddy(self.spin)
        self.row = QHBoxLayout()
        self.row.addWidget(self.spin)
        self.row.addStretch(1)
        self._layout.addLayout(self.row)
        self._layout.addWidget(self.note)

    def value(self) -> AnswerValue | None:
        if self.spin.value() <= self.not_sure:
            return None
        return float(self.spin.value())

    def set_value(self, value: AnswerValue | None) -> None:
        if isinstance(value, tuple):
            raise TypeError(f"a number question cannot hold {value!r}")
        self.spin.setValue(self.not_sure if value is None else float(value))


class CaffeineQuestion(NumberQuestion):
    """The daily caffeine total, with the drink presets to add up a usual day."""

    def __init__(
        self, question: Question, drinks: Sequence[Drink], parent: QWidget | None = None
    ) -> None:
        super().__init__(question, parent)
        self.drinks = list(drinks)
        self.drink_box = QComboBox()
        self.drink_box.setObjectName("caffeine_drink")
        self.drink_box.setAccessibleName(self.tr("Drink to add"))
        for drink in self.drinks:
            self.drink_box.addItem(
                self.tr("{label}: {mg:g} mg").format(label=drink.label, mg=drink.caffeine_mg),
                drink.id,
            )
        self.add_button = QPushButton(self.tr("&Add drink"))
        self.add_button.setObjectName("caffeine_add")
        self.add_button.setAccessibleName(self.tr("Add the chosen drink to the daily total"))
        self.add_button.clicked.connect(self.add_selected_drink)
        self.clear_button = QPushButton(self.tr("Start &over"))
        self.clear_button.setAccessibleName(self.tr("Set the daily caffeine total to zero"))
        self.clear_button.clicked.connect(lambda: self.spin.setValue(0))
        drinks_row = QHBoxLayout()
        drink_label = QLabel(self.tr("Add up a usual day:"))
        drink_label.setBuddy(self.drink_box)
        drinks_row.addWidget(drink_label)
        drinks_row.addWidget(self.drink_box, 1)
        drinks_row.addWidget(self.add_button)
        drinks_row.addWidget(self.clear_button)
        self._layout.insertLayout(self._layout.count() - 1, drinks_row)

        self.tally = QLabel()  # the drinks added, visibly: "espresso 63 mg + ... = 126 mg"
        self.tally.setObjectName("caffeine_tally")
        self.tally.setWordWrap(True)
        self.tally.hide()
        self._layout.insertWidget(self._layout.count() - 1, self.tally)
        self.added: list[Drink] = []
        self.clear_button.clicked.connect(self._start_over)
        self.spin.valueChanged.connect(self._typed)

    def add_selected_drink(self) -> None:
        """Add a drink to what the person entered; a figure from the log is not theirs, so
        the first drink after a pre-fill starts the total from nothing, and says so."""
        drink = self.drinks[self.drink_box.currentIndex()]
        replacing = self.is_prefilled()
        if replacing:
            self.added = []
            self._prefilled = None
        current = None if replacing else self.value()
        base = float(current) if isinstance(current, int | float) else 0.0
        if not self.added and base:
            self.added = [Drink("entered", self.tr("what you entered"), 0, base, ())]
        self.added.append(drink)
        self.spin.setValue(base + drink.caffeine_mg)
        parts = [f"{d.label} {d.caffeine_mg:g} mg" for d in self.added]
        total = sum(d.caffeine_mg for d in self.added)
        text = " + ".join(parts) + f" = {total:g} mg"
        if replacing:
            text = self.tr("Your drinks, instead of the figure from your log: %1").replace(
                "%1", text
            )
        else:
            text = self.tr("Your drinks: %1").replace("%1", text)
        self.tally.setText(text)
        self.tally.show()

    def _typed(self, value: float) -> None:
        """A figure typed in by hand replaces the drinks added up so far."""
        if self.added and abs(value - sum(d.caffeine_mg for d in self.added)) > 0.01:
            self.added = []
            self.tally.hide()

    def _start_over(self) -> None:
        self.added = []
        self._prefilled = None
        self.tally.hide()


def make_question_widget(
    question: Question, drinks: Sequence[Drink] = (), parent: QWidget | None = None
) -> QuestionWidget:
    if question.kind == "number":
        if question.unit == "mg" and question.id.startswith("caffeine"):
            return CaffeineQuestion(question, drinks, parent)
        return NumberQuestion(question, parent)
    widget = ButtonsQuestion(question, parent)
    widget.label.setTextInteractionFlags(Qt.TextInteractionFlag.NoTextInteraction)
    return widget
