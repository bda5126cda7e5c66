"""The main window, built the first time something needs it.

Started with --hidden at login, LipTwitch lives in the tray, and on most days nobody opens
the window: not building it until then keeps ~10 MiB (widgets, the font database) out of the
idle app. Everything else treats this as the window: a call or a read builds it first, an
attribute set before it exists is applied when it is built, and asking whether it is
visible does not build it.
"""

from __future__ import annotations

from collections.abc import Callable
from typing import Any

from PySide6.QtWidgets import QWidget


class WindowOnDemand:
    def __init__(self, build: Callable[[], QWidget]) -> None:
        object.__setattr__(self, "_build", build)
        object.__setattr__(self, "_window", None)
        object.__setattr__(self, "_pending", {})
        object.__setattr__(self, "_on_build", [])

    @property
    def is_built(self) -> bool:
        return self._window is not None

    def built_window(self) -> QWidget | None:
        """The window if it exists, without building it."""
        return self._window

    def get(self) -> QWidget:
        """The window, built now if it was not yet."""
        if self._window is None:
            window = self._build()
            object.__setattr__(self, "_window", window)
            for name, value in self._pending.items():
                setattr(window, name, value)
            self._pending.clear()
            callbacks, self._on_build[:] = list(self._on_build), []
            for callback in callbacks:
                callback(window)
        return self._window

    def when_built(self, callback: Callable[[QWidget], object]) -> None:
        """Run `callback(window)` now if the window exists, else as soon as it is built."""
        if self._window is not None:
            callback(self._window)
        else:
            self._on_build.append(callback)

    def isVisible(self) -> bool:
        return self._window is not None and self._window.isVisible()

    def __getattr__(self, name: str) -> Any:
        return getattr(self.get(), name)

    def __setattr__(self, name: str, value: Any) -> None:
        if self._window is not None:
            setattr(self._window, name, value)
        else:
            self._pending[name] = value


def is_built(window: object) -> bool:
    """False only for a WindowOnDemand that has not built its window yet."""
    return not isinstance(window, WindowOnDemand) or window.is_built
