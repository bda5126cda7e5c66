"""Issue 15, feedback for every action: an action that can be undone says so with an Undo
button beside its line (a mouse user need not know Ctrl+Z); the button undoes exactly that
action, never another; actions that cannot be undone say what happened without one."""

from __future__ import annotations

from datetime import timedelta

from PySide6.QtCore import Qt
from PySide6.QtGui import QUndoCommand, QUndoStack
from PySide6.QtWidgets import QMainWindow, QWidget

from liptwitch_desktop.app.bootstrap import build_main
from liptwitch_desktop.core.drinks import Drink
from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.ui import feedback

COFFEE = Drink("test_coffee", "Coffee (test)", 250.0, 95.0)


def window(ctx, qtbot, monkeypatch):
    from liptwitch_desktop.ui.dialogs.episode_dialog import EpisodeDialog

    main = build_main(ctx)
    qtbot.addWidget(main)
    main.show()
    qtbot.waitExposed(main)
    main.install_shortcuts()
    # The episode dialog saves what it holds and closes, as Save does.
    monkeypatch.setattr(EpisodeDialog, "exec", lambda self: (self.accept(), 1)[1])
    return main


def toast(main) -> QWidget | None:
    return main.statusBar().findChild(QWidget, feedback.TOAST_NAME)


def undo_offered(main) -> bool:
    shown = toast(main)
    return shown is not None and not shown.isHidden()


def episodes():
    from liptwitch_desktop.store.log_reads import all_episodes

    return all_episodes()


def intakes():
    from liptwitch_desktop.store.log_reads import all_intakes

    return all_intakes()


def test_logging_an_episode_offers_undo_and_the_button_undoes_it(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    assert toast(main) is None  # built at the first undoable action, not with the window
    main.entries.new_episode()
    assert len(episodes()) == 1
    assert main.statusBar().currentMessage() == "Episode logged"  # no "(Ctrl+Z to undo)"
    assert undo_offered(main)
    button = toast(main).button
    assert button.text() == "Undo" and button.isVisible()
    # Beside the words, not at the far end of the window.
    assert toast(main).label.text() == "Episode logged"
    assert button.mapTo(main, button.rect().topLeft()).x() < main.width() // 2
    qtbot.mouseClick(button, Qt.MouseButton.LeftButton)
    assert episodes() == []
    assert main.statusBar().currentMessage() == "Undone: Log episode"
    assert not undo_offered(main)  # "Undone" itself offers no Undo


def test_an_action_undone_with_ctrl_z_leaves_a_button_that_undoes_nothing_else(
    ctx, qtbot, monkeypatch
):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    button = toast(main).button
    main.actions_by_name["undo"].trigger()  # Ctrl+Z
    assert episodes() == [] and not undo_offered(main)
    # Another change lands where the undone one was (the tray, a verb): same stack index.
    water = main.controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    button.click()
    assert intakes() == [water]


def test_a_newer_action_takes_the_button_over(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    main.entries.log_drink_preset(COFFEE)  # under the day's caffeine limit: no question
    assert main.statusBar().currentMessage() == "Logged Coffee (test)"
    assert undo_offered(main)
    toast(main).button.click()
    assert intakes() == [] and len(episodes()) == 1  # the coffee, not the episode


def test_a_change_made_elsewhere_withdraws_the_button(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    button = toast(main).button
    main.controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    assert not undo_offered(main)
    button.click()
    assert len(episodes()) == 1 and len(intakes()) == 1


def test_the_button_checks_the_step_itself_not_only_its_place(qtbot):
    # With an undo limit a new step takes the place of the oldest and the stack's index
    # ends where it was: only the step's identity tells the two apart. (A bare window: the
    # main window also clears its line whenever the stack moves.)
    undone: list[str] = []

    class Step(QUndoCommand):
        def undo(self) -> None:
            undone.append(self.text())

    main = QMainWindow()
    qtbot.addWidget(main)
    stack = QUndoStack(main)
    stack.setUndoLimit(1)
    stack.push(Step("first"))
    feedback.say(main, "First done", undo=stack)
    stack.push(Step("second"))
    assert stack.index() == 1  # the place the first step had
    toast(main).button.click()
    assert undone == []
    stack.push(Step("third"))
    feedback.say(main, "Third done", undo=stack)
    toast(main).button.click()
    assert undone == ["third"]


def test_delete_and_edit_on_the_log_offer_undo(ctx, qtbot, monkeypatch):
    from liptwitch_desktop.ui.dialogs.episode_dialog import EpisodeDialog

    main = window(ctx, qtbot, monkeypatch)
    episode = main.controller.add(
        Episode(started_at=ctx.clock.now() - timedelta(hours=1), duration_s=60, intensity=3)
    )
    monkeypatch.setattr(EpisodeDialog, "episode", lambda self: episode._replace(intensity=9))
    main.entries._edit_episode(episode)
    assert main.statusBar().currentMessage() == "Episode changed" and undo_offered(main)
    toast(main).button.click()
    assert episodes()[0].intensity == 3
    log = main.show_page("log")
    log.table.selectRow(0)
    log.delete_selected()
    assert main.statusBar().currentMessage() == "Deleted 1 entry" and undo_offered(main)
    toast(main).button.click()
    assert len(episodes()) == 1
    assert main.statusBar().currentMessage() == "Undone: Delete entry"


def test_the_same_intensity_again_offers_no_undo_of_the_stop(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.toggle_twitching()
    ctx.clock.advance(timedelta(seconds=30))
    main.entries.toggle_twitching()
    prompt = main.entries.intensity_prompt
    [stopped] = episodes()
    prompt.chosen.emit(stopped.intensity)  # nothing changes: no undo step
    assert main.statusBar().currentMessage().startswith("Intensity")
    assert not undo_offered(main)
    assert not episodes()[0].running


def test_export_and_backup_say_what_happened_without_undo(ctx, qtbot, monkeypatch, tmp_path):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    assert undo_offered(main)
    log = main.show_page("log")
    target = tmp_path / "log.csv"
    assert log.export_csv(target) == 1
    assert main.statusBar().currentMessage() == f"Exported 1 entry to {target}"
    assert not undo_offered(main)  # the episode's Undo does not stand beside the export
    settings = main.show_page("settings")
    settings.backup_now()
    assert main.statusBar().currentMessage().startswith("Backup taken: ")
    assert not undo_offered(main)


def test_the_same_words_without_undo_withdraw_the_button(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    feedback.say(main, "Episode logged")  # the line is unchanged, the offer is not
    assert not undo_offered(main)


def test_the_button_is_reachable_from_the_keyboard(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.entries.new_episode()
    button = toast(main).button
    assert button.accessibleName() == "Undo"
    assert "Log episode" in button.accessibleDescription()
    assert "Ctrl+Z" in button.toolTip()
    assert button.focusPolicy() & Qt.FocusPolicy.TabFocus
    button.setFocus()
    qtbot.keyClick(button, Qt.Key.Key_Space)
    assert episodes() == []


def test_the_button_goes_with_its_line_after_a_while(ctx, qtbot, monkeypatch):
    main = window(ctx, qtbot, monkeypatch)
    main.controller.add(Intake(ctx.clock.now(), IntakeKind.WATER, "", water_ml=250))
    feedback.say(main, "Saved", ms=50, undo=main.controller.undo_stack)
    assert undo_offered(main)
    qtbot.waitUntil(lambda: not undo_offered(main), timeout=3000)
    assert main.statusBar().currentMessage() == ""
    assert feedback.UNDO_SHOWN_MS > feedback.SHOWN_MS  # longer with a button to press


def test_a_message_outside_a_main_window_offers_no_button(qtbot):
    alone = QWidget()
    qtbot.addWidget(alone)
    feedback.say(alone, "Backup taken")
    assert alone.property("last_feedback") == "Backup taken"
    assert alone.findChild(QWidget, feedback.TOAST_NAME) is None


def test_pausing_an_experiment_says_so_and_its_undo_resumes_it(ctx, qtbot, monkeypatch):
    """The Experiment page's pause, extend and stop are on the undo stack: they say what they
    did, with the same Undo button (they said nothing before)."""
    from liptwitch_desktop.core.experiment import Phase

    main = window(ctx, qtbot, monkeypatch)
    main.controllers.experiment.start("caffeine_cutoff", 12)
    ctx.clock.advance(timedelta(days=3))
    page = main.show_page("experiment")
    page.refresh()
    page.pause_button.click()
    assert page.view.state.phase is Phase.PAUSED
    assert main.statusBar().currentMessage() == "Experiment paused"
    assert undo_offered(main)
    toast(main).button.click()
    assert page.view.state.phase is not Phase.PAUSED
    assert main.statusBar().currentMessage().startswith("Undone: Pause the experiment")
