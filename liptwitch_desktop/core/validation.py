"""Checks on what a person types, field by field, before anything is written.

Each check returns {field name: message}; an empty dict means the entry may be saved. The
dialogs show each message next to its field, so the messages speak to a person.
"""

from __future__ import annotations

from datetime import UTC, datetime, timedelta

from .entries import CheckIn, Episode, Intake, IntakeKind

# A clock a minute fast on another device should not make a fresh entry "in the future".
FUTURE_TOLERANCE = timedelta(minutes=2)
# Nothing before 2000 and nothing from 2100 on: a date typed (or imported) as year 1 would
# make every loop over days (trends, the report, the analysis) walk two thousand years. The
# store's declaration (store/tables, store/setting_rules) holds every stored instant to these.
EARLIEST = datetime(2000, 1, 1, tzinfo=UTC)
LATEST = datetime(2100, 1, 1, tzinfo=UTC)
MAX_EPISODE_S = 7 * 24 * 3600
MAX_CAFFEINE_MG_ONE_DRINK = 1000.0
MAX_MAGNESIUM_MG_ONE_DOSE = 2000.0
MAX_WATER_ML_ONE_DRINK = 5000.0
# The same limits for every kind of entry (and medicines, see core.medicines).
MAX_NOTES = 5000
MAX_TEXT = 200
MAX_TAGS = 50
MAX_TAG_LENGTH = 50

Errors = dict[str, str]


def _check_instant(errors: Errors, name: str, instant: datetime, now: datetime) -> None:
    if instant.tzinfo is None:
        errors[name] = "Internal error: time without a zone."
    elif instant < EARLIEST:
        errors[name] = "Dates before the year 2000 are not accepted."
    elif instant > now + FUTURE_TOLERANCE:
        errors[name] = "This time is in the future. Log what has already happened."


def _check_text(errors: Errors, name: str, text: str, limit: int) -> None:
    if len(text) > limit:
        errors[name] = f"Limited to {limit} characters."


def _check_notes(errors: Errors, notes: str) -> None:
    if len(notes) > MAX_NOTES:
        errors["notes"] = f"Notes are limited to {MAX_NOTES} characters."


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
    _check_text(errors, "activity", episode.activity, MAX_TEXT)
    if len(episode.tags) > MAX_TAGS:
        errors["tags"] = f"At most {MAX_TAGS} tags."
    elif any(len(t) > MAX_TAG_LENGTH or "," in t for t in episode.tags):
        errors["tags"] = f"Each tag is one word or phrase of at most {MAX_TAG_LENGTH} characters."
    _check_notes(errors, episode.notes)
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
    if "label" not in errors:
        _check_text(errors, "label", intake.label, MAX_TEXT)
    _check_notes(errors, intake.notes)
    return errors


def validate_checkin(checkin: CheckIn, now: datetime) -> Errors:
    errors: Errors = {}
    if checkin.sleep_hours is not None and not 0 <= checkin.sleep_hours <= 24:
        errors["sleep_hours"] = "Sleep must be between 0 and 24 hours."
    if checkin.stress is not None and not 0 <= checkin.stress <= 10:
        errors["stress"] = "Stress goes from 0 (none) to 10 (worst)."
    if checkin.day < EARLIEST.date():
        errors["day"] = "Dates before the year 2000 are not accepted."
    elif checkin.day > (now + FUTURE_TOLERANCE).date() + timedelta(days=1):
        errors["day"] = "This day is in the future."
    _check_notes(errors, checkin.notes)
    return errors


def no_future(now: datetime | None) -> datetime:
    """`now`, or a moment so far ahead that nothing is "in the future" (the store's own
    writes check the shape of a row, not the person's clock)."""
    return now if now is not None else datetime(9000, 1, 1, tzinfo=UTC)
