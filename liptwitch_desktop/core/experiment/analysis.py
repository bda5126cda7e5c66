"""The answer to an experiment: the effect, its interval, the exact p-value and a verdict.

The effect is the rate ratio: twitches per logged day in the change periods over twitches per
logged day in the as-usual periods. Days count in the period they were planned for, kept or
not (intention to treat), because only the planned order was chosen by the coin; "as kept" is
shown beside it as a second look, labelled as such. A day with nothing logged is unknown, not
calm: it is left out of both the twitches and the days, never counted as zero.

Why the interval comes from pairs, not days: twitches cluster (a bad week is bad all week),
so 42 days are far from 42 independent observations, and a day-level interval would be too
narrow. The design's independent units are its pairs (the coin was tossed once per pair), so
the variance of the log rate ratio is estimated from how much each pair pulls it away from
the overall value: the delta-method (linearised) variance of a ratio of sums with pairs as the
clusters, scaled by k / (k - 1) for k pairs, and read against Student's t with k - 1 degrees
of freedom. This is the same estimator as the effect shown, so the interval always contains
it, and it copes with a period with no twitches better than taking logs of each period's
rate. Simulated on overdispersed, week-clustered logs, its coverage is about 95%
(benchmarks/bench_experiment_calibration.py).

Verdicts: "helped" needs the exact randomisation p < 0.05 *and* the interval below 1; "the
other way" p < 0.05 and the interval above 1; otherwise "no clear difference", with the
smallest fall the experiment would probably (80%) have found. "Not enough data yet" while
fewer than 2 pairs are usable: a pair is usable when both its periods are over and each has
at least max(4, half its analysed days) days logged (4 of 7 or 4 of 5 for a week, 6 of 12
for magnesium's fortnight after the wash-out). A pair short of that is left out whole, named
in the details: dropping both of its periods keeps the randomisation test exact.
"""

from __future__ import annotations

import math
from collections.abc import Iterable, Mapping
from dataclasses import dataclass
from datetime import date, timedelta

from . import wording
from .design import ALPHA, Arm, pairs_needed_for_firm_answer, smallest_p
from .lifecycle import ACTIVE_PHASES, Phase, effective_day, state_on
from .plan import Experiment, PeriodSlot, Status, schedule
from .randomisation import PairTotals, RandomisationResult, randomisation_test
from .results import Adherence, AsKept, DayData, ExperimentAnalysis, PeriodResult, Verdict
from .tdist import t_quantile
from .text import Translate, identity

MIN_LOGGED_DAYS = 4
POWER = 0.80


def min_logged_days(days_analysed: int) -> int:
    return max(MIN_LOGGED_DAYS, math.ceil(days_analysed / 2))


def _by_day(days: Iterable[DayData] | Mapping[date, DayData]) -> dict[date, DayData]:
    values = days.values() if isinstance(days, Mapping) else days
    out: dict[date, DayData] = {}
    for d in values:
        if d.day in out:
            raise ValueError(f"two records for {d.day.isoformat()}")
        out[d.day] = d
    return out


def _period_result(slot: PeriodSlot, data: dict[date, DayData], washout: int) -> PeriodResult:
    analysed = [slot.first_day + timedelta(days=n) for n in range(washout, slot.days_count)]
    logged = [data[d] for d in analysed if d in data and data[d].logged]
    twitches = sum(d.twitches for d in logged)
    marks = [data[d].kept if d in data else None for d in slot.days()]
    return PeriodResult(
        index=slot.index,
        pair=slot.pair,
        arm=slot.arm,
        first_day=slot.first_day,
        last_day=slot.last_day,
        days_analysed=len(analysed),
        days_logged=len(logged),
        twitches=twitches,
        rate=twitches / len(logged) if logged else None,
        enough_logged=len(logged) >= min_logged_days(len(analysed)),
        kept=sum(m is True for m in marks),
        not_kept=sum(m is False for m in marks),
        kept_unknown=sum(m is None for m in marks),
    )


@dataclass(frozen=True, slots=True)
class _Effect:
    ratio: float
    low: float
    high: float
    se: float
    test: RandomisationResult


def _effect(pairs: list[PairTotals]) -> _Effect:
    """Pooled rate ratio, pair-level (linearised) interval, exact randomisation p."""
    k = len(pairs)
    ca = sum(p.change_twitches for p in pairs)
    cb = sum(p.usual_twitches for p in pairs)
    da = sum(p.change_days for p in pairs)
    db = sum(p.usual_days for p in pairs)
    half = 0.5 if ca == 0 or cb == 0 else 0.0  # a side with no twitches: add half to both
    ta, tb = ca + half, cb + half
    ra, rb = ta / da, tb / db
    z = [
        (p.change_twitches - ra * p.change_days) / ta - (p.usual_twitches - rb * p.usual_days) / tb
        for p in pairs
    ]
    mean = sum(z) / k
    se = math.sqrt(k / (k - 1) * sum((v - mean) ** 2 for v in z))
    log_ratio = math.log(ra / rb)
    q = t_quantile(0.975, k - 1)
    return _Effect(
        math.exp(log_ratio),
        math.exp(log_ratio - q * se),
        math.exp(log_ratio + q * se),
        se,
        randomisation_test(pairs),
    )


def analyse(
    exp: Experiment,
    days: Iterable[DayData] | Mapping[date, DayData],
    today: date,
    *,
    change_phrase: str | None = None,
    washout_days: int | None = None,
    tr: Translate = identity,
) -> ExperimentAnalysis:
    """Analyse the periods that are over by `today` (a "so far" answer while it runs).

    `change_phrase` names the change for the sentences ("no caffeine after 12:00", from the
    knowledge base); `washout_days` overrides the experiment's setting for a what-if view.
    """
    washout = exp.washout_days if washout_days is None else washout_days
    if not 0 <= washout <= exp.period_days - MIN_LOGGED_DAYS:
        raise ValueError("the wash-out must leave at least 4 days of each period")
    data = _by_day(days)
    phase = state_on(exp, today, tr).phase
    cutoff = effective_day(exp, today)
    if exp.status is Status.STOPPED and exp.stopped_on is not None:
        cutoff = min(cutoff, exp.stopped_on)
    done = [p for p in schedule(exp).periods if p.end_day <= cutoff]
    results = tuple(_period_result(p, data, washout) for p in done)
    by_pair: dict[int, list[PeriodResult]] = {}
    for r in results:
        by_pair.setdefault(r.pair, []).append(r)
    complete = {j: rs for j, rs in by_pair.items() if len(rs) == 2}
    used = {j: rs for j, rs in complete.items() if all(r.enough_logged for r in rs)}
    left_out = tuple(sorted(set(complete) - set(used)))
    totals = []
    for rs in used.values():
        a = next(r for r in rs if r.arm is Arm.CHANGE)
        b = next(r for r in rs if r.arm is Arm.USUAL)
        totals.append(PairTotals(a.twitches, a.days_logged, b.twitches, b.days_logged))
    used_results = [r for rs in used.values() for r in rs]
    ca = sum(r.twitches for r in used_results if r.arm is Arm.CHANGE)
    da = sum(r.days_logged for r in used_results if r.arm is Arm.CHANGE)
    cb = sum(r.twitches for r in used_results if r.arm is Arm.USUAL)
    db = sum(r.days_logged for r in used_results if r.arm is Arm.USUAL)

    change_results = [r for r in results if r.arm is Arm.CHANGE]
    adherence = Adherence(
        change_days=sum(r.kept + r.not_kept + r.kept_unknown for r in change_results),
        kept=sum(r.kept for r in change_results),
        not_kept=sum(r.not_kept for r in change_results),
        unknown=sum(r.kept_unknown for r in change_results),
    )
    as_kept = _as_kept(exp, used_results, data, washout)
    k = len(totals)
    effect = _effect(totals) if k >= 2 and ca + cb > 0 else None
    firm = smallest_p(k) < ALPHA
    if effect is None:
        verdict = Verdict.NOT_ENOUGH_DATA
    elif effect.test.p < ALPHA and effect.high < 1.0:
        verdict = Verdict.HELPED
    elif effect.test.p < ALPHA and effect.low > 1.0:
        verdict = Verdict.OTHER_WAY
    else:
        verdict = Verdict.NO_CLEAR_DIFFERENCE
    detectable = None
    if effect is not None and firm:
        reach = t_quantile(0.975, k - 1) + t_quantile(POWER, k - 1)
        detectable = math.exp(-reach * effect.se)
    analysis = ExperimentAnalysis(
        verdict=verdict,
        answer="",
        details=(),
        so_far=phase in ACTIVE_PHASES,
        stopped=phase is Phase.STOPPED,
        periods=results,
        periods_total=len(exp.order),
        pairs_planned=exp.pairs,
        pairs_complete=len(complete),
        pairs_used=k,
        left_out_pairs=left_out,
        twitches_change=ca,
        days_change=da,
        twitches_usual=cb,
        days_usual=db,
        rate_change=ca / da if da else None,
        rate_usual=cb / db if db else None,
        ratio=effect.ratio if effect else None,
        low=effect.low if effect else None,
        high=effect.high if effect else None,
        p_value=effect.test.p_value if effect else None,
        orders_at_least_as_extreme=effect.test.at_least_as_extreme if effect else None,
        orders=effect.test.orders if effect else None,
        firm_answer_possible=firm,
        pairs_needed=pairs_needed_for_firm_answer(),
        detectable_ratio=detectable,
        adherence=adherence,
        as_kept=as_kept,
        washout_days=washout,
        unlogged_days=sum(r.days_analysed - r.days_logged for r in results),
    )
    return wording.with_words(analysis, exp, change_phrase, tr)


def _as_kept(
    exp: Experiment, used: list[PeriodResult], data: dict[date, DayData], washout: int
) -> AsKept | None:
    """Kept change days against as-usual days, both from the pairs used; None if none kept."""
    kept_days = kept_twitches = 0
    for r in used:
        if r.arm is not Arm.CHANGE:
            continue
        for n in range(washout, exp.period_days):
            d = data.get(r.first_day + timedelta(days=n))
            if d is not None and d.logged and d.kept is True:
                kept_days += 1
                kept_twitches += d.twitches
    usual = [r for r in used if r.arm is Arm.USUAL]
    usual_days = sum(r.days_logged for r in usual)
    if not kept_days or not usual_days:
        return None
    kept_rate = kept_twitches / kept_days
    usual_rate = sum(r.twitches for r in usual) / usual_days
    ratio = kept_rate / usual_rate if usual_rate else None
    return AsKept(kept_days, kept_rate, usual_days, usual_rate, ratio)
