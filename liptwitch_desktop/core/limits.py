"""The clinical figures of resources/knowledge/limits.toml, for code that needs a number.

The one place each figure is written is limits.toml (with its sources; core.knowledge checks
the file's schema). This reader is the light half of the knowledge loader: only tomllib and
one small file, read once, so modules such as core.caffeine need not load the whole
knowledge base. tests/core/test_one_source_per_figure.py keeps the figures out of the code.
"""

from __future__ import annotations

import tomllib
from functools import cache

from .resources import knowledge_dir


@cache
def _limits() -> dict[str, float]:
    with (knowledge_dir() / "limits.toml").open("rb") as fh:
        raw = tomllib.load(fh)
    return {item["id"]: float(item["value"]) for item in raw["limit"]}


def limit(limit_id: str) -> float:
    """The figure `limit_id` of limits.toml (KeyError for an unknown id)."""
    return _limits()[limit_id]


def whole_limit(limit_id: str) -> int:
    """A figure that counts something (days, months): a whole number in limits.toml."""
    value = limit(limit_id)
    if value != int(value):
        raise ValueError(f"limits.toml: {limit_id} = {value} is not a whole number")
    return int(value)
