"""Idle memory in the tray (benchmarks/bench_memory.py): a hidden start at login runs the
scheduler, the notifier and the tray, and loads nothing that only a window, a dialog or a
coroutine would use.

Run as a real start in a child process (this test process has long imported everything,
asyncio included): once the app has logged that its after-paint start is over, it says
which of these modules it holds, and whether the reminder schedule runs.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

from tests.app_process import ON_STARTED, child_says

UNNEEDED = (
    # What APScheduler imports for a coroutine or a thread pool (reminders/scheduler_import).
    "asyncio",
    "ssl",
    "multiprocessing",
    "concurrent.futures.process",
    # The first run and the magnesium notice open over the window: not before it exists.
    "liptwitch_desktop.ui.first_run",
    "liptwitch_desktop.ui.country_choice",
    "liptwitch_desktop.ui.magnesium_notice",
    # A demo folder already filled is not filled again (store/demo_fill.py).
    "liptwitch_desktop.core.demo_data",
)

CHILD = (
    ON_STARTED
    + r"""
import sys
from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication
from liptwitch_desktop.app import bootstrap

roots = []
unneeded = sys.argv[2].split(",")
class Watched(bootstrap.Root):
    def __init__(self, *args, **kwargs):
        super().__init__(*args, **kwargs)
        roots.append(self)
bootstrap.Root = Watched

def started():
    print("LOADED", ",".join(m for m in unneeded if m in sys.modules) or "-")
    backend = roots[0].reminders._backend
    print("SCHEDULER", backend._scheduler.running, flush=True)
    QTimer.singleShot(0, QApplication.quit)

on_started(started)
from liptwitch_desktop.__main__ import main
data = sys.argv[1]
sys.argv = ["liptwitch", "--data-dir", data, "--demo", "--hidden"]
sys.exit(main())
"""
)


def _start(data_dir: Path, home: Path) -> dict[str, str]:
    env = {
        **os.environ,
        "QT_QPA_PLATFORM": "offscreen",
        "HOME": str(home),
        "XDG_CONFIG_HOME": str(home / ".config"),
        "DBUS_SESSION_BUS_ADDRESS": "unix:path=/nonexistent",
    }
    return child_says(CHILD, str(data_dir), ",".join(UNNEEDED), env=env)


def test_a_hidden_start_schedules_reminders_without_what_only_a_window_uses(
    tmp_path: Path,
) -> None:
    _start(tmp_path / "data", tmp_path)  # the first start fills the demo folder
    seen = _start(tmp_path / "data", tmp_path)  # a returning login
    assert seen["SCHEDULER"] == "True"
    assert seen["LOADED"] == "-", f"loaded in the tray: {seen['LOADED']}"


def test_the_scheduler_without_its_stand_ins_runs_jobs_and_leaves_the_real_modules() -> None:
    """The stand-ins live only for APScheduler's one import: its `iscoroutinefunction` is
    inspect's (right for `async def`), a reminder job fires through the DebugExecutor, a
    scheduler given no executor still gets APScheduler's real thread pool, and asyncio and
    the pool import as usual afterwards."""
    code = r"""
import sys, time
from datetime import datetime, timedelta, timezone
from PySide6.QtCore import QCoreApplication
from liptwitch_desktop.reminders.scheduler_import import import_qt_scheduler
app = QCoreApplication([])
QtScheduler = import_qt_scheduler()
for name in ("asyncio", "multiprocessing", "apscheduler.executors.pool"):
    assert name not in sys.modules, name + " stayed"
from apscheduler import util
from apscheduler.executors.debug import DebugExecutor
async def coroutine(): return 7
def plain(): return 7
assert util.iscoroutinefunction(coroutine) and not util.iscoroutinefunction(plain)
fired = []
scheduler = QtScheduler(executors={"default": DebugExecutor()}, timezone=timezone.utc)
scheduler.start()
scheduler.add_job(fired.append, "date", args=["job"],
                  run_date=datetime.now(timezone.utc) + timedelta(milliseconds=50))
deadline = time.monotonic() + 10
while not fired and time.monotonic() < deadline:
    app.processEvents()
    time.sleep(0.01)
assert fired == ["job"], fired
scheduler.shutdown(wait=False)
pooled = QtScheduler(timezone=timezone.utc)
pooled.start(paused=True)
from apscheduler.executors.pool import ThreadPoolExecutor
assert type(pooled._lookup_executor("default")) is ThreadPoolExecutor
pooled.shutdown(wait=False)
import asyncio
assert asyncio.run(coroutine()) == 7
print("OK")
"""
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen"}
    done = subprocess.run(
        [sys.executable, "-c", code], capture_output=True, text=True, timeout=60, env=env
    )
    assert done.stdout.strip() == "OK", done.stdout + done.stderr
