"""What happened besides the daily numbers, as events on the Trends date axis: a medicine
started or stopped, a symptom check's result (by urgency), the recovery plan's start and its
milestones. Each event has its day and a hover text in words.

Pure Python: the Trends page draws them, a test reads them.
"""

from __future__ import annotations

from collections.abc import Callable, Iterable, Sequence
from dataclasses import dataclass
from datetime import date, time, timedelta, tzinfo
from enum import StrEnum

from .days import local_day
from .medicines import Medicine
from .triage.history import SavedTriage

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class EventKind(StrEnum):
    MEDICINE_STARTED = "medicine_started"
    MEDICINE_STOPPED = "medicine_stopped"
    TRIAGE = "triage"
    PLAN_START = "plan_start"
    PLAN_MILESTONE = "plan_milestone"


# The row each kind sits on (top to bottom: medicines, symptom checks, the plan).
LANE = {
    EventKind.MEDICINE_STARTED: 2,
    EventKind.MEDICINE_STOPPED: 2,
    EventKind.TRIAGE: 1,
    EventKind.PLAN_START: 0,
    EventKind.PLAN_MILESTONE: 0,
}


@dataclass(frozen=True, slots=True)
class TrendEvent:
    day: date
    kind: EventKind
    text: str  # the hover text: "Started propranolol 10 mg"
    urgency: str = ""  # for TRIAGE: emergency / doctor_soon / doctor_routine / self_care


@dataclass(frozen=True, slots=True)
class PlanStep:
    day_offset: int
    title: str


def _medicine_name(m: Medicine) -> str:
    return " ".join(p for p in (m.name, m.dose) if p)


def medicine_events(medicines: Iterable[Medicine], tr: Translate = _identity) -> list[TrendEvent]:
    out = []
    for m in medicines:
        name = _medicine_name(m)
        started = tr("Started {name}").format(name=name)
        out.append(TrendEvent(m.started, EventKind.MEDICINE_STARTED, started))
        if m.stopped is not None:
            out.append(
                TrendEvent(
                    m.stopped, EventKind.MEDICINE_STOPPED, tr("Stopped {name}").format(name=name)
                )
            )
    return out


def triage_events(
    history: Iterable[SavedTriage], zone: tzinfo, day_start: time, tr: Translate = _identity
) -> list[TrendEvent]:
    """One event per saved symptom check, on the person's day it was made."""
    out = []
    for saved in history:
        result = saved.result
        out.append(
            TrendEvent(
                local_day(saved.created_at, zone, day_start),
                EventKind.TRIAGE,
                tr("Symptom check: {word}").format(word=result.word),
                result.urgency.value,
            )
        )
    return out


def plan_events(
    plan_start: date | None, steps: Sequence[PlanStep], tr: Translate = _identity
) -> list[TrendEvent]:
    """The plan's first day, then each later step on its day (the first step is the start)."""
    if plan_start is None:
        return []
    ordered = sorted(steps, key=lambda s: s.day_offset)
    first_title = next((s.title for s in ordered if s.day_offset == 0), "")
    start_text = tr("Recovery plan started")
    if first_title:
        start_text += ": " + first_title
    out = [TrendEvent(plan_start, EventKind.PLAN_START, start_text)]
    for step in ordered:
        if step.day_offset <= 0:
            continue
        out.append(
            TrendEvent(
                plan_start + timedelta(days=step.day_offset),
                EventKind.PLAN_MILESTONE,
                tr("Recovery plan: {title}").format(title=step.title),
            )
        )
    return out


def all_events(
    medicines: Iterable[Medicine],
    history: Iterable[SavedTriage],
    plan_start: date | None,
    steps: Sequence[PlanStep],
    zone: tzinfo,
    day_start: time,
    last_day: date,
    tr: Translate = _identity,
) -> tuple[TrendEvent, ...]:
    """Every event up to `last_day` (a milestone still ahead is not drawn), by day."""
    events = [
        *medicine_events(medicines, tr),
        *triage_events(history, zone, day_start, tr),
        *plan_events(plan_start, steps, tr),
    ]
    return tuple(
        sorted((e for e in events if e.day <= last_day), key=lambda e: (e.day, LANE[e.kind]))
    )


def events_on(events: Iterable[TrendEvent], day: date) -> list[TrendEvent]:
    return [e for e in events if e.day == day]
