"""The triage wizard driven for real: stroke signs end it, a full walk saves a result."""

from __future__ import annotations

import unicodedata
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QWizard

from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.store.triage_history import list_triage_history
from liptwitch_desktop.ui.triage import TriageWizard
from liptwitch_desktop.ui.triage.pages import (
    PAGE_DAILY,
    PAGE_EMERGENCY,
    PAGE_MEDICAL,
    PAGE_ONSET,
    PAGE_RED_FLAGS,
    PAGE_RESULT,
    PAGE_STROKE,
)
from tests import wiring
from tests.pdf_text import pdf_text


def make_wizard(ctx, qtbot, **kwargs) -> TriageWizard:
    wizard = wiring.triage_wizard(ctx, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click_next(wizard: TriageWizard, qtbot) -> None:
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(wizard: TriageWizard, question_id: str, option: str, qtbot) -> None:
    button = wizard.widgets[question_id].button(option)
    qtbot.waitUntil(button.isVisible)
    wizard.currentPage().scroll_area.ensureWidgetVisible(button)
    # Click on the indicator: a radio button stretched across the page only reacts there.
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def answer_all_no(wizard: TriageWizard, page, qtbot) -> None:
    for widget in page.widgets:
        answer(wizard, widget.question.id, "no", qtbot)


@pytest.mark.parametrize(
    ("country", "number"), [("NZ", "111"), ("GB", "999"), ("US", "911"), ("JP", "119")]
)
def test_stroke_sign_ends_at_once_on_the_emergency_page(ctx, qtbot, country, number) -> None:
    wizard = make_wizard(ctx, qtbot, country_code=country)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_STROKE
    assert not wizard.button(QWizard.WizardButton.NextButton).isEnabled()  # answer each
    answer(wizard, "stroke_speech", "yes", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    page = wizard.emergency_page
    assert page.number.text() == f"Call {number}"
    assert page.number.font().pointSizeF() >= 3 * wizard.font().pointSizeF()
    assert page.banner.word.text() == "Emergency"
    assert "15:30" in page.started.text()  # the test clock, in London
    assert wizard.result is not None and wizard.result.urgency is Urgency.EMERGENCY
    assert wizard.button(QWizard.WizardButton.FinishButton).isVisible()


def test_emergency_number_follows_the_system_locale(ctx, qtbot) -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale("en_NZ"))
    try:
        wizard = make_wizard(ctx, qtbot)
    finally:
        QLocale.setDefault(previous)
    assert wizard.emergency_number().number == "111"
    click_next(wizard, qtbot)
    answer(wizard, "stroke_face_droop", "yes", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    assert wizard.emergency_page.number.text() == "Call 111"
    assert "New Zealand" in wizard.emergency_page.number_note.text()


def test_keyboard_alone_reaches_the_emergency_page(ctx, qtbot) -> None:
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    wizard.activateWindow()
    qtbot.keyClick(wizard, Qt.Key.Key_Return)  # Next on the intro page
    assert wizard.currentId() == PAGE_STROKE
    first_yes = wizard.widgets["stroke_face_droop"].button("yes")
    qtbot.waitUntil(first_yes.hasFocus)
    qtbot.keyClick(first_yes, Qt.Key.Key_Space)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    assert wizard.emergency_page.number.text() == "Call 999"


def test_full_walk_through_to_self_care_is_saved(ctx, qtbot, tmp_path) -> None:
    facts = LogFacts(
        caffeine_mg_per_day_7d=180.4,
        sleep_hours_7d=6.8,
        episode_days=3,
        episode_span_days=4,
        night_share=0.1,
    )
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    assert "not a diagnosis" in wizard.page(0).findChild(object, "disclaimer").text()
    changes: list[str] = []
    ctx.signals.data_changed.connect(changes.append)
    adopted: list[list[str]] = []
    wizard.plan_adopted.connect(adopted.append)

    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.stroke_page, qtbot)
    assert wizard.currentId() == PAGE_STROKE  # "No" never jumps
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RED_FLAGS
    answer_all_no(wizard, wizard.red_flags_page, qtbot)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_ONSET
    answer(wizard, "duration", "under_week", qtbot)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_DAILY

    # Pre-filled from the log, and the person corrects it with the drink presets.
    caffeine = wizard.widgets["caffeine_mg_per_day"]
    assert caffeine.value() == 180
    assert "From your log: about 180 mg" in caffeine.note.text()
    assert wizard.widgets["sleep_hours"].value() == 7.0
    caffeine.clear_button.click()
    espresso = caffeine.drink_box.findData("espresso")
    caffeine.drink_box.setCurrentIndex(espresso)
    for _ in range(3):
        qtbot.mouseClick(caffeine.add_button, Qt.MouseButton.LeftButton)
    assert caffeine.value() == 189
    answer(wizard, "short_night", "yes", qtbot)
    answer(wizard, "caffeine_after_noon", "yes", qtbot)

    # Back and Next keep answers.
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.BackButton), Qt.MouseButton.LeftButton)
    assert wizard.currentId() == PAGE_ONSET
    assert wizard.widgets["duration"].value() == "under_week"
    click_next(wizard, qtbot)
    assert caffeine.value() == 189
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_MEDICAL
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RESULT

    page = wizard.result_page
    assert page.banner.word.text() == "Self-care"
    assert wizard.result is not None
    assert wizard.result.top_cause in {"caffeine", "sleep_loss"}
    body = page.body.toPlainText()
    assert "You said none of the warning signs apply to you." in body
    assert "You said you have about 189 mg of caffeine a day" in body
    assert "not a diagnosis" in body
    assert set(page.action_boxes) >= {"remind_caffeine_cutoff", "remind_recheck"}
    cutoff = page.action_boxes["remind_caffeine_cutoff"]
    qtbot.mouseClick(cutoff, Qt.MouseButton.LeftButton, pos=QPoint(8, cutoff.height() // 2))
    assert cutoff.isChecked()

    pdf = tmp_path / "result.pdf"
    wizard.save_pdf(pdf)
    assert pdf.read_bytes().startswith(b"%PDF")
    text = pdf_text(pdf)
    assert "Self-care" in text
    assert "Reminders you chose" in text
    assert "caffeine cutoff at 12:00" in unicodedata.normalize("NFKC", text)  # ligatures

    # Print goes through the same document; a PDF printer stands in for a real one.
    from PySide6.QtPrintSupport import QPrinter

    printer = QPrinter(QPrinter.PrinterMode.HighResolution)
    printer.setOutputFormat(QPrinter.OutputFormat.PdfFormat)
    printed = tmp_path / "printed.pdf"
    printer.setOutputFileName(str(printed))
    assert page.print_button.isEnabled()
    wizard.print_to(printer)
    assert printed.read_bytes().startswith(b"%PDF")
    assert "Self-care" in pdf_text(printed)

    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    [saved] = list_triage_history()
    assert saved.result.urgency is Urgency.SELF_CARE
    assert saved.answers.get("caffeine_mg_per_day") == 189
    assert saved.log_facts == facts
    assert saved.adopted == ("remind_caffeine_cutoff",)
    assert adopted == [["remind_caffeine_cutoff"]]
    assert changes == ["triage"]


def test_save_button_then_finish_saves_once(ctx, qtbot) -> None:
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.stroke_page, qtbot)
    click_next(wizard, qtbot)
    answer(wizard, "multiple_places", "yes", qtbot)
    for question in (
        "face_weakness_gradual",
        "swallowing_new",
        "speech_trouble_gradual",
        "twitch_spreading",
        "weakness_wasting",
        "movement_triggered",
    ):
        answer(wizard, question, "no", qtbot)
    for _ in range(4):
        click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RESULT
    assert wizard.result_page.banner.word.text() == "Book a GP visit"
    qtbot.mouseClick(wizard.result_page.save_button, Qt.MouseButton.LeftButton)
    assert "Saved" in wizard.result_page.saved_label.text()
    wizard.accept()
    assert len(list_triage_history()) == 1


def test_doctor_today_sign_goes_straight_to_the_result(ctx, qtbot) -> None:
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.stroke_page, qtbot)
    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.red_flags_page, qtbot)
    answer(wizard, "face_weakness_gradual", "yes", qtbot)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RESULT
    assert wizard.result_page.banner.word.text() == "See a doctor today"
    assert "72 hours" in wizard.result_page.body.toPlainText()


def test_triage_page_lists_history_and_what_changed(ctx, qtbot) -> None:
    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.list.count() == 0
    assert page.empty.isVisible()

    for duration in ("under_week", "over_two_weeks"):
        wizard = page.start()
        assert wizard.isVisible()
        click_next(wizard, qtbot)
        answer_all_no(wizard, wizard.stroke_page, qtbot)
        click_next(wizard, qtbot)
        answer_all_no(wizard, wizard.red_flags_page, qtbot)
        click_next(wizard, qtbot)
        answer(wizard, "duration", duration, qtbot)
        for _ in range(3):
            click_next(wizard, qtbot)
        qtbot.mouseClick(
            wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton
        )
        ctx.clock.advance(timedelta(days=14))

    assert page.list.count() == 2
    assert not page.empty.isVisible()
    assert page.list.currentRow() == 0
    assert "Book a GP visit" in page.list.item(0).text()
    assert "Self-care" in page.list.item(1).text()
    changes = page.changes.toPlainText()
    assert "Advice changed from “Self-care” to “Book a GP visit”." in changes
    assert "Now: you have had it for more than two weeks." in changes
    page.list.setCurrentRow(1)
    assert "first saved check" in page.changes.toPlainText()
    assert "Self-care" in page.detail.toPlainText()


def test_pdf_to_a_folder_that_does_not_exist_says_so(ctx, qtbot, tmp_path, monkeypatch) -> None:
    from PySide6.QtWidgets import QMessageBox

    wizard = make_wizard(ctx, qtbot, country_code="GB")
    wizard.compute_result()
    warnings: list[str] = []
    monkeypatch.setattr(QMessageBox, "warning", lambda *args: warnings.append(args[2]))
    wizard.save_pdf(tmp_path / "missing" / "result.pdf")
    assert warnings and "No such file or directory" in warnings[0]


def test_emergency_page_shows_only_what_makes_it_an_emergency(ctx, qtbot) -> None:
    facts = LogFacts(
        caffeine_mg_per_day_7d=None,
        sleep_hours_7d=None,
        episode_days=30,
        episode_span_days=60,  # on its own a routine GP visit
        night_share=None,
    )
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    click_next(wizard, qtbot)
    answer(wizard, "stroke_face_droop", "yes", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    text = wizard.emergency_page.body.toPlainText()
    assert "droop" in text.lower()
    assert "GP" not in text and "2 weeks" not in text
