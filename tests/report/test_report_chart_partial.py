"""Issue 15: the report's weekly chart shows a partial last week as partial (hatched, with
how many of its days were counted), not as a full week."""

from __future__ import annotations

from datetime import date, timedelta

from PySide6.QtCore import QRectF, Qt
from PySide6.QtGui import QColor, QImage, QPainter

from liptwitch_desktop.core.report.data import WeekPoint
from liptwitch_desktop.report.chart import draw_weekly_chart, is_partial, partial_label


def week(start: date, days: int, twitch_days: int) -> WeekPoint:
    return WeekPoint(start, days, twitch_days, twitch_days, 150.0, 7.0)


def test_a_part_week_is_named_as_one(qapp) -> None:
    assert is_partial(week(date(2026, 3, 9), 3, 2))
    assert not is_partial(week(date(2026, 3, 2), 7, 2))
    assert partial_label(week(date(2026, 3, 9), 3, 2)) == "3 of 7 days"


def _draw(weeks: list[WeekPoint]) -> QImage:
    image = QImage(600, 240, QImage.Format.Format_RGB32)
    image.fill(Qt.GlobalColor.white)
    painter = QPainter(image)
    draw_weekly_chart(painter, QRectF(0, 0, 600, 240), weeks)
    painter.end()
    return image


def test_the_partial_bar_is_hatched_not_solid(qapp) -> None:
    first = date(2026, 2, 9)
    full = [week(first + timedelta(weeks=i), 7, 7) for i in range(3)]
    solid = _draw([*full, week(first + timedelta(weeks=3), 7, 7)])
    partial = _draw([*full, week(first + timedelta(weeks=3), 3, 3)])
    fill = QColor("#8fb3d9")

    def filled(image: QImage, x0: int, x1: int) -> int:
        return sum(image.pixelColor(x, y) == fill for x in range(x0, x1) for y in range(60, 200))

    # The last slot: solid when full, mostly white (hatched) when partial.
    left, right = 34 + (600 - 74) * 3 // 4, 600 - 40
    assert filled(partial, left, right) < filled(solid, left, right) * 0.6


def test_each_panel_has_one_y_axis_labelled_with_its_unit(qapp) -> None:
    """Issue 15: one labelled y-axis per chart. The week-by-week chart had twitching days on
    the left, caffeine on the right and sleep on a scale nowhere drawn."""
    from liptwitch_desktop.report.chart import weekly_panels

    first = date(2026, 2, 9)
    weeks = [week(first + timedelta(weeks=i), 7, 2) for i in range(4)]
    panels = weekly_panels(weeks)
    units = ["days with twitching per week", "mg caffeine a day", "hours of sleep a night"]
    assert [next(u for u in units if u in p.y_label) for p in panels] == units
    for panel in panels:  # one axis: every value on it, from 0 to its top
        assert panel.ticks[0] == 0 and panel.ticks[-1] == panel.top
        assert all(v is None or 0 <= v <= panel.top for v in panel.values)
        assert len(panel.values) == len(weeks)


def test_part_weeks_are_said_in_words(qapp) -> None:
    from liptwitch_desktop.report.chart import partial_notes

    first = date(2026, 2, 11)
    weeks = [week(first, 5, 2), week(date(2026, 2, 16), 7, 3), week(date(2026, 2, 23), 3, 1)]
    assert partial_notes(weeks) == ["first week: 5 of 7 days", "this week so far: 3 of 7 days"]
    assert partial_notes(weeks[1:2]) == []
