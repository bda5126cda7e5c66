"""What a person logs, as plain immutable records the store returns and the UI shows.

NamedTuples, not frozen dataclasses: these four are built on every start, before the first
paint, and a frozen dataclass costs ~1.5 ms to define (it compiles its methods), a NamedTuple
~0.3 ms. They are used the same way (keyword construction, `._replace` for a changed copy,
immutable, hashable); they are tuples too, which nothing here relies on.
"""

from __future__ import annotations

from datetime import date, datetime
from enum import StrEnum
from typing import NamedTuple


class Location(StrEnum):
    LOWER_LEFT = "lower_left"
    LOWER_CENTRE = "lower_centre"
    LOWER_RIGHT = "lower_right"
    UPPER_LIP = "upper_lip"
    EYELID = "eyelid"
    OTHER = "other"


LOCATION_LABELS: dict[Location, str] = {
    Location.LOWER_LEFT: "Lower lip, left",
    Location.LOWER_CENTRE: "Lower lip, centre",
    Location.LOWER_RIGHT: "Lower lip, right",
    Location.UPPER_LIP: "Upper lip",
    Location.EYELID: "Eyelid",
    Location.OTHER: "Other",
}


class IntakeKind(StrEnum):
    CAFFEINE = "caffeine"
    MAGNESIUM = "magnesium"
    WATER = "water"
    POTASSIUM_FOOD = "potassium_food"
    TRIGGER_FOOD = "trigger_food"


INTAKE_LABELS: dict[IntakeKind, str] = {
    IntakeKind.CAFFEINE: "Drink (caffeine)",
    IntakeKind.MAGNESIUM: "Magnesium",
    IntakeKind.WATER: "Water",
    IntakeKind.POTASSIUM_FOOD: "Potassium-rich food",
    IntakeKind.TRIGGER_FOOD: "Possible trigger food",
}

# The food triggers people report (FACTS.md: no good evidence; the analysis decides).
TRIGGER_FOODS: dict[str, str] = {
    "aspartame": "Aspartame (artificial sweetener)",
    "msg": "MSG",
    "high_sodium": "High-sodium processed food",
}

MAGNESIUM_FORMS: dict[str, str] = {
    "glycinate": "Glycinate",
    "citrate": "Citrate",
    "oxide": "Oxide",
    "malate": "Malate",
    "food": "From food",
    "other": "Other",
}


class Episode(NamedTuple):
    started_at: datetime
    intensity: int = 5
    location: Location = Location.LOWER_CENTRE
    duration_s: int | None = None  # None while the twitch is still going
    activity: str = ""
    notes: str = ""
    tags: tuple[str, ...] = ()
    id: int | None = None

    @property
    def running(self) -> bool:
        return self.duration_s is None


class Intake(NamedTuple):
    taken_at: datetime
    kind: IntakeKind
    label: str = ""
    caffeine_mg: float | None = None
    magnesium_mg: float | None = None  # elemental magnesium, as on the label
    water_ml: float | None = None
    notes: str = ""
    id: int | None = None


class CheckIn(NamedTuple):
    day: date
    sleep_hours: float | None = None
    stress: int | None = None  # 0-10
    grinding: bool = False
    notes: str = ""
    id: int | None = None


class TodaySummary(NamedTuple):
    """What the Today page shows; computed by the store from one day's rows."""

    day: date
    episodes: tuple[Episode, ...] = ()
    caffeine_mg: float = 0.0
    magnesium_mg: float = 0.0
    water_ml: float = 0.0
    last_night_sleep_hours: float | None = None
    checked_in: bool = False
    running_episode: Episode | None = None
    drinks: tuple[Intake, ...] = ()
