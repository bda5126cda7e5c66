"""Checks a configured magnesium supplement dose against the upper limits in FACTS.md.

The limits are for elemental magnesium from supplements and medicines (food does not count):
the EU's 250 mg/day (efsa-mg) is the lower one and the most the app ever suggests; the US
350 mg/day (nih-ods-mg) is the line above which a dose needs a doctor's advice.
"""

from __future__ import annotations

import math
from enum import StrEnum

from .limits import limit

EU_UPPER_LIMIT_MG = limit("magnesium_supplement_mg_day")  # efsa-mg
US_UPPER_LIMIT_MG = limit("magnesium_supplement_ul_us_mg_day")  # nih-ods-mg
DEFAULT_DOSE_MG = limit("magnesium_default_dose_mg")  # the article's "take 200mg", below both
SOURCES = ("nih-ods-mg", "efsa-mg")


class DoseCheck(StrEnum):
    OK = "ok"
    ABOVE_EU_250 = "above_eu_250"  # the message names both limits
    ABOVE_US_350 = "above_us_350"  # the message says it needs a doctor's advice


def check_magnesium_dose(mg: float) -> DoseCheck:
    """Classify a daily supplemental dose in mg of elemental magnesium."""
    if not (math.isfinite(mg) and mg > 0):
        raise ValueError(f"a magnesium dose must be a positive number of mg, got {mg}")
    if mg > US_UPPER_LIMIT_MG:
        return DoseCheck.ABOVE_US_350
    if mg > EU_UPPER_LIMIT_MG:
        return DoseCheck.ABOVE_EU_250
    return DoseCheck.OK
