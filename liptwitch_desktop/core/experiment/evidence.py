"""A finished experiment's answer as evidence in the triage's ranked causes (issue 17).

"Your 6-week experiment found no clear difference with no caffeine after 12:00": the person
tested the cause themselves, which says more than any general signal. How much it counts:
a change that helped raises its cause (and brings it into the ranking if nothing else did);
one that went the other way lowers it; "no clear difference" lowers it a little only when
the experiment was long enough to find a clear difference (otherwise it is said, not
counted: a short plan cannot rule anything out). A running experiment, or one without
enough data, is not evidence yet.
"""

from __future__ import annotations

from ..log_facts import ExperimentFact
from .lifecycle import Phase
from .results import Verdict
from .text import Translate, identity, percent_change

WEIGHTS = {
    Verdict.HELPED: 3,
    Verdict.OTHER_WAY: -2,
    Verdict.NO_CLEAR_DIFFERENCE: -1,
}


def evidence_of(view: object, tr: Translate = identity) -> ExperimentFact | None:
    """The evidence of a finished or stopped experiment (a core ExperimentView), or None."""
    from .view import ExperimentView

    assert isinstance(view, ExperimentView)
    if view.state.phase not in (Phase.FINISHED, Phase.STOPPED):
        return None
    a = view.analysis
    if a.verdict not in WEIGHTS:
        return None
    weeks = view.weeks
    if a.stopped:
        done = len(a.periods) * view.experiment.period_days // 7
        span = tr("Your experiment (stopped after {n} weeks)").format(n=done)
    else:
        span = tr("Your {n}-week experiment").format(n=weeks)
    rates = {"a": f"{a.rate_change or 0:.2f}", "b": f"{a.rate_usual or 0:.2f}"}
    if a.verdict is Verdict.HELPED:
        assert a.ratio is not None
        text = tr("{span} found that {what} helped: about {pct}% fewer twitches a day.").format(
            span=span, what=view.phrase, pct=percent_change(a.ratio)
        )
    elif a.verdict is Verdict.OTHER_WAY:
        assert a.ratio is not None
        text = tr(
            "{span} found the other way with {what}: about {pct}% more twitches a day."
        ).format(span=span, what=view.phrase, pct=percent_change(a.ratio))
    elif a.firm_answer_possible:
        text = tr(
            "{span} found no clear difference with {what} ({a} against {b} twitches a day)."
        ).format(span=span, what=view.phrase, **rates)
    else:
        text = tr(
            "{span} found no clear difference with {what} ({a} against {b} twitches a day), "
            "though it was too short to rule an effect out."
        ).format(span=span, what=view.phrase, **rates)
    weight = WEIGHTS[a.verdict]
    if a.verdict is Verdict.NO_CLEAR_DIFFERENCE and not a.firm_answer_possible:
        weight = 0
    return ExperimentFact(view.choice.cause, a.verdict.value, weight, text)
