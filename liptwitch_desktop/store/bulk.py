"""Bulk writes for demo data, benchmarks and imports: many rows in one transaction."""

from __future__ import annotations

from collections.abc import Iterable, Sequence
from typing import TypeVar

from ..core.demo_data import DemoLog
from ..core.entries import CheckIn as CheckInData
from ..core.entries import Episode as EpisodeData
from ..core.entries import Intake as IntakeData
from .database.db import db_proxy
from .database.models import CheckIn, Episode, Intake
from .entries import _episode_fields, _intake_fields
from .transfer.rowcheck import checked

CHUNK = 500  # below SQLite's bound-parameter limit for our widest table


_Row = TypeVar("_Row")


def _chunks(rows: Sequence[_Row]) -> Iterable[Sequence[_Row]]:
    for start in range(0, len(rows), CHUNK):
        yield rows[start : start + CHUNK]


def insert_all(
    episodes: Iterable[EpisodeData] = (),
    intakes: Iterable[IntakeData] = (),
    checkins: Iterable[CheckInData] = (),
) -> None:
    episode_rows = [_episode_fields(e) for e in episodes]
    intake_rows = [_intake_fields(i) for i in intakes]
    checkin_rows = [
        {
            "day": c.day,
            "sleep_hours": c.sleep_hours,
            "stress": c.stress,
            "grinding": c.grinding,
            "notes": c.notes,
        }
        for c in checkins
    ]
    for model, rows in ((Episode, episode_rows), (Intake, intake_rows), (CheckIn, checkin_rows)):
        for row in rows:
            checked(model, row)
    with db_proxy.atomic():
        for episode_chunk in _chunks(episode_rows):
            Episode.insert_many(episode_chunk).execute()
        for intake_chunk in _chunks(intake_rows):
            Intake.insert_many(intake_chunk).execute()
        for checkin_chunk in _chunks(checkin_rows):
            CheckIn.insert_many(checkin_chunk).on_conflict_replace().execute()


def insert_demo(log: DemoLog) -> None:
    insert_all(log.episodes, log.intakes, log.checkins)


def is_empty() -> bool:
    return not (Episode.select().exists() or Intake.select().exists() or CheckIn.select().exists())
