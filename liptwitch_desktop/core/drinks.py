"""Drink presets with their caffeine (FACTS.md), plus the person's own drinks."""

from __future__ import annotations

import tomllib
from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any


@dataclass(frozen=True)
class Drink:
    id: str
    label: str
    volume_ml: float
    caffeine_mg: float
    custom: bool = False


@cache
def load_presets(path: Path) -> tuple[Drink, ...]:
    with path.open("rb") as fh:
        data = tomllib.load(fh)
    return tuple(
        Drink(d["id"], d["label"], float(d["volume_ml"]), float(d["caffeine_mg"]))
        for d in data["drink"]
    )


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
