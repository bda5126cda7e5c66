"""The ledger of firings: each one recorded in the store, and the notice shown for each kind
that nobody has answered yet (done, snoozed, dismissed, or made pointless by a log entry)."""

from __future__ import annotations

import logging
from collections.abc import Callable
from dataclasses import replace
from datetime import datetime, tzinfo

from PySide6.QtCore import QCoreApplication

from ..core.changes import Change
from ..core.schedule.due import is_satisfied
from ..core.schedule.specs import FiringOutcome, ReminderKind, ReminderSpec
from ..store import reminder_store as store
from ..store.database.storage_errors import describe, is_storage_error
from .notices import caffeine_cutoff, notice_for, recovery_step
from .notifier import Notice, Notifier

# The service's logger: these lines have always come from there.
log = logging.getLogger("liptwitch_desktop.reminders.service")


def record(
    kind: ReminderKind,
    due_at: datetime,
    outcome: FiringOutcome,
    fired_at: datetime | None = None,
    step: str = "",
) -> int | None:
    """Record a firing; None (logged) when the store refuses it (a clock past 2100) or the
    disk does (full, read-only): nothing the disk does may stop a reminder."""
    return _record(kind, due_at, outcome, fired_at, step)[0]


def _record(
    kind: ReminderKind,
    due_at: datetime,
    outcome: FiringOutcome,
    fired_at: datetime | None,
    step: str,
) -> tuple[int | None, str]:
    """The new firing's id, or None and why it could not be recorded."""
    try:
        return store.record_firing(kind, due_at, outcome, fired_at, step).id, ""
    except Exception as exc:
        if not (isinstance(exc, ValueError) or is_storage_error(exc)):
            raise
        log.warning("could not record a %s reminder due %s: %s", kind, due_at, exc)
        return None, describe(exc) if is_storage_error(exc) else ""


def _not_recorded(reason: str) -> str:
    if reason:
        return QCoreApplication.translate(
            "reminders",
            "(LipTwitch could not note that this reminder was shown: %1. Free some space, "
            "or fix the data folder; the reminders go on.)",
        ).replace("%1", QCoreApplication.translate("storage", reason))
    return QCoreApplication.translate(
        "reminders",
        "(LipTwitch could not note that this reminder was shown: check the computer's date "
        "and time.)",
    )


class OpenFirings:
    """kind -> the id of the firing whose notice is shown and still unanswered."""

    def __init__(self, notifier: Notifier) -> None:
        self._notifier = notifier
        self._open: dict[ReminderKind, int] = {}
        self._failing = False  # the last firing could not be recorded (said once)

    def fire(
        self,
        spec: ReminderSpec,
        due_at: datetime,
        now: datetime,
        zone: tzinfo,
        snooze_default: str = "10",
    ) -> Notice:
        """Record a firing and show its notice. A firing the disk (or the clock) will not
        let us record is shown all the same, without the buttons that answer a recorded
        firing, and the first one says why; the service plans the next one as usual."""
        step = recovery_step(spec, due_at, zone)
        firing_id, reason = _record(spec.kind, due_at, FiringOutcome.FIRED, now, step)
        notice = notice_for(spec, firing_id, caffeine_cutoff(), step)
        notice = replace(notice, snooze_default=snooze_default)
        if firing_id is None:
            note = "" if self._failing else "\n\n" + _not_recorded(reason)
            notice = replace(notice, actions=(), body=notice.body + note)
        else:
            self.shown(spec.kind, firing_id)
        self._failing = firing_id is None
        self._notifier.notify(notice)
        return notice

    def shown(self, kind: ReminderKind, firing_id: int) -> None:
        self._open[kind] = firing_id

    def get(self, kind: ReminderKind) -> int | None:
        return self._open.get(kind)

    def done(self, kind: ReminderKind, now: datetime) -> Change | None:
        """Done from the notice: what changed (an intake or a reminder), None if none open."""
        firing_id = self._open.pop(kind, None)
        if firing_id is None:
            return None
        intake = store.complete_firing(firing_id, now)
        self._notifier.withdraw(kind.value)
        return Change.INTAKE if intake is not None else Change.REMINDER

    def unanswered(self) -> list[ReminderKind]:
        """The kinds whose shown notice nobody has answered (not snoozed either)."""
        found = []
        for kind, firing_id in self._open.items():
            firing = store.get_firing(firing_id)
            if firing is not None and firing.outcome is FiringOutcome.FIRED:
                found.append(kind)
        return found

    def snoozed(self, kind: ReminderKind) -> bool:
        firing_id = self._open.get(kind)
        if firing_id is None:
            return False
        store.set_outcome(firing_id, FiringOutcome.SNOOZED)
        return True

    def dismissed(self, kind: ReminderKind) -> None:
        firing_id = self._open.get(kind)
        firing = store.get_firing(firing_id) if firing_id is not None else None
        # A server closes a notice after an action too: only an unanswered one is "dismissed".
        if firing is not None and firing.outcome is FiringOutcome.FIRED:
            store.set_outcome(firing.id or 0, FiringOutcome.DISMISSED)
            self._open.pop(kind, None)

    def withdraw_satisfied(
        self,
        logged_for: Callable[[datetime], frozenset[str]],
        cancel_snooze: Callable[[ReminderKind], None],
    ) -> None:
        """Logged it elsewhere (tray, window): close the notice that asked for it."""
        for kind, firing_id in list(self._open.items()):
            firing = store.get_firing(firing_id)
            if firing is not None and is_satisfied(kind, logged_for(firing.due_at)):
                if firing.outcome in (FiringOutcome.FIRED, FiringOutcome.SNOOZED):
                    store.set_outcome(firing_id, FiringOutcome.DONE)
                self._open.pop(kind, None)
                self._notifier.withdraw(kind.value)
                cancel_snooze(kind)
