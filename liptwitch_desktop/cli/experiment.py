"""`liptwitch experiment status|analyse [--json]`: the current or last self-experiment.

    liptwitch [--data-dir DIR] experiment status [--json]    the plan, where it stands, adherence
    liptwitch [--data-dir DIR] experiment analyse [--json]   the answer, the figures, the details

Exit 0 with the text (or JSON) on stdout; 2 with a one-line reason on stderr when there is no
data folder or no experiment has been started. Headless: no widget is imported.
"""

from __future__ import annotations

import argparse
import json
import sys
from dataclasses import asdict
from datetime import date
from enum import Enum
from typing import Any

from ..core.plurals import count
from .data import EXIT_OK, EXIT_REFUSED, Refused, Subcommands, data_dir_of, opened_store, say


def add_arguments(parser: argparse.ArgumentParser) -> None:
    parser.description = "Show the current or last self-experiment (find out for sure)."
    sub = parser.add_subparsers(dest="experiment_command", metavar="WHAT", required=True)
    for name, text in (
        ("status", "the plan, where it stands today and how well the change was kept"),
        ("analyse", "the answer so far or at the end, with its figures and details"),
    ):
        one = sub.add_parser(name, help=text)
        one.add_argument("--json", action="store_true", help="print JSON instead of text")


def _plain(value: Any) -> Any:
    if isinstance(value, Enum):
        return value.value
    if isinstance(value, date):
        return value.isoformat()
    if isinstance(value, dict):
        return {str(k): _plain(v) for k, v in value.items()}
    if isinstance(value, list | tuple):
        return [_plain(v) for v in value]
    return value


def status_data(view: Any, experiment_id: int) -> dict[str, Any]:
    from ..core.experiment import schedule

    exp = view.experiment
    sched = schedule(exp)
    return {
        "id": experiment_id,
        "change_id": exp.change_id,
        "change": view.phrase,
        "label": view.choice.label,
        "status": exp.status.value,
        "phase": view.state.phase.value,
        "today": view.status,
        "kept_this_period": view.kept_line,
        "weeks": view.weeks,
        "period_days": exp.period_days,
        "washout_days": exp.washout_days,
        "start_day": exp.start_day.isoformat(),
        "planned_end": view.state.planned_end.isoformat(),  # the day after the last one
        "last_planned_day": view.state.last_planned_day.isoformat(),
        "stopped_on": exp.stopped_on.isoformat() if exp.stopped_on else None,
        "periods": [
            {
                "week": p.index + 1,
                "kind": p.arm.value,
                "first_day": p.first_day.isoformat(),
                "last_day": p.last_day.isoformat(),
            }
            for p in sched.periods
        ],
        "waiting_periods": [{"kind": p.arm.value} for p in sched.pending],
        "pauses": [
            [p.start_day.isoformat(), p.end_day.isoformat() if p.end_day else None]
            for p in exp.pauses
        ],
        "adherence": _plain(asdict(view.analysis.adherence)),
        "can_show": view.can_show,
        "clock_note": view.state.clock_note,
    }


def analysis_data(view: Any, experiment_id: int) -> dict[str, Any]:
    out = _plain(asdict(view.analysis))
    return {"id": experiment_id, "change_id": view.experiment.change_id, **out}


def _status_text(data: dict[str, Any]) -> str:
    lines = [
        f"Experiment: {data['label']} "
        f"({count(int(data['weeks']), 'week')}, from {data['start_day']})",
        data["today"],
    ]
    if data["kept_this_period"]:
        lines.append(data["kept_this_period"])
    if data["clock_note"]:
        lines.append(data["clock_note"])
    ad = data["adherence"]
    if ad["change_days"]:
        # As `analyse` says it: days with nothing logged are unknown, not days not kept.
        over = data["phase"] in ("finished", "stopped")
        line = f"Change days{'' if over else ' so far'}: kept {ad['kept']} of {ad['change_days']}"
        if ad["unknown"]:
            line += f" ({ad['unknown']} not recorded)"
        lines.append(line + ".")
    lines.append("Plan:")
    for p in data["periods"]:
        kind = "change" if p["kind"] == "change" else "as usual"
        lines.append(f"  {p['first_day']} to {p['last_day']}: {kind}")
    for p in data["waiting_periods"]:
        lines.append(f"  (after the pause): {'change' if p['kind'] == 'change' else 'as usual'}")
    lines.append(data["can_show"])
    return "\n".join(lines)


def _analysis_text(view: Any) -> str:
    a = view.analysis
    return "\n".join([a.answer, "", *(f"- {line}" for line in a.details)])


def run_experiment(args: argparse.Namespace, today: date | None = None) -> int:
    from ..core.clock import SystemClock
    from ..core.clock_sense import clock_looks_wrong
    from ..core.days import local_day, local_zone

    try:
        with opened_store(data_dir_of(args)):
            from ..store.experiment_view import current_view
            from ..store.settings import get_time

            zone = local_zone()
            if today is None:
                now = SystemClock().now()
                if clock_looks_wrong(now):  # 1970 or 2150: no week of a plan can be told
                    raise Refused(
                        f"your computer's clock says {now:%Y-%m-%d}, so no day of the plan "
                        "can be told by it; set the date and time"
                    )
                today = local_day(now, zone, get_time("day_start"))
            found = current_view(today, zone)
            if found is None:
                raise Refused("no experiment has been started")
            stored, view = found
    except Refused as exc:
        say("experiment", str(exc))
        return EXIT_REFUSED
    if args.experiment_command == "status":
        data = status_data(view, stored.id)
        text = _status_text(data)
    else:
        data = analysis_data(view, stored.id)
        text = _analysis_text(view)
    if args.json:
        json.dump(data, sys.stdout, indent=2, ensure_ascii=False)
        sys.stdout.write("\n")
    else:
        print(text)
    return EXIT_OK


def register(subcommands: Subcommands) -> None:
    subcommands["experiment"] = (add_arguments, run_experiment)
