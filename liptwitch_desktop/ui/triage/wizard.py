"""The triage wizard: red flags first, then onset, then causes, then a result with a plan.

Stroke signs come first and on their own page: a single "Yes" ends the wizard at once on the
emergency page. Every decision comes from `core.triage`; the pages (`pages`) only ask and show.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtCore import Signal
from PySide6.QtGui import QCloseEvent
from PySide6.QtWidgets import (
    QFileDialog,
    QLabel,
    QMessageBox,
    QVBoxLayout,
    QWidget,
    QWizard,
    QWizardPage,
)

from ...core.knowledge import load_knowledge
from ...core.knowledge.base import Knowledge
from ...core.knowledge.countries import resolve_country
from ...core.knowledge.emergency import EmergencyCall
from ...core.knowledge.model import Urgency
from ...core.log_facts import LogFacts
from ...core.triage.answers import Profile, TriageAnswers
from ...core.triage.engine import triage
from ...core.triage.history import SavedTriage
from ...core.triage.result import TriageResult
from ...runtime.context import AppContext
from ...store.settings import get_setting
from ..country_choice import locale_country_code
from ..screen_fit import resize_within_screen
from .pages import (
    PAGE_DAILY,
    PAGE_EMERGENCY,
    PAGE_INTRO,
    PAGE_MEDICAL,
    PAGE_ONSET,
    PAGE_RED_FLAGS,
    PAGE_RESULT,
    PAGE_STROKE,
    EmergencyPage,
    QuestionsPage,
    RedFlagsPage,
    ResultPage,
    StrokePage,
)
from .questions import QuestionWidget
from .render import result_html, write_pdf
from .wizard_steps import install_steps, may_discard

if TYPE_CHECKING:
    from PySide6.QtPrintSupport import QPrinter

    from ...controllers.settings import SettingsController
    from ...controllers.triage import TriageController

# How the cause questions are split over two pages; any other cause question goes last.
DAILY_LIFE = (
    "stress_level",
    "caffeine_mg_per_day",
    "caffeine_after_noon",
    "pregnant",
    "sleep_hours",
    "short_night",
    "diet_mineral_foods",
    "hydration",
)


def settings_profile(country_code: str | None = None) -> Profile:
    """What Settings say about the person: their country (the setting, then the locale),
    their daily caffeine limit, and whether they are 18 or over."""
    if country_code is None:
        country_code = resolve_country(get_setting("emergency_country"), locale_country_code())
    adult = {"yes": True, "no": False}.get(str(get_setting("adult")))
    return Profile(
        country=country_code or None,
        caffeine_limit_mg=float(get_setting("caffeine_limit_mg")),
        adult=adult,
    )


class TriageWizard(QWizard):
    """Ask, decide (through core.triage), show, save.

    `plan_adopted(list[str])` carries the action ids (actions.toml) the person ticked, when
    the result is saved or the wizard finishes; the reminders service turns them into
    reminders. `saved(int)` carries the id of the stored result. Results are kept through
    `triage`; the magnesium notice (before its reminder is ticked) is read through `settings`.
    """

    plan_adopted = Signal(list)
    saved = Signal(int)

    def __init__(
        self,
        ctx: AppContext,
        triage: TriageController,
        settings: SettingsController,
        log_facts: LogFacts | None = None,
        country_code: str | None = None,
        kb: Knowledge | None = None,
        parent: QWidget | None = None,
    ) -> None:
        super().__init__(parent)
        self.ctx = ctx
        self.triage = triage
        self.settings = settings
        self.kb = kb or load_knowledge()
        self.log_facts = log_facts
        # The country for the emergency number: the one given, else the setting, else the
        # system locale's (FACTS.md: the setting wins everywhere it is used).
        self.profile = settings_profile(country_code or None)
        self.country_code = self.profile.country
        # Shadows QDialog.result() (the exit code), which nothing here reads; the wizard's
        # outcome keeps the name its callers use.
        self.result: TriageResult | None = None  # type: ignore[assignment]
        self.saved_record: SavedTriage | None = None
        self.setObjectName("triage_wizard")
        self.setWindowTitle(self.tr("Check my twitch"))
        self.setWizardStyle(QWizard.WizardStyle.ClassicStyle)
        self.setOption(QWizard.WizardOption.NoBackButtonOnLastPage, False)
        self.setOption(QWizard.WizardOption.HaveHelpButton, False)
        resize_within_screen(self, 720, 640)

        self.setPage(PAGE_INTRO, self._intro_page())
        self.stroke_page = StrokePage(self)
        self.setPage(PAGE_STROKE, self.stroke_page)
        self.red_flags_page = RedFlagsPage(self)
        self.setPage(PAGE_RED_FLAGS, self.red_flags_page)
        self.onset_page = QuestionsPage(
            self,
            self.tr("When it started"),
            self.tr("Skip anything you are not sure about."),
            self.kb.questions_on("onset"),
        )
        self.setPage(PAGE_ONSET, self.onset_page)
        causes = self.kb.questions_on("causes")
        self.daily_page = QuestionsPage(
            self,
            self.tr("Daily life"),
            self.tr("What might set it off. Skip anything you are not sure about."),
            [q for q in causes if q.id in DAILY_LIFE],
        )
        self.setPage(PAGE_DAILY, self.daily_page)
        self.medical_page = QuestionsPage(
            self,
            self.tr("Medicines, teeth and food"),
            self.tr("Skip anything you are not sure about."),
            [q for q in causes if q.id not in DAILY_LIFE],
        )
        self.setPage(PAGE_MEDICAL, self.medical_page)
        self.result_page = ResultPage(self)
        self.setPage(PAGE_RESULT, self.result_page)
        self.emergency_page = EmergencyPage(self)
        self.setPage(PAGE_EMERGENCY, self.emergency_page)
        self.setStartId(PAGE_INTRO)

        self.widgets: dict[str, QuestionWidget] = {
            w.question.id: w
            for page in (
                self.stroke_page,
                self.red_flags_page,
                self.onset_page,
                self.daily_page,
                self.medical_page,
            )
            for w in page.widgets
        }
        self._prefill(log_facts)
        self.finished.connect(self._on_finished)
        self.discard_question: QMessageBox | None = None  # the last "Discard?" asked
        self._closing_quietly = False
        install_steps(self)

    def reject(self) -> None:
        # Cancel on a result not saved yet asks first (never on the emergency page); a
        # close by the program (quitting) does not ask.
        if self._closing_quietly or may_discard(self):
            super().reject()

    def closeEvent(self, event: QCloseEvent) -> None:
        self._closing_quietly = not event.spontaneous()  # the window's X asks, a quit not
        try:
            super().closeEvent(event)
        finally:
            self._closing_quietly = False

    def _intro_page(self) -> QWizardPage:
        page = QWizardPage()
        page.setTitle(self.tr("Check my twitch"))
        text = QLabel(
            self.tr(
                "A few questions: warning signs first, then when it started and what might "
                "cause it. At the end you get a result, the reasons for it and a plan."
            )
        )
        text.setWordWrap(True)
        disclaimer = QLabel(self.kb.disclaimer)
        disclaimer.setObjectName("disclaimer")
        disclaimer.setWordWrap(True)
        font = disclaimer.font()
        font.setBold(True)
        disclaimer.setFont(font)
        layout = QVBoxLayout(page)
        layout.addWidget(text)
        layout.addWidget(disclaimer)
        layout.addStretch(1)
        return page

    def _prefill(self, facts: LogFacts | None) -> None:
        """Fill in what the log knows, saying where it comes from. A pre-fill left as it is
        stays the log's ("Your log shows"), never "You said" (see `answers`); an average
        from fewer than 4 of the 7 days is shown as what it is, not filled in as a week's."""
        if facts is None:
            return
        widget = self.widgets["caffeine_mg_per_day"]
        days = facts.caffeine_logged_days_7d
        if facts.caffeine_weekly is not None:
            widget.prefill(round(facts.caffeine_weekly))
            widget.show_note(
                self.tr(
                    "From your log: about %1 mg a day over the last 7 days (%2 of 7 days "
                    "logged). Change it if that is not a usual day, or add up your drinks."
                )
                .replace("%1", f"{facts.caffeine_weekly:.0f}")
                .replace("%2", str(days if days is not None else 7))
            )
        elif facts.caffeine_mg_per_day_7d is not None and days:
            note = self.tr(
                "From %n logged day(s) of the last 7: about %1 mg a day. That is not "
                "enough for a weekly average, so it is not filled in: enter a usual day.",
                "",
                days,
            )
            widget.show_note(note.replace("%1", f"{facts.caffeine_mg_per_day_7d:.0f}"))
        if facts.recent_medicine_names and "medicine_recent" in self.widgets:
            # The medicines list knows what was started lately; which kind it is, only the
            # person knows, so it is ticked as "another medicine" for them to correct.
            widget = self.widgets["medicine_recent"]
            widget.prefill(("other_medicine",))
            widget.show_note(
                self.tr(
                    "From your medicines list, started in the last 8 weeks: %1. Tick the "
                    "kind it is, or untick it if it is not related."
                ).replace("%1", ", ".join(facts.recent_medicine_names))
            )
        widget = self.widgets["sleep_hours"]
        nights = facts.sleep_logged_days_7d
        if facts.sleep_weekly is not None:
            widget.prefill(round(facts.sleep_weekly * 2) / 2)
            widget.show_note(
                self.tr(
                    "From your log: %1 hours a night over the last 7 days (%2 of 7 nights "
                    "logged). Change it if that is not right."
                )
                .replace("%1", f"{facts.sleep_weekly:.1f}")
                .replace("%2", str(nights if nights is not None else 7))
            )
        elif facts.sleep_hours_7d is not None and nights:
            note = self.tr(
                "From %n logged night(s) of the last 7: %1 hours. That is not enough for "
                "a weekly average, so it is not filled in.",
                "",
                nights,
            )
            widget.show_note(note.replace("%1", f"{facts.sleep_hours_7d:.1f}"))

    # --- answers and result ----------------------------------------------------------------

    def answers(self) -> TriageAnswers:
        """What the person answered. A pre-fill they left untouched is not an answer: the
        log facts carry it, and the result says "Your log shows", not "You said"."""
        raw = {key: None if w.is_prefilled() else w.value() for key, w in self.widgets.items()}
        return TriageAnswers.parse(raw, self.kb)

    def current_result(self) -> TriageResult:
        return triage(self.answers(), self.log_facts, self.kb, self.profile)

    def compute_result(self) -> TriageResult:
        result = self.current_result()
        if result != self.result:
            self.saved_record = None  # answers changed after Back: a new result to save
        self.result = result
        return result

    def emergency_number(self) -> EmergencyCall:
        return self.kb.emergency_call(self.country_code)

    def adopted(self) -> list[str]:
        return self.result_page.adopted()

    # --- saving ------------------------------------------------------------------------------

    def save(self) -> SavedTriage | None:
        """Store the result with its answers (once; later calls update adopted items)."""
        if self.result is None:
            return None
        adopted = self.adopted() if self.result.urgency is not Urgency.EMERGENCY else []
        if self.saved_record is None:
            self.saved_record = self.triage.save(
                self.answers(), self.result, self.log_facts, adopted
            )
            self.saved.emit(self.saved_record.id)
        elif list(self.saved_record.adopted) != adopted:
            self.saved_record = self.triage.set_adopted(self.saved_record.id, adopted)
        self.result_page.saved_label.setText(self.tr("Saved to your history."))
        self.plan_adopted.emit(list(adopted))
        return self.saved_record

    def adopted_changed(self) -> None:
        if self.saved_record is not None:
            self.result_page.saved_label.setText(self.tr("Changed: Save again to keep it."))

    def _on_finished(self, code: int) -> None:
        # Every result reached is kept, with the plan items ticked on the way out.
        if code == QWizard.DialogCode.Accepted and self.result is not None:
            self.save()

    def ask_pdf_path(self) -> None:
        path, _ = QFileDialog.getSaveFileName(
            self, self.tr("Save result as PDF"), "liptwitch-result.pdf", self.tr("PDF (*.pdf)")
        )
        if path:
            self.save_pdf(Path(path))

    def result_document_html(self) -> str:
        assert self.result is not None
        return result_html(
            self.result,
            when=self.ctx.clock.now().astimezone(self.ctx.zone),
            adopted=self.adopted(),
            include_headline=True,
        )

    def ask_print(self) -> None:
        if self.result is None:
            return
        # Printing support is loaded only when someone prints (start-up budget).
        from PySide6.QtPrintSupport import QPrintDialog, QPrinter

        printer = QPrinter(QPrinter.PrinterMode.HighResolution)
        printer.setDocName(self.tr("LipTwitch result"))
        dialog = QPrintDialog(printer, self)
        if dialog.exec() == QPrintDialog.DialogCode.Accepted:
            self.print_to(printer)

    def print_to(self, printer: QPrinter) -> None:
        """Lay the result out on the printer's pages (a real printer or a PDF printer)."""
        from PySide6.QtGui import QTextDocument

        document = QTextDocument()
        document.setHtml(self.result_document_html())
        document.print_(printer)
        self.result_page.saved_label.setText(self.tr("Sent to the printer"))

    def save_pdf(self, path: Path) -> None:
        if self.result is None:
            return
        try:
            write_pdf(path, self.result_document_html(), self.tr("LipTwitch result"))
        except OSError as exc:  # a folder we cannot write to, a full disk
            QMessageBox.warning(self, self.tr("Could not save"), str(exc))
            return
        self.result_page.saved_label.setText(self.tr("PDF saved: {name}").format(name=path.name))
