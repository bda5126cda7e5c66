"""Conversions between Qt's date-time widgets and the aware instants the store keeps."""

from __future__ import annotations

from datetime import UTC, datetime, tzinfo

from PySide6.QtCore import QDateTime, QTimeZone


def to_qdatetime(instant: datetime, zone: tzinfo) -> QDateTime:
    local = instant.astimezone(zone)
    return QDateTime.fromSecsSinceEpoch(int(local.timestamp()), QTimeZone.systemTimeZone())


def from_qdatetime(value: QDateTime) -> datetime:
    return datetime.fromtimestamp(value.toSecsSinceEpoch(), UTC)
