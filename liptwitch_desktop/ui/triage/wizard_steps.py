"""Where the person is in the triage and what each button does.

The question pages say "Step 2 of 5: …"; Finish, Cancel and Save say what they do; Cancel
on a result that is not saved yet asks before discarding it. The emergency page never asks
anything: closing it is one press.
"""

from __future__ import annotations

from typing import TYPE_CHECKING

from PySide6.QtCore import QCoreApplication
from PySide6.QtWidgets import QMessageBox, QWizard

from .pages import PAGE_DAILY, PAGE_MEDICAL, PAGE_ONSET, PAGE_RED_FLAGS, PAGE_RESULT, PAGE_STROKE

if TYPE_CHECKING:
    from .wizard import TriageWizard

# The question pages in the order they come: "Step n of 5".
STEPS = (PAGE_STROKE, PAGE_RED_FLAGS, PAGE_ONSET, PAGE_DAILY, PAGE_MEDICAL)


def _tr(text: str) -> str:
    return QCoreApplication.translate("TriageWizard", text)


def install_steps(wizard: TriageWizard) -> None:
    titles = {page_id: wizard.page(page_id).title() for page_id in STEPS}
    for number, page_id in enumerate(STEPS, start=1):
        wizard.page(page_id).setTitle(
            _tr("Step %1 of %2: %3")
            .replace("%1", str(number))
            .replace("%2", str(len(STEPS)))
            .replace("%3", titles[page_id])
        )
    wizard.setButtonText(QWizard.WizardButton.FinishButton, _tr("Save and close"))
    wizard.button(QWizard.WizardButton.FinishButton).setToolTip(
        _tr("Keep this result in your history (with the plan items ticked) and close")
    )
    wizard.result_page.save_button.setText(_tr("&Save to history"))
    wizard.currentIdChanged.connect(lambda page_id: _cancel_caption(wizard, page_id))
    _cancel_caption(wizard, wizard.currentId())


def _cancel_caption(wizard: TriageWizard, page_id: int) -> None:
    on_result = page_id == PAGE_RESULT
    wizard.setButtonText(
        QWizard.WizardButton.CancelButton,
        _tr("Close without saving") if on_result else _tr("Stop the check"),
    )


def may_discard(wizard: TriageWizard) -> bool:
    """Whether Cancel may close: asked only on a result that is not saved yet."""
    if wizard.currentId() != PAGE_RESULT or wizard.result is None:
        return True
    if wizard.saved_record is not None:
        return True
    box = QMessageBox(
        QMessageBox.Icon.Question,
        _tr("Unsaved result"),
        _tr("This result is not saved. Close without saving it to your history?"),
        QMessageBox.StandardButton.NoButton,
        wizard,
    )
    save = box.addButton(_tr("Save and close"), QMessageBox.ButtonRole.AcceptRole)
    discard = box.addButton(_tr("Discard"), QMessageBox.ButtonRole.DestructiveRole)
    keep = box.addButton(_tr("Keep it open"), QMessageBox.ButtonRole.RejectRole)
    box.setDefaultButton(keep)
    box.setObjectName("triage_discard_question")
    wizard.discard_question = box
    box.exec()
    clicked = box.clickedButton()
    if clicked is save:
        wizard.save()
        return True
    return clicked is discard
