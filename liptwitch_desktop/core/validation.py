"""Checks on what a person types, field by field, before anything is written.

Each check returns {field name: message}; an empty dict means the entry may be saved. The
dialogs show each message next to its field, so the messages speak to a person.
"""

from __future__ import annotations

from datetime import datetime, timedelta

from .entries import CheckIn, Episode, Intake, IntakeKind

# A clock a minute fast on another device should not make a fresh entry "in the future".
FUTURE_TOLERANCE = timedelta(minutes=2)
MAX_EPISODE_S = 7 * 24 * 3600
MAX_CAFFEINE_MG_ONE_DRINK = 1000.0
MAX_MAGNESIUM_MG_ONE_DOSE = 2000.0
MAX_WATER_ML_ONE_DRINK = 5000.0

Errors = dict[str, str]


def _check_instant(errors: Errors, name: str, instant: datetime, now: datetime) -> None:
    if instant.tzinfo is None:
        errors[name] = "Internal error: time without a zone."
    elif instant > now + FUTURE_TOLERANCE:
        errors[name] = "This time is in the future. Log what has already happened."


def validate_episode(episode: Episode, now: datetime) -> Errors:
    errors: Errors = {}
    _check_instant(errors, "started_at", episode.started_at, now)
    if not 1 <= episode.intensity <= 10:
        errors["intensity"] = "Intensity goes from 1 (barely noticeable) to 10 (worst)."
    if episode.duration_s is not None:
        if episode.duration_s < 0:
            errors["duration_s"] = "A duration cannot be negative."
        elif episode.duration_s > MAX_EPISODE_S:
            errors["duration_s"] = "An episode longer than 7 days: log separate episodes."
        elif "started_at" not in errors and (
            episode.started_at + timedelta(seconds=episode.duration_s) > now + FUTURE_TOLERANCE
        ):
            errors["duration_s"] = "This episode would end in the future."
    if len(episode.notes) > 5000:
        errors["notes"] = "Notes are limited to 5000 characters."
    return errors


def validate_intake(intake: Intake, now: datetime) -> Errors:
    errors: Errors = {}
    _check_instant(errors, "taken_at", intake.taken_at, now)
    if intake.kind is IntakeKind.CAFFEINE:
        mg = intake.caffeine_mg
        if mg is None or not 0 <= mg <= MAX_CAFFEINE_MG_ONE_DRINK:
            errors["caffeine_mg"] = "Caffeine per drink must be between 0 and 1000 mg."
    elif intake.kind is IntakeKind.MAGNESIUM:
        mg = intake.magnesium_mg
        if mg is None or not 0 < mg <= MAX_MAGNESIUM_MG_ONE_DOSE:
            errors["magnesium_mg"] = "Enter the elemental magnesium from the label (1-2000 mg)."
    elif intake.kind is IntakeKind.WATER:
        ml = intake.water_ml
        if ml is None or not 0 < ml <= MAX_WATER_ML_ONE_DRINK:
            errors["water_ml"] = "Water must be between 1 and 5000 ml."
    elif not intake.label.strip():
        errors["label"] = "Say which food."
    return errors


def validate_checkin(checkin: CheckIn, now: datetime) -> Errors:
    errors: Errors = {}
    if checkin.sleep_hours is not None and not 0 <= checkin.sleep_hours <= 24:
        errors["sleep_hours"] = "Sleep must be between 0 and 24 hours."
    if checkin.stress is not None and not 0 <= checkin.stress <= 10:
        errors["stress"] = "Stress goes from 0 (none) to 10 (worst)."
    if checkin.day > (now + FUTURE_TOLERANCE).date() + timedelta(days=1):
        errors["day"] = "This day is in the future."
    return errors
