"""What each reminder's notice says and offers: its text, its actions ("Done" only where one
tap can say what was done) and the page a click opens."""

from __future__ import annotations

from datetime import datetime, time, tzinfo

from ..core.caffeine import DEFAULT_CUTOFF
from ..core.schedule.due import recovery_milestone_for
from ..core.schedule.specs import ReminderKind, ReminderSpec
from ..store.settings import get_time
from . import texts
from .notifier import Notice

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


# What `open_requested` asks for when "Done" on magnesium needs the dose first (the tray
# opens Ctrl+M's first question).
MAGNESIUM_DOSE_TARGET = "magnesium_dose"


def dose_first(kind: ReminderKind) -> str | None:
    """For "Done" on magnesium before the person ever entered a dose: the target that asks
    it (the notice closes when that intake is logged); None when "Done" may log at once."""
    from ..store.supplements import confirmed_magnesium_dose

    if kind is ReminderKind.MAGNESIUM and confirmed_magnesium_dose() is None:
        return MAGNESIUM_DOSE_TARGET
    return None


def notice_for(spec: ReminderSpec, firing_id: int | None, cutoff: time, step: str) -> Notice:
    """The notice for one firing of `spec` (`step`: the recovery milestone, if any)."""
    title, body = texts.notice_text(spec, cutoff, step)
    return Notice(
        kind=spec.kind.value,
        title=title,
        body=body,
        actions=ACTIONS[spec.kind],
        open_target=OPEN_TARGETS[spec.kind],
        firing_id=firing_id,
    )


def recovery_step(spec: ReminderSpec, due_at: datetime, zone: tzinfo) -> str:
    """The recovery milestone a firing of the recovery reminder is about ("" for the others)."""
    if spec.kind is not ReminderKind.RECOVERY_STEP:
        return ""
    return recovery_milestone_for(spec, due_at, zone) or ""


def caffeine_cutoff() -> time:
    """The person's caffeine cutoff, or the default when the setting cannot be read."""
    try:
        return get_time("caffeine_cutoff")
    except (KeyError, ValueError):
        return DEFAULT_CUTOFF
