"""Issue 15: the wizard shows "Step 2 of 5"; Cancel on a result asks before discarding it;
Save / Finish / Cancel say what they do; the emergency page closes without a question."""

from __future__ import annotations

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QMessageBox, QWizard

from liptwitch_desktop.store.triage_history import list_triage_history
from liptwitch_desktop.ui.triage.pages import PAGE_EMERGENCY, PAGE_RESULT

from .test_triage_wizard import answer, answer_all_no, click_next, make_wizard


def to_result(ctx, qtbot):
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.stroke_page, qtbot)
    click_next(wizard, qtbot)
    answer_all_no(wizard, wizard.red_flags_page, qtbot)
    answer(wizard, "face_weakness_gradual", "yes", qtbot)
    click_next(wizard, qtbot)
    assert wizard.currentId() == PAGE_RESULT
    return wizard


def press_in_question(label: str) -> None:
    def press() -> None:
        box = QApplication.activeModalWidget()
        assert isinstance(box, QMessageBox), box
        [button] = [b for b in box.buttons() if b.text() == label]
        button.click()

    QTimer.singleShot(0, press)


def test_question_pages_say_which_step(ctx, qtbot) -> None:
    wizard = make_wizard(ctx, qtbot, country_code="GB")
    titles = [wizard.page(i).title() for i in (1, 2, 3, 4, 5)]
    assert titles[0].startswith("Step 1 of 5: ")
    assert titles[1].startswith("Step 2 of 5: ")
    assert titles[4].startswith("Step 5 of 5: ")
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Stop the check"
    assert wizard.buttonText(QWizard.WizardButton.FinishButton) == "Save and close"


def test_cancel_on_a_result_asks_and_keep_keeps_it_open(ctx, qtbot) -> None:
    wizard = to_result(ctx, qtbot)
    assert wizard.buttonText(QWizard.WizardButton.CancelButton) == "Close without saving"
    assert wizard.result_page.save_button.text().replace("&", "") == "Save to history"
    press_in_question("Keep it open")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert wizard.isVisible() and wizard.discard_question is not None
    press_in_question("Discard")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()
    assert list_triage_history() == []


def test_save_and_close_from_the_question_keeps_the_result(ctx, qtbot) -> None:
    wizard = to_result(ctx, qtbot)
    press_in_question("Save and close")
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible()
    assert len(list_triage_history()) == 1


def test_a_saved_result_and_the_emergency_page_close_at_once(ctx, qtbot) -> None:
    wizard = to_result(ctx, qtbot)
    wizard.result_page.save_button.click()
    wizard.button(QWizard.WizardButton.CancelButton).click()
    assert not wizard.isVisible() and wizard.discard_question is None
    emergency = make_wizard(ctx, qtbot, country_code="GB")
    click_next(emergency, qtbot)
    answer(emergency, emergency.stroke_page.widgets[0].question.id, "yes", qtbot)
    click_next(emergency, qtbot)
    assert emergency.currentId() == PAGE_EMERGENCY
    emergency.reject()
    assert not emergency.isVisible() and emergency.discard_question is None
