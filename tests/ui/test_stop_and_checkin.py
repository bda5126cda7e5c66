"""Issue 15: stopping "Twitching now" offers a one-tap intensity (skippable); the check-in
starts empty and Save needs at least one value."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt

from liptwitch_desktop.app.bootstrap import build_main
from liptwitch_desktop.store.log_reads import get_checkin
from liptwitch_desktop.ui.dialogs.checkin_dialog import CheckInDialog


def window(ctx, qtbot):
    main = build_main(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    return main


def episodes(ctx):
    from liptwitch_desktop.store.log_reads import all_episodes

    return all_episodes()


def test_stopping_offers_a_one_tap_intensity(ctx, qtbot) -> None:
    main = window(ctx, qtbot)
    main.entries.toggle_twitching()
    assert main.entries.intensity_prompt is None  # nothing asked on the start
    ctx.clock.advance(timedelta(seconds=40))
    main.entries.toggle_twitching()
    prompt = main.entries.intensity_prompt
    assert prompt is not None and prompt.isVisible() and not prompt.isModal()
    assert sorted(prompt.buttons) == list(range(1, 11))
    qtbot.mouseClick(prompt.buttons[8], Qt.MouseButton.LeftButton)
    [episode] = episodes(ctx)
    assert episode.intensity == 8 and episode.duration_s == 40
    assert main.statusBar().currentMessage().startswith("Intensity 8 of 10 saved")
    main.actions_by_name["undo"].trigger()  # the intensity is its own step
    [episode] = episodes(ctx)
    assert episode.intensity == 5 and episode.duration_s == 40


def test_the_intensity_can_be_skipped(ctx, qtbot) -> None:
    main = window(ctx, qtbot)
    main.entries.toggle_twitching()
    ctx.clock.advance(timedelta(seconds=10))
    main.entries.toggle_twitching()
    prompt = main.entries.intensity_prompt
    qtbot.mouseClick(prompt.skip, Qt.MouseButton.LeftButton)
    [episode] = episodes(ctx)
    assert episode.intensity == 5 and episode.duration_s == 10
    assert not prompt.isVisible()


def test_the_check_in_starts_empty_and_needs_one_value(ctx, qtbot) -> None:
    dialog = CheckInDialog(ctx.clock.now, ctx.today())
    qtbot.addWidget(dialog)
    assert dialog.sleep.text() == "not given" and dialog.stress.text() == "not given"
    blank = dialog.checkin()
    assert blank.sleep_hours is None and blank.stress is None
    errors = dialog.validate()
    assert "at least one" in errors["sleep_hours"]
    dialog.stress.setValue(4)
    assert dialog.validate() == {}
    dialog.stress.setValue(-1)
    dialog.sleep.stepBy(1)  # up from "not given": 0 h, a value, not -0.5 h
    assert dialog.sleep.value() == 0.0


def test_an_empty_check_in_is_not_saved(ctx, qtbot) -> None:
    dialog = CheckInDialog(ctx.clock.now, ctx.today())
    qtbot.addWidget(dialog)
    saved: list[object] = []
    dialog.save_with(lambda: saved.append(dialog.checkin()))
    dialog.accept()
    assert saved == [] and get_checkin(ctx.today()) is None
