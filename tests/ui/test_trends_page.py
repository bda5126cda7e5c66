"""The Trends page on demo-like data: plots, range buttons, hover text, exports, refresh."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pyqtgraph as pg
import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

from liptwitch_desktop.core.analysis.findings import Verdict
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.store.entries import add_episode
from liptwitch_desktop.ui.trends import TrendsPage
from liptwitch_desktop.ui.trends.data import DAY_SECONDS, day_x


@pytest.fixture
def demo_page(ctx, qtbot):
    insert_demo(generate(ctx.today(), 200, ctx.zone))
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 800)
    page.show()
    qtbot.waitExposed(page)
    page.activateWindow()
    qtbot.waitUntil(page.isActiveWindow)
    return page


def _visible_days(page: TrendsPage) -> float:
    x0, x1 = page.plots.x_range()
    return (x1 - x0) / DAY_SECONDS


def test_shows_demo_data(ctx, demo_page):
    page = demo_page
    assert page.stack.currentWidget() is page.scroll_area
    # Only what the 3-month view needs is loaded (plus a week for the 7-day mean) ...
    assert page.data is not None and not page.data.complete
    assert len(page.data.days) == 91 + 7
    assert page.plots.episode_bars.opts["height"].sum() == sum(d.episodes for d in page.data.days)
    # The demo log has no medicine, symptom check or plan: only the events lane says so.
    assert page.plots.empty_plots == ["events"]
    # Every day with a value has its marker (a lone day has no line to show it).
    with_intensity = sum(d.mean_intensity is not None for d in page.data.days)
    assert len(page.plots.intensity_marks.data) == with_intensity > 0
    assert page.plots.intensity_marks.isVisible()
    assert page.range_buttons["3m"].isChecked()
    # The analysis sits under the plots: a picture, its numbers behind "Details".
    assert page.analysis.summary_label.text().startswith("Compared ")
    assert "95% interval" in page.analysis.findings_label.text()
    assert page.hours.profile is not None and page.hours.profile.total > 0
    # ... and "All" brings in the whole history.
    page.set_range("all")
    assert page.data.complete and len(page.data.days) >= 200
    assert page.plots.episode_bars.opts["height"].sum() == sum(d.episodes for d in page.data.days)


def test_panning_past_the_loaded_days_loads_the_rest(demo_page, qtbot):
    page = demo_page
    assert not page.data.complete
    x0, x1 = page.plots.x_range()
    page.plots.plots["episodes"].vb.setXRange(x0 - 60 * DAY_SECONDS, x1 - 60 * DAY_SECONDS)
    panned = page.plots.x_range()
    qtbot.waitUntil(lambda: page.data.complete)
    assert page.plots.x_range() == pytest.approx(panned)  # the view stays where it was


def test_range_buttons_change_the_x_range(demo_page, qtbot):
    page = demo_page
    assert _visible_days(page) == pytest.approx(91, rel=0.05)
    qtbot.mouseClick(page.range_buttons["2w"], Qt.MouseButton.LeftButton)
    assert _visible_days(page) == pytest.approx(14, rel=0.05)
    assert page.range_buttons["2w"].isChecked()
    qtbot.mouseClick(page.range_buttons["1y"], Qt.MouseButton.LeftButton)
    assert _visible_days(page) == pytest.approx(365, rel=0.05)
    # Keyboard: Tab reaches the group (the checked button), arrows move, Space presses.
    assert page.range_buttons["1y"].hasFocus()
    qtbot.keyClick(page.range_buttons["1y"], Qt.Key.Key_Right)
    assert page.range_buttons["all"].hasFocus()
    qtbot.keyClick(page.range_buttons["all"], Qt.Key.Key_Space)
    assert page.range_buttons["all"].isChecked()
    x0, x1 = page.plots.x_range()
    assert x0 <= day_x(page.data.first) and x1 >= day_x(page.data.days[-1].day)


def test_arrow_keys_move_the_highlighted_day(demo_page, qtbot):
    page = demo_page
    page.plots.setFocus()
    qtbot.keyClick(page.plots, Qt.Key.Key_Right)
    first = page.plots.cursor_day
    assert first is not None
    qtbot.keyClick(page.plots, Qt.Key.Key_Right)
    assert page.plots.cursor_day == first + timedelta(days=1)
    assert f"{page.plots.cursor_day:%d %b %Y}" in page.day_label.text()
    assert "twitch" in page.day_label.text()


def test_export_writes_png_and_csv(demo_page, tmp_path: Path):
    page = demo_page
    png = tmp_path / "trends.png"
    page.export_png(png)
    image = QImage(str(png))
    assert not image.isNull() and image.width() > 500 and image.height() > 500
    out = tmp_path / "trends.csv"
    rows = page.export_csv(out)
    assert rows == 91
    with out.open(encoding="utf-8") as fh:
        table = list(csv.DictReader(fh))
    assert len(table) == 91
    assert table[-1]["day"] == page.data.days[-1].day.isoformat()
    assert sum(int(r["episodes"]) for r in table) == sum(d.episodes for d in page.data.days[-91:])


def test_empty_log_says_what_to_log(ctx, qtbot):
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.empty_label
    assert "Log each twitch" in page.empty_label.text()
    assert not page.png_button.isEnabled()


def test_refreshes_on_data_changed(ctx, qtbot):
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    at = datetime.combine(ctx.today(), time(10), tzinfo=ctx.zone)
    add_episode(Episode(at, intensity=6))
    ctx.signals.changed(Change.EPISODE)
    assert page.stack.currentWidget() is page.scroll_area
    assert page.data is not None and page.data.days[-1].episodes == 1
    # Only twitches logged: the other plots say what to log.
    assert "sleep" in " ".join(page.plots.empty_plots)
    assert "nothing yet" in page.plots.plots["sleep"].titleLabel.text
    assert "nothing yet" not in page.hours.title


def test_time_of_day_without_twitches_says_what_to_log(ctx, qtbot):
    from liptwitch_desktop.core.entries import CheckIn
    from liptwitch_desktop.store.entries import save_checkin

    save_checkin(CheckIn(day=ctx.today(), sleep_hours=7.0, stress=3))
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.show()
    assert page.stack.currentWidget() is page.scroll_area  # something logged: the plots show
    assert "nothing yet: log a twitch" in page.hours.title
    assert "episodes" in page.plots.empty_plots


def test_hidden_page_reloads_when_shown(ctx, qtbot):
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    add_episode(Episode(datetime.combine(ctx.today(), time(9), tzinfo=ctx.zone)))
    ctx.signals.changed(Change.EPISODE)
    assert page.data is not None and page.data.empty  # not visible: not reloaded yet
    page.show()
    assert not page.data.empty


def test_dark_palette_is_followed(demo_page):
    from PySide6.QtGui import QColor, QPalette

    page = demo_page
    dark = QPalette(page.palette())
    dark.setColor(QPalette.ColorRole.Base, QColor("#1e1e1e"))
    dark.setColor(QPalette.ColorRole.Text, QColor("#eeeeee"))
    page.setPalette(dark)  # a PaletteChange event, as when the desktop switches theme
    assert page.plots.backgroundBrush().color() == QColor("#1e1e1e")
    assert page.plots.plots["sleep"].getAxis("left").textPen().color() == QColor("#eeeeee")
    # The analysis picture and the events lane follow too (their dark variants).
    picture = page.analysis.plot
    assert picture.backgroundBrush().color() == QColor("#1e1e1e")
    assert picture.getPlotItem().getAxis("left").textPen().color() == QColor("#eeeeee")
    assert page.plots.event_marks.style is not None and page.plots.event_marks.style.dark
    from liptwitch_desktop.ui.trends.analysis_view import mark_colour

    first = page.analysis.picture.rows[0]
    assert picture.drawn[0][2] == mark_colour(first.mark, dark=True).name()


def test_pointing_at_a_day_shows_its_values(demo_page, qtbot):
    page = demo_page
    lane = page.plots.plots["episodes"]
    centre = lane.sceneBoundingRect().center()
    qtbot.mouseMove(page.plots.viewport(), page.plots.mapFromScene(centre))
    qtbot.waitUntil(lambda: page.plots.cursor_day is not None)
    day = page.plots.cursor_day
    assert f"{day:%d %b %Y}" in page.day_label.text()
    x = lane.vb.mapSceneToView(centre).x()
    assert day == date(1970, 1, 1) + timedelta(days=int(x // DAY_SECONDS))


JARGON = ("95%", "interval", "median", "factors tested", "msg")


def test_analysis_is_a_picture_with_one_row_per_factor(demo_page, qtbot):
    page = demo_page
    report = page.report
    view = page.analysis
    assert report is not None and report.factors_tested > 0
    compared = [f for f in report.findings if f.verdict is not Verdict.NOT_ENOUGH_DATA]
    waiting = [f for f in report.findings if f.verdict is Verdict.NOT_ENOUGH_DATA and not f.lagged]
    drawn = view.plot.drawn
    # One row per tested factor (and one per factor still waiting for days), each with its
    # verdict in words, coloured by it.
    assert len(drawn) == len(compared) + len(waiting)
    words = {
        "link": "likely link",
        "possible_link": "possible link",
        "no_clear_link": "no link yet",
    }
    by_label = {label: w for label, w, _colour in drawn}
    for f in compared:
        assert by_label[f.plain] == words[f.verdict.value]
    for f in waiting:
        assert by_label[f.plain].startswith("need ")
    ticks = view.plot.getPlotItem().getAxis("left")._tickLevels[0]
    assert [label for _y, label in ticks] == [label for label, _w, _c in drawn]
    # The line at "no difference" and the plain sentence on top.
    assert any(
        t == "no difference" for _x, t in view.plot.getPlotItem().getAxis("bottom")._tickLevels[0]
    )
    assert view.headline.text() and view.headline.isVisible()
    # No jargon in the default view; the numbers are one click away.
    assert not view.details.isVisible()
    visible = " ".join([view.headline.text(), view.caption.text(), *by_label, *by_label.values()])
    for word in JARGON:
        assert word not in visible
    # Pointing at a row's dot shows that row's numbers.
    plot = view.plot
    compared_rows = [r for r in view.picture.rows if r.ratio is not None]
    dots = [
        item
        for item in plot.getPlotItem().items
        if isinstance(item, pg.ScatterPlotItem) and len(item.points())
    ]
    assert len(dots) == len(compared_rows)
    point = dots[0].points()[0]
    page.scroll_area.ensureWidgetVisible(plot)
    qtbot.wait(50)
    scene = plot.getPlotItem().vb.mapViewToScene(point.pos())
    qtbot.mouseMove(plot.viewport(), plot.mapFromScene(scene))
    qtbot.waitUntil(lambda: "95% interval" in plot.getPlotItem().vb.toolTip())
    qtbot.mouseClick(view.details_button, Qt.MouseButton.LeftButton)
    assert view.details.isVisible()
    assert "95% interval" in view.findings_label.text()


def test_events_appear_on_the_shared_date_axis_with_hover_text(demo_page, ctx, qtbot):
    from liptwitch_desktop.core.medicines import Medicine
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.store.medicines import add_medicine
    from liptwitch_desktop.store.reminder_store import adopt_plan_items
    from liptwitch_desktop.store.triage_history import save_triage

    page = demo_page
    today = ctx.today()
    add_medicine(
        Medicine(
            "Propranolol", today - timedelta(days=40), "10 mg", stopped=today - timedelta(days=10)
        )
    )
    ctx.signals.changed(Change.MEDICINE)
    answers = TriageAnswers.parse({"twitch_spreading": "yes"})
    when = datetime.combine(today - timedelta(days=20), time(10), tzinfo=ctx.zone)
    result = triage(answers)
    save_triage(when, answers, result)
    ctx.signals.changed(Change.TRIAGE)
    adopt_plan_items(["recovery_plan"], today - timedelta(days=30), ctx.clock.now())
    ctx.signals.changed(Change.REMINDER)

    marks = page.plots.event_marks
    texts = [str(p.data()) for p in marks.items.points()]
    joined = " | ".join(texts)
    assert "Started Propranolol 10 mg" in joined and "Stopped Propranolol 10 mg" in joined
    assert f"Symptom check: {result.word}" in joined
    assert "Recovery plan started" in joined
    assert "Recovery plan: " in joined  # a milestone already reached (day 7, 14)
    assert "events" not in page.plots.empty_plots
    # On the shared x axis: each marker at the middle of its day.
    xs = sorted(marks.x_positions())
    assert day_x(today - timedelta(days=40)) + DAY_SECONDS / 2 in xs
    # The triage marker is coloured by urgency, and the day's words list the event.
    page.plots.set_cursor(today - timedelta(days=20))
    assert f"Symptom check: {result.word}" in page.day_label.text()
    # Hovering a marker shows its words as a tooltip.
    lane = page.plots.plots["events"]
    point = next(p for p in marks.items.points() if "Started" in str(p.data()))
    scene = lane.vb.mapViewToScene(point.pos())
    qtbot.mouseMove(page.plots.viewport(), page.plots.mapFromScene(scene))
    qtbot.waitUntil(lambda: "Started Propranolol" in lane.vb.toolTip())


def test_count_axes_show_whole_twitches(demo_page):
    page = demo_page
    page.set_range("2w")
    for axis, (low, high) in (
        (
            page.plots.plots["episodes"].getAxis("left"),
            page.plots.plots["episodes"].vb.viewRange()[1],
        ),
        (page.hours.getPlotItem().getAxis("left"), page.hours.getPlotItem().vb.viewRange()[1]),
    ):
        levels = axis.tickValues(low, high, 200)
        values = [v for _spacing, ticks in levels for v in ticks]
        assert values and all(float(v).is_integer() for v in values), values


def test_time_of_day_says_twitches_per_hour_over_n_days(demo_page):
    page = demo_page
    first, last = page.range_days()
    days = (last - first).days + 1
    profile = page.hours.profile
    assert profile.weekday_days + profile.weekend_days == days
    assert f"Twitches per hour of day over {days} days" in page.hours.title
    # Whole twitches: the bars add up to the twitches of the range.
    weekday, weekend = page.hours.heights
    assert weekday.sum() + weekend.sum() == profile.total
    assert all(float(v).is_integer() for v in [*weekday, *weekend])
    labels = [label.text for _sample, label in page.hours.legend.items]
    assert f"Weekdays ({profile.weekday_days} days)" in labels
    assert f"Weekends ({profile.weekend_days} days)" in labels


def test_the_wheel_zoom_has_limits(demo_page):
    # Review 16/17, finding 18: 40 wheel-downs zoomed out to "500 ... 8000", the data one
    # spike at ~2026 and the date axis without labels.
    max_visible_days, min_visible_days = 40 * 366, 3  # plots.MAX_/MIN_VISIBLE_DAYS

    page = demo_page
    vb = page.plots.plots["episodes"].vb
    for _ in range(40):
        vb.scaleBy(x=1.5)  # what a wheel-down does, step by step
    x0, x1 = page.plots.x_range()
    assert (x1 - x0) <= max_visible_days * DAY_SECONDS * 1.001
    assert x1 <= day_x(page.data.days[-1].day) + 32 * DAY_SECONDS
    for _ in range(60):
        vb.scaleBy(x=0.5)  # and in
    x0, x1 = page.plots.x_range()
    assert (x1 - x0) >= min_visible_days * DAY_SECONDS * 0.999
