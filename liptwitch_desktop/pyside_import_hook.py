"""Keep PySide's import hook from filling linecache with the source of every module.

PySide 6 checks each module imported after it for the text "PySide6" (to support its
`__feature__` switches) with `inspect.getsource`, which leaves the whole source of every
module in `linecache`: ~8 MiB of Python strings in the idle app, for lines only a traceback
would ever read. The check itself is kept; only the cache entries it made are dropped (a
traceback reads the file again when it needs a line).

The hook is PySide's internal, so this does nothing if it is not where PySide 6.6-6.11
keep it.
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType


def forget_sources_read_by_pyside() -> bool:
    """Wrap PySide's module check; True if it was found (and is now wrapped)."""
    feature = sys.modules.get("shibokensupport.feature")
    check: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None or getattr(check, "_forgets_sources", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        cached = set(linecache.cache)
        try:
            return check(module)
        finally:
            for filename in set(linecache.cache) - cached:
                linecache.cache.pop(filename, None)

    uses_pyside._forgets_sources = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True
