"""An experiment to and from plain JSON-ready values, for the store.

The shape is flat and versioned so a later version can read an older row. Reading is strict:
a damaged or hand-edited record is refused with a sentence naming the field, never half
read, so the store can keep the row and say why it cannot be shown.
"""

from __future__ import annotations

from collections.abc import Mapping
from datetime import date, time
from typing import Any

from .design import Arm
from .plan import Experiment, Params, Pause, Status

FORMAT_VERSION = 1


class ExperimentDataError(ValueError):
    """A stored experiment that cannot be read; the message names what is wrong."""


def to_dict(exp: Experiment) -> dict[str, Any]:
    return {
        "version": FORMAT_VERSION,
        "change_id": exp.change_id,
        "params": dict(exp.params),
        "start_day": exp.start_day.isoformat(),
        "period_days": exp.period_days,
        "order": [arm.value for arm in exp.order],
        "day_start": exp.day_start.isoformat(timespec="seconds"),
        "zone_name": exp.zone_name,
        "created_on": exp.created_on.isoformat(),
        "last_seen_day": exp.last_seen_day.isoformat(),
        "washout_days": exp.washout_days,
        "pauses": [
            # A third item only for an extension's break, so older plans read as before.
            [p.start_day.isoformat(), p.end_day.isoformat() if p.end_day else None]
            + (["extension"] if p.extension else [])
            for p in exp.pauses
        ],
        "status": exp.status.value,
        "stopped_on": exp.stopped_on.isoformat() if exp.stopped_on else None,
    }


def _get(raw: Mapping[str, Any], key: str, kind: type) -> Any:
    if key not in raw:
        raise ExperimentDataError(f"The saved experiment has no {key!r}.")
    value = raw[key]
    if not isinstance(value, kind) or (kind is int and isinstance(value, bool)):
        raise ExperimentDataError(f"The saved experiment's {key!r} is not a {kind.__name__}.")
    return value


def _day(value: Any, key: str) -> date:
    try:
        return date.fromisoformat(value)
    except (TypeError, ValueError) as exc:
        raise ExperimentDataError(f"The saved experiment's {key!r} is not a date.") from exc


def _params(value: Any) -> Params:
    if not isinstance(value, dict):
        raise ExperimentDataError("The saved experiment's 'params' is not a mapping.")
    out: Params = {}
    for k, v in value.items():
        if not isinstance(k, str) or isinstance(v, bool) or not isinstance(v, str | int | float):
            raise ExperimentDataError(f"The saved experiment's parameter {k!r} is not readable.")
        out[k] = v
    return out


def from_dict(raw: Mapping[str, Any]) -> Experiment:
    """The experiment, or ExperimentDataError saying which field is wrong."""
    if not isinstance(raw, Mapping):
        raise ExperimentDataError("The saved experiment is not a record.")
    version = _get(raw, "version", int)
    if version != FORMAT_VERSION:
        raise ExperimentDataError(
            f"The saved experiment has format {version}; this version reads {FORMAT_VERSION}."
        )
    try:
        order = tuple(Arm(v) for v in _get(raw, "order", list))
        status = Status(_get(raw, "status", str))
        day_start = time.fromisoformat(_get(raw, "day_start", str))
    except ValueError as exc:
        if isinstance(exc, ExperimentDataError):
            raise
        raise ExperimentDataError(f"The saved experiment is not readable: {exc}.") from exc
    pauses: list[Pause] = []
    for item in _get(raw, "pauses", list):
        if not isinstance(item, list) or not (
            len(item) == 2 or (len(item) == 3 and item[2] == "extension")
        ):
            raise ExperimentDataError("The saved experiment's 'pauses' are not readable.")
        end = None if item[1] is None else _day(item[1], "pauses")
        pauses.append(Pause(_day(item[0], "pauses"), end, extension=len(item) == 3))
    stopped = raw.get("stopped_on")
    try:
        return Experiment(
            change_id=_get(raw, "change_id", str),
            start_day=_day(_get(raw, "start_day", str), "start_day"),
            period_days=_get(raw, "period_days", int),
            order=order,
            day_start=day_start,
            zone_name=_get(raw, "zone_name", str),
            created_on=_day(_get(raw, "created_on", str), "created_on"),
            last_seen_day=_day(_get(raw, "last_seen_day", str), "last_seen_day"),
            washout_days=_get(raw, "washout_days", int),
            params=_params(raw.get("params", {})),
            pauses=tuple(pauses),
            status=status,
            stopped_on=None if stopped is None else _day(stopped, "stopped_on"),
        )
    except ExperimentDataError:
        raise
    except ValueError as exc:
        raise ExperimentDataError(f"The saved experiment is not consistent: {exc}.") from exc
