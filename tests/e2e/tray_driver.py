"""Runs the real app (app.run_gui) for the tray end-to-end test, with a reminder due soon.

    python -m tests.e2e.tray_driver DATA_DIR SECONDS

Seeds DATA_DIR with only the magnesium reminder on, due SECONDS after start: the app runs on
a clock skewed so that "now" is SECONDS before a whole minute, and that minute is the
reminder's time (the scheduler follows the injected clock). Prints what the test checks:

    TRAY x y w h          the tray icon's geometry once it is embedded
    SHOWN kind backend    a reminder was shown (freedesktop, tray or banner)
    ACTION kind key       the person acted on it (e.g. dunstctl context -> Snooze)

and quits cleanly after the first "snooze" action (or after 90 s, exit status 3).
"""

from __future__ import annotations

import math
import sys
from dataclasses import replace
from datetime import UTC, datetime, timedelta
from pathlib import Path


class SkewedClock:
    def __init__(self, skew: timedelta) -> None:
        self.skew = skew

    def now(self) -> datetime:
        return datetime.now(UTC) + self.skew


def seed(db_path: Path, clock: SkewedClock, due_at: datetime) -> None:
    from liptwitch_desktop.core.days import local_zone
    from liptwitch_desktop.core.schedule.specs import ReminderKind
    from liptwitch_desktop.store import reminder_store as rs
    from liptwitch_desktop.store.database.db import close_database, open_database

    open_database(db_path)
    long_ago = clock.now() - timedelta(days=30)
    local = due_at.astimezone(local_zone())
    for spec in rs.load_specs().values():
        on = spec.kind is ReminderKind.MAGNESIUM
        times = (local.time().replace(second=0, microsecond=0),) if on else spec.times
        rs.save_spec(replace(spec, enabled=on, times=times), long_ago)
    rs.set_checked_at(clock.now())
    # The safety notice was read here before: an unread one holds magnesium off at start.
    from liptwitch_desktop.store.settings import set_setting

    set_setting("magnesium_notice_shown", True)
    close_database()


def report_hook(app, ctx, window) -> None:  # type: ignore[no-untyped-def]
    from PySide6.QtCore import QTimer

    tray = ctx.extras["tray"]
    notifier = ctx.extras["notifier"]

    def say(line: str) -> None:
        print(line, flush=True)

    notifier.shown.connect(lambda notice, backend: say(f"SHOWN {notice.kind} {backend}"))

    def acted(kind: str, key: str) -> None:
        say(f"ACTION {kind} {key}")
        if key == "snooze":
            QTimer.singleShot(500, window.request_quit)

    notifier.action_invoked.connect(acted)

    seen: list[tuple[int, int, int, int]] = []

    def geometry() -> None:
        # Reported once the embedding has settled: the same non-empty geometry, away from
        # the origin (trayer sits at the top right), five polls in a row.
        icon = tray.icon
        if icon is not None and icon.isVisible():
            g = icon.geometry()
            seen.append((g.x(), g.y(), g.width(), g.height()))
            last = seen[-5:]
            if len(last) == 5 and len(set(last)) == 1 and g.width() > 1 and g.x() > 0:
                say(f"TRAY {g.x()} {g.y()} {g.width()} {g.height()}")
                return
        QTimer.singleShot(100, geometry)

    geometry()
    QTimer.singleShot(90_000, lambda: (say("TIMEOUT"), app.exit(3)))


def main() -> int:
    data_dir = Path(sys.argv[1])
    due_in = float(sys.argv[2])
    real_now = datetime.now(UTC)
    minute = math.ceil((real_now.timestamp() + due_in) / 60) * 60
    due_at = datetime.fromtimestamp(minute, UTC)
    clock = SkewedClock((due_at - timedelta(seconds=due_in)) - real_now)
    seed(data_dir / "liptwitch.sqlite3", clock, due_at)

    from liptwitch_desktop import app as app_module
    from liptwitch_desktop.cli import build_parser
    from liptwitch_desktop.ui import tray

    def ensure_tray(app, ctx, window) -> None:  # type: ignore[no-untyped-def]
        if "tray" not in ctx.extras:  # app.py did not wire the tray (yet): do it here
            tray.install(app, ctx, window)

    app_module.AFTER_PAINT_HOOKS.extend([ensure_tray, report_hook])
    args = build_parser([]).parse_args(["--data-dir", str(data_dir)])
    print(f"DUE {due_at.isoformat()} IN {due_in:g}", flush=True)
    return app_module.run_gui(args, clock=clock)


if __name__ == "__main__":
    sys.exit(main())
