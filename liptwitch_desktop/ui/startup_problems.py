"""The banner that says which parts of LipTwitch could not start, once, on Today.

Each after-paint step runs on its own (app/after_paint.py, run_steps); when some fail, the
person reads one calm banner naming them and why, while everything else works. Nothing is
hidden in a log.
"""

from __future__ import annotations

from pathlib import Path
from typing import TYPE_CHECKING

from PySide6.QtWidgets import QApplication

if TYPE_CHECKING:
    from .window_roles import ShowsBanners


def _reason(exc: BaseException) -> str:
    from ..ui.storage_errors import describe

    return describe(exc)


def startup_problems_text(failed: list[tuple[str, BaseException]], log: Path | None) -> str:
    tr = QApplication.translate
    lines = [tr("startup", "Some parts of LipTwitch could not start; the rest works:")]
    lines += [f"• {name}: {_reason(exc)}" for name, exc in failed]
    if log is not None:
        lines.append(tr("startup", "Details are in the log: %1").replace("%1", str(log)))
    return "\n".join(lines)


def show_startup_problems(
    banners: ShowsBanners, failed: list[tuple[str, BaseException]], log: Path | None
) -> None:
    """Started in the tray, `banners` (ui/today_banners) shows it when the window is first
    opened."""
    banners.show_banner("startup_problems", startup_problems_text(failed, log), "warning")
