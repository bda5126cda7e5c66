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

from .. import APP_NAME
from ..core.resources import icon_path
from ..runtime.context import AppContext
from ..store.database.connection import DatabaseDamaged, check_integrity

if TYPE_CHECKING:
    from ..ui.window_roles import ShowsBanners
    from .bootstrap import Root, Step


def set_window_icon(app: QApplication) -> None:
    """The app's icon, for window frames and task switchers (after the first paint: loading
    the SVG costs the first frame ~6 ms, and the frame is the same without it)."""
    from PySide6.QtGui import QIcon

    icon = icon_path("liptwitch.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


def _guard_the_wheel(app: QApplication) -> None:
    from ..ui.event_guard import install_event_guard

    install_event_guard(app)


def daily_check_and_backup(ctx: AppContext, parent: QWidget | None) -> bool:
    """Check every page of the file, then take today's backup; never back up a bad file.

    Start-up only reads the header and schema (fast on years of data); this full check runs
    after the first paint. Returns False, after telling the person, if the file has errors.
    """
    from ..store import backup

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


def run_steps(steps: list[tuple[str, Callable[[], object]]]) -> list[tuple[str, BaseException]]:
    """Run each after-paint step on its own: one that fails is logged and the next one still
    runs (a full disk during the backup must not silence the reminders). Returns failures."""
    import logging

    failed: list[tuple[str, BaseException]] = []
    for name, step in steps:
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
    steps.append((tr("app", "the mouse wheel guard"), lambda: _guard_the_wheel(app)))
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
