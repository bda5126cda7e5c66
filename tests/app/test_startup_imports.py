"""The first frame shows the person's real data, and waits for nothing it does not need.

Run as a real start in a child process (this test process has long imported everything):
the window's first paint must come before the ORM, the scheduler, the plots and QtNetwork
are imported, while Today already shows what the store holds.
"""

from __future__ import annotations

import os
import sqlite3
from pathlib import Path

from tests.app_process import ON_STARTED, child_says

CHILD = (
    ON_STARTED
    + r"""
import enum, gc, sys
made = []  # the Python enums PySide makes, lazily, the first time a Qt class is looked at
_create = enum.EnumType._create_
def _record(cls, class_name, *args, **kwargs):
    made.append(class_name)
    return _create(cls, class_name, *args, **kwargs)
enum.EnumType._create_ = _record
from PySide6.QtWidgets import QApplication
from liptwitch_desktop import app
from liptwitch_desktop.ui.first_paint import after_first_paint

HEAVY = ("peewee", "apscheduler", "pyqtgraph", "jeepney", "PySide6.QtNetwork",
         "logging.handlers", "liptwitch_desktop.core.knowledge",
         "liptwitch_desktop.store.database.models", "liptwitch_desktop.core.log_rows",
         "liptwitch_desktop.core.medicines", "liptwitch_desktop.core.schedule.specs",
         "liptwitch_desktop.ui.feedback", "liptwitch_desktop.ui.undo_toast",
         # Small, but each a cost every start paid for nothing: defining a dataclass
         # (~1.5 ms each), the signal package's enums (~1.3 ms), the ascii codec (~0.7 ms),
         # the json module for settings that are plain numbers and words (~3 ms), the
         # controllers of pages not yet opened (~3 ms).
         "dataclasses", "signal", "encodings.ascii", "json", "liptwitch_desktop.store.supplements",
         "liptwitch_desktop.controllers.data", "liptwitch_desktop.controllers.experiment",
         "liptwitch_desktop.controllers.reminders", "liptwitch_desktop.controllers.triage")

# Each costs the first frame: Qt's namespace (Key alone ~50 ms: key sequences), QStyle's
# eleven (~4 ms: a banner's icon), QIcon's (~1 ms: QAction(text, parent), a banner),
# QByteArray's (~1.3 ms: a dynamic property's name), QPalette's (~1 ms: a bar under the
# limit keeps the theme's colours).
COSTLY_ENUMS = ("Key", "StandardPixmap", "PixelMetric", "ThemeIcon", "Base64Option",
                "ColorRole")

def report(window):
    def done():
        loaded = [m for m in HEAVY if m in sys.modules]
        print("LOADED", ",".join(loaded) or "-", flush=True)
        costly = [name for name in COSTLY_ENUMS if name in made]
        print("ENUMS", ",".join(costly) or "-", flush=True)
        print("EPISODES", window.pages["today"].episodes_body.text().splitlines()[0], flush=True)
        print("GC_AT_PAINT", gc.isenabled(), flush=True)
    after_first_paint(window, done, before_others=True)

def after_paint_work_done():
    print("GC_AFTER", gc.isenabled(), flush=True)
    QApplication.quit()

app._report_first_paint = report
on_started(after_paint_work_done)
from liptwitch_desktop.__main__ import main
sys.argv = ["liptwitch", "--data-dir", sys.argv[1]]
sys.exit(main())
"""
)


def _start(data_dir: Path) -> dict[str, str]:
    env = {**os.environ, "QT_QPA_PLATFORM": "offscreen", "LIPTWITCH_REPORT_FIRST_PAINT": "1"}
    return child_says(CHILD, str(data_dir), env=env)


def test_a_returning_user_sees_today_before_the_orm_and_services_load(tmp_path: Path) -> None:
    _start(tmp_path)  # the first start creates and migrates the file (through peewee)
    from datetime import UTC, datetime

    now = int(datetime.now(UTC).timestamp()) - 60
    with sqlite3.connect(tmp_path / "liptwitch.sqlite3") as conn:
        conn.execute(
            "INSERT INTO episode (started_at, duration_s, intensity, location) "
            "VALUES (?, 30, 4, 'lower_left')",
            (now,),
        )
    conn.close()
    seen = _start(tmp_path)
    assert seen["LOADED"] == "-", f"imported before the first paint: {seen['LOADED']}"
    assert seen["ENUMS"] == "-", f"Qt enums made before the first paint: {seen['ENUMS']}"
    assert seen["EPISODES"] == "1 twitch today"
    # Cyclic collection is off while starting, and back on once the window has painted.
    assert (seen["GC_AT_PAINT"], seen["GC_AFTER"]) == ("False", "True")
