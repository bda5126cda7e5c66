"""`liptwitch --self-test`: prove an installed build works, without touching real data.

Opens the main window offscreen with a temporary data folder, logs and reads back entries
through the store, takes a backup, and exits 0; any failure prints why and exits 1.
"""

from __future__ import annotations

import argparse
import os
import sys
import tempfile
import traceback
from collections.abc import Callable
from pathlib import Path
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ..runtime.context import AppContext


def run_self_test(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from ..core.clock import SystemClock
    from ..core.days import local_zone
    from ..runtime.context import AppContext
    from ..runtime.signals import AppSignals
    from ..store import backup
    from ..store.database.db import close_database, open_database
    from ..store.entries import running_episode
    from . import make_application
    from .bootstrap import build_main

    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="liptwitch-self-test-") as tmp:
        data_dir = Path(tmp)
        try:
            open_database(data_dir / "liptwitch.sqlite3")
            ctx = AppContext(SystemClock(), local_zone(), AppSignals(), data_dir)
            window = build_main(ctx)
            window.show()
            app.processEvents()
            window.entries.toggle_twitching()
            assert running_episode() is not None, "episode did not start"
            window.entries.toggle_twitching()
            assert running_episode() is None, "episode did not stop"
            for key in ("log", "settings"):
                window.show_page(key)
                app.processEvents()
            made = backup.daily_backup(ctx.db_path, ctx.backup_dir, ctx.today())
            assert made is not None and made.path.exists(), "backup failed"
            for check in SELF_TEST_CHECKS:
                check(app, ctx, window)
            window.close()
            close_database()
        except Exception:
            traceback.print_exc()
            print("LipTwitch self-test FAILED", file=sys.stderr)
            return 1
    print("LipTwitch self-test passed")
    return 0


# Features add checks of their own (scheduler, tray): each gets (app, ctx, window).
SELF_TEST_CHECKS: list[Callable[[object, AppContext, object], None]] = []


# --- packaging checks (issue 6): what a frozen bundle most often lacks -------------------------


def _check_resources(app: object, ctx: AppContext, window: object) -> None:
    from ..core.resources import icon_path, knowledge_dir

    assert (knowledge_dir() / "drinks.toml").is_file(), "knowledge base missing"
    assert icon_path("liptwitch.svg").is_file(), "application icon missing"


def _check_plots(app: object, ctx: AppContext, window: object) -> None:
    """pyqtgraph and numpy import and draw (Trends loads them lazily, so a bundle may miss them)."""
    import pyqtgraph

    plot = pyqtgraph.PlotWidget()
    plot.plot([0.0, 1.0, 2.0], [1.0, 3.0, 2.0])
    plot.grab()  # paints offscreen
    plot.deleteLater()


def _check_scheduler(app: object, ctx: AppContext, window: object) -> None:
    """APScheduler's Qt scheduler resolves triggers by alias through its entry points."""
    from datetime import timedelta

    from apscheduler.schedulers.qt import QtScheduler
    from PySide6.QtCore import QCoreApplication, QDeadlineTimer, QEventLoop

    fired: list[str] = []
    scheduler = QtScheduler(timezone=ctx.zone)
    scheduler.start()
    try:
        scheduler.add_job(fired.append, "cron", hour=3, args=["cron"], id="cron")
        when = ctx.clock.now() + timedelta(milliseconds=50)
        scheduler.add_job(fired.append, "date", run_date=when, args=["date"], id="date")
        deadline = QDeadlineTimer(5000)
        while "date" not in fired and not deadline.hasExpired():
            QCoreApplication.processEvents(QEventLoop.ProcessEventsFlag.AllEvents, 50)
        assert "date" in fired, "scheduled job did not run"
    finally:
        scheduler.shutdown(wait=False)


SELF_TEST_CHECKS += [_check_resources, _check_plots, _check_scheduler]
# --- end packaging checks ---------------------------------------------------------------------
