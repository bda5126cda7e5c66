"""The experiment table: start one (one at a time), save its next state, list the history.

Each writing function is one transaction; the caller (controllers/experiment.py) emits one
Change.EXPERIMENT. A row that no longer reads back (a damaged file) is kept untouched and
listed among `unreadable` with the reason, never dropped or rewritten.
"""

from __future__ import annotations

import json
from collections.abc import Callable
from dataclasses import dataclass
from datetime import date, datetime

from peewee import AutoField, TextField

from ..core.experiment import Experiment, ExperimentDataError, ExperimentRefused, can_start
from ..core.experiment.serial import from_dict, to_dict
from .database.db import db_proxy
from .database.fields import UtcInstantField
from .database.models import BaseModel
from .transfer.rowcheck import checked


class NotFound(LookupError):
    pass


class ExperimentRow(BaseModel):
    id = AutoField()  # what peewee adds unasked, written out so the type checker knows it
    created_at = UtcInstantField(index=True)
    change_id = TextField()
    status = TextField()
    plan_json = TextField()

    class Meta:
        table_name = "experiment"


@dataclass(frozen=True, slots=True)
class StoredExperiment:
    id: int
    created_at: datetime
    experiment: Experiment


@dataclass(frozen=True, slots=True)
class Unreadable:
    id: int
    reason: str


def _fields(exp: Experiment) -> dict[str, object]:
    return {
        "change_id": exp.change_id,
        "status": exp.status.value,
        "plan_json": json.dumps(to_dict(exp), sort_keys=True),
    }


def _read(row: ExperimentRow) -> StoredExperiment:
    try:
        exp = from_dict(json.loads(row.plan_json))
    except (ValueError, RecursionError) as exc:
        message = str(exc) if isinstance(exc, ExperimentDataError) else "the plan is not JSON"
        raise ExperimentDataError(message) from exc
    return StoredExperiment(row.id, row.created_at, exp)


def history() -> tuple[list[StoredExperiment], list[Unreadable]]:
    """Every experiment, oldest first, and the rows that cannot be read (with why)."""
    good: list[StoredExperiment] = []
    bad: list[Unreadable] = []
    for row in ExperimentRow.select().order_by(ExperimentRow.created_at, ExperimentRow.id):
        try:
            good.append(_read(row))
        except ExperimentDataError as exc:
            bad.append(Unreadable(row.id, str(exc)))
    return good, bad


def latest() -> StoredExperiment | None:
    """The newest experiment: the running one, or the last one run."""
    good, _ = history()
    return good[-1] if good else None


def note_seen(today: date, now: datetime) -> StoredExperiment | None:
    """Remember `today` as the latest day the running experiment was looked at, so a clock
    set back later is noticed against it (core/experiment/lifecycle.effective_day).

    The one place this is written: whatever looks at the plan (the Experiment page, Today's
    card, the reminder service's phase hook) calls it first. A clock that cannot be right
    (1970, 2150) never becomes the day seen; a finished or stopped plan is left alone.
    Returns the newest experiment as stored after it (None: none was ever started).
    """
    from ..core.clock_sense import clock_looks_wrong
    from ..core.experiment import observe, state_on
    from ..core.experiment.lifecycle import ACTIVE_PHASES

    stored = latest()
    if stored is None or clock_looks_wrong(now) or today <= stored.experiment.last_seen_day:
        return stored
    if state_on(stored.experiment, today).phase not in ACTIVE_PHASES:
        return stored
    return update(stored.id, lambda e: observe(e, today))


def get(experiment_id: int) -> StoredExperiment:
    row = ExperimentRow.get_or_none(ExperimentRow.id == experiment_id)
    if row is None:
        raise NotFound(f"experiment {experiment_id}")
    return _read(row)


def start(exp: Experiment, today: date, now: datetime) -> StoredExperiment:
    """Store a new plan, refused (ExperimentRefused) while another one is active."""
    with db_proxy.atomic():
        good, _ = history()
        refusal = can_start((s.experiment for s in good), today)
        if refusal is not None:
            raise ExperimentRefused(refusal)
        fields = {"created_at": now, **_fields(exp)}
        new_id = ExperimentRow.insert(**checked(ExperimentRow, fields)).execute()
    return StoredExperiment(new_id, now, exp)


def update(experiment_id: int, step: Callable[[Experiment], Experiment]) -> StoredExperiment:
    """Apply `step` (pause, resume, extend, stop, observe) to the stored plan and save it,
    in one transaction; a refusal from `step` leaves the row as it was."""
    with db_proxy.atomic():
        stored = get(experiment_id)
        new = step(stored.experiment)
        if new != stored.experiment:
            ExperimentRow.update(**checked(ExperimentRow, _fields(new), partial=True)).where(
                ExperimentRow.id == experiment_id
            ).execute()
    return StoredExperiment(stored.id, stored.created_at, new)


SAME_EXPERIMENT = "same"


def second_running(plan_json: str, today: date) -> str | None:
    """For an import: SAME_EXPERIMENT when this row is an experiment already stored (the
    same plan, in an older or newer state: the stored one is kept), the reason it cannot
    join (another experiment is active and so is this one: one at a time, as `start`), or
    None when it can."""
    try:
        incoming = from_dict(json.loads(plan_json))
    except (ValueError, RecursionError):
        return None  # the row rule has already said what is wrong with it
    stored = [s.experiment for s in history()[0]]
    for exp in stored:
        if (exp.change_id, exp.created_on, exp.start_day, exp.order[: len(incoming.order)]) == (
            incoming.change_id,
            incoming.created_on,
            incoming.start_day,
            incoming.order[: len(exp.order)],
        ):
            return SAME_EXPERIMENT
    if can_start([incoming], today) is None:
        return None  # a finished or stopped one joins the history
    refusal = can_start(stored, today)
    return None if refusal is None else refusal.message
