"""Where the day's caffeine stands against the daily limit, and when a drink must ask first.

Apart from the body model (core/caffeine.py) because Today's first frame needs only this: the
limit's colour on the bar, without the model's imports.
"""

from __future__ import annotations

from enum import StrEnum

# "Near the limit" starts at 80% of it (320 of 400 mg; 160 of 200 mg in pregnancy): one more
# ordinary coffee (about 95 mg, usda-fdc) would then take the day over.
NEAR_LIMIT_FRACTION = 0.8


class LimitLevel(StrEnum):
    OK = "ok"
    NEAR = "near"
    OVER = "over"


def limit_level(mg: float, limit_mg: float) -> LimitLevel:
    """Where the day's caffeine stands against the daily limit (over: strictly above it)."""
    if limit_mg <= 0:
        return LimitLevel.OVER if mg > 0 else LimitLevel.OK
    if mg > limit_mg:
        return LimitLevel.OVER
    if mg >= NEAR_LIMIT_FRACTION * limit_mg:
        return LimitLevel.NEAR
    return LimitLevel.OK


def total_if_over(day_total_mg: float, drink_mg: float, limit_mg: float) -> float | None:
    """The day's total with this drink when that total is above the limit, else None.

    Asked of every drink that leaves the day above the limit, not only the first one over:
    each further drink takes the day further over, and the person should know it.
    """
    if drink_mg <= 0:
        return None
    total = day_total_mg + drink_mg
    return total if total > limit_mg else None
