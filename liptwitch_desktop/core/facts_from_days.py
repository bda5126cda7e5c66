"""The log-derived facts the triage engine and the Today page need, computed once.

Both read the same per-day series (`DayRecord`) as the plots and the trigger analysis, so the
"7-day caffeine average" in a triage result is the same number the Trends page shows.
"""

from __future__ import annotations

from collections.abc import Callable, Sequence
from dataclasses import dataclass
from datetime import date, timedelta

from liptwitch_desktop.core.daily import DayRecord
from liptwitch_desktop.core.limits import whole_limit
from liptwitch_desktop.core.log_facts import MAX_CAFFEINE_MG_DAY, LogFacts

WINDOW_DAYS = 7
NIGHT_START_HOUR = 22
NIGHT_END_HOUR = 6
# FACTS.md (nhs-twitches): twitching for more than 2 weeks deserves a GP visit. The article's
# 4 weeks is not used anywhere.
PERSISTENCE_DAYS = whole_limit("persistence_days")
# Seven days in a row without a twitch ends a stretch.
GAP_DAYS = 7
# "Coming back for months" (issue 12): episodes in at least 3 different calendar months of the
# last 6 (this month and the 5 before). Calendar months, because that is how a person says
# "for months"; one stretch across a month end counts 2, and a stretch long enough to touch 3
# months is over 2 weeks long anyway, so it is worth a GP visit either way.
MONTHS_WINDOW = whole_limit("recurring_months_window")
RECURRING_MONTHS = whole_limit("recurring_months")
# The triage's other facts look back 90 days (older twitching is another story).
FACTS_WINDOW_DAYS = 90

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


def is_night(hour: int) -> bool:
    """22:00 to 05:59 local time."""
    return hour >= NIGHT_START_HOUR or hour < NIGHT_END_HOUR


def months_window_start(today: date) -> date:
    """The first day of the calendar month 5 months before today's: "the last 6 months"."""
    month = today.month - (MONTHS_WINDOW - 1)
    year = today.year
    while month < 1:
        month += 12
        year -= 1
    return date(year, month, 1)


def log_facts(
    days: Sequence[DayRecord],
    episode_instants_local_hours: Sequence[int],
    today: date,
    recent_medicine_names: tuple[str, ...] = (),
) -> LogFacts:
    """Summarise the log for triage.

    The 7-day averages cover today and the six days before, and average over the days on which
    something was logged: a day with nothing logged is unknown, not a day without coffee. How
    many days that was travels with them, and the engine uses an average as a weekly figure
    only with at least 4 of the 7 days logged. `days` should reach back to
    `months_window_start(today)` for the months count.
    """
    first = today - timedelta(days=WINDOW_DAYS - 1)
    window = [d for d in days if first <= d.day <= today and d.logged]
    caffeine = sum(d.caffeine_mg for d in window) / len(window) if window else None
    # The highest day counts on its own (FACTS.md: a logged 1,200 mg a day), however few days
    # were logged. Capped at what a log fact may say (a figure beyond it is extreme anyway).
    peak = min(max(d.caffeine_mg for d in window), MAX_CAFFEINE_MG_DAY) if window else None
    if caffeine is not None:
        caffeine = min(caffeine, MAX_CAFFEINE_MG_DAY)
    sleeps = [d.sleep_hours for d in window if d.sleep_hours is not None]
    sleep = sum(sleeps) / len(sleeps) if sleeps else None

    months_from = months_window_start(today)
    months = {
        (d.day.year, d.day.month) for d in days if months_from <= d.day <= today and d.episodes
    }
    facts_from = today - timedelta(days=FACTS_WINDOW_DAYS - 1)
    episode_days = sorted({d.day for d in days if d.episodes > 0 and facts_from <= d.day <= today})
    # The same stretch the Today banner speaks of (no 7 twitch-free days in a row, first and
    # last day both counted), so the triage and the banner never give two different numbers.
    stretch = current_stretch(episode_days, today)
    span = (stretch[-1] - stretch[0]).days + 1 if stretch else 0
    hours = list(episode_instants_local_hours)
    night_share = sum(1 for h in hours if is_night(h)) / len(hours) if hours else None
    return LogFacts(
        caffeine_mg_per_day_7d=caffeine,
        sleep_hours_7d=sleep,
        episode_days=len(episode_days),
        episode_span_days=span,
        night_share=night_share,
        recent_medicine_names=recent_medicine_names,
        episode_months_6m=len(months),
        caffeine_logged_days_7d=len(window),
        sleep_logged_days_7d=len(sleeps),
        caffeine_max_mg_7d=peak,
    )


@dataclass(frozen=True, slots=True)
class PersistenceNotice:
    """A calm banner: twitching has gone on long enough to show a GP."""

    first_day: date
    last_day: date
    span_days: int  # calendar days from the first to the last twitch, both included
    episode_days: int
    message: str
    reason: str


def current_stretch(episode_days: Sequence[date], today: date) -> list[date]:
    """The episode days of the stretch still going on today, oldest first.

    A stretch ends at `GAP_DAYS` days in a row without a twitch; if that many have passed since
    the last twitch, nothing is going on and the result is empty.
    """
    ordered = sorted({d for d in episode_days if d <= today})
    if not ordered or (today - ordered[-1]).days >= GAP_DAYS:
        return []
    stretch = [ordered[-1]]
    for d in reversed(ordered[:-1]):
        if (stretch[-1] - d).days - 1 >= GAP_DAYS:
            break
        stretch.append(d)
    stretch.reverse()
    return stretch


def persistence_watch(
    episode_days: Sequence[date], today: date, tr: Translate = _identity
) -> PersistenceNotice | None:
    """A notice when twitching has gone on for more than 2 weeks without a week's break."""
    stretch = current_stretch(episode_days, today)
    if not stretch:
        return None
    span = (stretch[-1] - stretch[0]).days + 1
    if span <= PERSISTENCE_DAYS:
        return None
    since = f"{stretch[0]:%d %B %Y}".lstrip("0")
    message = tr(
        "Your lip has been twitching on and off for {days} days, since {since}. Twitching "
        "that lasts more than 2 weeks is worth a routine visit to your GP. It is not urgent, "
        "and most twitches are harmless, but a doctor can check for causes such as a "
        "medicine or low magnesium."
    ).format(days=span, since=since)
    reason = tr(
        "Why: twitches logged on {n} days between {first} and {last}, never with a full week "
        "free of twitches. The NHS advises seeing a GP when twitching lasts more than 2 weeks."
    ).format(
        n=len(stretch),
        first=f"{stretch[0]:%d %B}".lstrip("0"),
        last=f"{stretch[-1]:%d %B}".lstrip("0"),
    )
    return PersistenceNotice(
        first_day=stretch[0],
        last_day=stretch[-1],
        span_days=span,
        episode_days=len(stretch),
        message=message,
        reason=reason,
    )
