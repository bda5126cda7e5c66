"""The experiment controller (issue 17): one Change.EXPERIMENT per call, none for a refusal."""

from __future__ import annotations

import random
from typing import Any

import pytest

from liptwitch_desktop.controllers.experiment import ExperimentController, zone_name
from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.experiment import ExperimentRefused, Phase, Status, state_on
from liptwitch_desktop.store import experiments as store


@pytest.fixture
def changes(ctx: Any) -> list[Change]:
    seen: list[Change] = []
    ctx.signals.data_changed.connect(seen.append)
    return seen


def test_lifecycle_one_change_each_and_none_for_a_refusal(ctx: Any, changes: list[Change]) -> None:
    c = ExperimentController(ctx, rng=random.Random(5))
    saved = c.start("caffeine_cutoff", 6, {"cutoff": "14:00"})
    exp = saved.experiment
    assert exp.zone_name == "Europe/London" and exp.day_start == ctx.day_start
    assert exp.params == {"cutoff": "14:00"} and len(exp.order) == 6
    assert state_on(exp, ctx.today()).phase is Phase.IN_PERIOD
    assert changes == [Change.EXPERIMENT]
    with pytest.raises(ExperimentRefused):
        c.start("sleep_7h", 4)
    assert changes == [Change.EXPERIMENT]
    c.pause(saved.id)
    c.resume(saved.id)
    c.extend(saved.id)
    assert len(store.get(saved.id).experiment.order) == 8
    c.stop(saved.id)
    assert store.get(saved.id).experiment.status is Status.STOPPED
    assert changes == [Change.EXPERIMENT] * 5
    with pytest.raises(ExperimentRefused):
        c.pause(saved.id)
    assert changes == [Change.EXPERIMENT] * 5


def test_the_root_builds_it(controllers: Any) -> None:
    assert isinstance(controllers.experiment, ExperimentController)


def test_a_zone_without_a_name_falls_back_to_utc() -> None:
    from datetime import timedelta, timezone

    assert zone_name(timezone(timedelta(hours=2))) == "UTC"


def test_a_clock_that_cannot_be_right_plans_nothing(ctx: Any, changes: list[Change]) -> None:
    from datetime import UTC, datetime, timedelta

    from liptwitch_desktop.core.clock_sense import ClockLooksWrong

    c = ExperimentController(ctx, rng=random.Random(5))
    saved = c.start("caffeine_cutoff", 6)
    good_now = ctx.clock.now()
    ctx.clock.set(datetime(1970, 1, 1, 0, 5, tzinfo=UTC))
    with pytest.raises(ClockLooksWrong):
        c.start("sleep_7h", 4)
    with pytest.raises(ClockLooksWrong):
        c.pause(saved.id)
    ctx.clock.set(datetime(2150, 1, 1, tzinfo=UTC))
    c.note_seen()  # ignored: 2150 must not become the last day seen
    ctx.clock.set(good_now + timedelta(days=1))
    assert store.get(saved.id).experiment.last_seen_day < datetime(2100, 1, 1).date()
    assert changes == [Change.EXPERIMENT]
