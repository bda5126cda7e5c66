"""The wheel over the Trends plots scrolls the page; Ctrl+wheel zooms; the range buttons
say what is actually shown (issue 15 broken 2: a plain wheel zoomed to 2020-2035 while
"3 months" still looked selected)."""

from __future__ import annotations

import pytest
from PySide6.QtCore import Qt
from PySide6.QtWidgets import QScrollArea

from liptwitch_desktop.core.demo_data import generate
from liptwitch_desktop.store.bulk import insert_demo
from liptwitch_desktop.ui.trends import TrendsPage

from .test_event_guard_wheel import wheel


@pytest.fixture
def page(ctx, qtbot):
    insert_demo(generate(ctx.today(), 200, ctx.zone))
    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    page.resize(1000, 700)
    page.show()
    qtbot.waitExposed(page)
    return page


def test_plain_wheel_over_the_plots_scrolls_the_page_and_keeps_the_dates(page) -> None:
    bar = page.findChild(QScrollArea).verticalScrollBar()
    assert bar.maximum() > 0
    before = page.plots.x_range()
    wheel(page.plots.viewport(), -3)
    assert page.plots.x_range() == pytest.approx(before)
    assert bar.value() > 0
    assert page.range_buttons["3m"].isChecked()
    assert not page.visible_label.isVisible()


def test_wheel_over_the_time_of_day_chart_scrolls_the_page(page) -> None:
    bar = page.findChild(QScrollArea).verticalScrollBar()
    wheel(page.hours.viewport(), -3)
    assert bar.value() > 0


def test_ctrl_wheel_zooms_and_no_range_button_claims_the_view(page) -> None:
    x0, x1 = page.plots.x_range()
    wheel(page.plots.viewport(), 3, Qt.KeyboardModifier.ControlModifier)  # zoom in
    y0, y1 = page.plots.x_range()
    assert (y1 - y0) < (x1 - x0) * 0.9
    assert not any(b.isChecked() for b in page.range_buttons.values())
    assert page.visible_label.isVisible()
    assert page.visible_label.text().startswith("Showing ")
    # A range button brings the view, and the button, back.
    page.range_buttons["2w"].click()
    assert page.range_buttons["2w"].isChecked()
    assert not page.visible_label.isVisible()
