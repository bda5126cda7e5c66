"""The reminder service: jobs rebuilt from the store, fired on the Qt loop, never a burst.

The store is the memory. At start and whenever settings, reminders or intakes change, every
job is recomputed from the reminder rows (core.schedule decides the instants); APScheduler
only wakes us at them. After a suspend or a clock change (seen by a watchdog comparing wall
and monotonic time each minute, and by logind's PrepareForSleep where there is a system bus)
or a new zone (Change.ZONE from the zone watcher, which alone sets `ctx.zone`), what was
missed since the last recorded firing is resolved once: fired if within its grace time, else
one line in "While you were away".

The service wires its helpers, each one job: `planning` (when each is next due, what was
missed), `open_firings` (the ledger of firings and unanswered notices), `notices` (what a
notice says and offers), `clock_watch` (the watchdog and logind), `late_drinks`.
"""

from __future__ import annotations

import functools
import logging
import time as _time
from collections.abc import Callable
from datetime import datetime, timedelta, tzinfo

from PySide6.QtCore import QObject, Signal

from ..core.changes import Change
from ..core.schedule.due import (
    effective_grace,
    is_satisfied,
    next_occurrence,
    pause_for,
    pause_until_tomorrow,
)
from ..core.schedule.specs import (
    CLOCK_BACK_JUMP,
    CLOCK_TOLERANCE,
    FiringOutcome,
    MissedAction,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
    sane_policy,
)
from ..runtime.context import AppContext
from ..store import reminder_store as store
from . import texts
from .clock_watch import ClockWatch
from .jobs import ApschedulerBackend, JobBackend
from .late_drinks import LateDrinks
from .notices import OPEN_TARGETS, caffeine_cutoff, dose_first, notice_for, recovery_step
from .notifier import Notice, Notifier
from .open_firings import OpenFirings, record
from .planning import missed_since, next_due

log = logging.getLogger(__name__)

SNOOZE = timedelta(minutes=10)
_SNOOZE_PREFIX = "snooze:"


class ReminderService(QObject):
    """Keeps the reminder jobs true to the store and turns firings into notices."""

    # a reminder was shown: (Notice)
    fired = Signal(object)
    # "While you were away" lines changed: (list[str])
    away_changed = Signal(list)
    # pause / plan state changed, for the tray menu and the settings page
    state_changed = Signal()
    # a drink was just logged after the caffeine cutoff: the gentle note to show (str)
    late_drink_noted = Signal(str)

    def __init__(
        self,
        ctx: AppContext,
        notifier: Notifier,
        backend: JobBackend | None = None,
        monotonic: Callable[[], float] = _time.monotonic,
        watch_logind: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._notifier = notifier
        self._backend: JobBackend | None = backend
        self._watch_logind = watch_logind
        self._specs: dict[ReminderKind, ReminderSpec] = {}
        self._policy = ReminderPolicy()
        self._open = OpenFirings(notifier)
        self._away: list[str] = []
        self._running = False
        self._late_drinks = LateDrinks()
        # Late-bound (a lambda), so the service's own recheck is what a jump calls. A new
        # time zone is not its business: the zone watcher announces it (Change.ZONE).
        self.clock_watch = ClockWatch(ctx.clock, lambda: self.recheck(), monotonic, parent=self)
        notifier.action_invoked.connect(self.handle_action)
        notifier.dismissed.connect(self._on_dismissed)

    # --- life cycle ------------------------------------------------------------------------

    @property
    def zone(self) -> tzinfo:
        return self._ctx.zone

    @property
    def running(self) -> bool:
        return self._running

    def start(self) -> None:
        """Resolve what was missed while the app was closed, then plan every job."""
        if self._running:
            return
        if self._backend is None:
            self._backend = ApschedulerBackend(
                on_missed=lambda _job: self.recheck(), clock=self._ctx.clock
            )
        self._backend.start()
        self._running = True
        self._ctx.signals.data_changed.connect(self._on_data_changed)
        self.clock_watch.start(self._watch_logind)
        self.recheck()
        log.info("reminders started: %d planned", len(self.planned()))

    def stop(self) -> None:
        """Quit: stop the scheduler cleanly (nothing else to save: the store has it all)."""
        if not self._running:
            return
        self._running = False
        self.clock_watch.stop()
        self._ctx.signals.data_changed.disconnect(self._on_data_changed)
        if self._backend is not None:
            self._backend.shutdown()

    # --- state -------------------------------------------------------------------------------

    def specs(self) -> dict[ReminderKind, ReminderSpec]:
        return dict(self._specs)

    def policy(self) -> ReminderPolicy:
        return self._policy

    def any_enabled(self) -> bool:
        """True when some reminder can still fire (the window then closes to the tray)."""
        return any(
            next_occurrence(spec, self.zone, self._ctx.clock.now()) is not None
            for spec in self._specs.values()
        )

    def paused_until(self) -> datetime | None:
        now = self._ctx.clock.now()
        until = self._policy.paused_until
        return until if until is not None and until > now else None

    def away_lines(self) -> list[str]:
        return list(self._away)

    def clear_away(self) -> None:
        if self._away:
            self._away = []
            self.away_changed.emit([])

    def planned(self) -> dict[str, datetime]:
        return self._backend.planned() if self._backend is not None else {}

    # --- rebuilding --------------------------------------------------------------------------

    def _load(self) -> None:
        self._specs = store.load_specs()
        policy = store.get_policy()
        self._policy = sane_policy(policy, self._ctx.clock.now())
        if self._policy != policy:
            log.warning(
                "ignoring a reminder pause until %s: set under a wrong clock", policy.paused_until
            )

    def _logged_for(self, instant: datetime) -> frozenset[str]:
        return store.logged_at(instant, self.zone, self._ctx.day_start)

    def rebuild(self) -> None:
        """Recompute every job from the store (after any change; idempotent)."""
        if not self._running or self._backend is None:
            return
        self._load()
        now = self._ctx.clock.now()
        for kind, spec in self._specs.items():
            due = self._next_due(spec, now)
            if due is None:
                self._backend.cancel(kind.value)
                continue
            self._backend.plan(
                kind.value,
                due,
                self.zone,
                effective_grace(spec),
                functools.partial(self._on_due, kind, due),
            )
        self.state_changed.emit()

    def _next_due(self, spec: ReminderSpec, now: datetime) -> datetime | None:
        return next_due(spec, self._policy, self.zone, now, self._logged_for)

    def recheck(self) -> None:
        """After a start, a resume, a clock jump or a zone change: resolve missed, re-plan."""
        if not self._running:
            return
        self._load()
        now = self._ctx.clock.now()
        checked_at = store.get_checked_at()
        if checked_at is not None and checked_at > now + CLOCK_BACK_JUMP:
            # Last run under a clock far ahead of this one (a 2099 glitch, since corrected):
            # what it recorded ahead of now is ignored, and the schedule built from now.
            log.warning(
                "the clock is %s behind the last run's; rebuilding the reminder schedule",
                checked_at - now,
            )
        missed = missed_since(
            self._specs, self._policy, self.zone, checked_at, now, self._logged_for
        )
        for kind, spec, result in missed:
            assert result.due_at is not None  # only a "nothing missed" result has none
            if result.action is MissedAction.FIRE:
                self._show(spec, result.due_at)
            elif result.action is MissedAction.SUMMARY:
                step = recovery_step(spec, result.due_at, self.zone)
                if record(kind, result.due_at, FiringOutcome.MISSED, step=step):
                    self._add_away(texts.away_line(kind, result.due_at, self.zone, step))
        self._mark_time()
        self.rebuild()

    # --- firing ------------------------------------------------------------------------------

    def _on_due(self, kind: ReminderKind, due_at: datetime) -> None:
        """A job woke us for `due_at`: fire once, unless already handled or now pointless."""
        if not self._running:
            return
        self._load()
        spec = self._specs.get(kind)
        now = self._ctx.clock.now()
        last = store.last_due(kind, now)
        if spec is None or not spec.enabled or (last is not None and last >= due_at):
            self.rebuild()
            return
        if due_at - now > CLOCK_TOLERANCE:
            self.rebuild()  # woke early: the clock went back since this was planned
            return
        if now - due_at > effective_grace(spec):
            self.recheck()  # woke far too late: resolve it as missed, once
            return
        if self._policy.silences(due_at, self.zone) or is_satisfied(kind, self._logged_for(due_at)):
            self.rebuild()
            return
        self._show(spec, due_at)
        self.rebuild()

    def _show(self, spec: ReminderSpec, due_at: datetime) -> Notice | None:
        now = self._ctx.clock.now()
        step = recovery_step(spec, due_at, self.zone)
        firing_id = record(spec.kind, due_at, FiringOutcome.FIRED, fired_at=now, step=step)
        if firing_id is None:
            return None
        self._open.shown(spec.kind, firing_id)
        notice = notice_for(spec, firing_id, caffeine_cutoff(), step)
        self._notifier.notify(notice)
        self.fired.emit(notice)
        return notice

    def _on_snooze_due(self, kind: ReminderKind) -> None:
        if not self._running:
            return
        self._load()
        firing_id = self._open.get(kind)
        spec = self._specs.get(kind)
        firing = store.get_firing(firing_id) if firing_id is not None else None
        if spec is None or firing is None or firing.outcome is not FiringOutcome.SNOOZED:
            return
        now = self._ctx.clock.now()
        if self._policy.silences(now, self.zone) or is_satisfied(
            kind, self._logged_for(firing.due_at)
        ):
            return
        self._show(spec, firing.due_at)

    # --- answers -----------------------------------------------------------------------------

    def handle_action(self, kind_value: str, key: str) -> None:
        """What the person did with a notice: "done", "snooze" or "default" (open)."""
        try:
            kind = ReminderKind(kind_value)
        except ValueError:
            return
        if key == "snooze":
            self.snooze(kind)
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
        if self._backend is None or not self._open.snoozed(kind):
            return None
        run_at = self._ctx.clock.now() + delay
        self._backend.plan(
            _SNOOZE_PREFIX + kind.value,
            run_at,
            self.zone,
            effective_grace(self._specs[kind]) if kind in self._specs else delay,
            lambda: self._on_snooze_due(kind),
        )
        self._emit(Change.REMINDER)
        return run_at

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

    # --- change and time watching ------------------------------------------------------------

    def _emit(self, change: Change) -> None:
        """Tell every view; our own rebuild follows from the same signal."""
        self._ctx.signals.changed(change)
        if not self._running:
            self.state_changed.emit()

    def _on_data_changed(self, change: Change) -> None:
        match change:
            case Change.ZONE:  # the wall clock moved: resolve what that skipped, re-plan
                self.recheck()
            case Change.INTAKE:
                self.rebuild()
                self._withdraw_satisfied()
                self._note_late_drinks()
            case Change.CHECKIN:
                self.rebuild()
                self._withdraw_satisfied()
            case Change.SETTINGS | Change.REMINDER | Change.ALL:
                self.rebuild()
            case Change.EPISODE | Change.MEDICINE | Change.TRIAGE:
                pass  # nothing a reminder depends on

    def _note_late_drinks(self) -> None:
        """A drink just logged (taken in the last few minutes) after the cutoff: say once
        how much caffeine is still expected at bedtime."""
        now = self._ctx.clock.now()
        for message in self._late_drinks.new_notes(now, self.zone, self._ctx.day_start):
            self.late_drink_noted.emit(message)

    def _withdraw_satisfied(self) -> None:
        """Logged it elsewhere (tray, window): close the notice that asked for it."""
        self._open.withdraw_satisfied(self._logged_for, self._cancel_snooze)

    def _cancel_snooze(self, kind: ReminderKind) -> None:
        if self._backend is not None:
            self._backend.cancel(_SNOOZE_PREFIX + kind.value)

    def _add_away(self, line: str) -> None:
        if line not in self._away:
            self._away.append(line)
            self.away_changed.emit(list(self._away))

    def _mark_time(self) -> None:
        self.clock_watch.mark()

    def watchdog_tick(self) -> None:
        """Each minute (and from tests): see clock_watch.ClockWatch.tick."""
        self.clock_watch.tick()
