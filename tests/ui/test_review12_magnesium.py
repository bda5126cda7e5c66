"""The review of issue 12 (notes/review-12.md): the magnesium dose and the age rules beyond
the triage (W1, W2, S6), and the magnesium notice for an import (S5)."""

from __future__ import annotations

import ast
import re
from dataclasses import replace
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtWidgets import QMessageBox

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.core.entries import IntakeKind
from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.core.schedule.specs import FiringOutcome, ReminderKind
from liptwitch_desktop.reminders import texts
from liptwitch_desktop.reminders.notifier import Notifier
from liptwitch_desktop.reminders.service import ReminderService
from liptwitch_desktop.store import reminder_store as rs
from liptwitch_desktop.store.entries import intakes_between
from liptwitch_desktop.store.settings import get_setting, set_setting, set_settings
from tests import wiring
from tests.reminders.fakes import ManualJobs, RecordingBackend

from ..modal import with_modal

KB = load_knowledge()
MG = ReminderKind.MAGNESIUM
NOW = datetime(2026, 11, 27, 20, 0, tzinfo=UTC)


def magnesium_on(now: datetime) -> None:
    for spec in rs.load_specs().values():
        rs.save_spec(replace(spec, enabled=spec.kind is MG), now - timedelta(days=30))
    rs.save_spec(replace(rs.get_spec(MG), enabled=True, times=(time(21, 30),)), now)


@pytest.fixture
def fired(ctx):  # type: ignore[no-untyped-def]
    """A magnesium reminder on, fired once; the person never entered a dose."""
    ctx.clock.set(NOW)
    set_setting("magnesium_notice_shown", True)
    magnesium_on(NOW)
    rs.set_checked_at(NOW - timedelta(minutes=1))
    shown = RecordingBackend()
    jobs = ManualJobs()
    service = ReminderService(ctx, Notifier([shown]), backend=jobs, watch_logind=False)
    service.start()
    ctx.clock.advance(timedelta(minutes=90))
    jobs.run_due(ctx.clock.now())
    yield service, shown
    service.stop()


# --- W1: no reminder text or "Done" with a dose nobody entered --------------------------------


def test_w1_the_reminder_says_your_magnesium_without_a_figure(ctx, fired) -> None:  # type: ignore[no-untyped-def]
    _service, shown = fired
    [notice] = shown.shown
    assert notice.body == "Time for your magnesium."
    assert not re.search(r"\d", notice.body)


def test_w1_done_without_a_confirmed_dose_asks_the_dose(ctx, fired, qtbot) -> None:  # type: ignore[no-untyped-def]
    _service, shown = fired
    [notice] = shown.shown
    opened: list[str] = []
    ctx.signals.open_requested.connect(opened.append)
    shown.press("magnesium", "done")
    assert opened == ["magnesium_dose"]
    assert intakes_between(NOW, NOW + timedelta(hours=4), IntakeKind.MAGNESIUM) == []
    firing = rs.get_firing(notice.firing_id)
    assert firing is not None and firing.outcome is FiringOutcome.FIRED  # still open
    assert rs.complete_firing(notice.firing_id, ctx.clock.now()) is None  # the store, too


def test_w1_a_dose_the_person_entered_is_in_the_text(ctx, fired) -> None:  # type: ignore[no-untyped-def]
    set_setting("magnesium_dose_mg", 150)  # the person entered it (Settings, Ctrl+M)
    assert get_setting("magnesium_dose_confirmed")
    assert rs.get_spec(MG).dose_mg == 150
    _title, body = texts.notice_text(rs.get_spec(MG), time(12, 0))
    assert "150 mg" in body


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_w1_the_tray_opens_the_dose_question_for_the_notice(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.main_window import MainWindow
    from liptwitch_desktop.ui.tray import TrayController

    set_setting("magnesium_notice_shown", True)
    ctx.clock.set(NOW)
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    tray = TrayController(ctx, window, None, window.controllers.settings, tray_available=False)
    asked: list[str] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.windowTitle())
        assert dialog.amount.value() == 0  # empty: never a silent 200 mg
        dialog.reject()

    with_modal(close, lambda: (tray.open_target("magnesium_dose"), qtbot.wait(50)))
    assert asked == ["Your magnesium dose"]


# --- W2: advice in reminders comes from the knowledge base ------------------------------------


def test_w2_each_recovery_step_says_its_knowledge_base_text(db) -> None:  # type: ignore[no-untyped-def]
    for step in KB.recovery_plan:
        for adult in (True, False):
            title, body = texts.recovery_step_text(step.id, time(11, 0), adult)
            assert body == step.text_for(adult).format(cutoff="11:00")
            assert step.title.lower() in title.lower()
    _title, potassium = texts.recovery_step_text("week3_potassium", time(12, 0), True)
    assert "kidney disease or take medicines that raise potassium" in potassium
    assert "ask your doctor first" in potassium


def test_w2_no_advice_is_a_python_literal_in_the_reminder_texts() -> None:
    source = Path(texts.__file__).read_text(encoding="utf-8")
    advice = re.compile(
        r"\d+\s*mg\b|kidney|potassium|antibiotic|bisphosphonate|seizure|study|upper limit",
        re.I,
    )
    literals = [
        node.value
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.Constant) and isinstance(node.value, str)
    ]
    docstrings = {
        ast.get_docstring(node)
        for node in ast.walk(ast.parse(source))
        if isinstance(node, ast.FunctionDef | ast.Module)
    }
    found = [text for text in literals if advice.search(text) and text not in docstrings]
    assert found == []
    assert texts.interactions_notice() == KB.reminder_texts["magnesium_notice"]
    assert texts.cutoff_hint() == KB.reminder_texts["caffeine_cutoff_hint"]
    assert texts.dose_message(300).startswith("300 mg is above the EU upper limit of 250 mg")
    assert "doctor's advice" in texts.dose_message(400)


# --- S6: under 18, no dose anywhere and no magnesium reminder -----------------------------------


def test_s6_under_18_settings_and_reminders_offer_no_dose(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]

    set_setting("magnesium_notice_shown", True)
    rs.save_spec(replace(rs.get_spec(MG), enabled=True), NOW)
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    page.show()
    dose = page.editors["magnesium_dose_mg"]
    assert dose.isVisibleTo(page)
    assert page.reminders.groups[MG].isVisibleTo(page)
    adult = page.editors["adult"]
    adult.setCurrentIndex(adult.findData("no"))  # the person says they are under 18
    assert get_setting("adult") == "no"
    assert not dose.isVisibleTo(page) and not page.editors["magnesium_form"].isVisibleTo(page)
    assert not page.reminders.groups[MG].isVisibleTo(page)
    assert not page.reminders.dose.isVisibleTo(page)
    assert not rs.get_spec(MG).enabled  # never scheduled under 18
    assert rs.get_spec(MG).dose_mg is None
    adult.setCurrentIndex(adult.findData("yes"))
    assert dose.isVisibleTo(page) and page.reminders.groups[MG].isVisibleTo(page)


def test_s6_the_recovery_plan_notification_uses_the_under_18_wording(db) -> None:  # type: ignore[no-untyped-def]
    spec = rs.get_spec(ReminderKind.RECOVERY_STEP)
    set_setting("adult", "no")
    _title, body = texts.notice_text(spec, time(12, 0), "week2_magnesium")
    assert "250 mg" not in body and "350 mg" not in body
    assert "Ask a doctor or pharmacist about supplements for children and teenagers" in body
    set_setting("adult", "yes")
    _title, body = texts.notice_text(spec, time(12, 0), "week2_magnesium")
    assert "250 mg" in body and "children" not in body
    set_settings({"adult": ""})
    _title, body = texts.notice_text(spec, time(12, 0), "week2_magnesium")
    assert "Adults (18 or over)" in body and "Under 18" in body


def test_s6_the_triage_and_its_plan_give_under_18s_no_dose(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.core.triage.answers import Profile, TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage

    all_no = {q.id: "no" for q in KB.warning_questions}
    result = triage(
        TriageAnswers.parse({**all_no, "diet_mineral_foods": "no", "caffeine_mg_per_day": 500}),
        profile=Profile(adult=False),
    )
    text = " ".join(i.text for i in (*result.plan.quick_fixes, *result.plan.strategies))
    assert "250 mg" not in text
    assert "remind_magnesium" not in {a.id for a in result.plan.actions}


# --- the notice's dialog is the knowledge base's text ------------------------------------------


def test_the_magnesium_notice_dialog_shows_the_knowledge_base_text(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.magnesium_notice import confirm_magnesium_notice

    seen: list[str] = []

    def read(box: QMessageBox) -> None:
        seen.append(box.text())
        box.button(QMessageBox.StandardButton.Cancel).click()

    with_modal(read, lambda: confirm_magnesium_notice(None, build_controllers(ctx).settings))
    assert seen == [KB.reminder_texts["magnesium_notice"]]


@pytest.mark.qt_log_ignore("This plugin does not support raise")
def test_s6_under_18_the_magnesium_dialogs_pre_fill_no_dose(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.main_window import MainWindow

    set_settings(
        {"magnesium_notice_shown": True, "magnesium_dose_mg": 200, "magnesium_dose_confirmed": True}
    )
    ctx.clock.set(NOW)
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    assert window.entries.intake_dialog(IntakeKind.MAGNESIUM).amount.value() == 200  # theirs, adult
    set_setting("adult", "no")
    assert window.entries.intake_dialog(IntakeKind.MAGNESIUM).amount.value() == 0
    asked: list[float] = []

    def close(dialog) -> None:  # type: ignore[no-untyped-def]
        asked.append(dialog.amount.value())
        dialog.reject()

    with_modal(close, window.entries.log_magnesium_now)  # Ctrl+M asks, never logs 200 mg silently
    assert asked == [0]
    assert intakes_between(NOW - timedelta(days=1), NOW + timedelta(days=1)) == []
