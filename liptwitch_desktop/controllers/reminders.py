"""The reminders a person sets up: each change one store transaction and one Change.

Every write that the clock dates (a reminder's "changed at", the recovery plan's first day)
is refused under a clock that cannot be right (1970 after a flat CMOS battery, 2150):
ClockLooksWrong before anything is written, said in words by the app's error hook, as the
log's controller. Quiet hours carry no date and save under any clock.

The reminder service is not called: it hears the change like every view and rebuilds its
jobs from the store, so a reminder switched on before the service started (or while it
failed to start) is planned all the same once it runs.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable
from typing import TYPE_CHECKING

from PySide6.QtCore import QObject

from ..core.changes import Change
from ..runtime.context import AppContext

if TYPE_CHECKING:
    from ..core.schedule.specs import QuietHours, ReminderKind, ReminderSpec

# store.reminder_store imports the ORM; the first paint does not wait for it.


class RemindersController(QObject):
    def __init__(self, ctx: AppContext, parent: QObject | None = None) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._send_test: Callable[[], str] | None = None

    def attach_tester(self, send_test: Callable[[], str]) -> None:
        """The running reminder service's test notice (the composition root attaches it
        once the service is built)."""
        self._send_test = send_test

    def send_test_notification(self) -> str | None:
        """Show a test notification; what happened in words, None when the reminders are
        not running (nothing to send it with)."""
        return self._send_test() if self._send_test is not None else None

    def _clock_can_date(self) -> None:
        from ..core.clock_sense import can_date

        can_date(self._ctx.clock.now())

    def save_spec(self, spec: ReminderSpec) -> ReminderSpec:
        from ..store import reminder_store

        self._clock_can_date()
        saved = reminder_store.save_spec(spec, self._ctx.clock.now())
        self._ctx.signals.changed(Change.REMINDER)
        return saved

    def set_enabled(self, kind: ReminderKind, enabled: bool) -> ReminderSpec:
        # Imported here: the first paint builds this controller and needs no dataclasses.
        from dataclasses import replace

        from ..store import reminder_store

        self._clock_can_date()
        return self.save_spec(replace(reminder_store.get_spec(kind), enabled=enabled))

    def set_quiet_hours(self, quiet: QuietHours | None) -> None:
        """Quiet hours are settings (three of them, in one transaction)."""
        from ..store import reminder_store

        reminder_store.set_quiet_hours(quiet)
        self._ctx.signals.changed(Change.SETTINGS)

    def adopt_plan_items(self, ids: Iterable[str]) -> list[ReminderKind]:
        """Switch on the reminders behind plan items ("recovery_plan" starts the plan
        today); the kinds switched on. Nothing switched on, nothing announced."""
        from ..core.clock_sense import ClockLooksWrong
        from ..core.validation import EARLIEST, LATEST
        from ..store import reminder_store

        self._clock_can_date()  # "today" would be 1970's day, the plan's first step there
        today, now = self._ctx.today(), self._ctx.clock.now()
        if not EARLIEST.date() <= today < LATEST.date():  # 2000-01-01 02:00: still 1999's day
            raise ClockLooksWrong(now)
        kinds = reminder_store.adopt_plan_items(ids, today, now)
        if kinds:
            self._ctx.signals.changed(Change.REMINDER)
        return kinds

    def stop_recovery_plan(self) -> ReminderSpec:
        from dataclasses import replace

        from ..core.schedule.specs import ReminderKind
        from ..store import reminder_store

        self._clock_can_date()
        spec = reminder_store.get_spec(ReminderKind.RECOVERY_STEP)
        return self.save_spec(replace(spec, plan_start=None))
