"""Writing and reading the log. Each function is one transaction and returns core dataclasses."""

from __future__ import annotations

from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from ..core import entries as core
from ..core.days import day_bounds
from .db import db_proxy
from .models import CheckIn, Episode, Intake


class NotFound(LookupError):
    pass


# --- conversions -------------------------------------------------------------------------


def _episode(row: Episode) -> core.Episode:
    return core.Episode(
        id=row.id,
        started_at=row.started_at,
        duration_s=row.duration_s,
        intensity=row.intensity,
        location=core.Location(row.location),
        activity=row.activity,
        notes=row.notes,
        tags=tuple(t for t in row.tags.split(",") if t),
    )


def _episode_fields(ep: core.Episode) -> dict[str, object]:
    return {
        "started_at": ep.started_at,
        "duration_s": ep.duration_s,
        "intensity": ep.intensity,
        "location": ep.location.value,
        "activity": ep.activity.strip(),
        "notes": ep.notes,
        "tags": ",".join(sorted({t.strip().lower() for t in ep.tags if t.strip()})),
    }


def _intake(row: Intake) -> core.Intake:
    return core.Intake(
        id=row.id,
        taken_at=row.taken_at,
        kind=core.IntakeKind(row.kind),
        label=row.label,
        caffeine_mg=row.caffeine_mg,
        magnesium_mg=row.magnesium_mg,
        water_ml=row.water_ml,
        notes=row.notes,
    )


def _intake_fields(intake: core.Intake) -> dict[str, object]:
    return {
        "taken_at": intake.taken_at,
        "kind": intake.kind.value,
        "label": intake.label.strip(),
        "caffeine_mg": intake.caffeine_mg,
        "magnesium_mg": intake.magnesium_mg,
        "water_ml": intake.water_ml,
        "notes": intake.notes,
    }


def _checkin(row: CheckIn) -> core.CheckIn:
    day = row.day if isinstance(row.day, date) else date.fromisoformat(str(row.day))
    return core.CheckIn(
        id=row.id,
        day=day,
        sleep_hours=row.sleep_hours,
        stress=row.stress,
        grinding=bool(row.grinding),
        notes=row.notes,
    )


# --- episodes ----------------------------------------------------------------------------


def add_episode(ep: core.Episode) -> core.Episode:
    """Insert an episode; an `id` on it is kept (that is how undo puts one back)."""
    with db_proxy.atomic():
        fields = _episode_fields(ep)
        if ep.id is not None:
            fields["id"] = ep.id
        new_id = Episode.insert(**fields).execute()
    return replace(ep, id=new_id)


def update_episode(ep: core.Episode) -> core.Episode:
    with db_proxy.atomic():
        changed = Episode.update(**_episode_fields(ep)).where(Episode.id == ep.id).execute()
    if not changed:
        raise NotFound(f"episode {ep.id}")
    return ep


def get_episode(episode_id: int) -> core.Episode:
    row = Episode.get_or_none(Episode.id == episode_id)
    if row is None:
        raise NotFound(f"episode {episode_id}")
    return _episode(row)


def delete_episode(episode_id: int) -> core.Episode:
    """Delete and return what was deleted, so it can be put back."""
    with db_proxy.atomic():
        ep = get_episode(episode_id)
        Episode.delete().where(Episode.id == episode_id).execute()
    return ep


def running_episode() -> core.Episode | None:
    row = (
        Episode.select()
        .where(Episode.duration_s.is_null())
        .order_by(Episode.started_at.desc())
        .first()
    )
    return _episode(row) if row else None


def start_episode(now: datetime, location: core.Location | None = None) -> core.Episode:
    """ "Twitching now": a running episode from this instant (one running at a time)."""
    with db_proxy.atomic():
        current = running_episode()
        if current is not None:
            return current
        ep = core.Episode(started_at=now, location=location or core.Location.LOWER_CENTRE)
        return add_episode(ep)


def stop_running_episode(now: datetime) -> core.Episode | None:
    """Stop the running episode, filling in its duration. None if none was running."""
    with db_proxy.atomic():
        current = running_episode()
        if current is None:
            return None
        duration = max(0, int((now - current.started_at).total_seconds()))
        stopped = replace(current, duration_s=duration)
        update_episode(stopped)
    return stopped


def episodes_between(start: datetime, end: datetime) -> list[core.Episode]:
    query = (
        Episode.select()
        .where((Episode.started_at >= start) & (Episode.started_at < end))
        .order_by(Episode.started_at)
    )
    return [_episode(row) for row in query]


# --- intakes ------------------------------------------------------------------------------


def add_intake(intake: core.Intake) -> core.Intake:
    with db_proxy.atomic():
        fields = _intake_fields(intake)
        if intake.id is not None:
            fields["id"] = intake.id
        new_id = Intake.insert(**fields).execute()
    return replace(intake, id=new_id)


def update_intake(intake: core.Intake) -> core.Intake:
    with db_proxy.atomic():
        changed = Intake.update(**_intake_fields(intake)).where(Intake.id == intake.id).execute()
    if not changed:
        raise NotFound(f"intake {intake.id}")
    return intake


def get_intake(intake_id: int) -> core.Intake:
    row = Intake.get_or_none(Intake.id == intake_id)
    if row is None:
        raise NotFound(f"intake {intake_id}")
    return _intake(row)


def delete_intake(intake_id: int) -> core.Intake:
    with db_proxy.atomic():
        intake = get_intake(intake_id)
        Intake.delete().where(Intake.id == intake_id).execute()
    return intake


def intakes_between(
    start: datetime, end: datetime, kind: core.IntakeKind | None = None
) -> list[core.Intake]:
    cond = (Intake.taken_at >= start) & (Intake.taken_at < end)
    if kind is not None:
        cond &= Intake.kind == kind.value
    return [_intake(row) for row in Intake.select().where(cond).order_by(Intake.taken_at)]


# --- check-ins ----------------------------------------------------------------------------


def save_checkin(checkin: core.CheckIn) -> tuple[core.CheckIn, core.CheckIn | None]:
    """Insert or replace the check-in of that day. Returns (saved, replaced one or None)."""
    with db_proxy.atomic():
        old_row = CheckIn.get_or_none(CheckIn.day == checkin.day)
        previous = _checkin(old_row) if old_row else None
        fields = {
            "day": checkin.day,
            "sleep_hours": checkin.sleep_hours,
            "stress": checkin.stress,
            "grinding": checkin.grinding,
            "notes": checkin.notes,
        }
        if old_row is not None:
            CheckIn.update(**fields).where(CheckIn.id == old_row.id).execute()
            saved = replace(checkin, id=old_row.id)
        else:
            if checkin.id is not None:
                fields["id"] = checkin.id
            saved = replace(checkin, id=CheckIn.insert(**fields).execute())
    return saved, previous


def get_checkin(day: date) -> core.CheckIn | None:
    row = CheckIn.get_or_none(CheckIn.day == day)
    return _checkin(row) if row else None


def get_checkin_by_id(checkin_id: int) -> core.CheckIn:
    row = CheckIn.get_or_none(CheckIn.id == checkin_id)
    if row is None:
        raise NotFound(f"check-in {checkin_id}")
    return _checkin(row)


def delete_checkin(checkin_id: int) -> core.CheckIn:
    with db_proxy.atomic():
        checkin = get_checkin_by_id(checkin_id)
        CheckIn.delete().where(CheckIn.id == checkin_id).execute()
    return checkin


def checkins_between(first: date, last: date) -> list[core.CheckIn]:
    query = CheckIn.select().where((CheckIn.day >= first) & (CheckIn.day <= last))
    return [_checkin(row) for row in query.order_by(CheckIn.day)]


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
