"""Who is offered a supplement dose, and which magnesium dose may be used (FACTS.md "Who the
advice is for"; issue 11: never a silent 200 mg).

The widgets and the reminders ask here rather than reading the settings themselves, so the
rule is one rule: under 18, no dose is pre-filled anywhere and no magnesium reminder is
offered or scheduled; a reminder's text and its "Done" use a dose only once the person has
entered one (Ctrl+M asks it the first time).
"""

from __future__ import annotations

from .settings import get_setting

AGE_SETTING = "adult"
CONFIRMED_SETTING = "magnesium_dose_confirmed"


def adult() -> bool | None:
    """18 or over: True, under 18: False, not said: None (both texts are then shown)."""
    return {"yes": True, "no": False}.get(str(get_setting(AGE_SETTING)))


def magnesium_offered() -> bool:
    """A magnesium dose or reminder may be offered: not to someone who said they are under 18."""
    return adult() is not False


def confirmed_magnesium_dose() -> float | None:
    """The dose the person entered themselves; None when they never did (the configured
    default is not theirs) or when they are under 18."""
    if not magnesium_offered() or not get_setting(CONFIRMED_SETTING):
        return None
    return float(get_setting("magnesium_dose_mg"))
