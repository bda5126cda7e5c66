"""What starts after the first paint, each step on its own.

The window icon, the light or dark appearance, the daily integrity check and backup, then
the services the composition root builds (app/bootstrap.py: notifications, reminders, the
zone watcher, the tray, the single-instance listener, the first run): a step that fails (a
full disk during the backup, a file in the backups folder that is not ours) is logged and
named once in a banner on Today, and every other step still starts. Imported after the
first paint.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication, QWidget

from ..core.resources import icon_path
from ..runtime.context import AppContext
from ..store.database.connection import DatabaseDamaged, check_integrity

if TYPE_CHECKING:
    from ..ui.window_on_demand import WindowOnDemand
    from ..ui.window_roles import ShowsBanners
    from .bootstrap import Root, Step


def set_window_icon(app: QApplication) -> None:
    """The app's icon, for window frames and task switchers (after the first paint: loading
    the SVG costs the first frame ~6 ms, and the frame is the same without it)."""
    from PySide6.QtGui import QIcon

    icon = icon_path("liptwitch.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def _guard_the_wheel(app: QApplication, window: WindowOnDemand) -> None:
    """With the window, whose fields the wheel must not change: started in the tray, the
    filter (and its ~1.4 MiB) waits until the window is first opened."""

    def install(_built: object) -> None:
        from ..ui.event_guard import install_event_guard

        install_event_guard(app)

    window.when_built(install)


def daily_check_and_backup(ctx: AppContext, parent: QWidget | None) -> bool:
    """Check every page of the file, then take today's backup; never back up a bad file.

    Start-up only reads the header, the schema and what the first window shows (fast on
    years of data); this full check runs after the first paint. Returns False, after the
    person has chosen what to do about it (app/damaged_file.py), if the file has errors.
    """
    from ..store import backup
    from .damaged_file import found_now, watch

    watch(ctx)  # from here on, a damaged page met anywhere gets the offer below, once
    try:
        check_integrity(ctx.db_path, thorough=True)
    except DatabaseDamaged as exc:
        found_now(ctx, exc)  # the same offer as at start: moved aside, a backup offered
        return False
    backup.daily_backup(ctx.db_path, ctx.backup_dir, ctx.today())
    return True


def run_steps(steps: list[tuple[str, Callable[[], object]]]) -> list[tuple[str, BaseException]]:
    """Run each after-paint step on its own: one that fails is logged and the next one still
    runs (a full disk during the backup must not silence the reminders). Returns failures."""
    import logging

    from .damaged_file import quitting

    failed: list[tuple[str, BaseException]] = []
    for name, step in steps:
        if quitting():  # the person chose Quit when a damaged file was found
            break
        try:
            step()
        except Exception as exc:
            logging.getLogger("liptwitch.app").exception("after-paint step %r failed", name)
            failed.append((name, exc))
    return failed


def after_paint_steps(root: Root, follow_scheme: bool = True) -> list[Step]:
    """What starts after the first paint, each a step of its own, with the name a person
    reads when it fails. `follow_scheme=False` when a forced light or dark was applied
    before the paint (app/__init__)."""
    tr = QApplication.translate
    app, ctx = root.app, root.ctx
    steps: list[Step] = [(tr("app", "the window icon"), lambda: set_window_icon(app))]
    # Before the first paint nobody can turn the wheel; the filter's cost stays off it.
    steps.append((tr("app", "the mouse wheel guard"), lambda: _guard_the_wheel(app, root.window)))
    if follow_scheme:
        from ..ui.appearance import follow_color_scheme

        appearance = tr("app", "the light or dark appearance")
        steps.append((appearance, lambda: follow_color_scheme(app, ctx)))
    steps.append(
        (
            tr("app", "the daily check and backup"),
            lambda: daily_check_and_backup(ctx, root.window.built_window()),
        )
    )
    return steps + root.service_steps()


def report_startup_problems(banners: ShowsBanners, failed: list[tuple[str, BaseException]]) -> None:
    """One banner on Today naming every step that failed, and why (the log has the rest)."""
    if not failed:
        return
    from ..platform.logging_setup import log_file
    from ..ui.startup_problems import show_startup_problems

    show_startup_problems(banners, failed, log_file())
