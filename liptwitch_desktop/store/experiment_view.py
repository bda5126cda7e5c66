"""The current (or last) experiment with its days read from the log: what Today, the results
page, the report, the CLI and the triage show (core/experiment/view.build_view).

Days are summed by the same series the trends and the trigger analysis read
(store/aggregates.day_series), in the person's zone, with the experiment's own day start and,
for a caffeine cutoff, its own cutoff time, so a day is judged by the rule of the plan.
"""

from __future__ import annotations

from datetime import date, tzinfo

from ..core.experiment import Experiment
from ..core.experiment.text import Translate, identity
from ..core.experiment.view import DEFAULT_CUTOFF, ExperimentView, build_view, data_range
from ..core.knowledge import load_knowledge
from ..core.log_facts import ExperimentFact
from ..core.settings_schema import SettingError, parse_time
from .aggregates import day_series
from .experiments import StoredExperiment, latest


def view_of(exp: Experiment, today: date, zone: tzinfo, tr: Translate = identity) -> ExperimentView:
    choice = load_knowledge().experiment(exp.change_id)
    first, last = data_range(exp, today)
    try:
        cutoff = parse_time(str(exp.params.get("cutoff", DEFAULT_CUTOFF)))
    except SettingError:
        cutoff = parse_time(DEFAULT_CUTOFF)
    records = day_series(first, last, zone, exp.day_start, caffeine_cutoff=cutoff)
    return build_view(exp, choice, records, today, tr)


def current_view(
    today: date, zone: tzinfo, tr: Translate = identity
) -> tuple[StoredExperiment, ExperimentView] | None:
    """The newest experiment and its view, or None when none was ever started."""
    stored = latest()
    if stored is None:
        return None
    return stored, view_of(stored.experiment, today, zone, tr)


def experiment_facts(
    today: date, zone: tzinfo, tr: Translate = identity
) -> tuple[ExperimentFact, ...]:
    """What every finished (or stopped) experiment found, for the triage's ranked causes."""
    from ..core.experiment.evidence import evidence_of
    from .experiments import history

    out: list[ExperimentFact] = []
    for stored in history()[0]:
        fact = evidence_of(view_of(stored.experiment, today, zone, tr), tr)
        if fact is not None:
            out.append(fact)
    return tuple(out)
