"""Everything a screen, the report or the CLI shows of one experiment, worked out once.

`build_view` takes the experiment, its knowledge-base choice, the log's days (core/daily)
and today; nothing that shows an experiment computes anything itself.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date

from ..daily import DayRecord
from ..knowledge.experiments import ExperimentChoice
from ..plurals import count
from .analysis import analyse
from .design import Arm
from .foresight import pairs_can_show
from .judging import DEFAULT_MG, day_data
from .lifecycle import ACTIVE_PHASES, Phase, State, state_on
from .plan import Experiment, schedule
from .results import DayData, ExperimentAnalysis
from .text import Translate, identity
from .wording import status_line

DEFAULT_CUTOFF = "12:00"


def filled_params(choice: ExperimentChoice, params: Mapping[str, object]) -> dict[str, object]:
    """The change's parameters with their defaults (a cutoff of 12:00, 200 mg)."""
    out: dict[str, object] = {"cutoff": DEFAULT_CUTOFF, "mg": DEFAULT_MG}
    out.update(params)
    return {k: v for k, v in out.items() if k in choice.params}


@dataclass(frozen=True, slots=True)
class ExperimentView:
    experiment: Experiment
    choice: ExperimentChoice
    phrase: str  # "no caffeine after 12:00"
    state: State
    status: str  # "Week 3 of 6: no caffeine after 12:00 this week."
    kept_line: str | None  # "Kept on 3 of 4 days so far this week." in a change period
    analysis: ExperimentAnalysis
    can_show: str  # what a plan of this length can show
    days: tuple[DayData, ...]

    @property
    def active(self) -> bool:
        return self.state.phase in ACTIVE_PHASES

    @property
    def weeks(self) -> int:
        return len(self.experiment.order) * self.experiment.period_days // 7


def data_range(exp: Experiment, today: date) -> tuple[date, date]:
    """The days to read from the log: from the start to the last period day up to today."""
    periods = schedule(exp).periods
    last = periods[-1].last_day if periods else exp.start_day
    return exp.start_day, max(exp.start_day, min(last, max(today, exp.last_seen_day)))


def build_view(
    exp: Experiment,
    choice: ExperimentChoice,
    records: Iterable[DayRecord],
    today: date,
    tr: Translate = identity,
) -> ExperimentView:
    phrase = tr(choice.phrase).format_map(_Keep(filled_params(choice, exp.params)))
    days = tuple(day_data(exp, records, choice.judge))
    state = state_on(exp, today, tr)
    analysis = analyse(exp, days, today, change_phrase=phrase, tr=tr)
    return ExperimentView(
        experiment=exp,
        choice=choice,
        phrase=phrase,
        state=state,
        status=status_line(state, exp, phrase, tr),
        kept_line=_kept_line(state, days, tr),
        analysis=analysis,
        can_show=pairs_can_show(exp.pairs, exp.period_days, tr),
        days=days,
    )


def _kept_line(state: State, days: tuple[DayData, ...], tr: Translate) -> str | None:
    period = state.period
    if state.phase is not Phase.IN_PERIOD or period is None or period.arm is not Arm.CHANGE:
        return None
    # The days of this period so far, today included (today may still be kept).
    through = state.day
    judged = [d for d in days if period.first_day <= d.day <= through]
    kept = sum(d.kept is True for d in judged)
    elapsed = (through - period.first_day).days + 1
    if elapsed <= 0:
        return None
    unknown = elapsed - sum(d.logged for d in judged)
    line = tr("Kept on {kept} of {days} so far this period.").format(
        kept=kept, days=count(elapsed, tr("day"), tr("days"))
    )
    if unknown:
        line += " " + tr("{n} with nothing logged.").format(n=unknown)
    return line


class _Keep(dict[str, object]):
    def __missing__(self, key: str) -> str:
        return "{" + key + "}"
