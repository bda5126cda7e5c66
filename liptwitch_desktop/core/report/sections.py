"""Each part of the doctor report, computed from the inputs for the period."""

from __future__ import annotations

import statistics
from collections import Counter
from collections.abc import Sequence
from datetime import date, datetime, time, timedelta, tzinfo

from ..analysis.findings import AnalysisReport, FactorFinding, Verdict
from ..daily import DayRecord
from ..dates import day_text
from ..days import local_day
from ..entries import IntakeKind, Location
from ..limits import whole_limit
from ..plurals import count
from .data import (
    Adoption,
    Factors,
    Finding,
    Headline,
    MedicineEntry,
    Question,
    RedFlagEntry,
    ReportInputs,
    Trend,
    TriageSnapshot,
    TriedEntry,
    WeekPoint,
)

SHORT_SLEEP_HOURS = 7.0
# Below this change in twitching days per week, two periods are "about the same".
SAME_DAYS_PER_WEEK = 0.5
PERSISTENT_DAYS = whole_limit("persistence_days")  # more than 2 weeks -> see a GP
LOWER_LIP = frozenset({Location.LOWER_LEFT, Location.LOWER_CENTRE, Location.LOWER_RIGHT})
MAX_QUESTIONS = 6


# --- building --------------------------------------------------------------------------------


def _median(values: Sequence[float]) -> float | None:
    return float(statistics.median(values)) if values else None


def _mean(values: Sequence[float]) -> float | None:
    return float(statistics.fmean(values)) if values else None


def longest_run(days: Sequence[date]) -> tuple[int, date | None]:
    """Longest run of consecutive calendar days in `days`, and the run's first day."""
    best, best_first = 0, None
    run, run_first, previous = 0, None, None
    for day in sorted(set(days)):
        if previous is not None and day - previous == timedelta(days=1):
            run += 1
        else:
            run, run_first = 1, day
        if run > best:
            best, best_first = run, run_first
        previous = day
    return best, best_first


def _trend(current: float, previous: float | None) -> Trend:
    if previous is None:
        return Trend.NO_EARLIER_DATA
    if abs(current - previous) < SAME_DAYS_PER_WEEK:
        return Trend.SAME
    return Trend.MORE if current > previous else Trend.FEWER


def _headline(
    inputs: ReportInputs, period: Sequence[DayRecord], before: Sequence[DayRecord]
) -> Headline:
    n_days = (inputs.last - inputs.first).days + 1
    twitch_days = [d.day for d in period if d.episodes > 0]
    per_week = len(twitch_days) * 7 / n_days
    previous = None
    if any(d.logged for d in before):
        previous = sum(1 for d in before if d.episodes > 0) * 7 / len(before)
    run, run_first = longest_run(twitch_days)
    eps = sorted(inputs.episodes, key=lambda e: e.started_at)
    where = Counter(e.location for e in eps)
    ordered = tuple(sorted(where.items(), key=lambda kv: (-kv[1], kv[0].value)))
    return Headline(
        days_in_period=n_days,
        episodes=len(eps),
        twitch_days=len(twitch_days),
        days_per_week=per_week,
        previous_days_per_week=previous,
        trend=_trend(per_week, previous),
        longest_run_days=run,
        longest_run_first=run_first,
        first_episode=eps[0].started_at.astimezone(inputs.zone) if eps else None,
        last_episode=eps[-1].started_at.astimezone(inputs.zone) if eps else None,
        first_episode_ever=(
            inputs.first_episode_ever.astimezone(inputs.zone) if inputs.first_episode_ever else None
        ),
        median_duration_s=_median([e.duration_s for e in eps if e.duration_s is not None]),
        median_intensity=_median([e.intensity for e in eps]),
        locations=ordered,
        spread=tuple((loc, n) for loc, n in ordered if loc not in LOWER_LIP),
    )


def _minutes_after_day_start(instant: datetime, inputs: ReportInputs) -> int:
    local = instant.astimezone(inputs.zone)
    start = inputs.day_start.hour * 60 + inputs.day_start.minute
    return (local.hour * 60 + local.minute - start) % (24 * 60)


def _clock(minutes_after_start: float, day_start: time) -> time:
    total = (round(minutes_after_start) + day_start.hour * 60 + day_start.minute) % (24 * 60)
    return time(total // 60, total % 60)


def _factors(inputs: ReportInputs, period: Sequence[DayRecord]) -> Factors:
    logged = [d for d in period if d.logged]
    caffeine = [d.caffeine_mg for d in logged]
    last_drink: dict[date, int] = {}
    magnesium_days: set[date] = set()
    for intake in inputs.intakes:
        day = local_day(intake.taken_at, inputs.zone, inputs.day_start)
        if not inputs.first <= day <= inputs.last:
            continue
        if intake.kind is IntakeKind.CAFFEINE and (intake.caffeine_mg or 0) > 0:
            minutes = _minutes_after_day_start(intake.taken_at, inputs)
            last_drink[day] = max(last_drink.get(day, minutes), minutes)
        elif intake.kind is IntakeKind.MAGNESIUM and (intake.magnesium_mg or 0) > 0:
            magnesium_days.add(day)
    # The nightly dose: what was taken on each magnesium day, summed.
    doses = [d.magnesium_mg for d in period if d.day in magnesium_days]
    median_last = _median(list(last_drink.values()))
    sleep = [d.sleep_hours for d in period if d.sleep_hours is not None]
    stress = [float(d.stress) for d in period if d.stress is not None]
    planned_from = inputs.magnesium_planned_from
    if planned_from is None and magnesium_days:
        planned_from = min(magnesium_days)
    if planned_from is None or planned_from > inputs.last:
        planned, taken = 0, 0
    else:
        start = max(planned_from, inputs.first)
        planned = (inputs.last - start).days + 1
        taken = sum(1 for day in magnesium_days if day >= start)
    return Factors(
        logged_days=len(logged),
        caffeine_mean_mg=_mean(caffeine),
        caffeine_days_over_limit=sum(1 for mg in caffeine if mg > inputs.caffeine_limit_mg),
        caffeine_limit_mg=inputs.caffeine_limit_mg,
        last_caffeine_median=(
            _clock(median_last, inputs.day_start) if median_last is not None else None
        ),
        caffeine_days_after_cutoff=sum(1 for d in period if d.caffeine_after_cutoff),
        sleep_nights=len(sleep),
        sleep_mean_h=_mean(sleep),
        nights_under_7h=sum(1 for h in sleep if h < SHORT_SLEEP_HOURS),
        stress_days=len(stress),
        stress_mean=_mean(stress),
        grinding_nights=sum(1 for d in period if d.grinding),
        magnesium_median_mg=_median(doses),
        magnesium_nights_taken=taken,
        magnesium_nights_planned=planned,
    )


def _findings(analysis: AnalysisReport | None) -> tuple[Finding, ...]:
    if analysis is None:
        return ()

    def supported(f: FactorFinding) -> Finding | None:
        if f.verdict is not Verdict.LINK or f.ratio is None or f.low is None or f.high is None:
            return None
        return Finding(f.label, f.sentence, f.ratio, f.low, f.high, f.days_with, f.days_without)

    return tuple(found for f in analysis.findings if (found := supported(f)) is not None)


def _red_flags(history: Sequence[TriageSnapshot], zone: tzinfo) -> tuple[RedFlagEntry, ...]:
    entries = [
        RedFlagEntry(snap.created_at.astimezone(zone).date(), flag.title, flag.said)
        for snap in history
        for flag in snap.red_flags
    ]
    return tuple(sorted(entries, key=lambda e: e.when, reverse=True))


def _fill(template: str, *values: object) -> str:
    """Put values into a translated template's %1, %2, ... (Qt's placeholder style)."""
    for n, value in enumerate(values, start=1):
        template = template.replace(f"%{n}", str(value))
    return template


def _kept(
    adoption: Adoption, inputs: ReportInputs, period: Sequence[DayRecord], factors: Factors
) -> str:
    tr = inputs.tr
    start = max(adoption.since, inputs.first)
    days = [d for d in period if d.day >= start]
    if adoption.kind == "magnesium":
        return _fill(
            tr("taken %1 of %2 nights"),
            factors.magnesium_nights_taken,
            factors.magnesium_nights_planned,
        )
    if adoption.kind == "caffeine_cutoff":
        with_caffeine = [d for d in days if d.caffeine_mg > 0]
        kept = sum(1 for d in with_caffeine if not d.caffeine_after_cutoff)
        template = tr("no caffeine after the cutoff on %1 of %2 days with caffeine")
        return _fill(template, kept, len(with_caffeine))
    if adoption.kind == "hydration":
        kept = sum(1 for d in days if d.water_ml > 0)
        return _fill(tr("water logged on %1 of %2 days"), kept, len(days))
    if adoption.kind == "checkin":
        kept = sum(1 for d in days if d.sleep_hours is not None or d.stress is not None)
        return _fill(tr("checked in on %1 of %2 days"), kept, len(days))
    if adoption.kind == "recovery_plan":
        reached = [
            title
            for offset, title in sorted(inputs.recovery_steps)
            if adoption.since + timedelta(days=offset) <= inputs.last
        ]
        return _fill(tr("reached “%1”"), reached[-1]) if reached else ""
    return ""


def _tried(
    inputs: ReportInputs, period: Sequence[DayRecord], factors: Factors
) -> tuple[TriedEntry, ...]:
    earliest: dict[str, Adoption] = {}
    for adoption in inputs.adoptions:
        if adoption.since > inputs.last:
            continue
        known = earliest.get(adoption.kind)
        if known is None or adoption.since < known.since:
            earliest[adoption.kind] = adoption
    return tuple(
        TriedEntry(a.label, a.since, _kept(a, inputs, period, factors))
        for a in sorted(earliest.values(), key=lambda a: (a.since, a.label))
    )


def _questions(
    inputs: ReportInputs,
    headline: Headline,
    factors: Factors,
    red_flags: Sequence[RedFlagEntry],
    medicines: Sequence[MedicineEntry],
) -> tuple[Question, ...]:
    """Questions from the knowledge base, each chosen by something in the data (and why)."""
    span_days = 0
    if headline.first_episode_ever is not None and headline.last_episode is not None:
        span_days = (headline.last_episode.date() - headline.first_episode_ever.date()).days + 1
    persistent = span_days > PERSISTENT_DAYS or headline.longest_run_days > PERSISTENT_DAYS
    tr = inputs.tr
    wanted: list[tuple[str, str]] = []
    if red_flags:
        wanted.append(("ask_what_is_it", tr("The triage found a warning sign.")))
    if headline.spread_beyond_lower_lip:
        places = ", ".join(loc.value.replace("_", " ") for loc, _ in headline.spread)
        wanted.append(("ask_spread", _fill(tr("The twitching was also logged at: %1."), places)))
        wanted.append(("ask_imaging", tr("It has spread beyond the lower lip.")))
    elif headline.episodes:
        wanted.append(("ask_spread", tr("So you know what to do if it spreads.")))
    if factors.magnesium_nights_taken:
        why = tr("You take a magnesium supplement; a blood test shows whether you need it.")
    else:
        why = tr("Low magnesium and other electrolytes can cause muscle twitches.")
    wanted.append(("ask_blood_test", why))
    if persistent or red_flags or headline.spread_beyond_lower_lip:
        since = headline.first_episode_ever
        why = (
            _fill(
                tr("Twitching over %1 since %2."),
                count(span_days, tr("day"), tr("days")),
                day_text(since),
            )
            if persistent and since
            else tr("To rule out a nerve or muscle problem.")
        )
        wanted.append(("ask_exam", why))
    new = [m.medicine.name for m in medicines if m.new]
    if new:
        started = _fill(tr("Started during this period: %1."), ", ".join(new))
        wanted.append(("ask_medicine", started))
    elif medicines:
        wanted.append(("ask_medicine", tr("You take medicines that may play a part.")))
    if factors.grinding_nights:
        nights = count(factors.grinding_nights, tr("day"), tr("days"))
        grinding = _fill(tr("Teeth grinding noticed on %1."), nights)
        wanted.append(("ask_dentist", grinding))
    if persistent and headline.twitch_days * 7 / headline.days_in_period >= 3:
        wanted.append(("ask_treatment", tr("It is frequent and has gone on for weeks.")))
    if not red_flags:
        wanted.append(("ask_what_is_it", tr("To know when to come back sooner.")))
    out: list[Question] = []
    seen: set[str] = set()
    for qid, because in wanted:
        text = inputs.questions.get(qid)
        if text is None or qid in seen:
            continue  # not in this knowledge base: the content decides what can be asked
        seen.add(qid)
        out.append(Question(qid, text.text, because))
    return tuple(out[:MAX_QUESTIONS])


def _weeks(inputs: ReportInputs, period: Sequence[DayRecord]) -> tuple[WeekPoint, ...]:
    groups: dict[date, list[DayRecord]] = {}
    for d in period:
        monday = d.day - timedelta(days=d.day.weekday())
        groups.setdefault(max(monday, inputs.first), []).append(d)
    points = []
    for start, days in sorted(groups.items()):
        logged = [d for d in days if d.logged]
        sleep = [d.sleep_hours for d in days if d.sleep_hours is not None]
        points.append(
            WeekPoint(
                start=start,
                days=len(days),
                episodes=sum(d.episodes for d in days),
                twitch_days=sum(1 for d in days if d.episodes > 0),
                caffeine_mean_mg=_mean([d.caffeine_mg for d in logged]),
                sleep_mean_h=_mean(sleep),
            )
        )
    return tuple(points)
