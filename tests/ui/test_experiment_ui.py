"""The experiment screens (issue 17): start (choices, lengths, what a plan can show), the
page (status, pause / resume / extend / stop, the answer with its picture, history), Today's
line, and "Test this" from Trends and a triage result."""

from __future__ import annotations

import random
from datetime import timedelta
from typing import Any

import pytest

from liptwitch_desktop.app.bootstrap import build_controllers
from liptwitch_desktop.controllers.experiment import ExperimentController
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.core.experiment import Phase, Status
from liptwitch_desktop.store import experiments as store
from liptwitch_desktop.store.entries import add_episode, add_intake
from liptwitch_desktop.store.settings import set_setting
from liptwitch_desktop.ui.experiment.page import ExperimentPage
from liptwitch_desktop.ui.experiment.start_dialog import StartDialog


@pytest.fixture
def controllers(ctx: Any) -> Any:
    c = build_controllers(ctx)
    c.experiment = ExperimentController(ctx, rng=random.Random(4))
    return c


@pytest.fixture
def page(ctx: Any, qtbot: Any, controllers: Any) -> ExperimentPage:
    p = ExperimentPage(ctx, controllers.experiment, controllers.settings)
    qtbot.addWidget(p)
    p.resize(900, 1200)
    return p


def test_start_dialog_offers_the_knowledge_base_and_says_what_a_plan_can_show(
    ctx: Any, qtbot: Any, controllers: Any
) -> None:
    dlg = StartDialog(ctx, controllers.experiment, controllers.settings, "caffeine_cutoff")
    qtbot.addWidget(dlg)
    ids = [dlg.change.itemData(i) for i in range(dlg.change.count())]
    assert ids == [
        "caffeine_cutoff",
        "caffeine_under_mg",
        "magnesium_evening",
        "sleep_7h",
        "no_trigger_food",
    ]
    weeks = [dlg.weeks.itemData(i) for i in range(dlg.weeks.count())]
    # The default is the shortest plan that can give a clear answer (review 16/17, finding 3).
    assert weeks == [4, 6, 8, 12, 16, 24] and dlg.chosen_weeks() == 12
    assert "can prove" in dlg.can_show.text() and "cannot" not in dlg.can_show.text()
    dlg.weeks.setCurrentIndex(dlg.weeks.findData(6))
    assert "cannot prove" in dlg.can_show.text() and "12 weeks or more can" in dlg.can_show.text()
    assert "after 12:00" in dlg.kept.text() and dlg.cutoff.isVisible() is dlg.cutoff.isVisible()
    assert len(dlg.strip.boxes) == 6 and all(b.kind is None for b in dlg.strip.boxes)
    dlg.weeks.setCurrentIndex(dlg.weeks.findData(16))
    assert "can prove" in dlg.can_show.text() and "cannot" not in dlg.can_show.text()
    assert len(dlg.strip.boxes) == 16
    # Magnesium: 2-week periods, and why.
    dlg.change.setCurrentIndex(dlg.change.findData("magnesium_evening"))
    assert [dlg.weeks.itemData(i) for i in range(dlg.weeks.count())] == [8, 12, 16, 24]
    assert dlg.chosen_weeks() == 24 and "can prove" in dlg.can_show.text()
    assert "slowly" in dlg.why_length.text()
    assert dlg.washout.isChecked()  # the carry-over setting, on for magnesium
    dlg.change.setCurrentIndex(dlg.change.findData("sleep_7h"))
    assert not dlg.washout.isChecked()
    # A food to leave out must be named before it can start.
    dlg.change.setCurrentIndex(dlg.change.findData("no_trigger_food"))
    assert not dlg.start_button.isEnabled()
    dlg.food.setText("Cheese")
    assert dlg.start_button.isEnabled() and dlg.params() == {"food": "cheese"}


def test_under_18_magnesium_is_not_offered(ctx: Any, qtbot: Any, controllers: Any) -> None:
    set_setting("adult", "no")
    dlg = StartDialog(ctx, controllers.experiment, controllers.settings)
    qtbot.addWidget(dlg)
    ids = [dlg.change.itemData(i) for i in range(dlg.change.count())]
    assert "magnesium_evening" not in ids


def test_start_then_today_line_pause_extend_stop_and_history(
    ctx: Any, qtbot: Any, page: ExperimentPage
) -> None:
    assert page.none_label.isVisibleTo(page) and page.chart is None
    dlg = page.open_start("caffeine_cutoff")
    assert dlg is not None and not dlg.washout.isChecked()
    dlg.cutoff.setTime(dlg.cutoff.time().fromString("14:00", "HH:mm"))
    dlg.start()
    assert dlg.result() == dlg.DialogCode.Accepted
    saved = store.latest()
    assert saved is not None and saved.experiment.params == {"cutoff": "14:00"}
    assert saved.experiment.washout_days == 0
    assert page.status.text().startswith("Week 1 of 12: ")  # the default length
    assert len(page.strip.boxes) == 12 and page.strip.boxes[0].current
    # A second one is refused with the reason, nothing opened.
    assert page.open_start("sleep_7h") is None
    assert "Another experiment is still running" in page.error.text()
    page.pause_button.click()
    assert store.latest().experiment.status is Status.PAUSED  # type: ignore[union-attr]
    assert page.pause_button.text() == "&Resume" and page.status.text().startswith("Paused since")
    page.pause_button.click()
    page.extend_button.click()
    assert len(store.latest().experiment.order) == 14  # type: ignore[union-attr]
    page.confirm = lambda text, title: "stays in your history as stopped" in text
    page.stop_button.click()
    stopped = store.latest()
    assert stopped is not None and stopped.experiment.status is Status.STOPPED
    assert page.status.text().startswith("Stopped on")
    assert page.new_button.isEnabled()


def test_the_answer_with_its_picture(ctx: Any, qtbot: Any, page: ExperimentPage) -> None:
    from liptwitch_desktop.app.demo import fill_demo_if_empty

    fill_demo_if_empty(ctx)
    page.refresh()
    assert page.view is not None and page.view.state.phase is Phase.FINISHED
    assert page.answer.text().startswith("No clear difference")
    assert page.results_heading.text() == "The answer"
    assert page.chart is not None and page.chart.shown["bars"] == 6
    low, high = page.chart.shown["band"]
    assert low < page.view.analysis.rate_change < high
    assert "You kept the change on" in page.details.text()
    assert "cannot prove" in page.can_show.text()


def test_today_shows_the_week_and_days_kept(ctx: Any, qtbot: Any, controllers: Any) -> None:
    from liptwitch_desktop.ui.experiment.card import ExperimentCard

    opened: list[bool] = []
    card = ExperimentCard(ctx, lambda: opened.append(True))
    qtbot.addWidget(card)
    assert card.button.text() == "Test a change…"
    controllers.experiment.start("caffeine_cutoff", 6, {"cutoff": "12:00"})
    day = ctx.today()
    phase = store.latest().experiment.order[0]  # type: ignore[union-attr]
    add_episode(Episode(ctx.clock.now() - timedelta(hours=1), intensity=3))
    ctx.signals.changed(Change.EPISODE)
    if phase.value == "change":
        assert card.line.text() == "Week 1 of 6: no caffeine after 12:00 this week."
        assert card.kept.text().startswith("Kept on 1 of 1 day so far")  # not "1 days"
        add_intake(Intake(ctx.clock.now(), IntakeKind.CAFFEINE, "Coffee", caffeine_mg=95))
        ctx.signals.changed(Change.INTAKE)
        assert ctx.clock.now().astimezone(ctx.zone).hour >= 12  # TEST_NOW is 15:30
        assert card.kept.text().startswith("Kept on 0 of 1 day so far")
    else:
        assert card.line.text().startswith("Week 1 of 6: as usual this week")
    assert day == ctx.today()
    card.button.click()
    assert opened == [True]


def test_test_this_from_a_triage_result_opens_the_start(ctx: Any, qtbot: Any) -> None:
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    from liptwitch_desktop.ui.experiment.test_links import TestThisBar

    bar = TestThisBar()
    window.setCentralWidget(bar)  # placed in the window, as on a page
    result = triage(TriageAnswers.parse({"caffeine_after_noon": "yes"}))
    bar.set_causes(c.id for c in result.causes)
    button = bar.buttons["caffeine_cutoff"]
    assert button.text() == "Test: No caffeine after a cutoff time"
    dialog = bar.request("caffeine_cutoff", {})
    assert isinstance(dialog, StartDialog) and dialog.change_id == "caffeine_cutoff"


def test_trends_offers_test_this_beside_a_factor(ctx: Any, qtbot: Any) -> None:
    from liptwitch_desktop.core.demo_data import generate
    from liptwitch_desktop.store.bulk import insert_demo
    from liptwitch_desktop.ui.trends import TrendsPage

    insert_demo(generate(ctx.today(), 200, ctx.zone))
    trends = TrendsPage(ctx)
    qtbot.addWidget(trends)
    assert trends.test_bar.buttons, "the demo's factors have changes to test"
    assert set(trends.test_bar.buttons) <= {
        "caffeine_cutoff",
        "caffeine_under_mg",
        "sleep_7h",
        "magnesium_evening",
        "no_trigger_food",
    }


def test_the_carry_over_setting_is_kept_and_said(
    ctx: Any, qtbot: Any, page: ExperimentPage
) -> None:
    dlg = page.open_start("sleep_7h")
    assert dlg is not None
    dlg.washout.setChecked(True)
    dlg.start()
    saved = store.latest()
    assert saved is not None and saved.experiment.washout_days == 2
    assert any("first 2 days of each period were left out" in d for d in page.view.analysis.details)  # type: ignore[union-attr]


def test_test_this_inside_the_triage_wizard_opens_once_the_result_is_closed(
    ctx: Any, qtbot: Any
) -> None:
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    triage_page = window.show_page("triage")
    wizard = triage_page.start()  # type: ignore[attr-defined]
    bar = wizard.result_page.test_bar
    bar.set_causes(["caffeine"])
    assert bar.request("caffeine_cutoff", {}) is wizard  # waits: the result stays on screen
    assert "opens when you close this result" in bar.label.text()
    assert window.stack.currentWidget() is triage_page
    wizard.reject()
    page = window.pages["experiment"]
    assert window.stack.currentWidget() is page
    assert page.start_dialog is not None and page.start_dialog.change_id == "caffeine_cutoff"  # type: ignore[attr-defined]


def test_todays_card_opens_the_start_when_none_runs_and_the_page_when_one_does(
    ctx: Any, qtbot: Any
) -> None:
    from liptwitch_desktop.ui.main_window import MainWindow

    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    window.show()
    today = window.pages["today"]
    today.first_paint_done()  # type: ignore[attr-defined]
    card = today.experiment_card  # type: ignore[attr-defined]
    assert card.button.text() == "Test a change…"
    card.button.click()
    page = window.pages["experiment"]
    assert window.stack.currentWidget() is page and page.start_dialog is not None  # type: ignore[attr-defined]
    page.start_dialog.start()  # type: ignore[attr-defined]
    page.start_dialog = None  # type: ignore[attr-defined]
    assert card.button.text() == "Open the experiment"
    assert card.line.text().startswith("Week 1 of 12: ")
    window.show_page("today")
    card.button.click()
    assert window.stack.currentWidget() is page and page.start_dialog is None  # type: ignore[attr-defined]


def test_extending_a_finished_experiment_asks_says_extended_and_ctrl_z_takes_it_back(
    ctx: Any, qtbot: Any, controllers: Any
) -> None:
    # Review 16/17, finding 6: it acted at once, said "Resumed" and Ctrl+Z undid an older
    # twitch's stop instead.
    from liptwitch_desktop.app.demo import fill_demo_if_empty
    from liptwitch_desktop.store.log_reads import running_episode

    fill_demo_if_empty(ctx)
    undo = controllers.log.undo_stack
    experiment = ExperimentController(ctx, rng=random.Random(4), undo_stack=undo)
    page = ExperimentPage(ctx, experiment, controllers.settings)
    qtbot.addWidget(page)
    controllers.log.toggle_twitching()
    ctx.clock.advance(timedelta(minutes=2))
    controllers.log.toggle_twitching(intensity=6)  # the older action Ctrl+Z must not reach
    assert running_episode() is None
    before = store.latest().experiment  # type: ignore[union-attr]
    assert page.view is not None and page.view.state.phase is Phase.FINISHED
    asked: list[str] = []
    page.confirm = lambda text, title: asked.append(text) or False  # type: ignore[func-returns-value]
    page.extend_button.click()
    assert len(asked) == 1 and "This experiment is finished. Add two weeks starting" in asked[0]
    assert store.latest().experiment == before  # type: ignore[union-attr]  # "No" changes nothing
    page.confirm = lambda text, title: True
    page.extend_button.click()
    extended = store.latest().experiment  # type: ignore[union-attr]
    assert len(extended.order) == len(before.order) + 2
    assert page.status.text().startswith("Extended by two weeks: Week 7 begins on ")
    assert "Resumed" not in page.status.text()
    assert undo.undoText() == "Extend the experiment"
    undo.undo()  # Ctrl+Z
    back = store.latest().experiment  # type: ignore[union-attr]
    assert back.order == before.order and back.pauses == before.pauses
    assert page.view is not None and page.view.state.phase is Phase.FINISHED
    assert running_episode() is None  # the twitch stays stopped
    undo.redo()
    assert store.latest().experiment.order == extended.order  # type: ignore[union-attr]


def test_todays_card_remembers_the_day_it_showed(ctx: Any, qtbot: Any, controllers: Any) -> None:
    # Review 16/17, finding 7: only the Experiment page kept the latest day seen.
    from liptwitch_desktop.ui.main_window import MainWindow

    saved = controllers.experiment.start("caffeine_cutoff", 12)
    ctx.clock.advance(timedelta(days=9))
    window = MainWindow(ctx, controllers)
    qtbot.addWidget(window)
    window.show()
    today = window.pages["today"]
    today.first_paint_done()  # type: ignore[attr-defined]
    assert today.experiment_card.line.text().startswith("Week 2 of 12")  # type: ignore[attr-defined]
    assert "experiment" not in window.pages  # the Experiment page was never built
    assert store.get(saved.id).experiment.last_seen_day == ctx.today()


def test_the_stop_question_defaults_to_no(ctx: Any, qtbot: Any, page: ExperimentPage) -> None:
    # Review 16/17, finding 17: the default button was "Yes" for a final step.
    from PySide6.QtCore import QTimer
    from PySide6.QtWidgets import QApplication, QMessageBox

    page.controller.start("caffeine_cutoff", 12)
    seen: list[str] = []

    def answer() -> None:
        box = QApplication.activeModalWidget()
        if not isinstance(box, QMessageBox):
            QTimer.singleShot(20, answer)
            return
        default = box.defaultButton()
        seen.append(box.standardButton(default).name if default else "none")
        box.done(QMessageBox.StandardButton.No)

    QTimer.singleShot(0, answer)
    page.stop_button.click()
    assert seen == ["No"]
    assert store.latest().experiment.status is Status.RUNNING  # type: ignore[union-attr]


def test_test_this_sits_beside_each_factor_row_on_trends(ctx: Any, qtbot: Any) -> None:
    # Review 16/17, finding 16: one bar under the picture, nothing beside the factors.
    from liptwitch_desktop.core.demo_data import generate
    from liptwitch_desktop.store.bulk import insert_demo
    from liptwitch_desktop.ui.trends import TrendsPage
    from liptwitch_desktop.ui.trends.analysis_view import ROW_HEIGHT

    insert_demo(generate(ctx.today(), 200, ctx.zone))
    trends = TrendsPage(ctx)
    qtbot.addWidget(trends)
    trends.resize(1000, 1400)
    trends.show()
    qtbot.waitExposed(trends)
    beside = trends.test_beside
    centres = trends.analysis.row_centres()
    assert beside.buttons and set(beside.buttons) <= set(centres)
    plot = trends.analysis.plot
    for factor_id, button in beside.buttons.items():
        assert button.isVisible()
        # Level with its row: the button's centre, in the picture's pixels, on the row.
        middle = button.mapTo(trends, button.rect().center()).y()
        row = plot.mapTo(trends, plot.rect().topLeft()).y() + centres[factor_id]
        assert abs(middle - row) < ROW_HEIGHT / 2, factor_id
        assert "Test this: " in button.accessibleName()
    first = next(iter(beside.buttons.values()))
    first.click()  # no main window here: nothing to open, and nothing breaks
    trends.grab().save(str(ctx.data_dir / "trends_beside.png"))


def test_the_results_picture_does_not_tell_the_kind_by_colour_alone(
    ctx: Any, qtbot: Any, page: ExperimentPage
) -> None:
    # Review 16/17, finding 9: bars told apart by colour only, the band tinting the grey
    # bars, the legend on top of Week 1.
    from liptwitch_desktop.app.demo import fill_demo_if_empty

    fill_demo_if_empty(ctx)
    page.refresh()
    chart = page.chart
    assert chart is not None
    assert chart.shown["hatched"] == 3  # the change bars, hatched as in the plan strip
    assert [t.split("\n")[1] for t in chart.shown["ticks"]].count("change") == 3
    assert chart.plot.getPlotItem().legend is None  # the key is above the plot
    assert "hatched" in chart.legend.text() and chart.legend.isVisibleTo(page)
    items = chart.plot.getPlotItem().items
    band = [i for i in items if type(i).__name__ == "LinearRegionItem"]
    bars = [i for i in items if type(i).__name__ == "BarGraphItem"]
    assert band and all(band[0].zValue() < b.zValue() for b in bars)  # behind every bar
    page.show()
    chart.grab().save(str(ctx.data_dir / "results.png"))
