"""Regenerate the README's screenshots from demo data: `python docs/screenshots.py`.

Runs offscreen (no display needed), with a fixed clock so the pictures do not change from
one day to the next, and drives the real widgets the way a person would. Makes: the first run,
Today, the log, Trends (the plots with their events, and the picture of the trigger analysis),
Settings, a triage result, the emergency page, page 1 of the doctor report, Today in dark mode,
and Today at 2x scale (in a child process: the scale is fixed when Qt starts).
"""

from __future__ import annotations

import argparse
import os
import subprocess
import sys
import tempfile
from datetime import UTC, datetime, time, timedelta
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/London")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from liptwitch_desktop.app import make_application
from liptwitch_desktop.app.bootstrap import build_controllers, build_main
from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.days import local_zone
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store.database.db import close_database, open_database

OUT = Path(__file__).resolve().parent / "screenshots"
TARGET = {"dir": OUT}  # where this run writes (--out)
NOW = datetime(2026, 11, 27, 17, 40, tzinfo=UTC)  # a Friday afternoon in London
SIZE = (1120, 760)
DEMO_DAYS = 365
# Every picture the script makes (tests/docs/test_screenshots.py holds it to this list).
NAMES = (
    "first-run",
    "first-run-age",
    "today",
    "log",
    "trends",
    "trends-analysis",
    "settings",
    "triage-result",
    "triage-emergency",
    "report-page1",
    "report-page2",
    "today-dark",
    "trends-dark",
    "today-2x",
)


def settle(app: QApplication, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(TARGET["dir"] / f"{name}.png"))
    print("wrote", TARGET["dir"] / f"{name}.png")


def answer_no(wizard: object, page: object) -> None:
    for widget in page.widgets:  # type: ignore[attr-defined]
        wizard.widgets[widget.question.id].set_value("no")  # type: ignore[attr-defined]


def open_demo(data: Path) -> AppContext:
    """The app's demo log, but a year of it (the app's --demo has 120 days): a year is what
    the trigger analysis needs to find the demo's planted caffeine link honestly."""
    from liptwitch_desktop.core.demo_data import generate
    from liptwitch_desktop.store.bulk import insert_demo

    open_database(data / "liptwitch.sqlite3")
    ctx = AppContext(FakeClock(NOW), local_zone(), AppSignals(), data, demo=True)
    log = generate(ctx.today(), DEMO_DAYS, ctx.zone)
    now = ctx.clock.now()
    log.episodes = [e for e in log.episodes if e.started_at <= now]
    log.intakes = [i for i in log.intakes if i.taken_at <= now]
    insert_demo(log)
    return ctx


def skip_first_run(ctx: AppContext) -> None:
    from liptwitch_desktop.store.settings import set_setting
    from liptwitch_desktop.ui.first_run import FirstRunDialog

    first = FirstRunDialog(ctx, build_controllers(ctx).settings)
    first.finish()
    set_setting("emergency_country", "GB")


def add_events(ctx: AppContext) -> None:
    """What the demo log lacks for the Trends events: a medicine, a symptom check, the plan.

    Written as the app would (the controllers' store functions), dated in the past."""
    from liptwitch_desktop.core.changes import Change
    from liptwitch_desktop.core.medicines import Medicine
    from liptwitch_desktop.core.triage.answers import TriageAnswers
    from liptwitch_desktop.core.triage.engine import triage
    from liptwitch_desktop.store.medicines import add_medicine
    from liptwitch_desktop.store.reminder_store import adopt_plan_items
    from liptwitch_desktop.store.triage_history import save_triage

    today = ctx.today()
    add_medicine(Medicine("Sertraline", today - timedelta(days=75), "50 mg", "once a day"))
    from liptwitch_desktop.core.knowledge import load_knowledge

    said = {q.id: "no" for q in load_knowledge().warning_questions}
    said |= {"duration": "one_two_weeks", "caffeine_after_noon": "yes"}
    answers = TriageAnswers.parse(said)
    when = datetime.combine(today - timedelta(days=40), time(9, 30), tzinfo=ctx.zone)
    save_triage(when, answers, triage(answers))
    adopt_plan_items(["recovery_plan"], today - timedelta(days=38), ctx.clock.now())
    ctx.signals.changed(Change.ALL)


def report_page1(ctx: AppContext, name: str) -> None:
    from liptwitch_desktop.report.paper import ReportPages
    from liptwitch_desktop.report.words import tr
    from liptwitch_desktop.store.report_query import build_report_for, default_period

    first, last = default_period(ctx.today())
    data = build_report_for(first, last, ctx.zone, ctx.day_start, ctx.today(), tr=tr)
    pages = ReportPages(data)
    images = pages.render_images(dpi=110)
    images[0].save(str(TARGET["dir"] / f"{name}.png"))
    print("wrote", TARGET["dir"] / f"{name}.png")
    # The page with the analysis picture, for the README's report section.
    if not pages.picture_rect.isNull():
        page = int(pages.picture_rect.center().y() // pages.content.height())
        images[1 + page].save(str(TARGET["dir"] / f"{name.replace('1', '2')}.png"))
        print("wrote", TARGET["dir"] / f"{name.replace('1', '2')}.png")


def main_window(ctx: AppContext, app: QApplication, size: tuple[int, int] = SIZE) -> QWidget:
    window = build_main(ctx)
    window.resize(*size)
    window.show()
    settle(app)
    window._first_paint_done()  # type: ignore[attr-defined]
    settle(app, 20)
    return window


def scroll_to(page: QWidget, child: QWidget) -> None:
    """Scroll the page's scroll area so that `child` is at the top."""
    for scroll in page.findChildren(QScrollArea):
        if scroll.widget() is not None and scroll.widget().isAncestorOf(child):
            y = child.mapTo(scroll.widget(), child.rect().topLeft()).y()
            scroll.verticalScrollBar().setValue(max(0, y - 8))


def triage_shots(window: QWidget, app: QApplication) -> None:
    wizard = window.start_triage()  # type: ignore[attr-defined]
    wizard.resize(820, 720)
    settle(app)
    wizard.next()
    answer_no(wizard, wizard.stroke_page)
    wizard.next()
    answer_no(wizard, wizard.red_flags_page)
    wizard.next()
    wizard.widgets["duration"].set_value("under_week")
    wizard.next()
    while wizard.currentPage() is not wizard.result_page:
        wizard.next()
        settle(app)
    settle(app, 20)
    for scroll in wizard.currentPage().findChildren(QScrollArea):
        scroll.verticalScrollBar().setValue(0)
    save(wizard, "triage-result")
    wizard.close()  # a close by the program: no "Close without saving?" question
    settle(app)

    # A sudden stroke sign: the wizard stops at once on the emergency page.
    wizard = window.start_triage()  # type: ignore[attr-defined]
    wizard.resize(820, 720)
    settle(app)
    wizard.next()
    wizard.widgets["stroke_face_droop"].set_value("yes")
    settle(app, 20)
    if wizard.currentPage() is not wizard.emergency_page:
        wizard.next()
    settle(app, 20)
    save(wizard, "triage-emergency")
    wizard.close()  # a close by the program: no "Close without saving?" question
    settle(app)


def all_shots(app: QApplication) -> None:
    from liptwitch_desktop.ui.appearance import apply_color_scheme
    from liptwitch_desktop.ui.first_run import FirstRunDialog

    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_demo(Path(tmp))
        # The first run, as a new user in the UK sees it (the country from the locale).
        QLocale.setDefault(QLocale("en_GB"))
        first = FirstRunDialog(ctx, build_controllers(ctx).settings)
        first.show()
        settle(app, 20)
        save(first, "first-run")
        first.go(1)
        settle(app, 20)
        save(first, "first-run-age")
        first.finish()
        skip_first_run(ctx)
        settle(app)

        window = main_window(ctx, app)
        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        settle(app)
        for key in ("today", "log"):
            window.show_page(key)  # type: ignore[attr-defined]
            settle(app, 30)
            save(window, key)

        add_events(ctx)
        trends = window.show_page("trends")  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, "trends")
        # The analysis over the last year: long enough for the demo's caffeine link.
        trends.set_range("1y")  # type: ignore[attr-defined]
        settle(app, 30)
        scroll_to(trends, trends.analysis)  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, "trends-analysis")
        trends.set_range("3m")  # type: ignore[attr-defined]
        settle(app)
        window.show_page("settings")  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, "settings")
        triage_shots(window, app)
        report_page1(ctx, "report-page1")

        # Dark: the same Today (the triage prompt gone: a check is saved now).
        apply_color_scheme(app, "dark")
        settle(app, 30)
        window.show_page("today")  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, "today-dark")
        window.show_page("trends")  # type: ignore[attr-defined]
        trends.scroll_area.verticalScrollBar().setValue(0)  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, "trends-dark")
        apply_color_scheme(app, "light")
        settle(app)

        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        window.close()
        close_database()


def scaled_today(app: QApplication, scale: str) -> None:
    """Today at a scale factor (the child process's QT_SCALE_FACTOR): window in logical px."""
    with tempfile.TemporaryDirectory() as tmp:
        ctx = open_demo(Path(tmp))
        QLocale.setDefault(QLocale("en_GB"))
        skip_first_run(ctx)
        window = main_window(ctx, app, (1000, 700))
        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        settle(app, 30)
        save(window, f"today-{scale}x")
        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        window.close()
        close_database()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--scaled", metavar="FACTOR", help=argparse.SUPPRESS)
    parser.add_argument("--out", type=Path, default=OUT, help="folder for the PNGs")
    args = parser.parse_args(argv)
    TARGET["dir"] = args.out
    args.out.mkdir(parents=True, exist_ok=True)
    app = make_application(sys.argv[:1])
    if args.scaled:
        scaled_today(app, args.scaled)
        return 0
    all_shots(app)
    env = {**os.environ, "QT_SCALE_FACTOR": "2", "QT_ENABLE_HIGHDPI_SCALING": "1"}
    return subprocess.run(
        [sys.executable, str(Path(__file__).resolve()), "--scaled", "2", "--out", str(args.out)],
        env=env,
        check=False,
    ).returncode


if __name__ == "__main__":
    sys.exit(main())
