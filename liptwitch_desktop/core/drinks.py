"""Drinks the person can log in one click: the presets (FACTS.md) and their own."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from .knowledge import load_knowledge


@dataclass(frozen=True)
class Drink:
    id: str
    label: str
    volume_ml: float
    caffeine_mg: float
    custom: bool = False


def preset_drinks() -> tuple[Drink, ...]:
    """The presets of the knowledge base (checked there against its schema)."""
    return tuple(Drink(d.id, d.label, d.volume_ml, d.caffeine_mg) for d in load_knowledge().drinks)


def custom_drinks(raw: Any) -> tuple[Drink, ...]:
    """The person's own drinks as stored in the `custom_drinks` setting; bad items skipped."""
    drinks = []
    for item in raw if isinstance(raw, list) else []:
        try:
            drinks.append(
                Drink(
                    f"custom:{item['label']}",
                    str(item["label"]),
                    float(item.get("volume_ml", 0)),
                    float(item["caffeine_mg"]),
                    custom=True,
                )
            )
        except (KeyError, TypeError, ValueError):
            continue
    return tuple(drinks)


def all_drinks(custom_raw: Any) -> list[Drink]:
    """The presets, then the person's own drinks (`custom_raw`: the `custom_drinks` setting)."""
    return list(preset_drinks()) + list(custom_drinks(custom_raw))
