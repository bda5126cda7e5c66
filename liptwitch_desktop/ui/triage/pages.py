"""The triage wizard's pages: questions (stroke signs alone first, then the other warning
signs, onset and causes), the result with its plan, and the emergency page.
"""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING

from PySide6.QtCore import Qt, QTimer
from PySide6.QtGui import QFont
from PySide6.QtWidgets import (
    QCheckBox,
    QGroupBox,
    QHBoxLayout,
    QLabel,
    QPushButton,
    QScrollArea,
    QTextBrowser,
    QVBoxLayout,
    QWidget,
    QWizardPage,
)

from ...core.knowledge.model import UNSURE, Question, Urgency
from ...core.triage.result import TriageResult
from ..dates import time_text
from .questions import ButtonsQuestion, QuestionWidget, make_question_widget
from .render import UrgencyBanner, result_html

if TYPE_CHECKING:
    from .wizard import TriageWizard  # the wizard imports these pages

PAGE_INTRO, PAGE_STROKE, PAGE_RED_FLAGS, PAGE_ONSET = 0, 1, 2, 3
PAGE_DAILY, PAGE_MEDICAL, PAGE_RESULT, PAGE_EMERGENCY = 4, 5, 6, 7


class QuestionsPage(QWizardPage):
    """A page of questions. `required` pages need every question answered to go on."""

    def __init__(
        self,
        wizard: TriageWizard,
        title: str,
        intro: str,
        questions: Sequence[Question],
        *,
        required: bool = False,
    ) -> None:
        super().__init__()
        self.triage_wizard = wizard
        self.required = required
        self.setTitle(title)
        self.setSubTitle(intro)
        self.widgets: list[QuestionWidget] = []
        inner = QWidget()
        column = QVBoxLayout(inner)
        for question in questions:
            widget = make_question_widget(question, wizard.kb.drinks)
            widget.changed.connect(self.completeChanged)
            self.widgets.append(widget)
            column.addWidget(widget)
        column.addStretch(1)
        self.scroll_area = QScrollArea()
        self.scroll_area.setWidgetResizable(True)
        self.scroll_area.setWidget(inner)
        self.scroll_area.setFrameShape(QScrollArea.Shape.NoFrame)
        layout = QVBoxLayout(self)
        layout.setContentsMargins(0, 0, 0, 0)
        layout.addWidget(self.scroll_area)

    def initializePage(self) -> None:
        if self.widgets:
            first = self.widgets[0]
            target = (
                next(iter(first.buttons.values()))
                if isinstance(first, ButtonsQuestion)
                else first.focusProxy() or first
            )
            QTimer.singleShot(0, target, target.setFocus)  # context: no call once deleted

    def isComplete(self) -> bool:
        if not self.required:
            return True
        return all(w.value() is not None for w in self.widgets)


class StrokePage(QuestionsPage):
    def __init__(self, wizard: TriageWizard) -> None:
        super().__init__(
            wizard,
            wizard.tr("First: signs of a stroke"),
            wizard.tr(
                'Answer each one; "Not sure" counts as yes. If any of these came on '
                "suddenly, at any time, the wizard stops and shows your emergency number."
            ),
            wizard.kb.questions_on("stroke"),
            required=True,
        )
        for widget in self.widgets:
            assert isinstance(widget, ButtonsQuestion)
            widget.button("yes").toggled.connect(self._yes_toggled)
            widget.button(UNSURE).toggled.connect(self._yes_toggled)  # not sure counts as yes

    def any_yes(self) -> bool:
        return any(w.value() in ("yes", UNSURE) for w in self.widgets)

    def _yes_toggled(self, checked: bool) -> None:
        if checked and self.triage_wizard.currentPage() is self:
            # End at once: no more questions when a stroke sign is there.
            QTimer.singleShot(0, self.triage_wizard, self.triage_wizard.next)

    def isComplete(self) -> bool:
        return self.any_yes() or super().isComplete()

    def nextId(self) -> int:
        return PAGE_EMERGENCY if self.any_yes() else PAGE_RED_FLAGS


class RedFlagsPage(QuestionsPage):
    def __init__(self, wizard: TriageWizard) -> None:
        super().__init__(
            wizard,
            wizard.tr("Other warning signs"),
            wizard.tr(
                'These change what you should do next. Answer each one; "Not sure" counts as yes.'
            ),
            wizard.kb.questions_on("red_flags"),
            required=True,
        )

    def nextId(self) -> int:
        # A sign that needs a doctor within days goes straight to the result.
        urgency = self.triage_wizard.current_result().urgency
        return PAGE_RESULT if urgency.at_least(Urgency.DOCTOR_SOON) else PAGE_ONSET


class ResultPage(QWizardPage):
    def __init__(self, wizard: TriageWizard) -> None:
        super().__init__()
        self.triage_wizard = wizard
        self.setTitle(wizard.tr("Your result"))
        self.banner = UrgencyBanner()
        self.body = QTextBrowser()
        self.body.setObjectName("result_body")
        self.body.setAccessibleName(wizard.tr("Result details"))
        self.body.setOpenLinks(False)
        self.actions_box = QGroupBox(wizard.tr("Adopt a plan (creates reminders)"))
        self.actions_layout = QVBoxLayout(self.actions_box)
        self.action_boxes: dict[str, QCheckBox] = {}
        self.save_button = QPushButton(wizard.tr("&Save"))
        self.save_button.setObjectName("triage_save")
        self.save_button.clicked.connect(wizard.save)
        self.pdf_button = QPushButton(wizard.tr("Save as &PDF…"))
        self.pdf_button.setObjectName("triage_pdf")
        self.pdf_button.clicked.connect(wizard.ask_pdf_path)
        self.print_button = QPushButton(wizard.tr("P&rint…"))
        self.print_button.setObjectName("triage_print")
        self.print_button.clicked.connect(wizard.ask_print)
        self.saved_label = QLabel()
        buttons = QHBoxLayout()
        buttons.addWidget(self.save_button)
        buttons.addWidget(self.pdf_button)
        buttons.addWidget(self.print_button)
        buttons.addWidget(self.saved_label, 1)
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.body, 1)
        from ..experiment.test_links import TestThisBar  # issue 17: test a likely cause

        self.test_bar = TestThisBar()
        layout.addWidget(self.test_bar)
        layout.addWidget(self.actions_box)
        layout.addLayout(buttons)

    def initializePage(self) -> None:
        wizard = self.triage_wizard
        result = wizard.compute_result()
        self.banner.show_result(result)
        self.body.setHtml(result_html(result))
        # Not beside a result that says see a doctor: that comes first, no experiment.
        calm = result.urgency.value in ("self_care", "doctor_routine")
        self.test_bar.set_causes(c.id for c in result.causes if calm)
        for box in self.action_boxes.values():
            box.deleteLater()
        self.action_boxes = {}
        for item in result.plan.actions:
            box = QCheckBox(item.title)
            box.setObjectName(f"adopt_{item.id}")
            if wizard.kb.action(item.id).reminder == "magnesium":
                box.toggled.connect(lambda on, b=box: self._magnesium_ticked(b, on))
            box.toggled.connect(wizard.adopted_changed)
            self.action_boxes[item.id] = box
            self.actions_layout.addWidget(box)
        self.actions_box.setVisible(bool(result.plan.actions))
        self.saved_label.clear()
        self.save_button.setEnabled(True)
        QTimer.singleShot(0, self.body, self.body.setFocus)

    def adopted(self) -> list[str]:
        return [key for key, box in self.action_boxes.items() if box.isChecked()]

    def _magnesium_ticked(self, box: QCheckBox, on: bool) -> None:
        """The magnesium safety notice comes before a magnesium reminder is adopted."""
        from ..magnesium_notice import confirm_magnesium_notice

        if on and not confirm_magnesium_notice(self, self.triage_wizard.settings):
            box.setChecked(False)

    def nextId(self) -> int:
        return -1


class EmergencyPage(QWizardPage):
    def __init__(self, wizard: TriageWizard) -> None:
        super().__init__()
        self.triage_wizard = wizard
        self.setTitle(wizard.tr("Call for help now"))
        self.banner = UrgencyBanner()
        self.number = QLabel()
        self.number.setObjectName("emergency_number")
        font = QFont(self.number.font())
        self.base_size = font.pointSizeF()
        font.setPointSizeF(self.base_size * 4)
        font.setBold(True)
        self.number.setFont(font)
        self.number.setWordWrap(True)
        self.number.setAlignment(Qt.AlignmentFlag.AlignCenter)
        # Focusable, so a screen reader announces the number first, but without a text cursor
        # blinking after it (keyboard selection would draw one).
        self.number.setTextInteractionFlags(Qt.TextInteractionFlag.TextSelectableByMouse)
        self.number.setFocusPolicy(Qt.FocusPolicy.StrongFocus)
        self.number_note = QLabel()
        self.number_note.setWordWrap(True)
        self.number_note.setAlignment(Qt.AlignmentFlag.AlignCenter)
        self.started = QLabel()
        self.started.setWordWrap(True)
        self.body = QTextBrowser()
        self.body.setAccessibleName(wizard.tr("Why"))
        layout = QVBoxLayout(self)
        layout.addWidget(self.banner)
        layout.addWidget(self.number)
        layout.addWidget(self.number_note)
        layout.addWidget(self.started)
        layout.addWidget(self.body, 1)

    def initializePage(self) -> None:
        wizard = self.triage_wizard
        result = wizard.compute_result()
        self.banner.show_result(result)
        font = QFont(self.number.font())
        if result.emergency_number is not None:
            self.number.setText(self.tr("Call %1").replace("%1", result.emergency_number))
            self.number.setAccessibleName(
                self.tr("Emergency number %1").replace("%1", " ".join(result.emergency_number))
            )
            font.setPointSizeF(self.base_size * 4)
        else:
            # Never a specific number in large type for a country not in the table.
            self.number.setText(self.tr("Call your local emergency number"))
            self.number.setAccessibleName(self.tr("Call your local emergency number"))
            font.setPointSizeF(self.base_size * 2.5)
        self.number.setFont(font)
        self.number_note.setText(result.emergency_note)
        self.number_note.setVisible(bool(result.emergency_note))
        now = wizard.ctx.clock.now().astimezone(wizard.ctx.zone)
        # The advice below says "Note the time it started": this only gives the time now.
        self.started.setText(
            self.tr("It is now %1: tell the call handler when the symptoms started.").replace(
                "%1", time_text(now)
            )
        )
        self.body.setHtml(self.emergency_reasons_html(result))
        QTimer.singleShot(0, self.number, self.number.setFocus)

    def emergency_reasons_html(self, result: TriageResult) -> str:
        """Only what makes this an emergency (the result carries nothing else): routine
        advice or a disclaimer here would dilute "call now"."""
        from html import escape

        items = "".join(f"<li>{escape(r.text)}</li>" for r in result.reasons)
        return f"<p>{escape(result.advice)}</p><h3>{escape(self.tr('Why'))}</h3><ul>{items}</ul>"

    def nextId(self) -> int:
        return -1
