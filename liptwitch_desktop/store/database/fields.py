"""Column types that keep the store's promises: instants are aware UTC, days are ISO dates."""

from __future__ import annotations

from datetime import datetime

from peewee import BigIntegerField

from .instants import from_seconds, to_seconds


class UtcInstantField(BigIntegerField):
    """An instant stored as whole seconds since the epoch (UTC); read back as aware UTC.

    Integers keep range queries and indexes cheap on years of data, and make "which zone was
    this written in" a question that never arises.
    """

    def db_value(self, value: datetime | int | None) -> int | None:
        if value is None:
            return None
        if isinstance(value, int):
            return value
        return to_seconds(value)

    def python_value(self, value: int | None) -> datetime | None:
        if value is None:
            return None
        return from_seconds(value)
