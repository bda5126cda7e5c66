"""Dates in one format everywhere the app shows one (issue 15): "1 Dec 2026", "1 Dec 2026,
19:12", times "19:12"; never an ISO date beside "Tue Dec 1 19:12:48 2026" or "01 Dec 2026".
File names keep ISO dates (liptwitch-log-2026-12-01.csv)."""

from __future__ import annotations

import re
from collections.abc import Iterator
from datetime import UTC, date, datetime, timedelta

import pytest
from PySide6.QtCore import QLocale, Qt

from liptwitch_desktop.core import dates as plain
from liptwitch_desktop.core.entries import Episode
from liptwitch_desktop.store import backup
from liptwitch_desktop.store.entries import add_episode
from liptwitch_desktop.ui import dates
from tests import wiring

from ..tr_counts import PACKAGE


@pytest.fixture
def english() -> Iterator[None]:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.English, QLocale.Country.UnitedStates))
    yield
    QLocale.setDefault(previous)


def test_the_widgets_and_the_report_write_a_day_the_same_way(english: None) -> None:
    """In English (US: British CLDR data says "Sept") the two agree to the letter."""
    day = date(2026, 1, 1)
    while day.year == 2026:  # every month's name, every one- and two-digit day
        assert dates.day_text(day) == plain.day_text(day)
        day += timedelta(days=1)
    moment = datetime(2026, 12, 1, 19, 12, 48)
    assert dates.day_text(moment.date()) == "1 Dec 2026"
    assert dates.moment_text(moment) == plain.moment_text(moment) == "1 Dec 2026, 19:12"
    assert dates.time_text(moment) == plain.time_text(moment) == "19:12"
    assert dates.weekday_day_text(moment.date()) == "Tue 1 Dec 2026"
    assert dates.long_day_text(moment.date(), with_year=False) == "Tuesday 1 December"


def test_the_month_names_follow_the_apps_language() -> None:
    previous = QLocale()
    QLocale.setDefault(QLocale(QLocale.Language.German, QLocale.Country.Germany))
    try:
        assert "Dez" in dates.day_text(date(2026, 12, 1))
    finally:
        QLocale.setDefault(previous)


def test_the_log_shows_the_one_format_and_sorts_by_the_real_time(ctx, qtbot, english: None) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.app.bootstrap import build_controllers
    from liptwitch_desktop.ui.main_window import MainWindow

    now = ctx.clock.now()  # 10 Mar 2026, 15:30 UTC (London: the same, in winter)
    # As text "10 Mar" sorts before "9 Mar": the order must come from the time itself.
    add_episode(Episode(started_at=now - timedelta(days=1), duration_s=5))
    add_episode(Episode(started_at=now - timedelta(hours=1), duration_s=5))
    window = MainWindow(ctx, build_controllers(ctx))
    qtbot.addWidget(window)
    log = window.show_page("log")
    log.refresh()
    shown = [log.proxy.index(r, 0).data() for r in range(log.proxy.rowCount())]
    assert shown == ["10 Mar 2026, 14:30", "9 Mar 2026, 15:30"]  # newest first
    log.table.sortByColumn(0, Qt.SortOrder.AscendingOrder)
    shown = [log.proxy.index(r, 0).data() for r in range(log.proxy.rowCount())]
    assert shown == ["9 Mar 2026, 15:30", "10 Mar 2026, 14:30"]
    today = window.show_page("today")
    today.refresh()
    assert today.heading.text() == "Today, Tuesday 10 March"


def test_settings_lists_backups_by_the_one_format(ctx, qtbot, english: None) -> None:  # type: ignore[no-untyped-def]
    backup.daily_backup(ctx.db_path, ctx.backup_dir, date(2026, 3, 9))
    page = wiring.settings_page(ctx)
    qtbot.addWidget(page)
    assert page.backup_list.item(0).text().startswith("9 Mar 2026")


def test_the_report_dialog_names_an_empty_period_in_the_one_format(
    ctx, qtbot, english: None
) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.ui.report_dialog import ReportDialog

    add_episode(Episode(started_at=ctx.clock.now(), duration_s=5))
    dialog = ReportDialog(ctx)
    qtbot.addWidget(dialog)
    dialog.set_custom_period(date(2020, 1, 1), date(2020, 2, 1))
    assert "from 1 Jan 2020 to 1 Feb 2020" in dialog.status.text()


def test_a_trends_day_reads_in_the_one_format(ctx, qtbot, english: None) -> None:  # type: ignore[no-untyped-def]
    from liptwitch_desktop.core.daily import DayRecord
    from liptwitch_desktop.ui.trends.page import TrendsPage

    page = TrendsPage(ctx)
    qtbot.addWidget(page)
    record = DayRecord(day=date(2026, 3, 1))
    assert page.describe_day(record).startswith("Sun 1 Mar 2026")


def test_the_report_writes_days_in_the_one_format() -> None:
    from liptwitch_desktop.report.words import _day, _moment

    assert _day(date(2026, 3, 1)) == "1 Mar 2026"
    assert _moment(datetime(2026, 3, 1, 7, 5, tzinfo=UTC)) == "1 Mar 2026, 07:05"


# Where a widget module may still write an ISO date: file names and data, not display text.
ALLOWED = (
    "liptwitch-report-{first.isoformat()}",  # the suggested file name
    "liptwitch-log-{self.ctx.today().isoformat()}",
    "liptwitch-export-{self.ctx.today().isoformat()}",
    "d.day.isoformat(),",  # a CSV file's date column (trends export)
    'return day.isoformat() if day is not None else ""',  # the birth date, as data
)
DISPLAY_DATE = re.compile(r"\.isoformat\(\)|strftime\(|\.ctime\(\)|:%[a-zA-Z]")


def test_no_widget_formats_a_date_itself() -> None:
    """ui/dates.py is the one place: no isoformat/strftime/ctime/f"{day:%b}" for display."""
    found = []
    for path in sorted((PACKAGE / "ui").rglob("*.py")):
        if path.name == "dates.py":
            continue
        for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), 1):
            if DISPLAY_DATE.search(line) and not any(ok in line for ok in ALLOWED):
                found.append(f"{path.relative_to(PACKAGE)}:{number}: {line.strip()}")
    assert not found, "\n".join(found)


def test_the_scan_finds_the_old_forms() -> None:
    for old in (
        "return row.day.isoformat()",
        'day.strftime("%A %d %B")',
        'parts = [f"{d.day:%a %d %b %Y}"]',
    ):
        assert DISPLAY_DATE.search(old)


def test_todays_heading_reads_as_qdates_own_format_in_every_locale() -> None:
    """The heading is built from the locale's day and month names (no QDate before the
    first paint): in each of Qt's locales, for each month, it is toString(QDate, "dddd d
    MMMM") to the letter, digits and word order included."""
    from PySide6.QtCore import QDate

    previous = QLocale()
    every = QLocale.matchingLocales(
        QLocale.Language.AnyLanguage, QLocale.Script.AnyScript, QLocale.Country.AnyCountry
    )
    differ = []
    try:
        for locale in every:
            QLocale.setDefault(locale)
            for month in range(1, 13):
                day = date(2026, month, 1 + (month * 5) % 28)
                qt = locale.toString(QDate(day.year, day.month, day.day), "dddd d MMMM")
                if dates.long_day_text(day, with_year=False) != qt:
                    differ.append(f"{locale.name()}: {qt}")
    finally:
        QLocale.setDefault(previous)
    assert len(every) > 300 and differ == []
