"""Medicines a person takes: a plain record, its checks, and the date questions asked of it.

The report lists the medicines taken during a period (new ones marked) and the triage wizard
asks whether a medicine started recently; both read these helpers so "taken during" and
"started recently" mean one thing everywhere.
"""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from datetime import date, timedelta

MAX_TEXT = 200
MAX_NOTES = 5000


@dataclass(frozen=True)
class Medicine:
    name: str
    started: date
    dose: str = ""  # as the person writes it: "10 mg", "2 puffs"
    frequency: str = ""  # "twice a day", "as needed"
    stopped: date | None = None  # None while still taking it
    reason: str = ""  # why it was prescribed
    notes: str = ""
    id: int | None = None

    @property
    def current(self) -> bool:
        return self.stopped is None

    def taken_during(self, first: date, last: date) -> bool:
        """Taken on at least one day of first..last inclusive."""
        return self.started <= last and (self.stopped is None or self.stopped >= first)

    def started_during(self, first: date, last: date) -> bool:
        return first <= self.started <= last


def taken_during(medicines: Iterable[Medicine], first: date, last: date) -> list[Medicine]:
    return sorted(
        (m for m in medicines if m.taken_during(first, last)),
        key=lambda m: (m.started, m.name.lower()),
    )


def started_within(medicines: Iterable[Medicine], today: date, weeks: int) -> list[Medicine]:
    """Medicines started in the last `weeks` weeks up to today (the triage's question)."""
    first = today - timedelta(weeks=weeks)
    return sorted(
        (m for m in medicines if first <= m.started <= today),
        key=lambda m: (m.started, m.name.lower()),
    )


def describe(medicine: Medicine) -> str:
    """ "Salbutamol 100 µg, 2 puffs as needed" — name, dose and how often in one line."""
    parts = [medicine.name.strip()]
    detail = ", ".join(p for p in (medicine.dose.strip(), medicine.frequency.strip()) if p)
    if detail:
        parts.append(detail)
    return " — ".join(parts)


def validate_medicine(medicine: Medicine, today: date) -> dict[str, str]:
    """{field: message}; empty when the medicine may be saved. `today` is the person's day."""
    errors: dict[str, str] = {}
    if not medicine.name.strip():
        errors["name"] = "Give the medicine's name."
    elif len(medicine.name) > MAX_TEXT:
        errors["name"] = "The name is limited to 200 characters."
    for key, value in (
        ("dose", medicine.dose),
        ("frequency", medicine.frequency),
        ("reason", medicine.reason),
    ):
        if len(value) > MAX_TEXT:
            errors[key] = "Limited to 200 characters."
    if medicine.started > today:
        errors["started"] = "This start date is in the future. Add a medicine once you start it."
    if medicine.stopped is not None:
        if medicine.stopped < medicine.started:
            errors["stopped"] = "The stop date is before the start date."
        elif medicine.stopped > today:
            errors["stopped"] = "This stop date is in the future. Fill it in once you stop."
    if len(medicine.notes) > MAX_NOTES:
        errors["notes"] = "Notes are limited to 5000 characters."
    return errors
