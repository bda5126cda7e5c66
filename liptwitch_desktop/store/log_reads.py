"""Reading the log, in plain SQL over the store's connection: the first window needs no ORM.

Today's summary is read before the first paint, and importing peewee would cost that paint
~40 ms, so these reads are written against the schema (frozen in the migrations) rather than
the models. Writes stay in `store.entries`, through the models; it re-exports these reads,
so there is one implementation of each.
"""

from __future__ import annotations

from datetime import date, datetime, time, timedelta, tzinfo
from typing import Any

from ..core import entries as core
from ..core.days import day_bounds
from .database.connection import connection
from .database.instants import from_seconds, to_seconds


class NotFound(LookupError):
    pass


_EPISODE = (
    "SELECT id, started_at, duration_s, intensity, location, activity, notes, tags FROM episode"
)
_INTAKE = "SELECT id, taken_at, kind, label, caffeine_mg, magnesium_mg, water_ml, notes FROM intake"
_CHECKIN = "SELECT id, day, sleep_hours, stress, grinding, notes FROM checkin"


def _episode(row: tuple[Any, ...]) -> core.Episode:
    id_, started_at, duration_s, intensity, location, activity, notes, tags = row
    return core.Episode(
        id=int(id_),
        started_at=from_seconds(started_at),
        duration_s=duration_s,
        intensity=int(intensity),
        location=core.Location(location),
        activity=str(activity),
        notes=str(notes),
        tags=tuple(t for t in str(tags).split(",") if t),
    )


def _intake(row: tuple[Any, ...]) -> core.Intake:
    id_, taken_at, kind, label, caffeine_mg, magnesium_mg, water_ml, notes = row
    return core.Intake(
        id=int(id_),
        taken_at=from_seconds(taken_at),
        kind=core.IntakeKind(kind),
        label=str(label),
        caffeine_mg=caffeine_mg,
        magnesium_mg=magnesium_mg,
        water_ml=water_ml,
        notes=str(notes),
    )


def _checkin(row: tuple[Any, ...]) -> core.CheckIn:
    id_, day, sleep_hours, stress, grinding, notes = row
    return core.CheckIn(
        id=int(id_),
        day=date.fromisoformat(str(day)),
        sleep_hours=sleep_hours,
        stress=stress,
        grinding=bool(grinding),
        notes=str(notes),
    )


# --- episodes ----------------------------------------------------------------------------


def get_episode(episode_id: int) -> core.Episode:
    row = connection().execute(f"{_EPISODE} WHERE id = ?", (episode_id,)).fetchone()
    if row is None:
        raise NotFound(f"episode {episode_id}")
    return _episode(row)


def running_episode() -> core.Episode | None:
    row = (
        connection()
        .execute(f"{_EPISODE} WHERE duration_s IS NULL ORDER BY started_at DESC LIMIT 1")
        .fetchone()
    )
    return _episode(row) if row else None


def episodes_between(start: datetime, end: datetime) -> list[core.Episode]:
    rows = connection().execute(
        f"{_EPISODE} WHERE started_at >= ? AND started_at < ? ORDER BY started_at",
        (to_seconds(start), to_seconds(end)),
    )
    return [_episode(row) for row in rows]


# --- intakes ------------------------------------------------------------------------------


def get_intake(intake_id: int) -> core.Intake:
    row = connection().execute(f"{_INTAKE} WHERE id = ?", (intake_id,)).fetchone()
    if row is None:
        raise NotFound(f"intake {intake_id}")
    return _intake(row)


def intakes_between(
    start: datetime, end: datetime, kind: core.IntakeKind | None = None
) -> list[core.Intake]:
    sql = f"{_INTAKE} WHERE taken_at >= ? AND taken_at < ?"
    params: tuple[object, ...] = (to_seconds(start), to_seconds(end))
    if kind is not None:
        sql += " AND kind = ?"
        params += (kind.value,)
    return [_intake(row) for row in connection().execute(sql + " ORDER BY taken_at", params)]


# --- check-ins ----------------------------------------------------------------------------


def get_checkin(day: date) -> core.CheckIn | None:
    row = connection().execute(f"{_CHECKIN} WHERE day = ?", (day.isoformat(),)).fetchone()
    return _checkin(row) if row else None


def get_checkin_by_id(checkin_id: int) -> core.CheckIn:
    row = connection().execute(f"{_CHECKIN} WHERE id = ?", (checkin_id,)).fetchone()
    if row is None:
        raise NotFound(f"check-in {checkin_id}")
    return _checkin(row)


def checkins_between(first: date, last: date) -> list[core.CheckIn]:
    rows = connection().execute(
        f"{_CHECKIN} WHERE day >= ? AND day <= ? ORDER BY day",
        (first.isoformat(), last.isoformat()),
    )
    return [_checkin(row) for row in rows]


# --- everything, oldest first (the export) ----------------------------------------------


def all_episodes() -> list[core.Episode]:
    return [_episode(row) for row in connection().execute(f"{_EPISODE} ORDER BY started_at")]


def all_intakes() -> list[core.Intake]:
    return [_intake(row) for row in connection().execute(f"{_INTAKE} ORDER BY taken_at")]


def all_checkins() -> list[core.CheckIn]:
    return [_checkin(row) for row in connection().execute(f"{_CHECKIN} ORDER BY day")]


# --- Today ---------------------------------------------------------------------------------


def today_summary(day: date, zone: tzinfo, day_start: time) -> core.TodaySummary:
    start, end = day_bounds(day, zone, day_start)
    episodes = episodes_between(start, end)
    intakes = intakes_between(start, end)
    # Last night's sleep is reported in the morning check-in of this day, or else the evening
    # check-in of the day before.
    checkin = get_checkin(day)
    sleep = checkin.sleep_hours if checkin else None
    if sleep is None:
        before = get_checkin(day - timedelta(days=1))
        sleep = before.sleep_hours if before else None

    def total(kind: core.IntakeKind, attr: str) -> float:
        return sum(getattr(i, attr) or 0.0 for i in intakes if i.kind is kind)

    return core.TodaySummary(
        day=day,
        episodes=tuple(episodes),
        caffeine_mg=total(core.IntakeKind.CAFFEINE, "caffeine_mg"),
        magnesium_mg=total(core.IntakeKind.MAGNESIUM, "magnesium_mg"),
        water_ml=total(core.IntakeKind.WATER, "water_ml"),
        last_night_sleep_hours=sleep,
        checked_in=checkin is not None,
        running_episode=running_episode(),
        drinks=tuple(i for i in intakes if i.kind is core.IntakeKind.CAFFEINE),
    )


def has_triage_history() -> bool:
    """Whether any triage result was saved: Today offers the triage until one was."""
    return bool(connection().execute("SELECT EXISTS (SELECT 1 FROM triage_result)").fetchone()[0])
