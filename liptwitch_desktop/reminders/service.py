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
)
from ..core.schedule.specs import (
    CLOCK_BACK_JUMP,
    CLOCK_TOLERANCE,
    SUMMARISE_WHEN_MISSED,
    FiringOutcome,
    MissedAction,
    ReminderFiring,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
    sane_policy,
)
from ..runtime.context import AppContext
from ..store import reminder_store as store
from . import experiment_phase, texts
from .answers import Answers
from .clock_watch import ClockWatch
from .dnd_gate import DoNotDisturbGate
from .followups import FollowUps, satisfied_since, snooze_default
from .held import HOLD_LIMIT, latest_per_kind, still_relevant
from .jobs import ApschedulerBackend, JobBackend, on_time
from .late_drinks import LateDrinks
from .notices import OPEN_TARGETS, recovery_step  # noqa: F401  (OPEN_TARGETS: re-exported)
from .notifier import Notice, Notifier
from .open_firings import OpenFirings, record
from .planning import missed_since, next_due

log = logging.getLogger(__name__)

SNOOZE = timedelta(minutes=10)


class ReminderService(Answers, QObject):
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
        dnd: DoNotDisturbGate | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._notifier = notifier
        self._backend: JobBackend | None = backend
        self._watch_logind = watch_logind
        self._specs: dict[ReminderKind, ReminderSpec] = {}
        self._policy = ReminderPolicy()
        self._open = OpenFirings(notifier)
        self._followups = FollowUps(ctx, self, lambda: self._backend, self._open)
        self._away: list[str] = []
        self._running = False
        self._late_drinks = LateDrinks()
        # The desktop's Do Not Disturb (None: not asked, as in most tests): while it is on,
        # reminders are held and shown once it ends (reminders/held.py).
        self._dnd = dnd
        if dnd is not None:
            dnd.ended.connect(self.release_held)
            dnd.ended.connect(self.state_changed)
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
        if self._dnd is not None:
            self._dnd.stop()
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

    def holding(self) -> bool:
        """Reminders are held now: the desktop's Do Not Disturb was on at the last look."""
        return self._dnd is not None and self._dnd.on

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
        # Issue 17: the running experiment switches its change's reminder with its periods.
        self._specs = experiment_phase.phase_specs(store.load_specs(), self._ctx)
        policy = store.get_policy()
        self._policy = sane_policy(policy, self._ctx.clock.now())
        if self._policy != policy:
            log.warning(
                "ignoring a reminder pause until %s: set under a wrong clock", policy.paused_until
            )

    def _logged_for(self, instant: datetime) -> frozenset[str]:
        return store.logged_at(instant, self.zone, self._ctx.day_start)

    def logged_for(self, instant: datetime) -> frozenset[str]:
        """What is logged for the person's day of `instant` (intake kinds, "checkin")."""
        return self._logged_for(instant)

    def reload(self) -> None:
        """Read the specs and the policy again from the store."""
        self._load()

    def next_due(self, spec: ReminderSpec, now: datetime) -> datetime | None:
        """When `spec` fires next after `now` (quiet hours, pause and logged days skipped)."""
        return self._next_due(spec, now)

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
        experiment_phase.plan_switch(self._backend, self._ctx, self.recheck)
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
        self.release_held()

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
        if not on_time(due_at, now, effective_grace(spec)):
            self.recheck()  # woke far too late: resolve it as missed, once
            return
        if self._policy.silences(due_at, self.zone) or is_satisfied(kind, self._logged_for(due_at)):
            self.rebuild()
            return
        try:
            self._show(spec, due_at)
        finally:
            self.rebuild()  # whatever showing it did, the next one is planned

    def _show(self, spec: ReminderSpec, due_at: datetime, first: bool = True) -> Notice | None:
        """Show a firing of `spec` (None: held during Do Not Disturb); a first showing is
        repeated once if nobody answers it."""
        if self._dnd is not None and self._dnd.active():  # held, not lost: see release_held
            step = recovery_step(spec, due_at, self.zone)
            if record(spec.kind, due_at, FiringOutcome.HELD, step=step) is not None:
                log.info("reminder %s held (Do Not Disturb)", spec.kind.value)
                self.state_changed.emit()  # the tray says so
            return None
        self._followups.cancel(spec.kind)  # a new notice: the old one's follow-ups are moot
        notice = self._open.fire(spec, due_at, self._ctx.clock.now(), self.zone, snooze_default())
        self.fired.emit(notice)
        if first and notice.firing_id is not None:
            self._followups.plan_repeat(spec, notice.firing_id)
        return notice

    def release_held(self) -> None:
        """Do Not Disturb is off (it ended, or at a start): the latest reminder of each kind
        held during it is shown once if still relevant; the rest are given up."""
        if not self._running or (self._dnd is not None and self._dnd.active()):
            return
        self._load()
        now = self._ctx.clock.now()
        latest, older = latest_per_kind(store.held_firings(now - HOLD_LIMIT - timedelta(days=1)))
        for firing in older:
            record(firing.kind, firing.due_at, FiringOutcome.MISSED, step=firing.step)
        for kind, firing in latest.items():
            spec = self._specs.get(kind)
            if (
                spec is not None
                and not self._policy.silences(now, self.zone)
                and still_relevant(spec, firing, now, self.zone, self._logged_for)
            ):
                self._show(spec, firing.due_at)
            else:
                self._give_up_held(firing, now)

    def _give_up_held(self, firing: ReminderFiring, now: datetime) -> None:
        """Not shown after Do Not Disturb: recorded as missed, and, when it was not done
        meanwhile and is worth it, one line in "While you were away" (held, not lost)."""
        kind = firing.kind
        if record(kind, firing.due_at, FiringOutcome.MISSED, step=firing.step) is None:
            return
        if kind in SUMMARISE_WHEN_MISSED and not satisfied_since(firing, self._logged_for, now):
            self._add_away(texts.away_line(kind, firing.due_at, self.zone, firing.step))

    def send_test(self) -> str:
        """The Settings button: a notice through the same path as a reminder (never held:
        the person asked for it), and what happened, in words."""
        title, body = texts.test_notice()
        backend = self._notifier.notify(Notice(kind="test", title=title, body=body))
        dnd = self._dnd is not None and self._dnd.active()
        log.info("test notification shown (%s)", backend)
        return texts.test_result(backend, dnd)

    def show_again(self, spec: ReminderSpec, due_at: datetime) -> Notice | None:
        """A snoozed (or ignored) reminder's second look: a new firing of the same due time."""
        return self._show(spec, due_at, first=False)

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
            case Change.SETTINGS | Change.REMINDER | Change.EXPERIMENT | Change.ALL:
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
        self._followups.cancel(kind)

    def _add_away(self, line: str) -> None:
        if line not in self._away:
            self._away.append(line)
            self.away_changed.emit(list(self._away))

    def _mark_time(self) -> None:
        self.clock_watch.mark()

    def watchdog_tick(self) -> None:
        """Each minute (and from tests): see clock_watch.ClockWatch.tick."""
        self.clock_watch.tick()
