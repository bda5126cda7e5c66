"""Where the shipped resources live, installed or in a source tree.

A wheel carries `resources/` as `liptwitch_desktop/resources` (hatch force-include); a source
checkout or an editable install keeps it at the top of the repository. PyInstaller bundles set
`sys._MEIPASS`. Everything that reads a resource goes through `resources_dir()`.
"""

from __future__ import annotations

import sys
from functools import cache
from pathlib import Path


@cache
def resources_dir() -> Path:
    here = Path(__file__).resolve().parent.parent  # the package, liptwitch_desktop/
    candidates = [here / "resources", here.parent / "resources"]
    bundle = getattr(sys, "_MEIPASS", None)
    if bundle:
        candidates.insert(0, Path(bundle) / "liptwitch_desktop" / "resources")
    for candidate in candidates:
        if (candidate / "knowledge").is_dir():
            return candidate
    raise FileNotFoundError(
        "LipTwitch resources not found; looked in: " + ", ".join(map(str, candidates))
    )


def knowledge_dir() -> Path:
    return resources_dir() / "knowledge"


def icon_path(name: str) -> Path:
    return resources_dir() / "icons" / name


def translations_dir() -> Path:
    return resources_dir() / "i18n"
