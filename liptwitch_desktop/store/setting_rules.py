"""What a setting's value must be beyond its declared type (core.settings_schema).

The settings table's declaration (store/tables) and the settings reads and writes
(store/settings) share these, so a setting an import brings in meets the rules a setting the
app writes meets. Pure and small: the settings are read before the first paint.
"""

from __future__ import annotations

import math
from collections.abc import Callable
from datetime import UTC, datetime
from typing import Any

from ..core.settings_schema import SPECS, SettingError, coerce
from ..core.validation import (
    EARLIEST,
    LATEST,
    MAX_CAFFEINE_MG_ONE_DRINK,
    MAX_TEXT,
    MAX_WATER_ML_ONE_DRINK,
)

MAX_CUSTOM_DRINKS = 100
_DRINK_KEYS = {"label", "caffeine_mg", "volume_ml"}


def _finite_in(value: Any, low: float, high: float) -> bool:
    return (
        isinstance(value, int | float)
        and not isinstance(value, bool)
        and math.isfinite(value)
        and low <= value <= high
    )


def _custom_drinks_rule(value: Any) -> str | None:
    if not isinstance(value, list):
        return "must be a list of drinks"
    if len(value) > MAX_CUSTOM_DRINKS:
        return f"at most {MAX_CUSTOM_DRINKS} own drinks"
    for item in value:
        if not isinstance(item, dict) or not set(item) <= _DRINK_KEYS or "label" not in item:
            return "each drink needs a label and its caffeine (mg)"
        label = item["label"]
        if not isinstance(label, str) or not label.strip() or len(label) > MAX_TEXT:
            return f"each drink needs a label of at most {MAX_TEXT} characters"
        if _bad_text(label):
            return "a drink's label holds characters that are not valid text"
        if not _finite_in(item.get("caffeine_mg"), 0, MAX_CAFFEINE_MG_ONE_DRINK):
            return "a drink's caffeine must be from 0 to 1000 mg"
        if "volume_ml" in item and not _finite_in(item["volume_ml"], 0, MAX_WATER_ML_ONE_DRINK):
            return "a drink's volume must be from 0 to 5000 ml"
    return None


def stored_instant(value: Any) -> datetime | None:
    """An instant setting as the reminder service reads it (aware, UTC); None for "".

    ValueError, with what is wrong, for anything the service could not use: not a date and
    time, no zone, or outside the years every stored instant is held to (a year 9999 with
    -14:00 parses, but cannot be turned into UTC).
    """
    if value == "":
        return None
    try:
        parsed = datetime.fromisoformat(value)
    except (TypeError, ValueError):
        raise ValueError(f"{value!r} is not a date and time"[:120]) from None
    if parsed.tzinfo is None:
        raise ValueError("needs a time zone")
    try:
        instant = parsed.astimezone(UTC)
    except (OverflowError, ValueError):
        instant = None
    if instant is None or not EARLIEST <= instant < LATEST:
        raise ValueError(f"must be a time between the years {EARLIEST.year} and {LATEST.year}")
    return instant


def _instant_text_rule(value: Any) -> str | None:
    try:
        stored_instant(value)
    except ValueError as exc:
        return str(exc)
    return None


def _bad_text(value: str) -> bool:
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return True
    return False


# Rules a setting's declared type cannot say.
SETTING_RULES: dict[str, Callable[[Any], str | None]] = {
    "custom_drinks": _custom_drinks_rule,
    "reminders_paused_until": _instant_text_rule,
    "reminders_checked_at": _instant_text_rule,
}


def check_setting(key: str, value: Any) -> Any:
    """The value as stored for `key`, or SettingError: the declared type, limits and rules."""
    spec = SPECS.get(key)
    if spec is None:
        raise SettingError("unknown setting")
    name = spec.label or key
    if spec.type in ("int", "float"):
        if isinstance(value, bool):
            raise SettingError(f"{name} must be a number")
        if isinstance(value, float) and not math.isfinite(value):
            raise SettingError(f"{name} must be a finite number")
    if spec.type in ("str", "time", "choice"):
        if not isinstance(value, str | int | float) or isinstance(value, bool):
            raise SettingError(f"{name} must be text")
        if isinstance(value, str) and (len(value) > 1000 or _bad_text(value)):
            raise SettingError(f"{name} is not valid text")
    cleaned = coerce(spec, value)
    rule = SETTING_RULES.get(key)
    message = rule(cleaned) if rule is not None else None
    if message:
        raise SettingError(f"{key} {message}")
    return cleaned
