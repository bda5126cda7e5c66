"""The composition root's wiring: every service built once, in order, and handed what it uses.

Before the first paint, only what the window needs: the controllers (every write goes
through one) and the window holder, which builds the main window with them (at once, or
when first opened if started in the tray). After the first paint, each a step of its own
(app/after_paint.py runs them; one that fails is named on Today and the others still start):

    the notifier and its backends    (jeepney, the D-Bus notification server)
    the reminder service             (APScheduler; its banners go to Today)
    the zone watcher                 (the only writer of ctx.zone: Change.ZONE)
    the tray                         (with the service, the window and the settings)
    the reminders' start             (after the tray, so its balloon can show a missed one)
    the single-instance listener     (last: a second start finds a first that has started)

Their imports cost ~100 ms and the ORM, which the first frame does not wait for; that is
why the order puts the controllers and the window first. Nothing here is found later by
name: each object gets the others it needs through its constructor or a signal connection.
"""

from __future__ import annotations

import logging
from collections.abc import Callable
from datetime import tzinfo
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

from ..controllers import Controllers
from ..core.days import local_zone
from ..runtime.context import AppContext
from ..ui.today_banners import ReminderBanners, TodayBanners
from ..ui.window_on_demand import WindowOnDemand

if TYPE_CHECKING:
    from PySide6.QtWidgets import QWidget

    from ..controllers.data import DataController
    from ..controllers.experiment import ExperimentController
    from ..controllers.reminders import RemindersController
    from ..controllers.triage import TriageController
    from ..platform.ipc_protocol import JSONObject, Request
    from ..platform.single_instance import SingleInstance
    from ..reminders.notifier import Notifier
    from ..reminders.service import ReminderService
    from ..runtime.zone_watch import ZoneWatcher
    from ..ui.main_window import MainWindow
    from ..ui.tray import TrayController

log = logging.getLogger("liptwitch.app")

Step = tuple[str, Callable[[], object]]


def build_controllers(ctx: AppContext) -> Controllers:
    from ..controllers.log import LogController
    from ..controllers.settings import SettingsController

    log = LogController(ctx)

    # Made when first asked for (Controllers says why); each is built here all the same.
    def reminders() -> RemindersController:
        from ..controllers.reminders import RemindersController

        return RemindersController(ctx)

    def triage() -> TriageController:
        from ..controllers.triage import TriageController

        return TriageController(ctx)

    def data() -> DataController:
        from ..controllers.data import DataController

        return DataController(ctx)

    def experiment() -> ExperimentController:
        from ..controllers.experiment import ExperimentController

        # One undo stack for the window: Ctrl+Z after "Extend" takes back the extension.
        return ExperimentController(ctx, undo_stack=log.undo_stack)

    return Controllers(
        log=log,
        settings=SettingsController(ctx),
        reminders=reminders,
        triage=triage,
        data=data,
        experiment=experiment,
    )


def build_main(ctx: AppContext, controllers: Controllers | None = None) -> MainWindow:
    from ..ui.main_window import MainWindow

    return MainWindow(ctx, controllers or build_controllers(ctx))


class Root:
    """What the composition root built, each piece once, for the after-paint steps and the
    quit path (and for tests that start the app in-process)."""

    def __init__(
        self,
        app: QApplication,
        ctx: AppContext,
        instance: SingleInstance,
        zone_provider: Callable[[], tzinfo] = local_zone,
    ) -> None:
        self.app = app
        self.ctx = ctx
        self.instance = instance
        self._zone_provider = zone_provider
        # --- before the first paint ---
        self.controllers = build_controllers(ctx)
        self.window = WindowOnDemand(self._build_window)
        self.banners = TodayBanners(self.window)
        # Kept here: Qt holds a connected bound method only as long as its object lives.
        self.reminder_banners = ReminderBanners(self.banners)
        instance.show_requested.connect(lambda: self.window.bring_forward())
        instance.set_handler(self.answer_verb)  # `liptwitch twitch` and the other verbs
        # --- after it, in this order (`service_steps`) ---
        self.notifier: Notifier | None = None
        self.reminders: ReminderService | None = None
        self.zone_watch: ZoneWatcher | None = None
        self.tray: TrayController | None = None

    def _build_window(self) -> MainWindow:
        window = build_main(self.ctx, self.controllers)
        window.quit_requested.connect(self.app.quit)
        return window

    def answer_verb(self, request: Request) -> JSONObject:
        """A headless verb from another process, done through the log controller (the
        window updates at once and Ctrl+Z undoes it): app/verb_answers.py."""
        from .verb_answers import answer_verb

        return answer_verb(self, request)

    # --- the services, after the first paint ----------------------------------------------------

    def build_notifier(self) -> Notifier:
        """The desktop's notification server if there is one; the tray adds its balloon;
        with neither, a reminder becomes a banner on Today."""
        from ..reminders.notifier import FreedesktopBackend, Notifier

        notifier = Notifier(parent=self.app)
        desktop = FreedesktopBackend.try_create(parent=self.app)
        if desktop is not None:
            notifier.add_backend(desktop)
        notifier.banner_requested.connect(self.reminder_banners.notice)
        self.reminder_banners.answer = notifier.action  # its Snooze answers as a notice's
        notifier.shown.connect(
            lambda notice, backend: log.info("reminder %s shown (%s)", notice.kind, backend)
        )
        self.notifier = notifier
        return notifier

    def build_reminders(self) -> ReminderService:
        """The scheduler service, not started yet (see `start_reminders`)."""
        from ..reminders.service import ReminderService

        self.controllers.settings.hold_unnoticed_magnesium()
        if self.notifier is None:
            raise RuntimeError("the notifications did not start")
        from ..reminders.dnd_gate import DoNotDisturbGate

        dnd = DoNotDisturbGate(parent=self.app)  # reminders are held while it is on
        service = ReminderService(self.ctx, self.notifier, parent=self.app, dnd=dnd)
        service.away_changed.connect(self.reminder_banners.away)
        service.late_drink_noted.connect(self.reminder_banners.late_drink)
        self.controllers.reminders.attach_tester(service.send_test)  # Settings' test button
        self.app.aboutToQuit.connect(service.stop)
        self.reminders = service
        return service

    def build_zone_watch(self) -> ZoneWatcher:
        from ..runtime.zone_watch import ZoneWatcher

        watch = ZoneWatcher(self.ctx, self._zone_provider, parent=self.app)
        self.app.aboutToQuit.connect(watch.stop)
        watch.start()
        self.zone_watch = watch
        return watch

    def build_tray(self) -> TrayController:
        """The tray, on the service (None if the reminders could not start: the menu then
        has no pause). Without a tray host the window stays the home."""
        from ..ui.tray import TrayBalloonBackend, TrayController

        tray = TrayController(
            self.ctx, self.window, self.reminders, self.controllers.settings, parent=self.app
        )
        if tray.icon is not None and self.notifier is not None:
            self.notifier.add_backend(TrayBalloonBackend(tray.icon))
        if self.reminders is not None:
            self.reminders.state_changed.connect(tray.update_icon)
        self.app.aboutToQuit.connect(tray.shutdown)
        self.tray = tray
        if tray.icon is None and not self.window.isVisible():
            self.window.show()  # started --hidden but no tray: never hide where none can reach
        return tray

    def start_reminders(self) -> None:
        if self.reminders is None:
            raise RuntimeError("the reminders were not built")
        self.reminders.start()

    def first_run(self) -> None:
        """The first start's questions (country, age), over the window once it exists."""
        from ..controllers.settings import FIRST_RUN_DONE
        from ..store.settings import get_setting

        if get_setting(FIRST_RUN_DONE):  # every later start: its widgets stay unloaded
            return

        def show(window: QWidget) -> None:
            from ..ui.first_run import show_first_run_if_needed

            show_first_run_if_needed(self.ctx, self.controllers.settings, window)

        self._over_the_window(show)

    def held_magnesium_notice(self) -> None:
        """The magnesium safety notice for a reminder held off at start (after the first run,
        over the window once it exists)."""
        from ..store.magnesium_notice import notice_pending

        if not notice_pending():  # most starts: the notice's widgets stay unloaded
            return

        def show(window: QWidget) -> None:
            from ..ui.magnesium_notice import show_held_notice

            show_held_notice(self.controllers.settings, window)

        self._over_the_window(show)

    def _over_the_window(self, show: Callable[[QWidget], object]) -> None:
        """`show(window)` now if the window is built, else when it is. Started in the tray,
        a dialog that can only open over the window is not even imported until then (a
        hidden start at login keeps the first run's ~4 MiB out of the idle app)."""
        self.window.when_built(show)

    def service_steps(self) -> list[Step]:
        """The services in the order they are built, each with the name a person reads when
        it fails."""
        tr = QApplication.translate
        return [
            (tr("app", "the notifications"), self.build_notifier),
            (tr("app", "the reminders"), self.build_reminders),
            (tr("app", "following the time zone"), self.build_zone_watch),
            (tr("app", "the tray icon"), self.build_tray),
            (tr("app", "the reminder schedule"), self.start_reminders),
            # Last: a second start finds a first that has finished starting.
            (tr("app", "the answer to a second start"), self.instance.listen),
            (tr("app", "the first-run questions"), self.first_run),
            (tr("app", "the magnesium safety notice"), self.held_magnesium_notice),
        ]
