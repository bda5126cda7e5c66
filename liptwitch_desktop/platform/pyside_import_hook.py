"""A cheaper version of the check PySide runs on every module imported after it.

PySide 6 looks for the text "PySide6" in each newly imported module (to support its
`__feature__` switches) with `inspect.getsource`, which decodes and splits the whole file and
leaves it in `linecache`: ~12 ms before the first paint (87 modules) and ~8 MiB of Python
strings in the idle app, for lines only a traceback would ever read. This gives the same
answer from the file's bytes, and whatever the original still has to read (a module without
a .py file) is dropped from the cache afterwards (a traceback reads a file again when needed).

The hook is PySide's internal, so this does nothing if it is not where PySide 6.6-6.11
keep it. Importing this module applies it (the composition root imports it first thing).
"""

from __future__ import annotations

import linecache
import sys
from collections.abc import Callable
from types import ModuleType


def lighten_pyside_import_check() -> bool:
    """Replace PySide's module check; True if it was found (and is now replaced)."""
    feature = sys.modules.get("shibokensupport.feature")
    check: Callable[[ModuleType], bool] | None = getattr(feature, "_mod_uses_pyside", None)
    if feature is None or check is None or getattr(check, "_lightened", False):
        return False

    def uses_pyside(module: ModuleType) -> bool:
        filename = getattr(module, "__file__", None)
        if isinstance(filename, str) and filename.endswith(".py"):
            try:
                with open(filename, "rb") as source:
                    return b"PySide6" in source.read()
            except OSError:
                pass  # let PySide's own check decide
        cached = set(linecache.cache)
        try:
            return check(module)
        finally:
            for name in set(linecache.cache) - cached:
                linecache.cache.pop(name, None)

    # Attributes on a function and on PySide's private module, unknown to any stub: kept.
    uses_pyside._lightened = True  # type: ignore[attr-defined]
    feature._mod_uses_pyside = uses_pyside  # type: ignore[attr-defined]
    return True


lighten_pyside_import_check()
