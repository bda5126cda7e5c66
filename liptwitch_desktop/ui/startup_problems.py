"""The banner that says which parts of LipTwitch could not start, once, on Today.

Each after-paint step runs on its own (app/after_paint.py, run_steps); when some fail, the
person reads one calm banner naming them and why, while everything else works. Nothing is
hidden in a log.
"""

from __future__ import annotations

from pathlib import Path
from typing import Any

from PySide6.QtWidgets import QApplication

from .window_on_demand import is_built


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
    window: Any, failed: list[tuple[str, BaseException]], log: Path | None
) -> None:
    text = startup_problems_text(failed, log)
    if not is_built(window):  # started in the tray: shown when the window is first opened
        window.when_built(lambda built: show_startup_problems(built, failed, log))
        return
    try:
        banners = window.page("today").banners
    except (AttributeError, KeyError, StopIteration):
        return
    except Exception as exc:  # Today cannot be built: a damaged file gets its own offer
        from ..store.database import damage

        if damage.report(exc):
            return
        raise
    banners.show_banner("startup_problems", text, "warning")
