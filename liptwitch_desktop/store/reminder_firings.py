"""The firing log: each time a reminder was due and what became of it (fired, done,
snoozed, dismissed, missed, held during Do Not Disturb). One transaction per write; the
caller emits the change. Read and written through store.reminder_store, which re-exports it.
"""

from __future__ import annotations

from datetime import datetime

from peewee import AutoField, TextField

from ..core import entries as core_entries
from ..core.schedule.specs import CLOCK_TOLERANCE, FiringOutcome, ReminderFiring, ReminderKind
from .database.db import db_proxy
from .database.fields import UtcInstantField
from .database.models import BaseModel
from .entries import add_intake
from .settings import get_setting
from .supplements import confirmed_magnesium_dose
from .transfer.rowcheck import checked

WATER_GLASS_ML = 250.0  # what "Done" on a hydration reminder logs


class ReminderFiringRow(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    kind = TextField()
    due_at = UtcInstantField()
    fired_at = UtcInstantField(null=True)
    outcome = TextField()
    step = TextField(default="")

    class Meta:
        table_name = "reminder_firing"


def _firing(row: ReminderFiringRow) -> ReminderFiring:
    return ReminderFiring(
        kind=ReminderKind(row.kind),
        due_at=row.due_at,
        outcome=FiringOutcome(row.outcome),
        fired_at=row.fired_at,
        step=row.step,
        id=row.id,
    )


def record_firing(
    kind: ReminderKind,
    due_at: datetime,
    outcome: FiringOutcome,
    fired_at: datetime | None = None,
    step: str = "",
) -> ReminderFiring:
    fields = {
        "kind": kind.value,
        "due_at": due_at,
        "fired_at": fired_at,
        "outcome": outcome.value,
        "step": step,
    }
    with db_proxy.atomic():
        new_id = ReminderFiringRow.insert(**checked(ReminderFiringRow, fields)).execute()
    return ReminderFiring(kind, due_at, outcome, fired_at, step, new_id)


def set_outcome(firing_id: int, outcome: FiringOutcome) -> ReminderFiring:
    with db_proxy.atomic():
        ReminderFiringRow.update(outcome=outcome.value).where(
            ReminderFiringRow.id == firing_id
        ).execute()
        row = ReminderFiringRow.get_by_id(firing_id)
    return _firing(row)


def get_firing(firing_id: int) -> ReminderFiring | None:
    row = ReminderFiringRow.get_or_none(ReminderFiringRow.id == firing_id)
    return _firing(row) if row else None


def last_due(kind: ReminderKind, not_after: datetime | None = None) -> datetime | None:
    """The latest occurrence already dealt with (fired, answered or summarised).

    With `not_after` (the clock now), firings recorded "in the future" are left out: they
    were recorded under a clock that was wrong (a 2099 glitch), and counting them would
    silence every reminder due before them.
    """
    cond = ReminderFiringRow.kind == kind.value
    if not_after is not None:
        cond &= ReminderFiringRow.due_at <= not_after + CLOCK_TOLERANCE
    row = ReminderFiringRow.select().where(cond).order_by(ReminderFiringRow.due_at.desc()).first()
    return row.due_at if row else None


def firings_between(
    start: datetime, end: datetime, kind: ReminderKind | None = None
) -> list[ReminderFiring]:
    cond = (ReminderFiringRow.due_at >= start) & (ReminderFiringRow.due_at < end)
    if kind is not None:
        cond &= ReminderFiringRow.kind == kind.value
    query = ReminderFiringRow.select().where(cond).order_by(ReminderFiringRow.due_at)
    return [_firing(row) for row in query]


def complete_firing(
    firing_id: int, now: datetime, magnesium_mg: float | None = None
) -> core_entries.Intake | None:
    """ "Done" on a notification: mark it done and log what it asked for, in one transaction.

    Magnesium logs the dose the person entered and its form (with none entered, nothing
    is logged or answered: the caller asks the dose first); hydration logs a glass of water;
    other kinds only record the answer. Returns the intake logged, if any.
    """
    with db_proxy.atomic():
        firing = get_firing(firing_id)
        if firing is None:
            return None
        intake: core_entries.Intake | None = None
        if firing.kind is ReminderKind.MAGNESIUM:
            dose = magnesium_mg if magnesium_mg is not None else confirmed_magnesium_dose()
            if dose is None:  # never a dose nobody entered (issue 11)
                return None
            form = str(get_setting("magnesium_form"))
            intake = add_intake(
                core_entries.Intake(
                    taken_at=now,
                    kind=core_entries.IntakeKind.MAGNESIUM,
                    label=core_entries.MAGNESIUM_FORMS.get(form, form),
                    magnesium_mg=float(dose),
                )
            )
        elif firing.kind is ReminderKind.HYDRATION:
            intake = add_intake(
                core_entries.Intake(
                    taken_at=now,
                    kind=core_entries.IntakeKind.WATER,
                    label="Water",
                    water_ml=WATER_GLASS_ML,
                )
            )
        set_outcome(firing_id, FiringOutcome.DONE)
    return intake


def outcome_counts(kind: ReminderKind, start: datetime, end: datetime) -> dict[FiringOutcome, int]:
    counts = dict.fromkeys(FiringOutcome, 0)
    for firing in firings_between(start, end, kind):
        counts[firing.outcome] += 1
    return counts


def held_firings(since: datetime) -> list[ReminderFiring]:
    """Firings held during Do Not Disturb (due at or after `since`) that nothing has dealt
    with since: no later row of the same kind and due time (shown, or given up), and no
    later occurrence of that kind recorded. Oldest first."""
    rows = (
        ReminderFiringRow.select()
        .where(
            (ReminderFiringRow.outcome == FiringOutcome.HELD.value)
            & (ReminderFiringRow.due_at >= since)
        )
        .order_by(ReminderFiringRow.due_at, ReminderFiringRow.id)
    )
    held: list[ReminderFiring] = []
    for row in rows:
        later = ReminderFiringRow.select().where(
            (ReminderFiringRow.kind == row.kind)
            & (ReminderFiringRow.id > row.id)
            & (
                (ReminderFiringRow.due_at > row.due_at)
                | (ReminderFiringRow.outcome != FiringOutcome.HELD.value)
            )
        )
        if not later.exists():
            held.append(_firing(row))
    return held
