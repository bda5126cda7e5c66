"""The enabled reminders as calendar events (core/calendar_ics.py builds the file).

Shared by `liptwitch calendar --out FILE.ics` and the Reminders settings' export button (the
widgets reach it through the export function below, never the store). Each reminder keeps
its own wall-clock times and days, in the person's zone:

- the last call fires `lead` minutes before the cutoff (a cutoff just after midnight has no
  last call the day before: it is left out rather than put on the wrong day);
- water every N hours from waking up to bedtime (the calendar rounds N to whole minutes);
- the recovery plan is one event per milestone still ahead (its own words from the knowledge
  base, for the person's age), the others weekly or daily recurring events.

A reminder switched off is not exported; magnesium is never exported to someone under 18
(the store's spec is then off). While an experiment runs, the reminders it switches week by
week are left out, and the command says so (`experiment_controlled`).
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, datetime, time, timedelta, tzinfo
from pathlib import Path

from ..core.calendar_ics import (
    MAX_EVERY_MINUTES,
    MIN_EVERY_MINUTES,
    CalendarReminder,
    build_calendar,
)
from ..core.knowledge import load_knowledge
from ..core.plurals import count as plural_count
from ..core.schedule.specs import ReminderKind, ReminderSpec

_SUMMARIES: dict[ReminderKind, str] = {
    ReminderKind.CAFFEINE_LAST_CALL: "Last call for caffeine",
    ReminderKind.CAFFEINE_CUTOFF: "Caffeine cutoff",
    ReminderKind.MAGNESIUM: "Magnesium",
    ReminderKind.HYDRATION: "A glass of water",
    ReminderKind.CHECKIN: "Evening check-in",
    ReminderKind.TRIAGE_WEEKLY: "Weekly triage check",
}


def _hhmm(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


def _minus(value: time, minutes: int) -> time | None:
    """`value` minus `minutes` on the same day; None when that is the day before."""
    total = value.hour * 60 + value.minute - minutes
    return time(total // 60, total % 60) if total >= 0 else None


def _description(spec: ReminderSpec, cutoff: time) -> str:
    kind = spec.kind
    if kind is ReminderKind.CAFFEINE_LAST_CALL:
        return (
            f"Your caffeine cutoff is at {_hhmm(cutoff)}, "
            f"in {plural_count(spec.lead_minutes, 'minute')}. "
            "After that, caffeine-free drinks protect tonight's sleep."
        )
    if kind is ReminderKind.CAFFEINE_CUTOFF:
        text = load_knowledge().reminder_texts["caffeine_cutoff_notice"]
        return text.format(cutoff=_hhmm(cutoff))
    if kind is ReminderKind.MAGNESIUM:
        dose = f": {spec.dose_mg:g} mg" if spec.dose_mg else ""
        return f"Time for your magnesium{dose}. Log it in LipTwitch."
    if kind is ReminderKind.HYDRATION:
        return "Time for a glass of water."
    if kind is ReminderKind.CHECKIN:
        return "How did you sleep, and how stressed were you today? Log it in LipTwitch."
    return "Run the LipTwitch triage again to see whether anything has changed."


def _recovery_events(
    spec: ReminderSpec, today: date, adult: bool | None, cutoff: time
) -> list[CalendarReminder]:
    if spec.plan_start is None or not spec.times:
        return []
    events = []
    for step in load_knowledge().recovery_plan:
        day = spec.plan_start + timedelta(days=step.day_offset)
        if day < today:
            continue
        events.append(
            CalendarReminder(
                uid_key=f"recovery_step.{step.id}",
                summary=f"Recovery plan: {step.title}",
                description=step.text_for(adult).format(cutoff=_hhmm(cutoff)),
                start_day=day,
                times=spec.times,
                one_off_days=(day,),
            )
        )
    return events


def calendar_reminders(
    specs: Mapping[ReminderKind, ReminderSpec],
    today: date,
    cutoff: time,
    adult: bool | None = None,
) -> list[CalendarReminder]:
    """The enabled reminders as calendar reminders, from `today` (the person's local day)."""
    found: list[CalendarReminder] = []
    for kind, spec in specs.items():
        if not spec.enabled:
            continue
        if kind is ReminderKind.RECOVERY_STEP:
            found += _recovery_events(spec, today, adult, cutoff)
            continue
        fields: dict[str, object] = {"times": spec.times, "weekdays": spec.weekdays}
        if kind is ReminderKind.CAFFEINE_LAST_CALL:
            shifted = [_minus(t, spec.lead_minutes) for t in spec.times]
            fields["times"] = tuple(t for t in shifted if t is not None)
        elif kind is ReminderKind.HYDRATION:
            every = round(spec.interval_hours * 60)
            fields = {
                "every_minutes": min(max(every, MIN_EVERY_MINUTES), MAX_EVERY_MINUTES),
                "waking_start": spec.waking_start,
                "waking_end": spec.waking_end,
            }
        if kind is not ReminderKind.HYDRATION and not fields["times"]:
            continue
        summary = _SUMMARIES[kind]
        if kind is ReminderKind.MAGNESIUM and spec.dose_mg:
            summary += f" {spec.dose_mg:g} mg"
        found.append(
            CalendarReminder(
                uid_key=kind.value,
                summary=summary,
                description=_description(spec, cutoff),
                start_day=today,
                **fields,  # type: ignore[arg-type]
            )
        )
    return found


CAFFEINE_KINDS = frozenset({ReminderKind.CAFFEINE_CUTOFF, ReminderKind.CAFFEINE_LAST_CALL})


def experiment_controlled(today: date) -> frozenset[ReminderKind]:
    """The reminders a running (or paused) experiment switches off in its as-usual periods:
    a calendar's plain daily event would nudge the person in exactly those weeks, and go on
    after the experiment. Both caffeine reminders for a caffeine change, or magnesium; the
    check-in keeps the person's own setting, so it is exported as it is."""
    from ..core.experiment import state_on
    from ..core.experiment.lifecycle import ACTIVE_PHASES
    from ..store.experiments import latest

    stored = latest()
    if stored is None or state_on(stored.experiment, today).phase not in ACTIVE_PHASES:
        return frozenset()
    try:
        reminder = load_knowledge().experiment(stored.experiment.change_id).reminder
        kind = ReminderKind(reminder) if reminder else None
    except (KeyError, ValueError):
        return frozenset()
    if kind in CAFFEINE_KINDS:
        return CAFFEINE_KINDS
    return frozenset({kind}) if kind is ReminderKind.MAGNESIUM else frozenset()


def calendar_from_store(
    now: datetime, zone: tzinfo, day_start: time
) -> tuple[str, int, tuple[str, ...]]:
    """The .ics text of the enabled reminders in the open store, how many reminders, and the
    names of those left out because a running experiment switches them (see above)."""
    from ..core.days import local_day
    from ..store import reminder_store
    from ..store.settings import get_time
    from ..store.supplements import adult

    today = local_day(now, zone, day_start)
    specs = reminder_store.load_specs()
    controlled = experiment_controlled(today)
    left_out = tuple(_SUMMARIES[k] for k, spec in specs.items() if k in controlled and spec.enabled)
    reminders = calendar_reminders(
        {k: spec for k, spec in specs.items() if k not in controlled},
        today,
        get_time("caffeine_cutoff"),
        adult(),
    )
    return build_calendar(reminders, zone, now), len(reminders), left_out


def write_calendar(path: Path, text: str) -> None:
    """Write the .ics atomically (a failure leaves no file and the old one untouched)."""
    from ..store.database.atomic import write_atomically

    def write(partial: Path) -> None:
        with open(partial, "w", encoding="utf-8", newline="") as out:
            out.write(text)

    write_atomically(path, write)


def export_calendar(path: Path, now: datetime, zone: tzinfo, day_start: time) -> int:
    """The Settings button: write the open store's reminders to `path`; how many events.
    Raises ValueError for a path that is not an .ics file, OSError when it cannot write."""
    if path.suffix.lower() != ".ics":
        raise ValueError(f"{path.name} is not an .ics file")
    text, count, _left_out = calendar_from_store(now, zone, day_start)
    write_calendar(path, text)
    return count
