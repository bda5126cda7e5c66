"""Issue 12 in the app: the wizard's "Not sure", the emergency number from the setting, an
emergency page and its saved forms with nothing else on them, honest pre-fills, the magnesium
notice on every path, the first-run dialog and the country setting."""

from __future__ import annotations

import subprocess
from datetime import timedelta

import pytest
from PySide6.QtCore import QLocale, QPoint, Qt
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.knowledge.model import Urgency
from liptwitch_desktop.core.log_facts import LogFacts
from liptwitch_desktop.core.schedule.specs import ReminderKind
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.settings import get_setting, set_setting, set_settings
from liptwitch_desktop.store.triage_history import list_triage_history
from liptwitch_desktop.ui.triage import TriageWizard
from liptwitch_desktop.ui.triage.pages import PAGE_EMERGENCY, PAGE_RESULT
from tests import wiring
from tests.app_process import ON_STARTED
from tests.pdf_text import pdf_text

from ..modal import with_modal

KB = load_knowledge()


def make_wizard(ctx, qtbot, **kwargs) -> TriageWizard:  # type: ignore[no-untyped-def]
    wizard = wiring.triage_wizard(ctx, **kwargs)
    qtbot.addWidget(wizard)
    wizard.show()
    qtbot.waitExposed(wizard)
    return wizard


def click_next(wizard: TriageWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = wizard.button(QWizard.WizardButton.NextButton)
    assert button.isEnabled(), f"Next disabled on page {wizard.currentId()}"
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)


def answer(wizard: TriageWizard, question_id: str, option: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    button = wizard.widgets[question_id].button(option)
    qtbot.waitUntil(button.isVisible)
    wizard.currentPage().scroll_area.ensureWidgetVisible(button)
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton, pos=QPoint(8, button.height() // 2))
    assert button.isChecked()


def answer_page(wizard: TriageWizard, page, value: str, qtbot) -> None:  # type: ignore[no-untyped-def]
    for widget in page.widgets:
        answer(wizard, widget.question.id, value, qtbot)


def to_emergency(wizard: TriageWizard, qtbot, question: str = "stroke_speech") -> None:  # type: ignore[no-untyped-def]
    click_next(wizard, qtbot)
    answer(wizard, question, "yes", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)


# --- 2. "Not sure" ---------------------------------------------------------------------------


def test_every_warning_sign_has_a_not_sure_button(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    for question in KB.warning_questions:
        assert wizard.widgets[question.id].button("unsure").text() == "Not sure"
    assert "unsure" not in wizard.widgets["pregnant"].buttons


def test_not_sure_about_a_stroke_sign_ends_on_the_emergency_page(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    click_next(wizard, qtbot)
    answer(wizard, "stroke_vision", "unsure", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    body = wizard.emergency_page.body.toPlainText()
    assert "You were not sure whether you suddenly lost some or all of your sight." in body


def test_not_sure_about_swallowing_is_a_doctor_today(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="FR")
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.stroke_page, "no", qtbot)
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.red_flags_page, "no", qtbot)
    answer(wizard, "swallowing_new", "unsure", qtbot)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RESULT
    body = wizard.result_page.body.toPlainText()
    assert wizard.result_page.banner.word.text() == "See a doctor today"
    assert "You were not sure whether you have new difficulty swallowing." in body
    for forbidden in ("salt", "Magnesium, within", "Press, then stretch", "massage"):
        assert forbidden not in body
    assert "small sips and soft food" in body
    assert "call 112" in body  # France's number in "if it came on suddenly ..."


# --- 4. the emergency number from the setting -------------------------------------------------


def test_the_setting_wins_over_the_locale(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    set_setting("emergency_country", "JP")
    previous = QLocale()
    QLocale.setDefault(QLocale("en_NZ"))
    try:
        wizard = make_wizard(ctx, qtbot)
    finally:
        QLocale.setDefault(previous)
    to_emergency(wizard, qtbot)
    assert wizard.emergency_page.number.text() == "Call 119"
    assert "kyūkyū" in wizard.emergency_page.number_note.text()


@pytest.mark.parametrize("setup", ["setting_IL", "locale_IL", "nothing"])
def test_an_unknown_country_never_shows_a_number_in_large_type(ctx, qtbot, setup) -> None:  # type: ignore[no-untyped-def]
    previous = QLocale()
    if setup == "setting_IL":
        set_setting("emergency_country", "IL")  # not verified: not in the table
    QLocale.setDefault(QLocale("he_IL") if setup == "locale_IL" else QLocale.c())
    try:
        wizard = make_wizard(ctx, qtbot)
    finally:
        QLocale.setDefault(previous)
    to_emergency(wizard, qtbot)
    page = wizard.emergency_page
    assert page.number.text() == "Call your local emergency number"
    assert page.number.font().pointSizeF() >= 2 * wizard.font().pointSizeF()
    assert page.number_note.text().startswith("112 reaches emergency services from mobiles")
    assert page.number_note.font().pointSizeF() < page.number.font().pointSizeF()
    assert wizard.result is not None and wizard.result.emergency_number is None


def test_the_emergency_page_has_nothing_that_softens_call_now(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    to_emergency(wizard, qtbot)
    text = wizard.emergency_page.body.toPlainText()
    assert "not a diagnosis" not in text and "wellness" not in text
    assert "Do not drive yourself" in text
    assert "Note the time it started" in text


# --- 5. an emergency where it is kept: saved result, history, PDF -------------------------------


def test_a_saved_emergency_carries_only_emergency_advice_and_the_number(
    ctx, qtbot, tmp_path
) -> None:  # type: ignore[no-untyped-def]
    facts = LogFacts(None, None, episode_days=30, episode_span_days=60, night_share=None)
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    click_next(wizard, qtbot)
    answer(wizard, "stroke_face_droop", "yes", qtbot)
    qtbot.waitUntil(lambda: wizard.currentId() == PAGE_EMERGENCY)
    wizard.save_pdf(tmp_path / "emergency.pdf")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    [saved] = list_triage_history()
    assert saved.result.urgency is Urgency.EMERGENCY
    assert saved.result.emergency_number == "999"
    assert saved.result.red_flags == ("sudden_face_droop",)
    assert saved.result.disclaimer is None
    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    detail = page.detail.toPlainText()
    for text in (detail, pdf_text(tmp_path / "emergency.pdf")):
        assert "Call 999" in text
        assert "GP" not in text and "2 weeks" not in text and "not a diagnosis" not in text


# --- 13. from an emergency to a calmer check ----------------------------------------------------


def test_history_says_a_stroke_sign_that_went_away_still_needs_urgent_care(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    page.show()
    wizard = page.start()
    to_emergency(wizard, qtbot, "stroke_face_droop")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    ctx.clock.advance(timedelta(days=1))
    wizard = page.start()
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.stroke_page, "no", qtbot)
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.red_flags_page, "no", qtbot)
    for _ in range(4):
        click_next(wizard, qtbot)
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    assert page.list.count() == 2
    changes = page.changes.toPlainText()
    assert "Signs of a stroke that went away still need urgent care" in changes
    assert "TIA" in changes


# --- 8 and 10. honest pre-fills -----------------------------------------------------------------


def walk_to_result(wizard: TriageWizard, qtbot) -> None:  # type: ignore[no-untyped-def]
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.stroke_page, "no", qtbot)
    click_next(wizard, qtbot)
    answer_page(wizard, wizard.red_flags_page, "no", qtbot)
    while wizard.currentId() != PAGE_RESULT:
        click_next(wizard, qtbot)


def test_an_untouched_medicine_prefill_reads_as_the_log_not_as_you_said(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    facts = LogFacts(None, None, 2, 3, None, ("salbutamol",))
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    assert wizard.widgets["medicine_recent"].value() == ("other_medicine",)
    walk_to_result(wizard, qtbot)
    body = wizard.result_page.body.toPlainText()
    assert wizard.result is not None and wizard.result.urgency is Urgency.DOCTOR_ROUTINE
    assert "Your log shows you started salbutamol in the last 8 weeks." in body
    assert "You said you started or changed" not in body


def test_unticking_the_prefilled_medicine_removes_it(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    facts = LogFacts(None, None, 2, 3, None, ("salbutamol",))
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    wizard.widgets["medicine_recent"].button("other_medicine").setChecked(False)
    walk_to_result(wizard, qtbot)
    assert wizard.result is not None
    assert wizard.result.urgency is Urgency.SELF_CARE
    assert "salbutamol" not in wizard.result_page.body.toPlainText()
    assert "medication" not in [c.id for c in wizard.result.causes]


def test_one_logged_day_is_shown_as_one_day_and_not_filled_in(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    facts = LogFacts(
        caffeine_mg_per_day_7d=900,
        sleep_hours_7d=5,
        episode_days=1,
        episode_span_days=1,
        night_share=None,
        caffeine_logged_days_7d=1,
        sleep_logged_days_7d=1,
    )
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    caffeine = wizard.widgets["caffeine_mg_per_day"]
    assert caffeine.value() is None
    assert "From 1 logged day of the last 7: about 900 mg" in caffeine.note.text()
    assert "not enough for a weekly average" in caffeine.note.text()
    assert wizard.widgets["sleep_hours"].value() is None


def test_add_drink_adds_to_what_the_person_entered_visibly(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    facts = LogFacts(400, None, 1, 1, None, caffeine_logged_days_7d=6)
    wizard = make_wizard(ctx, qtbot, log_facts=facts, country_code="GB")
    caffeine = wizard.widgets["caffeine_mg_per_day"]
    assert caffeine.value() == 400 and caffeine.is_prefilled()
    caffeine.drink_box.setCurrentIndex(caffeine.drink_box.findData("espresso"))
    qtbot.mouseClick(caffeine.add_button, Qt.MouseButton.LeftButton)
    assert caffeine.value() == 63  # not 463: the log's average is not the person's entry
    assert "instead of the figure from your log" in caffeine.tally.text()
    qtbot.mouseClick(caffeine.add_button, Qt.MouseButton.LeftButton)
    assert caffeine.value() == 126
    assert "63 mg + " in caffeine.tally.text() and "= 126 mg" in caffeine.tally.text()
    caffeine.spin.setValue(95)  # typed by hand
    qtbot.mouseClick(caffeine.add_button, Qt.MouseButton.LeftButton)
    assert caffeine.value() == 158
    assert "what you entered 95 mg + " in caffeine.tally.text()
    assert wizard.answers().get("caffeine_mg_per_day") == 158


# --- 11. adults, and the magnesium notice on every path -----------------------------------------


def test_under_18_no_supplement_dose_and_no_magnesium_reminder(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    set_setting("adult", "no")
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    wizard.widgets["diet_mineral_foods"].set_value("no")
    walk_to_result(wizard, qtbot)
    body = wizard.result_page.body.toPlainText()
    assert (wizard.result.top_cause if wizard.result else None) == "magnesium_low"
    assert "250 mg" not in body
    assert "ask a doctor or pharmacist about supplements" in body.lower()
    assert "remind_magnesium" not in wizard.result_page.action_boxes


def test_adopting_a_magnesium_reminder_in_the_wizard_shows_the_notice_first(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    wizard.widgets["diet_mineral_foods"].set_value("no")
    walk_to_result(wizard, qtbot)
    box = wizard.result_page.action_boxes["remind_magnesium"]

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        assert "kidney" in dialog.text()
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    assert with_modal(cancel, lambda: box.setChecked(True)) == ["QMessageBox"]
    assert not box.isChecked() and not get_setting("magnesium_notice_shown")

    def understand(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.button(QMessageBox.StandardButton.Ok).click()

    assert with_modal(understand, lambda: box.setChecked(True)) == ["QMessageBox"]
    assert box.isChecked() and get_setting("magnesium_notice_shown")


def test_a_plan_adopted_elsewhere_asks_before_switching_magnesium_on(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(ctx, qtbot)

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    opened = with_modal(cancel, lambda: window.adopt_plan(["remind_magnesium", "remind_hydration"]))
    assert opened == ["QMessageBox"]
    specs = rs.load_specs()
    assert not specs[ReminderKind.MAGNESIUM].enabled
    assert specs[ReminderKind.HYDRATION].enabled


def test_cancelling_the_notice_keeps_the_reminder_off_in_settings(
    ctx, controllers, qtbot, tmp_path, monkeypatch
) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.reminders_settings import RemindersSettings

    monkeypatch.setenv("XDG_CONFIG_HOME", str(tmp_path / "config"))
    page = RemindersSettings(ctx, controllers.reminders, controllers.settings)
    qtbot.addWidget(page)
    group = page.groups[ReminderKind.MAGNESIUM]

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    assert with_modal(cancel, lambda: group.setChecked(True)) == ["QMessageBox"]
    assert not group.isChecked()
    assert not rs.get_spec(ReminderKind.MAGNESIUM).enabled


def make_window(ctx, qtbot):  # type: ignore[no-untyped-def]
    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    return window


def test_the_first_ctrl_m_shows_the_notice_and_asks_the_dose(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(ctx, qtbot)
    today = window.page("today")
    steps: list[str] = []

    def notice_then_dose(dialog) -> None:  # type: ignore[no-untyped-def]
        if isinstance(dialog, QMessageBox):
            steps.append("notice")
            dialog.button(QMessageBox.StandardButton.Ok).click()
            QApplication.processEvents()
            with_modal(dose, lambda: None)

    def dose(dialog) -> None:  # type: ignore[no-untyped-def]
        steps.append(dialog.windowTitle())
        assert dialog.amount.value() == 0  # never a silent 200 mg
        dialog.amount.setValue(150)
        dialog.accept()

    with_modal(notice_then_dose, window.entries.log_magnesium_now)
    qtbot.waitUntil(lambda: today.summary.magnesium_mg == 150)
    assert steps == ["notice", "Your magnesium dose"]
    assert get_setting("magnesium_dose_mg") == 150 and get_setting("magnesium_dose_confirmed")


def test_cancelling_the_notice_logs_nothing(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    window = make_window(ctx, qtbot)

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    with_modal(cancel, window.entries.log_magnesium_now)
    assert window.page("today").summary.magnesium_mg == 0
    assert not get_setting("magnesium_notice_shown")
    with_modal(cancel, lambda: window.entries.new_intake(IntakeKind.MAGNESIUM))
    assert window.page("today").summary.magnesium_mg == 0


# --- the Settings: countries only, searchable; 18 or over ---------------------------------------


# Typing opens the completer's popup, which the offscreen platform cannot raise or focus.
@pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)
def test_the_country_setting_lists_countries_only_and_is_searchable(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]

    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    combo = page.editors["emergency_country"]
    codes = {combo.itemData(i) for i in range(combo.count())}
    assert "EU" not in codes and "" in codes and {"GB", "JP", "IL", "PE"} <= codes
    assert len(codes) == 250  # 249 countries and "Automatic"
    assert combo.itemText(combo.findData("JP")) == "Japan — 119"
    assert "no number in the app" in combo.itemText(combo.findData("IL"))
    combo.setFocus()
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "japan")  # any part of the name, any case
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    qtbot.waitUntil(lambda: get_setting("emergency_country") == "JP")
    assert combo.currentText() == "Japan — 119"
    assert combo.match("zealand") == combo.findData("NZ")
    assert combo.match("united") == -1  # several: nothing is guessed
    combo.lineEdit().clear()
    qtbot.keyClicks(combo.lineEdit(), "Atlantis")
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    # No such country: the old choice is not kept quietly (review 12, S4): back to Automatic.
    assert get_setting("emergency_country") == ""
    assert combo.currentText().startswith("Automatic")
    adult = page.editors["adult"]
    adult.setCurrentIndex(adult.findData("no"))
    assert get_setting("adult") == "no"


# --- the first run ------------------------------------------------------------------------------


def test_first_run_suggests_the_locale_and_saves_both_answers(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.first_run import first_run_needed

    previous = QLocale()
    QLocale.setDefault(QLocale("en_NZ"))
    try:
        dialog = wiring.first_run_dialog(ctx)
    finally:
        QLocale.setDefault(previous)
    qtbot.addWidget(dialog)
    dialog.show()
    country = dialog.steps[0]
    assert country.choice.country() == "NZ"
    assert "Call 111" in country.preview.text()
    country.choice.set_country("JP")
    assert "Call 119" in country.preview.text()
    country.choice.set_country("IL")
    assert "Call your local emergency number" in country.preview.text()
    country.choice.set_country("GB")
    assert dialog.progress.text() == "Step 1 of 3"
    dialog.steps[0].buttons["yes"].setChecked(True)  # 18 or over: on step 1 (issue 15)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text() == "Step 2 of 3"
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert dialog.progress.text() == "Step 3 of 3" and dialog.next_button.text() == "&Finish"
    seen: list[str] = []
    ctx.signals.data_changed.connect(seen.append)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert get_setting("emergency_country") == "GB"
    assert get_setting("adult") == "yes"
    assert not first_run_needed()
    assert seen == ["settings"]


def test_first_run_can_be_skipped_and_is_shown_once(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.first_run import first_run_needed, show_first_run_if_needed

    window = make_window(ctx, qtbot)
    dialog = show_first_run_if_needed(ctx, window.controllers.settings, window)
    assert dialog is not None and dialog.isVisible()
    assert dialog.parent() is window and dialog.windowModality() == Qt.WindowModality.WindowModal
    qtbot.mouseClick(dialog.skip_button, Qt.MouseButton.LeftButton)
    assert not first_run_needed()
    assert get_setting("emergency_country") == "" and get_setting("adult") == ""
    assert show_first_run_if_needed(ctx, window.controllers.settings, window) is None


def test_first_run_waits_for_a_window_started_hidden(ctx, controllers, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.first_run import show_first_run_if_needed
    from liptwitch_desktop.ui.window_on_demand import WindowOnDemand

    holder = WindowOnDemand(lambda: make_window(ctx, qtbot))
    assert show_first_run_if_needed(ctx, controllers.settings, holder) is None
    assert not holder.is_built  # nothing built for it while hidden in the tray
    holder.get()
    qtbot.waitUntil(
        lambda: any(
            w.objectName() == "first_run" for w in QApplication.topLevelWidgets() if w.isVisible()
        )
    )
    set_settings({"first_run_done": True})


FIRST_RUN_CHILD = (
    ON_STARTED
    + r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from liptwitch_desktop import app
from liptwitch_desktop.ui.first_paint import after_first_paint

def report(window):
    def done():
        print("AT_PAINT", "liptwitch_desktop.ui.first_run" in sys.modules, flush=True)
    after_first_paint(window, done, before_others=True)

def after_paint_work_done():
    def look():
        shown = [w.objectName() for w in QApplication.topLevelWidgets() if w.isVisible()]
        print("SHOWN", "first_run" in shown, flush=True)
        QApplication.quit()
    QTimer.singleShot(50, look)

app._report_first_paint = report
on_started(after_paint_work_done)
from liptwitch_desktop.__main__ import main
sys.argv = ["liptwitch", "--data-dir", sys.argv[1]]
sys.exit(main())
"""
)


def _start_child(data_dir) -> dict[str, str]:  # type: ignore[no-untyped-def]
    import os
    import sys

    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LIPTWITCH_REPORT_FIRST_PAINT": "1"}
    out = subprocess.run(
        [sys.executable, "-c", FIRST_RUN_CHILD, str(data_dir)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def test_the_first_run_comes_after_the_first_paint_and_only_once(tmp_path) -> None:  # type: ignore[no-untyped-def]
    import sqlite3

    first = _start_child(tmp_path)
    assert first["AT_PAINT"] == "False"  # the window paints before the dialog is even loaded
    assert first["SHOWN"] == "True"
    with sqlite3.connect(tmp_path / "liptwitch.sqlite3") as conn:
        conn.execute(
            "INSERT OR REPLACE INTO setting (key, value) VALUES ('first_run_done', 'true')"
        )
    conn.close()
    again = _start_child(tmp_path)
    assert again["AT_PAINT"] == "False"
    assert again["SHOWN"] == "False"


def test_an_import_that_switches_magnesium_on_shows_the_notice_first(ctx, qtbot, tmp_path) -> None:  # type: ignore[no-untyped-def]
    from dataclasses import replace

    from liptwitch_desktop.store.transfer import export_import

    from .test_data_actions import answer_modals

    spec = rs.get_spec(ReminderKind.MAGNESIUM)
    rs.save_spec(replace(spec, enabled=True), ctx.clock.now())
    export_import.export_json(tmp_path / "export.json", ctx.clock.now())
    rs.save_spec(replace(spec, enabled=False), ctx.clock.now())
    actions = wiring.data_actions(ctx)
    qtbot.addWidget(actions)
    notices: list[str] = []

    def cancel(dialog) -> None:  # type: ignore[no-untyped-def]
        notices.append(dialog.text())
        dialog.button(QMessageBox.StandardButton.Cancel).click()

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.accept()

    opened = answer_modals([cancel, close], lambda: actions.import_from(tmp_path / "export.json"))
    assert opened == ["QMessageBox", "QMessageBox"]
    assert "kidney" in notices[0]
    assert not rs.get_spec(ReminderKind.MAGNESIUM).enabled

    def understand(dialog) -> None:  # type: ignore[no-untyped-def]
        dialog.button(QMessageBox.StandardButton.Ok).click()

    answer_modals([understand, close], lambda: actions.import_from(tmp_path / "export.json"))
    assert rs.get_spec(ReminderKind.MAGNESIUM).enabled
    assert get_setting("magnesium_notice_shown")
