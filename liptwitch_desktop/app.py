"""The composition root: opens the store, builds the window, then the services after paint.

Only what the first painted window needs is imported before it is shown; the scheduler,
the notifier and the tray start from a zero-delay timer after the first paint.
"""

from __future__ import annotations

import argparse
import os
import sys
from collections.abc import Callable
from pathlib import Path

from PySide6.QtCore import QTimer
from PySide6.QtWidgets import QApplication, QWidget

# First, before the imports below it: PySide's per-import check made cheap (see there).
from . import APP_ID, APP_NAME, ORG_NAME, pyside_import_hook  # noqa: F401
from .context import AppContext
from .core.clock import Clock, SystemClock
from .core.days import local_zone
from .datadir import resolve_data_dir
from .paths import icon_path
from .signals import AppSignals
from .store.connection import (
    DatabaseDamaged,
    check_integrity,
    close_connection,
    quarantine,
)
from .store.opening import open_store

# Start-up hooks other features add (tray, reminders): each gets (app, ctx, window) and runs
# after the first paint.
AFTER_PAINT_HOOKS: list[Callable[[QApplication, AppContext, QWidget], None]] = []


def make_application(argv: list[str]) -> QApplication:
    app = QApplication.instance() or QApplication(argv)
    assert isinstance(app, QApplication)
    app.setApplicationName(APP_NAME)
    app.setOrganizationName(ORG_NAME)
    app.setApplicationDisplayName(APP_NAME)
    app.setDesktopFileName(APP_ID)
    return app


def set_window_icon(app: QApplication) -> None:
    """The app's icon, for window frames and task switchers (after the first paint: loading
    the SVG costs the first frame ~6 ms, and the frame is the same without it)."""
    from PySide6.QtGui import QIcon

    icon = icon_path("liptwitch.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def open_store_interactively(db_path: Path, backup_dir: Path, today_iso: str) -> bool:
    """Open the database; on damage, explain, move it aside and offer a backup or a new one.

    Returns False when the person chose to quit.
    """
    from datetime import date

    today = date.fromisoformat(today_iso)

    def before_upgrade(version: int) -> None:
        from .store import backup

        backup.backup_before_upgrade(db_path, backup_dir, today, version + 1)

    try:
        open_store(db_path, before_upgrade=before_upgrade)
        return True
    except DatabaseDamaged as exc:
        from PySide6.QtWidgets import QMessageBox

        from .store import backup

        moved = quarantine(db_path)
        good = backup.newest_good_backup(backup_dir)
        box = QMessageBox(QMessageBox.Icon.Warning, APP_NAME, "")
        box.setText(QApplication.translate("app", "Your LipTwitch data file could not be read."))
        info = (
            QApplication.translate(
                "app",
                "It may have been damaged (%1). It has been moved aside, not deleted:\n%2\n\n",
            )
            .replace("%1", exc.detail)
            .replace("%2", str(moved))
        )
        restore = None
        if good is not None:
            info += QApplication.translate("app", "The newest good backup is from %1.").replace(
                "%1", good.day.isoformat()
            )
            restore = box.addButton(
                QApplication.translate("app", "Restore backup"), QMessageBox.ButtonRole.AcceptRole
            )
        empty = box.addButton(
            QApplication.translate("app", "Start empty"), QMessageBox.ButtonRole.ResetRole
        )
        box.addButton(QApplication.translate("app", "Quit"), QMessageBox.ButtonRole.RejectRole)
        box.setInformativeText(info)
        box.exec()
        clicked = box.clickedButton()
        if restore is not None and clicked is restore and good is not None:
            backup.restore_backup(good.path, db_path)
        elif clicked is not empty:
            return False
        open_store(db_path, before_upgrade=before_upgrade)
        return True


def build_main(ctx: AppContext) -> QWidget:
    from .ui.log_controller import LogController
    from .ui.main_window import MainWindow

    controller = LogController(ctx)
    return MainWindow(ctx, controller)


def fill_demo_if_empty(ctx: AppContext) -> None:
    from .core.demo_data import generate
    from .store.bulk import insert_demo, is_empty

    if is_empty():
        log = generate(ctx.today(), 120, ctx.zone)
        now = ctx.clock.now()
        # Today's demo day is only filled up to now: nothing in the demo lies in the future.
        log.episodes = [e for e in log.episodes if e.started_at <= now]
        log.intakes = [i for i in log.intakes if i.taken_at <= now]
        insert_demo(log)


def daily_check_and_backup(ctx: AppContext, parent: QWidget | None) -> bool:
    """Check every page of the file, then take today's backup; never back up a bad file.

    Start-up only reads the header and schema (fast on years of data); this full check runs
    after the first paint. Returns False, after telling the person, if the file has errors.
    """
    from .store import backup

    try:
        check_integrity(ctx.db_path, thorough=True)
    except DatabaseDamaged as exc:
        from PySide6.QtWidgets import QMessageBox

        QMessageBox.warning(
            parent,
            APP_NAME,
            QApplication.translate(
                "app",
                "LipTwitch found errors in your data file (%1).\n\nNothing has been deleted, "
                "and your backups have not been overwritten. To go back to a good copy, use "
                "Settings → Restore selected backup.",
            ).replace("%1", exc.detail),
        )
        return False
    backup.daily_backup(ctx.db_path, ctx.backup_dir, ctx.today())
    return True


def start_reminders_and_tray(app: QApplication, ctx: AppContext, window: QWidget) -> None:
    """After the first paint: the scheduler, the notifier and the tray (their imports cost
    ~100 ms, which the first window does not wait for)."""
    from .ui.tray import install

    install(app, ctx, window)
    window.when_built(  # type: ignore[attr-defined]
        lambda built: built.plan_adopted.connect(  # type: ignore[attr-defined]
            lambda action_ids: adopt_triage_actions(ctx, action_ids)
        )
    )


def adopt_triage_actions(ctx: AppContext, action_ids: list[str]) -> list[object]:
    """What the person ticked on a triage result becomes reminders.

    The wizard speaks in the knowledge base's action ids; each action names its reminder.
    """
    from .core.knowledge import load_knowledge
    from .ui.magnesium_notice import confirm_magnesium_notice

    reminder_of = {action.id: action.reminder for action in load_knowledge().actions}
    kinds = [reminder_of[a] for a in action_ids if a in reminder_of]
    if "magnesium" in kinds and not confirm_magnesium_notice(None):  # the safety notice first
        kinds = [k for k in kinds if k != "magnesium"]
    service = ctx.extras["reminder_service"]
    return service.adopt_plan_items(kinds)  # type: ignore[attr-defined, no-any-return]


def _report_first_paint(window: QWidget) -> None:
    """For benchmarks/bench_startup.py: print when the first frame is done, then quit.

    The report comes before the window's own after-paint work, as in the bare window it is
    compared to: the frame is on screen by then, the rest is not part of the first paint.
    """
    import time

    from .ui.first_paint import after_first_paint

    def report() -> None:  # with the CPU time this process has used so far
        print(f"FIRST_PAINT {time.process_time():.4f}", flush=True)
        QApplication.quit()

    after_first_paint(window, report, before_others=True)


def run_gui(args: argparse.Namespace, clock: Clock | None = None) -> int:
    os.umask(0o077)  # everything we create is private to this user
    if args.self_test:
        from .self_test import run_self_test

        return run_self_test(args)
    app = make_application(sys.argv[:1])
    # --- desktop integration (issue 6): log file and the unexpected-error dialog ---
    from .logging_setup import (
        install_exception_hook,
        install_qt_message_handler,
        log_dir_for,
        setup_logging,
    )

    setup_logging(log_dir_for(args.data_dir))
    install_qt_message_handler()
    install_exception_hook(QApplication.activeWindow)
    # --- end desktop integration ---
    clock = clock or SystemClock()
    zone = local_zone()
    data_dir = resolve_data_dir(args.data_dir, args.demo)
    # One instance per user and data folder: a second start brings the first forward and
    # leaves, so two schedulers never fire the same reminder twice.
    from .single_instance import SingleInstance, socket_path

    instance = SingleInstance(socket_path(data_dir), parent=app)
    if not instance.claim():
        if instance.tell_running():
            print("LipTwitch is already running: it has been brought to the front.")
        else:  # e.g. the first one is still showing a question before its window
            print("LipTwitch is already running, but did not answer; look for its window.")
        return 0
    app.aboutToQuit.connect(instance.release)
    from .core.days import DEFAULT_DAY_START, local_day

    today = local_day(clock.now(), zone, DEFAULT_DAY_START)
    db_path = data_dir / "liptwitch.sqlite3"
    if not open_store_interactively(db_path, data_dir / "backups", today.isoformat()):
        return 1
    ctx = AppContext(
        clock=clock, zone=zone, signals=AppSignals(), data_dir=data_dir, demo=args.demo
    )
    if args.demo:
        fill_demo_if_empty(ctx)
    from .store.settings import get_setting

    # Light/dark: a scheme the person forced is applied before the first paint (no flash);
    # following the system is Qt's own default, so wiring it waits until after the paint
    # (the first look at a Qt.ColorScheme value costs ~35 ms).
    forced_scheme = bool(get_setting("color_scheme"))
    if forced_scheme:
        from .ui.appearance import follow_color_scheme

        follow_color_scheme(app, ctx)
    from .ui.window_on_demand import WindowOnDemand

    def build_window() -> QWidget:
        built = build_main(ctx)
        built.quit_requested.connect(app.quit)  # type: ignore[attr-defined]
        return built

    # Started --hidden, the window is built only when first opened (from the tray, a
    # notification or a second start); otherwise right away.
    window = WindowOnDemand(build_window)
    instance.show_requested.connect(lambda: window.bring_forward())
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
        set_window_icon(app)
        if not forced_scheme:
            from .ui.appearance import follow_color_scheme

            follow_color_scheme(app, ctx)
        daily_check_and_backup(ctx, window.built_window())
        start_reminders_and_tray(app, ctx, window)  # type: ignore[arg-type]
        for hook in AFTER_PAINT_HOOKS:
            hook(app, ctx, window)  # type: ignore[arg-type]
        instance.listen()  # logs and carries on if the socket cannot be made
        from .ui.first_run import show_first_run_if_needed  # issue 12: first start only

        show_first_run_if_needed(ctx, window)

    if args.hidden:  # started at login into the tray: there is no paint to wait for
        QTimer.singleShot(0, after_paint)
    else:
        from .ui.first_paint import after_first_paint

        after_first_paint(window.get(), after_paint)
    try:
        return app.exec()
    finally:
        close_connection()
