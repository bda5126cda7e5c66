"""Issue 15: a first run of three steps at most: country and 18 or over; the magnesium
dose and form if the person takes one (with the safety notice); the caffeine limit (from
limits.toml) and cutoff. Skippable; every write through the settings controller."""

from __future__ import annotations

from PySide6.QtCore import Qt, QTime

from liptwitch_desktop.core.knowledge import load_knowledge
from liptwitch_desktop.store.settings import get_setting
from liptwitch_desktop.ui.first_run import STEPS
from liptwitch_desktop.ui.first_run_steps import CaffeineStep, MagnesiumStep

from .. import wiring


def dialog_for(ctx, qtbot):
    dialog = wiring.first_run_dialog(ctx)
    qtbot.addWidget(dialog)
    dialog.show()
    return dialog


def test_three_steps_at_most() -> None:
    assert len(STEPS) <= 3


def test_magnesium_and_caffeine_are_set_up_in_one_write(ctx, qtbot) -> None:
    dialog = dialog_for(ctx, qtbot)
    dialog.steps[0].choice.set_country("GB")
    dialog.steps[0].buttons["yes"].setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    magnesium = dialog.steps[1]
    assert isinstance(magnesium, MagnesiumStep)
    assert not magnesium.details.isVisible()
    magnesium.takes.setChecked(True)
    assert magnesium.notice.isVisible() and magnesium.notice.text()
    assert not dialog.next_button.isEnabled()  # the notice must be understood first
    magnesium.dose.setValue(400)
    assert "250" in magnesium.dose_note.text()  # the dose warning (FACTS.md)
    magnesium.dose.setValue(150)
    magnesium.form_choice.setCurrentIndex(magnesium.form_choice.findData("citrate"))
    magnesium.understood.setChecked(True)
    assert dialog.next_button.isEnabled()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    caffeine = dialog.steps[2]
    assert isinstance(caffeine, CaffeineStep)
    limits = load_knowledge().limits
    pregnancy = str(int(limits["caffeine_mg_day_pregnancy"].value))
    assert set(caffeine.limits) == {str(int(limits["caffeine_mg_day"].value)), pregnancy}
    caffeine.limits[pregnancy].setChecked(True)
    caffeine.cutoff.setTime(QTime(14, 0))
    seen: list[str] = []
    ctx.signals.data_changed.connect(seen.append)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert seen == ["settings"]
    assert get_setting("magnesium_dose_mg") == 150
    assert get_setting("magnesium_form") == "citrate"
    assert get_setting("magnesium_dose_confirmed") is True
    assert get_setting("magnesium_notice_shown") is True
    assert str(get_setting("caffeine_limit_mg")) == pregnancy
    assert get_setting("caffeine_cutoff") == "14:00"


def test_no_dose_for_someone_under_18(ctx, qtbot) -> None:
    dialog = dialog_for(ctx, qtbot)
    dialog.steps[0].buttons["no"].setChecked(True)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    magnesium = dialog.steps[1]
    assert not magnesium.takes.isVisible() and magnesium.under_18.isVisible()
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert get_setting("adult") == "no"
    assert get_setting("magnesium_dose_confirmed") is False
    assert get_setting("magnesium_notice_shown") is False


def test_not_taking_magnesium_writes_no_dose(ctx, qtbot) -> None:
    dialog = dialog_for(ctx, qtbot)
    for _ in dialog.steps:
        qtbot.mouseClick(dialog.next_button, Qt.MouseButton.LeftButton)
    assert get_setting("magnesium_dose_confirmed") is False
    assert get_setting("magnesium_notice_shown") is False
    assert str(get_setting("caffeine_limit_mg")) == "400"
