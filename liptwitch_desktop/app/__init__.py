"""The composition root: opens the store, builds the window, then the services after paint.

Only what the first painted window needs is imported before it is shown; the notifier, the
scheduler, the zone watcher and the tray are built after the first paint (app/bootstrap.py
builds every one of them, in order, and wires them).
"""

from __future__ import annotations

import argparse
import os
import sys

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

# First, before the imports below it: PySide's per-import check made cheap (see there).
from .. import APP_ID, APP_NAME, ORG_NAME
from ..platform import pyside_import_hook  # noqa: F401

# isort: split
from typing import TYPE_CHECKING

from ..core.clock import Clock, SystemClock
from ..core.days import local_zone
from ..platform.datadir import resolve_data_dir
from ..platform.quit_signals import quit_on_signals, quit_requested
from ..platform.translations import install_translations
from ..runtime.context import AppContext
from ..runtime.signals import AppSignals
from ..store.database.connection import close_connection
from .startup import (
    EXIT_NO_DATA_FOLDER,
    open_store_interactively,
    prepare_data_dir,
    tell_cannot_start,
)

if TYPE_CHECKING:
    from ..platform.single_instance import SingleInstance


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    # Before any widget builds its text: the plural forms of "%n page(s)" come from it.
    install_translations(app)
    return app


def _report_first_paint(window: QWidget) -> None:
    """For benchmarks/bench_startup.py: print when the first frame is done, then quit.

    The report comes before the window's own after-paint work, as in the bare window it is
    compared to: the frame is on screen by then, the rest is not part of the first paint.
    """
    import time

    from ..ui.first_paint import after_first_paint

    def report() -> None:  # with the CPU time this process has used so far
        print(f"FIRST_PAINT {time.process_time():.4f}", flush=True)
        QApplication.quit()

    after_first_paint(window, report, before_others=True)


EXIT_NO_QT_PLATFORM = 3


def hand_over(instance: SingleInstance, hidden: bool) -> str:
    """A second start on the same data folder: what it tells the first, said in one line.

    A `--hidden` start (login, a second autostart entry) leaves the running one as it is, in
    the tray; any other start asks it to come to the front (review 16/17, finding 14)."""
    if hidden:
        return "LipTwitch is already running; a hidden start leaves it in the tray."
    if instance.tell_running():
        return "LipTwitch is already running: it has been brought to the front."
    # e.g. the first one is still showing a question before its window
    return "LipTwitch is already running, but did not answer; look for its window."


def run_gui(args: argparse.Namespace, clock: Clock | None = None) -> int:
    os.umask(0o077)  # everything we create is private to this user
    if QApplication.instance() is None:
        # Before Qt: a missing X11 library gets a package name, not Qt's abort.
        from ..platform.qt_platform_check import xcb_problem

        problem = xcb_problem()
        if problem is not None:
            print(problem, file=sys.stderr)
            return EXIT_NO_QT_PLATFORM
    if args.self_test:
        from .self_test import run_self_test

        return run_self_test(args)
    app = make_application(sys.argv[:1])
    quit_on_signals(app)  # logout and Ctrl+C quit cleanly (the store closed, exit 0)
    clock = clock or SystemClock()
    zone = local_zone()
    data_dir = resolve_data_dir(args.data_dir, args.demo)
    # The data folder first: a folder that cannot be written (a read-only disk, another
    # user's folder) gets a plain message, not a traceback.
    problem = prepare_data_dir(data_dir)
    if problem is not None:
        tell_cannot_start(problem)
        return EXIT_NO_DATA_FOLDER
    # --- desktop integration (issue 6): log file and the unexpected-error dialog ---
    from ..platform.logging_setup import install_qt_message_handler, log_dir_for, setup_logging
    from ..store.database import damage
    from ..ui.unexpected_error import install_exception_hook

    setup_logging(log_dir_for(args.data_dir))
    install_qt_message_handler()
    # A damaged data file met by any read gets the offer of a backup (app/damaged_file.py)
    install_exception_hook(QApplication.activeWindow, claims=damage.claims)
    # --- end desktop integration ---
    # One instance per data folder: a second start brings the first forward and leaves,
    # so two schedulers never fire the same reminder twice.
    from ..platform.single_instance import SingleInstance

    instance = SingleInstance(parent=app, data_dir=data_dir)
    if not instance.claim():
        print(hand_over(instance, hidden=bool(getattr(args, "hidden", False))))
        return 0
    app.aboutToQuit.connect(instance.release)
    from ..core.days import DEFAULT_DAY_START, local_day

    today = local_day(clock.now(), zone, DEFAULT_DAY_START)
    db_path = data_dir / "liptwitch.sqlite3"
    if not open_store_interactively(db_path, data_dir / "backups", today.isoformat()):
        return 0 if quit_requested() else 1
    ctx = AppContext(
        clock=clock, zone=zone, signals=AppSignals(), data_dir=data_dir, demo=args.demo
    )
    if args.demo:
        from .demo import fill_demo_if_empty

        fill_demo_if_empty(ctx)
    from ..store.settings import get_setting

    # Light/dark: a scheme the person forced is applied before the first paint (no flash);
    # following the system is Qt's own default, so wiring it waits until after the paint
    # (the first look at a Qt.ColorScheme value costs ~35 ms).
    forced_scheme = bool(get_setting("color_scheme"))
    if forced_scheme:
        from ..ui.appearance import follow_color_scheme

        follow_color_scheme(app, ctx)
    from .bootstrap import Root

    # Started --hidden, the window is built only when first opened (from the tray, a
    # notification or a second start); otherwise right away.
    root = Root(app, ctx, instance)
    window = root.window
    if not args.hidden:
        if os.environ.get("LIPTWITCH_REPORT_FIRST_PAINT"):
            _report_first_paint(window.get())
        window.show()

    def after_paint() -> None:
        import gc

        # Collection was off during start-up (see __main__): what start-up built lives as
        # long as the app, so it is frozen out of every later collection, then collection
        # resumes for what the app makes from here on.
        gc.freeze()
        gc.enable()
        from .after_paint import after_paint_steps, report_startup_problems, run_steps

        steps = after_paint_steps(root, follow_scheme=not forced_scheme)
        failed = run_steps(steps)
        import logging

        logging.getLogger("liptwitch.app").info(
            "started after paint: %d steps, %d failed", len(steps), len(failed)
        )
        report_startup_problems(root.banners, failed)

    if args.hidden:  # started at login into the tray: there is no paint to wait for
        QTimer.singleShot(0, after_paint)
    else:
        from ..ui.first_paint import after_first_paint

        after_first_paint(window.get(), after_paint)
    try:
        return app.exec()
    finally:
        close_connection()
