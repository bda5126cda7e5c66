"""One row of the Log page, whatever kind of entry it shows."""

from __future__ import annotations

from dataclasses import dataclass
from datetime import UTC, date, datetime, time
from enum import StrEnum

from .durations import format_duration
from .entries import (
    INTAKE_LABELS,
    LOCATION_LABELS,
    MAGNESIUM_FORMS,
    TRIGGER_FOODS,
    CheckIn,
    Episode,
    Intake,
    IntakeKind,
)
from .medicines import Medicine, describe


class RowKind(StrEnum):
    EPISODE = "episode"
    CAFFEINE = "caffeine"
    MAGNESIUM = "magnesium"
    WATER = "water"
    POTASSIUM_FOOD = "potassium_food"
    TRIGGER_FOOD = "trigger_food"
    CHECKIN = "checkin"
    MEDICINE = "medicine"  # report helper: medicines list


ROW_KIND_LABELS: dict[RowKind, str] = {
    RowKind.EPISODE: "Twitch",
    RowKind.CAFFEINE: "Drink",
    RowKind.MAGNESIUM: "Magnesium",
    RowKind.WATER: "Water",
    RowKind.POTASSIUM_FOOD: "Potassium food",
    RowKind.TRIGGER_FOOD: "Trigger food",
    RowKind.CHECKIN: "Check-in",
    RowKind.MEDICINE: "Medicine",
}


@dataclass(frozen=True)
class LogRow:
    kind: RowKind
    entry_id: int
    when: datetime  # aware UTC; a check-in sits at noon UTC of its day for sorting
    what: str
    amount: str
    amount_value: float  # for sorting the amount column
    notes: str
    entry: Episode | Intake | CheckIn | Medicine
    day: date | None = None  # a whole-day entry (check-in, medicine) shows its day, not a time


def episode_row(ep: Episode) -> LogRow:
    where = LOCATION_LABELS[ep.location]
    what = f"{where}, intensity {ep.intensity}/10"
    if ep.activity:
        what += f", while {ep.activity}"
    return LogRow(
        RowKind.EPISODE,
        ep.id or 0,
        ep.started_at,
        what,
        format_duration(ep.duration_s),
        float(ep.duration_s if ep.duration_s is not None else -1),
        ep.notes,
        ep,
    )


def intake_row(intake: Intake) -> LogRow:
    kind = RowKind(intake.kind.value)
    if intake.kind is IntakeKind.CAFFEINE:
        what = intake.label or INTAKE_LABELS[intake.kind]
        value = intake.caffeine_mg or 0.0
        amount = f"{value:g} mg caffeine"
    elif intake.kind is IntakeKind.MAGNESIUM:
        what = "Magnesium " + MAGNESIUM_FORMS.get(intake.label, intake.label).lower()
        value = intake.magnesium_mg or 0.0
        amount = f"{value:g} mg elemental"
    elif intake.kind is IntakeKind.WATER:
        what = "Water"
        value = intake.water_ml or 0.0
        amount = f"{value:g} ml"
    else:
        what = TRIGGER_FOODS.get(intake.label, intake.label)
        value = 0.0
        amount = ""
    return LogRow(kind, intake.id or 0, intake.taken_at, what, amount, value, intake.notes, intake)


def checkin_row(checkin: CheckIn) -> LogRow:
    parts = []
    if checkin.sleep_hours is not None:
        parts.append(f"slept {checkin.sleep_hours:g} h")
    if checkin.stress is not None:
        parts.append(f"stress {checkin.stress}/10")
    if checkin.grinding:
        parts.append("teeth grinding noticed")
    when = datetime.combine(checkin.day, time(12, 0), tzinfo=UTC)
    return LogRow(
        RowKind.CHECKIN,
        checkin.id or 0,
        when,
        ", ".join(parts) or "check-in",
        "",
        checkin.sleep_hours or 0.0,
        checkin.notes,
        checkin,
        checkin.day,
    )


def checkin_day(row: LogRow) -> date | None:
    return row.entry.day if isinstance(row.entry, CheckIn) else None


# --- medicines (report helper) ----------------------------------------------------------------


def medicine_row(medicine: Medicine) -> LogRow:
    """A medicine sits on its start day; the amount column says whether it is still taken."""
    when = datetime.combine(medicine.started, time(12, 0), tzinfo=UTC)
    stopped = medicine.stopped
    amount = "taking it" if stopped is None else f"stopped {stopped.isoformat()}"
    what = "Started " + describe(medicine)
    if medicine.reason.strip():
        what += f" (for {medicine.reason.strip()})"
    return LogRow(
        RowKind.MEDICINE,
        medicine.id or 0,
        when,
        what,
        amount,
        0.0,
        medicine.notes,
        medicine,
        medicine.started,
    )
