"""The reminder service: jobs rebuilt from the store, fired on the Qt loop, never a burst.

The store is the memory. At start and whenever settings, reminders or intakes change, every
job is recomputed from the reminder rows (core.schedule decides the instants); APScheduler
only wakes us at them. After a suspend, a clock change or a new zone (seen by a watchdog
comparing wall and monotonic time each minute, and by logind's PrepareForSleep where there
is a system bus), what was missed since the last recorded firing is resolved once: fired if
within its grace time, else one line in "While you were away".
"""

from __future__ import annotations

import logging
import time as _time
from collections.abc import Callable
from datetime import datetime, time, timedelta, tzinfo
from typing import Any

from PySide6.QtCore import QObject, QTimer, Signal

from ..core.caffeine import DEFAULT_CUTOFF
from ..core.schedule.due import (
    effective_grace,
    is_satisfied,
    next_fire,
    next_occurrence,
    not_after,
    pause_for,
    pause_until_tomorrow,
    recovery_milestone_for,
    resolve_missed,
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
from ..store.settings import get_time
from . import texts
from .jobs import ApschedulerBackend, JobBackend
from .notifier import Notice, Notifier

log = logging.getLogger(__name__)

SNOOZE = timedelta(minutes=10)
WATCHDOG_MS = 60_000
JUMP_TOLERANCE = timedelta(seconds=90)
_SNOOZE_PREFIX = "snooze:"

# Notification actions per kind: "Done" logs something only where one tap can say what.
ACTIONS: dict[ReminderKind, tuple[str, ...]] = {
    ReminderKind.MAGNESIUM: ("done", "snooze"),
    ReminderKind.HYDRATION: ("done", "snooze"),
    ReminderKind.CHECKIN: ("snooze",),
    ReminderKind.TRIAGE_WEEKLY: ("snooze",),
    ReminderKind.RECOVERY_STEP: ("snooze",),
    ReminderKind.CAFFEINE_LAST_CALL: (),
    ReminderKind.CAFFEINE_CUTOFF: (),
}
# What the window opens when a notice is clicked (AppSignals.open_requested argument).
OPEN_TARGETS: dict[ReminderKind, str] = {
    ReminderKind.MAGNESIUM: "magnesium",
    ReminderKind.HYDRATION: "water",
    ReminderKind.CHECKIN: "checkin",
    ReminderKind.TRIAGE_WEEKLY: "triage",
    ReminderKind.RECOVERY_STEP: "plan",
    ReminderKind.CAFFEINE_LAST_CALL: "drink",
    ReminderKind.CAFFEINE_CUTOFF: "drink",
}


def late_drink_message(intake: Any, zone: tzinfo, day_start: time) -> str | None:
    """The late-drink note for a caffeine intake, or None when it was before the cutoff.

    Uses the person's cutoff, bedtime and half-life settings and the day's other drinks.
    """
    from ..core.caffeine import CaffeineDose, late_drink_note
    from ..core.days import day_bounds, local_day
    from ..core.entries import IntakeKind
    from ..store.entries import intakes_between
    from ..store.settings import get_setting

    if not intake.caffeine_mg:
        return None
    day = local_day(intake.taken_at, zone, day_start)
    start, end = day_bounds(day, zone, day_start)
    doses = [
        CaffeineDose(i.taken_at, i.caffeine_mg or 0.0)
        for i in intakes_between(start, end, IntakeKind.CAFFEINE)
        if i.id != intake.id
    ]
    note = late_drink_note(
        CaffeineDose(intake.taken_at, intake.caffeine_mg),
        doses,
        zone,
        cutoff=get_time("caffeine_cutoff"),
        bedtime=get_time("bedtime"),
        half_life_h=float(get_setting("caffeine_half_life_h")),
        day_start=day_start,
    )
    return texts.late_drink_text(note) if note is not None else None


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
        zone_provider: Callable[[], tzinfo] | None = None,
        watch_logind: bool = True,
        parent: QObject | None = None,
    ) -> None:
        super().__init__(parent)
        self._ctx = ctx
        self._notifier = notifier
        self._backend: JobBackend | None = backend
        self._monotonic = monotonic
        self._zone_provider = zone_provider or (lambda: ctx.zone)
        self._watch_logind = watch_logind
        self._specs: dict[ReminderKind, ReminderSpec] = {}
        self._policy = ReminderPolicy()
        self._open_firings: dict[ReminderKind, int] = {}  # kind -> firing id shown, unanswered
        self._away: list[str] = []
        self._running = False
        self._noted_drinks: set[int] = set()
        self._last_wall: datetime | None = None
        self._last_mono = 0.0
        self._watchdog = QTimer(self)
        self._watchdog.setInterval(WATCHDOG_MS)
        self._watchdog.timeout.connect(self.watchdog_tick)
        self._logind: Any = None
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
        self._watchdog.start()
        if self._watch_logind:
            self._start_logind()
        self.recheck()
        log.info("reminders started: %d planned", len(self.planned()))

    def stop(self) -> None:
        """Quit: stop the scheduler cleanly (nothing else to save: the store has it all)."""
        if not self._running:
            return
        self._running = False
        self._watchdog.stop()
        self._ctx.signals.data_changed.disconnect(self._on_data_changed)
        if self._backend is not None:
            self._backend.shutdown()
        if self._logind is not None:
            self._logind.close()
            self._logind = None

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
                lambda kind=kind, due=due: self._on_due(kind, due),
            )
        self.state_changed.emit()

    def _next_due(self, spec: ReminderSpec, now: datetime) -> datetime | None:
        """The next firing, skipping days on which what it asks for is already logged."""
        after = now
        for _ in range(3):
            due = next_fire(spec, self._policy, self.zone, after)
            if due is None or not is_satisfied(spec.kind, self._logged_for(due)):
                return due
            after = due
        return next_fire(spec, self._policy, self.zone, after)

    def recheck(self) -> None:
        """After a start, a resume, a clock jump or a zone change: resolve missed, re-plan."""
        if not self._running:
            return
        new_zone = self._zone_provider()
        if new_zone != self._ctx.zone:
            log.info("time zone changed to %s", new_zone)
            self._ctx.zone = new_zone
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
        for kind, spec in self._specs.items():
            if not spec.enabled or checked_at is None:  # first run ever: nothing was missed
                continue
            candidates = [checked_at, store.last_due(kind, now), store.spec_changed_at(kind)]
            known = not_after(candidates, now)
            if not known:
                continue
            result = resolve_missed(
                spec, self._policy, self.zone, max(known), now, self._logged_for
            )
            if result.due_at is None:
                continue
            if result.action is MissedAction.FIRE:
                self._show(spec, result.due_at)
            elif result.action is MissedAction.SUMMARY:
                step = self._step(spec, result.due_at)
                if self._record(kind, result.due_at, FiringOutcome.MISSED, step=step):
                    self._add_away(texts.away_line(kind, result.due_at, self.zone, step))
        self._mark_time()
        self.rebuild()

    def _record(
        self,
        kind: ReminderKind,
        due_at: datetime,
        outcome: FiringOutcome,
        fired_at: datetime | None = None,
        step: str = "",
    ) -> int | None:
        """Record a firing; None (logged) when the store refuses it (a clock past 2100)."""
        try:
            return store.record_firing(kind, due_at, outcome, fired_at, step).id
        except ValueError as exc:
            log.warning("could not record a %s reminder due %s: %s", kind, due_at, exc)
            return None

    # --- firing ------------------------------------------------------------------------------

    def _step(self, spec: ReminderSpec, due_at: datetime) -> str:
        if spec.kind is not ReminderKind.RECOVERY_STEP:
            return ""
        return recovery_milestone_for(spec, due_at, self.zone) or ""

    def _cutoff(self) -> time:
        try:
            return get_time("caffeine_cutoff")
        except (KeyError, ValueError):
            return DEFAULT_CUTOFF

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
        step = self._step(spec, due_at)
        firing_id = self._record(spec.kind, due_at, FiringOutcome.FIRED, fired_at=now, step=step)
        if firing_id is None:
            return None
        self._open_firings[spec.kind] = firing_id
        title, body = texts.notice_text(spec, self._cutoff(), step)
        notice = Notice(
            kind=spec.kind.value,
            title=title,
            body=body,
            actions=ACTIONS[spec.kind],
            open_target=OPEN_TARGETS[spec.kind],
            firing_id=firing_id,
        )
        self._notifier.notify(notice)
        self.fired.emit(notice)
        return notice

    def _on_snooze_due(self, kind: ReminderKind) -> None:
        if not self._running:
            return
        self._load()
        firing_id = self._open_firings.get(kind)
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
        firing_id = self._open_firings.pop(kind, None)
        if firing_id is None:
            return
        intake = store.complete_firing(firing_id, self._ctx.clock.now())
        self._notifier.withdraw(kind.value)
        self._emit("intake" if intake is not None else "reminder")

    def snooze(self, kind: ReminderKind, delay: timedelta = SNOOZE) -> datetime | None:
        firing_id = self._open_firings.get(kind)
        if firing_id is None or self._backend is None:
            return None
        store.set_outcome(firing_id, FiringOutcome.SNOOZED)
        run_at = self._ctx.clock.now() + delay
        self._backend.plan(
            _SNOOZE_PREFIX + kind.value,
            run_at,
            self.zone,
            effective_grace(self._specs[kind]) if kind in self._specs else delay,
            lambda: self._on_snooze_due(kind),
        )
        self._emit("reminder")
        return run_at

    def _on_dismissed(self, kind_value: str) -> None:
        try:
            kind = ReminderKind(kind_value)
        except ValueError:
            return
        firing_id = self._open_firings.get(kind)
        firing = store.get_firing(firing_id) if firing_id is not None else None
        # A server closes a notice after an action too: only an unanswered one is "dismissed".
        if firing is not None and firing.outcome is FiringOutcome.FIRED:
            store.set_outcome(firing.id or 0, FiringOutcome.DISMISSED)
            self._open_firings.pop(kind, None)

    # --- pause -------------------------------------------------------------------------------

    def pause_for(self, duration: timedelta) -> datetime:
        until = pause_for(self._ctx.clock.now(), duration)
        store.set_paused_until(until)
        self._emit("reminder")
        return until

    def pause_until_tomorrow(self) -> datetime:
        until = pause_until_tomorrow(self._ctx.clock.now(), self.zone, self._ctx.day_start)
        store.set_paused_until(until)
        self._emit("reminder")
        return until

    def resume(self) -> None:
        store.set_paused_until(None)
        self._emit("reminder")

    def adopt_plan_items(self, ids: list[str]) -> list[ReminderKind]:
        """Slot for the triage wizard's `plan_adopted(list[str])`."""
        kinds = store.adopt_plan_items(ids, self._ctx.today(), self._ctx.clock.now())
        if kinds:
            self._emit("reminder")
        return kinds

    # --- change and time watching ------------------------------------------------------------

    def _emit(self, what: str) -> None:
        """Tell every view; our own rebuild follows from the same signal."""
        self._ctx.signals.data_changed.emit(what)
        if not self._running:
            self.state_changed.emit()

    def _on_data_changed(self, what: str) -> None:
        if what in ("settings", "reminder", "intake", "checkin", "all"):
            self.rebuild()
        if what in ("intake", "checkin"):
            self._withdraw_satisfied()
        if what == "intake":
            self._note_late_drinks()

    def _note_late_drinks(self) -> None:
        """A drink just logged (taken in the last few minutes) after the cutoff: say once
        how much caffeine is still expected at bedtime."""
        from ..core.entries import IntakeKind
        from ..store.entries import intakes_between

        now = self._ctx.clock.now()
        recent = intakes_between(now - timedelta(minutes=5), now + timedelta(minutes=1))
        for intake in recent:
            if intake.kind is not IntakeKind.CAFFEINE or intake.id in self._noted_drinks:
                continue
            if intake.id is not None:
                self._noted_drinks.add(intake.id)
            message = late_drink_message(intake, self.zone, self._ctx.day_start)
            if message:
                self.late_drink_noted.emit(message)

    def _withdraw_satisfied(self) -> None:
        """Logged it elsewhere (tray, window): close the notice that asked for it."""
        for kind, firing_id in list(self._open_firings.items()):
            firing = store.get_firing(firing_id)
            if firing is not None and is_satisfied(kind, self._logged_for(firing.due_at)):
                if firing.outcome in (FiringOutcome.FIRED, FiringOutcome.SNOOZED):
                    store.set_outcome(firing_id, FiringOutcome.DONE)
                self._open_firings.pop(kind, None)
                self._notifier.withdraw(kind.value)
                if self._backend is not None:
                    self._backend.cancel(_SNOOZE_PREFIX + kind.value)

    def _add_away(self, line: str) -> None:
        if line not in self._away:
            self._away.append(line)
            self.away_changed.emit(list(self._away))

    def _mark_time(self) -> None:
        """Remember that everything up to now was dealt with (in memory and in the store)."""
        self._last_wall = self._ctx.clock.now()
        self._last_mono = self._monotonic()
        store.set_checked_at(self._last_wall)

    def watchdog_tick(self) -> None:
        """Each minute: a wall-clock jump against monotonic time means suspend or a change."""
        if self._last_wall is None:
            self._mark_time()
            return
        expected = self._last_wall + timedelta(seconds=self._monotonic() - self._last_mono)
        now = self._ctx.clock.now()
        jumped = abs(now - expected) > JUMP_TOLERANCE
        if expected - now > CLOCK_BACK_JUMP:
            log.warning(
                "the clock went back by %s; rebuilding the reminder schedule", expected - now
            )
        zone_changed = self._zone_provider() != self._ctx.zone
        if jumped or zone_changed:
            log.info("clock jump or zone change detected; re-checking reminders")
            self.recheck()  # marks the time itself, after reading the previous mark
        else:
            self._mark_time()

    def _start_logind(self) -> None:
        try:
            from jeepney import MatchRule

            from .dbus_link import DBusLink

            link = DBusLink("SYSTEM", self)
            rule = MatchRule(
                type="signal",
                interface="org.freedesktop.login1.Manager",
                member="PrepareForSleep",
                path="/org/freedesktop/login1",
            )
            link.subscribe(rule, self._on_logind_signal)
            self._logind = link
        except Exception as exc:  # no system bus, no logind, a sandbox: the watchdog suffices
            log.info("logind sleep signal unavailable: %s", exc)
            self._logind = None

    def _on_logind_signal(self, interface: str, member: str, body: tuple[Any, ...]) -> None:
        if member == "PrepareForSleep" and body and not body[0]:
            self.recheck()
