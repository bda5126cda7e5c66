"""Where the user's data lives: the platform's app-data folder, or --data-dir."""

from __future__ import annotations

from pathlib import Path

from .. import APP_NAME, ORG_NAME


def default_data_dir() -> Path:
    from PySide6.QtCore import QCoreApplication, QStandardPaths

    QCoreApplication.setOrganizationName(ORG_NAME)
    QCoreApplication.setApplicationName(APP_NAME)
    location = QStandardPaths.writableLocation(QStandardPaths.StandardLocation.AppDataLocation)
    return Path(location) if location else Path.home() / ".local" / "share" / APP_NAME


def resolve_data_dir(data_dir: str | None, demo: bool) -> Path:
    base = Path(data_dir).expanduser().resolve() if data_dir else default_data_dir()
    # Demo data never mixes with real data: its own folder, its own database.
    return base / "demo" if demo else base
