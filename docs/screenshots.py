"""Regenerate the README's screenshots from demo data: `python docs/screenshots.py`.

Runs offscreen (no display needed), with a fixed clock so the pictures do not change from
one day to the next, and drives the real widgets the way a person would.
"""

from __future__ import annotations

import os
import sys
import tempfile
from datetime import UTC, datetime
from pathlib import Path

os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
os.environ.setdefault("TZ", "Europe/London")

from PySide6.QtCore import QLocale
from PySide6.QtWidgets import QApplication, QScrollArea, QWidget

from liptwitch_desktop.app import build_main, make_application
from liptwitch_desktop.app.demo import fill_demo_if_empty
from liptwitch_desktop.core.clock import FakeClock
from liptwitch_desktop.core.days import local_zone
from liptwitch_desktop.runtime.context import AppContext
from liptwitch_desktop.runtime.signals import AppSignals
from liptwitch_desktop.store.database.db import close_database, open_database

OUT = Path(__file__).resolve().parent / "screenshots"
NOW = datetime(2026, 11, 27, 17, 40, tzinfo=UTC)  # a Friday afternoon in London


def settle(app: QApplication, rounds: int = 10) -> None:
    for _ in range(rounds):
        app.processEvents()


def save(widget: QWidget, name: str) -> None:
    widget.grab().save(str(OUT / f"{name}.png"))
    print("wrote", OUT / f"{name}.png")


def answer_no(wizard: object, page: object) -> None:
    for widget in page.widgets:  # type: ignore[attr-defined]
        wizard.widgets[widget.question.id].set_value("no")  # type: ignore[attr-defined]


def main() -> int:
    OUT.mkdir(exist_ok=True)
    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory() as tmp:
        data = Path(tmp)
        open_database(data / "liptwitch.sqlite3")
        ctx = AppContext(FakeClock(NOW), local_zone(), AppSignals(), data, demo=True)
        fill_demo_if_empty(ctx)
        # The first run, as a new user in the UK sees it (the country from the locale).
        from liptwitch_desktop.store.settings import set_setting
        from liptwitch_desktop.ui.first_run import FirstRunDialog

        QLocale.setDefault(QLocale("en_GB"))
        first = FirstRunDialog(ctx)
        first.show()
        settle(app, 20)
        save(first, "first-run")
        first.go(1)
        settle(app, 20)
        save(first, "first-run-age")
        first.finish()
        set_setting("emergency_country", "GB")
        settle(app)

        window = build_main(ctx)
        window.resize(1120, 760)
        window.show()
        settle(app)
        window._first_paint_done()  # type: ignore[attr-defined]
        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        settle(app)
        for key in ("today", "log", "trends", "settings"):
            window.show_page(key)  # type: ignore[attr-defined]
            settle(app, 30)
            save(window, key)

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
        wizard.reject()
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
        wizard.reject()
        settle(app)
        window.controller.toggle_twitching()  # type: ignore[attr-defined]
        window.close()
        close_database()
    return 0


if __name__ == "__main__":
    sys.exit(main())
