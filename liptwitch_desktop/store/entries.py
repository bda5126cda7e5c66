"""Writing the log through the models; each function is one transaction.

The reads live in `log_reads` (plain SQL, usable before the ORM is imported) and are
re-exported here, so callers find the whole log in one place.
"""

from __future__ import annotations

from datetime import datetime

from ..core import entries as core
from .database.db import db_proxy
from .database.models import CheckIn, Episode, Intake

# Re-exported: callers read and write the log through this one module.
from .log_reads import NotFound as NotFound
from .log_reads import checkins_between as checkins_between
from .log_reads import episodes_between as episodes_between
from .log_reads import get_checkin as get_checkin
from .log_reads import get_checkin_by_id as get_checkin_by_id
from .log_reads import get_episode as get_episode
from .log_reads import get_intake as get_intake
from .log_reads import intakes_between as intakes_between
from .log_reads import running_episode as running_episode
from .log_reads import today_summary as today_summary
from .transfer.rowcheck import checked

# --- conversions -------------------------------------------------------------------------


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


# --- episodes ----------------------------------------------------------------------------


def add_episode(ep: core.Episode) -> core.Episode:
    """Insert an episode; an `id` on it is kept (that is how undo puts one back)."""
    with db_proxy.atomic():
        fields = _episode_fields(ep)
        if ep.id is not None:
            fields["id"] = ep.id
        new_id = Episode.insert(**checked(Episode, fields)).execute()
    return ep._replace(id=new_id)


def update_episode(ep: core.Episode) -> core.Episode:
    with db_proxy.atomic():
        fields = checked(Episode, _episode_fields(ep))
        changed = Episode.update(**fields).where(Episode.id == ep.id).execute()
    if not changed:
        raise NotFound(f"episode {ep.id}")
    return ep


def delete_episode(episode_id: int) -> core.Episode:
    """Delete and return what was deleted, so it can be put back."""
    with db_proxy.atomic():
        ep = get_episode(episode_id)
        Episode.delete().where(Episode.id == episode_id).execute()
    return ep


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
        stopped = current._replace(duration_s=duration)
        update_episode(stopped)
    return stopped


# --- intakes ------------------------------------------------------------------------------


def add_intake(intake: core.Intake) -> core.Intake:
    with db_proxy.atomic():
        fields = _intake_fields(intake)
        if intake.id is not None:
            fields["id"] = intake.id
        new_id = Intake.insert(**checked(Intake, fields)).execute()
    return intake._replace(id=new_id)


def update_intake(intake: core.Intake) -> core.Intake:
    with db_proxy.atomic():
        fields = checked(Intake, _intake_fields(intake))
        changed = Intake.update(**fields).where(Intake.id == intake.id).execute()
    if not changed:
        raise NotFound(f"intake {intake.id}")
    return intake


def delete_intake(intake_id: int) -> core.Intake:
    with db_proxy.atomic():
        intake = get_intake(intake_id)
        Intake.delete().where(Intake.id == intake_id).execute()
    return intake


# --- check-ins ----------------------------------------------------------------------------


def save_checkin(checkin: core.CheckIn) -> tuple[core.CheckIn, core.CheckIn | None]:
    """Insert or replace the check-in of that day. Returns (saved, replaced one or None)."""
    with db_proxy.atomic():
        previous = get_checkin(checkin.day)
        fields = {
            "day": checkin.day,
            "sleep_hours": checkin.sleep_hours,
            "stress": checkin.stress,
            "grinding": checkin.grinding,
            "notes": checkin.notes,
        }
        checked(CheckIn, fields)
        if previous is not None:
            CheckIn.update(**fields).where(CheckIn.id == previous.id).execute()
            saved = checkin._replace(id=previous.id)
        else:
            if checkin.id is not None:
                fields["id"] = checkin.id
            saved = checkin._replace(id=CheckIn.insert(**fields).execute())
    return saved, previous


def delete_checkin(checkin_id: int) -> core.CheckIn:
    with db_proxy.atomic():
        checkin = get_checkin_by_id(checkin_id)
        CheckIn.delete().where(CheckIn.id == checkin_id).execute()
    return checkin
