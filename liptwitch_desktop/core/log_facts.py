"""What the log knows that the triage engine can use.

Computed from the store by another module; the engine only reads it. Every field is optional
in the sense that an empty log gives None (unknown), never a misleading zero.
"""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class LogFacts:
    caffeine_mg_per_day_7d: float | None
    """Average caffeine per day over the last 7 days, or None when nothing was logged."""
    sleep_hours_7d: float | None
    """Average hours of sleep a night over the last 7 days, or None when not logged."""
    episode_days: int
    """How many distinct local days have at least one episode."""
    episode_span_days: int
    """Days from the first to the last logged episode (0 with one day or none)."""
    night_share: float | None
    """Share of episodes (0-1) that happened at night, or None without episodes."""
    recent_medicine_names: tuple[str, ...] = ()
    """Medicines logged as started or changed recently."""

    def __post_init__(self) -> None:
        if self.episode_days < 0 or self.episode_span_days < 0:
            raise ValueError("episode counts cannot be negative")
        if self.night_share is not None and not 0 <= self.night_share <= 1:
            raise ValueError("night_share must be between 0 and 1")
        for name in ("caffeine_mg_per_day_7d", "sleep_hours_7d"):
            value = getattr(self, name)
            if value is not None and value < 0:
                raise ValueError(f"{name} cannot be negative")
