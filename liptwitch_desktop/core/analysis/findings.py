"""The trigger analysis itself: each factor tested on the days that count, its verdict said
no more strongly than the data allows (see the package docstring), and the summary.
"""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from datetime import date, timedelta
from enum import StrEnum

from liptwitch_desktop.core.daily import DayRecord

from .factors import (
    DEFAULT_CAFFEINE_LIMIT_MG,
    Factor,
    Translate,
    _identity,
    analysis_days,
    build_factors,
)
from .stats import RateRatio, holm_passes, rate_ratio

MIN_DAYS_EACH_SIDE = 7
BLOCK_DAYS = 7


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
    # Plain words for the picture (see Factor.plain / Factor.subject); "" when unknown.
    plain: str = ""
    subject: str = ""
    lagged: bool = False


@dataclass(frozen=True, slots=True)
class AnalysisReport:
    findings: tuple[FactorFinding, ...]
    factors_tested: int
    summary: str
    days_used: int


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


def _plain(factor: Factor, lagged: bool, tr: Translate) -> tuple[str, str, bool]:
    plain = factor.plain or factor.label
    if lagged:
        plain = tr("{label}, the day before").format(label=plain)
    return plain, factor.subject or factor.phrase, lagged


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
                    None,
                    *_plain(p.factor, p.lagged, tr),
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
                *_plain(p.factor, p.lagged, tr),
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
