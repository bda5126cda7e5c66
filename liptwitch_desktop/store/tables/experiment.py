"""The experiment table: a row is good only if the plan reads back (core/experiment/serial)
as the experiment of a change the knowledge base offers, with the same status beside it.

So a damaged or hand-edited row in an import is refused with the plan's own sentence, exactly
as the store's own write would be.
"""

from __future__ import annotations

import json
from datetime import datetime
from typing import Any

from .base import Column, Table
from .log import _ID

MAX_PLAN_JSON = 20_000
# core.experiment.plan.Status, written out: the tables load before the first paint, the
# experiment package only when someone needs it (a test holds the two together).
STATUSES = ("running", "paused", "stopped")


def _experiment_rule(row: dict[str, Any], now: datetime | None) -> dict[str, str]:
    from ...core.experiment.serial import ExperimentDataError, from_dict
    from ...core.knowledge import load_knowledge

    try:
        raw = json.loads(row["plan_json"])
    except (ValueError, RecursionError):
        return {"plan_json": "is not JSON"}
    try:
        exp = from_dict(raw)
    except ExperimentDataError as exc:
        return {"plan_json": str(exc)[:300]}
    if exp.change_id not in {c.id for c in load_knowledge().experiments}:
        return {"change_id": f"{exp.change_id!r} is not a change the app can test"}
    if exp.change_id != row["change_id"]:
        return {"change_id": "does not match the saved plan"}
    if exp.status.value != row["status"]:
        return {"status": "does not match the saved plan"}
    return {}


EXPERIMENT = Table(
    "experiment",
    (
        _ID,
        Column("created_at", "INTEGER", "instant", not_future=True),
        Column("change_id", "TEXT", "text", max_length=100),
        Column("status", "TEXT", "text", choices=STATUSES),
        Column("plan_json", "TEXT", "text", max_length=MAX_PLAN_JSON),
    ),
    row_rule=_experiment_rule,
)
