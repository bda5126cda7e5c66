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

from tests.app_process import ON_STARTED

UNNEEDED = (
    # APScheduler imports asyncio for one name, and asyncio brings ssl (reminders/jobs.py).
    "asyncio",
    "ssl",
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
    out = subprocess.run(
        [sys.executable, "-c", CHILD, str(data_dir), ",".join(UNNEEDED)],
        env=env,
        capture_output=True,
        text=True,
        timeout=120,
        check=True,
    ).stdout
    return dict(line.split(" ", 1) for line in out.splitlines() if " " in line)


def test_a_hidden_start_schedules_reminders_without_what_only_a_window_uses(
    tmp_path: Path,
) -> None:
    _start(tmp_path / "data", tmp_path)  # the first start fills the demo folder
    seen = _start(tmp_path / "data", tmp_path)  # a returning login
    assert seen["SCHEDULER"] == "True"
    assert seen["LOADED"] == "-", f"loaded in the tray: {seen['LOADED']}"


def test_the_scheduler_without_asyncio_still_tells_coroutines_and_leaves_asyncio_whole() -> None:
    """The stand-in lives only for APScheduler's one import: its `iscoroutinefunction` is
    inspect's (right for `async def`), and the real asyncio imports as usual after it."""
    code = r"""
import sys
from liptwitch_desktop.reminders.jobs import import_qt_scheduler
import_qt_scheduler()
assert "asyncio" not in sys.modules, "the stand-in stayed"
from apscheduler import util
async def coroutine(): return 7
def plain(): return 7
assert util.iscoroutinefunction(coroutine) and not util.iscoroutinefunction(plain)
import asyncio
assert asyncio.run(coroutine()) == 7
print("OK")
"""
    done = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, timeout=60)
    assert done.stdout.strip() == "OK", done.stdout + done.stderr
