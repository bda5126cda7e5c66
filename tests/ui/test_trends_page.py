"""The Trends page on demo-like data: plots, range buttons, hover text, exports, refresh."""

from __future__ import annotations

import csv
from datetime import date, datetime, time, timedelta
from pathlib import Path

import pytest
from PySide6.QtCore import Qt
from PySide6.QtGui import QImage

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
    assert page.plots.empty_plots == []
    # Every day with a value has its marker (a lone day has no line to show it).
    with_intensity = sum(d.mean_intensity is not None for d in page.data.days)
    assert len(page.plots.intensity_marks.data) == with_intensity > 0
    assert page.plots.intensity_marks.isVisible()
    assert page.range_buttons["3m"].isChecked()
    # The analysis sentences sit under the plots.
    assert page.summary_label.text().startswith("Compared ")
    assert "95% interval" in page.findings_label.text()
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
