"""The running experiment's reminder, switched on and off with its periods (issue 17).

In a change period the tested change's reminder (experiments.toml `reminder`: the caffeine
cutoff, the last call, magnesium, the check-in) is on, whatever the person's own setting;
in an as-usual period the reminders that *are* the change (caffeine, magnesium) are off,
since a nudge would make the week not "as usual", while the check-in keeps the person's
own setting (it only asks what happened). Paused, waiting, finished or stopped: the
person's own settings, untouched. Nothing is written: the service reads this over the
stored specs each time it loads them, so the person's settings are what remains after.

A caffeine cutoff under test fires at the experiment's cutoff, not the person's own cutoff
time, while the change period runs (the last call with it): the days are judged by the
plan's cutoff (store/experiment_view), so the nudge comes at that time too. The person's
`caffeine_cutoff` setting is not written and stands again after the period.

The magnesium reminder is only switched on once its safety notice has been read (FACTS.md):
the start dialog shows it; a plan that came in by an import waits for it.

`plan_switch` adds one job at the next period boundary (the day start of the next period's
first day) that makes the service load again, so the switch happens on time.
"""

from __future__ import annotations

from collections.abc import Callable, Mapping
from dataclasses import replace
from datetime import date, datetime, time, timedelta, tzinfo

from ..core.schedule.specs import ReminderKind, ReminderSpec, with_cutoff
from ..runtime.context import AppContext
from .jobs import JobBackend

JOB_ID = "experiment_phase"
# The reminders that nudge toward each tested change: in an as-usual period the whole group
# is off, not only the change's own reminder ("Last call for caffeine" is a nudge to keep a
# cutoff, and a cutoff reminder one to drink less caffeine).
_CAFFEINE = frozenset({ReminderKind.CAFFEINE_CUTOFF, ReminderKind.CAFFEINE_LAST_CALL})
NUDGES = {
    ReminderKind.CAFFEINE_CUTOFF: _CAFFEINE,
    ReminderKind.CAFFEINE_LAST_CALL: _CAFFEINE,
    ReminderKind.MAGNESIUM: frozenset({ReminderKind.MAGNESIUM}),
}
OFF_AS_USUAL = frozenset().union(*NUDGES.values())
GRACE = timedelta(hours=12)


def wanted_on(
    phase_arm: str | None, reminder: str | None, notice_read: bool
) -> dict[ReminderKind, bool]:
    """What the experiment wants of each reminder today: kind -> on (True) or off (False);
    kinds it leaves alone are absent. `phase_arm` is today's period kind, or None."""
    if phase_arm is None or reminder is None:
        return {}
    kind = ReminderKind(reminder)
    if phase_arm == "change":
        if kind is ReminderKind.MAGNESIUM and not notice_read:
            return {}
        return {kind: True}
    return dict.fromkeys(NUDGES.get(kind, ()), False)


def apply(
    specs: Mapping[ReminderKind, ReminderSpec], wanted: Mapping[ReminderKind, bool]
) -> dict[ReminderKind, ReminderSpec]:
    out = dict(specs)
    for kind, on in wanted.items():
        if kind in out:
            out[kind] = replace(out[kind], enabled=on)
    return out


def at_cutoff(
    specs: Mapping[ReminderKind, ReminderSpec], cutoff: time
) -> dict[ReminderKind, ReminderSpec]:
    """The cutoff reminder at `cutoff`, and the last call before it (one source of truth)."""
    out = dict(specs)
    if ReminderKind.CAFFEINE_CUTOFF in out:
        out[ReminderKind.CAFFEINE_CUTOFF] = replace(
            out[ReminderKind.CAFFEINE_CUTOFF], times=(cutoff,)
        )
        if ReminderKind.CAFFEINE_LAST_CALL in out:
            out[ReminderKind.CAFFEINE_LAST_CALL] = with_cutoff(
                out[ReminderKind.CAFFEINE_LAST_CALL], out[ReminderKind.CAFFEINE_CUTOFF]
            )
    return out


def _plan_cutoff(params: Mapping[str, object]) -> time:
    """The experiment's cutoff as the days are judged by it (store/experiment_view)."""
    from ..core.experiment.view import DEFAULT_CUTOFF
    from ..core.settings_schema import SettingError, parse_time

    try:
        return parse_time(str(params.get("cutoff", DEFAULT_CUTOFF)))
    except SettingError:
        return parse_time(DEFAULT_CUTOFF)


def _today_plan(
    ctx: AppContext,
) -> tuple[str | None, str | None, date | None, Mapping[str, object]]:
    """(today's period kind, the change's reminder, the next period's first day, the
    experiment's own parameters: its cutoff)."""
    from ..core.experiment import Phase, state_on
    from ..core.knowledge import load_knowledge
    from ..store.experiments import note_seen

    # Each load is a look at the plan: remember today, so a clock set back later runs the
    # plan from the latest day seen, not from an old one (review 16/17, finding 7).
    stored = note_seen(ctx.today(), ctx.clock.now())
    if stored is None:
        return None, None, None, {}
    exp = stored.experiment
    state = state_on(exp, ctx.today())
    if state.phase not in (Phase.IN_PERIOD, Phase.NOT_STARTED, Phase.WAITING):
        return None, None, None, {}
    try:
        reminder = load_knowledge().experiment(exp.change_id).reminder
    except KeyError:
        return None, None, None, {}
    period = state.period
    if state.phase is Phase.IN_PERIOD and period is not None:
        return period.arm.value, reminder, period.end_day, exp.params
    return None, reminder, period.first_day if period is not None else None, exp.params


def phase_specs(
    specs: Mapping[ReminderKind, ReminderSpec], ctx: AppContext
) -> dict[ReminderKind, ReminderSpec]:
    """The specs as the running experiment wants them today (the service's `_load`)."""
    from ..store.magnesium_notice import notice_shown

    arm, reminder, _next, params = _today_plan(ctx)
    out = apply(specs, wanted_on(arm, reminder, notice_shown()))
    if arm == "change" and reminder == ReminderKind.CAFFEINE_CUTOFF.value:
        out = at_cutoff(out, _plan_cutoff(params))
    return out


def boundary(day: date, ctx: AppContext) -> datetime:
    """The instant `day` begins in the person's zone and day start."""
    from ..core.days import day_bounds

    zone: tzinfo = ctx.zone
    return day_bounds(day, zone, ctx.day_start)[0]


def plan_switch(backend: JobBackend, ctx: AppContext, reload: Callable[[], None]) -> None:
    """One job at the next period boundary (or none without a running plan)."""
    _arm, reminder, next_day, _params = _today_plan(ctx)
    if reminder is None or next_day is None:
        backend.cancel(JOB_ID)
        return
    backend.plan(JOB_ID, boundary(next_day, ctx), ctx.zone, GRACE, reload)
