"""`build_report`: the sections put together for one period, with the details bounded so a
report stays a few pages whatever the log holds.
"""

from __future__ import annotations

from collections import Counter
from collections.abc import Sequence
from dataclasses import replace
from datetime import date, datetime, timedelta

from ..analysis.picture import picture, trimmed
from ..daily import DayRecord
from ..days import local_day
from ..entries import Episode
from .data import (
    MAX_COUNT_LINES,
    MAX_EPISODE_LINES,
    MAX_TRIAGE_DETAILS,
    EmptyPeriod,
    EpisodeCount,
    EpisodeLine,
    MedicineEntry,
    ReportData,
    ReportInputs,
)
from .sections import _factors, _findings, _headline, _questions, _red_flags, _tried, _weeks

# The analysis picture on paper: at most this many rows (half a page at 12 pt a row).
MAX_PICTURE_ROWS = 30


def build_report(inputs: ReportInputs) -> ReportData:
    """The report for inputs.first..inputs.last. Raises EmptyPeriod when nothing was logged."""
    if inputs.last < inputs.first:
        raise ValueError("the period ends before it starts")
    n_days = (inputs.last - inputs.first).days + 1
    by_day = {d.day: d for d in inputs.days}
    period = [
        by_day.get(inputs.first + timedelta(days=i))
        or DayRecord(day=inputs.first + timedelta(days=i))
        for i in range(n_days)
    ]
    before_first = inputs.first - timedelta(days=n_days)
    before = [
        by_day.get(before_first + timedelta(days=i))
        or DayRecord(day=before_first + timedelta(days=i))
        for i in range(n_days)
    ]
    if not any(d.logged for d in period) and not inputs.episodes:
        raise EmptyPeriod(f"nothing was logged from {inputs.first} to {inputs.last}")

    headline = _headline(inputs, period, before)
    factors = _factors(inputs, period)
    end = datetime.combine(inputs.last + timedelta(days=1), inputs.day_start, tzinfo=inputs.zone)
    history = sorted(
        (s for s in inputs.triage if s.created_at <= end), key=lambda s: s.created_at, reverse=True
    )
    red_flags = _red_flags(history, inputs.zone)
    medicines = tuple(
        MedicineEntry(m, m.started_during(inputs.first, inputs.last))
        for m in sorted(inputs.medicines, key=lambda m: (m.started, m.name.lower()))
        if m.taken_during(inputs.first, inputs.last)
    )
    if not inputs.include_notes:
        medicines = tuple(MedicineEntry(replace(m.medicine, notes=""), m.new) for m in medicines)
    ordered = sorted(inputs.episodes, key=lambda e: e.started_at)
    listed, earlier = ordered[-MAX_EPISODE_LINES:], ordered[:-MAX_EPISODE_LINES]
    episodes = tuple(
        EpisodeLine(
            when=e.started_at.astimezone(inputs.zone),
            day=local_day(e.started_at, inputs.zone, inputs.day_start),
            duration_s=e.duration_s,
            intensity=e.intensity,
            location=e.location,
            activity=e.activity,
            notes=e.notes if inputs.include_notes else "",
        )
        for e in listed
    )
    analysis = inputs.analysis
    return ReportData(
        first=inputs.first,
        last=inputs.last,
        generated_on=inputs.generated_on,
        person_name=inputs.person_name.strip(),
        birth_date=inputs.birth_date.strip(),
        include_notes=inputs.include_notes,
        headline=headline,
        red_flags=red_flags,
        latest_triage=history[0] if history else None,
        factors=factors,
        findings=_findings(analysis),
        factors_tested=analysis.factors_tested if analysis else 0,
        analysis_days=analysis.days_used if analysis else 0,
        medicines=medicines,
        tried=_tried(inputs, period, factors),
        questions=_questions(inputs, headline, factors, red_flags, medicines),
        episodes=episodes,
        weeks=_weeks(inputs, period),
        triage_history=tuple(history[:MAX_TRIAGE_DETAILS]),
        episodes_total=len(ordered),
        earlier_counts=_counts(earlier, inputs),
        triage_total=len(history),
        picture=(
            trimmed(picture(analysis, inputs.tr), MAX_PICTURE_ROWS)
            if analysis and analysis.factors_tested
            else None
        ),
    )


def _counts(episodes: Sequence[Episode], inputs: ReportInputs) -> tuple[EpisodeCount, ...]:
    """Episodes per day, or per week (from Monday) when there are too many days."""
    per_day = Counter(local_day(e.started_at, inputs.zone, inputs.day_start) for e in episodes)
    if len(per_day) <= MAX_COUNT_LINES:
        return tuple(EpisodeCount(day, 1, n) for day, n in sorted(per_day.items()))
    per_week: Counter[date] = Counter()
    for day, n in per_day.items():
        per_week[day - timedelta(days=day.weekday())] += n
    return tuple(EpisodeCount(monday, 7, n) for monday, n in sorted(per_week.items()))
