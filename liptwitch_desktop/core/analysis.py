"""Which daily factors go with more twitching, said no more strongly than the data allows.

Daily episode counts are overdispersed (some days bring many twitches) and clustered (bad
weeks come together, and so do habits such as late coffee in a busy week). A plain Poisson
interval for a rate ratio ignores both and finds "links" in noise. So each factor's interval
is the widest of three honest variance estimates of the log rate ratio:

* Poisson (the floor: never narrower than this),
* quasi-Poisson (Poisson scaled by the Pearson χ²/df dispersion),
* cluster-robust over 7-day blocks (a sandwich estimator, so week-long streaks of both a habit
  and the twitching are not counted as independent days),

and it is read against a t distribution with one degree of freedom per week block less one.
Many factors are tested at once, so a factor is only called a link when its result survives a
Holm adjustment across every factor that had enough data; a result that is significant on its
own but not after the adjustment is reported as a borderline possible link, never a trigger.
The calibration test (tests/core/test_analysis_calibration.py) checks both claims on
synthetic logs.

Pure standard library: `math` and `statistics`, no numpy.
"""

from __future__ import annotations

import functools
import math
import statistics
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from liptwitch_desktop.core.daily import DayRecord

MIN_DAYS_EACH_SIDE = 7
ALPHA = 0.05
SHORT_SLEEP_HOURS = 7.0
HIGH_STRESS = 7
DEFAULT_CAFFEINE_LIMIT_MG = 400.0
BLOCK_DAYS = 7
# A run of this many days with nothing logged is "away from the app", not calm days.
AWAY_RUN_DAYS = 3

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class Verdict(StrEnum):
    LINK = "link"
    POSSIBLE_LINK = "possible_link"
    NO_CLEAR_LINK = "no_clear_link"
    NOT_ENOUGH_DATA = "not_enough_data"


@dataclass(frozen=True, slots=True)
class FactorFinding:
    """One factor's comparison. Rates are episodes per day; the interval is 95%."""

    factor_id: str
    label: str
    rate_with: float | None
    rate_without: float | None
    ratio: float | None
    low: float | None
    high: float | None
    days_with: int
    days_without: int
    verdict: Verdict
    sentence: str
    p_value: float | None = None


@dataclass(frozen=True, slots=True)
class AnalysisReport:
    findings: tuple[FactorFinding, ...]
    factors_tested: int
    summary: str
    days_used: int


@dataclass(frozen=True, slots=True)
class Factor:
    """A yes/no question about a day; None means the day cannot answer it."""

    factor_id: str
    label: str  # "More than 300 mg caffeine"
    phrase: str  # completes "On days with ..."
    log_hint: str  # what to log to be able to answer
    test: Callable[[DayRecord], bool | None]


# --- the factors -------------------------------------------------------------------------


def _caffeine_above(threshold: float) -> Callable[[DayRecord], bool | None]:
    return lambda d: d.caffeine_mg > threshold


def _short_sleep(d: DayRecord) -> bool | None:
    return None if d.sleep_hours is None else d.sleep_hours < SHORT_SLEEP_HOURS


def _high_stress(d: DayRecord) -> bool | None:
    return None if d.stress is None else d.stress >= HIGH_STRESS


def _food(name: str) -> Callable[[DayRecord], bool | None]:
    return lambda d: name in d.trigger_foods


def build_factors(
    days: Sequence[DayRecord],
    caffeine_limit_mg: float = DEFAULT_CAFFEINE_LIMIT_MG,
    tr: Translate = _identity,
) -> list[Factor]:
    """The same-day factors for this log (the median and the food list depend on it)."""
    caffeine_hint = tr("Log every caffeinated drink, and keep logging on days without any.")
    median = statistics.median([d.caffeine_mg for d in days]) if days else 0.0
    if median > 0:
        above_median = Factor(
            "caffeine_above_median",
            tr("More than {mg} mg caffeine (your median)").format(mg=f"{median:.0f}"),
            tr("more than {mg} mg caffeine").format(mg=f"{median:.0f}"),
            caffeine_hint,
            _caffeine_above(median),
        )
    else:
        above_median = Factor(
            "caffeine_above_median",
            tr("Any caffeine"),
            tr("any caffeine"),
            caffeine_hint,
            _caffeine_above(0.0),
        )
    limit = f"{caffeine_limit_mg:.0f}"
    factors = [
        above_median,
        Factor(
            "caffeine_above_limit",
            tr("More than {mg} mg caffeine").format(mg=limit),
            tr("more than {mg} mg caffeine").format(mg=limit),
            caffeine_hint,
            _caffeine_above(caffeine_limit_mg),
        ),
        Factor(
            "caffeine_after_cutoff",
            tr("Caffeine after your cutoff time"),
            tr("caffeine after your cutoff time"),
            tr("Log the time of each caffeinated drink."),
            lambda d: d.caffeine_after_cutoff,
        ),
        Factor(
            "short_sleep",
            tr("Under 7 hours of sleep"),
            tr("under 7 hours of sleep"),
            tr("Fill in the daily check-in with how long you slept."),
            _short_sleep,
        ),
        Factor(
            "high_stress",
            tr("Stress at 7 or more"),
            tr("stress at 7 or more"),
            tr("Fill in the daily check-in with your stress level."),
            _high_stress,
        ),
        Factor(
            "magnesium_skipped",
            tr("No magnesium taken"),
            tr("no magnesium taken"),
            tr("Log magnesium each time you take it."),
            lambda d: d.magnesium_mg <= 0,
        ),
    ]
    foods = sorted({f for d in days for f in d.trigger_foods})
    for name in foods:
        factors.append(
            Factor(
                f"food:{name}",
                name.replace("_", " ").capitalize(),
                name.replace("_", " "),
                tr("Log foods you suspect on the days you eat them."),
                _food(name),
            )
        )
    return factors


# --- statistics (stdlib only) ------------------------------------------------------------


def _betacf(a: float, b: float, x: float) -> float:
    """Continued fraction for the regularised incomplete beta (modified Lentz)."""
    tiny = 1e-300
    qab, qap, qam = a + b, a + 1.0, a - 1.0
    c, d = 1.0, 1.0 - qab * x / qap
    d = 1.0 / (d if abs(d) > tiny else tiny)
    h = d
    for m in range(1, 300):
        m2 = 2 * m
        aa = m * (b - m) * x / ((qam + m2) * (a + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        h *= d * c
        aa = -(a + m) * (qab + m) * x / ((a + m2) * (qap + m2))
        d = 1.0 + aa * d
        d = 1.0 / (d if abs(d) > tiny else tiny)
        c = 1.0 + aa / c
        c = c if abs(c) > tiny else tiny
        delta = d * c
        h *= delta
        if abs(delta - 1.0) < 1e-14:
            break
    return h


def _betainc(a: float, b: float, x: float) -> float:
    if x <= 0.0:
        return 0.0
    if x >= 1.0:
        return 1.0
    ln = math.lgamma(a + b) - math.lgamma(a) - math.lgamma(b) + a * math.log(x)
    ln += b * math.log1p(-x)
    front = math.exp(ln)
    if x < (a + 1.0) / (a + b + 2.0):
        return front * _betacf(a, b, x) / a
    return 1.0 - front * _betacf(b, a, 1.0 - x) / b


def t_two_sided_p(t: float, df: float) -> float:
    """P(|T| >= |t|) for Student's t with df degrees of freedom."""
    if math.isinf(t):
        return 0.0
    return _betainc(df / 2.0, 0.5, df / (df + t * t))


@functools.lru_cache(maxsize=256)
def t_quantile(p: float, df: float) -> float:
    """The upper quantile q with P(T > q) = 1 - p, for p in (0.5, 1), by bisection."""
    target = 2.0 * (1.0 - p)
    lo, hi = 0.0, 1.0
    while t_two_sided_p(hi, df) > target:
        hi *= 2.0
    for _ in range(100):
        mid = (lo + hi) / 2.0
        if t_two_sided_p(mid, df) > target:
            lo = mid
        else:
            hi = mid
    return (lo + hi) / 2.0


@dataclass(frozen=True, slots=True)
class RateRatio:
    ratio: float
    low: float
    high: float
    p_value: float
    rate_with: float
    rate_without: float


def rate_ratio(
    counts: Sequence[int], exposed: Sequence[bool], blocks: Sequence[int], alpha: float = ALPHA
) -> RateRatio:
    """Rate ratio exposed/unexposed with a (1-alpha) interval that allows for dispersion.

    `blocks` labels each day's 7-day block for the cluster-robust estimate. Both groups must
    be non-empty.
    """
    y1 = [c for c, e in zip(counts, exposed, strict=True) if e]
    y0 = [c for c, e in zip(counts, exposed, strict=True) if not e]
    n1, n0 = len(y1), len(y0)
    s1, s0 = float(sum(y1)), float(sum(y0))
    rate_with, rate_without = s1 / n1, s0 / n0
    # Zero totals would make the log undefined: add half an episode to each side (Haldane).
    if s1 == 0 or s0 == 0:
        s1, s0 = s1 + 0.5, s0 + 0.5
    m1, m0 = s1 / n1, s0 / n0
    log_rr = math.log(m1 / m0)

    var_poisson = 1.0 / s1 + 1.0 / s0

    n = n1 + n0
    chi2 = sum((c - m1) ** 2 / m1 for c in y1) + sum((c - m0) ** 2 / m0 for c in y0)
    phi = chi2 / (n - 2) if n > 2 else 1.0
    var_quasi = max(phi, 1.0) * var_poisson

    score1: dict[int, float] = {}
    score0: dict[int, float] = {}
    for c, e, b in zip(counts, exposed, blocks, strict=True):
        if e:
            score1[b] = score1.get(b, 0.0) + (c - m1)
        else:
            score0[b] = score0.get(b, 0.0) + (c - m0)
    groups = set(score1) | set(score0)
    g = len(groups)
    v1 = sum(v * v for v in score1.values()) / (s1 * s1)
    v0 = sum(v * v for v in score0.values()) / (s0 * s0)
    cov = sum(score1.get(k, 0.0) * score0.get(k, 0.0) for k in groups) / (s1 * s0)
    var_cluster = (g / (g - 1)) * (v1 + v0 - 2.0 * cov) if g > 1 else math.inf

    # Each estimate is read with its own degrees of freedom: days for the model-based ones,
    # week blocks for the cluster-robust one.
    if var_cluster > var_quasi:
        var, df = var_cluster, float(max(g - 1, 1))
    else:
        var, df = var_quasi, float(max(n - 2, 1))
    se = math.sqrt(var)
    q = t_quantile(1.0 - alpha / 2.0, df)
    p_value = t_two_sided_p(log_rr / se, df) if se > 0 else 0.0
    return RateRatio(
        ratio=math.exp(log_rr),
        low=math.exp(log_rr - q * se),
        high=math.exp(log_rr + q * se),
        p_value=p_value,
        rate_with=rate_with,
        rate_without=rate_without,
    )


def holm_passes(p_values: Sequence[float], alpha: float = ALPHA) -> list[bool]:
    """Holm's step-down procedure: which hypotheses are rejected at family-wise alpha."""
    m = len(p_values)
    order = sorted(range(m), key=lambda i: p_values[i])
    passed = [False] * m
    for rank, i in enumerate(order):
        if p_values[i] <= alpha / (m - rank):
            passed[i] = True
        else:
            break
    return passed


# --- which days count --------------------------------------------------------------------


def analysis_days(days: Sequence[DayRecord]) -> list[DayRecord]:
    """The days the analysis may read.

    Inside the logging period a day with nothing logged is a calm day with no caffeine (the
    person logs what happens); but a run of `AWAY_RUN_DAYS` or more empty days means the app
    was not in use, and those days say nothing. Days before the first and after the last
    logged day are outside the log.
    """
    ordered = sorted(days, key=lambda d: d.day)
    logged_idx = [i for i, d in enumerate(ordered) if d.logged]
    if not logged_idx:
        return []
    ordered = ordered[logged_idx[0] : logged_idx[-1] + 1]
    out: list[DayRecord] = []
    run: list[DayRecord] = []
    for d in ordered:
        if d.logged:
            if len(run) < AWAY_RUN_DAYS:
                out.extend(run)
            run = []
            out.append(d)
        else:
            run.append(d)
    return out


# --- the report --------------------------------------------------------------------------


def _fmt(x: float) -> str:
    """One decimal, as people read ratios; two where one would round a bound onto 1.0."""
    if x >= 10:
        return f"{x:.0f}"
    if f"{x:.1f}" == "1.0" and abs(x - 1.0) >= 0.005:
        return f"{x:.2f}"
    return f"{x:.1f}"


def _sentence(
    factor: Factor,
    lagged: bool,
    rr: RateRatio,
    days_with: int,
    days_without: int,
    verdict: Verdict,
    tested: int,
    tr: Translate,
) -> str:
    if lagged:
        opening = tr("On days after a day with {phrase}").format(phrase=factor.phrase)
    else:
        opening = tr("On days with {phrase}").format(phrase=factor.phrase)
    if rr.ratio >= 1:
        core = tr("you logged {ratio} times as many twitches").format(ratio=_fmt(rr.ratio))
    else:
        core = tr("you logged fewer twitches: {ratio} times as many").format(ratio=_fmt(rr.ratio))
    detail = tr("(95% interval {low}–{high}; {n1} days vs {n0} days).").format(
        low=_fmt(rr.low), high=_fmt(rr.high), n1=days_with, n0=days_without
    )
    text = f"{opening} {core} {detail}"
    if verdict is Verdict.LINK:
        return (
            text + " " + tr("This holds even allowing for the {n} factors tested.").format(n=tested)
        )
    if verdict is Verdict.POSSIBLE_LINK:
        return (
            text
            + " "
            + tr(
                "Possible link, borderline: with {n} factors tested, one result like this can "
                "come by chance. Keep logging to see if it holds."
            ).format(n=tested)
        )
    return text + " " + tr("No clear link: the interval includes no difference.")


def _not_enough(
    factor: Factor, lagged: bool, days_with: int, days_without: int, tr: Translate
) -> str:
    label = factor.label if not lagged else tr("{label}, the day before").format(label=factor.label)
    return tr(
        "{label}: not enough data yet ({n1} days with, {n0} days without; {k} of each "
        "needed). {hint}"
    ).format(label=label, n1=days_with, n0=days_without, k=MIN_DAYS_EACH_SIDE, hint=factor.log_hint)


@dataclass(slots=True)
class _Pending:
    factor: Factor
    lagged: bool
    days_with: int
    days_without: int
    rr: RateRatio | None


def analyse(
    days: Sequence[DayRecord],
    caffeine_limit_mg: float = DEFAULT_CAFFEINE_LIMIT_MG,
    tr: Translate = _identity,
) -> AnalysisReport:
    """Compare episode rates on days with and without each factor, same day and day before.

    `tr` translates the sentence templates (the UI passes Qt's translate; the default keeps
    English), so this module stays free of Qt.
    """
    used = analysis_days(days)
    factors = build_factors(used, caffeine_limit_mg, tr)
    by_day = {d.day: d for d in used}
    first = used[0].day if used else date.min

    pending: list[_Pending] = []
    for lagged in (False, True):
        for factor in factors:
            counts: list[int] = []
            exposed: list[bool] = []
            blocks: list[int] = []
            for d in used:
                source = by_day.get(d.day - timedelta(days=1)) if lagged else d
                if source is None:
                    continue
                answer = factor.test(source)
                if answer is None:
                    continue
                counts.append(d.episodes)
                exposed.append(answer)
                blocks.append((d.day - first).days // BLOCK_DAYS)
            n1 = sum(exposed)
            n0 = len(exposed) - n1
            rr = None
            if n1 >= MIN_DAYS_EACH_SIDE and n0 >= MIN_DAYS_EACH_SIDE and sum(counts) > 0:
                rr = rate_ratio(counts, exposed, blocks)
            pending.append(_Pending(factor, lagged, n1, n0, rr))

    tested = [p for p in pending if p.rr is not None]
    passes = holm_passes([p.rr.p_value for p in tested if p.rr is not None])
    passed_ids = {id(p) for p, ok in zip(tested, passes, strict=True) if ok}

    findings: list[FactorFinding] = []
    for p in pending:
        label = p.factor.label
        fid = p.factor.factor_id
        if p.lagged:
            label = tr("{label}, the day before").format(label=label)
            fid = f"{fid}@day_before"
        if p.rr is None:
            findings.append(
                FactorFinding(
                    fid,
                    label,
                    None,
                    None,
                    None,
                    None,
                    None,
                    p.days_with,
                    p.days_without,
                    Verdict.NOT_ENOUGH_DATA,
                    _not_enough(p.factor, p.lagged, p.days_with, p.days_without, tr),
                )
            )
            continue
        rr = p.rr
        if id(p) in passed_ids:
            verdict = Verdict.LINK
        elif rr.low > 1.0 or rr.high < 1.0:
            verdict = Verdict.POSSIBLE_LINK
        else:
            verdict = Verdict.NO_CLEAR_LINK
        sentence = _sentence(
            p.factor, p.lagged, rr, p.days_with, p.days_without, verdict, len(tested), tr
        )
        findings.append(
            FactorFinding(
                fid,
                label,
                rr.rate_with,
                rr.rate_without,
                rr.ratio,
                rr.low,
                rr.high,
                p.days_with,
                p.days_without,
                verdict,
                sentence,
                rr.p_value,
            )
        )

    order = {Verdict.LINK: 0, Verdict.POSSIBLE_LINK: 1, Verdict.NO_CLEAR_LINK: 2}
    findings.sort(
        key=lambda f: (
            order.get(f.verdict, 3),
            f.p_value if f.p_value is not None else 1.0,
            -(f.days_with + f.days_without),
        )
    )
    return AnalysisReport(
        findings=tuple(findings),
        factors_tested=len(tested),
        summary=_summary(findings, len(tested), len(used), tr),
        days_used=len(used),
    )


def _summary(findings: list[FactorFinding], tested: int, days_used: int, tr: Translate) -> str:
    if days_used == 0:
        return tr(
            "Nothing logged yet. Log your twitches, caffeine, sleep and stress for a few weeks "
            "to see what goes with them."
        )
    if tested == 0:
        return tr(
            "Not enough data yet to compare any factor ({n} days logged). Each factor needs at "
            "least {k} days with it and {k} without, with some twitches logged."
        ).format(n=days_used, k=MIN_DAYS_EACH_SIDE)
    links = [f for f in findings if f.verdict is Verdict.LINK]
    possible = [f for f in findings if f.verdict is Verdict.POSSIBLE_LINK]
    parts = [tr("Compared {n} factors over {d} days.").format(n=tested, d=days_used)]
    if links:
        parts.append(tr("Clear link: {labels}.").format(labels="; ".join(f.label for f in links)))
    else:
        parts.append(tr("No factor shows a clear link yet."))
    if possible:
        parts.append(
            tr("Possible but borderline: {labels}.").format(
                labels="; ".join(f.label for f in possible)
            )
        )
    parts.append(tr("These are associations in your own log, not proof of cause."))
    return " ".join(parts)
