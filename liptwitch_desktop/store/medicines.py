"""The medicines table: add, update, delete, list, and the period questions the report asks.

Each writing function is one transaction; the caller emits `data_changed("medicine")`.
"""

from __future__ import annotations

from dataclasses import replace
from datetime import date, timedelta

from peewee import AutoField, DateField, TextField

from ..core import medicines as core
from .database.db import db_proxy
from .database.models import BaseModel
from .transfer.rowcheck import checked


class NotFound(LookupError):
    pass


class MedicineRow(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    name = TextField()
    dose = TextField(default="")
    frequency = TextField(default="")
    started = DateField(index=True)
    stopped = DateField(null=True)
    reason = TextField(default="")
    notes = TextField(default="")

    class Meta:
        table_name = "medicine"


def _day(value: object) -> date:
    return value if isinstance(value, date) else date.fromisoformat(str(value))


def _medicine(row: MedicineRow) -> core.Medicine:
    return core.Medicine(
        id=row.id,
        name=row.name,
        dose=row.dose,
        frequency=row.frequency,
        started=_day(row.started),
        stopped=_day(row.stopped) if row.stopped is not None else None,
        reason=row.reason,
        notes=row.notes,
    )


def _fields(medicine: core.Medicine) -> dict[str, object]:
    return {
        "name": medicine.name.strip(),
        "dose": medicine.dose.strip(),
        "frequency": medicine.frequency.strip(),
        "started": medicine.started,
        "stopped": medicine.stopped,
        "reason": medicine.reason.strip(),
        "notes": medicine.notes,
    }


def add_medicine(medicine: core.Medicine) -> core.Medicine:
    """Insert; an `id` on it is kept (that is how undo puts a deleted one back)."""
    with db_proxy.atomic():
        fields = _fields(medicine)
        if medicine.id is not None:
            fields["id"] = medicine.id
        new_id = MedicineRow.insert(**checked(MedicineRow, fields)).execute()
    return replace(medicine, id=new_id)


def update_medicine(medicine: core.Medicine) -> core.Medicine:
    with db_proxy.atomic():
        changed = (
            MedicineRow.update(**checked(MedicineRow, _fields(medicine)))
            .where(MedicineRow.id == medicine.id)
            .execute()
        )
    if not changed:
        raise NotFound(f"medicine {medicine.id}")
    return medicine


def get_medicine(medicine_id: int) -> core.Medicine:
    row = MedicineRow.get_or_none(MedicineRow.id == medicine_id)
    if row is None:
        raise NotFound(f"medicine {medicine_id}")
    return _medicine(row)


def delete_medicine(medicine_id: int) -> core.Medicine:
    """Delete and return what was deleted, so it can be put back."""
    with db_proxy.atomic():
        medicine = get_medicine(medicine_id)
        MedicineRow.delete().where(MedicineRow.id == medicine_id).execute()
    return medicine


def list_medicines() -> list[core.Medicine]:
    """Every medicine, oldest start first."""
    query = MedicineRow.select().order_by(MedicineRow.started, MedicineRow.id)
    return [_medicine(row) for row in query]


def active_between(first: date, last: date) -> list[core.Medicine]:
    """Medicines taken on at least one day of first..last inclusive."""
    query = MedicineRow.select().where(
        (MedicineRow.started <= last)
        & (MedicineRow.stopped.is_null() | (MedicineRow.stopped >= first))
    )
    return core.taken_during((_medicine(row) for row in query), first, last)


def started_within(today: date, weeks: int) -> list[core.Medicine]:
    """Medicines started in the last `weeks` weeks (the triage's medication question)."""
    first = today - timedelta(weeks=weeks)
    query = MedicineRow.select().where(
        (MedicineRow.started >= first) & (MedicineRow.started <= today)
    )
    return core.started_within((_medicine(row) for row in query), today, weeks)
