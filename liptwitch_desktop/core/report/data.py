"""The report's inputs and its output, plain frozen dataclasses: what a page may show."""

from __future__ import annotations

from collections.abc import Callable, Mapping, Sequence
from dataclasses import dataclass, field
from datetime import date, datetime, time, tzinfo
from enum import StrEnum

from ..analysis.findings import AnalysisReport
from ..analysis.picture import Picture
from ..caffeine import DAILY_LIMIT_MG
from ..daily import DayRecord
from ..entries import Episode, Intake, Location
from ..medicines import Medicine
from .experiments import ExperimentEntry

# A report stays a few pages whatever the log holds (143,000 episodes in four weeks once
# made 2,152 pages): the details list this many of the most recent episodes and count the
# rest per day (per week past MAX_COUNT_LINES days), and show this many triage results.
MAX_EPISODE_LINES = 500
MAX_COUNT_LINES = 92
MAX_TRIAGE_DETAILS = 20

Translate = Callable[[str], str]


def _identity(text: str) -> str:
    return text


class Trend(StrEnum):
    MORE = "more"
    FEWER = "fewer"
    SAME = "same"
    NO_EARLIER_DATA = "no_earlier_data"


# --- inputs ----------------------------------------------------------------------------------


@dataclass(frozen=True)
class RedFlagAnswer:
    """One red flag a saved triage found, in the words the person answered."""

    flag_id: str
    title: str
    said: str


@dataclass(frozen=True)
class TriageSnapshot:
    """A saved triage result reduced to what the report shows (the store converts to it)."""

    created_at: datetime  # aware, in the person's zone (what the report prints)
    urgency: str  # emergency / doctor_soon / doctor_routine / self_care
    word: str  # "Emergency", "See a doctor today", ...
    headline: str
    red_flags: tuple[RedFlagAnswer, ...] = ()
    reasons: tuple[str, ...] = ()
    answers: tuple[tuple[str, str], ...] = ()  # (question, answer) in words
    emergency_number: str | None = None  # the number the result showed (None: not known)
    # The TIA sentence of a check less urgent than an earlier emergency (FACTS.md, nhs-tia).
    after_emergency: str = ""


@dataclass(frozen=True)
class Adoption:
    """A plan item the person took up: `kind` says how keeping it is measured.

    Known kinds: caffeine_cutoff, magnesium, hydration, checkin, recovery_plan; any other
    kind is listed without a measure.
    """

    kind: str
    label: str
    since: date


@dataclass(frozen=True)
class QuestionText:
    id: str
    text: str


@dataclass(frozen=True)
class ReportInputs:
    first: date
    last: date
    zone: tzinfo
    day_start: time
    # Day records from `first - (last - first + 1)` to `last`: the period before, then this.
    days: Sequence[DayRecord]
    episodes: Sequence[Episode]  # episodes of the period
    intakes: Sequence[Intake]  # intakes of the period (caffeine times, magnesium doses)
    generated_on: date
    first_episode_ever: datetime | None = None
    triage: Sequence[TriageSnapshot] = ()  # up to the end of the period, any order
    analysis: AnalysisReport | None = None
    medicines: Sequence[Medicine] = ()
    adoptions: Sequence[Adoption] = ()
    questions: Mapping[str, QuestionText] = field(default_factory=dict)
    caffeine_limit_mg: float = DAILY_LIMIT_MG
    caffeine_cutoff: time = time(12, 0)
    magnesium_planned_from: date | None = None
    recovery_steps: Sequence[tuple[int, str]] = ()  # (day offset, title), for "now at"
    include_notes: bool = False
    person_name: str = ""
    birth_date: str = ""
    # Translates the sentence templates (with %1 placeholders); the UI passes Qt's translate,
    # so this module stays free of Qt.
    tr: Translate = _identity


# --- outputs ---------------------------------------------------------------------------------


@dataclass(frozen=True)
class Headline:
    days_in_period: int
    episodes: int
    twitch_days: int
    days_per_week: float
    previous_days_per_week: float | None  # None: nothing logged in the period before
    trend: Trend
    longest_run_days: int
    longest_run_first: date | None
    first_episode: datetime | None  # local time, in the period
    last_episode: datetime | None
    first_episode_ever: datetime | None
    median_duration_s: float | None
    median_intensity: float | None
    locations: tuple[tuple[Location, int], ...]  # most frequent first
    spread: tuple[tuple[Location, int], ...]  # places beyond the lower lip

    @property
    def spread_beyond_lower_lip(self) -> bool:
        return bool(self.spread)


@dataclass(frozen=True)
class RedFlagEntry:
    when: date
    title: str
    said: str


@dataclass(frozen=True)
class Factors:
    logged_days: int
    caffeine_mean_mg: float | None
    caffeine_days_over_limit: int
    caffeine_limit_mg: float
    last_caffeine_median: time | None
    caffeine_days_after_cutoff: int
    sleep_nights: int
    sleep_mean_h: float | None
    nights_under_7h: int
    stress_days: int
    stress_mean: float | None
    grinding_nights: int
    magnesium_median_mg: float | None
    magnesium_nights_taken: int
    magnesium_nights_planned: int


@dataclass(frozen=True)
class Finding:
    label: str
    sentence: str
    ratio: float
    low: float
    high: float
    days_with: int
    days_without: int


@dataclass(frozen=True)
class MedicineEntry:
    medicine: Medicine
    new: bool  # started during the period


@dataclass(frozen=True)
class TriedEntry:
    label: str
    since: date
    kept: str  # "taken 20 of 26 nights", "" when there is no measure


@dataclass(frozen=True)
class Question:
    id: str
    text: str
    because: str


@dataclass(frozen=True)
class EpisodeLine:
    when: datetime  # local
    day: date
    duration_s: int | None
    intensity: int
    location: Location
    activity: str
    notes: str  # "" unless notes were included


@dataclass(frozen=True)
class EpisodeCount:
    """Episodes not listed one by one: how many started on a day (or in a week)."""

    start: date  # the day, or the Monday of the week
    days: int  # 1, or 7 when counted per week
    episodes: int


@dataclass(frozen=True)
class WeekPoint:
    start: date  # Monday (or the period's first day for a partial first week)
    days: int
    episodes: int
    twitch_days: int
    caffeine_mean_mg: float | None
    sleep_mean_h: float | None


@dataclass(frozen=True)
class ReportData:
    first: date
    last: date
    generated_on: date
    person_name: str
    birth_date: str
    include_notes: bool
    headline: Headline
    red_flags: tuple[RedFlagEntry, ...]
    latest_triage: TriageSnapshot | None
    factors: Factors
    findings: tuple[Finding, ...]
    factors_tested: int
    analysis_days: int
    medicines: tuple[MedicineEntry, ...]
    tried: tuple[TriedEntry, ...]
    questions: tuple[Question, ...]
    episodes: tuple[EpisodeLine, ...]  # the most recent MAX_EPISODE_LINES, oldest first
    weeks: tuple[WeekPoint, ...]
    triage_history: tuple[TriageSnapshot, ...]  # newest first, at most MAX_TRIAGE_DETAILS
    episodes_total: int = 0
    earlier_counts: tuple[EpisodeCount, ...] = ()  # the episodes before the listed ones
    triage_total: int = 0
    # The trigger analysis as a picture (the Trends page's, smaller); None before any
    # factor could be compared.
    picture: Picture | None = None
    experiments: tuple[ExperimentEntry, ...] = ()  # issue 17: the person's own experiments

    @property
    def has_red_flags(self) -> bool:
        return bool(self.red_flags)

    @property
    def episodes_not_listed(self) -> int:
        return max(0, self.episodes_total - len(self.episodes))

    @property
    def triage_not_shown(self) -> int:
        return max(0, self.triage_total - len(self.triage_history))


class EmptyPeriod(ValueError):
    """Nothing at all was logged in the period: a report would say nothing."""
