"""How the store writes an instant: whole seconds since the epoch, read back as aware UTC.

One definition for the ORM's column type (`fields.UtcInstantField`) and the plain-SQL reads
(`log_reads`), which must agree to the second.
"""

from __future__ import annotations

from datetime import UTC, datetime


def to_seconds(instant: datetime) -> int:
    if instant.tzinfo is None:
        raise ValueError("UtcInstantField refuses a naive datetime")
    return int(instant.timestamp())


def from_seconds(seconds: int) -> datetime:
    return datetime.fromtimestamp(int(seconds), UTC)
