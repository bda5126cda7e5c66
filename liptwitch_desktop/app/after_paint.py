"""What starts after the first paint, each step on its own.

The window icon, the daily integrity check and backup, the reminders, the tray, the hooks
other features add and the single-instance listener: a step that fails (a full disk during
the backup, a file in the backups folder that is not ours) is logged and named once in a
banner on Today, and every other step still starts. Imported after the first paint.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence

from PySide6.QtWidgets import QApplication, QWidget

from ..core.resources import icon_path
from ..runtime.context import AppContext
from ..store.database.connection import DatabaseDamaged, check_integrity


def set_window_icon(app: QApplication) -> None:
    """The app's icon, for window frames and task switchers (after the first paint: loading
    the SVG costs the first frame ~6 ms, and the frame is the same without it)."""
    from PySide6.QtGui import QIcon

    icon = icon_path("liptwitch.svg")
    if icon.exists():
        app.setWindowIcon(QIcon(str(icon)))


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


def start_reminders(app: QApplication, ctx: AppContext, window: QWidget) -> None:
    """After the first paint: the notifier and the scheduler (their imports cost ~100 ms,
    which the first window does not wait for), and the triage wizard's plan wired to them."""
    from ..ui.tray import build_reminders

    service = build_reminders(app, ctx, window)
    window.when_built(  # type: ignore[attr-defined]
        lambda built: built.plan_adopted.connect(  # type: ignore[attr-defined]
            lambda action_ids: adopt_triage_actions(ctx, action_ids)
        )
    )
    service.start()


def start_tray(app: QApplication, ctx: AppContext, window: QWidget) -> None:
    from ..ui.tray import install

    install(app, ctx, window, start_service=False)


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


def after_paint_steps(
    app: QApplication,
    ctx: AppContext,
    window: QWidget,
    listen: Callable[[], object],
    hooks: Sequence[Callable[[QApplication, AppContext, QWidget], None]] = (),
) -> list[tuple[str, Callable[[], object]]]:
    """What starts after the first paint, each a step of its own, with the name a person
    reads when it fails."""
    tr = QApplication.translate
    steps: list[tuple[str, Callable[[], object]]] = [
        (tr("app", "the window icon"), lambda: set_window_icon(app)),
        (
            tr("app", "the daily check and backup"),
            lambda: daily_check_and_backup(ctx, window.built_window()),  # type: ignore[attr-defined]
        ),
        (tr("app", "the reminders"), lambda: start_reminders(app, ctx, window)),
        (tr("app", "the tray icon"), lambda: start_tray(app, ctx, window)),
    ]
    for hook in hooks:
        steps.append(
            (getattr(hook, "__name__", "a start-up hook"), lambda h=hook: h(app, ctx, window))
        )
    # Last: a second start finds a first that has finished starting.
    steps.append((tr("app", "the answer to a second start"), listen))
    steps.append((tr("app", "the first-run questions"), lambda: _first_run(ctx, window)))
    return steps


def _first_run(ctx: AppContext, window: QWidget) -> None:
    """The first start's questions (country, age), over the window once it exists."""
    from ..ui.first_run import show_first_run_if_needed

    show_first_run_if_needed(ctx, window)


def report_startup_problems(window: QWidget, failed: list[tuple[str, BaseException]]) -> None:
    """One banner on Today naming every step that failed, and why (the log has the rest)."""
    if not failed:
        return
    from ..platform.logging_setup import log_file
    from ..ui.startup_problems import show_startup_problems

    show_startup_problems(window, failed, log_file())


def adopt_triage_actions(ctx: AppContext, action_ids: list[str]) -> list[object]:
    """What the person ticked on a triage result becomes reminders.

    The wizard speaks in the knowledge base's action ids; each action names its reminder.
    """
    from ..core.knowledge import load_knowledge
    from ..ui.magnesium_notice import confirm_magnesium_notice

    reminder_of = {action.id: action.reminder for action in load_knowledge().actions}
    kinds = [reminder_of[a] for a in action_ids if a in reminder_of]
    if "magnesium" in kinds and not confirm_magnesium_notice(None):  # the safety notice first
        kinds = [k for k in kinds if k != "magnesium"]
    service = ctx.extras["reminder_service"]
    return service.adopt_plan_items(kinds)  # type: ignore[attr-defined, no-any-return]
