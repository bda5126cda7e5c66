"""Review 16/17, finding 8: the adherence and verdict words (no "yet" once it is over, days
with nothing logged said as not recorded, "1 day", the wash-out said once)."""

from __future__ import annotations

import random
from datetime import date, time, timedelta

from liptwitch_desktop.core.experiment import Arm, new_experiment, schedule
from liptwitch_desktop.core.experiment.view import build_view
from liptwitch_desktop.core.knowledge import load_knowledge

MON = date(2026, 3, 2)


def view(change: str, weeks: int, today: date, seed: int = 1):  # type: ignore[no-untyped-def]
    exp = new_experiment(
        change, weeks, MON, random.Random(seed), day_start=time(4), zone_name="UTC"
    )
    return build_view(exp, load_knowledge().experiment(change), (), today)


def test_one_day_is_one_day() -> None:
    for seed in range(20):
        exp_view = view("caffeine_cutoff", 4, MON, seed)
        if exp_view.experiment.order[0] is Arm.CHANGE:
            break
    assert exp_view.kept_line == "Kept on 0 of 1 day so far this period. 1 with nothing logged."


def test_the_wash_out_is_said_once_for_magnesium() -> None:
    v = view("magnesium_evening", 24, MON + timedelta(weeks=30))
    said = [line for line in v.analysis.details if "wear off" in line or "left out" in line]
    washout = [line for line in said if "first" in line and "days of each period" in line]
    assert len(washout) == 1, v.analysis.details


def test_the_status_text_says_unknown_days_and_no_so_far_once_over() -> None:
    from liptwitch_desktop.cli.experiment import _status_text, status_data

    finished = view("caffeine_cutoff", 6, MON + timedelta(weeks=7))
    assert finished.state.phase.value == "finished"
    text = _status_text(status_data(finished, 1))
    assert "Change days: kept 0 of 21 (21 not recorded)." in text
    assert "so far" not in text.lower() and " yet" not in text
    end = schedule(finished.experiment).periods[1].end_day
    running = view("caffeine_cutoff", 6, end)
    assert "Change days so far: kept 0 of 7 (7 not recorded)." in _status_text(
        status_data(running, 1)
    )
