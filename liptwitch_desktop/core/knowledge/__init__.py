"""The knowledge base: `resources/knowledge/*.toml` loaded into frozen dataclasses.

The content is data so a clinician can review it without reading Python, and so a content
edit cannot break the wizard silently: every file is checked against a strict schema
(`schema`: unknown keys, missing or duplicate ids, wrong types), built (`build`), and checked
for its cross-references (`check`: ids that do not exist, unknown source ids, a red flag
without a valid urgency, an item not judged against every doctor-today flag, an emergency
number without a source); any problem raises `KnowledgeError` naming the file and item.

Rooms: `model` (the content), `emergency` (numbers by country), `base` (`Knowledge`, looked
up by id), `schema`, `build`, `check`; `countries` (ISO codes and the country of the
environment). This module loads the shipped base once, checked.
"""

from __future__ import annotations

from functools import cache
from pathlib import Path

from .base import Knowledge


def load_knowledge_from(directory: Path) -> Knowledge:
    """Load and check a knowledge base directory (uncached: tests point it at broken copies)."""
    from .build import build
    from .check import validate
    from .schema import read_raw

    kb = build(read_raw(Path(directory)))
    validate(kb)
    return kb


@cache
def load_knowledge() -> Knowledge:
    """The shipped knowledge base, loaded and checked once per process."""
    from liptwitch_desktop.core.resources import knowledge_dir

    return load_knowledge_from(knowledge_dir())
