"""What the person does with a reminder: Done, a snooze (the four choices or the default
one), a click that opens the dialog it is about, a dismissal; and pausing them all.

A part of the reminder service (`ReminderService` derives from `Answers`), kept apart so
each module holds one job; the attributes below are the service's.
"""

from __future__ import annotations

import logging
from datetime import datetime, timedelta, tzinfo
from typing import TYPE_CHECKING

from ..core.changes import Change
from ..core.schedule.due import pause_for, pause_until_tomorrow
from ..core.schedule.specs import ReminderKind
from ..store import reminder_store as store
from .followups import snooze_default
from .notices import OPEN_TARGETS, dose_first
from .snooze import choice_of_action

if TYPE_CHECKING:
    from ..runtime.context import AppContext
    from .followups import FollowUps
    from .notifier import Notifier
    from .open_firings import OpenFirings

SNOOZE = timedelta(minutes=10)
# The service's logger: the end-to-end tests read these lines.
log = logging.getLogger("liptwitch_desktop.reminders.service")


class Answers:
    _ctx: AppContext
    _notifier: Notifier
    _open: OpenFirings
    _followups: FollowUps

    @property
    def zone(self) -> tzinfo:
        return self._ctx.zone

    def _emit(self, change: Change) -> None:
        raise NotImplementedError  # the service's

    # --- answers -----------------------------------------------------------------------------

    def handle_action(self, kind_value: str, key: str) -> None:
        """What the person did with a notice: "done", "snooze" or "default" (open)."""
        try:
            kind = ReminderKind(kind_value)
        except ValueError:
            return
        choice = choice_of_action(key, snooze_default())
        if choice is not None:
            self.snooze_for(kind, choice)
        elif key == "done":
            self.done(kind)
        else:
            self._ctx.signals.open_requested.emit(OPEN_TARGETS[kind])

    def done(self, kind: ReminderKind) -> None:
        if (target := dose_first(kind)) is not None:  # never a dose nobody entered: ask it
            return self._ctx.signals.open_requested.emit(target)
        changed = self._open.done(kind, self._ctx.clock.now())
        if changed is not None:
            self._emit(changed)

    def snooze(self, kind: ReminderKind, delay: timedelta = SNOOZE) -> datetime | None:
        """Snooze the open notice of `kind` for `delay`; when it comes back (None: none open)."""
        run_at = self._followups.snooze_until(kind, self._ctx.clock.now() + delay)
        if run_at is not None:
            self._emit(Change.REMINDER)
        return run_at

    def snooze_for(self, kind: ReminderKind, choice: str) -> datetime | None:
        """Snooze with one of the offered choices ("10", "30", "60", "tomorrow")."""
        run_at = self._followups.snooze(kind, choice)
        if run_at is not None:
            log.info("reminder %s snoozed (%s) until %s", kind.value, choice, run_at.isoformat())
            self._withdraw(kind)
            self._emit(Change.REMINDER)
        return run_at

    def unanswered(self) -> list[ReminderKind]:
        """The kinds whose notice is shown and not answered yet (what the tray can snooze)."""
        return self._open.unanswered()

    def _withdraw(self, kind: ReminderKind) -> None:
        self._notifier.withdraw(kind.value)

    def _on_dismissed(self, kind_value: str) -> None:
        try:
            kind = ReminderKind(kind_value)
        except ValueError:
            return
        self._open.dismissed(kind)

    # --- pause -------------------------------------------------------------------------------

    def pause_for(self, duration: timedelta) -> datetime:
        until = pause_for(self._ctx.clock.now(), duration)
        store.set_paused_until(until)
        self._emit(Change.REMINDER)
        return until

    def pause_until_tomorrow(self) -> datetime:
        until = pause_until_tomorrow(self._ctx.clock.now(), self.zone, self._ctx.day_start)
        store.set_paused_until(until)
        self._emit(Change.REMINDER)
        return until

    def resume(self) -> None:
        store.set_paused_until(None)
        self._emit(Change.REMINDER)
