"""The review of issue 12 (notes/review-12.md), in the app: the emergency page and every form
an emergency is kept in, each sentence said once."""

from __future__ import annotations

from datetime import timedelta

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QLabel, QWizard

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.store.triage_history import list_triage_history
from tests import wiring
from tests.pdf_text import pdf_text

from .test_triage_edges import make_wizard, to_emergency

KB = load_knowledge()
NOT_EMERGENCY_WORDS = ("NHS 111", "not an emergency", "Non-emergency", "1777")


def page_text(widget) -> str:  # type: ignore[no-untyped-def]
    """Every visible label and text box on a page, in one string."""
    texts = [label.text() for label in widget.findChildren(QLabel) if label.isVisible()]
    texts.append(widget.body.toPlainText())
    return "\n".join(texts)


def report_text() -> str:
    from liptwitch_desktop.report.details import details_html
    from liptwitch_desktop.report.summary import summary_html

    from ..store.test_report_query import report

    data = report()
    return summary_html(data) + details_html(data, 100, 100)


@pytest.mark.parametrize("country,number", [("GB", "999"), ("SG", "995")])
def test_s3_c1_no_emergency_form_carries_a_non_emergency_line(
    ctx, qtbot, tmp_path, country, number
) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store import bulk

    from ..store.test_report_query import FIRST, at, episode_rows

    bulk.insert_all(episode_rows(), [], [])
    ctx.clock.set(at(FIRST + timedelta(days=5), 10))
    wizard = make_wizard(ctx, qtbot, country_code=country)
    to_emergency(wizard, qtbot, "stroke_face_droop")
    page = wizard.emergency_page
    shown = page_text(page)
    wizard.save_pdf(tmp_path / "emergency.pdf")
    qtbot.mouseClick(wizard.button(QWizard.WizardButton.FinishButton), Qt.MouseButton.LeftButton)
    history = wiring.triage_page(ctx)
    qtbot.addWidget(history)
    forms = {
        "wizard page": shown,
        "pdf": pdf_text(tmp_path / "emergency.pdf"),
        "history": history.detail.toPlainText(),
        "report": report_text(),
    }
    [saved] = list_triage_history()
    assert saved.result.emergency_number == number
    for name, text in forms.items():
        for words in NOT_EMERGENCY_WORDS:
            assert words not in text, (name, words)
        if name != "report":
            # "Call 999 now." is not said above "Call 999"; "note the time" once.
            assert text.count(f"Call {number}") == 1, (name, text)
            assert text.lower().count("note the time") == 1, (name, text)
    assert f"Call {number}" in forms["report"]


def test_s3_the_first_run_picker_shows_the_non_emergency_line(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.first_run import CountryStep

    step = CountryStep()
    qtbot.addWidget(step)
    step.choice.set_country("GB")
    assert "Call 999" in step.preview.text()
    assert "NHS 111" in step.preview.text()


def test_s7_the_wizard_shows_the_not_sure_hint_on_the_stroke_questions(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    hint = wizard.widgets["stroke_face_droop"].findChild(QLabel, "hint_stroke_face_droop")
    assert hint is not None
    assert hint.text() == "If you are not sure how fast it came on, choose Not sure."
    gradual = wizard.widgets["face_weakness_gradual"].label.text()
    assert "over a day or more" in gradual and "hours" not in gradual


# --- W3: the TIA sentence on every later, lower check; C2: dates, blanks, grouping ------------


def _emergency_then_calm() -> list:  # type: ignore[type-arg]
    from liptwitch_desktop.core.triage.answers import Profile, TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.store import bulk
    from liptwitch_desktop.store.triage_history import save_triage

    from ..store.test_report_query import FIRST, at, episode_rows

    bulk.insert_all(episode_rows(), [], [])
    all_no = {q.id: "no" for q in KB.warning_questions}
    checks = [
        {"stroke_face_droop": "yes"},
        {**all_no, "swallowing_new": "yes"},
        all_no,
    ]
    saved = []
    for day, raw in enumerate(checks):
        answers = TriageAnswers.parse({**raw, "medicine_recent": [], "food_triggers": []})
        result = triage(answers, profile=Profile(country="GB"))
        saved.append(save_triage(at(FIRST + timedelta(days=day + 1), 15), answers, result))
    return saved


def test_w3_every_later_lower_check_carries_the_tia_sentence_with_the_date(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.dates import day_text as shown_day

    from ..store.test_report_query import FIRST

    saved = _emergency_then_calm()
    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    emergency_day = FIRST + timedelta(days=1)
    day_text = shown_day(emergency_day)  # the app's one date format (ui/dates.py)
    assert page.list.currentRow() == 0  # the newest, calm check is shown first
    for row in (0, 1):
        page.list.setCurrentRow(row)
        detail = page.detail.toPlainText()
        assert "Signs of a stroke that went away still need urgent care" in detail, row
        assert f"The check on {day_text} found a sign of a stroke" in detail
        assert "call 999 now" in detail
    page.list.setCurrentRow(2)  # the emergency itself
    assert "went away" not in page.detail.toPlainText()
    assert saved[0].result.urgency.value == "emergency"
    text = report_text()
    assert "Latest symptom check" in text
    summary_line = text[text.index("Latest symptom check") :]
    assert "Signs of a stroke that went away still need urgent care" in summary_line
    assert f"{emergency_day.day} {emergency_day:%b %Y}" in summary_line


def test_c2_dates_in_the_locales_short_format_and_no_blank_answers(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.report_query import report_inputs

    from ..store.test_report_query import DAY_START, FIRST, LAST, TODAY, ZONE

    _emergency_then_calm()
    page = wiring.triage_page(ctx)
    qtbot.addWidget(page)
    detail = page.detail.toPlainText()
    assert "Checked on" in detail
    import re

    assert not re.search(
        r"\b(Mon|Tue|Wed|Thu|Fri|Sat|Sun) [A-Z][a-z]{2} +\d+ \d\d:\d\d:\d\d", detail
    )
    inputs = report_inputs(FIRST, LAST, ZONE, DAY_START, TODAY)
    for snap in inputs.triage:
        assert all(words.strip() for _question, words in snap.answers), snap.answers
    emergency = next(s for s in inputs.triage if s.urgency == "emergency")
    assert [q for q, _ in emergency.answers] == [KB.question("stroke_face_droop").text]
    # After the emergency, "What changed" groups the many "not answered -> no" lines.
    page.list.setCurrentRow(1)
    changes = page.changes.toPlainText().splitlines()
    assert not any("Was: not answered. Now: no." in line for line in changes), changes
    assert any(
        "questions that were not answered before are now answered “no”" in c for c in changes
    )


# --- S4 and W4: the country search and the first run -----------------------------------------

POPUP_WARNINGS = pytest.mark.qt_log_ignore(
    "This plugin does not support raise", "This plugin does not support grabbing the keyboard"
)


def type_in(qtbot, combo, text: str, enter: bool = True) -> None:  # type: ignore[no-untyped-def]
    combo.setFocus()
    combo.lineEdit().selectAll()
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Backspace)
    qtbot.keyClicks(combo.lineEdit(), text)
    if enter:
        qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)


@POPUP_WARNINGS
def test_s4_uk_means_the_united_kingdom_in_settings(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting

    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    combo = page.editors["emergency_country"]
    type_in(qtbot, combo, "uk", enter=False)
    assert combo.suggestions.stringList()[:2] == ["United Kingdom — 999", "Ukraine — 103"]
    qtbot.keyClick(combo.lineEdit(), Qt.Key.Key_Return)
    assert get_setting("emergency_country") == "GB"
    for typed, code in (("nz", "NZ"), ("usa", "US"), ("america", "US"), ("holland", "NL")):
        type_in(qtbot, combo, typed)
        assert get_setting("emergency_country") == code, typed


def first_run(ctx, qtbot, locale: str):  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QLocale

    previous = QLocale()
    QLocale.setDefault(QLocale(locale))
    try:
        dialog = wiring.first_run_dialog(ctx)
    finally:
        QLocale.setDefault(previous)
    qtbot.addWidget(dialog)
    dialog.show()
    qtbot.waitExposed(dialog)
    return dialog


@POPUP_WARNINGS
def test_s4_enter_in_the_search_never_moves_the_first_run_on(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting

    dialog = first_run(ctx, qtbot, "en_NZ")
    step = dialog.steps[0]
    assert step.choice.country() == "NZ"
    type_in(qtbot, step.choice, "england")
    assert dialog.progress.text() == "Step 1 of 3"  # Enter chose, and did nothing else
    assert step.choice.country() == "GB"
    assert "Call 999" in step.preview.text() and "Call 111" not in step.preview.text()
    type_in(qtbot, step.choice, "englnd")
    assert dialog.progress.text() == "Step 1 of 3"
    assert step.choice.country() == ""  # the earlier choice is not kept quietly
    assert "No country matches “englnd”" in step.preview.text()
    assert "Call your local emergency number" in step.preview.text()
    for _step in dialog.steps:  # three steps since issue 15
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert get_setting("emergency_country") == ""


@POPUP_WARNINGS
def test_s4_typing_without_enter_shows_what_the_text_means(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    dialog = first_run(ctx, qtbot, "en_NZ")
    step = dialog.steps[0]
    type_in(qtbot, step.choice, "xyzzy", enter=False)
    assert "Call 111" not in step.preview.text()
    assert "No country matches “xyzzy”" in step.preview.text()
    type_in(qtbot, step.choice, "united", enter=False)
    assert "fits several countries" in step.preview.text()


def test_w4_without_a_locale_country_nothing_is_pre_selected(ctx, qtbot) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.store.settings import get_setting

    dialog = first_run(ctx, qtbot, "C")
    step = dialog.steps[0]
    assert step.choice.country() == "" and step.choice.currentIndex() == -1
    assert "Afghanistan" not in step.choice.currentText()
    assert "No country is chosen yet" in step.preview.text()
    assert "Call your local emergency number" in step.preview.text()
    assert dialog.next_button.isEnabled()
    for _step in dialog.steps:  # three steps since issue 15
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert get_setting("emergency_country") == ""  # unknown: never a stray "AF"


@pytest.mark.parametrize("country", ["GB", "NZ"])
def test_c1_see_a_doctor_today_is_said_once_in_the_banner_and_the_printout(
    ctx, qtbot, country
) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtGui import QTextDocument

    from liptwitch_desktop.core.triage.answers import Profile, TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.ui.triage.render import UrgencyBanner, result_html

    all_no = {q.id: "no" for q in KB.warning_questions}
    result = triage(
        TriageAnswers.parse({**all_no, "swallowing_new": "yes"}), profile=Profile(country=country)
    )
    banner = UrgencyBanner()
    qtbot.addWidget(banner)
    banner.show_result(result)
    shown = f"{banner.word.text()}\n{banner.headline.text()}"
    document = QTextDocument()
    document.setHtml(result_html(result, include_headline=True))
    for text in (shown, document.toPlainText()):
        assert text.lower().count("see a doctor today") == 1, text
