"""The first run: a short dialog of steps, shown once, skippable, all changeable in Settings.

Three steps at most (issue 15): 1. which country's emergency number to show (suggested
from the system locale) and whether the person is 18 or over (supplement doses are for
adults, FACTS.md); 2. the magnesium dose and form, if they take one, with the safety notice
(ui/first_run_steps.py); 3. the caffeine limit and cutoff. Steps are small widgets listed
in `STEPS`. The dialog opens
after the main window has painted (app/), so a start that does not need it pays nothing,
and one that does still shows the window first.
"""

from __future__ import annotations

import html
from collections.abc import Callable
from typing import TYPE_CHECKING, Any

from PySide6.QtCore import Qt
from PySide6.QtWidgets import (
    QButtonGroup,
    QDialog,
    QFrame,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QRadioButton,
    QScrollArea,
    QStackedWidget,
    QVBoxLayout,
    QWidget,
)

from ..controllers.settings import FIRST_RUN_DONE
from ..core.knowledge import load_knowledge
from ..runtime.context import AppContext
from ..store.settings import get_setting
from .country_choice import CountryChoice, locale_country_code
from .first_run_steps import CaffeineStep, FirstRunStep, MagnesiumStep
from .screen_fit import resize_within_screen

if TYPE_CHECKING:
    from ..controllers.settings import SettingsController


class CountryStep(FirstRunStep):
    """Which country's emergency number the triage shows (the locale's, unless changed)."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.kb = load_knowledge()
        layout = QVBoxLayout(self)
        self._heading(
            layout,
            self.tr("Your emergency number"),
            self.tr(
                "If a check finds a sign of a stroke, LipTwitch shows the number to call. "
                "Which country are you in? Type to search."
            ),
        )
        self.choice = CountryChoice(automatic=False, kb=self.kb)
        self.choice.setObjectName("first_run_country")
        label = QLabel(self.tr("&Country:"))
        label.setBuddy(self.choice)
        layout.addWidget(label)
        layout.addWidget(self.choice)
        self.preview = QLabel()
        self.preview.setObjectName("first_run_preview")
        self.preview.setWordWrap(True)
        layout.addWidget(self.preview)
        layout.addStretch(1)
        # The locale's country as the suggestion; without one, nothing is pre-selected (no
        # country then means "unknown": the emergency page says "your local number").
        suggested = get_setting("emergency_country") or locale_country_code()
        self.choice.set_country(suggested or "")
        self.choice.choice_changed.connect(self._update)
        self.choice.currentIndexChanged.connect(lambda _i: self._update())
        self._update()

    def _update(self) -> None:
        code = self.choice.country()
        call = self.kb.emergency_call(code or None)
        if call.number is None:
            text = self.tr("The emergency page will say: <b>Call your local emergency number</b>")
        else:
            text = self.tr("The emergency page will say: <b>Call %1</b>").replace("%1", call.number)
        if not code:  # never an old choice kept quietly: say that none is chosen
            why = self.choice.nothing_chosen() or self.tr("No country is chosen yet.")
            text = html.escape(why) + " " + text
        elif call.not_emergency:  # here, never on the emergency page itself
            text += "<br>" + html.escape(call.not_emergency)
        self.preview.setText(text)
        self.changed.emit()

    def values(self) -> dict[str, Any]:
        self.choice.commit()  # text typed and not yet settled counts as what it means
        return {"emergency_country": self.choice.country()}


class AgeStep(FirstRunStep):
    """18 or over? Under 18, no supplement dose is suggested (FACTS.md)."""

    CHOICES = (
        ("yes", "Yes, I am 18 or over"),
        ("no", "No, I am under 18"),
        ("", "I'd rather not say"),
    )

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        layout = QVBoxLayout(self)
        self._heading(
            layout,
            self.tr("Are you 18 or over?"),
            self.tr(
                "Supplement doses (such as magnesium) are for adults. Under 18, LipTwitch "
                "suggests no dose and asks you to talk to a doctor or pharmacist."
            ),
        )
        self.group = QButtonGroup(self)
        self.buttons: dict[str, QRadioButton] = {}
        current = str(get_setting("adult"))
        for value, label in self.CHOICES:
            button = QRadioButton(self.tr(label))
            button.setObjectName(f"first_run_adult_{value or 'unsaid'}")
            self.group.addButton(button)
            self.buttons[value] = button
            layout.addWidget(button)
            button.setChecked(value == current)
        layout.addStretch(1)

    def values(self) -> dict[str, Any]:
        chosen = next((v for v, b in self.buttons.items() if b.isChecked()), "")
        return {"adult": chosen}


class YouStep(FirstRunStep):
    """Step 1: the country for the emergency number, and 18 or over."""

    def __init__(self, parent: QWidget | None = None) -> None:
        super().__init__(parent)
        self.country = CountryStep()
        self.age = AgeStep()
        # The country step's parts, as the tests and the dialog know them.
        self.choice, self.preview, self.buttons = (
            self.country.choice,
            self.country.preview,
            self.age.buttons,
        )
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.country)
        layout.addWidget(self.age)
        self.country.changed.connect(self.changed)
        self.age.group.buttonToggled.connect(lambda *_a: self.changed.emit())

    def values(self) -> dict[str, Any]:
        return {**self.country.values(), **self.age.values()}


# The steps, in order (three at most, issue 15). A later step is one more FirstRunStep.
STEPS: list[Callable[[], FirstRunStep]] = [YouStep, MagnesiumStep, CaffeineStep]


class FirstRunDialog(QDialog):
    """Back / Next / Finish, and Skip on every step. Finish saves every step's settings in
    one go; Skip (or closing the dialog) saves nothing but that it was shown. Both through
    the settings controller (one Change.SETTINGS)."""

    def __init__(
        self, ctx: AppContext, settings: SettingsController, parent: QWidget | None = None
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self._settings = settings
        self.setObjectName("first_run")
        self.setWindowTitle(self.tr("Welcome to LipTwitch"))
        self.steps = [factory() for factory in STEPS]
        # The steps scroll if the screen is small (a scale of 2 on a laptop).
        self.stack = QStackedWidget()
        for step in self.steps:
            area = QScrollArea()
            area.setWidgetResizable(True)
            area.setFrameShape(QFrame.Shape.NoFrame)
            area.setHorizontalScrollBarPolicy(Qt.ScrollBarPolicy.ScrollBarAlwaysOff)
            area.setWidget(step)
            self.stack.addWidget(area)
            step.changed.connect(self._update_buttons)
        self.progress = QLabel()
        self.progress.setObjectName("first_run_progress")
        note = QLabel(self.tr("You can change all of this later in Settings."))
        note.setWordWrap(True)
        note.setEnabled(False)
        self.skip_button = QPushButton(self.tr("&Skip"))
        self.skip_button.setObjectName("first_run_skip")
        self.back_button = QPushButton(self.tr("&Back"))
        self.back_button.setObjectName("first_run_back")
        self.next_button = QPushButton(self.tr("&Next"))
        self.next_button.setObjectName("first_run_next")
        self.next_button.setDefault(True)
        self.skip_button.clicked.connect(self.skip)
        self.back_button.clicked.connect(lambda: self.go(self.stack.currentIndex() - 1))
        self.next_button.clicked.connect(self._next)
        buttons = QHBoxLayout()
        buttons.addWidget(self.skip_button)
        buttons.addStretch(1)
        buttons.addWidget(self.progress)
        buttons.addWidget(self.back_button)
        buttons.addWidget(self.next_button)
        layout = QVBoxLayout(self)
        layout.addWidget(self.stack, 1)
        layout.addWidget(note)
        layout.addLayout(buttons)
        resize_within_screen(self, 560, 460)
        self.go(0)

    def go(self, index: int) -> None:
        index = max(0, min(index, len(self.steps) - 1))
        self.stack.setCurrentIndex(index)
        last = index == len(self.steps) - 1
        self.back_button.setEnabled(index > 0)
        self.next_button.setText(self.tr("&Finish") if last else self.tr("&Next"))
        self.progress.setText(
            self.tr("Step %1 of %2")
            .replace("%1", str(index + 1))
            .replace("%2", str(len(self.steps)))
        )
        step = self.steps[index]
        if isinstance(step, MagnesiumStep):  # under 18: no dose offered
            step.set_under_18(self.values().get("adult") == "no")
        self._update_buttons()
        self.steps[index].setFocus(Qt.FocusReason.OtherFocusReason)

    def _update_buttons(self) -> None:
        step = self.steps[self.stack.currentIndex()]
        self.next_button.setEnabled(step.ready())

    def _next(self) -> None:
        if self.stack.currentIndex() < len(self.steps) - 1:
            self.go(self.stack.currentIndex() + 1)
        else:
            self.finish()

    def values(self) -> dict[str, Any]:
        chosen: dict[str, Any] = {}
        for step in self.steps:
            chosen.update(step.values())
        if chosen.get("adult") == "no":  # never a dose for someone under 18 (FACTS.md)
            for key in ("magnesium_dose_mg", "magnesium_form", "magnesium_dose_confirmed"):
                chosen.pop(key, None)
        return chosen

    def finish(self) -> None:
        self._settings.set_many({**self.values(), FIRST_RUN_DONE: True})
        self.accept()

    def skip(self) -> None:
        self.reject()

    def done(self, result: int) -> None:
        if not get_setting(FIRST_RUN_DONE):  # skipped or closed: shown once all the same
            self._settings.set(FIRST_RUN_DONE, True)
        super().done(result)


def first_run_needed() -> bool:
    return not get_setting(FIRST_RUN_DONE)


def show_first_run_if_needed(
    ctx: AppContext, settings: SettingsController, window: Any
) -> FirstRunDialog | None:
    """After the first paint: open the first run over the window if it was never shown.

    `window` is the main window or its on-demand holder (started hidden in the tray, the
    dialog waits until the window is first built)."""
    from .window_on_demand import WindowOnDemand

    if not first_run_needed():
        return None
    if isinstance(window, WindowOnDemand):
        if not window.is_built:
            window.when_built(lambda built: show_first_run_if_needed(ctx, settings, built))
            return None
        window = window.get()
    parent = window
    dialog = FirstRunDialog(ctx, settings, parent)
    dialog.setAttribute(Qt.WidgetAttribute.WA_DeleteOnClose)
    dialog.open()
    return dialog
