"""Gathers everything the doctor report needs from the store, as plain core inputs.

The report itself (`core.report.build_report`) never touches the database; this module is the
one place that knows where each input lives: the day series, the entries of the period, the
saved triage results, the reminders' plan adoption, the medicines and the knowledge base.
"""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from dataclasses import replace
from datetime import UTC, date, datetime, time, timedelta, tzinfo

from ..core.analysis.findings import analyse
from ..core.days import day_bounds
from ..core.knowledge import load_knowledge
from ..core.knowledge.base import Knowledge
from ..core.report.build import build_report
from ..core.report.data import (
    Adoption,
    QuestionText,
    RedFlagAnswer,
    ReportData,
    ReportInputs,
    Translate,
    TriageSnapshot,
)
from ..core.report.experiments import ExperimentEntry
from ..core.schedule.specs import ReminderKind
from ..core.triage.answers import answer_in_words
from ..core.triage.history import SavedTriage, after_emergency_text, last_emergency_before
from .aggregates import day_series
from .database.db import db_proxy
from .entries import episodes_between, intakes_between
from .medicines import active_between
from .reminder_store import load_specs, spec_changed_at
from .settings import get_setting, get_time
from .triage_history import list_triage_history

# The trigger analysis reads up to a year before the end of the period: a month alone rarely
# holds enough days to say anything, and more than a year is another story.
ANALYSIS_DAYS = 365

# What a plan item is called on the report, and how keeping it is measured (core kinds).
ADOPTION_LABELS = {
    "caffeine_cutoff": "Caffeine cutoff",
    "magnesium": "Magnesium supplement in the evening",
    "hydration": "Drinking water through the day",
    "checkin": "Daily check-in (sleep, stress)",
    "recovery_plan": "The 3-month recovery plan",
}


def _snapshot(
    saved: SavedTriage, kb: Knowledge, history: Sequence[SavedTriage] = (), zone: tzinfo = UTC
) -> TriageSnapshot:
    """What the report shows of one saved check; `history` (all of them) tells whether an
    emergency came before it."""
    result = saved.result
    titles = {flag.id: flag.title for flag in kb.red_flags}
    said: dict[str, str] = {}
    for reason in result.reasons:
        if reason.red_flag and reason.red_flag not in said:
            said[reason.red_flag] = reason.text
    flags = tuple(
        RedFlagAnswer(flag_id, titles.get(flag_id, flag_id), said.get(flag_id, ""))
        for flag_id in dict.fromkeys((*result.red_flags, *said))
    )
    questions = {q.id: q for q in kb.questions}
    answers: list[tuple[str, str]] = []
    for question_id, value in saved.answers.values.items():
        question = questions.get(question_id)
        if question is None:
            answers.append((question_id, str(value)))
            continue
        try:
            words = answer_in_words(question, value)
        except (KeyError, AssertionError, ValueError):
            words = str(value)
        if words:  # a list nobody ticked (or never saw, after an emergency) says nothing
            answers.append((question.text, words))
    emergency = last_emergency_before(history, saved)
    after = ""
    if emergency is not None:
        after = after_emergency_text(
            kb, result, emergency.created_at, lambda at: _day_words(at.astimezone(zone))
        )
    return TriageSnapshot(
        # Stored in UTC; every time the report prints is the person's own (09:30 BST, not 08:30).
        created_at=saved.created_at.astimezone(zone),
        urgency=result.urgency.value,
        word=result.word,
        headline=result.headline,
        red_flags=flags,
        reasons=tuple(r.text for r in result.reasons),
        answers=tuple(answers),
        emergency_number=result.emergency_number,
        after_emergency=after,
    )


def _day_words(when: datetime) -> str:
    """The report's way of writing a day ("10 Mar 2026")."""
    return f"{when.day} {when:%b %Y}"


def _adoptions(history: Iterable[SavedTriage], kb: Knowledge, zone: tzinfo) -> list[Adoption]:
    """Plan items taken up: ticked on a triage result, or switched on in the reminders."""
    actions = {a.id: a for a in kb.actions}
    found: list[Adoption] = []
    for saved in history:
        day = saved.created_at.astimezone(zone).date()
        for item in saved.adopted:
            action = actions.get(item)
            kind = action.reminder if action is not None else item
            if kind == "recheck":
                continue  # a reminder to re-run the triage is not something tried
            label = ADOPTION_LABELS.get(kind) or (action.label if action else item)
            found.append(Adoption(kind, label, day))
    specs = load_specs()
    recovery = specs.get(ReminderKind.RECOVERY_STEP)
    if recovery is not None and recovery.enabled and recovery.plan_start is not None:
        found.append(
            Adoption("recovery_plan", ADOPTION_LABELS["recovery_plan"], recovery.plan_start)
        )
    for kind in (ReminderKind.MAGNESIUM, ReminderKind.HYDRATION):
        spec = specs.get(kind)
        changed = spec_changed_at(kind)
        # Off by default: switched on means the person chose it (when: its last change).
        if spec is not None and spec.enabled and changed is not None:
            found.append(
                Adoption(kind.value, ADOPTION_LABELS[kind.value], changed.astimezone(zone).date())
            )
    return found


def _first_episode_ever() -> datetime | None:
    row = db_proxy.execute_sql("SELECT MIN(started_at) FROM episode").fetchone()
    return datetime.fromtimestamp(row[0], UTC) if row and row[0] is not None else None


def report_inputs(
    first: date,
    last: date,
    zone: tzinfo,
    day_start: time,
    today: date,
    include_notes: bool = False,
    person_name: str = "",
    birth_date: str = "",
    kb: Knowledge | None = None,
    tr: Translate | None = None,
) -> ReportInputs:
    """Everything `build_report` needs for first..last inclusive (the person's days)."""
    kb = kb or load_knowledge()
    tr = tr or (lambda text: text)
    n_days = (last - first).days + 1
    cutoff = get_time("caffeine_cutoff")
    limit = float(get_setting("caffeine_limit_mg"))
    analysis_first = min(first - timedelta(days=n_days), last - timedelta(days=ANALYSIS_DAYS - 1))
    days = day_series(analysis_first, last, zone, day_start, cutoff)
    start, _ = day_bounds(first, zone, day_start)
    _, end = day_bounds(last, zone, day_start)
    history = [s for s in list_triage_history() if s.created_at < end]
    adoptions = [replace(a, label=tr(a.label)) for a in _adoptions(history, kb, zone)]
    magnesium_from = min((a.since for a in adoptions if a.kind == "magnesium"), default=None)
    analysis_days = [d for d in days if d.day >= last - timedelta(days=ANALYSIS_DAYS - 1)]
    return ReportInputs(
        first=first,
        last=last,
        zone=zone,
        day_start=day_start,
        days=[d for d in days if d.day >= first - timedelta(days=n_days)],
        episodes=episodes_between(start, end),
        intakes=intakes_between(start, end),
        generated_on=today,
        first_episode_ever=_first_episode_ever(),
        triage=[_snapshot(s, kb, history, zone) for s in history],
        analysis=analyse(analysis_days, caffeine_limit_mg=limit),
        medicines=active_between(first, last),
        adoptions=adoptions,
        questions={q.id: QuestionText(q.id, q.text) for q in kb.doctor_questions},
        caffeine_limit_mg=limit,
        caffeine_cutoff=cutoff,
        magnesium_planned_from=magnesium_from,
        recovery_steps=[(s.day_offset, s.title) for s in kb.recovery_plan],
        include_notes=include_notes,
        person_name=person_name,
        birth_date=birth_date,
        tr=tr,
    )


def build_report_for(
    first: date,
    last: date,
    zone: tzinfo,
    day_start: time,
    today: date,
    include_notes: bool = False,
    person_name: str = "",
    birth_date: str = "",
    tr: Translate | None = None,
) -> ReportData:
    """The report for first..last; raises core.report.EmptyPeriod when nothing was logged."""
    data = build_report(
        report_inputs(
            first, last, zone, day_start, today, include_notes, person_name, birth_date, tr=tr
        )
    )
    return replace(data, experiments=_experiments(last, today, zone, tr))


def _experiments(
    last: date, today: date, zone: tzinfo, tr: Translate | None
) -> tuple[ExperimentEntry, ...]:
    """Every experiment begun by the report's last day, oldest first (issue 17)."""
    from ..core.report.experiments import entry_of
    from .experiment_view import view_of
    from .experiments import history

    words = tr or (lambda text: text)
    return tuple(
        entry_of(view_of(s.experiment, today, zone, words), words)
        for s in history()[0]
        if s.experiment.start_day <= last
    )


def default_period(today: date, weeks: int = 4) -> tuple[date, date]:
    """The last `weeks` weeks up to and including today."""
    return today - timedelta(weeks=weeks) + timedelta(days=1), today
