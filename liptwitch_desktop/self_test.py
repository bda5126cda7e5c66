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
from pathlib import Path


def run_self_test(args: argparse.Namespace) -> int:
    os.environ.setdefault("QT_QPA_PLATFORM", "offscreen")
    from .app import build_main, make_application
    from .context import AppContext
    from .core.clock import SystemClock
    from .core.days import local_zone
    from .signals import AppSignals
    from .store import backup
    from .store.db import close_database, open_database
    from .store.entries import running_episode

    app = make_application(sys.argv[:1])
    with tempfile.TemporaryDirectory(prefix="liptwitch-self-test-") as tmp:
        data_dir = Path(tmp)
        try:
            open_database(data_dir / "liptwitch.sqlite3")
            ctx = AppContext(SystemClock(), local_zone(), AppSignals(), data_dir)
            window = build_main(ctx)
            window.show()
            app.processEvents()
            window.toggle_twitching()  # type: ignore[attr-defined]
            assert running_episode() is not None, "episode did not start"
            window.toggle_twitching()  # type: ignore[attr-defined]
            assert running_episode() is None, "episode did not stop"
            for key in ("log", "settings"):
                window.show_page(key)  # type: ignore[attr-defined]
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
SELF_TEST_CHECKS: list = []
