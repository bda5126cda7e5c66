"""Second looks at a shown reminder: the snooze the person chose, and one repeat of a notice
nobody answered.

Both are jobs of the service's backend ("snooze:<kind>", "repeat:<kind>") planned from the
firing recorded in the store, and both check the store again when they wake: a reminder
answered, dismissed, replaced by a newer one or satisfied in the meantime (the magnesium
taken, a glass of water logged, the check-in done) is never shown again. Quiet hours and a
pause silence them as they silence the regular firings.
"""

from __future__ import annotations

import functools
from collections.abc import Callable
from datetime import datetime, timedelta
from typing import Protocol

from ..core.entries import IntakeKind
from ..core.schedule.due import effective_grace, is_satisfied
from ..core.schedule.specs import (
    FiringOutcome,
    ReminderFiring,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
)
from ..runtime.context import AppContext
from ..store import reminder_store as store
from .jobs import JobBackend
from .open_firings import OpenFirings
from .snooze import snooze_end

SNOOZE_PREFIX = "snooze:"
REPEAT_PREFIX = "repeat:"
# Kinds worth one more look when ignored. Not the caffeine ones: a last call repeated half
# an hour later arrives after the cutoff it announces, and the cutoff's moment has passed.
REPEATABLE: frozenset[ReminderKind] = frozenset(
    {
        ReminderKind.MAGNESIUM,
        ReminderKind.HYDRATION,
        ReminderKind.CHECKIN,
        ReminderKind.TRIAGE_WEEKLY,
        ReminderKind.RECOVERY_STEP,
    }
)
MAX_REPEAT = timedelta(hours=4)  # the setting's own bound (core/settings_schema.py)
LoggedFor = Callable[[datetime], frozenset[str]]


class Host(Protocol):
    """What the follow-ups ask of the reminder service."""

    @property
    def running(self) -> bool: ...
    def specs(self) -> dict[ReminderKind, ReminderSpec]: ...
    def policy(self) -> ReminderPolicy: ...
    def logged_for(self, instant: datetime) -> frozenset[str]: ...
    def next_due(self, spec: ReminderSpec, now: datetime) -> datetime | None: ...
    def show_again(self, spec: ReminderSpec, due_at: datetime) -> object: ...
    def reload(self) -> None: ...


def satisfied_since(firing: ReminderFiring, logged_for: LoggedFor, now: datetime) -> bool:
    """Done elsewhere since the reminder was shown: what it asked for is logged for its day
    (magnesium, the check-in), a glass of water since it was shown, a triage since then."""
    if is_satisfied(firing.kind, logged_for(firing.due_at)):
        return True
    since = firing.fired_at or firing.due_at
    if firing.kind is ReminderKind.HYDRATION:
        from ..store.log_reads import intakes_between

        end = now + timedelta(seconds=1)
        return bool(intakes_between(since, end, IntakeKind.WATER))
    if firing.kind is ReminderKind.TRIAGE_WEEKLY:
        from ..store.triage_history import latest_triage

        latest = latest_triage()
        return latest is not None and latest.created_at >= since
    return False


class FollowUps:
    """The snooze and repeat jobs of one service."""

    def __init__(
        self,
        ctx: AppContext,
        host: Host,
        backend: Callable[[], JobBackend | None],
        open_firings: OpenFirings,
    ) -> None:
        self._ctx = ctx
        self._host = host
        self._backend = backend
        self._open = open_firings

    # --- snooze ------------------------------------------------------------------------------

    def snooze_until(self, kind: ReminderKind, run_at: datetime) -> datetime | None:
        """Snooze the open notice of `kind` until `run_at`; None when none is open. When the
        regular firing comes first (a daily reminder snoozed until tomorrow), that one is
        the second look: no extra job."""
        backend = self._backend()
        if backend is None or not self._open.snoozed(kind):
            return None
        self.cancel(kind, repeat_only=True)
        spec = self._host.specs().get(kind)
        now = self._ctx.clock.now()
        regular = self._host.next_due(spec, now) if spec is not None else None
        if regular is not None and regular <= run_at:
            backend.cancel(SNOOZE_PREFIX + kind.value)
            return run_at
        backend.plan(
            SNOOZE_PREFIX + kind.value,
            run_at,
            self._ctx.zone,
            effective_grace(spec) if spec is not None else run_at - now,
            lambda: self._snooze_due(kind),
        )
        return run_at

    def snooze(self, kind: ReminderKind, choice: str) -> datetime | None:
        return self.snooze_until(kind, snooze_end(choice, self._ctx.clock.now(), self._ctx.zone))

    def _snooze_due(self, kind: ReminderKind) -> None:
        firing = self._firing(kind, FiringOutcome.SNOOZED)
        if firing is not None and not self._pointless(firing):
            spec = self._host.specs().get(kind)
            if spec is not None:
                self._host.show_again(spec, firing.due_at)

    # --- repeat ------------------------------------------------------------------------------

    def plan_repeat(self, spec: ReminderSpec, firing_id: int) -> datetime | None:
        """After a first showing: one repeat when the setting asks for it and the regular
        firing does not come first."""
        backend = self._backend()
        if backend is None or spec.kind not in REPEATABLE:
            return None
        minutes = repeat_minutes()
        if minutes <= 0:
            return None
        now = self._ctx.clock.now()
        run_at = now + timedelta(minutes=minutes)
        regular = self._host.next_due(spec, now)
        if regular is not None and regular <= run_at:
            return None
        backend.plan(
            REPEAT_PREFIX + spec.kind.value,
            run_at,
            self._ctx.zone,
            effective_grace(spec),
            functools.partial(self._repeat_due, spec.kind, firing_id),
        )
        return run_at

    def _repeat_due(self, kind: ReminderKind, firing_id: int) -> None:
        if self._open.get(kind) != firing_id:
            return  # answered, or a newer notice replaced it
        firing = self._firing(kind, FiringOutcome.FIRED)
        spec = self._host.specs().get(kind)
        if firing is None or spec is None or not spec.enabled or self._pointless(firing):
            return
        self._host.show_again(spec, firing.due_at)

    # --- both --------------------------------------------------------------------------------

    def _firing(self, kind: ReminderKind, outcome: FiringOutcome) -> ReminderFiring | None:
        """The open firing of `kind` if it still has `outcome`, after reloading the specs."""
        if not self._host.running:
            return None
        self._host.reload()
        firing_id = self._open.get(kind)
        firing = store.get_firing(firing_id) if firing_id is not None else None
        return firing if firing is not None and firing.outcome is outcome else None

    def _pointless(self, firing: ReminderFiring) -> bool:
        now = self._ctx.clock.now()
        return self._host.policy().silences(now, self._ctx.zone) or satisfied_since(
            firing, self._host.logged_for, now
        )

    def cancel(self, kind: ReminderKind, repeat_only: bool = False) -> None:
        backend = self._backend()
        if backend is None:
            return
        backend.cancel(REPEAT_PREFIX + kind.value)
        if not repeat_only:
            backend.cancel(SNOOZE_PREFIX + kind.value)


def repeat_minutes() -> int:
    """The repeat delay in Settings (0: off); the default when it cannot be read."""
    from ..store.settings import get_setting

    try:
        value = int(get_setting("reminders_repeat_minutes"))
    except (KeyError, TypeError, ValueError):
        return 30
    return max(0, min(value, int(MAX_REPEAT.total_seconds() // 60)))


def snooze_default() -> str:
    """The length of the one "Snooze" button (Settings)."""
    from ..store.settings import get_setting
    from .snooze import valid_choice

    try:
        return valid_choice(get_setting("reminders_snooze_default"))
    except (KeyError, ValueError):
        return valid_choice(None)
