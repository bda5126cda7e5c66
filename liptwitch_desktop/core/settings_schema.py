"""Every setting declared once: key, type, default, label and limits.

The store reads and writes through this declaration (so a value is always the declared type),
and the Settings page builds its form from it, so adding a setting is one entry here.
"""

from __future__ import annotations

from datetime import time
from typing import Any, Literal, NamedTuple

SettingType = Literal["bool", "int", "float", "str", "time", "choice", "json", "country"]


class SettingSpec(NamedTuple):
    # Not a frozen dataclass: this module is read before every first paint, and a
    # NamedTuple is ~1.5 ms cheaper to define (core/entries.py says why).

    key: str
    type: SettingType
    default: Any
    label: str
    section: str = "General"
    help: str = ""
    minimum: float | None = None
    maximum: float | None = None
    suffix: str = ""
    choices: tuple[tuple[str, str], ...] = ()  # (value, label) for "choice"
    visible: bool = True  # False: kept by the app itself, not on the Settings page
    # A supplement dose: not shown (so never pre-filled) to someone under 18 (FACTS.md).
    adult_only: bool = False
    # False: never taken from an import (what this computer has shown, e.g. a safety notice).
    importable: bool = True


class SettingError(ValueError):
    pass


def parse_time(text: str) -> time:
    try:
        hours, minutes = text.split(":")
        return time(int(hours), int(minutes))
    except (ValueError, TypeError) as exc:
        raise SettingError(f"{text!r} is not a time like 21:30") from exc


def format_time(value: time) -> str:
    return f"{value.hour:02d}:{value.minute:02d}"


SETTINGS: tuple[SettingSpec, ...] = (
    # --- General (foundation) ---
    SettingSpec(
        "day_start",
        "time",
        "04:00",
        "My day starts at",
        help="A twitch before this time counts for the evening before.",
    ),
    # An ISO 3166 country, or "" for the system locale's (countries only: "EU" is not one).
    SettingSpec(
        "emergency_country",
        "country",
        "",
        "Emergency number for",
        help="The country whose emergency number the app shows. Automatic follows the system "
        'locale; a country without a number in the app shows "Call your local emergency '
        'number".',
    ),
    SettingSpec(
        "adult",
        "choice",
        "",
        "I am 18 or over",
        help="Supplement doses are for adults: under 18, the app suggests no dose.",
        choices=(("", "Not said"), ("yes", "Yes, 18 or over"), ("no", "No, under 18")),
    ),
    # The first-run questions were answered or skipped (ui/first_run.py).
    SettingSpec("first_run_done", "bool", False, "", visible=False),
    SettingSpec(
        "close_to_tray",
        "bool",
        True,
        "Keep running in the tray when the window is closed (while reminders are on)",
    ),
    SettingSpec("tray_close_notice_shown", "bool", False, "", visible=False),
    # --- Appearance (desktop integration, issue 6) ---
    SettingSpec(
        "color_scheme",
        "choice",
        "",
        "Appearance",
        help="Light or dark. Following the system switches with your desktop.",
        choices=(("", "Follow the system"), ("light", "Light"), ("dark", "Dark")),
    ),
    # --- end Appearance ---
    # --- Caffeine ---
    SettingSpec(
        "caffeine_limit_mg",
        "choice",
        "400",
        "Daily caffeine limit",
        section="Caffeine",
        help="400 mg a day for healthy adults; 200 mg in pregnancy (FDA, EFSA, ACOG).",
        choices=(("400", "400 mg (healthy adults)"), ("200", "200 mg (pregnancy)")),
    ),
    SettingSpec(
        "caffeine_target_mg",
        "int",
        200,
        "My own daily caffeine target",
        section="Caffeine",
        minimum=0,
        maximum=400,
        suffix=" mg",
    ),
    SettingSpec(
        "caffeine_cutoff",
        "time",
        "12:00",
        "No caffeine after",
        section="Caffeine",
        help="400 mg of caffeine taken even 6 hours before bed measurably disturbed sleep "
        "(Drake et al. 2013).",
    ),
    SettingSpec(
        "caffeine_half_life_h",
        "float",
        5.0,
        "Caffeine half-life",
        section="Caffeine",
        help="About 4 hours on average (2-8 h). The default of 5 h is cautious: it errs "
        "toward more caffeine left at bedtime.",
        minimum=2.0,
        maximum=12.0,
        suffix=" h",
    ),
    SettingSpec("bedtime", "time", "23:00", "Usual bedtime", section="Caffeine"),
    SettingSpec("custom_drinks", "json", [], "", section="Caffeine", visible=False),
    # --- Magnesium ---
    SettingSpec(
        "magnesium_dose_mg",
        "int",
        200,
        "My magnesium supplement (elemental)",
        section="Magnesium",
        help="The elemental magnesium on the label. The app never suggests more than 250 mg a "
        "day from supplements (EU limit; the US limit is 350 mg).",
        minimum=1,
        maximum=2000,
        suffix=" mg",
        adult_only=True,
    ),
    SettingSpec(
        "magnesium_form",
        "choice",
        "glycinate",
        "Magnesium form",
        section="Magnesium",
        adult_only=True,
        choices=(
            ("glycinate", "Glycinate"),
            ("citrate", "Citrate"),
            ("oxide", "Oxide"),
            ("malate", "Malate"),
            ("other", "Other"),
        ),
    ),
    # The safety notice was shown here (ui/magnesium_notice.py): an import never sets it.
    SettingSpec("magnesium_notice_shown", "bool", False, "", visible=False, importable=False),
    # A magnesium reminder an import would have switched on, kept off until the notice was
    # shown (store/magnesium_notice.py).
    SettingSpec("magnesium_reminder_held", "bool", False, "", visible=False, importable=False),
    # The person has entered their own dose once (Ctrl+M asks first, never a silent default).
    SettingSpec("magnesium_dose_confirmed", "bool", False, "", visible=False),
    # --- Reminders (reminders helper; per-kind times live in the reminder_setting table) ---
    SettingSpec(
        "reminders_quiet_enabled",
        "bool",
        False,
        "Quiet hours",
        section="Reminders",
        help="No reminders inside these hours; a reminder due then is skipped, not delayed.",
        visible=False,
    ),
    SettingSpec(
        "reminders_quiet_start", "time", "22:00", "Quiet from", section="Reminders", visible=False
    ),
    SettingSpec(
        "reminders_quiet_end", "time", "07:00", "Quiet until", section="Reminders", visible=False
    ),
    # ISO instant (UTC) until which reminders are paused; "" when not paused.
    SettingSpec("reminders_paused_until", "str", "", "", section="Reminders", visible=False),
    # ISO instant (UTC) up to which the running service had dealt with every reminder.
    SettingSpec("reminders_checked_at", "str", "", "", section="Reminders", visible=False),
    # "Snooze" where a notification has room for one button only (reminders/snooze.py).
    SettingSpec(
        "reminders_snooze_default",
        "choice",
        "10",
        "Snooze for",
        section="Reminders",
        choices=(
            ("10", "10 minutes"),
            ("30", "30 minutes"),
            ("60", "1 hour"),
            ("tomorrow", "Until tomorrow"),
        ),
        visible=False,
    ),
    # An ignored reminder is shown once more after this many minutes; 0 is off.
    SettingSpec(
        "reminders_repeat_minutes",
        "int",
        30,
        "Repeat an ignored reminder after",
        section="Reminders",
        minimum=0,
        maximum=240,
        suffix=" min",
        visible=False,
    ),
    SettingSpec(
        "start_at_login",
        "bool",
        False,
        "Start LipTwitch when I log in (hidden in the tray)",
        section="Reminders",
        visible=False,
    ),
    # --- end of Reminders block ---
)

SPECS: dict[str, SettingSpec] = {spec.key: spec for spec in SETTINGS}


def coerce(spec: SettingSpec, value: Any) -> Any:
    """The value as the declared type, or SettingError with a sentence for the person."""
    try:
        if spec.type == "bool":
            if isinstance(value, bool):
                return value
            raise SettingError(f"{spec.key} must be true or false")
        if spec.type == "int":
            number = int(value)
            if isinstance(value, float) and value != number:
                raise SettingError(f"{spec.key} must be a whole number")
            value = number
        elif spec.type == "float":
            value = float(value)
        elif spec.type == "time":
            value = format_time(parse_time(str(value)))
        elif spec.type == "country":
            from .knowledge.countries import normalise

            text = str(value).strip()
            code = normalise(text) if text else ""
            if code is None:
                raise SettingError(f"{text!r} is not a country code (ISO 3166, such as GB)")
            value = code
        elif spec.type in ("str", "choice"):
            value = str(value)
            if spec.type == "choice" and value not in {c for c, _ in spec.choices}:
                raise SettingError(f"{value!r} is not one of the choices for {spec.label}")
        elif spec.type == "json":
            return value
    except (TypeError, ValueError) as exc:
        if isinstance(exc, SettingError):
            raise
        raise SettingError(f"{value!r} is not valid for {spec.label or spec.key}") from exc
    if spec.minimum is not None and value < spec.minimum:
        raise SettingError(f"{spec.label} must be at least {spec.minimum:g}{spec.suffix}")
    if spec.maximum is not None and value > spec.maximum:
        raise SettingError(f"{spec.label} must be at most {spec.maximum:g}{spec.suffix}")
    return value
