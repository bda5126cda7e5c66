"""What the log knows that the triage engine can use.

Computed from the store by `core.facts_from_days`; the engine only reads it. An empty log
gives None (unknown), never a misleading zero. `from_json` is the strict door for facts that
come from outside (an answers file): every field is checked for its type and range, so a
`true` day count, a NaN average or a medicine list given as a string is refused in words.
"""

from __future__ import annotations

import math
from collections.abc import Mapping
from dataclasses import asdict, dataclass, fields
from typing import Any

# A weekly average needs at least this many logged days of the 7 (issue 12): one logged day
# is a figure for that day, not for a week.
MIN_LOGGED_DAYS_7D = 4
# The most caffeine a day's figure may say (mg): far above any real intake (about 100 cups of
# coffee; 10 g can kill), so a log fact above it is a wrong figure, refused in words rather
# than echoed at length. Answers stop at 3,000 mg (questions.toml); a log may hold more.
MAX_CAFFEINE_MG_DAY = 10_000
CAFFEINE_FACTS = ("caffeine_mg_per_day_7d", "caffeine_max_mg_7d")
MAX_MEDICINES = 100
MAX_NAME_LENGTH = 200


@dataclass(frozen=True, slots=True)
class ExperimentFact:
    """One finished experiment's answer, for the cause it tested: `weight` raises (helped)
    or lowers (no clear difference, the other way) the cause; the sentence is shown."""

    cause_id: str
    verdict: str
    weight: int
    sentence: str

    def __post_init__(self) -> None:
        if not self.cause_id or not self.sentence.strip() or len(self.sentence) > 400:
            raise ValueError("an experiment fact needs a cause and a sentence of at most 400")
        if self.verdict not in ("helped", "no_clear_difference", "other_way"):
            raise ValueError(f"{_short(self.verdict)} is not an experiment verdict")
        if not -3 <= self.weight <= 3:
            raise ValueError("an experiment's weight is between -3 and 3")


class LogFactsError(ValueError):
    """Log facts from a file that do not fit (wrong type, out of range, unknown key)."""


@dataclass(frozen=True)
class LogFacts:
    caffeine_mg_per_day_7d: float | None
    """Average caffeine per logged day over the last 7 days (mg), or None when nothing was logged.
    """
    sleep_hours_7d: float | None
    """Average hours of sleep a night over the nights logged in the last 7 days, or None."""
    episode_days: int
    """How many distinct local days have at least one episode (last 90 days)."""
    episode_span_days: int
    """Calendar days of the current stretch of twitching, from its first to its last twitch with
    both days counted (1 for a single day, 0 when no stretch is going on); a stretch ends after
    7 twitch-free days in a row."""
    night_share: float | None
    """Share of episodes (0-1) that happened at night, or None without episodes."""
    recent_medicine_names: tuple[str, ...] = ()
    """Medicines logged as started in the last 8 weeks."""
    episode_months_6m: int = 0
    """How many different calendar months of the last 6 (this month and the 5 before) have an
    episode."""
    caffeine_logged_days_7d: int | None = None
    """On how many of the last 7 days anything was logged (the caffeine average counts only those);
    the average is used only with at least 4. None: not stated (an older answers file)."""
    sleep_logged_days_7d: int | None = None
    """How many of the last 7 nights have a sleep figure; the sleep average is used only with at
    least 4. None: not stated."""
    caffeine_max_mg_7d: float | None = None
    """The most caffeine logged on one day of the last 7 (mg), or None. Unlike the average it
    counts whatever the number of logged days: one day at 1,200 mg is one day too many."""
    experiments: tuple[ExperimentFact, ...] = ()
    """The person's own finished experiments (issue 17): a list of {cause_id, verdict (helped,
    no_clear_difference, other_way), weight (-3 to 3), sentence}; may be left out."""

    def __post_init__(self) -> None:
        for name in ("episode_days", "episode_span_days", "episode_months_6m"):
            if getattr(self, name) < 0:
                raise ValueError(f"{name} cannot be negative")
        if self.episode_months_6m > 6:
            raise ValueError("episode_months_6m is at most 6")
        if self.night_share is not None and not 0 <= self.night_share <= 1:
            raise ValueError("night_share must be between 0 and 1")
        for name in (*CAFFEINE_FACTS, "sleep_hours_7d"):
            value = getattr(self, name)
            if value is not None and (not math.isfinite(value) or value < 0):
                raise ValueError(f"{name} must be a finite number, not negative")
        for name in CAFFEINE_FACTS:
            value = getattr(self, name)
            if value is not None and value > MAX_CAFFEINE_MG_DAY:
                raise ValueError(f"{name} is at most {MAX_CAFFEINE_MG_DAY} mg")
        average, peak = self.caffeine_mg_per_day_7d, self.caffeine_max_mg_7d
        if average is not None and peak is not None and peak < average - 0.5:
            raise ValueError("caffeine_max_mg_7d cannot be below caffeine_mg_per_day_7d")
        if self.sleep_hours_7d is not None and self.sleep_hours_7d > 24:
            raise ValueError("sleep_hours_7d is at most 24")
        for name in ("caffeine_logged_days_7d", "sleep_logged_days_7d"):
            value = getattr(self, name)
            if value is not None and not 0 <= value <= 7:
                raise ValueError(f"{name} must be between 0 and 7")

    @property
    def caffeine_weekly(self) -> float | None:
        """The 7-day caffeine average, when enough days were logged to call it one."""
        return _weekly(self.caffeine_mg_per_day_7d, self.caffeine_logged_days_7d)

    @property
    def caffeine_peak(self) -> float | None:
        """The most caffeine logged on one day of the last 7. An older file without the
        day maximum still has the average, and some logged day was at least that much."""
        known = [v for v in (self.caffeine_max_mg_7d, self.caffeine_mg_per_day_7d) if v is not None]
        return max(known) if known else None

    @property
    def sleep_weekly(self) -> float | None:
        """The 7-night sleep average, when enough nights were logged to call it one."""
        return _weekly(self.sleep_hours_7d, self.sleep_logged_days_7d)

    def to_json(self) -> dict[str, Any]:
        data = {f.name: getattr(self, f.name) for f in fields(self)}
        data["recent_medicine_names"] = list(self.recent_medicine_names)
        data["experiments"] = [asdict(e) for e in self.experiments]
        return data

    @classmethod
    def from_json(cls, raw: Any) -> LogFacts:
        """Strictly parse `log_facts` from an answers file (LogFactsError says what is wrong)."""
        if not isinstance(raw, Mapping):
            raise LogFactsError("'log_facts' must be an object")
        known = {f.name for f in fields(cls)}
        unknown = sorted(str(k) for k in raw if k not in known)
        if unknown:
            raise LogFactsError(f"unknown log fact(s): {', '.join(_short(k) for k in unknown)}")
        values: dict[str, Any] = {}
        for name in ("caffeine_mg_per_day_7d", "sleep_hours_7d", "night_share"):
            if name not in raw:
                raise LogFactsError(f"missing log fact {name!r} (it may be null)")
            values[name] = _number_or_none(name, raw[name])
        if "caffeine_max_mg_7d" in raw:
            values["caffeine_max_mg_7d"] = _number_or_none(
                "caffeine_max_mg_7d", raw["caffeine_max_mg_7d"]
            )
        for name in ("episode_days", "episode_span_days"):
            if name not in raw:
                raise LogFactsError(f"missing log fact {name!r}")
            values[name] = _count(name, raw[name], 100_000)
        if "episode_months_6m" in raw:
            values["episode_months_6m"] = _count("episode_months_6m", raw["episode_months_6m"], 6)
        for name in ("caffeine_logged_days_7d", "sleep_logged_days_7d"):
            if raw.get(name) is not None:
                values[name] = _count(name, raw[name], 7)
        values["recent_medicine_names"] = _names(raw.get("recent_medicine_names", []))
        values["experiments"] = _experiments(raw.get("experiments", []))
        try:
            return cls(**values)
        except ValueError as exc:
            raise LogFactsError(str(exc)) from None


def _weekly(average: float | None, logged_days: int | None) -> float | None:
    if average is None:
        return None
    if logged_days is not None and logged_days < MIN_LOGGED_DAYS_7D:
        return None
    return average


def _short(text: object, limit: int = 40) -> str:
    """A value for an error message: repr, cut short (an error never echoes input at length)."""
    shown = repr(text)
    return shown if len(shown) <= limit else shown[: limit - 1] + "…"


def _number_or_none(name: str, value: Any) -> float | None:
    if value is None:
        return None
    if isinstance(value, bool) or not isinstance(value, int | float):
        raise LogFactsError(f"{name} must be a number or null, not {_short(value)}")
    try:
        number = float(value)
    except OverflowError:
        raise LogFactsError(f"{name} is far too large") from None
    if not math.isfinite(number):
        raise LogFactsError(f"{name} must be a finite number")
    return number


def _count(name: str, value: Any, maximum: int) -> int:
    if isinstance(value, bool) or not isinstance(value, int):
        raise LogFactsError(f"{name} must be a whole number of days, not {_short(value)}")
    if not 0 <= value <= maximum:
        raise LogFactsError(f"{name} must be between 0 and {maximum}")
    return value


def _names(value: Any) -> tuple[str, ...]:
    if not isinstance(value, list):
        raise LogFactsError("recent_medicine_names must be a list of names")
    if len(value) > MAX_MEDICINES:
        raise LogFactsError(f"recent_medicine_names holds more than {MAX_MEDICINES} names")
    names: list[str] = []
    for item in value:
        if not isinstance(item, str):
            raise LogFactsError(f"a medicine name must be text, not {_short(item)}")
        name = item.strip()
        if not name:
            raise LogFactsError("a medicine name must not be empty")
        if len(name) > MAX_NAME_LENGTH:
            raise LogFactsError(f"a medicine name is longer than {MAX_NAME_LENGTH} characters")
        if not name.isprintable():
            raise LogFactsError(f"a medicine name holds a control character: {_short(name)}")
        names.append(name)
    return tuple(names)


def _experiments(value: Any) -> tuple[ExperimentFact, ...]:
    if not isinstance(value, list) or len(value) > MAX_MEDICINES:
        raise LogFactsError("experiments must be a list of at most 100")
    out: list[ExperimentFact] = []
    for item in value:
        if not isinstance(item, Mapping) or set(item) != {
            "cause_id",
            "verdict",
            "weight",
            "sentence",
        }:
            raise LogFactsError("an experiment needs cause_id, verdict, weight and sentence")
        if not all(isinstance(item[k], str) for k in ("cause_id", "verdict", "sentence")):
            raise LogFactsError("an experiment's cause_id, verdict and sentence are text")
        if isinstance(item["weight"], bool) or not isinstance(item["weight"], int):
            raise LogFactsError("an experiment's weight is a whole number")
        try:
            out.append(ExperimentFact(**item))
        except ValueError as exc:
            raise LogFactsError(str(exc)) from None
    return tuple(out)
