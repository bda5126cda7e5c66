"""Review of issue 13, F9: under a clock that cannot be right (1970 after a flat CMOS
battery, or far ahead) what the clock would date is refused in words (ClockLooksWrong),
nothing is written and no Change announced; under any clock between 2000 and 2100 the same
calls save. Property test over the clock."""

from __future__ import annotations

from datetime import UTC, datetime, timedelta
from typing import Any

import pytest
from hypothesis import HealthCheck, given, settings
from hypothesis import strategies as st

from liptwitch_desktop.core.changes import Change
from liptwitch_desktop.core.clock_sense import ClockLooksWrong, clock_looks_wrong
from liptwitch_desktop.core.entries import Episode, Intake, IntakeKind
from liptwitch_desktop.core.triage.answers import TriageAnswers
from liptwitch_desktop.core.triage.engine import triage
from liptwitch_desktop.store.log_reads import episodes_between, running_episode
from liptwitch_desktop.store.triage_history import list_triage_history

clocks = st.datetimes(
    min_value=datetime(1970, 1, 1), max_value=datetime(2200, 1, 1), timezones=st.just(UTC)
)


@settings(
    max_examples=60, deadline=None, suppress_health_check=[HealthCheck.function_scoped_fixture]
)
@given(now=clocks)
def test_what_the_clock_dates_is_saved_only_under_a_clock_that_can_be_right(
    ctx: Any, controllers: Any, now: datetime
) -> None:
    seen: list[Change] = []
    ctx.signals.data_changed.connect(seen.append)
    try:
        ctx.clock.set(now)
        before_history = len(list_triage_history())
        everything = (datetime(1960, 1, 1, tzinfo=UTC), datetime(2300, 1, 1, tzinfo=UTC))
        before_log = len(episodes_between(*everything))
        answers = TriageAnswers.parse({"stress_level": "high"})
        calls = [
            lambda: controllers.log.toggle_twitching(),
            lambda: controllers.log.add(Intake(now, IntakeKind.WATER, "Water", water_ml=250)),
            lambda: controllers.triage.save(answers, triage(answers), None, []),
        ]
        if clock_looks_wrong(now):
            for call in calls:
                with pytest.raises(ClockLooksWrong):
                    call()
            assert seen == []
            assert len(list_triage_history()) == before_history
            assert len(episodes_between(*everything)) == before_log
            assert running_episode() is None
        else:
            for call in calls:
                call()
            assert seen == [Change.EPISODE, Change.INTAKE, Change.TRIAGE]
            controllers.log.toggle_twitching()  # stop it again for the next example
    finally:
        ctx.signals.data_changed.disconnect(seen.append)


def test_a_running_episode_is_not_stopped_under_a_1970_clock(ctx: Any, controllers: Any) -> None:
    started = controllers.log.toggle_twitching()
    ctx.clock.set(datetime(1970, 1, 2, 12, tzinfo=UTC))
    with pytest.raises(ClockLooksWrong):
        controllers.log.toggle_twitching()
    assert running_episode() == started
    ctx.clock.set(started.started_at + timedelta(minutes=3))
    stopped = controllers.log.toggle_twitching()
    assert isinstance(stopped, Episode) and stopped.duration_s == 180
