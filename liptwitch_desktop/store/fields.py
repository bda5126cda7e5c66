"""Column types that keep the store's promises: instants are aware UTC, days are ISO dates."""

from __future__ import annotations

from datetime import UTC, datetime

from peewee import BigIntegerField


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
        if value.tzinfo is None:
            raise ValueError("UtcInstantField refuses a naive datetime")
        return int(value.timestamp())

    def python_value(self, value: int | None) -> datetime | None:
        if value is None:
            return None
        return datetime.fromtimestamp(int(value), UTC)
