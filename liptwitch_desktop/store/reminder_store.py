"""Reminder settings, the firing log and adherence: the reminder service's only memory.

APScheduler keeps nothing that is not derived from these rows, so a restart, a crash or a
second look after a suspend always starts from what was recorded here. Each writing function
is one transaction; the caller emits `data_changed("reminder")` (or "intake" when a "Done"
logged something) after it returns.
"""

from __future__ import annotations

import logging
from collections.abc import Iterable
from dataclasses import replace
from datetime import UTC, date, datetime
from typing import Any

from peewee import DateField, FloatField, IntegerField, TextField

from ..core.schedule.specs import (
    QuietHours,
    ReminderKind,
    ReminderPolicy,
    ReminderSpec,
    with_cutoff,
)
from ..core.settings_schema import format_time

# Re-exported: the reminder service reads them here.
from .adherence import intake_adherence as intake_adherence
from .adherence import logged_at as logged_at
from .adherence import logged_on_day as logged_on_day
from .adherence import magnesium_adherence as magnesium_adherence
from .database.db import db_proxy
from .database.models import BaseModel

# The firing log lives in its own module; the reminder service reads it here.
# Re-exported (the reminder service reads the firing log here).
from .reminder_firings import WATER_GLASS_ML as WATER_GLASS_ML
from .reminder_firings import ReminderFiringRow as ReminderFiringRow
from .reminder_firings import complete_firing as complete_firing
from .reminder_firings import firings_between as firings_between
from .reminder_firings import get_firing as get_firing
from .reminder_firings import held_firings as held_firings
from .reminder_firings import last_due as last_due
from .reminder_firings import outcome_counts as outcome_counts
from .reminder_firings import record_firing as record_firing
from .reminder_firings import set_outcome as set_outcome
from .setting_rules import stored_instant
from .settings import get_setting, get_time, set_setting
from .supplements import confirmed_magnesium_dose, magnesium_offered
from .tables import REMINDER_SETTING, spec_from_row
from .transfer.rowcheck import checked

log = logging.getLogger(__name__)


class ReminderSettingRow(BaseModel):
    kind = TextField(primary_key=True)
    enabled = IntegerField(default=0)
    times = TextField(default="")  # "HH:MM,HH:MM"
    weekdays = TextField(default="0123456")  # digits, Monday = 0
    lead_minutes = IntegerField(default=0)
    interval_hours = FloatField(default=0)
    waking_start = TextField(default="08:00")
    waking_end = TextField(default="22:00")
    plan_start = DateField(null=True)
    grace_s = IntegerField(null=True)
    changed_at = IntegerField(default=0)  # epoch seconds of the last edit

    class Meta:
        table_name = "reminder_setting"


# Plan items the triage wizard may hand over (`plan_adopted(list[str])`), and what they enable.
PLAN_ITEMS: dict[str, tuple[ReminderKind, ...]] = {
    "caffeine_cutoff": (ReminderKind.CAFFEINE_LAST_CALL, ReminderKind.CAFFEINE_CUTOFF),
    "magnesium_nightly": (ReminderKind.MAGNESIUM,),
    "hydration": (ReminderKind.HYDRATION,),
    "daily_checkin": (ReminderKind.CHECKIN,),
    "retriage_weekly": (ReminderKind.TRIAGE_WEEKLY,),
    "recovery_plan": (ReminderKind.RECOVERY_STEP,),
    # The names the knowledge base's actions.toml uses for the same reminders.
    "magnesium": (ReminderKind.MAGNESIUM,),
    "recheck": (ReminderKind.TRIAGE_WEEKLY,),
}


# --- specs ---------------------------------------------------------------------------------


def _default_rows() -> dict[ReminderKind, dict[str, Any]]:
    """What a fresh file holds for each kind (the frozen rows of migration 3)."""
    from .migrations.m0003_reminders import DEFAULTS

    names = ("kind", "enabled", "times", "weekdays", "lead_minutes", "interval_hours")
    return {
        ReminderKind(row[0]): REMINDER_SETTING.clean(dict(zip(names, row, strict=True)))
        for row in DEFAULTS
    }


def _with_settings(spec: ReminderSpec) -> ReminderSpec:
    """The parts of a spec the settings table owns: the cutoff time, the magnesium dose.

    The magnesium dose only once the person entered it (else the reminder says "your
    magnesium", no figure), and under 18 the magnesium reminder is off (store/supplements).
    """
    if spec.kind is ReminderKind.CAFFEINE_CUTOFF:
        return replace(spec, times=(get_time("caffeine_cutoff"),))
    if spec.kind is ReminderKind.MAGNESIUM:
        return replace(
            spec,
            enabled=spec.enabled and magnesium_offered(),
            dose_mg=confirmed_magnesium_dose(),
            form=str(get_setting("magnesium_form")),
        )
    return spec


def _stored_rows() -> list[dict[str, Any]]:
    names = REMINDER_SETTING.names
    cursor = db_proxy.execute_sql(
        "SELECT " + ", ".join(f'"{n}"' for n in names) + " FROM reminder_setting"
    )
    return [dict(zip(names, row, strict=True)) for row in cursor.fetchall()]


def load_specs() -> dict[ReminderKind, ReminderSpec]:
    """Every reminder as a spec; the last call carries the cutoff's times and weekdays.

    A row the declaration refuses (edited by hand, or left by an older version) is logged
    and read as that kind's default, and a missing kind gets its default too: one bad row
    never stops the other reminders, nor the service.
    """
    defaults = _default_rows()
    rows: dict[ReminderKind, dict[str, Any]] = {}
    for raw in _stored_rows():
        try:
            row = REMINDER_SETTING.clean(raw)
            spec_from_row(row)
        except ValueError as exc:
            log.warning(
                "reminder setting %r unusable (%s); using its default", raw.get("kind"), exc
            )
            continue
        rows[ReminderKind(row["kind"])] = row
    specs = {
        kind: _with_settings(spec_from_row(rows.get(kind, default)))
        for kind, default in defaults.items()
    }
    cutoff = specs[ReminderKind.CAFFEINE_CUTOFF]
    specs[ReminderKind.CAFFEINE_LAST_CALL] = with_cutoff(
        specs[ReminderKind.CAFFEINE_LAST_CALL], cutoff
    )
    return specs


def get_spec(kind: ReminderKind) -> ReminderSpec:
    return load_specs()[kind]


def spec_changed_at(kind: ReminderKind) -> datetime | None:
    row = ReminderSettingRow.get_or_none(ReminderSettingRow.kind == kind.value)
    if row is None or not isinstance(row.changed_at, int) or row.changed_at <= 0:
        return None
    try:
        return datetime.fromtimestamp(row.changed_at, UTC)
    except (OverflowError, OSError, ValueError):
        return None


def save_spec(spec: ReminderSpec, now: datetime) -> ReminderSpec:
    """Store one reminder's settings (and the cutoff time / magnesium dose settings it owns)."""
    with db_proxy.atomic():
        fields: dict[str, object] = {
            "enabled": int(spec.enabled),
            "times": ",".join(format_time(t) for t in sorted(spec.times)),
            "weekdays": "".join(str(d) for d in sorted(spec.weekdays)),
            "lead_minutes": spec.lead_minutes,
            "interval_hours": spec.interval_hours,
            "waking_start": format_time(spec.waking_start),
            "waking_end": format_time(spec.waking_end),
            "plan_start": spec.plan_start,
            "grace_s": int(spec.grace.total_seconds()) if spec.grace is not None else None,
            "changed_at": int(now.timestamp()),
        }
        if spec.kind is ReminderKind.CAFFEINE_CUTOFF and spec.times:
            set_setting("caffeine_cutoff", format_time(spec.times[0]))
            fields["times"] = ""
        if spec.kind is ReminderKind.CAFFEINE_LAST_CALL:
            fields["times"] = ""  # always the cutoff's
        if spec.kind is ReminderKind.MAGNESIUM:
            # Only a dose that differs from the stored one is written: the figure a form
            # merely shows is not one the person entered (store/settings: a written dose
            # counts as entered).
            if spec.dose_mg is not None and round(spec.dose_mg) != get_setting("magnesium_dose_mg"):
                set_setting("magnesium_dose_mg", round(spec.dose_mg))
            if spec.form:
                set_setting("magnesium_form", spec.form)
        checked(ReminderSettingRow, {"kind": spec.kind.value, **fields})
        ReminderSettingRow.insert(kind=spec.kind.value, **fields).on_conflict(
            conflict_target=[ReminderSettingRow.kind],
            update=fields,
        ).execute()
    return get_spec(spec.kind)


def set_enabled(kind: ReminderKind, enabled: bool, now: datetime) -> ReminderSpec:
    return save_spec(replace(get_spec(kind), enabled=enabled), now)


def adopt_plan_items(ids: Iterable[str], today: date, now: datetime) -> list[ReminderKind]:
    """Turn on the reminders behind the plan items a triage result adopted, in one go.

    "recovery_plan" starts the recovery timeline today. Unknown ids are ignored (the triage
    plan may hold items that are not reminders). Returns the kinds switched on.
    """
    enabled: list[ReminderKind] = []
    with db_proxy.atomic():
        specs = load_specs()
        for item in ids:
            for kind in PLAN_ITEMS.get(item, ()):
                spec = replace(specs[kind], enabled=True)
                if kind is ReminderKind.RECOVERY_STEP:
                    spec = replace(spec, plan_start=today)
                save_spec(spec, now)
                if kind not in enabled:
                    enabled.append(kind)
    return enabled


# --- policy: quiet hours and pause ---------------------------------------------------------


def get_policy() -> ReminderPolicy:
    quiet = None
    if get_setting("reminders_quiet_enabled"):
        quiet = QuietHours(get_time("reminders_quiet_start"), get_time("reminders_quiet_end"))
    return ReminderPolicy(
        quiet_hours=quiet, paused_until=_instant_setting("reminders_paused_until")
    )


def set_quiet_hours(quiet: QuietHours | None) -> None:
    with db_proxy.atomic():
        set_setting("reminders_quiet_enabled", quiet is not None)
        if quiet is not None:
            set_setting("reminders_quiet_start", format_time(quiet.start))
            set_setting("reminders_quiet_end", format_time(quiet.end))


def set_paused_until(until: datetime | None) -> None:
    """Pause every reminder until `until` (aware); None resumes them."""
    if until is not None and until.tzinfo is None:
        raise ValueError("paused_until must be timezone-aware")
    value = until.astimezone(UTC).isoformat() if until is not None else ""
    set_setting("reminders_paused_until", value)


def _instant_setting(key: str) -> datetime | None:
    """A pause or "checked at" instant; None (logged) for one the service cannot use, so
    no stored value can stop the reminders (whatever get_setting lets through)."""
    try:
        return stored_instant(get_setting(key))
    except (ValueError, OverflowError, TypeError) as exc:
        log.warning("setting %s unusable (%s); ignored", key, exc)
        return None


def get_checked_at() -> datetime | None:
    """Up to when the running service had dealt with every reminder (None: never ran)."""
    return _instant_setting("reminders_checked_at")


def set_checked_at(instant: datetime) -> None:
    set_setting("reminders_checked_at", instant.astimezone(UTC).isoformat())
